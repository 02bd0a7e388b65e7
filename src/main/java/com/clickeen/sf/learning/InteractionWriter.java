package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.clickeen.sf.store.BlobStore;
import com.clickeen.sf.store.IndexStore;
import com.clickeen.sf.store.IndexStore.InteractionRow;
import com.clickeen.sf.store.IndexStore.SessionRow;
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
  private final IndexStore index;

  /** Compact copies kept on the index row, enough to build prompt examples without reading raw payloads. */
  static final int MAX_INPUT_TEXT = 2000;
  static final int MAX_OUTPUT_TEXT = 8000;

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  public InteractionWriter(BlobStore blobs, IndexStore index) {
    this.blobs = blobs;
    this.index = index;
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
    fresh.keySet().removeAll(index.knownInteractionIds(fresh.keySet()));
    List<IndexStore.Recorded> rows = new ArrayList<>(fresh.size());
    for (AgentInteraction i : fresh.values()) {
      String key = i.blobKey();
      blobs.put(key, raw.get(i.id()));
      rows.add(new IndexStore.Recorded(row(i, key), session(i)));
    }
    return index.recordInteractions(rows).size();
  }

  private static InteractionRow row(AgentInteraction i, String key) {
    AgentInteraction.Output o = i.output();
    JsonNode response = o.response();
    JsonNode meta = response == null ? null : response.path("meta");
    return InteractionRow.fresh(
        i.id(),
        i.sessionId() == null ? "" : i.sessionId(),
        i.agentId(),
        i.timestampMs(),
        key,
        i.prompt() == null ? null : i.prompt().id(),
        o.provider(),
        o.model(),
        o.promptTokens(),
        o.completionTokens(),
        o.costUsd(),
        o.latency(),
        i.outcomes().technical().valid(),
        i.outcomes().technical().error(),
        i.subject() == null ? null : i.subject().kind(),
        i.subject() == null ? null : i.subject().id(),
        i.locale(),
        i.userId(),
        meta == null || !meta.path("intent").isTextual() ? null : meta.path("intent").asText(),
        meta == null || !meta.path("outcome").isTextual() ? null : meta.path("outcome").asText(),
        i.outcomes().technical().applied(),
        i.input() == null || i.input().prompt() == null ? null : truncate(i.input().prompt(), MAX_INPUT_TEXT),
        response == null ? null : truncate(Json.text(response), MAX_OUTPUT_TEXT),
        Json.text(i.exampleIds() == null ? List.of() : i.exampleIds()));
  }

  private static SessionRow session(AgentInteraction i) {
    return i.sessionId() == null || i.sessionId().isEmpty() ? null
        : new SessionRow(i.sessionId(), i.agentId(), i.timestampMs(),
            i.subject() == null ? "unknown" : i.subject().kind(),
            i.subject() == null ? "unknown" : i.subject().id(), i.locale());
  }
}
