-- The admin's text search (LOWER(input_text) LIKE '%x%' OR LOWER(output_text) LIKE '%x%') through trigram
-- indexes instead of reading every row of its range (BENCHMARKS.md, "Admin pages"). The expressions are the
-- query's own, so the planner can use them for a term of 3 characters or more; the LIKE operator is the
-- built-in one, only the operator class comes from pg_trgm.
-- pg_trgm is a trusted extension since PostgreSQL 13 (a database owner may create it). It is created once per
-- database, in the schema current then; a later schema (another San Francisco in the same database) finds
-- it where it is, so the operator class is named with that schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
DECLARE
  trgm TEXT;
BEGIN
  SELECT n.nspname INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  EXECUTE format('CREATE INDEX sf_interactions_input_trgm ON sf_interactions USING gin (lower(input_text) %I.gin_trgm_ops)', trgm);
  EXECUTE format('CREATE INDEX sf_interactions_output_trgm ON sf_interactions USING gin (lower(output_text) %I.gin_trgm_ops)', trgm);
END
$$;
