package com.clickeen.sf.admin;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.ReviewQueue;
import com.clickeen.sf.learning.ReviewRequest;
import com.clickeen.sf.store.InteractionQuery;
import com.clickeen.sf.store.InteractionQuery.OutcomeFilter;
import com.clickeen.sf.store.InteractionRow;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code /admin/review} (the queue) and {@code /admin/interactions} (browse, filter, one interaction). */
final class ReviewPages {
  private static final int PAGE = 50;
  /** Days a text search covers when no From day is given. */
  static final int TEXT_DAYS = 3;
  private static final int RAW_MAX = 200_000;
  private static final List<String> VERDICTS = List.of("good", "bad", "golden", "skip");
  private static final List<String> FEEDBACK = List.of("helpful", "not-helpful");

  private final AdminUi.Services s;
  private final ReviewQueue queue;
  private final Renderer renderer;

  ReviewPages(AdminUi.Services s, ReviewQueue queue, Renderer renderer) {
    this.s = s;
    this.queue = queue;
    this.renderer = renderer;
  }

  void register(JavalinConfig config) {
    config.routes.get("/admin/review", Form.page(renderer, this::reviewPage));
    config.routes.post("/admin/review", Form.page(renderer, this::review));
    config.routes.get("/admin/interactions", Form.page(renderer, this::list));
    config.routes.get("/admin/interactions/{id}", Form.page(renderer, this::detail));
  }

  private void reviewPage(Context ctx) {
    String reviewer = AdminUi.session(ctx).reviewer();
    var item = queue.next(reviewer);
    String why = item.map(i -> switch (i.tier()) {
      case INVALID -> "invalid result";
      case UNDONE -> "the user undid it";
      case LOW_SCORE -> "low score (below " + ReviewQueue.LOW_SCORE + ")";
      case SAMPLE -> "random sample";
    }).orElse(null);
    renderer.page(ctx, 200, "review.jte", new InteractionViews.ReviewPage(Renderer.chrome(ctx, "Review", "review", false),
        item.map(i -> detail(i.row(), "raw".equals(ctx.queryParam("show")), "/admin/review?show=raw")).orElse(null),
        why, queue.progress(reviewer)));
  }

  private void review(Context ctx) throws Exception {
    String reviewer = AdminUi.session(ctx).reviewer();
    String id = Form.id(ctx, "interactionId");
    String verdict = Form.oneOf(ctx, "verdict", VERDICTS);
    String feedback = Form.oneOf(ctx, "feedback", FEEDBACK);
    if (verdict == null) {
      throw new Form.BadInput("verdict is required (good, bad, golden or skip)");
    }
    String message;
    if ("skip".equals(verdict) && feedback == null) {
      queue.skip(reviewer, id);
      message = "Skipped " + id + ".";
    } else {
      String review = "skip".equals(verdict) ? null : verdict;
      queue.review(reviewer, new ReviewRequest(id, review, feedback, null, Set.of()));
      message = "Reviewed " + id + ": " + (review == null ? "" : review) + (review != null && feedback != null ? ", " : "")
          + (feedback == null ? "" : feedback) + ".";
    }
    renderer.flash(ctx, message);
    ctx.redirect("/admin/review", HttpStatus.SEE_OTHER);
  }

