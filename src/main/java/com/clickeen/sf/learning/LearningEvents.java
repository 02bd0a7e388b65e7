package com.clickeen.sf.learning;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.store.DurableQueue;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.Outcomes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Conversion and payment events ({@code POST /v1/learning/events}): stored once, queued (every post: attribution
 * is idempotent), and attributed by
 * the {@code on-user-converted} / {@code on-user-paid} consumers to the subject's interactions created in
 * the attribution window before the event ([occurredAt − window, occurredAt], both ends included).
 */
public final class LearningEvents {
  public static final String TOPIC_CONVERTED = "on-user-converted";
  public static final String TOPIC_PAID = "on-user-paid";

  private final Outcomes index;
  private final DurableQueue queue;
  private final Clock clock;
  private final Duration window;

  public record Accepted(String id, boolean duplicate) {}

  public LearningEvents(Outcomes index, DurableQueue queue, Clock clock, Duration window) {
    this.index = index;
    this.queue = queue;
    this.clock = clock;
    this.window = window;
  }

  public Duration window() {
    return window;
  }

  /** Validates and stores an event (the signature was checked by the caller); new events are queued. */
  public Accepted accept(EventRequest e) throws InvalidInputException {
    List<ValidationIssue> issues = new ArrayList<>();
    String type = e.type() == null ? "" : e.type();
    if (!type.equals("converted") && !type.equals("paid")) {
      issues.add(new ValidationIssue("$.type", "must be \"converted\" or \"paid\""));
    }
    String sessionId = id(e, "sessionId", e.sessionId(), issues);
    String userId = id(e, "userId", e.userId(), issues);
    if (sessionId == null && userId == null && issues.isEmpty()) {
      issues.add(new ValidationIssue("$", "needs sessionId or userId"));
    }
    Long at = e.occurredAtMs();
    if (at == null || at < 0) {
      issues.add(new ValidationIssue("$.occurredAtMs", "must be a non-negative integer (milliseconds)"));
    }
    if (!issues.isEmpty()) {
      throw new InvalidInputException("event body is invalid", issues);
    }
    long occurred = at;
    String id = hash(type + "|" + sessionId + "|" + userId + "|" + occurred);
    boolean fresh = index.recordEvent(new Outcomes.EventRow(id, type, sessionId, userId, occurred, clock.millis()));
    // Queued every time, also for a repeat: attribution is idempotent, and a repeat after a failed enqueue
    // must not leave the event stored but never attributed.
    ObjectNode msg = Json.object();
    msg.put("id", id);
    msg.put("type", type);
    msg.put("sessionId", sessionId);
    msg.put("userId", userId);
    msg.put("occurredAtMs", occurred);
    queue.enqueue(type.equals("converted") ? TOPIC_CONVERTED : TOPIC_PAID, id, Json.bytes(msg));
    return new Accepted(id, !fresh);
  }

  /** The consumers: attribute one queued event; returns how many interactions it reached. */
  public int attribute(byte[] message) {
    JsonNode m = Json.read(message, JsonNode.class);
    long occurred = m.path("occurredAtMs").asLong();
    String sessionId = m.path("sessionId").isTextual() ? m.path("sessionId").asText() : null;
    String userId = m.path("userId").isTextual() ? m.path("userId").asText() : null;
    int n = index.attributeEvent(flag(m.path("type").asText()), sessionId, userId, occurred - window.toMillis(), occurred);
    index.markEventProcessed(m.path("id").asText(), n, clock.millis());
    return n;
  }

  /** The business outcome an event type sets. */
  static OutcomeFlags.Flag flag(String type) {
    return switch (type) {
      case "converted" -> OutcomeFlags.Flag.CONVERTED;
      case "paid" -> OutcomeFlags.Flag.PAID;
      default -> throw new IllegalArgumentException("unknown business outcome '" + type + "'");
    };
  }

  private static String id(EventRequest e, String field, String value, List<ValidationIssue> issues) {
    if (e.malformed().contains(field) || (value != null && !OutcomeService.ID.matcher(value).matches())) {
      issues.add(new ValidationIssue("$." + field, "must be 1..128 characters of [A-Za-z0-9._:-]"));
      return null;
    }
    return value;
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
