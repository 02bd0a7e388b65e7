package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.NotFoundException;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.Reviews.Tier;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewQueueTest {

  private static InteractionRow row(String id, long at, boolean valid, Double score, Boolean undone) {
    return InteractionRow.builder().id(id).agentId("sdr.copilot").createdAtMs(at).r2Key("k/" + id).valid(valid)
        .score(score).outcomes(new OutcomeFlags(null, undone, null, null, null, null, null, null)).build();
  }

  @Test
  void invalid_then_undone_then_low_score_then_a_sample_and_never_the_same_item_twice() throws Exception {
    try (Backends b = Backends.embedded(Files.createTempDirectory("sf-queue-"), Clock.systemUTC())) {
      b.interactions().importInteractions(List.of(row("sample-1", 10, true, 0.9, null), row("sample-2", 20, true, 0.8, null),
          row("low", 30, true, 0.2, null), row("undone", 40, true, 0.7, true), row("invalid", 50, false, 0.6, null)));
      ReviewQueue queue = new ReviewQueue(b.reviews(), b.interactions(), List.of("sdr.copilot", "ops.monitor"),
          Clock.systemUTC(), new Random(7));
      List<Tier> tiers = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ReviewQueue.Item item = queue.next("ann").orElseThrow();
        tiers.add(item.tier());
        ids.add(item.row().id());
        if (i % 2 == 0) {
          queue.review("ann", new ReviewRequest(item.row().id(), "good", null, null, Set.of()));
        } else {
          queue.skip("ann", item.row().id());
        }
      }
      assertThat(tiers).containsExactly(Tier.INVALID, Tier.UNDONE, Tier.LOW_SCORE, Tier.SAMPLE, Tier.SAMPLE);
      assertThat(ids.subList(0, 3)).containsExactly("invalid", "undone", "low");
      assertThat(ids.subList(3, 5)).containsExactlyInAnyOrder("sample-1", "sample-2");
      assertThat(queue.next("ann")).isEmpty();
      assertThat(queue.progress("ann").seenByReviewer()).isEqualTo(5);
      assertThat(queue.next("bob").map(i -> i.row().id())).as("skipped by ann, reviewed by nobody").contains("undone");
      assertThatThrownBy(() -> queue.skip("ann", "missing")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> queue.review("ann", new ReviewRequest("sample-1", "great", null, null, Set.of())))
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
