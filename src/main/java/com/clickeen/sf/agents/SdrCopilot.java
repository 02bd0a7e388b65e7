package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.sessions.Session;
import com.clickeen.sf.sessions.SessionStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDR Copilot: converts Minibob visitors. Keeps the last 10 turns of each session for 24 h and
 * answers {@code {message, cta?, next}}.
 */
final class SdrCopilot extends ResourceAgent {
  static final String ID = "sdr.copilot";
  private static final int MAX_COMPLETION_TOKENS = 400;

  SdrCopilot() {
    super(ID, List.of(), "SDR Copilot: answers Minibob visitors and invites them to sign up when it fits; keeps the last "
        + SessionStore.MAX_TURNS + " turns of each session for 24 h.");
  }

  @Override
  public AgentOutput run(AgentCall call) throws BudgetExceededException, ProviderException {
    String sessionId = call.input().get("sessionId").textValue();
    String message = call.input().get("message").textValue();
    long now = call.clock().millis();
    Session session = call.sessions().load(ID, sessionId).orElseGet(() -> new Session(ID, sessionId,
        call.grant().subject().kind(), call.grant().subject().id(), call.locale(), now, now, List.of(), null));

    List<ExampleBanks.Example> examples = call.examplesFor(ID, message, null);
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(call.prompt().text() + PromptExamples.section(examples)
        + PromptParts.outputContract(contract.resultSchema())));
    for (Session.Turn t : session.turns()) {
      messages.add(ChatMessage.user(PromptParts.userMessage(t.user())));
      messages.add(ChatMessage.assistant(t.assistant()));
    }
    messages.add(ChatMessage.user(PromptParts.userMessage(message)));

    ChatRequest request = new ChatRequest(null, messages, true, contract.resultSchema(),
        MAX_COMPLETION_TOKENS, 0.4, call.remaining().isZero() ? Duration.ofMillis(1) : call.remaining(), ID);
    ChatResponse response = call.model().chat(request);
    JsonNode result = StructuredOutput.parseOrRepair(call, leakGuards, request, response, resultValidator, ID);
    Session next = session.withTurn(new Session.Turn(message, result.get("message").textValue(), call.requestId(), now),
        SessionStore.MAX_TURNS, now);
    call.sessions().save(next);
    return AgentOutput.valid(result, message, sessionId, true, AgentCall.ids(examples));
  }
}
