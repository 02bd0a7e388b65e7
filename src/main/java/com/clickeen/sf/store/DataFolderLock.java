package com.clickeen.sf.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One serving instance per data folder: an OS file lock on {@code DATA/sf.lock}, holding the holder's pid. The
 * embedded KV, queue and budget ledger have one owner by design (two would each keep a ledger and double every
 * grant's budget), and a crashed owner's lock goes with its process, so the next start may take its queue back.
 */
public final class DataFolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the folder's lock or fails naming the folder and the pid holding it. */
  public static DataFolderLock acquire(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve("sf.lock");
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // held by this very process
      }
      if (l == null) {
        String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
        ch.close();
        throw new StoreException("data folder " + dir + " is in use by another San Francisco (pid "
            + (holder.isEmpty() ? "unknown" : holder) + "); stop it or start this one with another --data-dir");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
      return new DataFolderLock(ch, l);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // reporting the first failure
      }
      throw new StoreException("data folder " + dir + " could not be locked: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the process ends or the next start takes it
    }
  }
}
