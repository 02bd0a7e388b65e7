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

  /** Generic top-level domains people type; with the two-letter country codes they make a bare name a URL. */
  private static final Set<String> GENERIC = Set.of("com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
      "app", "dev", "page", "site", "online", "shop", "store", "tech", "xyz", "cloud", "blog", "agency", "design",
      "studio", "digital", "media", "news", "live", "world", "asia", "travel", "health", "club", "art", "company",
      "solutions", "services", "software", "systems", "network", "email", "website", "space", "fun", "pro", "name",
      "mobi", "land", "life", "today", "top", "one", "group", "team", "works", "tools", "academy", "coffee", "restaurant",
      "cafe", "bar", "pizza", "hotel", "photography", "fashion", "shoes", "clothing", "fitness", "yoga",
      "dental", "clinic", "law", "legal", "finance", "money", "bank", "insure", "realestate", "homes", "house",
      "immo", "berlin", "paris", "london", "nyc", "tokyo", "amsterdam", "wien", "swiss", "eco", "green", "education",
      "school", "university", "church", "events", "tickets", "games", "music", "video", "film", "tv", "radio", "wiki",
      "example", "test", "invalid", "local", "internal", "arpa", "onion");

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
      boolean www = host.toLowerCase(Locale.ROOT).startsWith("www.");
      boolean fileLike = FILE_ENDINGS.contains(ending) && !www && candidate.length() == host.length();
      boolean knownEnding = ending.length() == 2 || GENERIC.contains(ending) || ending.matches("\\d+") || ending.equals("localhost");
      if (!fileLike && (knownEnding || www || !ending.matches("[a-z]+"))) {
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
