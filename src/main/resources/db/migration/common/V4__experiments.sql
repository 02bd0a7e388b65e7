-- Prompt evolution and experiments: candidates' provenance on prompt versions, experiments, their exposures
-- and their decision log.

-- Where a version came from: NULL for versions added by hand, 'candidate' for proposed ones (never active
-- until an experiment or a person promotes them), with the parent, the report, the proposer and its
-- rationale; gate_json holds the offline gate's last result.
ALTER TABLE sf_prompts ADD COLUMN origin TEXT;
ALTER TABLE sf_prompts ADD COLUMN parent_version INTEGER;
ALTER TABLE sf_prompts ADD COLUMN report_id TEXT;
ALTER TABLE sf_prompts ADD COLUMN proposer TEXT;
ALTER TABLE sf_prompts ADD COLUMN rationale TEXT;
ALTER TABLE sf_prompts ADD COLUMN gate_json TEXT;

CREATE TABLE sf_experiments (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  control_version INTEGER NOT NULL,
  candidate_version INTEGER NOT NULL,
  traffic ${double} NOT NULL,
  metric TEXT NOT NULL,
  maturity_ms ${bigint} NOT NULL,
  max_duration_ms ${bigint} NOT NULL,
  auto_promote INTEGER NOT NULL,
  status TEXT NOT NULL,
  -- the agent id while the experiment is open (running or paused), NULL once it ended: the unique
  -- constraint lets an agent have at most one open experiment, decided by the database.
  open_agent TEXT UNIQUE,
  started_at_ms ${bigint} NOT NULL,
  ended_at_ms ${bigint},
  decision TEXT
);
CREATE INDEX sf_experiments_agent ON sf_experiments (agent_id, started_at_ms);

-- One row per interaction served inside an experiment: which experiment and which arm.
CREATE TABLE sf_exposures (
  interaction_id TEXT PRIMARY KEY,
  experiment_id TEXT NOT NULL,
  arm TEXT NOT NULL,
  created_at_ms ${bigint} NOT NULL
);
CREATE INDEX sf_exposures_experiment ON sf_exposures (experiment_id);

CREATE TABLE sf_experiment_log (
  id ${autoinc_pk},
  experiment_id TEXT NOT NULL,
  at_ms ${bigint} NOT NULL,
  verdict TEXT NOT NULL,
  applied INTEGER NOT NULL,
  reason TEXT NOT NULL,
  stats_json TEXT NOT NULL
);
CREATE INDEX sf_experiment_log_experiment ON sf_experiment_log (experiment_id, id);
