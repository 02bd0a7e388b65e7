package com.clickeen.sf.api;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.json.StringFieldScanner;
import com.clickeen.sf.llm.DeltaSink;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a streamed execute's {@code delta} events carry: the agent's user-facing text (its result's
 * {@code message}, {@code answer}, … field) as plain text while the model writes it, read out of the raw JSON the
 * model streams. A new answer (a retry, a fallback model, the repair call) is a {@code restart}. Agents whose
 * result has no such text field (the translator, the copywriter) send no deltas: their {@code result} event
 * carries everything.
 */
final class TextDeltas implements DeltaSink {
  /** The result fields that hold an agent's text for people, in order of preference. */
  static final List<String> TEXT_FIELDS = List.of("message", "answer", "bodyMarkdown", "summary");

  private final DeltaSink out;
  private final StringFieldScanner scanner;

  private TextDeltas(DeltaSink out, String field) {
    this.out = out;
    this.scanner = field == null ? null : new StringFieldScanner(field);
  }

  /** {@code out}, fed with {@code agent}'s text field (none when the agent is unknown or has none). */
  static TextDeltas of(DeltaSink out, Optional<Agent> agent) {
    return new TextDeltas(out, agent.flatMap(a -> textField(a.resultSchema())).orElse(null));
  }

  /** The first of {@link #TEXT_FIELDS} that the result schema declares as a string. */
  static Optional<String> textField(JsonNode resultSchema) {
    JsonNode props = resultSchema == null ? null : resultSchema.get("properties");
    if (props == null) {
      return Optional.empty();
    }
    return TEXT_FIELDS.stream().filter(f -> "string".equals(props.path(f).path("type").asText())).findFirst();
  }

  @Override
  public void delta(String text) {
    if (scanner == null) {
      return;
    }
    StringFieldScanner.Piece piece = scanner.feed(text);
    if (piece.startedOver()) {
      out.restart("the model's answer starts over");
    }
    if (!piece.text().isEmpty()) {
      out.delta(piece.text());
    }
  }

  @Override
  public void restart(String reason) {
    if (scanner != null) {
      scanner.reset();
    }
    out.restart(reason);
  }
}
