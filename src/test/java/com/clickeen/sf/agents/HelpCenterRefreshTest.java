package com.clickeen.sf.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.HelpArticles.HelpArticle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCenterRefreshTest {
  @TempDir
  Path dir;

  @Test
  void an_imported_article_is_searched_once_the_cached_list_is_thirty_seconds_old() {
    SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
    try (Backends b = Backends.embedded(dir, clock)) {
      HelpCenter help = new HelpCenter(b.helpArticles(), clock);
      b.helpArticles().upsertArticle(new HelpArticle("a1", "Billing", "Invoices arrive monthly", "https://h/a1", "en", clock.millis()));
      assertThat(help.search("monthly invoices", 3)).extracting(HelpArticle::id).containsExactly("a1");
      b.helpArticles().upsertArticle(new HelpArticle("a2", "Embedding", "Paste the widget snippet", "https://h/a2", "en", clock.millis()));
      clock.advance(Duration.ofMillis(HelpCenter.REFRESH_MS - 1));
      assertThat(help.search("widget snippet", 3)).isEmpty();
      clock.advance(Duration.ofMillis(1));
      assertThat(help.search("widget snippet", 3)).extracting(HelpArticle::id).containsExactly("a2");
    }
  }
}
