package com.clickeen.sf.store.contract;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the SQL port contracts share: a fresh database per test, and interaction rows to put in it. */
abstract class SqlPortContract {
  Backends backends;

  abstract Backends open() throws Exception;

  @BeforeEach
  void openBackends() throws Exception {
    backends = open();
  }

  @AfterEach
  void closeBackends() {
    if (backends != null) { // null when a missing server skipped the test in openBackends
      backends.close();
    }
  }

  Interactions interactions() {
    return backends.interactions();
  }

  /** A row as an execute writes it, every field set; change what a test needs before {@code build()}. */
  static InteractionRow.Builder rowOf(String id, String session, long at) {
    return InteractionRow.builder().id(id).sessionId(session).agentId("sdr.copilot").createdAtMs(at)
        .r2Key("logs/x/" + id + ".json").promptId("sdr.copilot@v1").provider("offline").model("m").promptTokens(10)
        .completionTokens(20).costUsd(0.001).latencyMs(5).valid(true).subjectKind("anon").subjectId(session).locale("en")
        .userId("user-1").intent("edit").resultOutcome("ops_applied").applied(true).inputText("hello")
        .outputText("{\"message\":\"hi\"}").exampleIdsJson("[]");
  }

  static InteractionRow row(String id, String session, long at) {
    return rowOf(id, session, at).build();
  }

  void record(InteractionRow... rows) {
    for (InteractionRow r : rows) {
      interactions().recordInteraction(r, null);
    }
  }
}
