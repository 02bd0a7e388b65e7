package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.clickeen.sf.store.BlobStore;
import com.clickeen.sf.store.IndexStore;
import com.clickeen.sf.store.IndexStore.InteractionRow;
import com.clickeen.sf.store.IndexStore.SessionRow;

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
    AgentInteraction i = Json.read(payload, AgentInteraction.class);
    if (index.interaction(i.id()).isPresent()) {
      return false; // first write wins: a re-delivery, or a client that reused a request id
    }
    String key = i.blobKey();
    blobs.put(key, payload);
    AgentInteraction.Output o = i.output();
    JsonNode response = o.response();
    JsonNode meta = response == null ? null : response.path("meta");
    InteractionRow row = InteractionRow.fresh(
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
        Json.text(i.exampleIds() == null ? java.util.List.of() : i.exampleIds()));
    SessionRow session = i.sessionId() == null || i.sessionId().isEmpty() ? null
        : new SessionRow(i.sessionId(), i.agentId(), i.timestampMs(),
            i.subject() == null ? "unknown" : i.subject().kind(),
            i.subject() == null ? "unknown" : i.subject().id(), i.locale());
    return index.recordInteraction(row, session);
  }
}
