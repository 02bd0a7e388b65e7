package com.clickeen.sf.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs in a user's message: anything with a scheme ({@code https://…}, {@code ftp://…},
 * {@code javascript:…}), bare domains ({@code example.com/faq}, {@code www.example.com}), bare IPv4 addresses
 * and {@code localhost}. Emails and file names ({@code config.json}) are not URLs. Duplicates count once.
 */
public final class UrlExtractor {
  private static final Pattern WITH_SCHEME = Pattern.compile(
      "(?i)\\b(?:[a-z][a-z0-9+.-]*://[^\\s<>\"'`]+|(?:javascript|vbscript|data|file):[^\\s<>\"'`]+)");
  private static final Pattern BARE = Pattern.compile(
      "(?i)(?<![\\w@./:-])(?:(?:www\\.)?(?:[a-z0-9\\u00a1-\\uffff](?:[a-z0-9\\u00a1-\\uffff-]{0,61}[a-z0-9\\u00a1-\\uffff])?\\.)+"
          + "[a-z\\u00a1-\\uffff]{2,24}|\\d{1,3}(?:\\.\\d{1,3}){3}|localhost)(?::\\d{1,5})?(?:[/?#][^\\s<>\"'`]*)?(?![\\w@-])");
  private static final Set<String> FILE_ENDINGS = Set.of("json", "js", "ts", "css", "html", "htm", "png", "jpg",
      "jpeg", "gif", "svg", "webp", "txt", "md", "pdf", "csv", "xml", "yaml", "yml", "zip", "mp4", "mp3", "doc",
      "docx", "xls", "xlsx", "ppt", "java", "py", "sh", "exe", "tsx", "jsx", "php");

  private UrlExtractor() {}

  public static List<String> extract(String text) {
    Map<String, String> found = new LinkedHashMap<>();
    StringBuilder rest = new StringBuilder(text);
    Matcher m = WITH_SCHEME.matcher(text);
    while (m.find()) {
      add(found, m.group());
      for (int i = m.start(); i < m.end(); i++) {
        rest.setCharAt(i, ' ');
      }
    }
    Matcher b = BARE.matcher(rest);
    while (b.find()) {
      String candidate = b.group();
      String host = candidate.replaceAll("[:/?#].*$", "");
      String ending = host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      boolean fileLike = FILE_ENDINGS.contains(ending) && !host.toLowerCase(Locale.ROOT).startsWith("www.")
          && candidate.length() == host.length();
      if (!fileLike) {
        add(found, candidate);
      }
    }
    return new ArrayList<>(found.values());
  }

  private static void add(Map<String, String> found, String raw) {
    String url = raw;
    while (!url.isEmpty()) {
      char last = url.charAt(url.length() - 1);
      boolean unbalanced = last == ')' && url.chars().filter(c -> c == '(').count() < url.chars().filter(c -> c == ')').count();
      if (".,;:!?]}'\"»”’".indexOf(last) < 0 && !unbalanced) {
        break;
      }
      url = url.substring(0, url.length() - 1);
    }
    if (url.isEmpty()) {
      return;
    }
    String key = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "")
        .replaceAll("/+$", "");
    found.putIfAbsent(key, url);
  }
}
