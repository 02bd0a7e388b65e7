-- San Francisco index schema. The spec's four tables, plus outcomes. Types that differ between SQLite and
-- PostgreSQL are Flyway placeholders, filled in per dialect by SqlDialect.
-- Columns beyond the spec's are there for the learning loop (prompt version, usage, validity).

CREATE TABLE sf_sessions (
  id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  created_at_ms ${bigint} NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  locale TEXT,
  PRIMARY KEY (id, agent_id)
);

CREATE TABLE sf_interactions (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  created_at_ms ${bigint} NOT NULL,
  r2_key TEXT NOT NULL,
  score ${double},
  prompt_id TEXT,
  provider TEXT,
  model TEXT,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  cost_usd ${double},
  latency_ms ${bigint} NOT NULL DEFAULT 0,
  valid INTEGER NOT NULL DEFAULT 1,
  error TEXT,
  subject_kind TEXT,
  subject_id TEXT,
  locale TEXT
);
CREATE INDEX sf_interactions_agent_created ON sf_interactions (agent_id, created_at_ms);
CREATE INDEX sf_interactions_session ON sf_interactions (session_id);

CREATE TABLE sf_prompts (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  prompt_text TEXT NOT NULL,
  created_at_ms ${bigint} NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 0,
  UNIQUE (agent_id, version)
);
-- Exactly one active version per agent.
CREATE UNIQUE INDEX sf_prompts_one_active ON sf_prompts (agent_id) WHERE is_active = 1;

CREATE TABLE sf_examples (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  r2_key TEXT NOT NULL,
  score ${double} NOT NULL,
  tags_json TEXT
);
CREATE INDEX sf_examples_agent ON sf_examples (agent_id, score);

CREATE TABLE sf_outcomes (
  request_id TEXT NOT NULL,
  event TEXT NOT NULL,
  session_id TEXT,
  occurred_at_ms ${bigint} NOT NULL,
  received_at_ms ${bigint} NOT NULL,
  time_to_decision_ms ${bigint},
  account_id_hash TEXT,
  workspace_id_hash TEXT,
  PRIMARY KEY (request_id, event)
);
