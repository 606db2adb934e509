-- 0006_rematch_pending: a fact-check inserted or updated in the library whose claims have not
-- been matched against it yet. `factchecks import` sets it in the transaction that stores the
-- fact-check and clears it once the desk's claims are matched again; an import stopped in
-- between (killed, a lock) leaves it set, and the next `factchecks import` or `factchecks
-- rematch` completes the matching (the records, being unchanged by then, would not tell it).
--
-- Append-only: never edit this file once it has landed. Applied inside the same BEGIN IMMEDIATE
-- transaction as `PRAGMA user_version = 6`. Same schema as migrations/postgres/0006_rematch_pending.sql.

ALTER TABLE factchecks ADD COLUMN rematch_pending INTEGER NOT NULL DEFAULT 0
    CHECK (rematch_pending IN (0, 1));

-- Few rows are pending at a time (none once an import has finished).
CREATE INDEX factchecks_rematch_pending ON factchecks (id) WHERE rematch_pending = TRUE;
