package com.clickeen.sf.agents.editor;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The editor copilot's fixed texts (clarifications, confirmations, errors, explanations) per language, from
 * {@code editor/texts.json}; a key a language lacks falls back to English. Placeholders are {@code {name}}.
 */
public final class Texts {
  private static final JsonNode ALL = load();

  private Texts() {}

  private static JsonNode load() {
    try (InputStream in = Texts.class.getResourceAsStream("/editor/texts.json")) {
      if (in == null) {
        throw new IllegalStateException("editor/texts.json is missing from the classpath");
      }
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("editor/texts.json cannot be read", e);
    }
  }

  /** Whether texts exist for a language. */
  public static boolean has(String lang) {
    return ALL.has(lang);
  }

  /** The text of {@code key} in {@code lang} (else English), placeholders filled from {@code values}. */
  public static String get(String lang, String key, Map<String, ?> values) {
    JsonNode t = ALL.path(lang).path(key);
    if (!t.isTextual()) {
      t = ALL.path("en").path(key);
    }
    if (!t.isTextual()) {
      throw new IllegalArgumentException("editor text '" + key + "' does not exist");
    }
    String s = t.asText();
    for (var e : values.entrySet()) {
      s = s.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
    }
    return s;
  }

  public static String get(String lang, String key) {
    return get(lang, key, Map.of());
  }

  /** "a, b or c" in the language. */
  public static String orList(String lang, java.util.List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.getFirst();
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " " + get(lang, "or") + " " + items.getLast();
  }
}
