package com.clickeen.sf.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL guard: every form of an inside address refused with its reason code; no network beyond 127.0.0.1. */
class UrlGuardTest {
  /** DNS answers of the tests: names that point inside, one that points outside, and one that does not exist. */
  static final UrlGuard.HostResolver DNS = host -> {
    Map<String, String> answers = Map.of(
        "public.example", "93.184.216.34",
        "rebind.example", "10.0.0.7",
        "meta.example", "169.254.169.254",
        "v6loop.example", "::1",
        "mapped.example", "::ffff:192.168.1.1",
        "mixed.example", "93.184.216.34,127.0.0.1",
        "ula.example", "fd00:ec2::254",
        "good6.example", "2606:4700::6810:85e5");
    String a = answers.get(host);
    if (a == null) {
      throw new UnknownHostException(host);
    }
    List<InetAddress> out = new java.util.ArrayList<>();
    for (String s : a.split(",")) {
      out.add(InetAddress.ofLiteral(s));
    }
    return out;
  };

  final UrlGuard guard = UrlGuard.withResolver(DNS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://127.0.0.1/, private_ip",
      "http://127.1/, private_ip",
      "http://2130706433/, private_ip",
      "http://0177.0.0.1/, private_ip",
      "http://0x7f.0.0.1/, private_ip",
      "http://0x7f000001/, private_ip",
      "http://017700000001/, private_ip",
      "http://10.0.0.1/, private_ip",
      "http://172.16.5.4/, private_ip",
      "http://192.168.0.10/, private_ip",
      "http://100.64.0.1/, private_ip",
      "http://169.254.169.254/latest/meta-data/, private_ip",
      "http://0.0.0.0/, private_ip",
      "http://0/, private_ip",
      "http://255.255.255.255/, private_ip",
      "http://224.0.0.1/, private_ip",
      "http://[::1]/, private_ip",
      "http://[0:0:0:0:0:0:0:1]/, private_ip",
      "http://[::]/, private_ip",
      "http://[::ffff:127.0.0.1]/, private_ip",
      "http://[::ffff:7f00:1]/, private_ip",
      "http://[::ffff:169.254.169.254]/, private_ip",
      "http://[fe80::1]/, private_ip",
      "http://[fe80::1%25eth0]/, private_ip",
      "http://[fd00:ec2::254]/, private_ip",
      "http://[fc00::1]/, private_ip",
      "http://[64:ff9b::a00:1]/, private_ip",
      "http://[2002:7f00:1::]/, private_ip",
      "http://[ff02::1]/, private_ip",
      "http://%31%32%37.0.0.1/, private_ip",
      "http://127.0.0.1./, private_ip",
      "http://localhost/, localhost_not_allowed",
      "http://LOCALHOST./, localhost_not_allowed",
      "http://app.localhost/, localhost_not_allowed",
      "http://printer.local/, localhost_not_allowed",
      "http://metadata.google.internal/, localhost_not_allowed",
      "http://intranet/, localhost_not_allowed",
      "https://example.com:8080/, port_not_allowed",
      "https://example.com:22/, port_not_allowed",
      "http://example.com:0/, port_not_allowed",
      "https://user:pass@example.com/, userinfo_not_allowed",
      "https://example.com@127.0.0.1/, userinfo_not_allowed",
      "ftp://example.com/file, unsupported_protocol",
      "file:///etc/passwd, unsupported_protocol",
      "javascript:alert(1), unsupported_protocol",
      "gopher://example.com/, unsupported_protocol",
      "http://256.1.1.1/, invalid_url",
      "http://1.2.3.4.5/, invalid_url",
      "http://08.0.0.1/, invalid_url",
      "http://exa_mple.com/, invalid_url",
      "http://[::1/, invalid_url",
      "http://rebind.example/, resolves_to_private_ip",
      "http://meta.example/, resolves_to_private_ip",
      "http://v6loop.example/, resolves_to_private_ip",
      "http://mapped.example/, resolves_to_private_ip",
      "http://mixed.example/, resolves_to_private_ip",
      "http://ula.example/, resolves_to_private_ip",
      "http://nowhere.example/, dns_failed",
  })
  void inside_and_malformed_urls_are_refused_with_their_reason_code(String url, String reason) {
    UrlGuard.Verdict v = guard.check(url);
    assertThat(v.allowed()).as(url).isFalse();
    assertThat(v.reason()).as(url + ": " + v.detail()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://public.example/faq, https://public.example:443/faq",
      "public.example, https://public.example:443/",
      "http://public.example:80/a?b=1, http://public.example:80/a?b=1",
      "https://good6.example/, https://good6.example:443/",
      "http://93.184.216.34/, http://93.184.216.34:80/",
      "http://[2606:4700::6810:85e5]/, http://[2606:4700::6810:85e5]:80/",
      "HTTPS://PUBLIC.EXAMPLE./x, https://public.example:443/x",
  })
  void public_urls_pass_normalized(String url, String normalized) {
    UrlGuard.Verdict v = guard.check(url);
    assertThat(v.allowed()).as(url + ": " + v.detail()).isTrue();
    assertThat(v.uri().toString()).isEqualTo(normalized);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Update my FAQs from https://a.example and https://b.example/faq.| https://a.example,https://b.example/faq",
      "use example.com/about please| example.com/about",
      "see www.example.org, then reply| www.example.org",
      "mail me at bob@example.com| ''",
      "the file config.json is broken| ''",
      "try http://127.0.0.1:8080/x)| http://127.0.0.1:8080/x",
      "open 10.0.0.1/admin| 10.0.0.1/admin",
      "link to javascript:alert(1)| javascript:alert(1)",
      "https://a.example/ and https://a.example| https://a.example/",
  })
  void urls_are_extracted_from_messages(String text, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertThat(UrlExtractor.extract(text)).isEqualTo(want);
  }

  // --- fetching, against a server on 127.0.0.1 that only the test seam admits -------------------------

  HttpServer server;
  InetSocketAddress address;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    address = server.getAddress();
    route("/page", 200, "text/html; charset=utf-8", "<html><head><title>Acme &amp; Co</title><script>var x=1</script>"
        + "<style>p{}</style></head><body><h1>Opening hours</h1><p>Mon&ndash;Fri 9&#8211;17</p></body></html>", null);
    route("/to-page", 302, "text/plain", "", "/page");
    route("/to-private", 302, "text/plain", "", "http://10.0.0.5/");
    route("/to-metadata", 301, "text/plain", "", "http://169.254.169.254/latest/meta-data/");
    route("/to-rebind", 307, "text/plain", "", "http://rebind.example/");
    route("/to-other-port", 302, "text/plain", "", "http://127.0.0.1:1/");
    route("/to-ftp", 302, "text/plain", "", "ftp://example.com/");
    route("/loop", 302, "text/plain", "", "/loop");
    route("/cf", 503, "text/html", "<html><div id=\"cf-wrapper\"><span>Error code 522</span> Cloudflare Ray ID: 1</div></html>", null);
    route("/challenge", 403, "text/html", "<html><head><title>Just a moment...</title></head><body>"
        + "<script src=\"/cdn-cgi/challenge-platform/x\"></script></body></html>", null);
    route("/image", 200, "image/png", "PNG", null);
    route("/missing", 404, "text/html", "<html>nope</html>", null);
    route("/big", 200, "text/plain", "a".repeat(PageFetcher.MAX_BYTES + 5000), null);
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
  }

  void route(String path, int status, String type, String body, String location) {
    server.createContext(path, ex -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", type);
      if (location != null) {
        ex.getResponseHeaders().add("location", location);
      }
      ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
      if (b.length > 0) {
        ex.getResponseBody().write(b);
      }
      ex.close();
    });
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  String local(String path) {
    return "http://127.0.0.1:" + address.getPort() + path;
  }

  PageFetcher seam() {
    return new PageFetcher(UrlGuard.forTestsAllowing(address, DNS));
  }

  @Test
  void without_the_test_seam_the_local_server_is_refused_before_any_connection() throws Exception {
    try (PageFetcher f = new PageFetcher(UrlGuard.withResolver(DNS))) {
      assertThat(f.fetch(local("/page"), Duration.ofSeconds(5)).reason()).isEqualTo("private_ip");
    }
  }

  @Test
  void a_page_is_read_as_text_without_scripts_styles_or_markup_and_redirects_are_followed() throws Exception {
    try (PageFetcher f = seam()) {
      PageFetcher.Result r = f.fetch(local("/to-page"), Duration.ofSeconds(5));
      assertThat(r.ok()).as(r.detail()).isTrue();
      assertThat(r.title()).isEqualTo("Acme & Co");
      assertThat(r.text()).contains("Opening hours").contains("Mon–Fri 9–17").doesNotContain("var x").doesNotContain("<");
      assertThat(r.finalUrl().getPath()).isEqualTo("/page");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/to-private, private_ip",
      "/to-metadata, private_ip",
      "/to-rebind, resolves_to_private_ip",
      "/to-other-port, private_ip",
      "/to-ftp, unsupported_protocol",
      "/loop, too_many_redirects",
      "/cf, cloudflare_error_page",
      "/challenge, challenge_page",
      "/image, unsupported_content_type",
      "/missing, http_error",
  })
  void redirects_inside_and_unusable_pages_are_refused_with_a_reason(String path, String reason) throws Exception {
    try (PageFetcher f = seam()) {
      PageFetcher.Result r = f.fetch(local(path), Duration.ofSeconds(5));
      assertThat(r.ok()).isFalse();
      assertThat(r.reason()).as(r.detail()).isEqualTo(reason);
    }
  }

  @Test
  void a_cloudflare_error_page_reports_the_status_written_on_it() throws Exception {
    try (PageFetcher f = seam()) {
      assertThat(f.fetch(local("/cf"), Duration.ofSeconds(5)).status()).isEqualTo(522);
    }
  }

  @Test
  void bodies_are_cut_at_the_size_cap_and_slow_servers_time_out() throws Exception {
    try (PageFetcher f = seam()) {
      PageFetcher.Result big = f.fetch(local("/big"), Duration.ofSeconds(5));
      assertThat(big.ok()).isTrue();
      assertThat(big.truncated()).isTrue();
      assertThat(big.text()).hasSize(PageFetcher.MAX_TEXT);
      assertThat(f.fetch(local("/slow"), Duration.ofMillis(500)).reason()).isEqualTo("fetch_timeout");
    }
  }
}
