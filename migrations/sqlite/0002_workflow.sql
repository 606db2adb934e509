-- 0002_workflow: assignment, fact-check fields, evidence, notes, a history that records every
-- kind of change (with revision, action, forced/reopen flags and undo links), and the search
-- index.
--
-- Append-only: never edit this file once it has landed. Applied inside the same BEGIN IMMEDIATE
-- transaction as `PRAGMA user_version = 2`; the store then fills `claims_fts` from Rust (the
-- index holds Arabic-folded text computed by claimtrack_model::fold, which SQL cannot call).

-- Tracking state of a claim beyond status and verdict. Texts are stored as typed; NULL = unset.
ALTER TABLE claims ADD COLUMN assignee TEXT CHECK (assignee IS NULL OR assignee <> '');
-- ClaimReview ratingExplanation
ALTER TABLE claims ADD COLUMN explanation TEXT;
-- ClaimReview claimReviewed (a short restatement of the claim)
ALTER TABLE claims ADD COLUMN summary TEXT;
-- ClaimReview url (the published fact-check)
ALTER TABLE claims ADD COLUMN review_url TEXT;
-- ClaimReview datePublished: set by the first move to published, RFC 3339 UTC
ALTER TABLE claims ADD COLUMN published_at TEXT
    CHECK (published_at IS NULL OR published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z');

CREATE INDEX claims_assignee ON claims (assignee);

-- Sources consulted for a claim. A removed row stays (removed_* set) and is hidden from lists;
-- one claim never has the same URL twice among its active rows.
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    url          TEXT NOT NULL CHECK (url <> ''),
    title        TEXT,
    note         TEXT,
    stance       TEXT CHECK (stance IN ('supports', 'refutes', 'context')),
    added_by     TEXT NOT NULL CHECK (added_by <> ''),
    added_at     TEXT NOT NULL CHECK (added_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    removed_at   TEXT CHECK (removed_at IS NULL
                             OR removed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    removed_by   TEXT,
    removed_note TEXT,
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
) STRICT;

CREATE INDEX evidence_claim_id ON evidence (claim_id);
CREATE UNIQUE INDEX evidence_active_url ON evidence (claim_id, url) WHERE removed_at IS NULL;

-- Free comments on a claim. Removal (by undo) hides a note; the row stays.
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    text       TEXT NOT NULL CHECK (text <> ''),
    "by"       TEXT NOT NULL CHECK ("by" <> ''),
    at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    removed_at TEXT,
    removed_by TEXT
) STRICT;

CREATE INDEX notes_claim_id ON notes (claim_id);

-- The history, rebuilt with the columns every kind of change needs (0001's CHECK on `field`
-- only allowed status and verdict). Existing rows keep their ids; each was one change, so its
-- revision is its rank among its claim's rows.
DROP TRIGGER history_no_update;
DROP TRIGGER history_no_delete;

CREATE TABLE history_v2 (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    -- the claim's revision after the change; the entries of one change share it
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    field       TEXT NOT NULL CHECK (field IN ('status', 'verdict', 'explanation', 'summary',
                                               'review_url', 'published_at', 'assignee',
                                               'evidence', 'note')),
    action      TEXT NOT NULL DEFAULT 'set' CHECK (action IN ('set', 'add', 'remove')),
    -- snake_case names for status/verdict, text otherwise; NULL = unset
    from_value  TEXT,
    to_value    TEXT,
    note        TEXT,
    "by"        TEXT NOT NULL CHECK ("by" <> ''),
    at          TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    forced      INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    reopen      INTEGER NOT NULL DEFAULT 0 CHECK (reopen IN (0, 1)),
    -- for an undo: the revision whose change this entry reverts
    undoes      INTEGER CHECK (undoes IS NULL OR undoes >= 1),
    evidence_id INTEGER REFERENCES evidence (id) ON DELETE RESTRICT,
    note_id     INTEGER REFERENCES notes (id) ON DELETE RESTRICT,
    CHECK ((field = 'evidence') = (evidence_id IS NOT NULL)),
    CHECK ((field = 'note') = (note_id IS NOT NULL))
) STRICT;

INSERT INTO history_v2 (id, claim_id, revision, field, action, from_value, to_value, note, "by", at)
SELECT id, claim_id, row_number() OVER (PARTITION BY claim_id ORDER BY id), field, 'set',
       from_value, to_value, note, "by", at
FROM history;

DROP TABLE history;
ALTER TABLE history_v2 RENAME TO history;

CREATE INDEX history_claim_revision ON history (claim_id, revision);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- Full-text search over claims and their article's title. Rowid = claims.id. Both columns hold
-- Arabic-folded text (claimtrack_model::fold) plus the article-less forms of words written
-- with the definite article, so that `حموشي` finds `الحموشي`; written by the store in the same
-- transaction as the claims, checked by `claimtrack db check`.
CREATE VIRTUAL TABLE claims_fts USING fts5 (text, title, tokenize = 'unicode61 remove_diacritics 2');
