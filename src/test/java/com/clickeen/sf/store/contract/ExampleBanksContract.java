package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.ExampleBanks.Example;
import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import com.clickeen.sf.store.OutcomeFlags;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExampleBanks} on every SQL backend. */
abstract class ExampleBanksContract extends SqlPortContract {
  static final OutcomeFlags GOLDEN = new OutcomeFlags(null, null, null, null, null, null, "golden", null);
  static final OutcomeFlags BAD = new OutcomeFlags(null, null, null, null, null, null, "bad", null);

  @Test
  void candidates_hold_every_eligible_interaction_best_first() {
    ExampleSelector selector = new ExampleSelector(ExampleSelector.Settings.defaults());
    interactions().importInteractions(List.of(
        rowOf("g1", "s", 10).score(1.0).outcomes(GOLDEN).build(),
        rowOf("g2", "s", 11).score(0.1).outcomes(GOLDEN).build(),
        rowOf("h1", "s", 12).score(0.9).build(),
        rowOf("h2", "s", 13).score(0.7).build(),
        rowOf("low", "s", 14).score(0.5).build(),
        rowOf("unscored", "s", 14).build(),
        rowOf("invalid", "s", 15).score(0.9).valid(false).build(),
        rowOf("bad", "s", 16).score(0.9).outcomes(BAD).build(),
        rowOf("no-text", "s", 17).score(0.8).inputText(null).build(),
        rowOf("other", "s", 18).score(0.9).agentId("ops.monitor").build()));
    List<ExampleCandidate> read = backends.exampleBanks().exampleCandidates("sdr.copilot", 0.6, 100);
    assertThat(read).filteredOn(selector::eligible).extracting(ExampleCandidate::interactionId)
        .containsExactly("g1", "g2", "h1", "h2");
    assertThat(read).extracting(ExampleCandidate::agentId).containsOnly("sdr.copilot");
    assertThat(read).filteredOn(c -> c.interactionId().equals("h1")).singleElement()
        .isEqualTo(new ExampleCandidate("h1", "sdr.copilot", true, 0.9, null, "edit", "en", "hello",
            "{\"message\":\"hi\"}", "logs/x/h1.json", 12));
    assertThat(backends.exampleBanks().exampleCandidates("sdr.copilot", 0.6, 1)).extracting(ExampleCandidate::interactionId)
        .containsExactly("g1");
  }

  @Test
  void a_bank_is_a_new_version_and_old_versions_are_dropped() throws Exception {
    ExampleBanks banks = backends.exampleBanks();
    assertThat(banks.examples("sdr.copilot")).isEmpty();
    Example e1 = new Example(null, "sdr.copilot", 0, "i1", 0.9, "edit", "en", "hello", "{}", "k1");
    Example e2 = new Example(null, "sdr.copilot", 0, "i2", 0.8, null, null, "bye", "{}", null);
    assertThat(banks.saveExampleBank("sdr.copilot", List.of(e1), 5, 10, 2)).isEqualTo(1);
    assertThat(banks.saveExampleBank("sdr.copilot", List.of(e1, e2), 6, 20, 2)).isEqualTo(2);
    assertThat(banks.examples("sdr.copilot")).containsExactly(
        new Example("sdr.copilot:v2:i1", "sdr.copilot", 2, "i1", 0.9, "edit", "en", "hello", "{}", "k1"),
        new Example("sdr.copilot:v2:i2", "sdr.copilot", 2, "i2", 0.8, null, null, "bye", "{}", ""));
    assertThat(banks.saveExampleBank("sdr.copilot", List.of(e2), 7, 30, 2)).isEqualTo(3);
    assertThat(banks.examples("sdr.copilot")).extracting(Example::id).containsExactly("sdr.copilot:v3:i2");
    assertThat(examplesOfVersion(1)).isZero();
    assertThat(examplesOfVersion(2)).isEqualTo(2);
    assertThat(banks.saveExampleBank("sdr.copilot", List.of(), 0, 40, 2)).isEqualTo(4);
    assertThat(banks.examples("sdr.copilot")).isEmpty();
    assertThat(banks.examples("ops.monitor")).isEmpty();
  }

  private int examplesOfVersion(int version) throws Exception {
    try (Connection c = backends.sql().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sf_examples WHERE bank_version = " + version)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
