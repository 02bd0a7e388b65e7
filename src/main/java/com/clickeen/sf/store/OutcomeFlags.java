package com.clickeen.sf.store;

/**
 * Behavioural and business outcomes, human review and user feedback of an interaction. A null flag means
 * "not reported" (scoring counts it as not achieved).
 */
public record OutcomeFlags(Boolean continued, Boolean abandoned, Boolean followUp, Boolean converted, Boolean paid,
    Boolean taskCompleted, String humanReview, String userFeedback) {
  public static final OutcomeFlags NONE = new OutcomeFlags(null, null, null, null, null, null, null, null);

  /** The flags an outcome event or an attributed business event can set. */
  public enum Flag { CONTINUED, ABANDONED, FOLLOW_UP, CONVERTED, PAID }

  /** These flags with {@code flag} set to true. */
  public OutcomeFlags with(Flag flag) {
    return switch (flag) {
      case CONTINUED -> new OutcomeFlags(true, abandoned, followUp, converted, paid, taskCompleted, humanReview, userFeedback);
      case ABANDONED -> new OutcomeFlags(continued, true, followUp, converted, paid, taskCompleted, humanReview, userFeedback);
      case FOLLOW_UP -> new OutcomeFlags(continued, abandoned, true, converted, paid, taskCompleted, humanReview, userFeedback);
      case CONVERTED -> new OutcomeFlags(continued, abandoned, followUp, true, paid, taskCompleted, humanReview, userFeedback);
      case PAID -> new OutcomeFlags(continued, abandoned, followUp, converted, true, taskCompleted, humanReview, userFeedback);
    };
  }
}
