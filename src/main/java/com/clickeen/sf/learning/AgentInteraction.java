package com.clickeen.sf.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The spec's {@code AgentInteraction}: one agent call, kept whole in the blob store and indexed in
 * {@code sf_interactions}. Behavioural and business outcomes and quality are filled in later by
 * outcome events, scoring and review; at execute time they are null (unknown), not false.
 */
public record AgentInteraction(
    String id,
    String agentId,
    String env,
    String timestamp,
    long timestampMs,
    String sessionId,
    String userId,
    String locale,
    SubjectRef subject,
    Input input,
    Output output,
    PromptRef prompt,
    List<String> exampleIds,
    Outcomes outcomes,
    Quality quality,
    GrantContext grant) {

  /** An interaction without the grant's context (older payloads, tools). */
  public AgentInteraction(String id, String agentId, String env, String timestamp, long timestampMs, String sessionId,
      String userId, String locale, SubjectRef subject, Input input, Output output, PromptRef prompt,
      List<String> exampleIds, Outcomes outcomes, Quality quality) {
    this(id, agentId, env, timestamp, timestampMs, sessionId, userId, locale, subject, input, output, prompt, exampleIds,
        outcomes, quality, null);
  }

  /**
   * What the grant said about where the call came from, as Clickeen records it: {@code trace.envStage} (the
   * caller's stage: local, cloud-dev, prod…), {@code trace.instancePublicId} (the widget instance edited) and
   * {@code mode} ({@code editor} or {@code ops}). Each null when the grant did not say.
   */
  public record GrantContext(String envStage, String instancePublicId, String mode) {}

  public record SubjectRef(String kind, String id) {}

  /** {@code prompt} is the user's own text (message or prompt field); {@code context} the whole agent input. */
  public record Input(String prompt, JsonNode context) {}

  /**
   * @param response the agent result returned to the caller (null when the call failed)
   * @param tokens total tokens, null when the provider did not report them
   * @param latency whole-execute latency in milliseconds
   */
  public record Output(JsonNode response, String provider, String model, Integer tokens, Integer promptTokens,
      Integer completionTokens, boolean tokensReported, Double costUsd, long latency) {}

  /**
   * The prompt version that answered and, when the call was served inside an experiment, the experiment and
   * the arm ({@code control} or {@code candidate}); both null otherwise.
   */
  public record PromptRef(String id, int version, String experimentId, String arm) {
    public PromptRef(String id, int version) {
      this(id, version, null, null);
    }
  }

  public record Outcomes(Technical technical, Behavioral behavioral, Business business) {}

  public record Technical(boolean valid, boolean applied, String error) {}

  public record Behavioral(Boolean continued, Boolean abandoned, Boolean followUp) {}

  public record Business(Boolean converted, Boolean paid, Boolean taskCompleted) {}

  public record Quality(Double autoScore, String humanReview, String userFeedback) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** {@code logs/{env}/{agentId}/{yyyy-mm-dd}/{requestId}.json}, the day in UTC. */
  public String blobKey() {
    return "logs/" + env + "/" + agentId + "/" + DAY.format(Instant.ofEpochMilli(timestampMs)) + "/" + id + ".json";
  }
}