  private void list(Context ctx) {
    List<String> agents = s.agents().all().stream().map(a -> a.id()).toList();
    List<String> outcomes = Arrays.stream(OutcomeFilter.values()).map(OutcomeFilter::param).toList();
    String agent = Form.oneOf(ctx, "agent", agents);
    String outcome = Form.oneOf(ctx, "outcome", outcomes);
    Long from = Form.day(ctx, "from");
    String fromText = Form.text(ctx, "from", 10);
    String q = Form.text(ctx, "q", 200);
    if (q != null && from == null) {
      // A term of 1-2 characters, or one in thousands of rows, is looked for row by row (the trigram index, V9,
      // serves the others): without a From day a text search covers the last TEXT_DAYS days.
      from = Math.floorDiv(s.clock().millis(), 86_400_000L) * 86_400_000L - (TEXT_DAYS - 1) * 86_400_000L;
      fromText = Views.day(from);
    }
    Long to = Form.day(ctx, "to");
    Double min = Form.number(ctx, "minScore", -1e9, 1e9);
    Double max = Form.number(ctx, "maxScore", -1e9, 1e9);
    String version = Form.text(ctx, "version", 200);
    InteractionQuery.Cursor before = cursor(Form.text(ctx, "before", 200));
    List<InteractionRow> rows = s.backends().interactions().search(new InteractionQuery(agent, from,
        to == null ? null : to + 86_400_000L, min, max,
        outcome == null ? null : OutcomeFilter.valueOf(outcome.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
        version, q, before, PAGE));
    var filters = new InteractionViews.Filters(agent, fromText, Form.text(ctx, "to", 10),
        Form.text(ctx, "minScore", 32), Form.text(ctx, "maxScore", 32), outcome, version, q);
    String next = rows.size() < PAGE ? null : nextHref(filters, rows.getLast());
    renderer.page(ctx, 200, "interactions.jte", new InteractionViews.ListPage(
        Renderer.chrome(ctx, "Interactions", "interactions", false), filters, Views.options(agents, agent),
        Views.options(outcomes, outcome), rows.stream().map(InteractionViews.Row::new).toList(), next));
  }

  private static InteractionQuery.Cursor cursor(String v) {
    if (v == null) {
      return null;
    }
    int tilde = v.indexOf('~');
    try {
      String id = v.substring(tilde + 1);
      if (tilde < 1 || !Form.ID.matcher(id).matches()) {
        throw new NumberFormatException();
      }
      return new InteractionQuery.Cursor(Long.parseLong(v.substring(0, tilde)), id);
    } catch (NumberFormatException e) {
      throw new Form.BadInput("before must be a page position (time~id) from a 'next page' link");
    }
  }

  private static String nextHref(InteractionViews.Filters f, InteractionRow last) {
    List<String> p = new ArrayList<>();
    param(p, "agent", f.agent());
    param(p, "from", f.from());
    param(p, "to", f.to());
    param(p, "minScore", f.minScore());
    param(p, "maxScore", f.maxScore());
    param(p, "outcome", f.outcome());
    param(p, "version", f.version());
    param(p, "q", f.q());
    param(p, "before", last.createdAtMs() + "~" + last.id());
    return "/admin/interactions?" + String.join("&", p);
  }

  private static void param(List<String> p, String name, String value) {
    if (value != null) {
      p.add(name + "=" + Views.url(value));
    }
  }

  private void detail(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Form.ID.matcher(id).matches()) {
      throw new Form.BadInput("an interaction id is 1..128 characters of [A-Za-z0-9._:-]");
    }
    InteractionRow row = s.backends().interactions().interaction(id).orElse(null);
    if (row == null) {
      renderer.message(ctx, 404, "Not found", "There is no interaction " + id + " (it may still be in the queue).");
      return;
    }
    var d = detail(row, "raw".equals(ctx.queryParam("show")), "/admin/interactions/" + Views.url(id) + "?show=raw");
    renderer.page(ctx, 200, "interaction.jte", new InteractionViews.DetailPage(
        Renderer.chrome(ctx, "Interaction " + id, "interactions", false), d));
  }

  private InteractionViews.Detail detail(InteractionRow row, boolean withRaw, String rawHref) {
    List<String> examples = new ArrayList<>();
    if (row.exampleIdsJson() != null) {
      try {
        Json.parse(row.exampleIdsJson()).forEach(n -> examples.add(n.asText()));
      } catch (java.io.IOException e) {
        examples.add("(unreadable: " + row.exampleIdsJson() + ")");
      }
    }
    String raw = null;
    if (withRaw) {
      raw = s.backends().blobs().get(row.r2Key()).map(b -> pretty(new String(b, StandardCharsets.UTF_8)))
          .orElse("(the raw payload is no longer stored: retention removed it, or it was never written)");
      if (raw.length() > RAW_MAX) {
        raw = raw.substring(0, RAW_MAX) + "\n… (cut at " + RAW_MAX + " characters)";
      }
    }
    return new InteractionViews.Detail(row, s.backends().outcomes().outcomes(row.id()), examples,
        pretty(row.outputText()), raw, rawHref);
  }

  /** JSON indented for reading; anything else as it is. */
  static String pretty(String text) {
    if (text == null) {
      return "";
    }
    try {
      JsonNode n = Json.parse(text);
      return n.isContainerNode() ? n.toPrettyString() : text;
    } catch (java.io.IOException | RuntimeException e) {
      return text;
    }
  }
}
