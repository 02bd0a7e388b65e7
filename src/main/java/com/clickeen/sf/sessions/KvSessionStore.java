package com.clickeen.sf.sessions;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.KeyValueStore;
import java.time.Duration;
import java.util.Optional;

/** Sessions as JSON values in the KV under {@code sess:{agentId}:{sessionId}}. */
final class KvSessionStore implements SessionStore {
  private final KeyValueStore kv;
  private final Duration ttl;

  KvSessionStore(KeyValueStore kv, Duration ttl) {
    this.kv = kv;
    this.ttl = ttl;
  }

  static String key(String agentId, String sessionId) {
    return "sess:" + agentId + ":" + sessionId;
  }

  @Override
  public Optional<Session> load(String agentId, String sessionId) {
    return kv.get(key(agentId, sessionId)).map(bytes -> Json.read(bytes, Session.class));
  }

  @Override
  public void save(Session session) {
    kv.put(key(session.agentId(), session.sessionId()), Json.bytes(session), ttl);
  }
}
