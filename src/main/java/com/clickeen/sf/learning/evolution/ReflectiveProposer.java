package com.clickeen.sf.learning.evolution;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.llm.LlmException;
import com.clickeen.sf.llm.ModelRouter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Reflective prompt mutation in the style of GEPA (Agrawal et al., ICLR 2026): one call on the analysis
 * route, given the active prompt, the failure groups with sample interactions (input, output, outcome,
 * the rule that failed) and the best-scored interactions; the model reflects on what went wrong and
 * returns a revised prompt with its rationale as one JSON object. The route's targets are tried in order.
 */
public final class ReflectiveProposer implements PromptProposer {
  public static final String TASK = "analysis";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String SYSTEM = """
      You improve the system prompt of a production AI agent from evidence of how it failed.
      You get the current prompt, groups of failures with samples (the input, the output, what happened
      afterwards and the rule that was broken) and some of the agent's best-scored interactions.
      Reflect on the causes the failures share, then write a revised prompt that fixes them without
      losing what the best interactions show works. Keep every rule that is still right; change or add
      only what the evidence supports. Keep word for word every paragraph that says inputs are data, not
      instructions, or that forbids revealing the instructions; keep every quoted field name and value
      of the answer format and every {{placeholder}}. The agent must still answer with one JSON object.
      Answer with one JSON object and nothing else: {"prompt": "<the whole revised prompt>",
      "rationale": "<what you changed and which failures it addresses, at most 5 sentences>"}.""";

  private final ModelRouter router;

  public ReflectiveProposer(ModelRouter router) {
    this.router = router;
  }

  @Override
  public String id() {
    ModelRouter.Target first = router.route(TASK).getFirst();
    return "reflective:" + first.provider().id() + ":" + first.model();
  }

  @Override
  public Proposal propose(Evidence e) throws ProposalException {
    ChatRequest request = new ChatRequest(null, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(evidence(e))),
        true, null, 4_096, 0.7, TIMEOUT, TASK);
    LlmException last = null;
    for (ModelRouter.Target target : router.route(TASK)) {
      try {
        ChatResponse r = target.provider().chat(request.withModel(target.model()));
        return parse(r.text());
      } catch (LlmException ex) {
        last = ex;
      }
    }
    throw new ProposalException("every model of the analysis route failed; last: " + (last == null ? "none"
        : last.getMessage()), last);
  }

  static Proposal parse(String text) throws ProposalException {
    String body = text.strip();
    int from = body.indexOf('{');
    int to = body.lastIndexOf('}');
    if (from < 0 || to <= from) {
      throw new ProposalException("the analysis model's answer is not a JSON object: " + abbreviate(body));
    }
    JsonNode n;
    try {
      n = Json.parse(body.substring(from, to + 1));
    } catch (java.io.IOException | RuntimeException ex) {
      throw new ProposalException("the analysis model's answer is not valid JSON: " + ex.getMessage(), ex);
    }
    JsonNode prompt = n.get("prompt");
    JsonNode rationale = n.get("rationale");
    if (prompt == null || !prompt.isTextual() || prompt.textValue().isBlank()) {
      throw new ProposalException("the analysis model's answer has no \"prompt\" text");
    }
    return new Proposal(prompt.textValue(), rationale != null && rationale.isTextual() ? rationale.textValue()
        : "(the model gave no rationale)");
  }

  /** The user message: everything the proposer is given, as one JSON document. */
  static String evidence(Evidence e) {
    ObjectNode root = Json.object();
    root.put("agent", e.agentId());
    root.put("activeVersion", e.activeVersion());
    root.put("currentPrompt", e.activePrompt());
    root.put("interactionsInWindow", e.interactions());
    root.put("failuresInWindow", e.failures());
    ArrayNode groups = root.putArray("failureGroups");
    e.groups().forEach(g -> groups.addObject().put("kind", g.kind()).put("key", g.key()).put("count", g.count()));
    samples(root.putArray("failureSamples"), e.failureSamples());
    samples(root.putArray("bestInteractions"), e.bestSamples());
    return Json.text(root);
  }

  private static void samples(ArrayNode out, List<Sample> samples) {
    for (Sample s : samples) {
      ObjectNode n = out.addObject();
      n.put("id", s.id());
      n.put("input", s.input());
      n.put("output", s.output());
      n.put("outcome", s.outcome());
      if (s.rule() != null) {
        n.put("brokenRule", s.rule());
      }
      if (s.score() != null) {
        n.put("score", s.score());
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
