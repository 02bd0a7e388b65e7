package com.clickeen.sf.agents.editor;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A small glossary of widget concepts (accordion, stage, pod, …), data in {@code editor/glossary.json}. */
public final class Glossary {
  private static final JsonNode ENTRIES = load();

  private Glossary() {}

  private static JsonNode load() {
    try (InputStream in = Glossary.class.getResourceAsStream("/editor/glossary.json")) {
      if (in == null) {
        throw new IllegalStateException("editor/glossary.json is missing from the classpath");
      }
      return Json.parse(in.readAllBytes()).path("entries");
    } catch (IOException e) {
      throw new UncheckedIOException("editor/glossary.json cannot be read", e);
    }
  }

  /** The entry whose longest term the text names, for this widget type (entries without types fit all). */
  public static Optional<String> lookup(String text, String widgetType) {
    String t = Dictionary.norm(text.replace('-', ' '));
    String squashed = t.replace(" ", "");
    String best = null;
    int bestLength = 0;
    for (JsonNode e : ENTRIES) {
      JsonNode types = e.path("widgetTypes");
      if (!types.isMissingNode() && !types.toString().toLowerCase().contains("\"" + widgetType.toLowerCase() + "\"")) {
        continue;
      }
      for (JsonNode term : e.path("terms")) {
        String n = Dictionary.norm(term.asText());
        boolean hit = t.contains(n) || n.strip().length() >= 8 && squashed.contains(n.replace(" ", ""));
        if (hit && n.length() > bestLength) {
          best = e.path("text").asText();
          bestLength = n.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
