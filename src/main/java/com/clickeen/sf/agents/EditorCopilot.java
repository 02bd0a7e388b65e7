package com.clickeen.sf.agents;

import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.agents.editor.Lang;
import com.clickeen.sf.agents.editor.Texts;
import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.sessions.Session;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.web.PageFetcher;
import com.clickeen.sf.web.PageText;
import com.clickeen.sf.web.UrlExtractor;
import com.clickeen.sf.web.UrlGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Editor Copilot (deployed as {@code sdr.widget.copilot.v1} for Minibob visitors and
 * {@code cs.widget.copilot.v1} for paying customers): widget edits as ops checked against the widget's
 * controls, under the light-edits policy. Before any model call it settles what it can: answers to a pending
 * question, pasted error pages, URLs (guarded, one page fetched as context), explanations, requests outside
 * the editor and ambiguous words from the {@link Dictionary}; its fixed texts follow the user's language.
 */
final class EditorCopilot extends ResourceAgent {
  static final String ID = "editor.copilot";
  static final String DEPLOYED_ID = "sdr.widget.copilot.v1";
  static final String SUCCESS_ID = "cs.widget.copilot.v1";
  /** The id Bob sends when it leaves the profile to the grant: success when the grant is for it, else sales. */
  static final String GENERIC_ID = "widget.copilot.v1";
  static final String SIGNUP_URL = "https://clickeen.com/signup";
  private static final Pattern LINK = Pattern.compile("(?iu)\\b(link|links|href|button|cta|redirect|points? to|"
      + "goes to|go to|enlace|lien|verlinke|collegamento|ligação|botón|bouton|knopf|pulsante|botão)\\b");
  private static final Pattern READ = Pattern.compile("(?iu)\\b(based on|from|using|use|read|look at|summari[sz]e|"
      + "import|fetch|scrape|content of|basado|basándote|desde|à partir|depuis|basierend|von|basato|com base|"
      + "baseado|lee|lis|lies|leggi|leia)\\b");

  /** Sales (visitors: out-of-scope requests get a signup call to action) or success (customers: never). */
  enum Profile { SALES, SUCCESS }

  private final PageFetcher pages;

  EditorCopilot() {
    this(new PageFetcher(UrlGuard.standard()));
  }

  EditorCopilot(PageFetcher pages) {
    super(ID, List.of(DEPLOYED_ID, SUCCESS_ID, GENERIC_ID), "Editor Copilot: customizes a widget in the editor with ops checked "
        + "against its controls (light edits: at most " + EditorControls.MAX_OPS + " ops on " + EditorControls.MAX_PATHS
        + " settings, one area and one panel per answer; larger or riskier edits wait for the user's confirmation); "
        + "asks which control an ambiguous word means, explains controls and widget concepts, reads one public page "
        + "given by URL, and answers in the user's language.");
    this.pages = pages;
  }

  /**
   * Whether a grant minted for one of the deployed ids covers a call as {@link #GENERIC_ID} (Paris resolves that
   * alias to a deployed id and grants the capability under it).
   */
  static boolean genericAliasAllowed(String calledAs, com.clickeen.sf.grants.Grant grant) {
    return GENERIC_ID.equals(calledAs) && (grant.allows("agent:" + DEPLOYED_ID) || grant.allows("agent:" + SUCCESS_ID));
  }

  /** One turn's context. {@code state} is the session state this turn leaves behind. */
  record Turn(AgentCall call, String prompt, String sessionId, EditorControls controls, Lang.Detected lang,
      Profile profile, ObjectNode state) {
    String l() {
      return lang.code();
    }
  }

