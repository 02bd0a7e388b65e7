package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * An agent that is a contract and a single structured call: the active prompt as the system message, the
 * input as delimited data, JSON out, checked against the result schema and the agent's own rules, with one
 * repair call. Subclasses say what goes into the user message and which rules the result must keep.
 */
abstract class ContractAgent extends ResourceAgent {
  private final int maxTokens;
  private final double temperature;

  ContractAgent(String id, List<String> aliases, String description, int maxTokens, double temperature) {
    super(id, aliases, description);
    this.maxTokens = maxTokens;
    this.temperature = temperature;
  }

  /** The user message: the task's data, delimited. */
  abstract String userMessage(JsonNode input);

  /** The words of the person behind the call (the interaction's {@code input.prompt}). */
  abstract String userText(JsonNode input);

  /** Rules beyond the schema; an empty list when the result keeps them all. */
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    return List.of();
  }

  /** The input the model sees; agents may add what they look up (stored help articles). */
  JsonNode prepare(AgentCall call) {
    return call.input();
  }

  @Override
  public AgentOutput run(AgentCall call) throws BudgetExceededException, ProviderException {
    JsonNode input = prepare(call);
    List<ExampleBanks.Example> examples = call.examplesFor(id(), userText(input), null);
    ChatRequest request = new ChatRequest(null, List.of(
        ChatMessage.system(call.prompt().text() + PromptExamples.section(examples)
            + PromptParts.outputContract(contract.resultSchema())),
        ChatMessage.user(userMessage(input))),
        true, contract.resultSchema(), maxTokens, temperature,
        call.remaining().isZero() ? Duration.ofMillis(1) : call.remaining(), id(), input);
    ChatResponse response = call.model().chat(request);
    StructuredOutput.Outcome o = StructuredOutput.parseWithRepair(call, leakGuards, request, response, resultValidator,
        result -> rules(input, result));
    JsonNode result = StructuredOutput.require(o, id());
    return AgentOutput.valid(result, userText(input), PromptParts.text(input, "sessionId"), true,
        AgentCall.ids(examples));
  }
}
