package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.llm.PriceTable;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.testing.ParisGrants;
import com.clickeen.sf.testing.ParisGrants.Budgets;
import com.clickeen.sf.testing.ScriptedProvider;
import com.clickeen.sf.testing.ScriptedProvider.Mode;
import com.clickeen.sf.testing.SequenceProvider;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * San Francisco behind Clickeen's real callers (issue 15): grants minted as Paris, Roma and Bob mint them in
 * both eras ({@link ParisGrants}), requests shaped as Bob sends them, and what each budget means.
 */
class ClickeenDropInTest {
  static final String SECRET = TestService.SECRET_TEXT;
  static final String VALID_EDIT = "{\"message\":\"Done: the font is 18 now.\",\"ops\":[{\"op\":\"set\",\"path\":"
      + "\"faq.fontSize\",\"value\":18}],\"meta\":{\"intent\":\"edit\"}}";
  static final String INVALID_EDIT = "{\"message\":\"Done.\",\"ops\":[{\"op\":\"set\",\"path\":\"faq.fontSize\","
      + "\"value\":99}],\"meta\":{\"intent\":\"edit\"}}";

  @TempDir
  Path dir;

  static ModelRouter on(com.clickeen.sf.llm.LlmProvider p, String model) {
    return new ModelRouter(Map.of(), List.of(new ModelRouter.Target(p, model)), PriceTable.defaults());
  }

  /** Bob's editor request: {grant, agentId, input: {prompt, widgetType, currentConfig, controls, sessionId, sessionKey}, trace: {client}}. */
  static String bobBody(String grant, String agentId, String sessionId, String prompt, boolean withControls)
      throws Exception {
    JsonNode w = Json.parse(Files.readAllBytes(Path.of("golden/editor/widgets/faq.json")));
    ObjectNode b = Json.object();
    b.put("grant", grant);
    b.put("agentId", agentId);
    ObjectNode input = b.putObject("input");
    input.put("prompt", prompt);
    input.put("widgetType", "faq");
    input.set("currentConfig", w.path("currentConfig"));
    input.set("controls", withControls ? w.path("controls") : Json.array());
    input.put("sessionId", sessionId);
    input.put("sessionKey", "k-" + sessionId);
    b.putObject("trace").put("client", "minibob");
    return Json.text(b);
  }

  static String sdr(String grant, String sessionId, String message) {
    return TestService.sdrBody(grant, sessionId, message);
  }

  static InteractionRow row(TestService sf, HttpResponse<String> r) throws Exception {
    String id = json(r).path("requestId").asText();
    await().atMost(Duration.ofSeconds(15)).until(() -> sf.app.backends().interactions().interaction(id).isPresent());
    return sf.app.backends().interactions().interaction(id).orElseThrow();
  }

  // --- item 1: budgets mean what Paris means ---------------------------------------------------------------

