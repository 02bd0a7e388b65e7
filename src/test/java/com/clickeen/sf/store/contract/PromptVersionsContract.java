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
}
