package com.clickeen.sf.learning;

import com.clickeen.sf.store.BlobStore;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The {@code cleanup-old-sessions} job: expired KV entries (sessions), session index rows past the session
 * lifetime with no newer interaction, and raw payloads past the retention (their index rows stay, marked).
 */
public final class Cleanup {
  public record Result(int kvEntries, int sessionRows, int rawPayloads) {}

  private final KeyValueStore kv;
  private final BlobStore blobs;
  private final Interactions index;
  private final Clock clock;
  private final Duration sessionTtl;
  private final Duration rawRetention;

  public Cleanup(KeyValueStore kv, BlobStore blobs, Interactions index, Clock clock, Duration sessionTtl,
      Duration rawRetention) {
    this.kv = kv;
    this.blobs = blobs;
    this.index = index;
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.rawRetention = rawRetention;
  }

  public Result run(Progress progress) {
    long now = clock.millis();
    int kvEntries = kv.purgeExpired();
    int sessions = index.deleteSessionsBefore(now - sessionTtl.toMillis());
    int raw = 0;
    while (true) {
      List<Interactions.InteractionKey> batch = index.rawPayloadsBefore(now - rawRetention.toMillis(), 1_000);
      if (batch.isEmpty()) {
        break;
      }
      blobs.deleteAll(batch.stream().map(Interactions.InteractionKey::r2Key).filter(k -> k != null && !k.isEmpty())
          .toList());
      index.markRawDeleted(batch.stream().map(Interactions.InteractionKey::id).toList(), now);
      raw += batch.size();
      progress.update("raw payloads", raw, -1);
    }
    return new Result(kvEntries, sessions, raw);
  }
}
