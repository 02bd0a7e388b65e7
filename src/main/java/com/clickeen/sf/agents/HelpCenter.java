package com.clickeen.sf.agents;

import com.clickeen.sf.ClockTicker;
import com.clickeen.sf.store.HelpArticles;
import com.clickeen.sf.store.HelpArticles.HelpArticle;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
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

  /** One entry: every stored article, re-read once it is older than {@link #REFRESH_MS}. */
  private final LoadingCache<Boolean, List<HelpArticle>> articles;

  public HelpCenter(HelpArticles index, Clock clock) {
    this.articles = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(REFRESH_MS)).ticker(ClockTicker.of(clock))
        .build(all -> index.articles(MAX_ARTICLES));
  }

  /** The {@code k} articles that share the most words with {@code question} (none when nothing overlaps). */
  public List<HelpArticle> search(String question, int k) {
    List<HelpArticle> cached = articles.get(Boolean.TRUE);
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
