package com.clickeen.sf.admin;

import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Outcomes.OutcomeRow;
import com.clickeen.sf.store.Reviews;
import java.util.ArrayList;
import java.util.List;

/** The review queue, the interaction list and an interaction's page. */
public final class InteractionViews {
  private InteractionViews() {}

  /**
   * One interaction as shown in full.
   *
   * @param raw the raw payload when asked for ({@code ?raw=1}), else null
   * @param rawHref where the raw payload is shown
   */
  public record Detail(InteractionRow row, List<OutcomeRow> events, List<String> exampleIds, String output, String raw,
      String rawHref) {
    public String score() {
      return row.score() == null ? "not scored" : Views.num(row.score(), 3);
    }

    public String href() {
      return "/admin/interactions/" + Views.url(row.id());
    }

    /** The outcome flags that are set, as words. */
    public List<String> flags() {
      var o = row.outcomes();
      List<String> out = new ArrayList<>();
      add(out, "continued", o.continued());
      add(out, "undone", o.abandoned());
      add(out, "follow-up", o.followUp());
      add(out, "converted", o.converted());
      add(out, "paid", o.paid());
      add(out, "task completed", o.taskCompleted());
      return out;
    }

    private static void add(List<String> out, String word, Boolean flag) {
      if (flag != null) {
        out.add(flag ? word : "not " + word);
      }
    }
  }

  /** The review queue's page: the item (null when the queue is empty), why it is there, and progress. */
  public record ReviewPage(Views.Chrome chrome, Detail item, String why, Reviews.Progress progress) {}

  /** A row of the interaction list. */
  public record Row(InteractionRow row) {
    public String href() {
      return "/admin/interactions/" + Views.url(row.id());
    }

    public String excerpt() {
      String t = row.inputText() == null ? "" : row.inputText();
      return t.length() > 120 ? t.substring(0, 119) + "…" : t;
    }

    public String score() {
      return Views.num(row.score(), 2);
    }
  }

  /** The filters as given (echoed into the form), the options, the rows and the next page's link. */
  public record ListPage(Views.Chrome chrome, Filters filters, List<Views.Option> agents, List<Views.Option> outcomes,
      List<Row> rows, String nextHref) {}

  public record Filters(String agent, String from, String to, String minScore, String maxScore, String outcome,
      String version, String q) {}

  public record DetailPage(Views.Chrome chrome, Detail item) {}
}
