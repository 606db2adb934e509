-- 0001_init: the initial claimtrack schema.
--
-- Append-only: never edit this file once it has landed; add migrations/0002_*.sql and list it in
-- crates/store/src/migrate.rs. Applied inside one BEGIN IMMEDIATE transaction together with
-- `PRAGMA user_version = 1`. Tables are STRICT; times are RFC 3339 UTC text ending in `Z`; spans
-- are UTF-8 byte offsets into articles.text; enum values are the model's snake_case names.

-- One imported source document. `sha256` (lowercase hex of the text bytes) de-duplicates imports.
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE
                CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    text        TEXT NOT NULL,
    title       TEXT,
    url         TEXT,
    language    TEXT NOT NULL,
    -- the article's local calendar date, YYYY-MM-DD
    published   TEXT CHECK (published IS NULL
                            OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    dateline    TEXT,
    author      TEXT,
    agency      TEXT,
    -- JSON array of strings, in order of appearance
    headings    TEXT NOT NULL DEFAULT '[]'
                CHECK (CASE WHEN json_valid(headings) THEN json_type(headings) = 'array' ELSE 0 END),
    imported_at TEXT NOT NULL CHECK (imported_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    imported_by TEXT NOT NULL
) STRICT;

-- One claim of an article, with its tracking state. `revision` is incremented by every change.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE RESTRICT,
    -- 0-based position of the claim in its article, text order
    seq           INTEGER NOT NULL CHECK (seq >= 0),
    text          TEXT NOT NULL,
    span_start    INTEGER NOT NULL CHECK (span_start >= 0),
    span_end      INTEGER NOT NULL,
    context_start INTEGER NOT NULL CHECK (context_start >= 0),
    context_end   INTEGER NOT NULL,
    score         REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    check_worthy  INTEGER NOT NULL CHECK (check_worthy IN (0, 1)),
    -- model::ClaimKind snake_case name (no CHECK: the importer's vocabulary may grow)
    kind          TEXT NOT NULL,
    -- JSON array of model::Reason snake_case names, strongest first
    reasons       TEXT NOT NULL DEFAULT '[]'
                  CHECK (CASE WHEN json_valid(reasons) THEN json_type(reasons) = 'array' ELSE 0 END),
    -- JSON array of serde-serialised model::Entity, text order
    entities      TEXT NOT NULL DEFAULT '[]'
                  CHECK (CASE WHEN json_valid(entities) THEN json_type(entities) = 'array' ELSE 0 END),
    status        TEXT NOT NULL DEFAULT 'unverified'
                  CHECK (status IN ('unverified', 'in_progress', 'in_review', 'published', 'dismissed')),
    -- NULL = no verdict yet
    verdict       TEXT
                  CHECK (verdict IN ('true', 'mostly_true', 'mixed', 'mostly_false', 'false',
                                     'misleading', 'missing_context', 'satire', 'unverifiable')),
    revision      INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    -- its index (article_id, seq) also serves lookups by article_id and the foreign key
    UNIQUE (article_id, seq),
    CHECK (span_start <= span_end),
    CHECK (context_start <= context_end)
) STRICT;

CREATE INDEX claims_status ON claims (status);

-- The append-only audit trail: one row per change of a claim's status or verdict.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    field      TEXT NOT NULL CHECK (field IN ('status', 'verdict')),
    -- snake_case names; NULL = unset (no verdict yet)
    from_value TEXT,
    to_value   TEXT,
    note       TEXT,
    "by"       TEXT NOT NULL CHECK ("by" <> ''),
    at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT;

CREATE INDEX history_claim_id ON history (claim_id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
