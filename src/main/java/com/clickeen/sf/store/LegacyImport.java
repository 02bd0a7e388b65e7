package com.clickeen.sf.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data folder of an earlier release: its queued messages ({@code queue.db}) and live KV entries
 * ({@code kv.db}, sessions and request claims) move into the log store the first time it opens, then the old
 * files are renamed {@code *.imported}. A crash half-way imports again what was not yet removed from the old
 * queue (consumers tolerate a second delivery). Dead letters stay in {@code queue.db.imported}.
 */
final class LegacyImport {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyImport.class);

  private LegacyImport() {}

  static void run(LogStore s, Path dataDir, Clock clock) {
    Path queueDb = dataDir.resolve("queue.db");
    if (Files.isRegularFile(queueDb)) {
      int n = importQueue(s, queueDb);
      retire(queueDb);
      LOG.info("imported {} queued message(s) from {} into {}", n, queueDb, s.dir());
    }
    Path kvDb = dataDir.resolve("kv.db");
    if (Files.isRegularFile(kvDb)) {
      int n = 0;
      try (Connection c = DriverManager.getConnection(SqliteFiles.url(kvDb));
           PreparedStatement ps = c.prepareStatement("SELECT k, v, expires_at_ms FROM sf_kv WHERE expires_at_ms > ?")) {
        ps.setLong(1, clock.millis());
        List<LogStore.Op> ops = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ops.add(new LogStore.Op(s.kv, LogKeyValueStore.key(rs.getString(1)),
                LogKeyValueStore.value(rs.getBytes(2), rs.getLong(3))));
            if (ops.size() == 1_000) {
              s.commit(ops);
              n += ops.size();
              ops = new ArrayList<>();
            }
          }
        }
        s.commit(ops);
        n += ops.size();
      } catch (SQLException e) {
        if (!String.valueOf(e.getMessage()).contains("no such table")) {
          throw new StoreException("KV of an earlier release (" + kvDb + ") could not be imported: " + e.getMessage(), e);
        }
      }
      retire(kvDb);
      LOG.info("imported {} KV entr(ies) from {} into {}", n, kvDb, s.dir());
    }
  }

  /**
   * Moves every message of an earlier release's SQLite queue (taken, delayed for a retry or ready: all are
   * visible at once in the log) into the log's queue, a page at a time, each page deleted from the old file
   * once the log holds it. Reads the file with plain SQL: the old queue's code is not kept.
   */
  private static int importQueue(LogStore s, Path queueDb) {
    int n = 0;
    try (Connection c = DriverManager.getConnection(SqliteFiles.url(queueDb));
         PreparedStatement page = c.prepareStatement(
             "SELECT id, topic, dedupe_key, payload FROM sf_queue WHERE id > ? ORDER BY id LIMIT 1000");
         PreparedStatement delete = c.prepareStatement("DELETE FROM sf_queue WHERE id <= ?")) {
      long after = 0;
      while (true) {
        page.setLong(1, after);
        int inPage = 0;
        try (ResultSet rs = page.executeQuery()) {
          while (rs.next()) {
            after = rs.getLong(1);
            s.queueStore().enqueue(rs.getString(2), rs.getString(3), rs.getBytes(4));
            inPage++;
          }
        }
        if (inPage == 0) {
          return n;
        }
        delete.setLong(1, after);
        delete.executeUpdate();
        n += inPage;
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no such table")) {
        return n;
      }
      throw new StoreException("queue of an earlier release (" + queueDb + ") could not be imported: " + e.getMessage(), e);
    }
  }

  private static void retire(Path db) {
    try {
      for (String suffix : List.of("-wal", "-shm", "")) {
        Path f = db.resolveSibling(db.getFileName() + suffix);
        if (Files.exists(f)) {
          Files.move(f, f.resolveSibling(f.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new StoreException(db + " was imported but could not be renamed: " + e.getMessage(), e);
    }
  }
}
