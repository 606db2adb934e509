-- 0003_claimant: who makes each claim.
--
-- Append-only: never edit this file once it has landed. Applied inside the same BEGIN IMMEDIATE
-- transaction as `PRAGMA user_version = 3`. Claims imported before this migration have no
-- claimant (NULL); re-importing is not needed for anything else to work.

-- The claimant: a serde-serialised model::Entity (a person or organisation mention, its span in
-- articles.text), NULL when the claim names no speaker.
ALTER TABLE claims ADD COLUMN claimant TEXT
    CHECK (claimant IS NULL
           OR (CASE WHEN json_valid(claimant) THEN json_type(claimant) = 'object' ELSE 0 END));
