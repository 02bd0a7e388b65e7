package com.clickeen.sf.learning;

import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.ExampleBanks.Example;
import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import com.clickeen.sf.store.Interactions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code update-example-banks} job: a new bank version per agent from its current candidates. */
public final class UpdateExampleBanks {
  static final int MAX_CANDIDATES = 5_000;
  static final int KEEP_VERSIONS = 10;

  private final Interactions interactions;
  private final ExampleBanks banks;
  private final ExampleSelector selector;
  private final Clock clock;

  public UpdateExampleBanks(Interactions interactions, ExampleBanks banks, ExampleSelector selector, Clock clock) {
    this.interactions = interactions;
    this.banks = banks;
    this.selector = selector;
    this.clock = clock;
  }

  /** Rebuilds every agent's bank; returns agent id to {version, size}. */
  public Map<String, int[]> run(Progress progress) {
    List<String> agents = interactions.agentsWithInteractions();
    Map<String, int[]> out = new LinkedHashMap<>();
    int done = 0;
    progress.update("example banks", 0, agents.size());
    for (String agent : agents) {
      List<ExampleCandidate> candidates = banks.exampleCandidates(agent, selector.settings().minScore(), MAX_CANDIDATES);
      List<ExampleCandidate> chosen = selector.select(candidates, clock.millis());
      List<Example> examples = chosen.stream().map(c -> new Example(null, agent, 0, c.interactionId(), c.score(),
          c.intent(), c.locale(), c.inputText(), c.outputText(), c.r2Key())).toList();
      int version = banks.saveExampleBank(agent, examples, candidates.size(), clock.millis(), KEEP_VERSIONS);
      out.put(agent, new int[] {version, examples.size()});
      progress.update("example banks", ++done, agents.size());
    }
    return out;
  }
}