  @Override
  public AgentOutput run(AgentCall call) throws BudgetExceededException, ProviderException {
    JsonNode input = call.input();
    String prompt = input.path("prompt").asText();
    String sessionId = input.path("sessionId").asText();
    long now = call.clock().millis();
    Session session = call.sessions().load(ID, sessionId).orElseGet(() -> new Session(ID, sessionId,
        call.grant().subject().kind(), call.grant().subject().id(), call.locale(), now, now, List.of(), null));
    JsonNode old = session.state() == null ? Json.object() : session.state();
    String sticky = old.path("lang").isTextual() ? old.path("lang").asText() : null;
    ObjectNode state = Json.object();
    Lang.Detected lang = Lang.detect(prompt, sticky, input.path("locale").asText(call.locale()));
    state.put("lang", lang.code());
    Profile profile = SUCCESS_ID.equals(call.calledAs()) || (GENERIC_ID.equals(call.calledAs())
        && call.grant().allows("agent:" + SUCCESS_ID)) ? Profile.SUCCESS : Profile.SALES;
    Turn t = new Turn(call, prompt, sessionId, new EditorControls(input.path("controls"), input.path("currentConfig")),
        lang, profile, state);

    AgentOutput out = answer(t, old);
    call.sessions().save(session.withState(state).withTurn(new Session.Turn(prompt,
        out.result().path("message").asText(), call.requestId(), now), SessionStore.MAX_TURNS, now));
    return out;
  }

  private AgentOutput answer(Turn t, JsonNode old) throws BudgetExceededException, ProviderException {
    JsonNode pendingOps = old.get("pendingOps");
    if (pendingOps != null && pendingOps.isArray()) {
      Boolean yes = Lang.yesNo(t.prompt());
      if (Boolean.TRUE.equals(yes) && t.controls().check(pendingOps).isEmpty()) {
        return local(t, Texts.get(t.l(), "confirm.done", Map.of("n", pendingOps.size())), "edit", (ArrayNode) pendingOps, null);
      }
      if (Boolean.FALSE.equals(yes)) {
        return local(t, Texts.get(t.l(), "confirm.cancelled"), "clarify", null, null);
      }
    }
    JsonNode choice = old.get("pendingChoice");
    if (choice != null && choice.isObject()) {
      AgentOutput resolved = resolve(t, choice);
      if (resolved != null) {
        return resolved;
      }
    }
    return fresh(t, t.prompt(), null);
  }

  /** A new request (or a chosen URL's original request): everything before the model, then the model. */
  private AgentOutput fresh(Turn t, String request, String chosenUrl) throws BudgetExceededException, ProviderException {
    var pasted = PageText.errorOrChallenge(request);
    if (pasted.isPresent() && chosenUrl == null) {
      String status = PageText.statusOnPage(request).map(s -> ", HTTP " + s).orElse("");
      return local(t, Texts.get(t.l(), "pasted.errorPage", Map.of("reason", pasted.get(), "status", status)), "clarify",
          null, Map.of("reasonCode", pasted.get()));
    }
    List<String> urls = chosenUrl != null ? List.of(chosenUrl) : UrlExtractor.extract(request).stream()
        .filter(u -> !isControlPath(u, t.controls())).toList();
    if (urls.size() > 1) {
      ArrayNode choices = Json.array();
      urls.stream().limit(6).forEach(u -> choices.addObject().put("key", u).put("label", u).put("scope", ""));
      remember(t, "url", request, choices);
      return local(t, Texts.get(t.l(), "url.several", Map.of("urls", String.join(", ", urls.stream().limit(6).toList()))),
          "clarify", null, Map.of("reasonCode", "multiple_urls"));
    }
    ObjectNode page = null;
    if (urls.size() == 1) {
      String url = urls.getFirst();
      UrlGuard.Verdict v = pages.guard().checkSyntax(url);
      if (!v.allowed()) {
        return local(t, Texts.get(t.l(), "url.refused", Map.of("url", url, "reason", v.reason())), "clarify", null,
            Map.of("reasonCode", v.reason(), "url", url));
      }
      boolean link = !READ.matcher(request.replace(url, " ")).find() && LINK.matcher(request.replace(url, " ")).find();
      if (!link) {
        long left = t.call().remaining().toMillis() - 2000;
        PageFetcher.Result r = pages.fetch(url, Duration.ofMillis(Math.max(500, Math.min(6000, left))));
        if (!r.ok()) {
          boolean errorPage = r.reason().equals("cloudflare_error_page") || r.reason().equals("challenge_page");
          String status = r.status() == null ? "" : ", HTTP " + r.status();
          return local(t, Texts.get(t.l(), errorPage ? "url.errorPage" : "url.failed",
              Map.of("url", url, "reason", r.reason(), "status", status)), "clarify", null,
              Map.of("reasonCode", r.reason(), "url", url));
        }
        page = Json.object();
        page.put("url", r.finalUrl().toString());
        if (r.title() != null) {
          page.put("title", r.title());
        }
        page.put("text", r.text());
        page.put("truncated", r.truncated());
      }
    }
    if (page == null) {
      if (EditorLocal.explainIntent(request)) {
        var text = EditorLocal.explain(request, t.l(), t.call().input().path("widgetType").asText(), t.controls());
        if (text.isPresent()) {
          return local(t, text.get(), "explain", null, null);
        }
        if (EditorLocal.editorWords(request, t.controls())) {
          return local(t, Texts.get(t.l(), "explain.unknown",
              Map.of("labels", String.join(", ", EditorLocal.labels(t.controls(), 12)))), "explain", null, null);
        }
        return outOfScope(t);
      }
      if (Dictionary.standard().offTopic(request) && !EditorLocal.editorWords(request, t.controls())) {
        return outOfScope(t);
      }
      EditorLocal.Question q = EditorLocal.ambiguity(request, t.l(), t.controls());
      if (q != null) {
        if (!q.choices().isEmpty()) {
          remember(t, "concept", request, q.choices());
        }
        return local(t, q.message(), "clarify", null, Map.of("concept", q.concept()));
      }
    }
    if (t.controls().all().isEmpty()) {
      // Bob sends the first requests before the widget's spec is compiled: nothing can be edited yet.
      return local(t, Texts.get(t.l(), "noControls"), "clarify", null, Map.of("reasonCode", "no_controls"));
    }
    return EditorModel.answer(this, t, request, null, page);
  }

