package com.clickeen.sf.llm;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The Jetty {@link HttpClient} every provider adapter of one router shares (one connection pool per provider
 * host). {@link LlmConfig} creates one per router and passes it to the adapters; it is started on first use, or
 * by {@link #startInBackground()} once the service listens: creating it (TLS trust store included) is about
 * 0.1 s of one core that a start need not wait for. Its threads are daemons, so a router nobody closes does
 * not keep a JVM alive.
 */
public final class ProviderClient implements AutoCloseable {
  private final int maxConnectionsPerDestination;
  private final Object lock = new Object();
  private volatile HttpClient client;
  private boolean closed;

  /** @param maxConcurrencyPerProvider the router's per-provider bulkhead; the pool never refuses a call it lets in */
  public ProviderClient(int maxConcurrencyPerProvider) {
    this.maxConnectionsPerDestination = Math.max(64, maxConcurrencyPerProvider);
  }

  /** The started client. */
  HttpClient get() {
    HttpClient c = client;
    return c != null ? c : startOnce();
  }

  private HttpClient startOnce() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the provider HTTP client is closed");
      }
      if (client == null) {
        client = start();
      }
      return client;
    }
  }

  /** Starts the client on a virtual thread (the service calls this once it listens). */
  public void startInBackground() {
    Thread.ofVirtual().name("sf-provider-http-start").start(() -> {
      try {
        get();
      } catch (RuntimeException | Error e) {
        // the first provider call reports it
      }
    });
  }

  private HttpClient start() {
    HttpClient c = new HttpClient();
    c.setName("sf-provider-http");
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("sf-provider-http");
    threads.setDaemon(true);
    c.setExecutor(threads);
    c.setScheduler(new ScheduledExecutorScheduler("sf-provider-http-scheduler", true));
    c.setFollowRedirects(false);
    c.setConnectTimeout(10_000);
    c.setIdleTimeout(300_000);
    // Calls in flight are bounded by the router's per-provider bulkhead, not here.
    c.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
    c.setMaxRequestsQueuedPerDestination(65_536);
    c.setUserAgentField(null);
    try {
      c.start();
      // A 401 or 407 is the provider's answer (a wrong key), not a challenge to answer; redirects are not
      // followed. Without the protocol handlers (start() installs them) every status reaches the adapter.
      c.getProtocolHandlers().clear();
    } catch (Exception e) {
      throw new IllegalStateException("the provider HTTP client could not start: " + e.getMessage(), e);
    }
    return c;
  }

  /** Stops the client if it was started; later calls fail. */
  @Override
  public void close() {
    HttpClient c;
    synchronized (lock) {
      closed = true;
      c = client;
    }
    if (c != null) {
      try {
        c.stop();
      } catch (Exception e) {
        // stopping: nothing left to do with it
      }
    }
  }
}
