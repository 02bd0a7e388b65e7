package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
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
    InteractionRow row = new InteractionRow(
        i.id(),
        i.sessionId() == null ? "" : i.sessionId(),
        i.agentId(),
        i.timestampMs(),
        key,
        i.quality() == null ? null : i.quality().autoScore(),
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
        i.locale());
    SessionRow session = i.sessionId() == null || i.sessionId().isEmpty() ? null
        : new SessionRow(i.sessionId(), i.agentId(), i.timestampMs(),
            i.subject() == null ? "unknown" : i.subject().kind(),
            i.subject() == null ? "unknown" : i.subject().id(), i.locale());
    return index.recordInteraction(row, session);
  }
}