  /** The answer to a pending question, or null when the message does not answer it (then it is a new request). */
  private AgentOutput resolve(Turn t, JsonNode pending) throws BudgetExceededException, ProviderException {
    ArrayNode choices = (ArrayNode) pending.path("choices");
    String kind = pending.path("kind").asText();
    String request = pending.path("request").asText();
    if (kind.equals("url")) {
      List<String> named = UrlExtractor.extract(t.prompt());
      List<JsonNode> picked = EditorLocal.pick(choices, t.prompt());
      String url = named.size() == 1 ? named.getFirst() : picked.size() == 1 ? picked.getFirst().path("key").asText() : null;
      return url == null ? null : fresh(t, request, url);
    }
    List<JsonNode> picked = EditorLocal.pick(choices, t.prompt());
    if (picked.isEmpty()) {
      return null;
    }
    if (kind.equals("scope") || kind.equals("panel")) {
      ArrayNode ops = Json.array();
      List<String> what = new ArrayList<>();
      picked.forEach(c -> {
        c.path("ops").forEach(ops::add);
        what.add(c.path("label").asText());
      });
      if (!t.controls().check(ops).isEmpty()) {
        return null;
      }
      String why = EditorControls.confirmationNeeded(ops);
      if (why != null) {
        t.state().set("pendingOps", ops);
        return local(t, Texts.get(t.l(), "confirm.ask", Map.of("why", why)), "clarify", null, null);
      }
      String msg = picked.size() == choices.size() ? Texts.get(t.l(), "policy.all")
          : Texts.get(t.l(), "policy.applied", Map.of("what", String.join(", ", what)));
      return local(t, msg, "edit", ops, null);
    }
    List<String> paths = new ArrayList<>();
    picked.forEach(c -> c.path("paths").forEach(p -> paths.add(p.asText())));
    ArrayNode ops = LightEdits.settle(request, paths, t.controls());
    if (ops != null && EditorControls.confirmationNeeded(ops) == null) {
      List<String> parts = new ArrayList<>();
      for (JsonNode op : ops) {
        String label = t.controls().find(op.path("path").asText()).map(EditorLocal::labelOf).orElse(op.path("path").asText());
        parts.add(Texts.get(t.l(), "set.done", Map.of("label", "“" + label + "”", "value",
            op.path("value").isTextual() ? op.path("value").asText() : op.path("value").toString())));
      }
      return local(t, String.join(" ", parts), "edit", ops, Map.of("resolved", String.join(",", paths)));
    }
    return EditorModel.answer(this, t, request, paths, null);
  }

