-- Who took part in an exercise, for the debrief: one row per joined session (role, name, when they
-- joined and left). The 0001 `participants` table (one code per role) was superseded by join_codes
-- in 0002 and stays empty.
CREATE TABLE participant_sessions (
  id TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  role TEXT NOT NULL CHECK (role IN ('controller', 'commander', 'observer')),
  name TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  left_at TEXT
);
CREATE INDEX participant_sessions_by_exercise ON participant_sessions (exercise_id, joined_at);
