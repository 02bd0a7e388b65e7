package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * SQLite's text index filled in bulk above a watermark (V10, {@link SqliteTextIndex}): the invariant "a row is in
 * {@code sf_interactions_fts} if and only if its rowid is at or below the watermark" holds through writes, deletes
 * (of the newest rows too, whose rowids SQLite hands out again), updates and the migration from V9, and FTS5's own
 * integrity check passes after each step (a 'delete' of a row never indexed makes it fail, as it was checked to).
 */
class SqliteTextIndexTest {
  private static final int TAIL = SqliteTextIndex.TAIL_ROWS;

  @Test
  void writes_wait_above_the_watermark_until_a_chunk_is_full_and_are_indexed_in_their_transaction() throws Exception {
    Path dir = Files.createTempDirectory("sf-fts-");
    try (Backends b = Backends.embedded(dir, Clock.systemUTC())) {
      Interactions index = b.interactions();
      assertThat(mark(b)).isZero();
      index.recordInteractions(recorded("a", TAIL - 1, "first"));
      assertThat(mark(b)).as("a tail shorter than a chunk waits").isZero();
      assertThat(indexedRows(b)).isZero();
      assertThat(search(index, "first #7.")).containsExactly("a-7");
      index.recordInteraction(row("b-0", "second"), null);
      assertThat(mark(b)).as("the chunk is full: indexed in the write's transaction").isEqualTo(maxRowid(b));
      assertThat(indexedRows(b)).isEqualTo(TAIL);
      int again = Jdbi.create(b.sql()).inTransaction(h -> SqliteTextIndex.indexTail(h, 1));
      assertThat(again).as("indexing again finds nothing to do").isZero();
      index.recordInteraction(row("c-0", "third"), null);
      assertThat(mark(b)).isEqualTo(TAIL);
      assertThat(search(index, "THIRD")).containsExactly("c-0");
      assertThat(search(index, "first #7.")).containsExactly("a-7");
      assertThat(search(index, "second")).containsExactly("b-0");
      integrityCheck(b);
    }
  }

  @Test
  void deleting_the_newest_indexed_rows_brings_the_watermark_down_so_a_reused_rowid_is_indexed_later() throws Exception {
    Path dir = Files.createTempDirectory("sf-fts-");
    try (Backends b = Backends.embedded(dir, Clock.systemUTC())) {
      Interactions index = b.interactions();
      index.importInteractions(rows("a", TAIL + 10, "kept"));
      long mark = mark(b);
      assertThat(mark).isEqualTo(TAIL + 10);
      index.recordInteraction(row("tail-0", "waiting"), null);
      sql(b, "DELETE FROM sf_interactions WHERE rowid >= " + (mark - 4)); // four indexed rows and the tail's one
      assertThat(mark(b)).isEqualTo(mark - 5);
      integrityCheck(b);
      index.recordInteraction(row("reused", "a reused rowid"), null);
      assertThat(rowid(b, "reused")).as("SQLite hands the number out again").isEqualTo(mark - 4);
      assertThat(mark(b)).isEqualTo(mark - 5);
      sql(b, "UPDATE sf_interactions SET input_text = 'rewritten' WHERE id = 'reused'"); // not indexed: nothing to undo
      sql(b, "DELETE FROM sf_interactions WHERE id = 'a-3'"); // indexed: taken out
      integrityCheck(b);
      assertThat(search(index, "rewritten")).containsExactly("reused");
      assertThat(search(index, "kept #3.")).isEmpty();
      assertThat(search(index, "kept #4.")).containsExactly("a-4");
      index.importInteractions(rows("b", TAIL, "later"));
      assertThat(mark(b)).isEqualTo(maxRowid(b));
      integrityCheck(b);
      assertThat(search(index, "rewritten")).containsExactly("reused");
      sql(b, "DELETE FROM sf_interactions WHERE id = 'reused'");
      integrityCheck(b);
      assertThat(search(index, "rewritten")).isEmpty();
    }
  }

