package com.clickeen.sf.sessions;

import com.clickeen.sf.store.KeyValueStore;
import java.time.Duration;
import java.util.Optional;

/** Sessions, keyed per agent and session id, kept for a time to live after their last write (24 h). */
public interface SessionStore {
  int MAX_TURNS = 10;
  Duration DEFAULT_TTL = Duration.ofHours(24);

  Optional<Session> load(String agentId, String sessionId);

  void save(Session session);

  static SessionStore onKv(KeyValueStore kv, Duration ttl) {
    return new KvSessionStore(kv, ttl);
  }
}