  @Test
  void three_sdr_calls_on_a_280_token_3_request_grant_all_answer_in_full_with_280_each() throws Exception {
    ScriptedProvider p = new ScriptedProvider("deepseek", Mode.ANSWER, 500, 97);
    try (TestService sf = TestService.start(dir, on(p, "deepseek-chat"), true, Map.of())) {
      String grant = ParisGrants.parisDecember2025(SECRET, "sdr.copilot", "ops", "visitor-1", null,
          new Budgets(280, 15_000, 3));
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = sf.post("/v1/execute", sdr(grant, "visitor-1", "question " + i));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(p.lastMaxTokens).as("call %d may produce the grant's full maxTokens", i).isEqualTo(280);
        assertThat(json(r).path("usage").path("completionTokens").asInt()).isEqualTo(97);
      }
      HttpResponse<String> fourth = sf.post("/v1/execute", sdr(grant, "visitor-1", "one more"));
      assertThat(fourth.statusCode()).isEqualTo(429);
      assertThat(json(fourth).path("error").path("budget").asText()).isEqualTo("maxRequests");
      assertThat(p.calls.get()).isEqualTo(3);
    }
  }

  @Test
  void a_widget_copilot_repair_is_one_more_of_the_grants_requests() throws Exception {
    SequenceProvider p = SequenceProvider.of(INVALID_EDIT, VALID_EDIT);
    try (TestService sf = TestService.start(dir, on(p, "m"), true, Map.of())) {
      // Paris's Minibob grant: 420 tokens, 12 s, 2 requests.
      String grant = ParisGrants.parisDecember2025(SECRET, "sdr.widget.copilot.v1", "ops", "mb-1", null,
          new Budgets(420, 12_000, 2));
      HttpResponse<String> r = sf.post("/v1/execute", bobBody(grant, "sdr.widget.copilot.v1", "mb-1",
          "make the questions a bit bigger", true));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("result").path("meta").path("outcome").asText()).isEqualTo("ops_applied");
      assertThat(p.requests).hasSize(2);
      assertThat(p.requests).allSatisfy(req -> assertThat(req.maxTokens()).isLessThanOrEqualTo(420));
      String key = sf.codec.verify(grant).budgetKey();
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isEqualTo(2);
      HttpResponse<String> next = sf.post("/v1/execute", bobBody(grant, "sdr.widget.copilot.v1", "mb-1",
          "and the title bold", true));
      assertThat(next.statusCode()).isEqualTo(429);
      assertThat(json(next).path("error").path("budget").asText()).isEqualTo("maxRequests");
    }
  }

  @Test
  void on_a_one_request_grant_the_widget_copilot_does_not_repair_and_answers_invalid_ops_as_clarify() throws Exception {
    SequenceProvider p = SequenceProvider.of(INVALID_EDIT, VALID_EDIT);
    try (TestService sf = TestService.start(dir, on(p, "m"), true, Map.of())) {
      // Bob's SDR-copilot route asks Paris for 420 tokens, 15 s, 1 request.
      String grant = ParisGrants.parisDecember2025(SECRET, "sdr.widget.copilot.v1", "ops", "mb-2", null,
          new Budgets(420, 15_000, 1));
      HttpResponse<String> r = sf.post("/v1/execute", bobBody(grant, "sdr.widget.copilot.v1", "mb-2",
          "make the questions a bit bigger", true));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode meta = json(r).path("result").path("meta");
      assertThat(meta.path("outcome").asText()).isEqualTo("invalid_ops");
      assertThat(meta.path("intent").asText()).isEqualTo("clarify");
      assertThat(p.requests).hasSize(1);
      assertThat(row(sf, r).error()).contains("no repair");
    }
  }

  @Test
  void concurrent_widget_turns_that_all_need_a_repair_make_exactly_max_requests_model_calls() throws Exception {
    SequenceProvider p = new SequenceProvider(req -> req.temperature() != null && req.temperature() == 0.0
        ? VALID_EDIT : INVALID_EDIT);
    try (TestService sf = TestService.start(dir, on(p, "m"), true, BudgetAndProviderTest.UNCAPPED)) {
      String grant = ParisGrants.parisFebruary2026(SECRET, "sdr.widget.copilot.v1", "ops", "mb-c", null, "local",
          new Budgets(420, 45_000, 9), null);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        bodies.add(bobBody(grant, "sdr.widget.copilot.v1", "mb-c-" + i, "make the questions a bit bigger", true));
      }
      List<HttpResponse<String>> rs = BudgetAndProviderTest.fire(sf, bodies);
      assertThat(p.requests).as("model calls, repairs included").hasSize(9);
      String key = sf.codec.verify(grant).budgetKey();
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isEqualTo(9);
      assertThat(sf.app.ledger().snapshot(key).reservedRequests()).isZero();
      long answered = rs.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(answered).isBetween(5L, 9L); // each answer took one call, or two with its repair
      assertThat(rs).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
    }
  }

  @Test
  void a_budget_refusal_after_a_model_call_is_logged_as_an_interaction() throws Exception {
    // $1 per 1000 completion tokens; $0.020 in all: the first call may spend 20 tokens' worth, spends 10, and
    // the repair it needs could have 10 at most: fewer than a call is worth, so maxCostUsd refuses it.
    SequenceProvider p = SequenceProvider.of("{\"message\": 7");
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(p, "priced")),
        new PriceTable(Map.of("priced", new PriceTable.Price(0, 1000))));
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      String grant = sf.grant("u-late-refusal", List.of("agent:sdr.copilot"), 280, 3L, 0.02, null);
      HttpResponse<String> r = sf.post("/v1/execute", sdr(grant, "s-late", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
      assertThat(json(r).path("error").path("budget").asText()).isEqualTo("maxCostUsd");
      assertThat(p.requests).hasSize(1);
      String key = sf.codec.verify(grant).budgetKey();
      await().atMost(Duration.ofSeconds(15)).until(() -> sf.app.backends().interactions().countInteractions("sdr.copilot") == 1);
      InteractionRow logged = sf.app.backends().interactions().interactionsSince("sdr.copilot", 0, null, 10).getFirst();
      assertThat(logged.valid()).isFalse();
      assertThat(logged.error()).contains("budget maxCostUsd");
      assertThat(logged.completionTokens()).isEqualTo(10);
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isEqualTo(1);
    }
  }

  // --- item 3: the agent ids Paris grants for ----------------------------------------------------------------

  static final Map<String, String> CALLERS = Map.of("SF_GRANT_ISSUERS", "paris,roma,bob");

  @Test
  void cs_and_generic_widget_copilot_ids_answer_bob_shaped_requests_with_the_profile_the_grant_names() throws Exception {
    try (TestService sf = TestService.start(dir, ModelRouter.offlineOnly(), true, CALLERS)) {
      String cs = ParisGrants.romaAccount2026(SECRET, "cs.widget.copilot.v1", "u-1", "acct-1", "cs-1",
          new Budgets(900, 45_000, 3), null);
      String sales = ParisGrants.parisFebruary2026(SECRET, "sdr.widget.copilot.v1", "ops", "mb-9", null, "local",
          new Budgets(650, 45_000, 3), null);
      String[][] cases = {{cs, "cs.widget.copilot.v1", "success"}, {cs, "widget.copilot.v1", "success"},
          {sales, "widget.copilot.v1", "sales"}, {sales, "sdr.widget.copilot.v1", "sales"}};
      for (String[] c : cases) {
        HttpResponse<String> r = sf.post("/v1/execute", bobBody(c[0], c[1], "s-" + UUID.randomUUID(),
            "what is the weather in Paris today?", true));
        assertThat(r.statusCode()).as(c[1] + ": " + r.body()).isEqualTo(200);
        JsonNode result = json(r).path("result");
        assertThat(result.path("message").asText()).isNotBlank();
        assertThat(result.path("meta").path("profile").asText()).as(c[1]).isEqualTo(c[2]);
        // Only the sales profile pushes a signup when the request is outside the editor.
        assertThat(result.has("cta")).as(c[1]).isEqualTo(c[2].equals("sales"));
        for (String f : new String[] {"promptVersion", "policyVersion", "dictionaryHash"}) {
          assertThat(result.path("meta").path(f).isTextual()).as(f).isTrue();
          assertThat(result.path("meta").path(f).asText()).as(f).isNotBlank();
        }
      }
      HttpResponse<String> edit = sf.post("/v1/execute", bobBody(cs, "cs.widget.copilot.v1", "cs-edit",
          "set the font size to 18", true));
      assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
      assertThat(json(edit).path("result").path("meta").path("intent").asText()).isIn("edit", "clarify");
      // A grant for the sales copilot does not open the paid one.
      HttpResponse<String> denied = sf.post("/v1/execute", bobBody(sales, "cs.widget.copilot.v1", "s-x", "hi", true));
      assertThat(denied.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void the_grant_probe_answers_the_verified_grant_without_a_model_call_and_spends_nothing() throws Exception {
    ScriptedProvider p = new ScriptedProvider("deepseek", Mode.ANSWER, 1, 1);
    try (TestService sf = TestService.start(dir, on(p, "deepseek-chat"), true, Map.of())) {
      String grant = ParisGrants.parisFebruary2026(SECRET, "debug.grantProbe", "ops", "smoke-1", null, "cloud-dev",
          new Budgets(200, 10_000, 1), null);
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = sf.post("/v1/execute", TestService.executeBody(grant, "debug.grantProbe",
            Json.object().put("ping", "pong-" + i)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode g = json(r).path("result").path("grant");
        assertThat(json(r).path("result").path("echo").asText()).isEqualTo("pong-" + i);
        assertThat(g.path("subject").path("kind").asText()).isEqualTo("anon");
        assertThat(g.path("subject").path("id").asText()).isEqualTo("smoke-1");
        assertThat(g.path("caps").get(0).asText()).isEqualTo("agent:debug.grantProbe");
        assertThat(g.path("budgets").path("maxTokens").asLong()).isEqualTo(200);
        assertThat(g.path("budgets").path("maxRequests").asLong()).isEqualTo(1);
        assertThat(g.path("trace").path("envStage").asText()).isEqualTo("cloud-dev");
        assertThat(json(r).path("usage").path("provider").asText()).isEqualTo("local");
      }
      assertThat(p.calls.get()).isZero();
      assertThat(sf.app.ledger().snapshot(sf.codec.verify(grant).budgetKey()).usedRequests()).isZero();
      HttpResponse<String> unknown = sf.post("/v1/execute", TestService.executeBody(grant, "debug.nothing", Json.object()));
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    }
  }

  // --- item 4: the grant's ai block -------------------------------------------------------------------------

  @Test
  void the_ai_block_routes_only_to_allowed_models_prefers_the_chosen_one_and_refuses_when_none_is_configured()
      throws Exception {
    ScriptedProvider deepseek = new ScriptedProvider("deepseek", Mode.ANSWER, 10, 10);
    ScriptedProvider openai = new ScriptedProvider("openai", Mode.ANSWER, 10, 10);
    java.util.concurrent.atomic.AtomicReference<String> model = new java.util.concurrent.atomic.AtomicReference<>();
    com.clickeen.sf.llm.LlmProvider recordingOpenai = new com.clickeen.sf.llm.LlmProvider() {
      public String id() {
        return "openai";
      }

      public com.clickeen.sf.llm.ChatResponse chat(ChatRequest request) throws com.clickeen.sf.llm.LlmException {
        model.set(request.model());
        return openai.chat(request);
      }
    };
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(deepseek, "deepseek-chat"),
        new ModelRouter.Target(recordingOpenai, "gpt-4o-mini")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      // A paid plan that allows both providers, the user chose OpenAI's gpt-4o (not in this instance's route).
      ObjectNode chosen = ParisGrants.capsule("paid_premium", "openai", "openai", "gpt-4o",
          "deepseek=deepseek-reasoner:deepseek-chat,deepseek-reasoner", "openai=gpt-4o:gpt-4o-mini,gpt-4o");
      String g1 = ParisGrants.parisFebruary2026(SECRET, "sdr.copilot", "ops", "ai-1", null, "local",
          new Budgets(600, 25_000, 2), chosen);
      assertThat(sf.post("/v1/execute", sdr(g1, "ai-1", "hi")).statusCode()).isEqualTo(200);
      assertThat(model.get()).isEqualTo("gpt-4o");
      assertThat(deepseek.calls.get()).isZero();
      // The free plan: DeepSeek's deepseek-chat only.
      ObjectNode free = ParisGrants.capsule("free_low", "deepseek", null, null, "deepseek=deepseek-chat:deepseek-chat");
      String g2 = ParisGrants.parisFebruary2026(SECRET, "sdr.copilot", "ops", "ai-2", null, "local",
          new Budgets(280, 15_000, 1), free);
      assertThat(sf.post("/v1/execute", sdr(g2, "ai-2", "hi")).statusCode()).isEqualTo(200);
      assertThat(deepseek.calls.get()).isEqualTo(1);
      assertThat(openai.calls.get()).isEqualTo(1);
      // The later policy shape: {defaultModel: {provider, model}, modelsByProvider}; Anthropic only.
      ObjectNode later = (ObjectNode) Json.parse("{\"agentId\":\"sdr.copilot\",\"policyProfile\":\"tier2\","
          + "\"enabled\":true,\"defaultModel\":{\"provider\":\"anthropic\",\"model\":\"claude-sonnet\"},"
          + "\"modelsByProvider\":{\"anthropic\":{\"defaultModel\":\"claude-sonnet\",\"allowed\":[\"claude-sonnet\"]}},"
          + "\"allowModelPicker\":false}");
      String g3 = ParisGrants.parisFebruary2026(SECRET, "sdr.copilot", "ops", "ai-3", null, "local",
          new Budgets(600, 25_000, 2), later);
      HttpResponse<String> refused = sf.post("/v1/execute", sdr(g3, "ai-3", "hi"));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(json(refused).path("error").path("message").asText())
          .contains("none of the models the grant allows").contains("anthropic:[claude-sonnet]")
          .contains("deepseek:deepseek-chat");
      assertThat(deepseek.calls.get() + openai.calls.get()).isEqualTo(2);
      // A chosen model the plan does not allow is not a valid grant.
      ObjectNode outside = ParisGrants.capsule("free_low", "deepseek", "deepseek", "deepseek-reasoner",
          "deepseek=deepseek-chat:deepseek-chat");
      String g4 = ParisGrants.parisFebruary2026(SECRET, "sdr.copilot", "ops", "ai-4", null, "local",
          new Budgets(280, 15_000, 1), outside);
      assertThat(sf.post("/v1/execute", sdr(g4, "ai-4", "hi")).statusCode()).isEqualTo(401);
    }
  }

  // --- items 5 and 6: leniency, and what Clickeen records ----------------------------------------------------

  @Test
  void an_editor_request_before_the_controls_are_compiled_is_answered_without_a_model() throws Exception {
    SequenceProvider p = SequenceProvider.of(VALID_EDIT);
    try (TestService sf = TestService.start(dir, on(p, "m"), true, Map.of())) {
      String grant = ParisGrants.parisDecember2025(SECRET, "sdr.widget.copilot.v1", "ops", "mb-e", null,
          new Budgets(420, 12_000, 2));
      HttpResponse<String> r = sf.post("/v1/execute", bobBody(grant, "sdr.widget.copilot.v1", "mb-e",
          "make the title bigger", false));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode meta = json(r).path("result").path("meta");
      assertThat(meta.path("intent").asText()).isEqualTo("clarify");
      assertThat(meta.path("reasonCode").asText()).isEqualTo("no_controls");
      assertThat(p.requests).isEmpty();
    }
  }

  @Test
  void account_subjects_non_string_trace_values_and_the_grant_context_on_the_interaction() throws Exception {
    try (TestService sf = TestService.start(dir, ModelRouter.offlineOnly(), true, CALLERS)) {
      String roma = ParisGrants.romaAccount2026(SECRET, "sdr.copilot", "user-7", "acct-7", "r-1",
          new Budgets(600, 25_000, 3), null);
      HttpResponse<String> r1 = sf.post("/v1/execute", sdr(roma, "r-1", "hi"));
      assertThat(r1.statusCode()).as(r1.body()).isEqualTo(200);
      InteractionRow row1 = row(sf, r1);
      assertThat(row1.subjectKind()).isEqualTo("user");
      assertThat(row1.userId()).isEqualTo("user-7");
      assertThat(row1.mode()).isEqualTo("editor");
      // A trace with values that are not strings: ignored, as Clickeen's worker ignores them.
      long now = System.currentTimeMillis() / 1000;
      ObjectNode p = (ObjectNode) Json.parse("{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":"
          + "\"t-1\"},\"exp\":" + (now + 60) + ",\"caps\":[\"agent:sdr.copilot\"],\"budgets\":{\"maxTokens\":280,"
          + "\"timeoutMs\":15000,\"maxRequests\":1},\"mode\":\"ops\",\"trace\":{\"sessionId\":\"t-1\","
          + "\"instancePublicId\":null,\"attempt\":2,\"flags\":{\"a\":true},\"envStage\":\"local\"}}");
      HttpResponse<String> r2 = sf.post("/v1/execute", sdr(ParisGrants.sign(SECRET, p), "t-1", "hi"));
      assertThat(r2.statusCode()).as(r2.body()).isEqualTo(200);
      InteractionRow row2 = row(sf, r2);
      assertThat(row2.envStage()).isEqualTo("local");
      assertThat(row2.instancePublicId()).isNull();
      assertThat(row2.mode()).isEqualTo("ops");
      // Bob's editor call on a widget instance: stage, instance and mode are recorded.
      String paris = ParisGrants.parisFebruary2026(SECRET, "sdr.widget.copilot.v1", "editor", "w-1", "wgt_faq_42",
          "cloud-dev", new Budgets(650, 45_000, 2), null);
      HttpResponse<String> r3 = sf.post("/v1/execute", bobBody(paris, "sdr.widget.copilot.v1", "w-1",
          "what does multi-open do?", true));
      assertThat(r3.statusCode()).as(r3.body()).isEqualTo(200);
      InteractionRow row3 = row(sf, r3);
      assertThat(row3.envStage()).isEqualTo("cloud-dev");
      assertThat(row3.instancePublicId()).isEqualTo("wgt_faq_42");
      assertThat(row3.mode()).isEqualTo("editor");
    }
  }

  @Test
  void a_secret_set_with_a_trailing_newline_verifies_what_paris_signs_with_it_trimmed() throws Exception {
    Map<String, String> env = Map.of("AI_GRANT_HMAC_SECRET", SECRET + "\n");
    try (TestService sf = TestService.startFromEnv(dir, ModelRouter.offlineOnly(), env)) {
      String grant = ParisGrants.parisDecember2025(SECRET + "\n", "sdr.copilot", "ops", "nl-1", null,
          new Budgets(280, 15_000, 1));
      HttpResponse<String> r = sf.post("/v1/execute", sdr(grant, "nl-1", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      // Outcomes are signed the same way.
      String body = "{\"command\":\"ai.outcome.attach\",\"payload\":{\"requestId\":\"" + json(r).path("requestId").asText()
          + "\",\"sessionId\":\"nl-1\",\"event\":\"ux_keep\",\"occurredAtMs\":" + System.currentTimeMillis() + "}}";
      HttpResponse<String> o = sf.post("/v1/outcome", body, Map.of("content-type", "application/json",
          "x-paris-signature", ParisGrants.signOutcome(SECRET + "\n", body)));
      assertThat(o.statusCode()).as(o.body()).isEqualTo(200);
    }
  }
}
