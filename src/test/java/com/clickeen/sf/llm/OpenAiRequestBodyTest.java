package com.clickeen.sf.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The body is written with a generator; it must be byte for byte what the tree of nodes gave before. */
class OpenAiRequestBodyTest {
  private static byte[] asTree(ChatRequest r, boolean stream, boolean legacy) {
    ObjectNode b = Json.object();
    b.put("model", r.model());
    var messages = b.putArray("messages");
    for (ChatMessage m : r.messages()) {
      messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
    }
    b.put(legacy ? "max_tokens" : "max_completion_tokens", r.maxTokens());
    if (r.temperature() != null) {
      b.put("temperature", r.temperature());
    }
    if (r.jsonMode()) {
      b.putObject("response_format").put("type", "json_object");
    }
    if (stream) {
      b.put("stream", true);
      b.putObject("stream_options").put("include_usage", true);
    }
    return Json.bytes(b);
  }

  @Test
  void the_generated_body_is_the_bytes_of_the_tree_it_replaced() {
    List<ChatMessage> messages = List.of(ChatMessage.system("You are \"SDR\".\nRules: <none> & \u2028 \u00e9t\u00e9 \ud83d\ude00"),
        ChatMessage.user("How much? \\ \t \u0001"), ChatMessage.assistant(""));
    for (boolean legacy : new boolean[] {true, false}) {
      OpenAiCompatibleProvider p = new OpenAiCompatibleProvider(new ProviderClient(4), "p", "http://127.0.0.1:1/v1", "k", legacy);
      for (boolean stream : new boolean[] {true, false}) {
        for (Double temperature : new Double[] {null, 0.4, 1.0, 0.1 + 0.2}) {
          for (boolean jsonMode : new boolean[] {true, false}) {
            ChatRequest r = new ChatRequest("deepseek-chat", messages, jsonMode, null, 400, temperature,
                Duration.ofSeconds(5), "t");
            byte[] body = p.body(r, stream);
            assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(new String(asTree(r, stream, legacy), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }
}
