-- The admin UI's reads on a million interactions (BENCHMARKS.md, "Admin pages"): newest first across agents,
-- two review-queue tiers as partial indexes over what nobody has reviewed yet (the low-score tier reads
-- sf_interactions_agent_score, per agent), the metrics' per-day read of one agent covered by one index, and
-- what each reviewer has already seen (a reviewer never sees an interaction twice).
CREATE INDEX sf_interactions_created ON sf_interactions (created_at_ms);
CREATE INDEX sf_interactions_review_invalid ON sf_interactions (created_at_ms) WHERE valid = 0 AND human_review IS NULL;
CREATE INDEX sf_interactions_review_undone ON sf_interactions (created_at_ms) WHERE o_abandoned = 1 AND human_review IS NULL;
-- The metrics page reads one agent's days from this index alone (no table row is read). It leaves out the
-- score, which score-interactions writes on every row: the mean scores come from sf_score_days instead.
CREATE INDEX sf_interactions_day_stats ON sf_interactions (agent_id, created_at_ms, prompt_id, valid, o_abandoned,
  o_converted, cost_usd, latency_ms);

-- Scores summed per agent, UTC day (created_at_ms / 86400000) and prompt version, kept by the scores' one
-- writer (Scores.saveScores) in the same transaction: a score the job saved before is taken out, the new
-- one added. Scores imported with a row and never saved by the job are not in it.
CREATE TABLE sf_score_days (
  agent_id TEXT NOT NULL,
  day ${bigint} NOT NULL,
  prompt_id TEXT NOT NULL,
  score_sum ${double} NOT NULL,
  score_n ${bigint} NOT NULL,
  PRIMARY KEY (agent_id, day, prompt_id)
);

CREATE TABLE sf_review_seen (
  reviewer TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  action TEXT NOT NULL,
  at_ms ${bigint} NOT NULL,
  PRIMARY KEY (reviewer, interaction_id)
);
