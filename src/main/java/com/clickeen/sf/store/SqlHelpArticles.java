package com.clickeen.sf.store;

import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link HelpArticles} on the SQL index. */
record SqlHelpArticles(SqlIndex sql) implements HelpArticles {
  private static final RowMapper<HelpArticle> ARTICLE = ConstructorMapper.of(HelpArticle.class);

  @Override
  public boolean upsertArticle(HelpArticle a) {
    return sql.inTransaction("storing help article " + a.id(), h -> {
      boolean existed = h.createQuery("SELECT 1 FROM sf_help_articles WHERE id = :id").bind("id", a.id())
          .mapTo(Integer.class).findFirst().isPresent();
      h.createUpdate("INSERT INTO sf_help_articles (id, title, body, url, locale, updated_at_ms) "
              + "VALUES (:id, :title, :body, :url, :locale, :updatedAtMs) ON CONFLICT (id) DO UPDATE SET "
              + "title = excluded.title, body = excluded.body, url = excluded.url, locale = excluded.locale, "
              + "updated_at_ms = excluded.updated_at_ms")
          .bindMethods(a).execute();
      return !existed;
    });
  }

  @Override
  public List<HelpArticle> articles(int limit) {
    return sql.call("reading help articles", h -> h.createQuery("SELECT id, title, body, url, locale, updated_at_ms "
        + "FROM sf_help_articles ORDER BY updated_at_ms DESC, id LIMIT :limit").bind("limit", limit).map(ARTICLE).list());
  }
}
