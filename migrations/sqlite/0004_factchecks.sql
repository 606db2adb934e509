-- 0004_factchecks: the library of earlier fact-checks, the best match stored with each claim,
-- and the desk's clusters of repeated claims.
--
-- Append-only: never edit this file once it has landed. Applied inside the same BEGIN IMMEDIATE
-- transaction as `PRAGMA user_version = 4`. Same schema as migrations/postgres/0004_factchecks.sql.

-- One earlier fact-check. Imported ones are keyed by `url` (absolute http/https, no fragment);
-- the desk's own claims with a verdict are keyed by `claim_id` and have no URL.
CREATE TABLE factchecks (
    id           INTEGER PRIMARY KEY,
    url          TEXT UNIQUE CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
    claim_id     INTEGER UNIQUE REFERENCES claims (id) ON DELETE RESTRICT,
    claim        TEXT NOT NULL,
    title        TEXT,
    -- the publisher's rating text and numeric value on its scale [worst_rating, best_rating]
    rating       TEXT,
    rating_value REAL,
    best_rating  REAL,
    worst_rating REAL,
    -- our verdict (model::Verdict snake_case) when the rating maps surely, else NULL
    verdict      TEXT,
    publisher    TEXT,
    -- the fact-check's calendar date, YYYY-MM-DD
    published    TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    language     TEXT,
    claimant     TEXT,
    -- matching terms (claimtrack_match::normalise::terms of claim then title), space-separated;
    -- `claim_terms` of them come from the claim
    terms        TEXT NOT NULL,
    claim_terms  INTEGER NOT NULL CHECK (claim_terms >= 0),
    term_count   INTEGER NOT NULL CHECK (term_count >= claim_terms),
    -- the file it was imported from, or 'desk'
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((url IS NULL) <> (claim_id IS NULL))
);

-- The previous state of a fact-check each time a re-import changed it (same URL). Append-only.
CREATE TABLE factcheck_history (
    id           INTEGER PRIMARY KEY,
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id) ON DELETE RESTRICT,
    changed_at   TEXT NOT NULL,
    -- JSON object of the replaced field values
    previous     TEXT NOT NULL CHECK (json_valid(previous))
);

CREATE TRIGGER factcheck_history_no_update BEFORE UPDATE ON factcheck_history
BEGIN
    SELECT RAISE(ABORT, 'factcheck_history is append-only');
END;

CREATE TRIGGER factcheck_history_no_delete BEFORE DELETE ON factcheck_history
BEGIN
    SELECT RAISE(ABORT, 'factcheck_history is append-only');
END;

-- Document frequency of each matching term over `factchecks`, kept by the store in the same
-- transaction as the rows (BM25 statistics, identical on both engines).
CREATE TABLE factcheck_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL CHECK (df >= 0)
) WITHOUT ROWID;

-- Library totals for BM25 (one row): number of fact-checks and of their terms, kept by the store
-- in the same transaction as the rows (a count over the table on every match was the slowest step).
CREATE TABLE factcheck_totals (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    docs  INTEGER NOT NULL CHECK (docs >= 0),
    terms INTEGER NOT NULL CHECK (terms >= 0)
);
INSERT INTO factcheck_totals (id, docs, terms) VALUES (1, 0, 0);

-- Candidate retrieval: FTS5 over the terms. Rowid = factchecks.id.
CREATE VIRTUAL TABLE factcheck_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');

-- The best library match of a claim above the suggest threshold, written at import and by
-- `match`/`factchecks rematch`. No row: nothing above suggest (or never matched).
CREATE TABLE claim_matches (
    claim_id     INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE RESTRICT,
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id) ON DELETE RESTRICT,
    score        REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    strong       INTEGER NOT NULL CHECK (strong IN (0, 1)),
    matched_at   TEXT NOT NULL
);

-- The cluster of each clustered claim: the smallest claim id of its cluster.
CREATE TABLE claim_clusters (
    claim_id   INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE RESTRICT,
    cluster_id INTEGER NOT NULL
);
CREATE INDEX claim_clusters_cluster ON claim_clusters (cluster_id);
