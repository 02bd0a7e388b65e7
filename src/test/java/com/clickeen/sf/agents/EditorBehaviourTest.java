package com.clickeen.sf.agents;

import static com.clickeen.sf.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.agents.editor.Colors;
import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.agents.editor.Lang;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.SequenceProvider;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 16's behaviours, table by table, on the offline model (or a scripted one where the model's answer matters). */
class EditorBehaviourTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Make the background red| en",
      "Cambia el fondo a rojo, por favor| es",
      "Mets le fond en rouge s'il te plaît| fr",
      "Mach den Hintergrund bitte rot| de",
      "Rendi lo sfondo più scuro per favore| it",
      "Mude o fundo para azul, por favor| pt",
      "Maak de achtergrond blauw alsjeblieft| nl",
      "背景を赤くしてください| ja",
      "把背景改成红色| zh",
      "Сделай фон красным| ru",
      "اجعل الخلفية حمراء| ar",
  })
  void the_language_comes_from_the_script_or_common_words(String text, String lang) {
    assertThat(Lang.detect(text, null, null).code()).isEqualTo(lang);
  }

  @Test
  void a_message_too_short_to_tell_keeps_the_conversations_language() {
    assertThat(Lang.detect("ok", "fr", null).code()).isEqualTo("fr");
    assertThat(Lang.detect("42", null, "de-CH").code()).isEqualTo("de");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "yes, true", "Yes please!, true", "ok, true", "sí, true", "oui, true", "ja, true", "sì, true", "sim, true",
      "はい, true", "好的, true", "да, true", "نعم, true", "no, false", "nope, false", "non, false", "nein, false",
      "não, false", "nee, false", "いいえ, false", "不要, false", "нет, false", "make it blue, ", "stage, ",
  })
  void yes_and_no_are_understood_in_common_languages(String text, Boolean expected) {
    assertThat(Lang.yesNo(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "#fff| true", "#FFFA| true", "#1a73e8| true", "#1a73e880| true", "rgb(26, 115, 232)| true",
      "rgba(26,115,232,0.5)| true", "rgb(10% 20% 30% / 50%)| true", "rebeccapurple| true", "Transparent| true",
      "#ggg| false", "#12345| false", "rgb(256,0,0)| false", "rgba(0,0,0,1.5)| false", "sparkly| false",
      "var(--x)| false", "javascript:alert(1)| false", "red; background:url(x)| false",
  })
  void colour_values_are_validated(String value, boolean valid) {
    assertThat(Colors.valid(value)).isEqualTo(valid);
  }

  static JsonNode card() throws Exception {
    return Json.parse(Files.readAllBytes(Path.of("golden/editor/widgets/card.json")));
  }

  static String body(TestService sf, String agentId, String prompt, String sessionId) throws Exception {
    JsonNode w = card();
    ObjectNode input = Json.object();
    input.put("sessionId", sessionId);
    input.put("prompt", prompt);
    input.put("widgetType", "card");
    input.set("currentConfig", w.path("currentConfig"));
    input.set("controls", w.path("controls"));
    // One user per test service: a session belongs to the subject that created it.
    String grant = sf.grant("u-editor", List.of("agent:" + agentId), 2000, null, null, null);
    return TestService.executeBody(grant, agentId, input);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sdr.widget.copilot.v1, sales, true", "cs.widget.copilot.v1, success, false", "editor.copilot, sales, true"})
  void out_of_scope_requests_get_a_signup_call_to_action_only_on_the_sales_profile(String agentId, String profile,
      boolean cta) throws Exception {
    try (TestService sf = TestService.start(dir)) {
      JsonNode r = json(sf.post("/v1/execute", body(sf, agentId, "Write me a poem about the sea", "oos-" + agentId)));
      assertThat(r.path("result").path("meta").path("profile").asText()).isEqualTo(profile);
      assertThat(r.path("result").path("meta").path("reasonCode").asText()).isEqualTo("out_of_scope");
      assertThat(r.path("result").has("cta")).isEqualTo(cta);
      if (cta) {
        assertThat(r.path("result").path("cta").path("action").asText()).isEqualTo("signup");
      }
      assertThat(r.path("usage").path("provider").asText()).isEqualTo("local");
    }
  }

  @Test
  void the_success_profile_never_passes_on_a_models_call_to_action() throws Exception {
    SequenceProvider p = SequenceProvider.of("{\"message\":\"Done.\",\"ops\":[{\"op\":\"set\",\"path\":\"pod.radius\","
        + "\"value\":20}],\"cta\":{\"text\":\"Upgrade now\",\"action\":\"upgrade\"}}");
    try (TestService sf = EditorCopilotTest.with(dir, p)) {
      JsonNode r = json(sf.post("/v1/execute", body(sf, "cs.widget.copilot.v1", "Round the corners to 20", "cs-1")));
      assertThat(r.path("result").path("ops")).hasSize(1);
      assertThat(r.path("result").has("cta")).isFalse();
    }
  }

  @Test
  void every_answer_reports_the_dictionary_hash_language_and_request_id() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      for (String prompt : List.of("Make the background red", "What can you do?", "Set the corner radius to 8")) {
        JsonNode r = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1", prompt, "meta-" + prompt.length())));
        JsonNode meta = r.path("result").path("meta");
        assertThat(meta.path("dictionaryHash").asText()).as(prompt).isEqualTo(Dictionary.standard().hash()).hasSize(16);
        assertThat(meta.path("dictionaryVersion").asText()).isEqualTo(Dictionary.standard().version());
        assertThat(meta.path("language").asText()).isEqualTo("en");
        assertThat(meta.path("requestId").asText()).isEqualTo(r.path("requestId").asText());
      }
    }
  }

  @Test
  void ops_in_two_panels_wait_for_the_users_pick_and_the_pick_applies_only_that_panel() throws Exception {
    SequenceProvider p = SequenceProvider.of("{\"message\":\"Updated.\",\"ops\":["
        + "{\"op\":\"set\",\"path\":\"content.title\",\"value\":\"Summer sale\"},"
        + "{\"op\":\"set\",\"path\":\"content.titleColor\",\"value\":\"#b91c1c\"}]}");
    try (TestService sf = EditorCopilotTest.with(dir, p)) {
      JsonNode first = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1", "Summer sale headline in dark red", "panel-1")));
      assertThat(first.path("result").has("ops")).isFalse();
      assertThat(first.path("result").path("meta").path("policy").asText()).isEqualTo("one_panel");
      assertThat(first.path("result").path("message").asText()).contains("Text").contains("Typography");
      JsonNode pick = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1", "Typography", "panel-1")));
      assertThat(pick.path("result").path("ops")).hasSize(1);
      assertThat(pick.path("result").path("ops").get(0).path("path").asText()).isEqualTo("content.titleColor");
      assertThat(pick.path("usage").path("provider").asText()).isEqualTo("local");
      assertThat(p.requests).hasSize(1);
    }
  }

  @Test
  void after_a_clarification_the_model_may_only_touch_the_chosen_controls() throws Exception {
    SequenceProvider p = SequenceProvider.of(
        "{\"message\":\"Done.\",\"ops\":[{\"op\":\"set\",\"path\":\"pod.background\",\"value\":\"#000000\"}]}",
        "{\"message\":\"Done.\",\"ops\":[{\"op\":\"set\",\"path\":\"stage.background\",\"value\":\"#000000\"}]}");
    try (TestService sf = EditorCopilotTest.with(dir, p)) {
      JsonNode q = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1", "Give the background a nicer tone", "pin-1")));
      assertThat(q.path("result").path("meta").path("intent").asText()).isEqualTo("clarify");
      assertThat(p.requests).isEmpty();
      JsonNode r = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1", "Stage background", "pin-1")));
      assertThat(r.path("result").path("ops").get(0).path("path").asText()).isEqualTo("stage.background");
      assertThat(p.requests).hasSize(2); // the first answer touched the pod: repaired
      assertThat(p.requests.get(1).messages().getLast().content()).contains("not one of the settings the user chose");
    }
  }

  @Test
  void a_refused_url_reports_its_reason_code_in_meta_and_fetches_nothing() throws Exception {
    SequenceProvider p = SequenceProvider.of("{\"message\":\"never called\"}");
    try (TestService sf = EditorCopilotTest.with(dir, p)) {
      JsonNode r = json(sf.post("/v1/execute", body(sf, "sdr.widget.copilot.v1",
          "Use the text from http://0x7f.1:8080/ for the headline", "url-1")));
      assertThat(r.path("result").path("meta").path("reasonCode").asText()).isEqualTo("private_ip");
      assertThat(r.path("result").path("meta").path("intent").asText()).isEqualTo("clarify");
      assertThat(p.requests).isEmpty();
    }
  }
}
