-- Two indexes that others make redundant, each one more B-tree to update for every interaction written (issue 19):
-- sf_interactions_agent_created (agent_id, created_at_ms) is the leading part of sf_interactions_day_stats (V6),
-- and sf_interactions_session (session_id) of sf_interactions_session_created (V3). The queries that used them
-- were checked with EXPLAIN QUERY PLAN (SQLite) and EXPLAIN (PostgreSQL): they take the longer index, same shape.
DROP INDEX sf_interactions_agent_created;
DROP INDEX sf_interactions_session;
