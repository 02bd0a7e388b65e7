package com.clickeen.sf.store;

import com.clickeen.sf.store.OutcomeFlags.Flag;
import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome events Paris forwards, and the one outcome flag each sets on its interaction. This enum is
 * the only place that mapping lives: {@link Outcomes} adapters apply {@link #sets()}, whichever arrives
 * first, the interaction or its outcome.
 *
 * <ul>
 *   <li>{@code ux_keep}: the user kept the agent's change: behavioural {@code continued}.
 *   <li>{@code ux_undo}: the user undid it: behavioural {@code abandoned}.
 *   <li>{@code cta_clicked}, {@code signup_started}, {@code upgrade_clicked}: behavioural {@code followUp}.
 *   <li>{@code signup_completed}: business {@code converted}.
 *   <li>{@code upgrade_completed}: business {@code paid}.
 * </ul>
 */
public enum OutcomeEvent {
  UX_KEEP("ux_keep", Flag.CONTINUED),
  UX_UNDO("ux_undo", Flag.ABANDONED),
  CTA_CLICKED("cta_clicked", Flag.FOLLOW_UP),
  SIGNUP_STARTED("signup_started", Flag.FOLLOW_UP),
  SIGNUP_COMPLETED("signup_completed", Flag.CONVERTED),
  UPGRADE_CLICKED("upgrade_clicked", Flag.FOLLOW_UP),
  UPGRADE_COMPLETED("upgrade_completed", Flag.PAID);

  private final String wire;
  private final Flag sets;

  OutcomeEvent(String wire, Flag sets) {
    this.wire = wire;
    this.sets = sets;
  }

  public String wire() {
    return wire;
  }

  /** The outcome flag this event sets to true. */
  public Flag sets() {
    return sets;
  }

  /** {@code flags} after this event. */
  public OutcomeFlags applyTo(OutcomeFlags flags) {
    return flags.with(sets);
  }

  public static Optional<OutcomeEvent> fromWire(String s) {
    return Arrays.stream(values()).filter(e -> e.wire.equals(s)).findFirst();
  }

  public static String allWire() {
    return String.join(", ", Arrays.stream(values()).map(OutcomeEvent::wire).toList());
  }
}
