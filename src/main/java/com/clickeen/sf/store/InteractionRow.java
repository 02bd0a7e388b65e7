package com.clickeen.sf.store;

import java.util.Objects;

/**
 * One interaction's index row. Outcome flags are {@link OutcomeFlags#NONE} until reported. {@code inputText}
 * and {@code outputText} are compact copies (the user's words, the result JSON) used to build examples
 * without reading raw payloads. {@code envStage}, {@code instancePublicId} and {@code mode} are what the grant
 * said (its {@code trace.envStage}, {@code trace.instancePublicId} and {@code mode}), null when it did not.
 * Build one with {@link #builder()}: every field by name.
 */
public record InteractionRow(
    String id,
    String sessionId,
    String agentId,
    long createdAtMs,
    String r2Key,
    Double score,
    String promptId,
    String provider,
    String model,
    Integer promptTokens,
    Integer completionTokens,
    Double costUsd,
    long latencyMs,
    boolean valid,
    String error,
    String subjectKind,
    String subjectId,
    String locale,
    String userId,
    String intent,
    String resultOutcome,
    boolean applied,
    String inputText,
    String outputText,
    String exampleIdsJson,
    String envStage,
    String instancePublicId,
    String mode,
    OutcomeFlags outcomes) {

  public InteractionRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(outcomes, "outcomes");
  }

  /** A new row: no score and no outcomes unless set; {@code sessionId} defaults to "" (a call without a session). */
  public static Builder builder() {
    return new Builder();
  }

  /** Named setters for every field; {@link #build()} checks that id, agentId and r2Key are set. */
  public static final class Builder {
    private String id;
    private String sessionId = "";
    private String agentId;
    private long createdAtMs;
    private String r2Key;
    private Double score;
    private String promptId;
    private String provider;
    private String model;
    private Integer promptTokens;
    private Integer completionTokens;
    private Double costUsd;
    private long latencyMs;
    private boolean valid;
    private String error;
    private String subjectKind;
    private String subjectId;
    private String locale;
    private String userId;
    private String intent;
    private String resultOutcome;
    private boolean applied;
    private String inputText;
    private String outputText;
    private String exampleIdsJson;
    private String envStage;
    private String instancePublicId;
    private String mode;
    private OutcomeFlags outcomes = OutcomeFlags.NONE;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder agentId(String agentId) {
      this.agentId = agentId;
      return this;
    }

    public Builder createdAtMs(long createdAtMs) {
      this.createdAtMs = createdAtMs;
      return this;
    }

    public Builder r2Key(String r2Key) {
      this.r2Key = r2Key;
      return this;
    }

    public Builder score(Double score) {
      this.score = score;
      return this;
    }

    public Builder promptId(String promptId) {
      this.promptId = promptId;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder promptTokens(Integer promptTokens) {
      this.promptTokens = promptTokens;
      return this;
    }

    public Builder completionTokens(Integer completionTokens) {
      this.completionTokens = completionTokens;
      return this;
    }

    public Builder costUsd(Double costUsd) {
      this.costUsd = costUsd;
      return this;
    }

    public Builder latencyMs(long latencyMs) {
      this.latencyMs = latencyMs;
      return this;
    }

    public Builder valid(boolean valid) {
      this.valid = valid;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder subjectKind(String subjectKind) {
      this.subjectKind = subjectKind;
      return this;
    }

    public Builder subjectId(String subjectId) {
      this.subjectId = subjectId;
      return this;
    }

    public Builder locale(String locale) {
      this.locale = locale;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder intent(String intent) {
      this.intent = intent;
      return this;
    }

    public Builder resultOutcome(String resultOutcome) {
      this.resultOutcome = resultOutcome;
      return this;
    }

    public Builder applied(boolean applied) {
      this.applied = applied;
      return this;
    }

    public Builder inputText(String inputText) {
      this.inputText = inputText;
      return this;
    }

    public Builder outputText(String outputText) {
      this.outputText = outputText;
      return this;
    }

    public Builder exampleIdsJson(String exampleIdsJson) {
      this.exampleIdsJson = exampleIdsJson;
      return this;
    }

    public Builder envStage(String envStage) {
      this.envStage = envStage;
      return this;
    }

    public Builder instancePublicId(String instancePublicId) {
      this.instancePublicId = instancePublicId;
      return this;
    }

    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    public Builder outcomes(OutcomeFlags outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    public InteractionRow build() {
      Objects.requireNonNull(r2Key, "r2Key");
      return new InteractionRow(id, sessionId, agentId, createdAtMs, r2Key, score, promptId, provider, model, promptTokens, completionTokens, costUsd, latencyMs, valid, error, subjectKind, subjectId, locale, userId, intent, resultOutcome, applied, inputText, outputText, exampleIdsJson, envStage, instancePublicId, mode, outcomes);
    }
  }
}
