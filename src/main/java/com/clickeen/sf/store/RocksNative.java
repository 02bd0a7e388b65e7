package com.clickeen.sf.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library, fast. {@link RocksDB#loadLibrary()} as shipped spends most of a start on one
 * core (measured here: 380-850 ms): it asks a shell whether the C library is musl ({@code ldd /usr/bin/env}) and
 * copies its 15 MB library out of the jar into a new temporary file on every start (which a kill -9 leaves
 * behind). Here the musl question is answered from the file system when {@code ROCKSDB_MUSL_LIBC} is unset, and
 * the library is copied once per jar into {@code java.io.tmpdir} and loaded from there (40-90 ms). Anything
 * unexpected falls back to the shipped loader.
 */
final class RocksNative {
  private static boolean loaded;

  private RocksNative() {}

  static synchronized void load() {
    if (loaded) {
      return;
    }
    try {
      if (System.getenv("ROCKSDB_MUSL_LIBC") == null) {
        boolean musl = List.of("/lib/ld-musl-x86_64.so.1", "/lib/ld-musl-aarch64.so.1").stream()
            .anyMatch(p -> Files.exists(Path.of(p)));
        Field f = Environment.class.getDeclaredField("MUSL_LIBC");
        f.setAccessible(true);
        f.set(null, musl);
      }
      Path jar = Path.of(RocksDB.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sanfrancisco-rocksdbjni-"
          + jar.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Files.size(jar));
      Path lib = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni")); // the name loadLibrary(paths) wants
      if (!Files.isRegularFile(lib)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "lib", ".part");
        try (InputStream in = RocksDB.class.getResourceAsStream("/" + Environment.getJniLibraryFileName("rocksdb"))) {
          if (in == null) {
            throw new IOException("no native library for this platform in " + jar);
          }
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      RocksDB.loadLibrary(List.of(dir.toString()));
    } catch (Exception | LinkageError e) {
      RocksDB.loadLibrary();
    }
    loaded = true;
  }
}
