-- What the grant said about where an interaction came from, as Clickeen records it: its trace.envStage
-- (local, cloud-dev, prod...), its trace.instancePublicId (the widget instance being edited) and its mode
-- (editor or ops). NULL when the grant did not say (and for interactions recorded before this version).
ALTER TABLE sf_interactions ADD COLUMN env_stage TEXT;
ALTER TABLE sf_interactions ADD COLUMN instance_public_id TEXT;
ALTER TABLE sf_interactions ADD COLUMN mode TEXT;
