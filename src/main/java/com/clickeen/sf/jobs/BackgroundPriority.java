package com.clickeen.sf.jobs;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the calling platform thread (Linux {@code setpriority} on its thread id), so that
 * work done behind the answers (indexing interactions) takes the CPU that requests leave idle instead of
 * delaying them. Raising it back needs a privilege a service does not have; callers that must catch up hand
 * their work to a thread of normal priority instead (see {@link QueueWorker}).
 *
 * <p>Where the call is not available (another OS, native access denied, a libc without {@code gettid}) nothing
 * changes and {@link #lowerCurrentThread} says so: the work then runs at normal priority, as before.
 */
final class BackgroundPriority {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
  private static final int PRIO_PROCESS = 0;
  private static final Native NATIVE = link().orElse(null);

  private record Native(MethodHandle gettid, MethodHandle setpriority) {}

  private BackgroundPriority() {}

  private static Optional<Native> link() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Optional.empty();
    }
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      var gettid = libc.find("gettid");
      var setpriority = libc.find("setpriority");
      if (gettid.isEmpty() || setpriority.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Native(
          linker.downcallHandle(gettid.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
          linker.downcallHandle(setpriority.get(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))));
    } catch (RuntimeException | Error e) { // IllegalCallerException when native access is denied
      LOG.debug("thread priorities unavailable: {}", e.toString());
      return Optional.empty();
    }
  }

  /**
   * Sets the calling thread's nice value to {@code nice} (0..19; higher yields more). Returns whether it took
   * effect. Must be called from a platform thread (a virtual thread's carrier is shared).
   */
  static boolean lowerCurrentThread(int nice) {
    if (nice < 0 || nice > 19) {
      throw new IllegalArgumentException("nice must be 0..19 (got " + nice + ")");
    }
    if (NATIVE == null || Thread.currentThread().isVirtual()) {
      return false;
    }
    try {
      int tid = (int) NATIVE.gettid().invokeExact();
      int rc = (int) NATIVE.setpriority().invokeExact(PRIO_PROCESS, tid, nice);
      return rc == 0;
    } catch (Throwable e) {
      LOG.debug("could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
      return false;
    }
  }

  /** The calling thread's nice value as the OS reports it, or empty where it cannot be read (tests). */
  static Optional<Integer> currentNice() {
    if (NATIVE == null || Thread.currentThread().isVirtual()) {
      return Optional.empty();
    }
    try {
      int tid = (int) NATIVE.gettid().invokeExact();
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + tid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Integer.parseInt(f[16])); // field 19 of stat: nice
    } catch (Throwable e) {
      return Optional.empty();
    }
  }
}
