package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.DurableQueue;

/**
 * Where executes hand their interactions. {@link #record} returns once the interaction is on the
 * durable queue; the blob and index writes happen later in {@link InteractionWriter}. Interaction records
 * never pass through the logging framework.
 */
public final class InteractionLog {
  public static final String TOPIC = "interaction";

  private final DurableQueue queue;

  public InteractionLog(DurableQueue queue) {
    this.queue = queue;
  }

  public void record(AgentInteraction interaction) {
    queue.enqueue(TOPIC, interaction.id(), Json.bytes(interaction));
  }
}
