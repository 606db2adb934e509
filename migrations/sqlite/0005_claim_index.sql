-- 0005_claim_index: the desk's check-worthy claims indexed for clustering at import, so that a
-- batch of new claims finds its neighbours without reading the whole desk.
--
-- Append-only: never edit this file once it has landed. Applied inside the same BEGIN IMMEDIATE
-- transaction as `PRAGMA user_version = 5`. Same schema as migrations/postgres/0005_claim_index.sql.
-- Derived data: rebuilt from the claims (claimtrack_match computes terms and keys), never copied.

-- The matching terms of each indexed claim (claimtrack_match::normalise::terms), space-separated.
CREATE TABLE claim_index (
    claim_id   INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE RESTRICT,
    terms      TEXT NOT NULL,
    term_count INTEGER NOT NULL CHECK (term_count >= 0)
);

-- MinHash band keys of each indexed claim (claimtrack_match::signature): two claims sharing a
-- key are clustering candidates. Looked up by key, newest claims first.
CREATE TABLE claim_bands (
    band     INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    PRIMARY KEY (band, claim_id)
) WITHOUT ROWID;

-- Document frequency of each term over `claim_index` (BM25 statistics of the desk).
CREATE TABLE claim_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL CHECK (df >= 0)
) WITHOUT ROWID;

-- Totals of `claim_index` (one row): claims and their terms; the band-key scheme the keys were
-- made with; `pending` = 1 while check-worthy claims stored before the index existed (or copied
-- by `db copy`) may be missing from it, so that the next clustering indexes them first.
CREATE TABLE claim_index_totals (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    docs    INTEGER NOT NULL CHECK (docs >= 0),
    terms   INTEGER NOT NULL CHECK (terms >= 0),
    scheme  TEXT NOT NULL,
    pending INTEGER NOT NULL CHECK (pending IN (0, 1))
);
INSERT INTO claim_index_totals (id, docs, terms, scheme, pending)
VALUES (1, 0, 0, 'minhash-terms-fnv1a-splitmix-8x3',
        (SELECT EXISTS (SELECT 1 FROM claims WHERE check_worthy = 1)));
