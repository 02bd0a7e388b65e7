package com.clickeen.sf.cli;

import com.clickeen.sf.store.Backends;
import java.nio.file.Path;
import java.time.Clock;

/** What CLI commands open: the same stores the service uses (SQLite in WAL mode takes a second process). */
final class LocalContext {
  private LocalContext() {}

  static Backends open(Path dataDir) {
    return Backends.embedded(dataDir, Clock.systemUTC());
  }
}
