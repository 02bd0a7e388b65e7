package com.clickeen.sf.sessions;

import com.clickeen.sf.grants.Subject;
import com.clickeen.sf.store.KeyValueStore;
import com.clickeen.sf.store.InteractionJournal;
import java.time.Duration;
import java.util.List;
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

  /**
   * This store as one execute of {@code owner} sees it: saves are held (and read back) until the execute
   * takes them to write with its interaction ({@link Staged#takeWrites}) or writes them alone
   * ({@link Staged#flush}). This default writes through and holds nothing.
   */
  default Staged staged(Subject owner) {
    Owned direct = of(owner);
    return new Staged() {
      @Override
      public Optional<Session> load(String agentId, String sessionId) {
        return direct.load(agentId, sessionId);
      }

      @Override
      public void save(Session session) {
        direct.save(session);
      }

      @Override
      public List<InteractionJournal.KvPut> takeWrites() {
        return List.of();
      }

      @Override
      public void flush() {}
    };
  }

  /** The sessions of one subject. */
  interface Owned {
    Optional<Session> load(String agentId, String sessionId);

    void save(Session session);
  }

  /** The sessions of one subject in one execute, saves held; see {@link #staged}. */
  interface Staged extends Owned {
    /** The held saves as KV writes, now the caller's to make durable; later saves write through. */
    List<InteractionJournal.KvPut> takeWrites();

    /** Writes the saves still held, alone; later saves write through. */
    void flush();
  }

  static SessionStore onKv(KeyValueStore kv, Duration ttl) {
    return new KvSessionStore(kv, ttl);
  }
}
