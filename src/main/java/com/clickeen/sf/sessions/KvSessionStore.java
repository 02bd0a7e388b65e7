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

  /** A SHA-256 to clone: cloning copies its state, where getInstance looks the provider up each time. */
  private static final MessageDigest SHA256;

  static {
    try {
      SHA256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String key(Subject owner, String agentId, String sessionId) {
    return key(ownerHash(owner), agentId, sessionId);
  }

  private static String key(String ownerHash, String agentId, String sessionId) {
    return "sess:" + agentId + ":" + ownerHash + ":" + sessionId;
  }

  static String ownerHash(Subject owner) {
    MessageDigest sha;
    try {
      sha = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    byte[] d = sha.digest(owner.key().getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
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
    private String ownerHash; // hashed once per execute, at its first read or save
    private final Map<String, Session> held = new LinkedHashMap<>();
    private boolean through;

    Held(Subject owner) {
      this.owner = owner;
    }

    private String key(String agentId, String sessionId) {
      if (ownerHash == null) {
        ownerHash = ownerHash(owner);
      }
      return KvSessionStore.key(ownerHash, agentId, sessionId);
    }

    @Override
    public synchronized Optional<Session> load(String agentId, String sessionId) {
      String k = key(agentId, sessionId);
      Session s = held.get(k);
      return s != null ? Optional.of(s) : kv.get(k).map(bytes -> Json.read(bytes, Session.class));
    }

    @Override
    public synchronized void save(Session session) {
      String k = key(session.agentId(), session.sessionId());
      if (through) {
        kv.put(k, Json.bytes(session), ttl);
      } else {
        held.put(k, session);
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
      held.forEach((k, s) -> kv.put(k, Json.bytes(s), ttl));
      held.clear();
      through = true;
    }
  }
}
