-- The exercise server: what a live exercise needs to be resumed after a crash and joined by people.
-- The scenario text is kept with the exercise so a replay never depends on a file that may change.
ALTER TABLE exercises ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE exercises ADD COLUMN scenario_source TEXT;
ALTER TABLE exercises ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exercises ADD COLUMN updated_at TEXT;
-- Uploaded scenarios (files under scenarios/ are read from disk).
ALTER TABLE scenarios ADD COLUMN region_id TEXT;
ALTER TABLE scenarios ADD COLUMN uploaded_at TEXT;
-- Snapshots also carry the engine digest (SHA-256 of its canonical state) at that point.
ALTER TABLE snapshots ADD COLUMN digest TEXT;
-- Join codes: one or more per role; a commander code may be limited to one jurisdiction.
CREATE TABLE join_codes (
  code TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  role TEXT NOT NULL CHECK (role IN ('controller', 'commander', 'observer')),
  jurisdiction_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX join_codes_by_exercise ON join_codes (exercise_id);
