package com.clickeen.sf.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Points sqlite-jdbc at a copy of its native library made once per jar. As shipped, the driver copies the
 * library (1 MB) out of its jar into a new temporary file on every start and loads that: 93 ms of CPU on one
 * core in a start-up profile here. The copy lives in {@code java.io.tmpdir} under a name that changes with the
 * jar; anything unexpected leaves the driver's own loader in charge. A user who set {@code org.sqlite.lib.path}
 * keeps it.
 */
final class SqliteNative {
  private static boolean prepared;

  private SqliteNative() {}

  static synchronized void prepare() {
    if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    prepared = true;
    try {
      Path jar = Path.of(LibraryLoaderUtil.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        return; // classes from a folder (an IDE): nothing to gain
      }
      String name = LibraryLoaderUtil.getNativeLibName();
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sanfrancisco-sqlite-"
          + jar.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Files.size(jar));
      Path lib = dir.resolve(name);
      if (!Files.isRegularFile(lib)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "lib", ".part");
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
          if (in == null) {
            Files.deleteIfExists(tmp);
            return; // no library for this platform in the jar: the driver says so itself
          }
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      // the driver's own loader copies the library as usual
    }
  }
}
