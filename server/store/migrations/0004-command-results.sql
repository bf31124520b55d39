-- Commands applied once: the result of every command that carried a client-made id, stored in the
-- same transaction as its events (COMMAND_ACCEPTED / COMMAND_REFUSED carry the id in the log too).
-- A retried or duplicated command with the same id gets this result back, also after a restart.
CREATE TABLE command_results (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  command_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (exercise_id, command_id)
);
