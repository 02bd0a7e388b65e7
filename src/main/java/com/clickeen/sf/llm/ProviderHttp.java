package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The HTTP side of every provider adapter, on Jetty's {@link HttpClient} (the server's own Jetty):
 * keep-alive HTTP/1.1, over TLS for the hosted providers, one connection pool per provider host.
 *
 * <p>The adapters used to go through the providers' official SDKs (okhttp underneath). A profile of the
 * gateway benchmark (async-profiler, see BENCHMARKS.md) put about 270 µs of CPU per call in them: okhttp's
 * connection-pool bookkeeping, and per-call Kotlin reflection in the SDK's request preparation. The JDK's
 * {@code java.net.http} client, tried next, still cost about 200 µs per call in its selector thread and
 * reactive plumbing; Jetty's client is the leanest of the three on that profile. The wire
 * formats are small and stable, so the adapters now build and read them with Jackson; the failure mapping
 * (status, retry-after, I/O, unreadable body) is the same as before and is tested against mocks that
 * answer in each API's real format.
 */
final class ProviderHttp {
  private static final String USER_AGENT = "sanfrancisco/" + com.clickeen.sf.Application.VERSION;
  private static final int ERROR_DETAIL_CHARS = 300;

  private final ProviderClient client;
  private final String provider;
  private final String baseUrl;
  private final Map<String, String> headers;
  /** The URI of each path called (an adapter calls one or two): parsed once, not at every call. */
  private final java.util.concurrent.ConcurrentHashMap<String, URI> uris = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param client the router's shared HTTP client
   * @param baseUrl the API root every path is appended to (no trailing slash needed)
   * @param headers sent with every request (keys, API versions)
   */
  ProviderHttp(ProviderClient client, String provider, String baseUrl, Map<String, String> headers) {
    this.client = client;
    this.provider = provider;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.headers = Map.copyOf(headers);
    URI.create(this.baseUrl); // a malformed base URL fails at start-up, not on the first call
  }

  private Request request(String path, byte[] body, Duration timeout, boolean eventStream) {
    return client.get().newRequest(uris.computeIfAbsent(path, p -> URI.create(baseUrl + p)))
        .method(org.eclipse.jetty.http.HttpMethod.POST)
        .timeout(millis(timeout), TimeUnit.MILLISECONDS) // Jetty reads 0 as "no timeout"
        .headers(h -> {
          h.put(HttpHeader.ACCEPT, eventStream ? "text/event-stream" : "application/json");
          h.put(HttpHeader.USER_AGENT, USER_AGENT);
          headers.forEach(h::put);
        })
        .body(new BytesRequestContent("application/json", body));
  }

  /** POSTs JSON and reads the whole JSON answer; the timeout bounds the whole call, body included. */
  JsonNode postJson(String path, byte[] body, Duration timeout) throws LlmException {
    ContentResponse r;
    try {
      r = request(path, body, timeout, false).send();
    } catch (TimeoutException e) {
      throw timedOut(timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException(provider, false, null, provider + " call interrupted", e);
    } catch (ExecutionException e) {
      throw unreachable(e.getCause());
    }
    if (r.getStatus() / 100 != 2) {
      throw statusFailure(r.getStatus(), r.getHeaders(), r.getContentAsString());
    }
    try {
      return Json.parse(r.getContent());
    } catch (IOException | RuntimeException e) {
      throw new LlmException(provider, true, null, provider + " answered a body that is not JSON: "
          + rootMessage(e), e);
    }
  }

  /**
   * POSTs JSON and returns the server-sent-event {@code data:} payloads as they arrive. The timeout bounds
   * the whole exchange; closing the stream aborts the upstream call.
   */
  Stream<String> postEventStream(String path, byte[] body, Duration timeout) throws LlmException {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request(path, body, timeout, true).send(listener);
    Response r;
    try {
      r = listener.get(millis(timeout), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      closeQuietly(listener.getInputStream());
      throw timedOut(timeout, e);
    } catch (InterruptedException e) {
      closeQuietly(listener.getInputStream());
      Thread.currentThread().interrupt();
      throw new LlmException(provider, false, null, provider + " call interrupted", e);
    } catch (ExecutionException e) {
      throw unreachable(e.getCause());
    }
    InputStream in = listener.getInputStream();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    if (r.getStatus() / 100 != 2) {
      String detail;
      try (reader) {
        detail = String.join("\n", reader.lines().limit(50).toList());
      } catch (IOException | RuntimeException unreadable) {
        detail = "";
      }
      throw statusFailure(r.getStatus(), r.getHeaders(), detail);
    }
    return reader.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
        .onClose(() -> closeQuietly(reader));
  }

  /** One server-sent event's {@code data:} payload as a JSON object, or a retryable failure. */
  JsonNode eventJson(String data) throws LlmException {
    try {
      JsonNode n = Json.parse(data);
      if (n.isObject()) {
        return n;
      }
    } catch (IOException | RuntimeException e) {
      throw new LlmException(provider, true, null, provider + " stream sent an event that is not JSON: "
          + rootMessage(e), e);
    }
    throw new LlmException(provider, true, null, provider + " stream sent an event that is not a JSON object", null);
  }

  private static long millis(Duration timeout) {
    return Math.max(1, timeout.toMillis());
  }

  private LlmException timedOut(Duration timeout, Exception e) {
    return new LlmException(provider, true, null, provider + " did not answer within " + timeout.toMillis() + " ms", e);
  }

  private LlmException unreachable(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return new LlmException(provider, true, null, provider + " did not answer in time: " + rootMessage(cause), cause);
    }
    return new LlmException(provider, true, null, provider + " could not be reached or timed out: "
        + rootMessage(cause), cause);
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // aborting a call that is being given up
    }
  }

  /** A non-2xx answer, with what the router needs: retryable or not, the status and the retry-after hint. */
  private LlmException statusFailure(int status, HttpFields h, String body) {
    Duration hint = RetryAfter.parse(h.getValuesList("retry-after-ms"), h.getValuesList("retry-after"));
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
