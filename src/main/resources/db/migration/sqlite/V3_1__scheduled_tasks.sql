-- Until V3.1 this table was created by V3; IF NOT EXISTS keeps databases made then as they are.
-- db-scheduler's table (times as epoch milliseconds on SQLite).
CREATE TABLE IF NOT EXISTS scheduled_tasks (
  task_name TEXT NOT NULL,
  task_instance TEXT NOT NULL,
  task_data BLOB,
  execution_time INTEGER NOT NULL,
  picked INTEGER NOT NULL,
  picked_by TEXT,
  last_success INTEGER,
  last_failure INTEGER,
  consecutive_failures INTEGER,
  last_heartbeat INTEGER,
  version INTEGER NOT NULL,
  priority INTEGER,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
