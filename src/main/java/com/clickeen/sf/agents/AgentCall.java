package com.clickeen.sf.agents;

import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.store.ExampleBanks;

/**
 * Everything one agent run may use.
 *
 * @param model the metered model access of this execute (budgets are charged through it)
 * @param deadline when the grant's time budget runs out
 * @param helpCenter the stored help articles
 * @param calledAs the agent id the caller used (an alias such as {@code sdr.widget.copilot.v1}, or the canonical id)
 */
public record AgentCall(
    String requestId,
    JsonNode input,
    String locale,
    Grant grant,
    PromptVersion prompt,
    SessionStore.Owned sessions,
    ModelAccess model,
    Clock clock,
    Instant deadline,
    HelpCenter helpCenter,
    PromptExamples examples,
    String calledAs) {

  /** The top examples of the agent's bank for this request (never this request itself). */
  public List<ExampleBanks.Example> examplesFor(String agentId, String userText, String intent) {
    return examples == null ? List.of()
        : examples.pick(agentId, userText, locale, intent, requestId, PromptExamples.DEFAULT_K);
  }

  public static List<String> ids(List<ExampleBanks.Example> examples) {
    return examples.stream().map(ExampleBanks.Example::id).toList();
  }

  /** Time left before the deadline (never negative). */
  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
