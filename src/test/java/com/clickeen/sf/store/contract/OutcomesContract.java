package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.store.OutcomeEvent;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.OutcomeFlags.Flag;
import com.clickeen.sf.store.Outcomes;
import com.clickeen.sf.store.Outcomes.EventRow;
import com.clickeen.sf.store.Outcomes.OutcomeRow;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** {@link Outcomes} on every SQL backend. */
abstract class OutcomesContract extends SqlPortContract {

  Outcomes outcomes() {
    return backends.outcomes();
  }

  @Test
  void outcomes_set_flags_in_either_order_and_repeat_nothing() {
    record(row("i2", "s", 1));
    assertThat(outcomes().attachOutcome(new OutcomeRow("i2", "ux_keep", "s", 1, 2, 300L, null, null))).isTrue();
    assertThat(outcomes().attachOutcome(new OutcomeRow("i2", "ux_keep", "s", 1, 2, 300L, null, null))).isFalse();
    outcomes().attachOutcome(new OutcomeRow("i3", "upgrade_completed", "s", 1, 2, null, null, null));
    record(row("i3", "s", 1));
    assertThat(interactions().interaction("i2").orElseThrow().outcomes().continued()).isTrue();
    assertThat(interactions().interaction("i3").orElseThrow().outcomes().paid()).isTrue();
    assertThat(outcomes().outcomes("i2")).hasSize(1);
  }

  @Test
  void every_event_sets_the_flag_OutcomeEvent_maps_it_to_before_or_after_its_interaction() {
    for (OutcomeEvent e : OutcomeEvent.values()) {
      String after = "after-" + e.wire();
      record(row(after, "s", 1));
      outcomes().attachOutcome(new OutcomeRow(after, e.wire(), "s", 1, 2, null, null, null));
      String before = "before-" + e.wire();
      outcomes().attachOutcome(new OutcomeRow(before, e.wire(), "s", 1, 2, null, null, null));
      record(row(before, "s", 1));
      assertThat(interactions().interaction(after).orElseThrow().outcomes()).as(e.wire()).isEqualTo(e.applyTo(OutcomeFlags.NONE));
      assertThat(interactions().interaction(before).orElseThrow().outcomes()).as(e.wire()).isEqualTo(e.applyTo(OutcomeFlags.NONE));
    }
  }

  @Test
  void outcomes_of_a_request_come_in_the_order_they_occurred_with_every_field() {
    OutcomeRow later = new OutcomeRow("r1", "ux_keep", "s", 20, 21, 300L, "acc", "ws");
    OutcomeRow earlier = new OutcomeRow("r1", "cta_clicked", null, 10, 22, null, null, null);
    outcomes().attachOutcome(later);
    outcomes().attachOutcome(earlier);
    assertThat(outcomes().outcomes("r1")).containsExactly(earlier, later);
    assertThat(outcomes().outcomes("r2")).isEmpty();
  }

  @Test
  void events_are_stored_once_attributed_in_their_window_and_marked_processed() throws Exception {
    record(row("e1", "sess", 1_000), row("e2", "sess", 5_000), rowOf("e3", "other", 3_000).userId("user-2").build());
    assertThat(outcomes().recordEvent(new EventRow("ev1", "converted", "sess", null, 5_000, 6_000))).isTrue();
    assertThat(outcomes().recordEvent(new EventRow("ev1", "converted", "sess", null, 5_000, 6_000))).isFalse();
    assertThat(outcomes().attributeEvent(Flag.CONVERTED, "sess", null, 1_000, 5_000)).isEqualTo(2);
    assertThat(outcomes().attributeEvent(Flag.PAID, null, "user-1", 2_000, 5_000)).isEqualTo(1);
    assertThat(outcomes().attributeEvent(Flag.PAID, "nobody", "user-2", 0, 5_000)).isEqualTo(1);
    assertThat(interactions().interaction("e1").orElseThrow().outcomes().converted()).isTrue();
    assertThat(interactions().interaction("e1").orElseThrow().outcomes().paid()).isNull();
    assertThat(interactions().interaction("e2").orElseThrow().outcomes().paid()).isTrue();
    assertThat(interactions().interaction("e3").orElseThrow().outcomes().paid()).isTrue();
    assertThatThrownBy(() -> outcomes().attributeEvent(Flag.PAID, null, null, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a sessionId or a userId");
    outcomes().markEventProcessed("ev1", 2, 7_000);
    try (Connection c = backends.sql().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT attributed_count, processed_at_ms FROM sf_events WHERE id = 'ev1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getLong(2)).isEqualTo(7_000);
    }
  }
}
