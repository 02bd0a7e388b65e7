package com.clickeen.sf.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slow-client attack of issue 14, bounded: {@code connections} sockets to a service on 127.0.0.1, each
 * sending the start of a request and then one header line every {@code lineEvery} seconds (never finishing the
 * head), reopened when the server closes them; meanwhile {@code GET /healthz} once a second on a fresh
 * connection, timed. Stops by itself after {@code seconds}. Run: {@code ./sf bench slow-clients} (see
 * BENCHMARKS.md).
 */
public final class SlowClients {
  public static final int MAX_CONNECTIONS = 5_000;

  public record Result(int connections, int seconds, long opened, long closedByServer, int healthChecks,
      int healthOk, long healthMaxMs, long healthP50Ms) {}

  public static Result run(int port, int connections, int seconds, int lineEverySeconds) throws Exception {
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException("--connections must be 1.." + MAX_CONNECTIONS + " (got " + connections + ")");
    }
    AtomicLong opened = new AtomicLong();
    AtomicLong closed = new AtomicLong();
    ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> holders = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      holders.add(Thread.ofVirtual().start(() -> {
        while (System.nanoTime() < end) {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            opened.incrementAndGet();
            open.add(s);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(lineEverySeconds * 1000);
            while (System.nanoTime() < end) {
              try {
                if (in.read() == -1) {
                  break; // closed by the server
                }
              } catch (java.net.SocketTimeoutException e) {
                out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII)); // one more line, never the end
              }
            }
            if (System.nanoTime() < end) {
              closed.incrementAndGet();
            }
            open.remove(s);
          } catch (IOException e) {
            closed.incrementAndGet();
            try {
              Thread.sleep(100); // refused or reset: try again shortly, as an attacker would
            } catch (InterruptedException ie) {
              return;
            }
          }
        }
      }));
    }
    List<Long> health = new ArrayList<>();
    AtomicInteger ok = new AtomicInteger();
    int checks = Math.max(1, seconds - 2);
    for (int i = 0; i < checks; i++) {
      long t0 = System.nanoTime();
      boolean good = healthz(port);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      synchronized (health) {
        health.add(good ? ms : Long.MAX_VALUE);
      }
      if (good) {
        ok.incrementAndGet();
      }
      long wait = 1000 - ms;
      if (wait > 0) {
        Thread.sleep(wait); // a probe a second: this is a load program, not a test
      }
    }
    for (Thread t : holders) {
      t.join(TimeUnit.SECONDS.toMillis(lineEverySeconds + 10L));
    }
    for (Socket s; (s = open.poll()) != null; ) {
      s.close();
    }
    List<Long> sorted = health.stream().sorted().toList();
    long max = sorted.getLast();
    return new Result(connections, seconds, opened.get(), closed.get(), sorted.size(), ok.get(),
        max, sorted.get(sorted.size() / 2));
  }

  /** One {@code GET /healthz} on a new connection; true when it answered 200 within 5 s. */
  static boolean healthz(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(5_000);
      s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      byte[] head = s.getInputStream().readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }
}
