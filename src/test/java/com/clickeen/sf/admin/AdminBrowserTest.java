package com.clickeen.sf.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.testing.TestService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin UI in a real browser: Debian's headless Chromium driven by Selenium ({@code .ci/run} installs
 * {@code chromium} and {@code chromium-driver} when missing). A failing test leaves a screenshot in
 * {@code target/screenshots}; every page is also captured in {@code target/admin-pages} (the README's
 * pictures in {@code docs/} come from there).
 */
@Tag("browser")
class AdminBrowserTest {
  static TestService svc;
  static WebDriver driver;
  static Path tmpProfile;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      save("target/screenshots", context.getRequiredTestMethod().getName());
    }
  };

  @BeforeAll
  static void start() throws Exception {
    svc = AdminFixtures.start();
    AdminFixtures.seed(svc);
    tmpProfile = Files.createTempDirectory("sf-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Path.of("/usr/bin/chromium").toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + tmpProfile, "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (svc != null) {
      svc.close();
    }
  }

  @BeforeEach
  void loggedIn() {
    open("/admin/review");
    if (driver.getCurrentUrl().endsWith("/admin/login")) {
      login(AdminFixtures.PASSWORD);
    }
  }

  static String url(String path) {
    return "http://127.0.0.1:" + svc.app.port() + path;
  }

  static void open(String path) {
    driver.get(url(path));
  }

  static void login(String password) {
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  static void save(String dir, String name) {
    try {
      Path d = Path.of(dir);
      Files.createDirectories(d);
      Files.write(d.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      System.err.println("screenshot " + name + " not saved: " + e);
    }
  }

  @Test
  void any_admin_page_without_a_session_leads_to_the_login_form_and_the_password_opens_it() {
    driver.manage().deleteAllCookies();
    open("/admin/metrics");
    assertThat(driver.getCurrentUrl()).endsWith("/admin/login");
    save("target/admin-pages", "login");
    login("not-the-password");
    assertThat(driver.findElement(By.cssSelector(".error")).getText()).isEqualTo("Wrong password.");
    login(AdminFixtures.PASSWORD);
    waiting().until(ExpectedConditions.urlContains("/admin/review"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Review queue");
  }

  @Test
  void three_items_are_reviewed_with_the_keyboard_and_never_shown_again() {
    List<String> seen = new java.util.ArrayList<>();
    String[] keys = {"g", "b", "s"};
    for (String key : keys) {
      String id = driver.findElement(By.name("interactionId")).getAttribute("value");
      seen.add(id);
      if (!key.equals("s")) {
        new Actions(driver).sendKeys("h").perform();
      }
      new Actions(driver).sendKeys(key).perform();
      waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), id));
    }
    assertThat(seen).doesNotHaveDuplicates();
    var index = svc.app.backends().interactions();
    assertThat(index.interaction(seen.get(0)).orElseThrow().outcomes().humanReview()).isEqualTo("good");
    assertThat(index.interaction(seen.get(0)).orElseThrow().outcomes().userFeedback()).isEqualTo("helpful");
    assertThat(index.interaction(seen.get(1)).orElseThrow().outcomes().humanReview()).isEqualTo("bad");
    assertThat(index.interaction(seen.get(2)).orElseThrow().outcomes().humanReview()).isNull();
    String next = driver.findElement(By.name("interactionId")).getAttribute("value");
    assertThat(seen).doesNotContain(next);
    assertThat(driver.findElement(By.id("progress")).getText()).startsWith("You have done 3");
  }

  @Test
  void a_prompt_version_is_activated_then_rolled_back() {
    var prompts = svc.app.backends().prompts();
    open("/admin/prompts?agent=" + AdminFixtures.AGENT);
    int before = prompts.activePrompt(AdminFixtures.AGENT).orElseThrow().version();
    int other = before == 1 ? 2 : 1;
    driver.findElement(By.cssSelector("button[data-version='" + other + "']")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
    assertThat(prompts.activePrompt(AdminFixtures.AGENT).orElseThrow().version()).isEqualTo(other);
    driver.findElement(By.cssSelector("button[data-version='" + before + "']")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "v" + before));
    assertThat(prompts.activePrompt(AdminFixtures.AGENT).orElseThrow().version()).isEqualTo(before);
    open("/admin/prompts?agent=" + AdminFixtures.AGENT + "&a=1&b=2");
    assertThat(driver.findElements(By.cssSelector("pre.diff .add"))).isNotEmpty();
  }

  @Test
  void the_metrics_plots_are_drawn_by_uplot() {
    open("/admin/metrics?agent=" + AdminFixtures.AGENT);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#plot-volume canvas")));
    for (String id : List.of("plot-volume", "plot-score", "plot-rates", "plot-cost", "plot-latency")) {
      WebElement canvas = driver.findElement(By.cssSelector("#" + id + " canvas"));
      assertThat(canvas.getSize().getWidth()).as(id).isGreaterThan(100);
      assertThat(canvas.getSize().getHeight()).as(id).isGreaterThan(50);
    }
    // two prompt versions, two series of the mean score (x plus two in uPlot's data)
    Object series = ((JavascriptExecutor) driver).executeScript(
        "return JSON.parse(document.getElementById('plot-score').getAttribute('data-plot')).series.length");
    assertThat(((Number) series).intValue()).isEqualTo(2);
  }

  @Test
  void an_experiment_shows_its_arms_log_and_plot() {
    open("/admin/experiments");
    driver.findElement(By.cssSelector("table.list a")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#plot-metric canvas")));
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("Decision log", "Guardrails", "control");
    save("target/admin-pages", "experiment");
  }

  @Test
  void stored_script_and_javascript_links_render_as_text() {
    for (String path : List.of("/admin/interactions/" + AdminFixtures.XSS_ID, "/admin/interactions?q=click+me",
        "/admin/prompts?agent=" + AdminFixtures.AGENT)) {
      open(path);
      JavascriptExecutor js = (JavascriptExecutor) driver;
      assertThat(js.executeScript("return document.querySelector('main').textContent")).as(path).asString()
          .contains("<script>window.__xss=1</script>");
      assertThat(js.executeScript("return typeof window.__xss")).as(path).isEqualTo("undefined");
      assertThat(driver.findElements(By.cssSelector("main script, main img, a[href^='javascript']"))).as(path).isEmpty();
    }
    open("/admin/interactions/" + AdminFixtures.XSS_ID);
    save("target/admin-pages", "interaction");
  }

  @Test
  void a_post_without_the_csrf_token_is_refused_with_403() throws Exception {
    int active = svc.app.backends().prompts().activePrompt(AdminFixtures.AGENT).orElseThrow().version();
    open("/admin/prompts?agent=" + AdminFixtures.AGENT);
    ((JavascriptExecutor) driver).executeScript(
        "document.querySelectorAll('form[action=\"/admin/prompts/activate\"] input[name=_csrf]').forEach(e => e.remove())");
    driver.findElement(By.cssSelector("button[data-version='" + (active == 1 ? 2 : 1) + "']")).click();
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("403");
    String cookie = Optional.ofNullable(driver.manage().getCookieNamed("sf_admin")).orElseThrow().getValue();
    HttpResponse<String> r = svc.http.send(HttpRequest.newBuilder(URI.create(url("/admin/prompts/activate")))
        .header("Cookie", "sf_admin=" + cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("agent=" + AdminFixtures.AGENT + "&version=1&_csrf=wrong"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(svc.app.backends().prompts().activePrompt(AdminFixtures.AGENT).orElseThrow().version()).isEqualTo(active);
  }

  @Test
  void every_page_renders_without_a_script_error() {
    driver.manage().logs().get("browser"); // what earlier tests left
    for (String page : List.of("review", "interactions", "prompts", "experiments", "metrics", "examples", "jobs",
        "reports")) {
      open("/admin/" + page + (page.equals("prompts") || page.equals("metrics") ? "?agent=" + AdminFixtures.AGENT : ""));
      assertThat(driver.findElement(By.tagName("h1")).getText()).as(page).isNotBlank();
      var logs = driver.manage().logs().get("browser").getAll();
      assertThat(logs).as(page + " console").noneMatch(l -> l.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
      save("target/admin-pages", page);
    }
  }
}
