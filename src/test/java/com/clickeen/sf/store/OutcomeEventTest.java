package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.OutcomeFlags.Flag;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeEventTest {

  @Test
  void each_event_sets_the_one_flag_of_its_outcome() {
    Map<String, Flag> expected = Map.of(
        "ux_keep", Flag.CONTINUED,
        "ux_undo", Flag.ABANDONED,
        "cta_clicked", Flag.FOLLOW_UP,
        "signup_started", Flag.FOLLOW_UP,
        "upgrade_clicked", Flag.FOLLOW_UP,
        "signup_completed", Flag.CONVERTED,
        "upgrade_completed", Flag.PAID);
    assertThat(OutcomeEvent.values()).hasSize(expected.size());
    expected.forEach((wire, flag) -> assertThat(OutcomeEvent.fromWire(wire).orElseThrow().sets()).as(wire).isEqualTo(flag));
  }

  @Test
  void applying_an_event_sets_its_flag_and_keeps_everything_else() {
    OutcomeFlags before = new OutcomeFlags(null, false, null, null, true, true, "good", "helpful");
    assertThat(OutcomeEvent.UX_KEEP.applyTo(before))
        .isEqualTo(new OutcomeFlags(true, false, null, null, true, true, "good", "helpful"));
    assertThat(OutcomeEvent.UX_UNDO.applyTo(before))
        .isEqualTo(new OutcomeFlags(null, true, null, null, true, true, "good", "helpful"));
    assertThat(OutcomeEvent.CTA_CLICKED.applyTo(OutcomeFlags.NONE))
        .isEqualTo(new OutcomeFlags(null, null, true, null, null, null, null, null));
    assertThat(OutcomeEvent.SIGNUP_COMPLETED.applyTo(OutcomeFlags.NONE).converted()).isTrue();
    assertThat(OutcomeEvent.UPGRADE_COMPLETED.applyTo(OutcomeFlags.NONE).paid()).isTrue();
    assertThat(OutcomeEvent.UX_KEEP.applyTo(OutcomeEvent.UX_KEEP.applyTo(before)))
        .isEqualTo(OutcomeEvent.UX_KEEP.applyTo(before));
  }

  @Test
  void unknown_wire_names_are_not_events() {
    assertThat(OutcomeEvent.fromWire("page_view")).isEmpty();
    assertThat(OutcomeEvent.fromWire(null)).isEmpty();
    assertThat(OutcomeEvent.allWire()).isEqualTo(
        "ux_keep, ux_undo, cta_clicked, signup_started, signup_completed, upgrade_clicked, upgrade_completed");
  }
}
