package com.clickeen.sf.sessions;

import com.clickeen.sf.grants.Subject;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import com.clickeen.sf.store.InteractionJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions as JSON values in the KV under {@code sess:{agentId}:{owner}:{sessionId}}, where {@code owner} is a
 * hash of the subject's key (fixed length, so no choice of subject id or session id can make two owners'
 * keys meet).
 */
final class KvSessionStore implements SessionStore {
  private final KeyValueStore kv;
  private final Duration ttl;

  KvSessionStore(KeyValueStore kv, Duration ttl) {
    this.kv = kv;
    this.ttl = ttl;
  }

  static String key(Subject owner, String agentId, String sessionId) {
    return "sess:" + agentId + ":" + ownerHash(owner) + ":" + sessionId;
  }

  static String ownerHash(Subject owner) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(owner.key().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<Session> load(Subject owner, String agentId, String sessionId) {
    return kv.get(key(owner, agentId, sessionId)).map(bytes -> Json.read(bytes, Session.class));
  }

  @Override
  public void save(Subject owner, Session session) {
    kv.put(key(owner, session.agentId(), session.sessionId()), Json.bytes(session), ttl);
  }

  @Override
  public Staged staged(Subject owner) {
    return new Held(owner);
  }

  /** Saves held by key (the last save of a session wins), read back by the same execute. */
  private final class Held implements Staged {
    private final Subject owner;
    private final Map<String, Session> held = new LinkedHashMap<>();
    private boolean through;

    Held(Subject owner) {
      this.owner = owner;
    }

    @Override
    public synchronized Optional<Session> load(String agentId, String sessionId) {
      Session s = held.get(key(owner, agentId, sessionId));
      return s != null ? Optional.of(s) : KvSessionStore.this.load(owner, agentId, sessionId);
    }

    @Override
    public synchronized void save(Session session) {
      if (through) {
        KvSessionStore.this.save(owner, session);
      } else {
        held.put(key(owner, session.agentId(), session.sessionId()), session);
      }
    }

    @Override
    public synchronized List<InteractionJournal.KvPut> takeWrites() {
      List<InteractionJournal.KvPut> puts = new ArrayList<>(held.size());
      held.forEach((k, s) -> puts.add(new InteractionJournal.KvPut(k, Json.bytes(s), ttl)));
      held.clear();
      through = true;
      return puts;
    }

    @Override
    public synchronized void flush() {
      held.values().forEach(s -> KvSessionStore.this.save(owner, s));
      held.clear();
      through = true;
    }
  }
}
