-- The learning loop's data plane. Outcome flags live on the interaction row so scoring a million
-- interactions reads one table; NULL means "not reported" (counted as not achieved).
ALTER TABLE sf_interactions ADD COLUMN user_id TEXT;
ALTER TABLE sf_interactions ADD COLUMN intent TEXT;
ALTER TABLE sf_interactions ADD COLUMN result_outcome TEXT;
ALTER TABLE sf_interactions ADD COLUMN applied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sf_interactions ADD COLUMN input_text TEXT;
ALTER TABLE sf_interactions ADD COLUMN output_text TEXT;
ALTER TABLE sf_interactions ADD COLUMN example_ids TEXT;
ALTER TABLE sf_interactions ADD COLUMN o_continued INTEGER;
ALTER TABLE sf_interactions ADD COLUMN o_abandoned INTEGER;
ALTER TABLE sf_interactions ADD COLUMN o_follow_up INTEGER;
ALTER TABLE sf_interactions ADD COLUMN o_converted INTEGER;
ALTER TABLE sf_interactions ADD COLUMN o_paid INTEGER;
ALTER TABLE sf_interactions ADD COLUMN o_task_completed INTEGER;
ALTER TABLE sf_interactions ADD COLUMN human_review TEXT;
ALTER TABLE sf_interactions ADD COLUMN user_feedback TEXT;
ALTER TABLE sf_interactions ADD COLUMN needs_score INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sf_interactions ADD COLUMN scored_at_ms INTEGER;
ALTER TABLE sf_interactions ADD COLUMN raw_deleted_at_ms INTEGER;
CREATE INDEX sf_interactions_user_created ON sf_interactions (user_id, created_at_ms);
CREATE INDEX sf_interactions_session_created ON sf_interactions (session_id, created_at_ms);
CREATE INDEX sf_interactions_agent_score ON sf_interactions (agent_id, score);

-- Conversion and payment events for a subject, attributed to its interactions by the event consumers.
CREATE TABLE sf_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  session_id TEXT,
  user_id TEXT,
  occurred_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL,
  attributed_count INTEGER,
  processed_at_ms INTEGER
);

-- Each rebuild of an agent's example bank is a version; examples keep the version they belong to.
CREATE TABLE sf_example_banks (
  agent_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  built_at_ms INTEGER NOT NULL,
  size INTEGER NOT NULL,
  candidates INTEGER NOT NULL,
  PRIMARY KEY (agent_id, version)
);
ALTER TABLE sf_examples ADD COLUMN bank_version INTEGER;
ALTER TABLE sf_examples ADD COLUMN interaction_id TEXT;
ALTER TABLE sf_examples ADD COLUMN intent TEXT;
ALTER TABLE sf_examples ADD COLUMN locale TEXT;
ALTER TABLE sf_examples ADD COLUMN input_text TEXT;
ALTER TABLE sf_examples ADD COLUMN output_text TEXT;
ALTER TABLE sf_examples ADD COLUMN created_at_ms INTEGER;
CREATE INDEX sf_examples_bank ON sf_examples (agent_id, bank_version);

-- Failure reports of analyze-and-improve, per agent and prompt version.
CREATE TABLE sf_reports (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  prompt_id TEXT,
  created_at_ms INTEGER NOT NULL,
  report_json TEXT NOT NULL
);
CREATE INDEX sf_reports_agent ON sf_reports (agent_id, created_at_ms);

-- Every job run, scheduled or by hand: what ran, how it ended, what it did.
CREATE TABLE sf_job_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  trigger TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  finished_at_ms INTEGER,
  status TEXT NOT NULL,
  detail TEXT,
  error TEXT
);
CREATE INDEX sf_job_runs_job ON sf_job_runs (job, started_at_ms);

-- db-scheduler's table (times as epoch milliseconds on SQLite).
CREATE TABLE scheduled_tasks (
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
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
