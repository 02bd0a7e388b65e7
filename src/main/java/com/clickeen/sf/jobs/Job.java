package com.clickeen.sf.jobs;

import com.clickeen.sf.learning.Progress;

/** A scheduled job: a name, a cron schedule (seconds first, as db-scheduler reads it) and the work. */
public interface Job {
  String name();

  String description();

  /** Six-field cron, e.g. {@code 0 0 3 * * *} for daily at 03:00, in the configured time zone. */
  String cron();

  /** Does the work; returns a one-line account of what it did. Throws to report failure (it is retried). */
  String run(Progress progress) throws Exception;
}
