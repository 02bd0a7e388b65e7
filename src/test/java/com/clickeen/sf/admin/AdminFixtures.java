package com.clickeen.sf.admin;

import com.clickeen.sf.learning.experiments.ExperimentService;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.testing.TestService;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service with the admin on, and interactions, prompt versions and an experiment to show. */
final class AdminFixtures {
  static final String PASSWORD = "admin-test-password-1";
  static final String AGENT = "sdr.copilot";
  /** A visitor's message that tries a script, an event handler and a javascript: link. */
  static final String XSS = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"
      + "<a href=\"javascript:window.__xss=3\">click me</a>";
  static final String XSS_ID = "xss-payload-1";
  static final long DAY = 86_400_000L;

  private AdminFixtures() {}

  static TestService start() throws Exception {
    return start(Map.of("SF_ADMIN_PASSWORD", PASSWORD, "SF_JOBS", "false"));
  }

  static TestService start(Map<String, String> env) throws Exception {
    return TestService.start(Files.createTempDirectory("sf-admin-"), ModelRouter.offlineOnly(), true, env);
  }

  /** 14 days of interactions of {@link #AGENT}, a few invalid, undone and low-scored ones, and the XSS row. */
  static void seed(TestService svc) {
    Backends b = svc.app.backends();
    long now = System.currentTimeMillis();
    List<InteractionRow> rows = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      for (int i = 0; i < 12; i++) {
        String id = "seed-" + d + "-" + i;
        boolean valid = i != 0;
        boolean undone = i == 1;
        double score = i == 2 ? 0.1 : 0.5 + (i % 5) / 10.0;
        rows.add(row(id, now - d * DAY - i * 60_000L - 3_600_000L, valid, score, undone,
            "Question " + i + " of day " + d + " about the pricing plan", d < 7 ? 2 : 1).build());
      }
    }
    rows.add(row(XSS_ID, now - 120_000L, true, 0.95, false, XSS, 2)
        .outputText("{\"message\":\"" + XSS.replace("\"", "\\\"") + "\"}").build());
    b.interactions().importInteractions(rows);
    // as score-interactions saves them (the metrics' mean scores are kept from these)
    b.scores().saveScores(rows.stream().map(r -> new com.clickeen.sf.store.Scores.Scored(r.id(), r.score())).toList(), now);
    PromptVersions prompts = b.prompts();
    prompts.addPrompt(AGENT, "You are the SDR Copilot, version two.\nAnswer in two sentences.", now);
    prompts.addCandidate(AGENT, "You are the SDR Copilot, candidate.\n" + XSS,
        PromptVersions.Provenance.candidate(2, "report-1", "rules", "Shorter answers <b>convert</b> better"), now);
    prompts.addPrompt("support.agent", "Support agent, version two.", now);
    ExperimentService experiments = svc.app.jobs().experiments();
    experiments.start(new ExperimentService.StartRequest("support.agent", 2, 0.5, null, null, null, false));
    experiments.evaluateAll();
    experiments.evaluateAll();
  }

  static InteractionRow.Builder row(String id, long at, boolean valid, double score, boolean undone, String input,
      int version) {
    return InteractionRow.builder().id(id).sessionId("s-" + id).agentId(AGENT).createdAtMs(at)
        .r2Key("logs/test/" + id + ".json").score(score).promptId(AGENT + "@v" + version).provider("offline")
        .model("sf-offline-1").promptTokens(100).completionTokens(40).costUsd(0.0004).latencyMs(20 + id.length())
        .valid(valid).error(valid ? null : "invalid_result: $.message is missing").subjectKind("anon")
        .subjectId("v-" + id).locale("en").intent("pricing").applied(valid).inputText(input)
        .outputText("{\"message\":\"Plans start at 9 USD.\"}").exampleIdsJson("[\"ex-1\"]")
        .outcomes(new OutcomeFlags(true, undone ? true : null, null, score > 0.8, null, null, null, null));
  }
}
