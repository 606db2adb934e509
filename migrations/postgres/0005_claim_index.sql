-- 0005_claim_index: the desk's check-worthy claims indexed for clustering at import. Same schema
-- as migrations/sqlite/0005_claim_index.sql (read its comments).
--
-- Append-only: never edit this file once it has landed.

CREATE TABLE claim_index (
    claim_id   bigint PRIMARY KEY REFERENCES claims (id) ON DELETE RESTRICT,
    terms      text NOT NULL,
    term_count bigint NOT NULL CHECK (term_count >= 0)
);

CREATE TABLE claim_bands (
    band     bigint NOT NULL,
    claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    PRIMARY KEY (band, claim_id)
);

CREATE TABLE claim_df (
    term text PRIMARY KEY,
    df   bigint NOT NULL CHECK (df >= 0)
);

CREATE TABLE claim_index_totals (
    id      integer PRIMARY KEY CHECK (id = 1),
    docs    bigint NOT NULL CHECK (docs >= 0),
    terms   bigint NOT NULL CHECK (terms >= 0),
    scheme  text NOT NULL,
    pending boolean NOT NULL
);
INSERT INTO claim_index_totals (id, docs, terms, scheme, pending)
VALUES (1, 0, 0, 'minhash-terms-fnv1a-splitmix-8x3',
        EXISTS (SELECT 1 FROM claims WHERE check_worthy));
