-- The trigram index of V9 filled in bulk behind the writes instead of by a trigger per inserted row (issue 19:
-- that trigger was the largest single cost of the interaction writer). The writer indexes the rows above a
-- watermark, in chunks, in its own transaction (SqliteTextIndex); the search matches the index up to the
-- watermark and scans the few rows above it.
-- Invariant: a row of sf_interactions is in sf_interactions_fts if and only if its rowid <= indexed_rowid. Every
-- statement below keeps it: issuing FTS5's 'delete' for a row that was never indexed corrupts an external-content
-- index ("database disk image is malformed"), so the delete and update triggers act only on indexed rows.
CREATE TABLE sf_interactions_fts_mark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_rowid INTEGER NOT NULL
);
-- V9's trigger indexed every row there is.
INSERT INTO sf_interactions_fts_mark (id, indexed_rowid) SELECT 1, COALESCE(MAX(rowid), 0) FROM sf_interactions;

DROP TRIGGER sf_interactions_fts_insert;
DROP TRIGGER sf_interactions_fts_delete;
DROP TRIGGER sf_interactions_fts_update;

-- SQLite gives a new row MAX(rowid) + 1. When the newest rows are deleted, that number could fall at or below the
-- watermark for a row that is not indexed: so after any delete the watermark comes down to the highest rowid left
-- when it is above it (the rows between are gone, and every row at or below it is still indexed). One trigger,
-- so that the 'delete' is decided against the watermark before it moves.
CREATE TRIGGER sf_interactions_fts_delete AFTER DELETE ON sf_interactions BEGIN
  INSERT INTO sf_interactions_fts (sf_interactions_fts, rowid, input_text, output_text)
    SELECT 'delete', old.rowid, old.input_text, old.output_text
    WHERE old.rowid <= (SELECT indexed_rowid FROM sf_interactions_fts_mark);
  UPDATE sf_interactions_fts_mark SET indexed_rowid = (SELECT COALESCE(MAX(rowid), 0) FROM sf_interactions)
    WHERE indexed_rowid > (SELECT COALESCE(MAX(rowid), 0) FROM sf_interactions);
END;
-- An indexed row whose texts change is indexed again (its rowid does not change: nothing updates rowids).
CREATE TRIGGER sf_interactions_fts_update AFTER UPDATE OF input_text, output_text ON sf_interactions
  WHEN old.rowid <= (SELECT indexed_rowid FROM sf_interactions_fts_mark) BEGIN
  INSERT INTO sf_interactions_fts (sf_interactions_fts, rowid, input_text, output_text)
    VALUES ('delete', old.rowid, old.input_text, old.output_text);
  INSERT INTO sf_interactions_fts (rowid, input_text, output_text) VALUES (new.rowid, new.input_text, new.output_text);
END;

-- After a VACUUM that renumbered rowids (SQLite may, as V9 says), rebuild the index and move the watermark with it:
--   INSERT INTO sf_interactions_fts (sf_interactions_fts) VALUES ('rebuild');
--   UPDATE sf_interactions_fts_mark SET indexed_rowid = (SELECT COALESCE(MAX(rowid), 0) FROM sf_interactions);
