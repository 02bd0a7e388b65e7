package com.clickeen.sf.agents.editor;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colour values as a {@code color} control takes them: hex, rgb()/rgba() and the CSS colour names. */
public final class Colors {
  private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
  private static final String NUM = "(\\d{1,3}(?:\\.\\d+)?%?)";
  private static final Pattern RGB = Pattern.compile("(?i)rgba?\\(\\s*" + NUM + "\\s*(?:,\\s*|\\s+)" + NUM
      + "\\s*(?:,\\s*|\\s+)" + NUM + "\\s*(?:(?:,|/)\\s*(\\d*\\.?\\d+%?))?\\s*\\)");
  /** The CSS named colours (CSS Color Module Level 4) and {@code transparent}. */
  static final Set<String> NAMED = Set.of("aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige",
      "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse",
      "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue", "darkcyan",
      "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta", "darkolivegreen",
      "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue", "darkslategray",
      "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray", "dimgrey", "dodgerblue",
      "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod", "gray",
      "green", "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender",
      "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan", "lightgoldenrodyellow",
      "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon", "lightseagreen", "lightskyblue",
      "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow", "lime", "limegreen", "linen", "magenta",
      "maroon", "mediumaquamarine", "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen",
      "mediumslateblue", "mediumspringgreen", "mediumturquoise", "mediumvioletred", "midnightblue", "mintcream",
      "mistyrose", "moccasin", "navajowhite", "navy", "oldlace", "olive", "olivedrab", "orange", "orangered",
      "orchid", "palegoldenrod", "palegreen", "paleturquoise", "palevioletred", "papayawhip", "peachpuff", "peru",
      "pink", "plum", "powderblue", "purple", "rebeccapurple", "red", "rosybrown", "royalblue", "saddlebrown",
      "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray",
      "slategrey", "snow", "springgreen", "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet",
      "wheat", "white", "whitesmoke", "yellow", "yellowgreen", "transparent");
  /** Colour words of other languages, to the CSS name. */
  private static final java.util.Map<String, String> WORDS = java.util.Map.ofEntries(
      java.util.Map.entry("rojo", "red"), java.util.Map.entry("roja", "red"), java.util.Map.entry("rouge", "red"),
      java.util.Map.entry("rot", "red"), java.util.Map.entry("rosso", "red"), java.util.Map.entry("vermelho", "red"),
      java.util.Map.entry("rood", "red"), java.util.Map.entry("azul", "blue"), java.util.Map.entry("bleu", "blue"),
      java.util.Map.entry("blau", "blue"), java.util.Map.entry("blu", "blue"), java.util.Map.entry("blauw", "blue"),
      java.util.Map.entry("verde", "green"), java.util.Map.entry("vert", "green"), java.util.Map.entry("grün", "green"),
      java.util.Map.entry("groen", "green"), java.util.Map.entry("negro", "black"), java.util.Map.entry("noir", "black"),
      java.util.Map.entry("schwarz", "black"), java.util.Map.entry("nero", "black"), java.util.Map.entry("preto", "black"),
      java.util.Map.entry("zwart", "black"), java.util.Map.entry("blanco", "white"), java.util.Map.entry("blanc", "white"),
      java.util.Map.entry("weiß", "white"), java.util.Map.entry("weiss", "white"), java.util.Map.entry("bianco", "white"),
      java.util.Map.entry("branco", "white"), java.util.Map.entry("wit", "white"), java.util.Map.entry("amarillo", "yellow"),
      java.util.Map.entry("jaune", "yellow"), java.util.Map.entry("gelb", "yellow"), java.util.Map.entry("giallo", "yellow"),
      java.util.Map.entry("amarelo", "yellow"), java.util.Map.entry("geel", "yellow"), java.util.Map.entry("gris", "gray"),
      java.util.Map.entry("grau", "gray"), java.util.Map.entry("grigio", "gray"), java.util.Map.entry("cinza", "gray"),
      java.util.Map.entry("grijs", "gray"), java.util.Map.entry("naranja", "orange"), java.util.Map.entry("arancione", "orange"),
      java.util.Map.entry("laranja", "orange"), java.util.Map.entry("oranje", "orange"), java.util.Map.entry("rosa", "pink"),
      java.util.Map.entry("rose", "pink"), java.util.Map.entry("roze", "pink"), java.util.Map.entry("morado", "purple"),
      java.util.Map.entry("violeta", "violet"), java.util.Map.entry("lila", "violet"), java.util.Map.entry("viola", "violet"),
      java.util.Map.entry("roxo", "purple"), java.util.Map.entry("paars", "purple"), java.util.Map.entry("dark", "#111827"),
      java.util.Map.entry("oscuro", "#111827"), java.util.Map.entry("sombre", "#111827"), java.util.Map.entry("dunkel", "#111827"),
      java.util.Map.entry("light", "#f9fafb"), java.util.Map.entry("claro", "#f9fafb"), java.util.Map.entry("clair", "#f9fafb"),
      java.util.Map.entry("hell", "#f9fafb"));

  private Colors() {}

  /** Whether a value is a colour this editor accepts; rgb() channels must be 0..255 (or 0..100 %), alpha 0..1. */
  public static boolean valid(String v) {
    String s = v.strip();
    if (HEX.matcher(s).matches() || NAMED.contains(s.toLowerCase(Locale.ROOT))) {
      return true;
    }
    Matcher m = RGB.matcher(s);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 3; i++) {
      if (!channel(m.group(i))) {
        return false;
      }
    }
    String a = m.group(4);
    if (a == null) {
      return true;
    }
    double alpha = a.endsWith("%") ? Double.parseDouble(a.substring(0, a.length() - 1)) / 100 : Double.parseDouble(a);
    return alpha >= 0 && alpha <= 1;
  }

  private static boolean channel(String c) {
    double d = Double.parseDouble(c.endsWith("%") ? c.substring(0, c.length() - 1) : c);
    return c.endsWith("%") ? d <= 100 : d <= 255;
  }

  /** The one colour a message names (a hex, rgb() or a colour word), if it names exactly one kind of it. */
  public static Optional<String> in(String text) {
    Matcher h = Pattern.compile("#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\\b").matcher(text);
    if (h.find()) {
      return Optional.of(h.group());
    }
    Matcher r = RGB.matcher(text);
    if (r.find() && valid(r.group())) {
      return Optional.of(r.group());
    }
    String found = null;
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      String name = NAMED.contains(w) ? w : WORDS.get(w);
      if (name != null) {
        if (found != null && !found.equals(name)) {
          return Optional.empty();
        }
        found = name;
      }
    }
    return Optional.ofNullable(found);
  }
}
