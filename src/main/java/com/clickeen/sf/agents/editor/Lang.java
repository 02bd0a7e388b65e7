package com.clickeen.sf.agents.editor;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language of a conversation, from the writing system first and then common words, and "yes"/"no" to a
 * pending question in the common languages. A message too short to tell keeps the conversation's language.
 */
public final class Lang {
  /** A detected language and how sure the detection is (0..1). */
  public record Detected(String code, double confidence) {}

  private static final List<Map.Entry<String, Pattern>> SCRIPTS = List.of(
      Map.entry("ja", Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}]")),
      Map.entry("ko", Pattern.compile("\\p{IsHangul}")),
      Map.entry("zh", Pattern.compile("\\p{IsHan}")),
      Map.entry("ru", Pattern.compile("\\p{IsCyrillic}")),
      Map.entry("ar", Pattern.compile("\\p{IsArabic}")),
      Map.entry("he", Pattern.compile("\\p{IsHebrew}")),
      Map.entry("hi", Pattern.compile("\\p{IsDevanagari}")),
      Map.entry("el", Pattern.compile("\\p{IsGreek}")),
      Map.entry("th", Pattern.compile("\\p{IsThai}")));

  /** Frequent short words that tell Latin-script languages apart. */
  private static final Map<String, Set<String>> WORDS = Map.of(
      "en", Set.of("the", "and", "is", "are", "to", "of", "make", "change", "please", "what", "my", "it", "with",
          "can", "you", "this", "does", "do", "set", "turn", "add", "how", "which", "should"),
      "es", Set.of("el", "la", "los", "las", "y", "es", "de", "del", "que", "por", "favor", "haz", "cambia", "pon",
          "mi", "qué", "cómo", "con", "una", "un", "para", "más", "quiero", "puedes", "hazlo", "rojo"),
      "fr", Set.of("le", "la", "les", "et", "est", "de", "des", "du", "que", "mon", "ma", "mes", "rends", "mets",
          "change", "une", "un", "pour", "avec", "plus", "qu", "quoi", "je", "veux", "peux", "vous", "s'il", "plaît"),
      "de", Set.of("der", "die", "das", "und", "ist", "nicht", "mach", "mache", "bitte", "ändere", "ein", "eine",
          "mit", "für", "auf", "ich", "mein", "meine", "was", "wie", "den", "dem", "zu", "soll", "macht", "tut", "bedeutet",
          "gibt", "kannst", "können", "sie", "du", "hintergrund", "schrift"),
      "it", Set.of("il", "lo", "gli", "e", "è", "di", "della", "che", "per", "favore", "fai", "cambia", "metti",
          "mio", "mia", "con", "una", "uno", "più", "cosa", "come", "voglio", "sfondo"),
      "pt", Set.of("o", "os", "as", "e", "é", "do", "da", "dos", "que", "por", "favor", "faça", "mude", "coloque",
          "meu", "minha", "com", "uma", "um", "para", "mais", "como", "quero", "você", "não"),
      "nl", Set.of("de", "het", "een", "en", "is", "van", "maak", "verander", "alsjeblieft", "mijn", "met", "voor",
          "wat", "hoe", "ik", "wil", "niet", "dit", "naar", "zet"));

  private static final Map<String, Set<String>> YES = Map.of(
      "en", Set.of("yes", "y", "yep", "yeah", "yup", "ok", "okay", "sure", "go ahead", "do it", "confirm", "confirmed",
          "apply", "apply it", "please do", "sounds good", "of course"),
      "es", Set.of("sí", "si", "vale", "claro", "dale", "de acuerdo", "adelante", "hazlo", "confirmo", "por supuesto"),
      "fr", Set.of("oui", "ouais", "d'accord", "d accord", "vas-y", "allez-y", "bien sûr", "je confirme", "ok"),
      "de", Set.of("ja", "jawohl", "klar", "gerne", "okay", "mach das", "bestätigt", "einverstanden", "los"),
      "it", Set.of("sì", "si", "certo", "va bene", "vai", "procedi", "confermo", "ok"),
      "pt", Set.of("sim", "claro", "pode", "pode sim", "confirmo", "beleza", "ok"),
      "nl", Set.of("ja", "prima", "goed", "doe maar", "akkoord", "oké"),
      "other", Set.of("はい", "ええ", "うん", "お願いします", "是", "好", "好的", "可以", "对", "да", "конечно", "давай",
          "ага", "نعم", "أجل", "네", "예", "כן", "हाँ", "हां", "ναι", "evet", "tak", "ano"));
  private static final Map<String, Set<String>> NO = Map.of(
      "en", Set.of("no", "n", "nope", "nah", "cancel", "don't", "dont", "stop", "never mind", "no thanks"),
      "es", Set.of("no", "cancela", "cancelar", "mejor no", "no gracias"),
      "fr", Set.of("non", "annule", "annuler", "non merci", "laisse tomber"),
      "de", Set.of("nein", "abbrechen", "lieber nicht", "nein danke"),
      "it", Set.of("no", "annulla", "meglio di no"),
      "pt", Set.of("não", "nao", "cancela", "cancelar"),
      "nl", Set.of("nee", "annuleer", "liever niet"),
      "other", Set.of("いいえ", "いや", "やめて", "キャンセル", "不", "不要", "不用", "取消", "нет", "отмена", "не надо",
          "لا", "아니요", "아니", "לא", "नहीं", "όχι", "hayır", "nie", "ne"));

  private Lang() {}

  /**
   * The language of {@code text}: its script, else the language with the most common words (at least two,
   * or one in a message of at most three words), else {@code sticky} (the conversation's), else the
   * caller's locale, else English.
   */
  public static Detected detect(String text, String sticky, String localeHint) {
    for (var s : SCRIPTS) {
      if (s.getValue().matcher(text).find()) {
        return new Detected(s.getKey(), 0.95);
      }
    }
    String[] tokens = normalize(text).split("[^\\p{L}']+");
    String best = null;
    int bestScore = 0;
    boolean tie = false;
    for (var e : WORDS.entrySet()) {
      int score = 0;
      for (String t : tokens) {
        if (e.getValue().contains(t)) {
          score++;
        }
      }
      if (score > bestScore) {
        best = e.getKey();
        bestScore = score;
        tie = false;
      } else if (score == bestScore && score > 0) {
        tie = true;
      }
    }
    int words = (int) java.util.Arrays.stream(tokens).filter(t -> !t.isEmpty()).count();
    if (best != null && !tie && (bestScore >= 2 || bestScore == 1 && sticky == null)) {
      return new Detected(best, Math.min(0.9, 0.5 + 0.1 * bestScore));
    }
    if (sticky != null) {
      return new Detected(sticky, 0.6);
    }
    if (localeHint != null && !localeHint.isBlank()) {
      String base = localeHint.toLowerCase(Locale.ROOT).split("[-_]")[0];
      if (Texts.has(base)) {
        return new Detected(base, 0.5);
      }
    }
    return new Detected("en", 0.4);
  }

  /** True for "yes" in a common language, false for "no", null for neither. */
  public static Boolean yesNo(String text) {
    String t = normalize(text).replaceAll("[\\s\\p{Punct}。！？、，…¡¿«»“”]+$", "").replaceAll("^[\\p{Punct}¡¿«»“”\\s]+", "")
        .replaceAll("\\s+", " ");
    if (t.isEmpty() || t.length() > 40) {
      return null;
    }
    String firstPhrase = t.split("[,.!;:，。！]")[0].strip();
    for (String candidate : List.of(t, firstPhrase, firstPhrase.split(" ")[0])) {
      if (in(NO, candidate)) {
        return Boolean.FALSE;
      }
      if (in(YES, candidate)) {
        return Boolean.TRUE;
      }
    }
    return null;
  }

  private static boolean in(Map<String, Set<String>> words, String t) {
    return words.values().stream().anyMatch(s -> s.contains(t));
  }

  static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace('’', '\'');
  }
}
