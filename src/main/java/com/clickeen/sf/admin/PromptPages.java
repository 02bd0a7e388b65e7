package com.clickeen.sf.admin;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/** {@code /admin/prompts}: versions per agent, a diff of any two, activate and roll back, add a version. */
final class PromptPages {
  static final int MAX_PROMPT = 100_000;

  private final AdminUi.Services s;
  private final Renderer renderer;

  PromptPages(AdminUi.Services s, Renderer renderer) {
    this.s = s;
    this.renderer = renderer;
  }

  void register(JavalinConfig config) {
    config.routes.get("/admin/prompts", Form.page(renderer, this::page));
    config.routes.post("/admin/prompts/activate", Form.page(renderer, this::activate));
    config.routes.post("/admin/prompts/add", Form.page(renderer, this::add));
  }

  private List<String> agents() {
    return s.agents().all().stream().map(a -> a.id()).toList();
  }

  private String agent(Context ctx) {
    String agent = Form.oneOf(ctx, "agent", agents());
    return agent != null ? agent : agents().getFirst();
  }

  private void page(Context ctx) {
    String agent = agent(ctx);
    PromptVersions prompts = s.backends().prompts();
    List<PromptVersion> all = prompts.prompts(agent);
    int active = all.stream().filter(PromptVersion::active).mapToInt(PromptVersion::version).findFirst().orElse(0);
    List<PromptViews.Version> versions = new ArrayList<>();
    for (PromptVersion v : all.reversed()) {
      var p = prompts.provenance(agent, v.version()).orElse(null);
      String gate = null;
      Boolean passed = null;
      if (p != null && p.gateJson() != null) {
        try {
          JsonNode g = Json.parse(p.gateJson());
          passed = g.path("passed").asBoolean();
          gate = g.path("reason").asText();
        } catch (java.io.IOException e) {
          gate = "(unreadable gate result)";
        }
      }
      versions.add(new PromptViews.Version(v, p, gate, passed, active));
    }
    Integer a = Form.integer(ctx, "a", 1, Integer.MAX_VALUE);
    Integer b = Form.integer(ctx, "b", 1, Integer.MAX_VALUE);
    List<PromptViews.DiffLine> diff = null;
    if (a != null && b != null) {
      diff = diff(agent, text(all, a), text(all, b), a, b);
    }
    renderer.page(ctx, 200, "prompts.jte", new PromptViews.Page(Renderer.chrome(ctx, "Prompts", "prompts", false),
        agent, Views.options(agents(), agent), versions, a, b, diff));
  }

  private static String text(List<PromptVersion> all, int version) {
    return all.stream().filter(v -> v.version() == version).findFirst().map(PromptVersion::text)
        .orElseThrow(() -> new Form.BadInput("there is no version " + version + " to compare"));
  }

  private static List<PromptViews.DiffLine> diff(String agent, String a, String b, int va, int vb) {
    List<String> left = a.lines().toList();
    List<String> right = b.lines().toList();
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(agent + " v" + va, agent + " v" + vb, left,
        DiffUtils.diff(left, right), 3);
    List<PromptViews.DiffLine> out = new ArrayList<>();
    for (String line : unified) {
      String kind = line.startsWith("+++") || line.startsWith("---") ? "file"
          : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "same";
      out.add(new PromptViews.DiffLine(kind, line));
    }
    return out;
  }

  private void activate(Context ctx) {
    String agent = Form.oneOf(ctx, "agent", agents());
    Integer version = Form.integer(ctx, "version", 1, Integer.MAX_VALUE);
    if (agent == null || version == null) {
      throw new Form.BadInput("agent and version are required");
    }
    boolean force = "1".equals(Form.text(ctx, "force", 1));
    PromptVersions prompts = s.backends().prompts();
    var provenance = prompts.provenance(agent, version);
    if (provenance.isEmpty()) {
      renderer.message(ctx, 404, "Not found", agent + " has no prompt version " + version + ".");
      return;
    }
    if (provenance.get().isCandidate() && !force) {
      renderer.message(ctx, 409, "Refused", agent + " v" + version + " is a candidate: test it in an experiment "
          + "(Experiments page), or activate it without one by ticking 'without an experiment'.");
      return;
    }
    int before = prompts.activePrompt(agent).map(PromptVersion::version).orElse(0);
    prompts.activatePrompt(agent, version);
    renderer.flash(ctx, (version < before ? "Rolled back " : "Activated ") + agent + " v" + version
        + (before == 0 ? "." : " (was v" + before + ")."));
    ctx.redirect("/admin/prompts?agent=" + Views.url(agent), HttpStatus.SEE_OTHER);
  }

  private void add(Context ctx) {
    String agent = Form.oneOf(ctx, "agent", agents());
    if (agent == null) {
      throw new Form.BadInput("agent is required");
    }
    String text = ctx.formParam("text");
    if (text == null || text.isBlank()) {
      throw new Form.BadInput("text is required");
    }
    if (text.length() > MAX_PROMPT) {
      throw new Form.BadInput("text must be at most " + MAX_PROMPT + " characters");
    }
    PromptVersion v = s.backends().prompts().addPrompt(agent, text.replace("\r\n", "\n"), s.clock().millis());
    boolean activate = "1".equals(Form.text(ctx, "activate", 1));
    if (activate) {
      s.backends().prompts().activatePrompt(agent, v.version());
    }
    renderer.flash(ctx, "Added " + agent + " v" + v.version() + (activate ? " (active)." : " (inactive)."));
    ctx.redirect("/admin/prompts?agent=" + Views.url(agent), HttpStatus.SEE_OTHER);
  }
}
