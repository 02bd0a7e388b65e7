package com.clickeen.sf.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** How every embedded SQLite file is opened: WAL, a busy timeout, and write transactions that lock up front. */
final class SqliteFiles {
  private SqliteFiles() {}

  static String url(Path file) {
    // WAL: readers never block the writer. synchronous=NORMAL in WAL: a committed transaction survives a
    // crash of the process; an OS crash or power cut may lose the last commits before a checkpoint.
    // transaction_mode=IMMEDIATE: a writer takes the lock at BEGIN, so busy_timeout can wait for it.
    return "jdbc:sqlite:" + file.toAbsolutePath()
        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true&transaction_mode=IMMEDIATE"
        + "&cache_size=-65536&temp_store=MEMORY";
  }

  static HikariDataSource pool(Path file, String name, int size) {
    SqliteNative.prepare();
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url(file));
    c.setPoolName("sf-" + name);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(10_000);
    c.setMaxLifetime(0);
    c.setIdleTimeout(0);
    return new HikariDataSource(c);
  }
}
