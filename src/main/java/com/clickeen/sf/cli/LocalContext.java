package com.clickeen.sf.cli;

import com.clickeen.sf.SfConfig;
import com.clickeen.sf.store.Backends;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What CLI commands open: the same stores the service uses: the configured backends (SF_SQL_URL,
 * SF_REDIS_URL, SF_BLOB_URL), else the embedded files of --data-dir. Its SQL index (SQLite in WAL mode) takes a
 * second process; its log (KV, queue, blobs) is opened only when a command needs it, by one process at a time.
 */
final class LocalContext {
  private LocalContext() {}

  static Backends open(Path dataDir) {
    return Backends.open(SfConfig.storage(SfConfig.processEnvironment(), dataDir), Clock.systemUTC());
  }
}