  @Test
  void a_database_indexed_by_the_v9_trigger_migrates_with_its_watermark_on_its_last_row() throws Exception {
    Path dir = Files.createTempDirectory("sf-fts-v9-");
    String url = SqliteFiles.url(dir.resolve("sanfrancisco.db"));
    Flyway.configure().dataSource(url, null, null).locations(SqlDialect.SQLITE.migrationLocations().toArray(String[]::new))
        .placeholders(SqlDialect.SQLITE.placeholders()).loggers("slf4j").target("9").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (int i = 0; i < 40; i++) { // indexed one by one by V9's insert trigger
        s.executeUpdate("INSERT INTO sf_interactions (id, session_id, agent_id, created_at_ms, r2_key, input_text, "
            + "output_text, needs_score) VALUES ('v9-" + i + "', 's', 'sdr.copilot', " + (1000 + i) + ", 'k', 'Legacy text "
            + i + "', '{\"message\":\"old answer\"}', 1)");
      }
      s.executeUpdate("DELETE FROM sf_interactions WHERE id = 'v9-0'");
    }
    try (Backends b = Backends.embedded(dir, Clock.systemUTC())) {
      assertThat(mark(b)).isEqualTo(40);
      assertThat(indexedRows(b)).isEqualTo(39);
      integrityCheck(b);
      Interactions index = b.interactions();
      assertThat(search(index, "legacy text 1")).containsExactly("v9-19", "v9-18", "v9-17", "v9-16", "v9-15", "v9-14",
          "v9-13", "v9-12", "v9-11", "v9-10");
      index.recordInteraction(row("new-0", "legacy text, new row"), null);
      sql(b, "UPDATE sf_interactions SET input_text = 'renamed' WHERE id = 'v9-5'");
      sql(b, "DELETE FROM sf_interactions WHERE id IN ('v9-6', 'new-0')");
      integrityCheck(b);
      assertThat(search(index, "renamed")).containsExactly("v9-5");
      assertThat(search(index, "legacy text 6")).isEmpty();
      assertThat(search(index, "old answer")).hasSize(10);
      assertThat(search(index, "legacy text, new")).isEmpty();
      assertThat(triggers(b)).containsExactly("sf_interactions_fts_delete", "sf_interactions_fts_update");
    }
  }

  private static List<Interactions.Recorded> recorded(String prefix, int n, String text) {
    return rows(prefix, n, text).stream().map(r -> new Interactions.Recorded(r, null)).toList();
  }

  private static List<InteractionRow> rows(String prefix, int n, String text) {
    List<InteractionRow> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(row(prefix + "-" + i, text + " #" + i + "."));
    }
    return out;
  }

  private static InteractionRow row(String id, String text) {
    return InteractionRow.builder().id(id).agentId("sdr.copilot").createdAtMs(1_000).r2Key("k").inputText(text).build();
  }

  private static List<String> search(Interactions index, String text) {
    return index.search(new InteractionQuery(null, null, null, null, null, null, null, text, null, 10)).stream()
        .map(InteractionRow::id).toList();
  }

  private static long mark(Backends b) throws Exception {
    return one(b, "SELECT indexed_rowid FROM sf_interactions_fts_mark");
  }

  private static long maxRowid(Backends b) throws Exception {
    return one(b, "SELECT MAX(rowid) FROM sf_interactions");
  }

  private static long rowid(Backends b, String id) throws Exception {
    return one(b, "SELECT rowid FROM sf_interactions WHERE id = '" + id + "'");
  }

  /** Rows in the FTS5 index: its docsize shadow table has one row per indexed row. */
  private static long indexedRows(Backends b) throws Exception {
    return one(b, "SELECT COUNT(*) FROM sf_interactions_fts_docsize");
  }

  private static long one(Backends b, String query) throws Exception {
    try (Connection c = b.sql().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static List<String> triggers(Backends b) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = b.sql().getConnection(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void sql(Backends b, String statement) throws Exception {
    try (Connection c = b.sql().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  /**
   * FTS5's check that the index holds exactly the content table's rows and tokens (the 'rank' argument 1), run
   * after indexing the rows above the watermark in a transaction that is then rolled back: it throws
   * SQLITE_CORRUPT if a row is missing, stale, indexed twice, or was 'delete'd without having been indexed.
   */
  private static void integrityCheck(Backends b) {
    Jdbi.create(b.sql()).useHandle(h -> {
      h.begin();
      try {
        SqliteTextIndex.indexTail(h, 1);
        h.execute("INSERT INTO sf_interactions_fts (sf_interactions_fts, rank) VALUES ('integrity-check', 1)");
      } finally {
        h.rollback();
      }
    });
  }
}
