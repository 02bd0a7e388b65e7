package com.clickeen.sf.learning.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.learning.evolution.PromptProposer.Evidence;
import com.clickeen.sf.learning.evolution.PromptProposer.FailureGroup;
import com.clickeen.sf.learning.evolution.PromptProposer.Proposal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposersTest {
  private static final String PROMPT = "You are an agent.\nRules:\n- Be brief.\n";

  private static Evidence evidence(List<FailureGroup> groups) {
    return new Evidence("editor.copilot", 1, PROMPT, "r1", 400, 120, groups, List.of(), List.of());
  }

  @Test
  void the_rule_proposer_turns_the_largest_failure_groups_into_rules_deterministically() throws Exception {
    Evidence e = evidence(List.of(new FailureGroup("outcome", "undone by the user", 70),
        new FailureGroup("rule", "$.result.ops[N].path: not one of the widget's controls", 30),
        new FailureGroup("intent", "none", 10)));
    Proposal p = new RuleProposer().propose(e);
    assertThat(p.text()).startsWith(PROMPT.stripTrailing() + "\n\n" + RuleProposer.SECTION)
        .contains("- Users undid 70 recent answers")
        .contains("recent answers broke 30 times: $.result.ops[N].path: not one of the widget's controls.")
        .doesNotContain("'none'");
    assertThat(p.rationale()).startsWith("Deterministic offline proposer (no model): 120 of 400 interactions");
    assertThat(new RuleProposer().propose(e)).isEqualTo(p);
  }

  @Test
  void a_second_proposal_replaces_the_section_instead_of_growing_the_prompt() throws Exception {
    Proposal first = new RuleProposer().propose(evidence(List.of(new FailureGroup("outcome", "low score", 5))));
    Evidence next = new Evidence("editor.copilot", 2, first.text(), "r2", 400, 50,
        List.of(new FailureGroup("outcome", "reviewed bad", 9)), List.of(), List.of());
    Proposal second = new RuleProposer().propose(next);
    assertThat(second.text()).containsOnlyOnce(RuleProposer.SECTION).contains("9 recent answers were reviewed as bad")
        .doesNotContain("led nowhere");
  }

  @Test
  void nothing_to_derive_is_an_error_with_the_reason() {
    assertThatThrownBy(() -> new RuleProposer().propose(evidence(List.of(new FailureGroup("intent", "none", 3)))))
        .hasMessage("the report of editor.copilot has no failure group a rule can be derived from");
  }

  @Test
  void the_reflective_proposer_reads_the_models_json_answer() throws Exception {
    assertThat(ReflectiveProposer.parse("Here:\n{\"prompt\": \"new text\", \"rationale\": \"why\"}"))
        .isEqualTo(new Proposal("new text", "why"));
    assertThatThrownBy(() -> ReflectiveProposer.parse("no json")).hasMessageStartingWith(
        "the analysis model's answer is not a JSON object");
    assertThatThrownBy(() -> ReflectiveProposer.parse("{\"rationale\": \"x\"}")).hasMessage(
        "the analysis model's answer has no \"prompt\" text");
  }

  @Test
  void the_reflective_proposers_evidence_holds_prompt_groups_and_samples() {
    Evidence e = new Evidence("sdr.copilot", 3, PROMPT, "r9", 250, 40,
        List.of(new FailureGroup("rule", "$.result.next: not one of", 12)),
        List.of(new PromptProposer.Sample("i1", "how much?", "{\"message\":\"...\"}", "low score", null, 0.1)),
        List.of(new PromptProposer.Sample("i2", "pricing?", "{\"message\":\"Free plan...\"}", "converted", null, 1.0)));
    String json = ReflectiveProposer.evidence(e);
    assertThat(json).contains("\"currentPrompt\":\"You are an agent.\\nRules:\\n- Be brief.\\n\"")
        .contains("\"kind\":\"rule\"").contains("\"failureSamples\":[{\"id\":\"i1\"").contains("\"bestInteractions\"");
  }
}
