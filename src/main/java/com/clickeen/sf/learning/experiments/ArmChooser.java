package com.clickeen.sf.learning.experiments;

import com.clickeen.sf.ClockTicker;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The execute path's side of experiments: which prompt version serves a subject. Without a running
 * experiment for the agent it is the active version; with one, the subject's arm decides (control or
 * candidate, by {@link Assignment}). Running experiments are re-read every {@link #REFRESH}, so a start, a
 * decision or a stop reaches every instance within that time without a database read per request; prompt
 * versions never change once written, so they are cached by number.
 */
public final class ArmChooser {
  public static final Duration REFRESH = Duration.ofSeconds(2);

  /** The version that serves a call, and the experiment and arm when it is served inside one. */
  public record Choice(PromptVersion prompt, String experimentId, Arm arm) {
    public static Choice plain(PromptVersion prompt) {
      return new Choice(prompt, null, null);
    }
  }

  private record VersionKey(String agentId, int version) {}

  private final LoadingCache<Boolean, Map<String, Experiment>> running;
  private final LoadingCache<VersionKey, PromptVersion> versions;

  public ArmChooser(ExperimentStore store, PromptVersions prompts, Clock clock) {
    this.running = Caffeine.newBuilder().expireAfterWrite(REFRESH).ticker(ClockTicker.of(clock))
        .build(all -> store.running().stream().collect(Collectors.toMap(Experiment::agentId, e -> e, (a, b) -> a)));
    this.versions = Caffeine.newBuilder().maximumSize(1_000)
        .build(k -> prompts.prompts(k.agentId()).stream().filter(p -> p.version() == k.version()).findFirst()
            .orElse(null));
  }

  /**
   * @param subject who is served: the grant's user, else its session (see {@link #subject})
   * @param active the agent's active version, when no experiment applies
   */
  public Choice choose(String agentId, String subject, Supplier<PromptVersion> active) {
    Experiment e = running.get(Boolean.TRUE).get(agentId);
    if (e == null || subject == null) {
      return Choice.plain(active.get());
    }
    Arm arm = Assignment.arm(e.id(), subject, e.traffic());
    PromptVersion v = versions.get(new VersionKey(agentId, arm == Arm.CANDIDATE ? e.candidateVersion()
        : e.controlVersion()));
    return v == null ? Choice.plain(active.get()) : new Choice(v, e.id(), arm);
  }

  /** The assignment unit: the signed-in user when there is one, else the session, else the grant's subject. */
  public static String subject(String userId, String sessionId, String grantSubject) {
    for (String s : List.of(userId == null ? "" : userId, sessionId == null ? "" : sessionId,
        grantSubject == null ? "" : grantSubject)) {
      if (!s.isEmpty()) {
        return s;
      }
    }
    return null;
  }
}
