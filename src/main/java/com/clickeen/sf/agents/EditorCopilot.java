package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.sessions.Session;
import com.clickeen.sf.sessions.SessionStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Editor Copilot (deployed as {@code sdr.widget.copilot.v1}): widget edits as ops, each checked against
 * the widget's controls, under the light-edits policy. Simple questions about a control are answered from
 * its label without a model call ({@code usage.provider = "local"}); larger or riskier edits wait in the
 * session for the user's "yes".
 */
final class EditorCopilot extends ResourceAgent {
  static final String ID = "editor.copilot";
  static final String DEPLOYED_ID = "sdr.widget.copilot.v1";
  private static final int MAX_COMPLETION_TOKENS = 800;
  private static final Pattern EXPLAIN = Pattern.compile(
      "(?i)^\\s*(?:what|how)(?:'s|\\s+(?:does|do|is|are))\\s+(?:the\\s+|this\\s+)?[\"“']?(.+?)[\"”']?"
          + "(?:\\s+(?:do|does|mean|for|work|setting|option|control|toggle))?\\s*\\??\\s*$");
  private static final Pattern CONFIRM = Pattern.compile(
      "(?i)^\\s*(yes|yep|yeah|ok|okay|sure|go ahead|do it|confirm|apply it|please do|oui|sí|si|ja)\\b.*");

  EditorCopilot() {
    super(ID, List.of(DEPLOYED_ID), "Editor Copilot: customizes a widget in the editor with ops checked against its "
        + "controls (at most " + EditorControls.MAX_OPS + " ops on " + EditorControls.MAX_PATHS + " settings per answer; "
        + "larger or riskier edits wait for the user's confirmation); answers questions about controls from their labels.");
  }

  @Override
  public AgentOutput run(AgentCall call) throws BudgetExceededException, ProviderException {
    JsonNode input = call.input();
    String prompt = input.path("prompt").asText();
    String sessionId = input.path("sessionId").asText();
    EditorControls controls = new EditorControls(input.path("controls"), input.path("currentConfig"));
    long now = call.clock().millis();
    Session session = call.sessions().load(ID, sessionId).orElseGet(() -> new Session(ID, sessionId,
        call.grant().subject().kind(), call.grant().subject().id(), call.locale(), now, now, List.of(), null));

    AgentOutput out;
    JsonNode pending = session.state() == null ? null : session.state().get("pendingOps");
    Optional<EditorControls.Control> asked = explainTarget(prompt, controls);
    if (pending != null && pending.isArray() && CONFIRM.matcher(prompt).matches() && controls.check(pending).isEmpty()) {
      call.model().chargeLocalAnswer();
      ObjectNode r = Json.object();
      r.put("message", "Done: I applied the " + pending.size() + " change" + (pending.size() == 1 ? "" : "s")
          + " you confirmed.");
      r.set("ops", pending);
      r.set("meta", meta("edit", "ops_applied", call));
      out = AgentOutput.valid(r, prompt, sessionId, true, List.of());
      session = session.withState(null);
    } else if (asked.isPresent()) {
      call.model().chargeLocalAnswer();
      ObjectNode r = Json.object();
      r.put("message", explain(asked.get(), controls));
      r.set("meta", meta("explain", "no_ops", call));
      out = AgentOutput.valid(r, prompt, sessionId, false, List.of());
    } else {
      Result res = modelAnswer(call, input, prompt, controls, session);
      out = res.output();
      session = session.withState(res.pendingOps() == null ? null : Json.object().set("pendingOps", res.pendingOps()));
    }
    call.sessions().save(session.withTurn(new Session.Turn(prompt, out.result().path("message").asText(),
        call.requestId(), now), SessionStore.MAX_TURNS, now));
    return out;
  }

  private record Result(AgentOutput output, ArrayNode pendingOps) {}

