package com.clickeen.sf.learning.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline proposer: deterministic, no model. It turns the report's largest failure groups into
 * explicit rules in a "Lessons from recent failures" section at the end of the prompt (replacing the
 * section a previous candidate added, so prompts do not grow without bound). It cannot rephrase or reason
 * as a model can; it exists so that the whole loop (propose → gate → experiment → promote) runs without
 * keys, and it says so in every rationale.
 */
public final class RuleProposer implements PromptProposer {
  static final String SECTION = "Lessons from recent failures (added by the offline rule proposer):";
  static final int MAX_RULES = 5;

  @Override
  public String id() {
    return "offline-rules";
  }

  @Override
  public Proposal propose(Evidence e) throws ProposalException {
    List<String> rules = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (FailureGroup g : e.groups()) {
      if (rules.size() == MAX_RULES) {
        break;
      }
      String rule = rule(g);
      if (rule != null && !rules.contains(rule)) {
        rules.add(rule);
        why.add(g.kind() + " '" + g.key() + "' (" + g.count() + ")");
      }
    }
    if (rules.isEmpty()) {
      throw new ProposalException("the report of " + e.agentId() + " has no failure group a rule can be derived from");
    }
    String base = withoutSection(e.activePrompt()).stripTrailing();
    StringBuilder text = new StringBuilder(base).append("\n\n").append(SECTION).append('\n');
    rules.forEach(r -> text.append("- ").append(r).append('\n'));
    String rationale = "Deterministic offline proposer (no model): " + e.failures() + " of " + e.interactions()
        + " interactions in the report failed; one rule for each of the largest groups: " + String.join("; ", why) + ".";
    return new Proposal(text.toString().stripTrailing() + "\n", rationale);
  }

  /** The prompt without a lessons section added by an earlier run of this proposer. */
  static String withoutSection(String prompt) {
    int at = prompt.indexOf(SECTION);
    return at < 0 ? prompt : prompt.substring(0, at);
  }

  private static String rule(FailureGroup g) {
    String key = g.key();
    return switch (g.kind()) {
      case "rule" -> "Before answering, check the result against this rule, which recent answers broke " + g.count()
          + " times: " + key + ".";
      case "outcome" -> switch (key.toLowerCase(Locale.ROOT)) {
        case "undone by the user" -> "Users undid " + g.count() + " recent answers: make the smallest change that does"
            + " exactly what was asked, and ask one short question when the request is ambiguous.";
        case "reviewed bad" -> g.count() + " recent answers were reviewed as bad: answer the request itself,"
            + " concretely, and never invent facts.";
        case "low score" -> g.count() + " recent answers led nowhere: answer the question first, in the user's"
            + " language, then offer the next useful step.";
        default -> null;
      };
      case "intent" -> "none".equals(key) ? null : "Answers to '" + key + "' requests failed " + g.count()
          + " times recently: take extra care that such answers satisfy every rule above.";
      default -> null;
    };
  }
}
