package com.clickeen.sf.agents;

import com.clickeen.sf.store.HelpArticles;
import com.clickeen.sf.store.HelpArticles.HelpArticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stored help articles ({@code sf_help_articles}), searched by word overlap with a question. Articles
 * are read at most every {@value #REFRESH_MS} ms, so an import reaches every instance within that time.
 */
public final class HelpCenter {
  static final long REFRESH_MS = 30_000;
  static final int MAX_ARTICLES = 2_000;

  private final HelpArticles articles;
  private final Clock clock;
  private volatile List<HelpArticle> cached = List.of();
  private volatile long loadedAtMs;
  private volatile boolean loaded;

  public HelpCenter(HelpArticles articles, Clock clock) {
    this.articles = articles;
    this.clock = clock;
  }

  /** The {@code k} articles that share the most words with {@code question} (none when nothing overlaps). */
  public List<HelpArticle> search(String question, int k) {
    long now = clock.millis();
    if (!loaded || now - loadedAtMs > REFRESH_MS) {
      cached = articles.articles(MAX_ARTICLES);
      loadedAtMs = now;
      loaded = true;
    }
    Set<String> q = words(question);
    record Scored(HelpArticle a, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (HelpArticle a : cached) {
      Set<String> w = words(a.title() + " " + a.body());
      int s = 0;
      for (String x : q) {
        if (w.contains(x)) {
          s++;
        }
      }
      if (s > 0) {
        scored.add(new Scored(a, s));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).reversed());
    return scored.stream().limit(k).map(Scored::a).toList();
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 4) {
        out.add(w.endsWith("s") && w.length() > 4 ? w.substring(0, w.length() - 1) : w);
      }
    }
    return out;
  }
}
