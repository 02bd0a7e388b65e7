package com.clickeen.sf.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded blob store on the log store's {@code blobs} column family: raw payloads live in RocksDB's blob
 * files (64 MB each), not one file per payload, and a batch of payloads is one durable write. Deleting old
 * payloads writes tombstones; blob files left with no live payload are removed whole by RocksDB's blob garbage
 * collection, so retention never deletes millions of files. Payloads written before this store (one file each
 * under {@code DATA/r2/}) are still read and deleted there.
 */
final class LogBlobStore implements BlobStore {
  private final LogStore store;
  private final FileBlobStore legacy;

  LogBlobStore(LogStore store, FileBlobStore legacy) {
    this.store = store;
    this.legacy = legacy;
  }

  private static byte[] key(String key) {
    return BlobStore.checkKey(key).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void put(String key, byte[] bytes) {
    putAll(Map.of(key, bytes));
  }

  @Override
  public void putAll(Map<String, byte[]> blobs) {
    List<LogStore.Op> ops = new ArrayList<>(blobs.size());
    blobs.forEach((k, v) -> ops.add(new LogStore.Op(store.blobs, key(k), v.clone())));
    if (!ops.isEmpty()) {
      store.commit(ops);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] v = store.get(store.blobs, key(key));
    if (v == null && legacy != null) {
      return legacy.get(key);
    }
    return Optional.ofNullable(v);
  }

  @Override
  public boolean delete(String key) {
    return deleteAll(List.of(key)) == 1;
  }

  @Override
  public int deleteAll(Collection<String> keys) {
    List<LogStore.Op> ops = new ArrayList<>(keys.size());
    int existed = 0;
    for (String k : keys) {
      byte[] kb = key(k);
      boolean here = store.exists(store.blobs, kb);
      boolean old = !here && legacy != null && legacy.delete(k);
      existed += here || old ? 1 : 0;
      ops.add(new LogStore.Op(store.blobs, kb, null));
    }
    if (!ops.isEmpty()) {
      store.commit(ops);
    }
    return existed;
  }

  @Override
  public void close() {}
}
