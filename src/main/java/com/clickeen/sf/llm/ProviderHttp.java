package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The HTTP side of every provider adapter, on the JDK's {@link HttpClient}: keep-alive HTTP/1.1 to a
 * plain-http server (a local model server, a mock), HTTP/2 over TLS where the provider offers it, one
 * connection pool for the process.
 *
 * <p>The adapters used to go through the providers' official SDKs (okhttp underneath). A profile of the
 * gateway benchmark (async-profiler, see BENCHMARKS.md) put about 270 µs of CPU per call in them: okhttp's
 * connection-pool bookkeeping, and per-call Kotlin reflection in the SDK's request preparation. The wire
 * formats are small and stable, so the adapters now build and read them with Jackson; the failure mapping
 * (status, retry-after, I/O, unreadable body) is the same as before and is tested against mocks that
 * answer in each API's real format.
 */
final class ProviderHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_2)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .executor(Executors.newVirtualThreadPerTaskExecutor())
      .build();
  private static final String USER_AGENT = "sanfrancisco/" + com.clickeen.sf.Application.VERSION;
  private static final int ERROR_DETAIL_CHARS = 300;

  private final String provider;
  private final String baseUrl;
  private final Map<String, String> headers;
  private final boolean plainHttp;

  /**
   * @param baseUrl the API root every path is appended to (no trailing slash needed)
   * @param headers sent with every request (keys, API versions)
   */
  ProviderHttp(String provider, String baseUrl, Map<String, String> headers) {
    this.provider = provider;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.headers = Map.copyOf(headers);
    this.plainHttp = this.baseUrl.startsWith("http://");
    URI.create(this.baseUrl); // a malformed base URL fails at start-up, not on the first call
  }

  private HttpRequest request(String path, byte[] body, Duration timeout, boolean eventStream) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("accept", eventStream ? "text/event-stream" : "application/json")
        .header("user-agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (plainHttp) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-http servers
    }
    headers.forEach(b::header);
    return b.build();
  }

  /** POSTs JSON and reads the whole JSON answer; the timeout bounds the whole call, body included. */
  JsonNode postJson(String path, byte[] body, Duration timeout) throws LlmException {
    HttpResponse<byte[]> r = await(CLIENT.sendAsync(request(path, body, timeout, false),
        HttpResponse.BodyHandlers.ofByteArray()), timeout);
    if (r.statusCode() / 100 != 2) {
      throw statusFailure(r.statusCode(), r.headers(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    try {
      return Json.parse(r.body());
    } catch (IOException | RuntimeException e) {
      throw new LlmException(provider, true, null, provider + " answered a body that is not JSON: "
          + rootMessage(e), e);
    }
  }

  /**
   * POSTs JSON and returns the server-sent-event {@code data:} payloads as they arrive. The timeout bounds
   * the wait for the response head; the caller's deadline interrupts a stalled body. Closing the stream
   * cancels the upstream call.
   */
  Stream<String> postEventStream(String path, byte[] body, Duration timeout) throws LlmException {
    HttpResponse<Stream<String>> r = await(CLIENT.sendAsync(request(path, body, timeout, true),
        HttpResponse.BodyHandlers.ofLines()), timeout);
    if (r.statusCode() / 100 != 2) {
      String detail;
      try (Stream<String> lines = r.body()) {
        detail = String.join("\n", lines.limit(50).toList());
      } catch (RuntimeException unreadable) {
        detail = "";
      }
      throw statusFailure(r.statusCode(), r.headers(), detail);
    }
    Stream<String> lines = r.body();
    return lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).onClose(lines::close);
  }

  private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> call, Duration timeout) throws LlmException {
    try {
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new LlmException(provider, true, null, provider + " did not answer within " + timeout.toMillis()
          + " ms", e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmException(provider, false, null, provider + " call interrupted", e);
    } catch (ExecutionException e) {
      throw new LlmException(provider, true, null, provider + " could not be reached or timed out: "
          + rootMessage(e.getCause()), e.getCause());
    }
  }

  /** A non-2xx answer, with what the router needs: retryable or not, the status and the retry-after hint. */
  private LlmException statusFailure(int status, java.net.http.HttpHeaders h, String body) {
    Duration hint = RetryAfter.parse(h.allValues("retry-after-ms"), h.allValues("retry-after"));
    return new LlmException(provider, LlmException.retryableStatus(status), status, hint,
        provider + " answered HTTP " + status + errorDetail(body), null);
  }

  /** The {@code error.type} / {@code error.message} of an error body, when it has them (formats vary). */
  static String errorDetail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode e = Json.parse(body).path("error");
      String type = e.path("type").asText("");
      String message = e.path("message").asText("");
      String d = (type + (type.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip();
      if (d.isEmpty()) {
        return "";
      }
      return " (" + (d.length() > ERROR_DETAIL_CHARS ? d.substring(0, ERROR_DETAIL_CHARS) + "…" : d) + ")";
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** A JSON number as an Integer, or null when the field is missing or not a number (never invented). */
  static Integer intOrNull(JsonNode n) {
    return n != null && n.canConvertToInt() && n.isNumber() ? n.intValue() : null;
  }

  /** A JSON string, or null when missing or null. */
  static String textOrNull(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }
}