  /** A bare "name.name" that is one of the widget's control paths ({@code stage.bg}) is not a URL. */
  private static boolean isControlPath(String candidate, EditorControls controls) {
    if (candidate.contains("://") || candidate.startsWith("www.")) {
      return false;
    }
    String host = candidate.replaceAll("[:/?#].*$", "");
    return controls.all().stream().anyMatch(c -> c.path().equals(host) || c.path().startsWith(host + ".")
        || host.startsWith(c.path() + "."));
  }

  private void remember(Turn t, String kind, String request, ArrayNode choices) {
    ObjectNode p = t.state().putObject("pendingChoice");
    p.put("kind", kind);
    p.put("request", request);
    p.set("choices", choices);
  }

  void rememberSplit(Turn t, String request, LightEdits.Split split) {
    remember(t, split.kind(), request, split.choices());
  }

  private AgentOutput outOfScope(Turn t) throws BudgetExceededException {
    if (t.profile() == Profile.SUCCESS) {
      return local(t, Texts.get(t.l(), "offTopic.success", Map.of("labels", String.join(", ", EditorLocal.labels(t.controls(), 8)))),
          "clarify", null, Map.of("reasonCode", "out_of_scope"));
    }
    AgentOutput out = local(t, Texts.get(t.l(), "offTopic.sales"), "clarify", null, Map.of("reasonCode", "out_of_scope"));
    ObjectNode cta = ((ObjectNode) out.result()).putObject("cta");
    cta.put("text", Texts.get(t.l(), "cta.signup"));
    cta.put("action", "signup");
    cta.put("url", SIGNUP_URL);
    return out;
  }

  /** An answer settled without a model: still one request of the grant, {@code usage.provider = "local"}. */
  AgentOutput local(Turn t, String message, String intent, ArrayNode ops, Map<String, String> extra)
      throws BudgetExceededException {
    t.call().model().chargeLocalAnswer();
    ObjectNode r = Json.object();
    r.put("message", message.length() > 2000 ? message.substring(0, 1999) + "…" : message);
    if (ops != null && !ops.isEmpty()) {
      r.set("ops", ops);
    }
    ObjectNode m = meta(t, intent, ops != null && !ops.isEmpty() ? "ops_applied" : "no_ops", ops);
    if (extra != null) {
      extra.forEach(m::put);
    }
    r.set("meta", m);
    return AgentOutput.valid(r, t.prompt(), t.sessionId(), ops != null && !ops.isEmpty(), List.of());
  }

  ObjectNode meta(Turn t, String intent, String outcome, JsonNode ops) {
    ObjectNode m = Json.object();
    m.put("intent", intent);
    m.put("outcome", outcome);
    m.put("promptVersion", t.call().prompt().id()); // a non-empty string, as Clickeen's eval script requires
    m.put("policyVersion", EditorControls.POLICY_VERSION);
    m.put("dictionaryVersion", Dictionary.standard().version());
    m.put("dictionaryHash", Dictionary.standard().hash());
    m.put("language", t.l());
    m.put("languageConfidence", t.lang().confidence());
    m.put("profile", t.profile() == Profile.SUCCESS ? "success" : "sales");
    m.put("requestId", t.call().requestId());
    if (ops != null && ops.isArray() && !ops.isEmpty()) {
      ArrayNode touched = m.putArray("touchedPaths");
      List<String> seen = new ArrayList<>();
      ops.forEach(o -> {
        if (!seen.contains(o.path("path").asText())) {
          seen.add(o.path("path").asText());
          touched.add(o.path("path").asText());
        }
      });
      m.put("opsCount", ops.size());
    }
    return m;
  }

  /** Accessors for {@link EditorModel}. */
  AgentResources contract() {
    return contract;
  }

  com.clickeen.sf.json.SchemaValidator resultValidator() {
    return resultValidator;
  }

  LeakGuards leakGuards() {
    return leakGuards;
  }
}
