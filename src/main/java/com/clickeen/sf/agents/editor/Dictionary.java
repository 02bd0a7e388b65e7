package com.clickeen.sf.agents.editor;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dictionary of ambiguous words: per locale (data under {@code editor/dictionary/}), the words that name a
 * concept ("background", "fondo", "police") and the control paths and labels each concept can mean, plus the
 * words for the widget's areas (stage, pod, content), "across the widget", over-broad requests and requests
 * outside the editor. Versioned by {@code index.json}; {@link #hash()} is the SHA-256 of every file it read.
 */
public final class Dictionary {
  /** A concept: the words that name it (all locales) and what identifies its controls. */
  public record Concept(String id, List<String> terms, List<String> match, List<String> exclude) {}

  private final String version;
  private final String hash;
  private final Map<String, Concept> concepts = new LinkedHashMap<>();
  private final List<String> broad = new ArrayList<>();
  private final List<String> across = new ArrayList<>();
  private final List<String> offTopic = new ArrayList<>();
  private final Map<String, List<String>> scopes = new LinkedHashMap<>();

  private static final Dictionary STANDARD = load();

  public static Dictionary standard() {
    return STANDARD;
  }

  private Dictionary(String version, String hash) {
    this.version = version;
    this.hash = hash;
  }

  private static Dictionary load() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] indexBytes = read("index.json");
      sha.update(indexBytes);
      JsonNode index = Json.parse(indexBytes);
      List<JsonNode> locales = new ArrayList<>();
      for (JsonNode l : index.path("locales")) {
        byte[] b = read(l.asText() + ".json");
        sha.update(b);
        locales.add(Json.parse(b));
      }
      Dictionary d = new Dictionary(index.path("version").asText(), HexFormat.of().formatHex(sha.digest()).substring(0, 16));
      for (JsonNode l : locales) {
        for (JsonNode c : l.path("concepts")) {
          String id = c.path("id").asText();
          Concept old = d.concepts.get(id);
          List<String> terms = new ArrayList<>(old == null ? List.of() : old.terms());
          c.path("terms").forEach(t -> terms.add(norm(t.asText())));
          List<String> match = new ArrayList<>(old == null ? List.of() : old.match());
          c.path("match").forEach(t -> { if (!match.contains(t.asText())) match.add(t.asText()); });
          List<String> exclude = new ArrayList<>(old == null ? List.of() : old.exclude());
          c.path("exclude").forEach(t -> exclude.add(norm(t.asText())));
          d.concepts.put(id, new Concept(id, terms, match, exclude));
        }
        l.path("broad").forEach(t -> d.broad.add(norm(t.asText())));
        l.path("across").forEach(t -> d.across.add(norm(t.asText())));
        l.path("offTopic").forEach(t -> d.offTopic.add(norm(t.asText())));
        for (var s : l.path("scopes").properties()) {
          List<String> words = d.scopes.computeIfAbsent(s.getKey(), k -> new ArrayList<>());
          s.getValue().forEach(t -> words.add(norm(t.asText())));
        }
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException("the editor dictionary cannot be read", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = Dictionary.class.getResourceAsStream("/editor/dictionary/" + name)) {
      if (in == null) {
        throw new IOException("editor/dictionary/" + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    }
  }

  public String version() {
    return version;
  }

  public String hash() {
    return hash;
  }

  /** Lower case, punctuation as spaces, padded with one space each side, so " term " finds whole words. */
  public static String norm(String s) {
    return " " + Lang.normalize(s).replaceAll("[^\\p{L}\\p{N}'-]+", " ").replaceAll("\\s+", " ").strip() + " ";
  }

  private static boolean has(String normText, String term) {
    return normText.contains(term);
  }

  /** The concepts the text names, in dictionary order (a term inside a longer matched term counts once). */
  public List<Concept> conceptsIn(String text) {
    String t = norm(text);
    List<Concept> out = new ArrayList<>();
    for (Concept c : concepts.values()) {
      for (String term : c.terms()) {
        if (has(t, term)) {
          out.add(c);
          break;
        }
      }
    }
    return out;
  }

  public Optional<Concept> concept(String id) {
    return Optional.ofNullable(concepts.get(id));
  }

  /** Whether the text says to apply to the whole widget ("across the widget", "everywhere", "both"). */
  public boolean saysAcross(String text) {
    String t = norm(text);
    return across.stream().anyMatch(a -> has(t, a));
  }

  /** Whether the text asks to change everything at once. */
  public boolean saysBroad(String text) {
    String t = norm(text);
    return broad.stream().anyMatch(a -> has(t, a));
  }

  /** Whether the text asks for something outside the editor (weather, poems, other services). */
  public boolean offTopic(String text) {
    String t = norm(text);
    return offTopic.stream().anyMatch(a -> has(t, a));
  }

  /** The widget area the text names: "stage", "pod" or "content", when it names exactly one. */
  public Optional<String> scopeNamed(String text) {
    String t = norm(text);
    List<String> named = new ArrayList<>();
    for (var e : scopes.entrySet()) {
      if (e.getValue().stream().anyMatch(w -> has(t, w))) {
        named.add(e.getKey());
      }
    }
    return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
  }

  /** Whether a control (by path and label) is one the concept can mean. */
  public static boolean matches(Concept c, String path, String label) {
    List<String> tokens = tokens(path + " " + (label == null ? "" : label));
    String joined = String.join("", tokens);
    for (String x : c.exclude()) {
      if (tokens.contains(x.strip())) {
        return false;
      }
    }
    for (String m : c.match()) {
      if (m.contains("+")) {
        if (List.of(m.split("\\+")).stream().allMatch(tokens::contains)) {
          return true;
        }
      } else if (tokens.contains(m) || m.length() >= 6 && joined.contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** A path's and label's words: dots, dashes and camelCase split, lower case ({@code stage.bgColor} → stage, bg, color). */
  public static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.replaceAll("([a-z0-9])([A-Z])", "$1 $2").split("[^\\p{L}\\p{N}]+")) {
      if (!t.isEmpty()) {
        out.add(Lang.normalize(t));
      }
    }
    return out;
  }

  /** The area of the widget a control path belongs to, as Clickeen's widgets name them. */
  public static String scopeOf(String path) {
    String first = path.split("[.\\[]", 2)[0].toLowerCase(java.util.Locale.ROOT);
    return first.equals("stage") || first.equals("pod") ? first : "content";
  }
}
