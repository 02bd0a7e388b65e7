package com.clickeen.sf.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Fetches one public web page as text, through a {@link UrlGuard}: the guard's DNS answer is the address
 * connected to (no second lookup an attacker could rebind), every redirect is checked again (at most
 * {@value #MAX_REDIRECTS}), the body is cut at {@value #MAX_BYTES} bytes, only HTML and plain text are read,
 * and error or challenge pages are reported rather than returned as content.
 */
public final class PageFetcher implements AutoCloseable {
  static final int MAX_REDIRECTS = 3;
  static final int MAX_BYTES = 512 * 1024;
  /** Characters of page text handed on as context. */
  public static final int MAX_TEXT = 8000;

  /** A fetched page, or why there is none ({@code reason} is a stable code, {@code status} the HTTP status if any). */
  public record Result(String reason, Integer status, String detail, URI finalUrl, String title, String text,
      boolean truncated) {
    public boolean ok() {
      return reason == null;
    }

    static Result failed(String reason, Integer status, String detail) {
      return new Result(reason, status, detail, null, null, null, false);
    }
  }

  /** Thrown inside the client's DNS step when the guard refuses an address. */
  private static final class Refused extends IOException {
    final String reason;

    Refused(String reason, String detail) {
      super(detail);
      this.reason = reason;
    }
  }

  private final UrlGuard guard;
  private final Duration connectTimeout;
  private HttpClient client;

  public PageFetcher(UrlGuard guard) {
    this(guard, Duration.ofSeconds(3));
  }

  public PageFetcher(UrlGuard guard, Duration connectTimeout) {
    this.guard = guard;
    this.connectTimeout = connectTimeout;
  }

  public UrlGuard guard() {
    return guard;
  }

  private synchronized HttpClient client() throws Exception {
    if (client == null) {
      HttpClient c = new HttpClient();
      QueuedThreadPool pool = new QueuedThreadPool(8, 1);
      pool.setName("sf-page-fetch");
      pool.setDaemon(true);
      c.setExecutor(pool);
      c.setFollowRedirects(false);
      c.setConnectTimeout(connectTimeout.toMillis());
      c.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT, "ClickeenSanFrancisco/1 (one-page fetch)"));
      c.setSocketAddressResolver((host, port, context, promise) -> {
        try {
          String refused = guard.refusedAddresses(host, port);
          if (refused != null) {
            promise.failed(new Refused(refused.substring(0, refused.indexOf(' ')), refused.substring(refused.indexOf(' ') + 1)));
            return;
          }
          List<InetSocketAddress> out = new ArrayList<>();
          guard.addresses(host).forEach(a -> out.add(new InetSocketAddress(a, port)));
          promise.succeeded(out);
        } catch (Exception e) {
          promise.failed(new Refused("dns_failed", host + " does not resolve"));
        }
      });
      c.start();
      client = c;
    }
    return client;
  }

  /** Fetches {@code url} within {@code timeout} (the whole exchange, redirects included). */
  public Result fetch(String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    UrlGuard.Verdict v = guard.checkSyntax(url);
    if (!v.allowed()) {
      return Result.failed(v.reason(), null, v.detail());
    }
    URI current = v.uri();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return Result.failed("fetch_timeout", null, "no time left to fetch " + current);
      }
      InputStreamResponseListener listener = new InputStreamResponseListener();
      Request request;
      try {
        request = client().newRequest(current).timeout(left, TimeUnit.MILLISECONDS)
            .headers(h -> h.put(HttpHeader.ACCEPT, "text/html, text/plain;q=0.9, */*;q=0.1"));
      } catch (Exception e) {
        return Result.failed("fetch_failed", null, "HTTP client did not start: " + e.getMessage());
      }
      request.send(listener);
      Response response;
      try {
        response = listener.get(left, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        request.abort(e);
        return Result.failed("fetch_timeout", null, "no answer from " + current.getHost() + " within " + left + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        request.abort(e);
        return Result.failed("fetch_timeout", null, "interrupted");
      } catch (Exception e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        while (c.getCause() != null && !(c instanceof Refused)) {
          c = c.getCause();
        }
        if (c instanceof Refused r) {
          return Result.failed(r.reason, null, r.getMessage());
        }
        return Result.failed(c instanceof TimeoutException ? "fetch_timeout" : "fetch_failed", null,
            current.getHost() + ": " + c.getMessage());
      }
      int status = response.getStatus();
      if (status >= 300 && status < 400 && status != 304) {
        drain(listener);
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        if (location == null || location.isBlank()) {
          return Result.failed("fetch_failed", status, "redirect without a Location");
        }
        String next;
        try {
          next = current.resolve(location.strip().replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
          return Result.failed("invalid_url", status, "redirect to an invalid URL");
        }
        UrlGuard.Verdict nv = guard.checkSyntax(next);
        if (!nv.allowed()) {
          return Result.failed(nv.reason(), status, "redirect to " + next + ": " + nv.detail());
        }
        current = nv.uri();
        continue;
      }
      String contentType = String.valueOf(response.getHeaders().get(HttpHeader.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
      Body body;
      try {
        body = read(listener, charset(contentType));
      } catch (IOException e) {
        return Result.failed("fetch_failed", status, "reading the page: " + e.getMessage());
      } finally {
        request.abort(new IOException("done"));
      }
      var challenge = PageText.errorOrChallenge(body.text());
      if (challenge.isPresent()) {
        return Result.failed(challenge.get(), PageText.statusOnPage(body.text()).orElse(status),
            current.getHost() + " answered with an error or challenge page");
      }
      if (status < 200 || status >= 300) {
        return Result.failed("http_error", status, current.getHost() + " answered HTTP " + status);
      }
      boolean html = contentType.contains("text/html") || contentType.contains("application/xhtml");
      if (!html && !contentType.contains("text/plain")) {
        return Result.failed("unsupported_content_type", status, "content type " + contentType);
      }
      PageText.Extracted e = html ? PageText.fromHtml(body.text()) : new PageText.Extracted(null, body.text().strip());
      if (e.text().isBlank()) {
        return Result.failed("empty_page", status, current + " has no text");
      }
      boolean cut = body.truncated() || e.text().length() > MAX_TEXT;
      String text = e.text().length() > MAX_TEXT ? e.text().substring(0, MAX_TEXT) : e.text();
      return new Result(null, status, null, current, e.title(), text, cut);
    }
    return Result.failed("too_many_redirects", null, "more than " + MAX_REDIRECTS + " redirects");
  }

  private record Body(String text, boolean truncated) {}

  private static Body read(InputStreamResponseListener listener, Charset charset) throws IOException {
    try (InputStream in = listener.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      boolean truncated = bytes.length > MAX_BYTES;
      return new Body(new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), charset), truncated);
    }
  }

  private static void drain(InputStreamResponseListener listener) {
    try (InputStream in = listener.getInputStream()) {
      in.readNBytes(16 * 1024);
    } catch (IOException ignored) {
      // a redirect's body is not needed
    }
  }

  private static Charset charset(String contentType) {
    int i = contentType.indexOf("charset=");
    if (i >= 0) {
      try {
        return Charset.forName(contentType.substring(i + 8).replaceAll("[\";].*$", "").strip());
      } catch (RuntimeException ignored) {
        // unknown charset: UTF-8
      }
    }
    return StandardCharsets.UTF_8;
  }

  @Override
  public synchronized void close() throws Exception {
    if (client != null) {
      client.stop();
    }
  }
}
