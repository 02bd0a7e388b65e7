package com.clickeen.sf.learning.evolution;

import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.ExperimentException;
import com.clickeen.sf.learning.experiments.ExperimentService;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.PromptVersions;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop after the failure reports, per agent: propose a candidate; where the agent's loop runs by itself
 * ({@link EvolutionSettings#auto}), gate it and start an experiment against the active version. Each step's
 * outcome is one line of the job's result.
 */
public final class EvolutionLoop {
  private final PromptEvolution evolution;
  private final CandidateGate gate;
  private final ExperimentService experiments;
  private final PromptVersions prompts;
  private final Interactions interactions;
  private final EvolutionSettings settings;

  public EvolutionLoop(PromptEvolution evolution, CandidateGate gate, ExperimentService experiments,
      PromptVersions prompts, Interactions interactions, EvolutionSettings settings) {
    this.evolution = evolution;
    this.gate = gate;
    this.experiments = experiments;
    this.prompts = prompts;
    this.interactions = interactions;
    this.settings = settings;
  }

  public List<String> run(Progress progress) {
    List<String> lines = new ArrayList<>();
    List<String> agents = interactions.agentsWithInteractions();
    int done = 0;
    for (String agent : agents) {
      lines.add(step(agent));
      progress.update("candidates", ++done, agents.size());
    }
    return lines;
  }

  private String step(String agent) {
    boolean open = experiments.list(agent, 20).stream().anyMatch(e -> e.status().open());
    if (open) {
      return agent + ": an experiment is open, no new candidate";
    }
    PromptEvolution.Proposed p = evolution.propose(agent, false);
    if (!p.stored()) {
      return agent + ": no candidate (" + p.skipped() + ")";
    }
    int v = p.candidate().version();
    if (!settings.auto(agent)) {
      return agent + ": candidate v" + v + " by " + p.proposer() + " waits for a person (SF_AUTO_PROMOTE)";
    }
    CandidateGate.Verdict verdict = gate.check(agent, v);
    prompts.saveGate(agent, v, verdict.json());
    if (!verdict.passed()) {
      return agent + ": candidate v" + v + " failed the gate (" + verdict.reason() + ")";
    }
    try {
      Experiment e = experiments.start(new ExperimentService.StartRequest(agent, v, null, null, null, null, null));
      return agent + ": candidate v" + v + " passed the gate; experiment " + e.id() + " started";
    } catch (ExperimentException ex) {
      return agent + ": candidate v" + v + " passed the gate; no experiment (" + ex.getMessage() + ")";
    }
  }
}
