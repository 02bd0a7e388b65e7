-- The admin UI's reads on a million interactions (BENCHMARKS.md, "Admin pages"): newest first across agents,
-- two review-queue tiers as partial indexes over what nobody has reviewed yet (the low-score tier reads
-- sf_interactions_agent_score, per agent), the metrics' per-day read of one agent covered by one index, and
-- what each reviewer has already seen (a reviewer never sees an interaction twice).
CREATE INDEX sf_interactions_created ON sf_interactions (created_at_ms);
CREATE INDEX sf_interactions_review_invalid ON sf_interactions (created_at_ms) WHERE valid = 0 AND human_review IS NULL;
CREATE INDEX sf_interactions_review_undone ON sf_interactions (created_at_ms) WHERE o_abandoned = 1 AND human_review IS NULL;
-- The metrics page reads one agent's days from this index alone (no table row is read).
CREATE INDEX sf_interactions_day_stats ON sf_interactions (agent_id, created_at_ms, prompt_id, score, valid, o_abandoned,
  o_converted, cost_usd, latency_ms);

CREATE TABLE sf_review_seen (
  reviewer TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  action TEXT NOT NULL,
  at_ms ${bigint} NOT NULL,
  PRIMARY KEY (reviewer, interaction_id)
);
