package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Databases made by a release before the single migration set (per-dialect V1-V3, kept byte for byte in
 * {@code src/test/resources/db/legacy}) open with the current store: upgraded in place, data served.
 */
class LegacySchemaUpgradeTest {

  abstract static class Contract {
    final Path dir;
    final String url;

    Contract() throws Exception {
      dir = Files.createTempDirectory("sf-legacy-");
      url = newUrl();
    }

    abstract String newUrl();

    abstract SqlDialect dialect();

    Backends open() {
      return Backends.open(new StorageSettings(dir, url.startsWith("jdbc:sqlite:") ? null : url, null, "sf:", null),
          Clock.systemUTC());
    }

    /** What the previous release did: its own migrations, then its rows. */
    void createLegacyDatabase() throws Exception {
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/legacy/" + dialect().name())
          .loggers("slf4j").load().migrate();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO sf_sessions (id, agent_id, created_at_ms, subject_kind, subject_id, locale) "
            + "VALUES ('sess-1', 'sdr.copilot', 1000, 'anon', 'visitor-1', 'en')");
        s.executeUpdate("INSERT INTO sf_interactions (id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, "
            + "provider, model, prompt_tokens, completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, "
            + "locale, user_id, intent, result_outcome, applied, input_text, output_text, example_ids, o_continued, "
            + "o_converted, human_review, needs_score) VALUES ('legacy-1', 'sess-1', 'sdr.copilot', 1000, "
            + "'logs/dev/sdr.copilot/1970-01-01/legacy-1.json', 0.75, 'sdr.copilot@v1', 'offline', 'sf-offline-1', 501, 89, "
            + "0.0, 12, 1, NULL, 'anon', 'visitor-1', 'en', 'user-1', 'pricing', NULL, 0, 'How much does it cost?', "
            + "'{\"message\":\"Free plan\"}', '[]', 1, 1, 'good', 0)");
        s.executeUpdate("INSERT INTO sf_outcomes (request_id, event, session_id, occurred_at_ms, received_at_ms) "
            + "VALUES ('legacy-1', 'ux_keep', 'sess-1', 1100, 1200)");
        s.executeUpdate("INSERT INTO sf_prompts (id, agent_id, version, prompt_text, created_at_ms, is_active) "
            + "VALUES ('sdr.copilot@v1', 'sdr.copilot', 1, 'You are the SDR Copilot.', 900, 1)");
        s.executeUpdate("INSERT INTO sf_job_runs (job, trigger, started_at_ms, finished_at_ms, status) "
            + "VALUES ('score-interactions', 'schedule', 1, 2, 'ok')");
        s.executeUpdate("INSERT INTO sf_help_articles (id, title, body, updated_at_ms) VALUES ('a1', 'Embed', 'How', 5)");
      }
    }

    Map<String, Integer> checksums() throws Exception {
      Map<String, Integer> out = new TreeMap<>();
      try (Connection c = DriverManager.getConnection(url);
           ResultSet rs = c.createStatement().executeQuery("SELECT version, checksum FROM flyway_schema_history "
               + "WHERE version IS NOT NULL AND success = " + (dialect() == SqlDialect.SQLITE ? "1" : "TRUE"))) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2));
        }
      }
      return out;
    }

    /** table.column to its type, as the driver reports it. */
    static Map<String, String> columns(String url) throws Exception {
      Map<String, String> out = new TreeMap<>();
      try (Connection c = DriverManager.getConnection(url);
           ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME");
          if (table.startsWith("sf_") || table.equals("scheduled_tasks")) {
            out.put(table + "." + rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
          }
        }
      }
      return out;
    }

    @Test
    void the_legacy_checksums_are_the_ones_the_previous_release_recorded() throws Exception {
      createLegacyDatabase();
      assertThat(checksums()).isEqualTo(new TreeMap<>(dialect().legacyChecksums()));
    }

    @Test
    void a_legacy_database_is_upgraded_in_place_and_serves_its_interactions() throws Exception {
      createLegacyDatabase();
      try (Backends b = open()) {
        InteractionRow row = b.interactions().interaction("legacy-1").orElseThrow();
        assertThat(row.sessionId()).isEqualTo("sess-1");
        assertThat(row.score()).isEqualTo(0.75);
        assertThat(row.promptTokens()).isEqualTo(501);
        assertThat(row.inputText()).isEqualTo("How much does it cost?");
        assertThat(row.outcomes()).isEqualTo(new OutcomeFlags(true, null, null, true, null, null, "good", null));
        assertThat(b.outcomes().outcomes("legacy-1")).extracting(Outcomes.OutcomeRow::event).containsExactly("ux_keep");
        assertThat(b.prompts().activePrompt("sdr.copilot").orElseThrow().text()).isEqualTo("You are the SDR Copilot.");
        assertThat(b.helpArticles().articles(10)).extracting(HelpArticles.HelpArticle::id).containsExactly("a1");
        assertThat(b.jobRuns().startJobRun("score-interactions", "cli", 3)).isGreaterThan(1);
        assertThat(b.interactions().recordInteraction(InteractionRow.builder().id("new-1").agentId("sdr.copilot")
            .createdAtMs(2000).r2Key("k").build(), null)).isTrue();
        assertThat(b.interactions().countInteractions(null)).isEqualTo(2);
        // V9's trigram index holds the rows from before it (SQLite: rebuilt in the migration).
        assertThat(b.interactions().search(new InteractionQuery(null, null, null, null, null, null, null, "MUCH does",
            null, 10))).extracting(InteractionRow::id).containsExactly("legacy-1");
        assertThat(b.interactions().search(new InteractionQuery(null, null, null, null, null, null, null, "free pl",
            null, 10))).extracting(InteractionRow::id).containsExactly("legacy-1");
        assertThat(b.interactions().search(new InteractionQuery(null, null, null, null, null, null, null, "cheap",
            null, 10))).isEmpty();
      }
      Map<String, Integer> expected = new TreeMap<>(SqlIndex.CHECKSUMS);
      assertThat(checksums()).containsAllEntriesOf(expected).containsKey("3.1").containsKey("9");
      try (Backends again = open()) {
        assertThat(again.interactions().interaction("legacy-1")).isPresent();
      }
    }

    @Test
    void an_upgraded_legacy_database_has_the_columns_and_types_of_a_new_one() throws Exception {
      createLegacyDatabase();
      open().close();
      Contract fresh = fresh();
      fresh.open().close();
      assertThat(columns(url)).isEqualTo(columns(fresh.url)).isNotEmpty();
      assertThat(fresh.checksums()).containsAllEntriesOf(SqlIndex.CHECKSUMS).containsKey("3.1");
    }

    abstract Contract fresh() throws Exception;

    @Test
    void a_migration_edited_after_it_ran_is_still_refused() throws Exception {
      createLegacyDatabase();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
      }
      assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
          .hasMessageContaining("schema migration failed").hasMessageContaining("checksum mismatch");
    }
  }

  @Nested
  class Sqlite extends Contract {
    Sqlite() throws Exception {}

    @Override
    String newUrl() {
      return SqliteFiles.url(dir.resolve("sanfrancisco.db"));
    }

    @Override
    SqlDialect dialect() {
      return SqlDialect.SQLITE;
    }

    @Override
    Contract fresh() throws Exception {
      return new Sqlite();
    }
  }

  @Nested
  class Postgres extends Contract {
    Postgres() throws Exception {}

    @Override
    String newUrl() {
      return TestBackends.postgresUrl();
    }

    @Override
    SqlDialect dialect() {
      return SqlDialect.POSTGRES;
    }

    @Override
    Contract fresh() throws Exception {
      return new Postgres();
    }
  }
}
