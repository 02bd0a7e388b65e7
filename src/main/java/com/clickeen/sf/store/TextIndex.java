package com.clickeen.sf.store;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * How a SQL backend serves the admin's text search, a case-insensitive substring of {@code input_text} or
 * {@code output_text} (the LIKE in {@link InteractionReads#search} decides in every case), and keeps its index.
 */
interface TextIndex {
  /** Brings the index up to date after rows were inserted into {@code sf_interactions}, in their transaction. */
  void afterInserts(Handle h);

  /**
   * A condition on {@code sf_interactions} that every row holding {@code text} meets, for the search to lead
   * with, its parameters put in {@code binds}; or null, when the LIKE is better left to read the rows itself.
   */
  String candidates(Handle h, String text, Map<String, Object> binds);

  /** PostgreSQL: its GIN trigram indexes (V9) serve the LIKE itself, and the database keeps them in step. */
  TextIndex OF_THE_LIKE = new TextIndex() {
    @Override
    public void afterInserts(Handle h) {
      // kept by PostgreSQL with each row
    }

    @Override
    public String candidates(Handle h, String text, Map<String, Object> binds) {
      return null;
    }

    @Override
    public String toString() {
      return "the LIKE's own (pg_trgm GIN)";
    }
  };
}
