package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A black-box fuzz run: 10,000 hostile requests (seeded, so a failure replays) over raw sockets against a real
 * server: malformed request lines, headers, chunking and lengths, method overrides, traversal and oversized
 * paths, altered grants, wrong-typed and hostile JSON fields and ids. No answer may be a 5xx. (An unknown
 * HTTP version is answered 505 by design and is covered by HttpHardeningTest, so versions stay 1.0/1.1 here.)
 */
@Tag("service")
class HostileRequestsFuzzTest {
  static final int REQUESTS = 10_000;
  static final long SEED = 14L;

  @Test
  void ten_thousand_hostile_requests_get_no_5xx(@TempDir Path dir) throws Exception {
    try (TestService sf = TestService.start(dir, ModelRouter.offlineOnly(), true, Map.of(
        "SF_HTTP_HEAD_TIMEOUT_MS", "2000", "SF_HTTP_BODY_TIMEOUT_MS", "2000"))) {
      String grant = sf.grant("fuzz", List.of("agent:sdr.copilot", "agent:editor.copilot"), 1200, null, null, null);
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> fiveHundreds = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int worker = t;
        fs.add(pool.submit(() -> {
          Random rnd = new Random(SEED * 31 + worker);
          for (int i = worker; i < REQUESTS; i += 8) {
            byte[] req = hostile(rnd, grant);
            int status = send(sf.app.port(), req);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status >= 500) {
              fiveHundreds.add(status + " <- " + new String(req, 0, Math.min(req.length, 300), StandardCharsets.ISO_8859_1));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      Map<Integer, Integer> summary = new TreeMap<>();
      statuses.forEach((k, v) -> summary.put(k, v.get()));
      System.out.println("fuzz statuses (0 = closed without an answer): " + summary);
      assertThat(summary.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
      assertThat(fiveHundreds).as(summary.toString()).isEmpty();
      assertThat(sf.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  static int send(int port, byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      try {
        s.getOutputStream().write(request);
        s.shutdownOutput();
      } catch (IOException e) {
        // the server may close first (an early 4xx); read what it said
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; all.size() < (1 << 20) && (n = in.read(buf)) != -1; ) {
          all.write(buf, 0, n);
        }
      } catch (IOException e) {
        // reset by the server: what arrived is the answer
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      while (text.startsWith("HTTP/1.1 100 ") && text.contains("\r\n\r\n")) { // an interim answer: the final one follows
        text = text.substring(text.indexOf("\r\n\r\n") + 4);
      }
      return text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
    }
  }

  static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT",
      "FOO", "G ET", "post", ""};
  static final String[] PATHS = {"/v1/execute", "/v1/outcome", "/v1/learning/outcome", "/v1/learning/events",
      "/v1/learning/review", "/healthz", "/metrics", "/v1/agents", "/../../etc/passwd", "/v1/execute/../execute",
      "/%2e%2e/%2e%2e/", "/v1/execute?x=" + "a".repeat(3000), "/" + "p".repeat(9000), "/%00", "/v1/%ff%fe", "*",
      "http://evil/v1/execute", "/v1//execute", "/;jsessionid=1", "/\u00e9"};
  static final String[] IDS = {"-x", ".hidden", "a..b", "..", "../../x", "x".repeat(200), "ok-id", "\u0000", "a/b",
      "%2e%2e", "<script>", "' OR 1=1 --", "\u202e", "a:b", ""};

  static byte[] hostile(Random r, String grant) {
    String method = METHODS[r.nextInt(METHODS.length)];
    String path = PATHS[r.nextInt(PATHS.length)];
    if (r.nextInt(3) > 0) {
      method = r.nextBoolean() ? "POST" : method;
      path = r.nextInt(4) > 0 ? "/v1/execute" : path;
    }
    String version = r.nextInt(10) == 0 ? "HTTP/1.0" : "HTTP/1.1";
    String body = body(r, grant);
    StringBuilder h = new StringBuilder();
    h.append(method).append(' ').append(path).append(' ').append(version).append("\r\n");
    if (r.nextInt(20) != 0) {
      h.append("Host: ").append(r.nextInt(10) == 0 ? "x".repeat(r.nextInt(9000)) : "127.0.0.1").append("\r\n");
    }
    if (r.nextInt(6) != 0) {
      h.append("Content-Type: ").append(pick(r, "application/json", "application/json; charset=utf-8", "text/plain",
          "application/json; charset=ebcdic", "", "multipart/form-data; boundary=x", "application/JSON")).append("\r\n");
    }
    if (r.nextInt(8) == 0) {
      h.append("X-HTTP-Method-Override: ").append(pick(r, "POST", "GET", "DELETE", "PUT")).append("\r\n");
    }
    if (r.nextInt(10) == 0) {
      h.append("Expect: ").append(pick(r, "100-continue", "100-nonsense", "x")).append("\r\n");
    }
    if (r.nextInt(10) == 0) {
      h.append("Accept: text/event-stream\r\n");
    }
    if (r.nextInt(10) == 0) {
      h.append("x-paris-signature: ").append(pick(r, "", "abc", "=".repeat(50), "A".repeat(43))).append("\r\n");
    }
    if (r.nextInt(15) == 0) {
      h.append("X-Junk: ").append("j".repeat(r.nextInt(20_000))).append("\r\n");
    }
    if (r.nextInt(25) == 0) {
      h.append("Bad Header Name: x\r\n");
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    int framing = r.nextInt(10);
    String payload;
    if (framing < 5) {
      h.append("Content-Length: ").append(b.length).append("\r\n");
      payload = body;
    } else if (framing == 5) { // a length that lies (early EOF or extra bytes)
      h.append("Content-Length: ").append(Math.max(0, b.length + r.nextInt(200) - 100)).append("\r\n");
      payload = body;
    } else if (framing == 6) { // two lengths
      h.append("Content-Length: ").append(b.length).append("\r\nContent-Length: ").append(b.length + 1).append("\r\n");
      payload = body;
    } else if (framing == 7) { // good chunking
      h.append("Transfer-Encoding: chunked\r\n");
      payload = Integer.toHexString(b.length) + "\r\n" + body + "\r\n0\r\n\r\n";
    } else if (framing == 8) { // bad chunking: wrong sizes, junk, huge extensions
      h.append("Transfer-Encoding: chunked\r\n");
      payload = pick(r, "zz", Integer.toHexString(b.length + 7), "1;" + "e".repeat(10_240), "-1", "ffffffffffffffff")
          + "\r\n" + body + "\r\n" + pick(r, "0\r\n\r\n", "", "0\r\n", "x\r\n");
    } else { // both framings, or an unknown coding
      h.append("Transfer-Encoding: ").append(pick(r, "chunked", "gzip", "chunked, identity", "x")).append("\r\n")
          .append("Content-Length: ").append(b.length).append("\r\n");
      payload = body;
    }
    h.append("Connection: close\r\n\r\n").append(payload);
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String body(Random r, String grant) {
    String g = switch (r.nextInt(8)) {
      case 0 -> "\"" + grant.substring(0, r.nextInt(grant.length())) + "\"";
      case 1 -> "\"" + flip(r, grant) + "\"";
      case 2 -> pick(r, "null", "7", "[]", "{}", "\"\"", "\"v1..\"", "\"" + "A".repeat(10_000) + "\"");
      default -> "\"" + grant + "\"";
    };
    String agent = pick(r, "\"sdr.copilot\"", "\"editor.copilot\"", "\"" + "a".repeat(r.nextInt(5000)) + "\"", "null", "1",
        "\"../x\"", "[\"sdr.copilot\"]");
    String input = pick(r, "{\"sessionId\":\"s-" + r.nextInt(50) + "\",\"message\":\"hi\"}",
        "{\"sessionId\":" + pick(r, "7", "null", "\"" + IDS[r.nextInt(IDS.length)] + "\"") + ",\"message\":\"x\"}",
        "{\"sessionId\":\"s\",\"message\":\"" + "m".repeat(r.nextInt(300_000)) + "\"}", "[]", "\"x\"", "null",
        "{\"sessionId\":\"s\",\"message\":{\"$gt\":1}}", "[".repeat(3000) + "]".repeat(3000));
    String trace = pick(r, "", ",\"trace\":{\"requestId\":\"" + IDS[r.nextInt(IDS.length)] + "\"}",
        ",\"trace\":{\"requestId\":" + pick(r, "7", "[]", "{}", "true") + "}", ",\"trace\":\"x\"",
        ",\"trace\":{\"locale\":" + pick(r, "7", "\"fr\"", "\"" + "l".repeat(100) + "\"") + "}",
        ",\"trace\":{\"requestId\":\"fz-" + r.nextInt(30) + "\"}");
    String stream = pick(r, "", "", ",\"stream\":true", ",\"stream\":\"yes\"");
    String json = "{\"grant\":" + g + ",\"agentId\":" + agent + ",\"input\":" + input + trace + stream + "}";
    return switch (r.nextInt(12)) {
      case 0 -> json.substring(0, r.nextInt(json.length()));
      case 1 -> json.replace("\"grant\"", "\"grant\":1,\"grant\"");
      case 2 -> "\u00ff\u00fe" + json;
      default -> json;
    };
  }

  static String flip(Random r, String s) {
    char[] c = s.toCharArray();
    int i = r.nextInt(c.length);
    c[i] = c[i] == 'A' ? 'B' : 'A';
    return new String(c);
  }

  static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
