package com.clickeen.sf.store;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * SQLite's trigram index of the interaction texts, {@code sf_interactions_fts} (V9), filled in bulk behind the
 * writes (V10): a row is indexed if and only if its rowid is at or below the watermark in
 * {@code sf_interactions_fts_mark}. The writers index the rows above it once there are {@code tailRows} of them,
 * in their own transaction, with one {@code INSERT ... SELECT} that moves the watermark too (a crash before the
 * commit leaves both as they were); the search matches the index up to the watermark and scans the rows above it,
 * fewer than {@code tailRows} plus one write batch.
 *
 * <p>Why not a trigger per row, as V9 had (issue 19): with bench/interaction-writes.sh on a copy of a 75,000-row
 * index, batches of 256 rows cost 150-185 µs of CPU per row with V9's trigger, 27-46 µs with no text indexing at
 * all, and 60-66 µs with the tail indexed 1,024 rows at a time. Indexing alone costs per row, by chunk: 16 rows
 * 50-145 µs, 64 rows 31-62 µs, 256 rows about 30 µs, 1,024 rows 15-20 µs.
 *
 * @param tailRows how many rows may wait above the watermark before a write indexes them
 */
record SqliteTextIndex(int tailRows) implements TextIndex {
  /**
   * Rows that may wait above the watermark: chunks of 1,024 index at half the cost per row of chunks of 256 (see
   * above), and a search scans at most this plus one write batch of un-indexed rows, about 9 ms for 1,280 rows of
   * the longest texts the writer keeps (2,000 + 8,000 characters).
   */
  static final int TAIL_ROWS = 1024;

  /**
   * Above this many indexed rows holding the term, the search walks the newest rows with LIKE instead of fetching
   * every row the FTS5 index names: the term is then common enough that a page fills after reading a few thousand
   * rows, while fetching each match by rowid and sorting them would read them all.
   */
  static final int FTS_MATCH_CAP = 5_000;

  SqliteTextIndex {
    if (tailRows < 1) {
      throw new IllegalArgumentException("SQLite text index: tailRows must be at least 1, got " + tailRows);
    }
  }

  @Override
  public void afterInserts(Handle h) {
    indexTail(h, tailRows);
  }

  /**
   * Indexes the rows above the watermark when there may be {@code minRows} of them or more (the count is the
   * span of rowids: an upper bound), and moves the watermark to the last one; returns how many rows it indexed.
   * Run it in a write transaction.
   */
  static int indexTail(Handle h, long minRows) {
    long mark = h.createQuery("SELECT indexed_rowid FROM sf_interactions_fts_mark").mapTo(Long.class).one();
    Long last = h.createQuery("SELECT MAX(rowid) FROM sf_interactions").mapTo(Long.class).findOne().orElse(null);
    if (last == null || last - mark < minRows) {
      return 0;
    }
    int n = h.createUpdate("INSERT INTO sf_interactions_fts (rowid, input_text, output_text) "
            + "SELECT rowid, input_text, output_text FROM sf_interactions WHERE rowid > :mark AND rowid <= :last")
        .bind("mark", mark).bind("last", last).execute();
    h.createUpdate("UPDATE sf_interactions_fts_mark SET indexed_rowid = :last").bind("last", last).execute();
    return n;
  }

  /**
   * The rows the index names for {@code text}, and every row above the watermark (the statement reads the
   * watermark itself, so a write that moves it meanwhile changes nothing); null for a term under 3 characters
   * (it has no trigram, FTS5 would match nothing) or one that more than {@link #FTS_MATCH_CAP} rows hold.
   */
  @Override
  public String candidates(Handle h, String text, Map<String, Object> binds) {
    if (text.codePointCount(0, text.length()) < 3) {
      return null;
    }
    String phrase = ftsPhrase(text);
    long matches = h.createQuery("SELECT COUNT(*) FROM (SELECT rowid FROM sf_interactions_fts WHERE sf_interactions_fts "
            + "MATCH :phrase LIMIT :cap)")
        .bind("phrase", phrase).bind("cap", FTS_MATCH_CAP).mapTo(Long.class).one();
    if (matches >= FTS_MATCH_CAP) {
      return null;
    }
    binds.put("phrase", phrase);
    // One list of rowids (not "IN (...) OR rowid > ..."): with an OR, SQLite walks the whole time range in
    // created_at_ms order instead of fetching the few rows the list names, as it does without the tail.
    return "rowid IN (SELECT rowid FROM sf_interactions_fts WHERE sf_interactions_fts MATCH :phrase "
        + "UNION ALL SELECT rowid FROM sf_interactions WHERE rowid > (SELECT indexed_rowid FROM sf_interactions_fts_mark))";
  }

  /** {@code text} as one FTS5 string (a phrase: with the trigram tokenizer, a case-insensitive substring). */
  static String ftsPhrase(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
