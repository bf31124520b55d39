-- A live fork (counterfactual) keeps the exercise it was made from and the sim time it parts at,
-- instead of having its origin guessed from its id. Forks made before this migration were named
-- `<origin>-fork-<n>`: their origin is filled in from that name when the origin is in this database
-- (the longest matching id, so a fork of a fork points at its own parent); their fork time is not
-- known and stays NULL (the report finds where the two logs part by comparing them).
ALTER TABLE exercises ADD COLUMN fork_of TEXT REFERENCES exercises(id);
ALTER TABLE exercises ADD COLUMN fork_at INTEGER;
UPDATE exercises SET fork_of = (
  SELECT o.id FROM exercises AS o
  WHERE o.id <> exercises.id
    AND substr(exercises.id, 1, length(o.id) + 6) = o.id || '-fork-'
    AND length(exercises.id) > length(o.id) + 6
    AND substr(exercises.id, length(o.id) + 7) NOT GLOB '*[^0-9]*'
  ORDER BY length(o.id) DESC LIMIT 1
)
WHERE id GLOB '*-fork-[0-9]*';
CREATE INDEX exercises_by_fork_of ON exercises (fork_of) WHERE fork_of IS NOT NULL;
