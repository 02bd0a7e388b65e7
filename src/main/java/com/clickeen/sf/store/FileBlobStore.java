package com.clickeen.sf.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded blob store: one file per key under {@code DATA/r2/}. A write goes to a temporary file in
 * the same folder and is renamed over the target, so a reader or a crash never sees half a blob.
 */
final class FileBlobStore implements BlobStore {
  private static final long PROCESS = ProcessHandle.current().pid();
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();
  private final Path root;

  FileBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new StoreException("blob store folder " + this.root + " could not be created: " + e.getMessage(), e);
    }
  }

  private Path pathOf(String key) {
    Path p = root.resolve(BlobStore.checkKey(key)).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("blob key '" + key + "' escapes the store");
    }
    return p;
  }

  @Override
  public void put(String key, byte[] bytes) {
    Path target = pathOf(key);
    Path tmp = null;
    try {
      tmp = writeNew(target, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what matters
        }
      }
      throw new StoreException("blob put failed for '" + key + "' under " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the bytes to a new temporary file next to the target, opened once. Most puts go to a folder that
   * exists (a day's logs), so the folder is created only when the first open says it is missing.
   */
  private static Path writeNew(Path target, byte[] bytes) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = target.resolveSibling(".tmp-" + PROCESS + "-" + TEMP_COUNTER.incrementAndGet() + ".part");
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
        return tmp;
      } catch (NoSuchFileException missingFolder) {
        if (attempt > 0) {
          throw missingFolder;
        }
        Files.createDirectories(target.getParent());
      } catch (FileAlreadyExistsException leftOver) {
        if (attempt > 3) {
          throw leftOver; // a crashed process with our pid left one behind; the next number is free
        }
      }
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(Files.readAllBytes(pathOf(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("blob get failed for '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      return Files.deleteIfExists(pathOf(key));
    } catch (IOException e) {
      throw new StoreException("blob delete failed for '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}
}
