package com.clickeen.sf.agents;

import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.agents.editor.Texts;
import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.sessions.Session;
import com.clickeen.sf.store.ExampleBanks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The editor copilot's model call: the request with the widget's controls and config (and, when given, the
 * controls a clarification settled on and the page a URL pointed to) as delimited data; the answer's ops
 * checked against the controls (one repair), then the light-edits policy: one area and one panel unless the
 * user said "across the widget", and confirmation for large or risky edits.
 */
final class EditorModel {
  private static final int MAX_COMPLETION_TOKENS = 800;

  private EditorModel() {}

  static AgentOutput answer(EditorCopilot agent, EditorCopilot.Turn t, String request, List<String> pinned,
      ObjectNode page) throws BudgetExceededException, ProviderException {
    AgentCall call = t.call();
    JsonNode input = call.input();
    List<ExampleBanks.Example> examples = call.examplesFor(EditorCopilot.ID, request, null);
    List<String> exampleIds = AgentCall.ids(examples);
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(call.prompt().text() + PromptExamples.section(examples)
        + PromptParts.outputContract(agent.contract().resultSchema())));
    for (Session.Turn turn : call.sessions().load(EditorCopilot.ID, t.sessionId()).map(Session::turns).orElse(List.of())) {
      messages.add(ChatMessage.user(PromptParts.userMessage(turn.user())));
      messages.add(ChatMessage.assistant(turn.assistant()));
    }
    ObjectNode taskInput = ((ObjectNode) input).deepCopy();
    taskInput.put("prompt", request);
    StringBuilder user = new StringBuilder();
    user.append(PromptParts.dataBlock("widgetType", input.path("widgetType"))).append('\n')
        .append(PromptParts.dataBlock("controls", input.path("controls"))).append('\n')
        .append(PromptParts.dataBlock("currentConfig", input.path("currentConfig"))).append('\n');
    if (pinned != null) {
      ArrayNode p = Json.array();
      pinned.forEach(p::add);
      taskInput.set("pinnedPaths", p);
      user.append(PromptParts.dataBlock("onlyThesePaths", p)).append('\n');
    }
    if (page != null) {
      taskInput.set("sourcePage", page);
      user.append(PromptParts.dataBlock("sourcePage", page)).append('\n');
    }
    ObjectNode language = Json.object().put("reply", t.l());
    user.append(PromptParts.dataBlock("language", language)).append('\n');
    user.append(PromptParts.userMessage(request));
    messages.add(ChatMessage.user(user.toString()));
    ChatRequest chat = new ChatRequest(null, messages, true, agent.contract().resultSchema(), MAX_COMPLETION_TOKENS, 0.2,
        call.remaining().isZero() ? Duration.ofMillis(1) : call.remaining(), EditorCopilot.ID, taskInput);
    ChatResponse response = call.model().chat(chat);
    StructuredOutput.Outcome o = StructuredOutput.parseWithRepair(call, agent.leakGuards(), chat, response,
        agent.resultValidator(), result -> rules(result.path("ops"), t.controls(), pinned));
    if (!o.valid()) {
      ObjectNode r = Json.object();
      r.put("message", Texts.get(t.l(), "invalid"));
      // Nothing was applied: the answer asks the user to say it again (Clickeen's tools expect "clarify").
      r.set("meta", agent.meta(t, "clarify", "invalid_ops", null));
      String reason = "invalid_ops: " + o.issues().stream().map(i -> i.path() + " " + i.message())
          .collect(Collectors.joining("; ")) + (o.skipped() == null ? "" : " (" + o.skipped() + ")");
      return new AgentOutput(r, t.prompt(), t.sessionId(), false, exampleIds, false, reason);
    }
    ObjectNode r = ((ObjectNode) o.result()).deepCopy();
    if (t.profile() == EditorCopilot.Profile.SUCCESS) {
      r.remove("cta");
    }
    JsonNode ops = r.path("ops");
    String modelIntent = r.path("meta").path("intent").asText("");
    ObjectNode source = page == null ? null : Json.object().put("url", page.path("url").asText());
    if (ops.isArray() && !ops.isEmpty()) {
      LightEdits.Split split = Dictionary.standard().saysAcross(request) ? null : LightEdits.split(ops, t.controls());
      if (split != null) {
        r.remove("ops");
        List<String> names = new ArrayList<>();
        split.choices().forEach(c -> names.add("“" + c.path("label").asText() + "”"));
        r.put("message", Texts.get(t.l(), "policy." + split.kind(),
            Map.of("choices", com.clickeen.sf.agents.editor.Texts.orList(t.l(), names))));
        r.set("meta", withSource(agent.meta(t, "clarify", "no_ops", null), source).put("policy", "one_" + split.kind()));
        agent.rememberSplit(t, request, split);
        return AgentOutput.valid(r, t.prompt(), t.sessionId(), false, exampleIds);
      }
      String why = EditorControls.confirmationNeeded(ops);
      if (why != null) {
        t.state().set("pendingOps", ((ArrayNode) ops).deepCopy());
        r.remove("ops");
        r.put("message", cut(Texts.get(t.l(), "confirm.ask", Map.of("why", why)) + " " + r.path("message").asText()));
        r.set("meta", withSource(agent.meta(t, "clarify", "no_ops", null), source));
        return AgentOutput.valid(r, t.prompt(), t.sessionId(), false, exampleIds);
      }
      r.set("meta", withSource(agent.meta(t, "edit", "ops_applied", ops), source));
      return AgentOutput.valid(r, t.prompt(), t.sessionId(), true, exampleIds);
    }
    r.remove("ops");
    r.set("meta", withSource(agent.meta(t, modelIntent.equals("explain") ? "explain" : "clarify", "no_ops", null), source));
    return AgentOutput.valid(r, t.prompt(), t.sessionId(), false, exampleIds);
  }

  private static ObjectNode withSource(ObjectNode meta, ObjectNode source) {
    if (source != null) {
      meta.set("source", source);
    }
    return meta;
  }

  private static String cut(String s) {
    return s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
  }

  /** The controls' checks, and, after a clarification, ops only on the paths it settled on. */
  static List<ValidationIssue> rules(JsonNode ops, EditorControls controls, List<String> pinned) {
    List<ValidationIssue> issues = new ArrayList<>(controls.check(ops));
    if (pinned != null) {
      for (int i = 0; i < ops.size(); i++) {
        String path = ops.get(i).path("path").asText();
        String control = controls.find(path).map(EditorControls.Control::path).orElse(path);
        if (!pinned.contains(path) && !pinned.contains(control)) {
          issues.add(new ValidationIssue("$.result.ops[" + i + "].path", "'" + path + "' is not one of the settings "
              + "the user chose: " + pinned));
        }
      }
    }
    return issues;
  }
}
