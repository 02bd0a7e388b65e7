package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.HelpArticles;
import com.clickeen.sf.store.HelpArticles.HelpArticle;
import org.junit.jupiter.api.Test;

/** {@link HelpArticles} on every SQL backend. */
abstract class HelpArticlesContract extends SqlPortContract {

  @Test
  void articles_are_added_or_replaced_and_read_newest_first() {
    HelpArticles articles = backends.helpArticles();
    HelpArticle a = new HelpArticle("a", "Embed", "How to embed", "https://x/a", "en", 1);
    HelpArticle b = new HelpArticle("b", "Pricing", "Plans", null, null, 2);
    assertThat(articles.upsertArticle(a)).isTrue();
    assertThat(articles.upsertArticle(b)).isTrue();
    HelpArticle a2 = new HelpArticle("a", "Embed v2", "How to embed, again", null, "fr", 3);
    assertThat(articles.upsertArticle(a2)).isFalse();
    assertThat(articles.articles(10)).containsExactly(a2, b);
    assertThat(articles.articles(1)).containsExactly(a2);
  }
}
