package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 items 1 and 4, over raw sockets: malformed HTTP is a 400 in the JSON error shape with at most one
 * log line; the web server's own error pages are JSON too; slow clients meet a head and body deadline; the
 * connection caps keep {@code /healthz} answering.
 */
class HttpHardeningTest {
  @TempDir
  static Path dir;
  static TestService sf;

  @BeforeAll
  static void start() {
    sf = TestService.start(dir, ModelRouter.offlineOnly(), true, Map.of(
        "SF_HTTP_HEAD_TIMEOUT_MS", "600",
        "SF_HTTP_BODY_TIMEOUT_MS", "600",
        "SF_HTTP_MAX_CONNECTIONS", "60",
        "SF_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "40"));
  }

  @AfterAll
  static void stop() {
    sf.close();
  }

  /** Sends raw bytes, then reads until the server closes or 5 s pass; returns what came back. */
  static String raw(String request) throws IOException {
    return raw(request.getBytes(StandardCharsets.ISO_8859_1), true);
  }

  static String raw(byte[] request, boolean halfClose) throws IOException {
    try (Socket s = new Socket("127.0.0.1", sf.app.port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      return readAll(s.getInputStream());
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is the answer
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static int status(String response) {
    assertThat(response).as("no answer").startsWith("HTTP/1.1 ");
    return Integer.parseInt(response.substring(9, 12));
  }

  static JsonNode body(String response) throws Exception {
    return Json.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  static void assertJsonError(String response, int status, String code) throws Exception {
    assertThat(status(response)).as(response).isEqualTo(status);
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).contains("content-type: application/json").contains("cache-control: no-store");
    assertThat(body(response).path("error").path("code").asText()).isEqualTo(code);
    assertThat(body(response).path("error").path("message").asText()).isNotBlank();
  }

  static String post(String headers, String body) {
    return "POST /v1/execute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body;
  }

  static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    return logs;
  }

  static void release(ListAppender<ILoggingEvent> logs) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  // --- item 4 ----------------------------------------------------------------------------------------------

  @Test
  void malformed_chunking_is_400_in_the_json_shape_with_at_most_one_log_line() throws Exception {
    ListAppender<ILoggingEvent> logs = captureLogs();
    try {
      List<String> requests = List.of(
          post("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"),
          post("Transfer-Encoding: chunked\r\n", "2;" + "e".repeat(10 * 1024) + "\r\n{}\r\n0\r\n\r\n"),
          post("Transfer-Encoding: chunked\r\n", "5\r\n{}\r\n0\r\n\r\n"));
      for (String r : requests) {
        assertJsonError(raw(r), 400, "BAD_REQUEST");
      }
      // An early EOF: the client promises 100 bytes and leaves after 2; nobody is there to read the answer,
      // but the server must neither count it as an internal error nor log a stack trace.
      String early = raw(post("Content-Length: 100\r\n", "{}"));
      if (!early.isEmpty()) {
        assertJsonError(early, 400, "BAD_REQUEST");
      }
      assertThat(sf.app.metrics().scrape()).doesNotContain("code=\"INTERNAL\"");
      assertThat(logs.list).as(logs.list.toString()).hasSizeLessThanOrEqualTo(requests.size() + 1);
      assertThat(logs.list).noneMatch(e -> e.getThrowableProxy() != null);
    } finally {
      release(logs);
    }
  }

  @Test
  void the_web_servers_own_error_pages_use_the_json_error_shape() throws Exception {
    assertJsonError(raw("GET /healthz HTTP/1.1\r\n\r\n"), 400, "BAD_REQUEST"); // no Host
    assertJsonError(raw("GET /" + "u".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "URI_TOO_LONG");
    assertJsonError(raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\n"), 431,
        "HEADERS_TOO_LARGE");
    assertJsonError(raw(post("Content-Length: 2\r\nExpect: 100-nonsense\r\n", "{}")), 417, "EXPECTATION_FAILED");
    assertJsonError(raw("GET /healthz HTTP/3.7\r\nHost: x\r\n\r\n"), 505, "HTTP_VERSION_NOT_SUPPORTED");
  }

  static long closedByServer(List<Socket> sockets) throws IOException {
    long closed = 0;
    for (Socket s : sockets) {
      s.setSoTimeout(1);
      try {
        if (s.getInputStream().read() == -1) {
          closed++;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed++;
      }
    }
    return closed;
  }

  // --- item 1 ----------------------------------------------------------------------------------------------

  @Test
  void a_client_sending_one_header_line_at_a_time_is_closed_at_the_head_deadline() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sf.app.port())) {
      s.setSoTimeout(100);
      long start = System.nanoTime();
      s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      // One more header line every 100 ms: the idle timeout would never fire; the head deadline (600 ms) does.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
        try {
          s.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
          return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
          return false;
        } catch (IOException e) {
          return true;
        }
      });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void a_body_trickling_in_is_cut_at_the_body_deadline() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sf.app.port())) {
      s.setSoTimeout(100);
      s.getOutputStream().write(post("Content-Length: 1000\r\n", "{").getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
        try {
          s.getOutputStream().write(' ');
          return s.getInputStream().read() == -1 || true;
        } catch (SocketTimeoutException e) {
          return false;
        } catch (IOException e) {
          return true;
        }
      });
    }
  }

  @Test
  void healthz_answers_while_slow_clients_hold_more_connections_than_the_caps() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket s = new Socket("127.0.0.1", sf.app.port());
        s.getOutputStream().write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
      }
      // The server keeps at most 40 of them (the per-address cap): it closed the oldest ones.
      await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(slow) >= 60);
      long start = System.nanoTime();
      String r = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(status(r)).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }
}
