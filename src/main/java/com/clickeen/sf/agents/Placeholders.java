package com.clickeen.sf.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a UI string a translation must keep exactly: {@code {name}} variables, the skeleton of ICU
 * messages ({@code {count, plural, one {...} other {...}}}: argument, type and branch keywords, and
 * {@code #}), HTML tags, {@code {{mustache}}} and printf markers. {@link #of} returns them sorted, so two
 * strings keep the same placeholders exactly when their lists are equal.
 */
final class Placeholders {
  private static final Pattern HTML = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(\\s[^<>]*)?/?>");
  private static final Pattern PRINTF = Pattern.compile("%(\\d+\\$)?[sdif@]");
  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{\\s*[A-Za-z0-9_.]+\\s*}}");

  private Placeholders() {}

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    collect(HTML, text, out);
    collect(PRINTF, text, out);
    collect(MUSTACHE, text, out);
    String rest = MUSTACHE.matcher(text).replaceAll(" ");
    icu(rest, 0, rest.length(), out, false);
    out.sort(null);
    return out;
  }

  private static void collect(Pattern p, String text, List<String> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("\\s+", " "));
    }
  }

  /** Walks {@code text[from, to)} for ICU arguments; {@code inPlural} makes # a placeholder. */
  private static void icu(String text, int from, int to, List<String> out, boolean inPlural) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '\'' && i + 1 < to && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '}')) {
        int close = text.indexOf('\'', i + 1);
        i = close < 0 || close >= to ? to : close + 1; // quoted literal
        continue;
      }
      if (c == '#' && inPlural) {
        out.add("#");
      }
      if (c == '{') {
        int end = matching(text, i, to);
        if (end < 0) {
          out.add("{unbalanced");
          return;
        }
        argument(text.substring(i + 1, end), out);
        i = end + 1;
        continue;
      }
      if (c == '}') {
        out.add("}unbalanced");
      }
      i++;
    }
  }

  private static void argument(String inner, List<String> out) {
    int comma = inner.indexOf(',');
    if (comma < 0) {
      out.add("{" + inner.trim() + "}");
      return;
    }
    String name = inner.substring(0, comma).trim();
    String rest = inner.substring(comma + 1);
    int comma2 = rest.indexOf(',');
    String type = (comma2 < 0 ? rest : rest.substring(0, comma2)).trim();
    out.add("{" + name + "," + type + "}");
    if (comma2 < 0) {
      return;
    }
    String branches = rest.substring(comma2 + 1);
    boolean plural = type.equals("plural") || type.equals("selectordinal");
    int j = 0;
    while (j < branches.length()) {
      int open = branches.indexOf('{', j);
      if (open < 0) {
        break;
      }
      String key = branches.substring(j, open).trim();
      int close = matching(branches, open, branches.length());
      if (close < 0) {
        out.add("{unbalanced");
        return;
      }
      out.add(name + ":" + key);
      icu(branches, open + 1, close, out, plural);
      j = close + 1;
    }
  }

  private static int matching(String text, int open, int to) {
    int depth = 0;
    for (int k = open; k < to; k++) {
      char c = text.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}
