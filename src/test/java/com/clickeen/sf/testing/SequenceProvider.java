package com.clickeen.sf.testing;

import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.llm.LlmProvider;
import com.clickeen.sf.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A provider double that answers what the test scripts, call after call (the last answer repeats), and
 * records every request it got. It plays a model that misbehaves: echoes its prompt, proposes ops outside
 * the controls, breaks the schema.
 */
public final class SequenceProvider implements LlmProvider {
  private final List<Function<ChatRequest, String>> answers;
  private final AtomicInteger next = new AtomicInteger();
  public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  @SafeVarargs
  public SequenceProvider(Function<ChatRequest, String>... answers) {
    this.answers = List.of(answers);
  }

  public static SequenceProvider of(String... texts) {
    @SuppressWarnings("unchecked")
    Function<ChatRequest, String>[] fs = new Function[texts.length];
    for (int i = 0; i < texts.length; i++) {
      String t = texts[i];
      fs[i] = r -> t;
    }
    return new SequenceProvider(fs);
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    requests.add(request);
    int i = Math.min(next.getAndIncrement(), answers.size() - 1);
    return new ChatResponse(answers.get(i).apply(request), new TokenUsage("scripted", "m", 10, 10), "stop");
  }
}
