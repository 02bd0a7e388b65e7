package com.clickeen.sf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says out loud which tests were skipped because a server they need is missing (outside CI, {@link TestBackends}
 * skips them instead of failing). At the end of the run it prints a notice naming each missing server, why it was
 * missing and the tests skipped, and writes the same to {@code target/test-prerequisites.txt}, which {@code ./sf
 * test} shows after Maven's summary (Surefire keeps a test JVM's own output in files). Registered through
 * {@code META-INF/services}.
 */
public final class PrerequisitesListener implements TestExecutionListener {
  static final Path REPORT = Path.of("target", "test-prerequisites.txt");
  private final Map<String, TreeSet<String>> skipped = new TreeMap<>();

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    try {
      Files.deleteIfExists(REPORT);
    } catch (IOException e) {
      // nothing to clear
    }
  }

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
      return;
    }
    String reason = result.getThrowable().map(Throwable::getMessage).orElse("");
    String marker = "Assumption failed: ";
    reason = reason.startsWith(marker) ? reason.substring(marker.length()) : reason;
    if (!reason.startsWith(TestBackends.MISSING_PREFIX)) {
      return;
    }
    skipped.computeIfAbsent(reason.substring(TestBackends.MISSING_PREFIX.length()), k -> new TreeSet<>())
        .add(name(test));
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan plan) {
    if (skipped.isEmpty()) {
      return;
    }
    StringBuilder notice = new StringBuilder();
    int total = skipped.values().stream().mapToInt(TreeSet::size).sum();
    notice.append("NOTICE: ").append(total).append(" test(s) were SKIPPED because a server they need is missing ")
        .append("(CI is not set; with CI=true they fail instead):\n");
    skipped.forEach((why, tests) -> {
      notice.append("  - ").append(why).append("\n    skipped: ").append(String.join(", ", List.copyOf(tests)))
          .append('\n');
    });
    notice.append("  The tests need PostgreSQL (database 'test', SF_TEST_PG_URL, default ")
        .append("jdbc:postgresql://127.0.0.1:5432/test?user=postgres) and Redis (SF_TEST_REDIS_URL, default ")
        .append("redis://127.0.0.1:6379/0); README.md, Tests, says how to set them up.\n");
    System.out.print(notice);
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, notice, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(TestIdentifier test) {
    String id = test.getUniqueId();
    int cls = id.indexOf("[class:");
    String className = cls < 0 ? test.getDisplayName() : id.substring(cls + 7, id.indexOf(']', cls));
    return className.substring(className.lastIndexOf('.') + 1) + "." + test.getDisplayName();
  }
}
