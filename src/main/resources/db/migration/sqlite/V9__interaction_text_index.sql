-- The admin's text search (case-insensitive substring over input_text and output_text) through a trigram
-- index instead of reading every row of its range (BENCHMARKS.md, "Admin pages"). An external-content FTS5
-- table: it stores only the index, the text stays in sf_interactions, the two joined by rowid.
-- sf_interactions has `id TEXT PRIMARY KEY` and is not WITHOUT ROWID, so it has SQLite's implicit rowid; that
-- rowid is not an alias of a column, and a VACUUM may renumber it: after one, rebuild this index with
-- INSERT INTO sf_interactions_fts(sf_interactions_fts) VALUES('rebuild') (the search rechecks each match
-- against the row's text, so a stale index can miss rows but never return a wrong one).
CREATE VIRTUAL TABLE sf_interactions_fts USING fts5(input_text, output_text, content='sf_interactions',
  content_rowid='rowid', tokenize='trigram');

-- Kept in step with the table; a write that leaves both texts alone (scores, outcomes, reviews) does not touch it.
CREATE TRIGGER sf_interactions_fts_insert AFTER INSERT ON sf_interactions BEGIN
  INSERT INTO sf_interactions_fts (rowid, input_text, output_text) VALUES (new.rowid, new.input_text, new.output_text);
END;
CREATE TRIGGER sf_interactions_fts_delete AFTER DELETE ON sf_interactions BEGIN
  INSERT INTO sf_interactions_fts (sf_interactions_fts, rowid, input_text, output_text)
    VALUES ('delete', old.rowid, old.input_text, old.output_text);
END;
CREATE TRIGGER sf_interactions_fts_update AFTER UPDATE OF input_text, output_text ON sf_interactions BEGIN
  INSERT INTO sf_interactions_fts (sf_interactions_fts, rowid, input_text, output_text)
    VALUES ('delete', old.rowid, old.input_text, old.output_text);
  INSERT INTO sf_interactions_fts (rowid, input_text, output_text) VALUES (new.rowid, new.input_text, new.output_text);
END;

-- The rows already there.
INSERT INTO sf_interactions_fts (sf_interactions_fts) VALUES ('rebuild');
