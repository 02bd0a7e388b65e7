package com.clickeen.sf.learning;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome events Paris forwards, and the spec's outcome group each one speaks to.
 *
 * <ul>
 *   <li>{@code ux_keep}: the user kept the agent's change: behavioural {@code continued}, technical {@code applied}.
 *   <li>{@code ux_undo}: the user undid it: behavioural {@code abandoned}, technical {@code applied = false}.
 *   <li>{@code cta_clicked}, {@code signup_started}, {@code upgrade_clicked}: behavioural {@code followUp}.
 *   <li>{@code signup_completed}: business {@code converted}.
 *   <li>{@code upgrade_completed}: business {@code paid}.
 * </ul>
 */
public enum OutcomeEvent {
  UX_KEEP("ux_keep", "behavioral.continued"),
  UX_UNDO("ux_undo", "behavioral.abandoned"),
  CTA_CLICKED("cta_clicked", "behavioral.followUp"),
  SIGNUP_STARTED("signup_started", "behavioral.followUp"),
  SIGNUP_COMPLETED("signup_completed", "business.converted"),
  UPGRADE_CLICKED("upgrade_clicked", "behavioral.followUp"),
  UPGRADE_COMPLETED("upgrade_completed", "business.paid");

  private final String wire;
  private final String outcome;

  OutcomeEvent(String wire, String outcome) {
    this.wire = wire;
    this.outcome = outcome;
  }

  public String wire() {
    return wire;
  }

  /** The outcome field this event sets, as {@code group.field}. */
  public String outcome() {
    return outcome;
  }

  public static Optional<OutcomeEvent> fromWire(String s) {
    return Arrays.stream(values()).filter(e -> e.wire.equals(s)).findFirst();
  }

  public static String allWire() {
    return String.join(", ", Arrays.stream(values()).map(OutcomeEvent::wire).toList());
  }
}
