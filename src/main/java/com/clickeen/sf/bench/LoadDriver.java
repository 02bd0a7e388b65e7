package com.clickeen.sf.bench;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A load driver over keep-alive HTTP/1.1 connections; latencies in microseconds go to an HdrHistogram, and
 * non-2xx answers and failures are counted as errors. {@link #run}: closed loop, {@code concurrency} virtual
 * threads each send one request after another. {@link #rate}: a fixed rate over a fixed set of connections,
 * each latency counted from the moment its request was due (so a stalled gateway shows in the percentiles
 * instead of slowing the driver down: no coordinated omission).
 */
public final class LoadDriver {
  public record Result(String target, int concurrency, long requests, long errors, double seconds, double throughput,
      double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    ObjectNode json() {
      return (ObjectNode) Json.tree(this);
    }
  }

  /** A fixed-rate run at {@code ratePerSecond}: {@code p*Ms} are counted from each request's due time. */
  public record RateResult(String target, int ratePerSecond, int connections, long requests, long errors,
      double seconds, double throughput, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {}

  /** Connections (one sender each) of a fixed-rate run: at 1 ms per answer they could carry 64,000 req/s. */
  static final int RATE_CONNECTIONS = 64;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** One run against {@code url}; {@code body} builds the body of request n (so sessions can vary). */
  public Result run(String name, String url, Map<String, String> headers, IntFunction<String> body, int concurrency,
      double warmupSeconds, double seconds) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong errors = new AtomicLong();
    AtomicLong count = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long end = measureFrom + (long) (seconds * 1e9);
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      Thread.ofVirtual().start(() -> {
        try {
          while (System.nanoTime() < end) {
            int n = (int) seq.incrementAndGet();
            HttpRequest request = request(url, headers, body.apply(n));
            long t0 = System.nanoTime();
            boolean ok = send(request);
            long t1 = System.nanoTime();
            if (t0 >= measureFrom && t1 <= end) {
              record(recorder, count, errors, t1 - t0, ok);
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    Histogram h = recorder.getIntervalHistogram();
    return new Result(name, concurrency, count.get(), errors.get(), seconds, count.get() / seconds,
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  /**
   * Fixed rate, as wrk2 does it: request {@code i} is due at {@code start + i / ratePerSecond}; {@link
   * #RATE_CONNECTIONS} senders, each with its own keep-alive connection, take the requests in order, wait for
   * each one's due time and send it. A gateway that falls behind keeps the senders busy and the next requests
   * wait: their latency, counted from the due time, shows it (no coordinated omission), and the number of
   * connections stays fixed (no connection storm in the driver). Requests due in the measured window are counted.
   */
  public RateResult rate(String name, String url, Map<String, String> headers, IntFunction<String> body,
      int ratePerSecond, double warmupSeconds, double seconds) throws InterruptedException {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1 request per second");
    }
    Recorder recorder = new Recorder(3);
    AtomicLong errors = new AtomicLong();
    AtomicLong count = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    double period = 1e9 / ratePerSecond;
    long start = System.nanoTime() + 10_000_000;
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long end = measureFrom + (long) (seconds * 1e9);
    CountDownLatch done = new CountDownLatch(RATE_CONNECTIONS);
    for (int t = 0; t < RATE_CONNECTIONS; t++) {
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            long i = seq.getAndIncrement();
            long due = start + (long) (i * period);
            if (due >= end) {
              return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
              java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            boolean ok = send(request(url, headers, body.apply((int) i)));
            if (due >= measureFrom) {
              record(recorder, count, errors, System.nanoTime() - due, ok);
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    Histogram h = recorder.getIntervalHistogram();
    return new RateResult(name, ratePerSecond, RATE_CONNECTIONS, count.get(), errors.get(), seconds,
        count.get() / seconds, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
  }

  private static void record(Recorder recorder, AtomicLong count, AtomicLong errors, long nanos, boolean ok) {
    recorder.recordValue(Math.max(1, nanos / 1_000));
    count.incrementAndGet();
    if (!ok) {
      errors.incrementAndGet();
    }
  }

  private static HttpRequest request(String url, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return b.build();
  }

  /** Sends {@code request}; true when it was answered with a 2xx. */
  private boolean send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() / 100 == 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code n} requests at once (open, not closed loop): how many fail, and how long the last one took. */
  public ObjectNode flood(String url, Map<String, String> headers, IntFunction<String> body, int n) throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    Recorder recorder = new Recorder(3);
    CountDownLatch done = new CountDownLatch(n);
    List<String> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      Thread.ofVirtual().start(() -> {
        long s = System.nanoTime();
        try {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
              .POST(HttpRequest.BodyPublishers.ofString(body.apply(k)));
          headers.forEach(b::header);
          HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            ok.incrementAndGet();
          } else {
            errors.incrementAndGet();
            synchronized (samples) {
              if (samples.size() < 3) {
                samples.add(r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
              }
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          synchronized (samples) {
            if (samples.size() < 3) {
              samples.add(e.toString());
            }
          }
        } finally {
          recorder.recordValue(Math.max(1, (System.nanoTime() - s) / 1_000));
          done.countDown();
        }
      });
    }
    done.await();
    Histogram h = recorder.getIntervalHistogram();
    ObjectNode out = Json.object();
    out.put("requests", n);
    out.put("ok", ok.get());
    out.put("errors", errors.get());
    out.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
    out.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
    out.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
    ArrayNode s = out.putArray("errorSamples");
    samples.forEach(s::add);
    return out;
  }
}
