package com.clickeen.sf.store;

/**
 * A filtered read of the interaction index, newest first, one page at a time (the admin's browse page). Every
 * field but {@code limit} is optional (null = no filter).
 *
 * @param fromMs created at or after
 * @param toMs created before
 * @param promptId the prompt version id ({@code agent@vN})
 * @param text a substring of the input or the output, case-insensitive
 * @param before the page starts after this row (the last row of the previous page)
 */
public record InteractionQuery(String agentId, Long fromMs, Long toMs, Double minScore, Double maxScore,
    OutcomeFilter outcome, String promptId, String text, Cursor before, int limit) {

  public InteractionQuery {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be 1..500, got " + limit);
    }
  }

  /** Where a page ends: the last row's creation time and id. */
  public record Cursor(long createdAtMs, String id) {}

  /** What an interaction's outcome or review must be. */
  public enum OutcomeFilter {
    INVALID("valid = 0"),
    UNDONE("o_abandoned = 1"),
    CONTINUED("o_continued = 1"),
    CONVERTED("o_converted = 1"),
    PAID("o_paid = 1"),
    REVIEWED_GOOD("human_review = 'good'"),
    REVIEWED_BAD("human_review = 'bad'"),
    GOLDEN("human_review = 'golden'"),
    UNREVIEWED("human_review IS NULL");

    /** A fixed condition (never built from caller text); the SQL adapter's only use of it. */
    final String condition;

    OutcomeFilter(String condition) {
      this.condition = condition;
    }

    /** The name as a URL parameter: {@code reviewed-good}. */
    public String param() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
