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

  @Test
  void words_are_what_the_regex_split_gave_for_any_text() {
    String pool = "aZ09 ,.;'-_\n\tÉéßİıǅ字ひカ한٣Ⅻ²½\u0301\u200b\u00a0😀𝐀𝟘!?";
    java.util.Random random = new java.util.Random(19);
    java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("", "   ", "Hello, World!",
        "ÉCOLE d'été 2026", "x²+y²=z²", "Chapter Ⅻ", "naïve café", "e\u0301te", "日本語のテキスト", "🙂 ok 🙂"));
    for (int n = 0; n < 2_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(30);
      for (int k = 0; k < len; k++) {
        b.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
      }
      texts.add(b.toString());
    }
    for (String t : texts) {
      java.util.List<String> expected = java.util.Arrays.stream(t.toLowerCase(java.util.Locale.ROOT)
          .split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
      assertThat(LeakGuard.words(t)).as(t).isEqualTo(expected);
    }
  }
}
