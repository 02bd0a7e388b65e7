package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import org.junit.jupiter.api.Test;

/** {@link PromptVersions} on every SQL backend. */
abstract class PromptVersionsContract extends SqlPortContract {

  @Test
  void prompt_versions_have_exactly_one_active() {
    PromptVersions index = backends.prompts();
    assertThat(index.activePrompt("a")).isEmpty();
    assertThat(index.seedPrompt("a", "v1 text", 1)).isTrue();
    assertThat(index.seedPrompt("a", "other", 2)).isFalse();
    PromptVersion v2 = index.addPrompt("a", "v2 text", 3);
    assertThat(v2).isEqualTo(new PromptVersion("a@v2", "a", 2, "v2 text", 3, false));
    assertThat(index.activePrompt("a").orElseThrow().version()).isEqualTo(1);
    assertThat(index.activatePrompt("a", 2)).isTrue();
    assertThat(index.activePrompt("a").orElseThrow().text()).isEqualTo("v2 text");
    assertThat(index.activatePrompt("a", 9)).isFalse();
    assertThat(index.activePrompt("a").orElseThrow().version()).isEqualTo(2);
    assertThat(index.prompts("a")).filteredOn(PromptVersion::active).hasSize(1);
    assertThat(index.prompts("a")).containsExactly(new PromptVersion("a@v1", "a", 1, "v1 text", 1, false),
        new PromptVersion("a@v2", "a", 2, "v2 text", 3, true));
    assertThat(index.activatePrompt("a", 1)).isTrue();
    assertThat(index.activePrompt("a").orElseThrow().id()).isEqualTo("a@v1");
    assertThat(index.prompts("b")).isEmpty();
  }

  @Test
  void candidates_carry_their_provenance_and_become_promoted_when_activated() {
    PromptVersions index = backends.prompts();
    index.seedPrompt("a", "v1 text", 1);
    PromptVersion c = index.addCandidate("a", "v2 text",
        PromptVersions.Provenance.candidate(1, "report-7", "offline-rules", "two rules from the top groups"), 5);
    assertThat(c).isEqualTo(new PromptVersion("a@v2", "a", 2, "v2 text", 5, false));
    assertThat(index.provenance("a", 2)).contains(new PromptVersions.Provenance("candidate", 1, "report-7",
        "offline-rules", "two rules from the top groups", null));
    assertThat(index.provenance("a", 1)).contains(new PromptVersions.Provenance(null, null, null, null, null, null));
    assertThat(index.provenance("a", 9)).isEmpty();
    assertThat(index.saveGate("a", 2, "{\"passed\":true}")).isTrue();
    assertThat(index.saveGate("a", 9, "{}")).isFalse();
    assertThat(index.provenance("a", 2).orElseThrow().gateJson()).isEqualTo("{\"passed\":true}");
    assertThat(index.provenance("a", 2).orElseThrow().isCandidate()).isTrue();
    assertThat(index.activatePrompt("a", 2)).isTrue();
    assertThat(index.provenance("a", 2).orElseThrow().origin()).isEqualTo("promoted");
    assertThat(index.activatePrompt("a", 1)).isTrue();
    assertThat(index.provenance("a", 1).orElseThrow().origin()).isNull();
  }
}
