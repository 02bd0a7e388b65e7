package com.clickeen.sf.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL index database (SQLite or PostgreSQL) behind the storage ports: its pool, its schema (one Flyway
 * migration set, typed per {@link SqlDialect}) and JDBI. Every port adapter runs its statements through
 * {@link #call} or {@link #inTransaction}, which name the database and the failed step in the error.
 */
final class SqlIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlIndex.class);

  /**
   * The checksums Flyway records for the common V1-V3 (it checksums the file before placeholders are
   * filled in, so they are the same on every dialect).
   */
  static final Map<String, Integer> CHECKSUMS = Map.of("1", 1973168020, "2", 1114275131, "3", -2077010457);

  private final HikariDataSource ds;
  private final String name;
  private final SqlDialect dialect;
  private final Jdbi jdbi;

  SqlIndex(HikariDataSource ds, String name, SqlDialect dialect) {
    this.ds = ds;
    this.name = name;
    this.dialect = dialect;
    try {
      adoptLegacyChecksums(ds, dialect);
      Flyway.configure()
          .dataSource(ds)
          .locations(dialect.migrationLocations().toArray(String[]::new))
          .placeholders(dialect.placeholders())
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (RuntimeException | SQLException e) {
      ds.close();
      throw new StoreException(name + ": schema migration failed: " + e.getMessage(), e);
    }
    this.jdbi = Jdbi.create(ds);
  }

  /**
   * Databases made by earlier releases ran per-dialect copies of V1-V3, so Flyway's history holds their
   * checksums, and validation would reject the common files that replaced them. Those copies built exactly
   * the schema the common files build with this dialect's placeholders, so a history row whose checksum is
   * the known legacy one for its version is given the current checksum. Any other mismatch (a file edited
   * after it ran) is left for Flyway to refuse.
   */
  static void adoptLegacyChecksums(DataSource ds, SqlDialect dialect) throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "flyway_schema_history", null)) {
        if (!rs.next()) {
          return;
        }
      }
      for (var legacy : dialect.legacyChecksums().entrySet()) {
        try (var ps = c.prepareStatement("UPDATE flyway_schema_history SET checksum = ? WHERE version = ? AND checksum = ?")) {
          ps.setInt(1, CHECKSUMS.get(legacy.getKey()));
          ps.setString(2, legacy.getKey());
          ps.setInt(3, legacy.getValue());
          if (ps.executeUpdate() > 0) {
            LOG.info("schema: V{} was applied from the {} copy of an earlier release; its checksum is now the common file's",
                legacy.getKey(), dialect.name());
          }
        }
      }
    }
  }

  SqlDialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return ds;
  }

  /** Runs {@code work} on a handle; a database error becomes a {@link StoreException} naming {@code what}. */
  <T> T call(String what, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw failed(what, e);
    }
  }

  /** {@link #call} in one transaction: all of {@code work} or nothing. */
  <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw failed(what, e);
    }
  }

  private StoreException failed(String what, JdbiException e) {
    String cause = e.getCause() instanceof SQLException s ? s.getMessage() : e.getMessage();
    return new StoreException(name + ": " + what + " failed: " + cause, e);
  }

  @Override
  public void close() {
    ds.close();
  }
}
