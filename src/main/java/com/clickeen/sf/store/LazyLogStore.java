package com.clickeen.sf.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The store of a data folder as {@link Backends} holds it: opened on the first call that needs it, so that a
 * command that only reads the SQL index still runs beside a service holding the folder's log.
 */
final class LazyLogStore implements AutoCloseable {
  private final Path dir;
  private final Clock clock;
  private final int maxAttempts;
  private final Path legacyBlobs;
  private final int syncEveryMs;
  private volatile LogStore store;
  private boolean closed;

  LazyLogStore(Path dir, Clock clock, int maxAttempts, Path legacyBlobs, int syncEveryMs) {
    this.dir = dir;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.legacyBlobs = legacyBlobs;
    this.syncEveryMs = syncEveryMs;
  }

  LogStore get() {
    LogStore s = store; // every call of the views passes here: no lock once open
    return s != null ? s : open();
  }

  private synchronized LogStore open() {
    if (closed) {
      throw new StoreException("embedded log " + dir + " is closed");
    }
    if (store == null) {
      store = LogStore.acquire(dir, clock, maxAttempts, legacyBlobs, syncEveryMs);
    }
    return store;
  }

  /** {@code part} of the store behind {@code types}, opening the store at the first call; close() does nothing. */
  @SuppressWarnings("unchecked")
  <T> T view(Class<T> type, java.util.function.Function<LogStore, Object> part, Class<?>... more) {
    Class<?>[] types = new Class<?>[more.length + 1];
    types[0] = type;
    System.arraycopy(more, 0, types, 1, more.length);
    return (T) java.lang.reflect.Proxy.newProxyInstance(LogStore.class.getClassLoader(), types, (proxy, m, args) -> {
      switch (m.getName()) {
        case "close" -> {
          return null;
        }
        case "toString" -> {
          return type.getSimpleName() + " on " + dir;
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        default -> {
          try {
            return m.invoke(part.apply(get()), args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        }
      }
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (store != null) {
      store.release();
      store = null;
    }
  }
}
