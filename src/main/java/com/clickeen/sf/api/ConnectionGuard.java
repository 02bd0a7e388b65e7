package com.clickeen.sf.api;

import com.clickeen.sf.Limits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow or numerous clients from taking the server down, in front of every handler:
 * <ul>
 *   <li>a deadline for a complete request head ({@link Limits#headTimeout()}, counted from the connection's
 *       opening or its previous answer) and for the request body ({@link Limits#bodyTimeout()}, from the head):
 *       unlike the idle timeout, neither restarts with every byte, so one header line every few seconds does
 *       not keep a connection;</li>
 *   <li>caps on open connections, in all and per client address: a connection over a cap replaces the
 *       oldest one that is not in a request (a slow or idle client), and is closed itself only when every
 *       connection is busy answering. So a flood of slow clients cannot keep {@code /healthz} or a real
 *       request out, and file descriptors stay bounded;</li>
 *   <li>{@code X-HTTP-Method-Override} is removed: the method is the request line's.</li>
 * </ul>
 */
final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final long SWEEP_MS = 100;

  private final long headNanos;
  private final long bodyNanos;
  private final int maxConnections;
  private final int maxPerAddress;
  private final ConcurrentHashMap<Connection, Tracked> open = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private volatile Thread sweeper;
  private volatile boolean running = true;

  /** One open connection: busy while a request is in it; {@code deadline} is 0 when none applies. */
  private static final class Tracked {
    final Connection connection;
    final InetAddress address;
    final long openedNanos;
    volatile boolean busy;
    volatile long deadlineNanos;

    Tracked(Connection connection, InetAddress address, long openedNanos, long deadlineNanos) {
      this.connection = connection;
      this.address = address;
      this.openedNanos = openedNanos;
      this.deadlineNanos = deadlineNanos;
    }
  }

  ConnectionGuard(Limits limits) {
    this.headNanos = limits.headTimeout().toNanos();
    this.bodyNanos = limits.bodyTimeout().toNanos();
    this.maxConnections = limits.maxConnections();
    this.maxPerAddress = limits.maxConnectionsPerAddress();
  }

  @Override
  protected void doStart() throws Exception {
    running = true;
    sweeper = Thread.ofPlatform().daemon(true).name("sf-http-deadlines").start(this::sweepLoop);
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    running = false;
    Thread t = sweeper;
    if (t != null) {
      t.interrupt();
    }
    super.doStop();
  }

  // --- connections -----------------------------------------------------------------------------------

  @Override
  public void onOpened(Connection connection) {
    long now = System.nanoTime();
    InetAddress address = addressOf(connection.getEndPoint().getRemoteSocketAddress());
    Tracked t = new Tracked(connection, address, now, now + headNanos);
    open.put(connection, t);
    int all = total.incrementAndGet();
    int mine = address == null ? 0 : perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    if (all > maxConnections && !evictOldestIdle(null, t)) {
      refuse(t, "the server has " + maxConnections + " connections open (SF_HTTP_MAX_CONNECTIONS), all busy");
      return;
    }
    if (address != null && mine > maxPerAddress && !evictOldestIdle(address, t)) {
      refuse(t, address.getHostAddress() + " has " + maxPerAddress
          + " connections open (SF_HTTP_MAX_CONNECTIONS_PER_ADDRESS), all busy");
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Tracked t = open.remove(connection);
    if (t == null) {
      return;
    }
    total.decrementAndGet();
    if (t.address != null) {
      perAddress.computeIfPresent(t.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  /** Closes the oldest connection (of {@code address}, or of anyone) that is not in a request; false if none. */
  private boolean evictOldestIdle(InetAddress address, Tracked newcomer) {
    Tracked oldest = null;
    for (Tracked t : open.values()) {
      if (t == newcomer || t.busy || (address != null && !address.equals(t.address))) {
        continue;
      }
      if (oldest == null || t.openedNanos - oldest.openedNanos < 0) {
        oldest = t;
      }
    }
    if (oldest == null) {
      return false;
    }
    close(oldest);
    return true;
  }

  private void refuse(Tracked t, String why) {
    LOG.debug("connection refused: {}", why);
    close(t);
  }

  private static void close(Tracked t) {
    t.deadlineNanos = 0;
    t.connection.getEndPoint().close();
  }

  private static InetAddress addressOf(SocketAddress a) {
    return a instanceof InetSocketAddress isa ? isa.getAddress() : null;
  }

  private void sweepLoop() {
    while (running) {
      try {
        Thread.sleep(SWEEP_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Tracked t : open.values()) {
        long d = t.deadlineNanos;
        if (d != 0 && now - d > 0) {
          close(t);
        }
      }
    }
  }

  // --- requests --------------------------------------------------------------------------------------

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Tracked t = open.get(request.getConnectionMetaData().getConnection());
    Request r = request;
    if (request.getHeaders().contains("X-HTTP-Method-Override")) {
      var headers = org.eclipse.jetty.http.HttpFields.build(request.getHeaders())
          .remove("X-HTTP-Method-Override").asImmutable();
      r = new Request.Wrapper(r) {
        @Override
        public org.eclipse.jetty.http.HttpFields getHeaders() {
          return headers;
        }
      };
    }
    if (t == null) {
      return super.handle(r, response, callback);
    }
    t.busy = true;
    boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    t.deadlineNanos = hasBody ? System.nanoTime() + bodyNanos : 0;
    if (hasBody) {
      r = new Request.Wrapper(r) {
        @Override
        public Content.Chunk read() {
          Content.Chunk c = super.read();
          if (c != null && (c.isLast() || Content.Chunk.isFailure(c))) {
            t.deadlineNanos = 0; // the body is in (or failed): the execute's own time budget applies now
          }
          return c;
        }
      };
    }
    Callback done = new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        idleAgain(t);
        super.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        idleAgain(t);
        super.failed(x);
      }
    };
    return super.handle(r, response, done);
  }

  private void idleAgain(Tracked t) {
    t.busy = false;
    t.deadlineNanos = System.nanoTime() + headNanos;
  }

  /** Open connections now (tests and metrics). */
  int openConnections() {
    return total.get();
  }
}
