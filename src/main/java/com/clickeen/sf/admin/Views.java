package com.clickeen.sf.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the templates ({@code src/main/jte}) render: one record per page, each with the page's {@link Chrome}.
 * Values are plain; the templates escape every one of them (HTML content type), so nothing here is markup.
 */
public final class Views {
  private Views() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** The frame around every page: title, navigation, the CSRF token of its forms, a one-time message. */
  public record Chrome(String title, String section, String csrf, String reviewer, String flash, boolean plots) {
    public List<NavItem> nav() {
      return List.of(item("Review", "review"), item("Interactions", "interactions"), item("Prompts", "prompts"),
          item("Experiments", "experiments"), item("Metrics", "metrics"), item("Examples", "examples"),
          item("Jobs", "jobs"), item("Reports", "reports"));
    }

    private NavItem item(String label, String path) {
      return new NavItem(label, "/admin/" + path, path.equals(section));
    }
  }

  public record LoginPage(String loginToken, String error) {}

  /** A page with one message; {@code loggedIn} decides whether the navigation is shown. */
  public record MessagePage(Chrome chrome, int status, String message, boolean loggedIn) {}

  /** The metrics page: the chosen agent and range, and its plots. */
  public record MetricsPage(Chrome chrome, List<Option> agents, String from, String to, long interactions,
      List<com.clickeen.sf.admin.Plot> plots) {}

  public record NavItem(String label, String href, boolean active) {}

  /** An option of a select box. */
  public record Option(String value, String label, boolean selected) {}

  public static List<Option> options(List<String> values, String selected) {
    return values.stream().map(v -> new Option(v, v, v.equals(selected))).toList();
  }

  public static String time(long ms) {
    return TIME.format(Instant.ofEpochMilli(ms));
  }

  public static String time(Long ms) {
    return ms == null ? "" : time(ms.longValue());
  }

  public static String day(long ms) {
    return DAY.format(Instant.ofEpochMilli(ms));
  }

  /** A number with {@code digits} decimals, or an empty string for null / not a number. */
  public static String num(Double v, int digits) {
    return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  public static String pct(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "";
  }

  /** A value for a URL's path segment or query (the templates then escape it for the attribute). */
  public static String url(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /** A count that stops at the store's cap, shown as "at least". */
  public static String capped(long n) {
    return n >= com.clickeen.sf.store.Reviews.COUNT_CAP ? String.format(Locale.ROOT, "%,d+", n) : String.valueOf(n);
  }

  public static String yesNo(Boolean b) {
    return b == null ? "–" : b ? "yes" : "no";
  }
}
