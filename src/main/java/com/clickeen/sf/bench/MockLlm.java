package com.clickeen.sf.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock OpenAI-compatible upstream for benchmarks: {@code POST /v1/chat/completions} answers after a
 * configurable latency with a valid SDR Copilot result and a usage block. {@code POST /_latency?ms=N}
 * changes the latency at run time. Loopback only.
 */
public final class MockLlm implements AutoCloseable {
  static final String CONTENT = "{\\\"message\\\":\\\"Clickeen has a free plan; paid plans add more widgets.\\\",\\\"next\\\":\\\"continue\\\"}";
  static final byte[] BODY = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1790000000,"
      + "\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
      + CONTENT + "\"},\"finish_reason\":\"stop\",\"logprobs\":null}],"
      + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":40,\"total_tokens\":940}}").getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final AtomicLong latencyMs;
  private final AtomicLong served = new AtomicLong();

  public MockLlm(int port, long latencyMs) throws IOException {
    this.latencyMs = new AtomicLong(latencyMs);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16_384);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", this::completion);
    server.createContext("/_latency", ex -> {
      String q = ex.getRequestURI().getQuery();
      if (q != null && q.startsWith("ms=")) {
        this.latencyMs.set(Long.parseLong(q.substring(3)));
      }
      respond(ex, 200, ("{\"latencyMs\":" + this.latencyMs.get() + ",\"served\":" + served.get() + "}").getBytes());
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void completion(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    long l = latencyMs.get();
    if (l > 0) {
      try {
        Thread.sleep(l);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    served.incrementAndGet();
    respond(ex, 200, BODY);
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("content-type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
