package com.clickeen.sf.store;

import java.util.List;
import java.util.Map;

/**
 * What really differs between the SQL backends: column types in the one migration set (Flyway placeholders),
 * db-scheduler's table (its own folder per dialect), the checksums Flyway recorded for the per-dialect V1-V3 files
 * of earlier releases (see {@link SqlIndex#adoptLegacyChecksums}), and how the text search is indexed (each
 * dialect's V9, SQLite's V10: {@link TextIndex}). The other statements do not differ.
 *
 * @param name {@code sqlite} or {@code postgres}
 * @param placeholders Flyway placeholders of the common migrations
 * @param legacyChecksums migration version to the checksum an earlier release recorded for it
 * @param textIndex how the admin's text search is served: SQLite's FTS5 index filled in bulk, PostgreSQL's GIN
 */
record SqlDialect(String name, Map<String, String> placeholders, Map<String, Integer> legacyChecksums,
    TextIndex textIndex) {
  static final SqlDialect SQLITE = new SqlDialect("sqlite",
      Map.of("bigint", "INTEGER", "double", "REAL", "autoinc_pk", "INTEGER PRIMARY KEY AUTOINCREMENT"),
      Map.of("1", 1818767110, "2", 1779371324, "3", 663335332),
      new SqliteTextIndex(SqliteTextIndex.TAIL_ROWS));
  static final SqlDialect POSTGRES = new SqlDialect("postgres",
      Map.of("bigint", "BIGINT", "double", "DOUBLE PRECISION", "autoinc_pk", "BIGSERIAL PRIMARY KEY"),
      Map.of("1", -1312163101, "2", 871870962, "3", 428647969),
      TextIndex.OF_THE_LIKE);

  /** The common migrations, then this dialect's own. */
  List<String> migrationLocations() {
    return List.of("classpath:db/migration/common", "classpath:db/migration/" + name);
  }
}
