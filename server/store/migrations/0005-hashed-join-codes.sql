-- Join codes are stored hashed (SHA-256 of the normalised code, written 'sha256:<hex>'); rows from
-- before this migration keep their plain code and are still found. A server secret (random, made on
-- first use) derives the demo exercise's codes, so they can be printed at every start without being
-- stored in the clear.
CREATE TABLE server_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
