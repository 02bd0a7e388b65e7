package com.clickeen.sf.jobs;

import com.clickeen.sf.learning.Progress;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs the jobs on their cron schedules with db-scheduler: executions are rows in {@code scheduled_tasks},
 * picked with optimistic locking, so each run happens once across instances sharing the database, and
 * survives restarts. A failed run is retried with exponential backoff (1 min, doubling) and recorded.
 */
public final class JobScheduler implements AutoCloseable {
  private final Scheduler scheduler;

  public JobScheduler(DataSource ds, String dialect, List<Job> jobs, JobRunner runner, Clock clock, ZoneId zone,
      Duration pollingInterval) {
    List<Task<?>> tasks = new ArrayList<>();
    for (Job job : jobs) {
      RecurringTask<Void> task = Tasks.recurring(job.name(), Schedules.cron(job.cron(), zone))
          .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1), 2.0))
          .execute((instance, ctx) -> {
            try {
              runner.run(job, "schedule", Progress.NONE);
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      tasks.add(task);
    }
    var builder = Scheduler.create(ds, List.of())
        .startTasks(tasks.stream().map(t -> (RecurringTask<?>) t).toList())
        .threads(2)
        .pollingInterval(pollingInterval)
        .clock(clock::instant); // no shutdown hook of its own: the application stops it, once
    if ("sqlite".equals(dialect)) {
      builder.jdbcCustomization(new SqliteJdbcCustomization());
    }
    this.scheduler = builder.build();
  }

  public void start() {
    scheduler.start();
  }

  @Override
  public void close() {
    scheduler.stop();
  }

  /** SQLite has no timestamp type: times are stored as epoch milliseconds. */
  static final class SqliteJdbcCustomization extends DefaultJdbcCustomization {
    SqliteJdbcCustomization() {
      super(false);
    }

    @Override
    public String getName() {
      return "SQLite";
    }

    @Override
    public void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
      if (value == null) {
        p.setNull(index, Types.BIGINT);
      } else {
        p.setLong(index, value.toEpochMilli());
      }
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public boolean supportsExplicitQueryLimitPart() {
      return true;
    }

    @Override
    public String getQueryLimitPart(int limit) {
      return " LIMIT " + limit;
    }
  }
}
