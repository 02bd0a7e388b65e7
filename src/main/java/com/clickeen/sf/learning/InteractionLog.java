package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.InteractionJournal;
import java.util.List;

/**
 * Where executes hand their interactions. {@link #record} returns once the interaction (with the session
 * writes of its execute) is durable: one write of the journal when embedded, then queued for
 * {@link InteractionWriter}, which writes the raw payload and the index row later, in batches. Interaction
 * records never pass through the logging framework.
 */
public final class InteractionLog {
  public static final String TOPIC = "interaction";

  private final InteractionJournal journal;

  public InteractionLog(InteractionJournal journal) {
    this.journal = journal;
  }

  public void record(AgentInteraction interaction) {
    record(interaction, List.of());
  }

  /** Records the interaction together with {@code kvWrites} (its execute's sessions), durable together. */
  public void record(AgentInteraction interaction, List<InteractionJournal.KvPut> kvWrites) {
    journal.append(TOPIC, interaction.id(), Json.bytes(interaction), kvWrites);
  }
}
