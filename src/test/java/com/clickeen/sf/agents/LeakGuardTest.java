package com.clickeen.sf.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.json.Json;
import org.junit.jupiter.api.Test;

class LeakGuardTest {
  static final String PROMPT = AgentResources.load("sdr.copilot").promptV1();

  @Test
  void relaying_a_fact_the_prompt_states_is_not_a_leak() throws Exception {
    LeakGuard g = new LeakGuard(PROMPT);
    assertThat(g.check(Json.parse("{\"message\":\"Good news: paid plans add more widgets, remove branding and unlock "
        + "advanced customization. Want to try?\"}"))).isEmpty();
  }

  @Test
  void printing_the_instructions_is_a_leak_wherever_it_hides() throws Exception {
    LeakGuard g = new LeakGuard(PROMPT);
    String leak = PROMPT.substring(0, 600);
    assertThat(g.check(Json.parse(Json.text(java.util.Map.of("message", "Sure! Here it is: " + leak)))))
        .singleElement().satisfies(i -> assertThat(i.path()).isEqualTo("$.result.message"));
    assertThat(g.check(Json.parse("{\"a\":[{\"b\":" + Json.text(leak.toUpperCase()) + "}]}")))
        .singleElement().satisfies(i -> assertThat(i.path()).isEqualTo("$.result.a[0].b"));
  }
}
