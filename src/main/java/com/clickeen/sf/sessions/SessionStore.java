package com.clickeen.sf.sessions;

import com.clickeen.sf.grants.Subject;
import com.clickeen.sf.store.KeyValueStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Sessions, kept for a time to live after their last write (24 h). A session belongs to the subject whose
 * grant created it: it is keyed on (agent, subject, session id), so a grant for another subject that names
 * the same session id gets a session of its own and never sees, nor changes, the first one's turns.
 */
public interface SessionStore {
  int MAX_TURNS = 10;
  Duration DEFAULT_TTL = Duration.ofHours(24);

  Optional<Session> load(Subject owner, String agentId, String sessionId);

  void save(Subject owner, Session session);

  /** This store as one subject sees it: what agents get for a call. */
  default Owned of(Subject owner) {
    SessionStore store = this;
    return new Owned() {
      @Override
      public Optional<Session> load(String agentId, String sessionId) {
        return store.load(owner, agentId, sessionId);
      }

      @Override
      public void save(Session session) {
        store.save(owner, session);
      }
    };
  }

  /** The sessions of one subject. */
  interface Owned {
    Optional<Session> load(String agentId, String sessionId);

    void save(Session session);
  }

  static SessionStore onKv(KeyValueStore kv, Duration ttl) {
    return new KvSessionStore(kv, ttl);
  }
}
