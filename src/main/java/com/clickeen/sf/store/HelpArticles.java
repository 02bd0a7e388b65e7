package com.clickeen.sf.store;

import java.util.List;

/** Help articles the Support Agent answers from ({@code sf_help_articles}). */
public interface HelpArticles {

  /** Adds or replaces a help article; returns true when it was new. */
  boolean upsertArticle(HelpArticle article);

  /** All stored help articles (at most {@code limit}), newest first. */
  List<HelpArticle> articles(int limit);

  record HelpArticle(String id, String title, String body, String url, String locale, long updatedAtMs) {}
}