  private Result modelAnswer(AgentCall call, JsonNode input, String prompt, EditorControls controls, Session session)
      throws BudgetExceededException, ProviderException {
    List<ExampleBanks.Example> examples = call.examplesFor(ID, prompt, null);
    List<String> exampleIds = AgentCall.ids(examples);
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(call.prompt().text() + PromptExamples.section(examples)
        + PromptParts.outputContract(contract.resultSchema())));
    for (Session.Turn t : session.turns()) {
      messages.add(ChatMessage.user(PromptParts.userMessage(t.user())));
      messages.add(ChatMessage.assistant(t.assistant()));
    }
    messages.add(ChatMessage.user(PromptParts.dataBlock("widgetType", input.path("widgetType"))
        + "\n" + PromptParts.dataBlock("controls", input.path("controls"))
        + "\n" + PromptParts.dataBlock("currentConfig", input.path("currentConfig"))
        + "\n" + PromptParts.userMessage(prompt)));
    ChatRequest request = new ChatRequest(null, messages, true, contract.resultSchema(), MAX_COMPLETION_TOKENS, 0.2,
        call.remaining().isZero() ? Duration.ofMillis(1) : call.remaining(), ID, input);
    ChatResponse response = call.model().chat(request);
    StructuredOutput.Outcome o = StructuredOutput.parseWithRepair(call, leakGuards, request, response, resultValidator,
        result -> controls.check(result.path("ops")));
    if (!o.valid()) {
      ObjectNode r = Json.object();
      r.put("message", "I could not turn that into a change this widget allows. Could you say it another way, or "
          + "name the setting you want to change?");
      r.set("meta", meta("edit", "invalid_ops", call));
      String reason = "invalid_ops: " + o.issues().stream().map(i -> i.path() + " " + i.message())
          .collect(Collectors.joining("; "));
      return new Result(new AgentOutput(r, prompt, input.path("sessionId").asText(), false, exampleIds, false, reason),
          null);
    }
    ObjectNode r = ((ObjectNode) o.result()).deepCopy();
    JsonNode ops = r.path("ops");
    String modelIntent = r.path("meta").path("intent").asText("");
    if (ops.isArray() && !ops.isEmpty()) {
      String why = EditorControls.confirmationNeeded(ops);
      if (why != null) {
        ArrayNode pending = ((ArrayNode) ops).deepCopy();
        r.remove("ops");
        r.put("message", "Before I apply this, please confirm: " + why + ". " + r.path("message").asText()
            + " Reply \"yes\" to apply it.");
        r.set("meta", meta("clarify", "no_ops", call));
        return new Result(AgentOutput.valid(r, prompt, input.path("sessionId").asText(), false, exampleIds), pending);
      }
      r.set("meta", meta("edit", "ops_applied", call));
      return new Result(AgentOutput.valid(r, prompt, input.path("sessionId").asText(), true, exampleIds), null);
    }
    r.remove("ops");
    r.set("meta", meta(modelIntent.equals("explain") ? "explain" : "clarify", "no_ops", call));
    return new Result(AgentOutput.valid(r, prompt, input.path("sessionId").asText(), false, exampleIds), null);
  }

  private static ObjectNode meta(String intent, String outcome, AgentCall call) {
    ObjectNode m = Json.object();
    m.put("intent", intent);
    m.put("outcome", outcome);
    m.put("promptVersion", call.prompt().version());
    m.put("policyVersion", EditorControls.POLICY_VERSION);
    return m;
  }

  static Optional<EditorControls.Control> explainTarget(String prompt, EditorControls controls) {
    Matcher m = EXPLAIN.matcher(prompt);
    if (!m.matches()) {
      return Optional.empty();
    }
    return controls.byName(m.group(1));
  }

  static String explain(EditorControls.Control c, EditorControls controls) {
    String name = c.label() != null ? "“" + c.label() + "”" : "The setting " + c.path();
    String where = c.groupLabel() != null ? " (in " + c.groupLabel() + ")" : "";
    JsonNode now = controls.valueAt(c.path());
    String current = now.isMissingNode() || now.isNull() ? "" : " It is currently " + describe(now, c) + ".";
    String what = switch (c.kind()) {
      case BOOLEAN -> " is an on/off switch for this widget." + (now.isBoolean() ? " It is currently "
          + (now.asBoolean() ? "on" : "off") + "." : "") + " Ask me to turn it " + (now.asBoolean() ? "off" : "on")
          + " if you like.";
      case NUMBER -> " takes a number" + (c.min() != null && c.max() != null ? " from " + num(c.min()) + " to "
          + num(c.max()) : "") + "." + current;
      case ENUM -> " lets you choose one of: " + c.raw().path("options").findValuesAsText("label").stream()
          .collect(Collectors.joining(", ")) + (c.raw().path("options").isEmpty() ? c.allowed().toString() : "") + "."
          + current;
      case ARRAY -> " is a list of items you can add, remove and reorder." + (now.isArray() ? " It has " + now.size()
          + " item" + (now.size() == 1 ? "" : "s") + " now." : "");
      case TEXT -> " is a text setting." + current;
    };
    return name + where + what;
  }

  private static String describe(JsonNode v, EditorControls.Control c) {
    for (JsonNode o : c.raw().path("options")) {
      if (o.path("value").equals(v) && o.has("label")) {
        return "“" + o.path("label").asText() + "”";
      }
    }
    return v.isTextual() ? "“" + v.asText() + "”" : v.toString();
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

}
