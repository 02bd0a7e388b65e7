package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.ExperimentStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.clickeen.sf.store.BlobStore;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions.SessionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes queued interactions: the whole record to the blob store, then the index row. Both writes are
 * idempotent by request id, so a re-delivered message changes nothing.
 */
public final class InteractionWriter {
  private final BlobStore blobs;
  private final Interactions index;
  private final ExperimentStore experiments;

  /** Compact copies kept on the index row, enough to build prompt examples without reading raw payloads. */
  static final int MAX_INPUT_TEXT = 2000;
  static final int MAX_OUTPUT_TEXT = 8000;

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public InteractionWriter(BlobStore blobs, Interactions index, ExperimentStore experiments) {
    this.blobs = blobs;
    this.index = index;
    this.experiments = experiments;
  }

  /** Writes one queued interaction; returns false when it was already indexed. */
  public boolean write(byte[] payload) {
    return writeAll(List.of(payload)) == 1;
  }

  /**
   * Writes a batch of queued interactions: one look-up of the ids already indexed, the new ones' blobs, then
   * all index rows in one transaction. Returns how many were new. A re-delivered batch changes nothing;
   * when the same request id comes twice, the first one wins.
   */
  public int writeAll(List<byte[]> payloads) {
    Map<String, AgentInteraction> fresh = new LinkedHashMap<>();
    Map<String, byte[]> raw = new HashMap<>();
    for (byte[] payload : payloads) {
      AgentInteraction i = Json.read(payload, AgentInteraction.class);
      if (fresh.putIfAbsent(i.id(), i) == null) {
        raw.put(i.id(), payload);
      }
    }
    // Exposures first, for every interaction of the batch (idempotent): a batch re-delivered after a crash
    // between the two writes still records them, though its rows are then already indexed.
    experiments.recordExposures(fresh.values().stream().filter(i -> i.prompt() != null && i.prompt().experimentId() != null)
        .map(i -> new ExperimentStore.Exposure(i.id(), i.prompt().experimentId(), Arm.parse(i.prompt().arm()),
            i.timestampMs()))
        .toList());
    fresh.keySet().removeAll(index.knownInteractionIds(fresh.keySet()));
    List<Interactions.Recorded> rows = new ArrayList<>(fresh.size());
    for (AgentInteraction i : fresh.values()) {
      String key = i.blobKey();
      blobs.put(key, raw.get(i.id()));
      rows.add(new Interactions.Recorded(row(i, key), session(i)));
    }
    return index.recordInteractions(rows).size();
  }

  private static InteractionRow row(AgentInteraction i, String key) {
    AgentInteraction.Output o = i.output();
    JsonNode response = o.response();
    JsonNode meta = response == null ? null : response.path("meta");
    return InteractionRow.builder()
        .id(i.id())
        .sessionId(i.sessionId() == null ? "" : i.sessionId())
        .agentId(i.agentId())
        .createdAtMs(i.timestampMs())
        .r2Key(key)
        .promptId(i.prompt() == null ? null : i.prompt().id())
        .provider(o.provider())
        .model(o.model())
        .promptTokens(o.promptTokens())
        .completionTokens(o.completionTokens())
        .costUsd(o.costUsd())
        .latencyMs(o.latency())
        .valid(i.outcomes().technical().valid())
        .error(i.outcomes().technical().error())
        .subjectKind(i.subject() == null ? null : i.subject().kind())
        .subjectId(i.subject() == null ? null : i.subject().id())
        .locale(i.locale())
        .userId(i.userId())
        .intent(meta == null || !meta.path("intent").isTextual() ? null : meta.path("intent").asText())
        .resultOutcome(meta == null || !meta.path("outcome").isTextual() ? null : meta.path("outcome").asText())
        .applied(i.outcomes().technical().applied())
        .inputText(i.input() == null || i.input().prompt() == null ? null : truncate(i.input().prompt(), MAX_INPUT_TEXT))
        .outputText(response == null ? null : truncate(Json.text(response), MAX_OUTPUT_TEXT))
        .exampleIdsJson(Json.text(i.exampleIds() == null ? List.of() : i.exampleIds()))
        .envStage(i.grant() == null ? null : truncate(i.grant().envStage(), 64))
        .instancePublicId(i.grant() == null ? null : truncate(i.grant().instancePublicId(), 256))
        .mode(i.grant() == null ? null : truncate(i.grant().mode(), 32))
        .build();
  }

  private static SessionRow session(AgentInteraction i) {
    return i.sessionId() == null || i.sessionId().isEmpty() ? null
        : new SessionRow(i.sessionId(), i.agentId(), i.timestampMs(),
            i.subject() == null ? "unknown" : i.subject().kind(),
            i.subject() == null ? "unknown" : i.subject().id(), i.locale());
  }
}
