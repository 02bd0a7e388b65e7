package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {
  @Test
  void theDriverLoadsItsLibraryFromOneCopyPerJar(@TempDir Path dir) throws Exception {
    SqliteNative.prepare();
    String path = System.getProperty("org.sqlite.lib.path");
    String name = System.getProperty("org.sqlite.lib.name");
    assertThat(path).contains("sanfrancisco-sqlite-");
    Path lib = Path.of(path, name);
    assertThat(lib).isRegularFile();
    long size = Files.size(lib);
    assertThat(size).isGreaterThan(100_000);
    SqliteNative.prepare(); // again: same copy, nothing rewritten
    assertThat(Files.size(lib)).isEqualTo(size);
    try (var pool = SqliteFiles.pool(dir.resolve("t.db"), "native-test", 1);
        var c = pool.getConnection(); var rs = c.createStatement().executeQuery("select sqlite_version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("3.");
    }
  }
}
