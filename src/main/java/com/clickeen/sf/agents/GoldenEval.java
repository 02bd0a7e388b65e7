package com.clickeen.sf.agents;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.errors.SfException;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs golden sets through the real execute path (grant, contract, prompt, model route, validation).
 *
 * <p>Two forms, found by file name in the golden folder:
 * <ul>
 *   <li>Clickeen's editor form: {@code prompts.jsonl} (one object a line, {@code #} comments allowed; fields
 *       {@code name, widgetType, prompt, expectedIntent, expectedOutcome, expectOps, expectTextIncludes}, and
 *       optionally {@code sessionId} to chain turns and {@code expectProvider}) with
 *       {@code widgets/{widgetType}.json} holding {@code currentConfig} and {@code controls}.
 *   <li>The general form: {@code cases.jsonl}, fields {@code name, agentId, input, expect}, where
 *       {@code expect} may hold {@code status} (default 200), {@code textIncludes} and {@code textExcludes}
 *       (searched in the result's JSON, case-insensitive), {@code equals} ({@code {"result.next": "end"}}),
 *       {@code minItems} ({@code {"result.variants": 3}}) and {@code provider}.
 * </ul>
 */
public final class GoldenEval {
  public record CaseResult(String name, boolean passed, String detail) {}

  /** The golden folder or one of its lines cannot be read; the message names the file and line. */
  public static final class GoldenFormatException extends Exception {
    public GoldenFormatException(String message) {
      super(message);
    }
  }

  private final ExecuteService execute;
  private final GrantCodec codec;
  private final Clock clock;
  private final List<String> allCaps;
  /** When set, every case runs with this prompt version and logs nothing (see {@link #withPrompt}). */
  private final PromptVersion prompt;
  /** Prefixed to every session id of a run with a fixed prompt, so two runs never share a conversation. */
  private final String sessionPrefix;

  public GoldenEval(ExecuteService execute, GrantCodec codec, Clock clock, AgentRegistry agents) {
    this(execute, codec, clock, capabilities(agents), null, "");
  }

  private GoldenEval(ExecuteService execute, GrantCodec codec, Clock clock, List<String> allCaps, PromptVersion prompt,
      String sessionPrefix) {
    this.execute = execute;
    this.codec = codec;
    this.clock = clock;
    this.allCaps = allCaps;
    this.prompt = prompt;
    this.sessionPrefix = sessionPrefix;
  }

  private static List<String> capabilities(AgentRegistry agents) {
    List<String> caps = new ArrayList<>();
    for (Agent a : agents.all()) {
      caps.add("agent:" + a.id());
      a.aliases().forEach(al -> caps.add("agent:" + al));
    }
    return List.copyOf(caps);
  }

  /**
   * The same runner with every case answered by {@code version} (through {@link ExecuteService#replay}, so
   * nothing is logged as an interaction) and sessions of its own: the offline gate compares two versions this way.
   */
  public GoldenEval withPrompt(PromptVersion version) {
    return new GoldenEval(execute, codec, clock, allCaps, version, "gate-" + UUID.randomUUID() + "-");
  }

  public List<CaseResult> run(Path dir, String agentFilter, PrintStream out) throws GoldenFormatException {
    if (!Files.isDirectory(dir)) {
      throw new GoldenFormatException("golden folder " + dir + " does not exist");
    }
    Path prompts = dir.resolve("prompts.jsonl");
    Path cases = dir.resolve("cases.jsonl");
    if (!Files.exists(prompts) && !Files.exists(cases)) {
      throw new GoldenFormatException(dir + " holds neither prompts.jsonl (editor form) nor cases.jsonl (general form)");
    }
    List<CaseResult> results = new ArrayList<>();
    if (Files.exists(prompts) && (agentFilter == null || agentFilter.equals(EditorCopilot.ID)
        || agentFilter.equals(EditorCopilot.DEPLOYED_ID))) {
      for (Line l : lines(prompts)) {
        results.add(report(out, editorCase(dir, l)));
      }
    }
    if (Files.exists(cases)) {
      for (Line l : lines(cases)) {
        String agentId = l.node().path("agentId").asText();
        if (agentFilter == null || agentFilter.equals(agentId)) {
          results.add(report(out, generalCase(l)));
        }
      }
    }
    return results;
  }

  private static CaseResult report(PrintStream out, CaseResult r) {
    out.println((r.passed() ? "PASS  " : "FAIL  ") + r.name() + (r.detail().isEmpty() ? "" : "  — " + r.detail()));
    return r;
  }

  private record Line(Path file, int number, JsonNode node) {}

  private static List<Line> lines(Path file) throws GoldenFormatException {
    List<String> text;
    try {
      text = Files.readAllLines(file);
    } catch (IOException e) {
      throw new GoldenFormatException("cannot read " + file + ": " + e.getMessage());
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String t = text.get(i).strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      try {
        JsonNode n = Json.parse(t);
        if (!n.isObject() || !n.path("name").isTextual()) {
          throw new GoldenFormatException(file + ":" + (i + 1) + ": each line must be a JSON object with a \"name\"");
        }
        out.add(new Line(file, i + 1, n));
      } catch (IOException e) {
        throw new GoldenFormatException(file + ":" + (i + 1) + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return out;
  }

  private CaseResult editorCase(Path dir, Line l) throws GoldenFormatException {
    JsonNode c = l.node();
    String name = c.path("name").asText();
    String widgetType = c.path("widgetType").asText();
    Path widgetFile = dir.resolve("widgets").resolve(widgetType + ".json");
    JsonNode widget;
    try {
      widget = Json.parse(Files.readAllBytes(widgetFile));
    } catch (IOException e) {
      throw new GoldenFormatException(l.file() + ":" + l.number() + ": widget file " + widgetFile + " is missing or not JSON");
    }
    ObjectNode input = Json.object();
    input.put("sessionId", sessionPrefix + c.path("sessionId").asText("golden-" + UUID.randomUUID()));
    input.put("prompt", c.path("prompt").asText());
    input.put("widgetType", widgetType);
    input.set("currentConfig", widget.path("currentConfig"));
    input.set("controls", widget.path("controls"));
    Outcome o = call(EditorCopilot.DEPLOYED_ID, input);
    List<String> fails = new ArrayList<>();
    if (o.status() != 200) {
      fails.add("status " + o.status() + ": " + o.errorText());
    } else {
      JsonNode result = o.answer().result();
      JsonNode meta = result.path("meta");
      expectEq(fails, "intent", c.path("expectedIntent"), meta.path("intent"));
      expectEq(fails, "outcome", c.path("expectedOutcome"), meta.path("outcome"));
      if (c.has("expectOps")) {
        boolean hasOps = result.path("ops").isArray() && !result.path("ops").isEmpty();
        if (hasOps != c.path("expectOps").asBoolean()) {
          fails.add("expected " + (c.path("expectOps").asBoolean() ? "ops" : "no ops") + ", got " + result.path("ops"));
        }
      }
      includes(fails, c.path("expectTextIncludes"), result.path("message").asText());
      expectEq(fails, "provider", c.path("expectProvider"), o.at("usage.provider"));
    }
    String detail = o.status() == 200 ? "intent=" + o.at("result.meta.intent").asText()
        + " outcome=" + o.at("result.meta.outcome").asText()
        + " provider=" + o.answer().usage().provider() : "";
    return new CaseResult(name, fails.isEmpty(), fails.isEmpty() ? detail : String.join("; ", fails));
  }

  private CaseResult generalCase(Line l) {
    JsonNode c = l.node();
    String name = c.path("agentId").asText() + " / " + c.path("name").asText();
    JsonNode expect = c.path("expect");
    Outcome o = call(c.path("agentId").asText(), c.path("input"));
    List<String> fails = new ArrayList<>();
    int wantStatus = expect.path("status").asInt(200);
    if (o.status() != wantStatus) {
      fails.add("status " + o.status() + " (expected " + wantStatus + ")"
          + (o.status() != 200 ? ": " + o.errorText() : ""));
    } else {
      String text = o.at("result").toString();
      includes(fails, expect.path("textIncludes"), text);
      for (JsonNode x : expect.path("textExcludes")) {
        if (text.toLowerCase(Locale.ROOT).contains(x.asText().toLowerCase(Locale.ROOT))) {
          fails.add("result contains \"" + x.asText() + "\"");
        }
      }
      for (var e : expect.path("equals").properties()) {
        JsonNode got = o.at(e.getKey());
        if (!got.equals(e.getValue())) {
          fails.add(e.getKey() + " = " + got + " (expected " + e.getValue() + ")");
        }
      }
      for (var e : expect.path("minItems").properties()) {
        JsonNode got = o.at(e.getKey());
        int size = got.isArray() || got.isObject() ? got.size() : -1;
        if (size < e.getValue().asInt()) {
          fails.add(e.getKey() + " has " + Math.max(size, 0) + " items (expected at least " + e.getValue().asInt() + ")");
        }
      }
      expectEq(fails, "provider", expect.path("provider"), o.at("usage.provider"));
    }
    String detail = o.status() == 200 ? "provider=" + o.answer().usage().provider() : "status=" + o.status();
    return new CaseResult(name, fails.isEmpty(), fails.isEmpty() ? detail : String.join("; ", fails));
  }

  private static void expectEq(List<String> fails, String what, JsonNode want, JsonNode got) {
    if (want != null && !want.isMissingNode() && !want.isNull() && !want.asText().equals(got.asText())) {
      fails.add(what + " " + (got.isMissingNode() ? "missing" : got.asText()) + " (expected " + want.asText() + ")");
    }
  }

  private static void includes(List<String> fails, JsonNode want, String text) {
    List<String> needles = new ArrayList<>();
    if (want.isTextual()) {
      needles.add(want.asText());
    } else {
      want.forEach(n -> needles.add(n.asText()));
    }
    for (String n : needles) {
      if (!text.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))) {
        fails.add("text lacks \"" + n + "\"");
      }
    }
  }

  static JsonNode at(JsonNode root, String dotPath) {
    JsonNode n = root;
    for (String part : dotPath.split("\\.")) {
      n = n.isArray() && part.matches("\\d+") ? n.path(Integer.parseInt(part)) : n.path(part);
    }
    return n;
  }

  /**
   * What one execute gave: the answer, or the error that refused it. A case's expected {@code status} is the
   * HTTP status of that error's code, as a caller would see it (200 for an answer).
   */
  private record Outcome(ExecuteResult answer, SfException error) {
    int status() {
      return error == null ? 200 : error.code().status();
    }

    /** The message, with the issues of an input or provider error (as the FAIL lines always showed them). */
    String errorText() {
      return error instanceof InvalidInputException || error instanceof ProviderException
          ? error.getMessage() + " " + Json.text(error.issues()) : error.getMessage();
    }

    /** A dot path into the answer as the wire shows it ({@code result.next}, {@code usage.provider}); missing after an error. */
    JsonNode at(String dotPath) {
      return GoldenEval.at(answer == null ? MissingNode.getInstance() : Json.tree(answer), dotPath);
    }
  }

  private Outcome call(String agentId, JsonNode input) {
    long now = clock.instant().getEpochSecond();
    String grant = codec.mint(GrantCodec.payload("golden-eval", allCaps, now, now + 300, UUID.randomUUID().toString(),
        4000, 5L, null, null));
    JsonNode in = input;
    if (!sessionPrefix.isEmpty() && input.isObject() && input.path("sessionId").isTextual()
        && !input.path("sessionId").asText().startsWith(sessionPrefix)) {
      ObjectNode copy = ((ObjectNode) input).deepCopy();
      copy.put("sessionId", sessionPrefix + input.path("sessionId").asText());
      in = copy;
    }
    ExecuteRequest request = ExecuteRequest.of(grant, agentId, in);
    try {
      return new Outcome(prompt == null ? execute.execute(request) : execute.replay(request, prompt), null);
    } catch (SfException e) {
      return new Outcome(null, e);
    }
  }
}
