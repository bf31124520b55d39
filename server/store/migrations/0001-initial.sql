-- Initial schema: regions, scenarios, exercises, the event log, snapshots, participants.
CREATE TABLE regions (id TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE scenarios (id TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE exercises (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  region_id TEXT NOT NULL,
  seed INTEGER NOT NULL,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  speed REAL NOT NULL DEFAULT 1,
  sim_time INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE events (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  seq INTEGER NOT NULL,
  sim_time INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (exercise_id, seq)
) WITHOUT ROWID;
CREATE TABLE snapshots (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  seq INTEGER NOT NULL,
  sim_time INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (exercise_id, seq)
);
CREATE TABLE participants (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  role TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  PRIMARY KEY (exercise_id, role)
);
