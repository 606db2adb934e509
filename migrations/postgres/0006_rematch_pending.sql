-- 0006_rematch_pending: a fact-check inserted or updated in the library whose claims have not
-- been matched against it yet. `factchecks import` sets it in the transaction that stores the
-- fact-check and clears it once the desk's claims are matched again; an import stopped in
-- between (killed, a lock) leaves it set, and the next `factchecks import` or `factchecks
-- rematch` completes the matching (the records, being unchanged by then, would not tell it).
--
-- Append-only: never edit this file once it has landed. Applied in one transaction with the
-- schema version row. Same schema as migrations/sqlite/0006_rematch_pending.sql.

ALTER TABLE factchecks ADD COLUMN rematch_pending boolean NOT NULL DEFAULT false;

-- Few rows are pending at a time (none once an import has finished).
CREATE INDEX factchecks_rematch_pending ON factchecks (id) WHERE rematch_pending;
