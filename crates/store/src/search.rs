//! Full-text search: what goes into the index, and how a user's query is turned into an engine
//! query. SQLite: the FTS5 table `claims_fts` (rowid = claim id; columns `text` and `title`).
//! PostgreSQL: the table `claims_search` (`claim_id`, `text`, `title` as in SQLite, plus `doc`, a
//! `tsvector` of the same words built with the `simple` configuration, claim text weighted `A`
//! and title `B`, under a GIN index). Both hold the same folded text; PostgreSQL is given it with
//! every non-word character replaced by a space ([`tokens`]) so that its parser sees exactly the
//! words FTS5 sees (it would otherwise keep `8.3` or `covid-19` whole).
//!
//! Arabic-insensitive matching: both the indexed text and the query words pass through
//! `claimtrack_model::fold::fold` (diacritics, tatweel, alef forms, ى/ي, ة/ه, digits), and each
//! indexed word written with the definite article (`ال`, `وال`, `بال`, `كال`, `فال`, `لل`) is
//! indexed a second time without it, so `حموشي` finds `الحموشي`. The index is written by Rust in
//! the same transaction as the claims (import), never by triggers: SQL cannot call `fold`.
//!
//! Query language (a safe subset of FTS5's): words (implicit AND), `"a phrase"`, a prefix
//! `word*` (at least [`MIN_PREFIX`] characters), `AND`, `OR`, `NOT` (upper case) and
//! parentheses. Every word and phrase is quoted before it reaches FTS5, so punctuation inside
//! words is harmless; a malformed query is [`StoreError::BadQuery`] with a plain message. The
//! same parse gives a `tsquery` for PostgreSQL (`'w'`, `'w':*` for a prefix, `<->` between the
//! words of a phrase, `&`, `|`, `& !` for NOT), with FTS5's precedence (NOT, then AND, then OR).

use crate::db::{Db, Kind, Val};
use crate::{Result, StoreError};
use claimtrack_model::fold::{fold, is_word_char};

/// Minimum number of characters before a prefix `*` (shorter prefixes match too much to rank).
pub const MIN_PREFIX: usize = 3;

/// Proclitics + definite article stripped for the second indexed form, longest first.
const ARTICLES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];

/// The text stored in the index for `s`: its folded form, then (after a newline) the
/// article-less forms of its words that carry the definite article.
pub(crate) fn index_text(s: &str) -> String {
    let folded = fold(s);
    let mut extra = Vec::new();
    for word in folded.split(|c: char| !(is_word_char(c) || c.is_alphanumeric())) {
        if let Some(stem) = strip_article(word) {
            extra.push(stem);
        }
    }
    if extra.is_empty() {
        folded
    } else {
        format!("{folded}\n{}", extra.join(" "))
    }
}

/// `word` without a leading definite article, when what remains has at least 2 letters.
fn strip_article(word: &str) -> Option<&str> {
    ARTICLES
        .iter()
        .find_map(|a| word.strip_prefix(a))
        .filter(|rest| rest.chars().count() >= 2)
}

/// `s` as words separated by single spaces (words as the query parser splits them), each
/// passed through [`ts_norm`]: the text PostgreSQL's `to_tsvector` is given.
pub(crate) fn tokens(s: &str) -> String {
    s.split(|c: char| !(is_word_char(c) || c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(ts_norm)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word as both engines compare it: FTS5's `unicode61 remove_diacritics 2` lower-cases and
/// drops diacritics from Latin letters (`Élan` matches `elan`); PostgreSQL's `simple`
/// configuration only lower-cases, and only ASCII in a C-locale database, so the store does
/// both in Rust for the words it gives PostgreSQL (index and query alike).
pub(crate) fn ts_norm(w: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    w.nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .flat_map(char::to_lowercase)
        .nfc()
        .collect()
}

/// PostgreSQL's `doc` expression for index texts given as parameters `$a` (text) and `$b`
/// (title), both already passed through [`tokens`].
fn pg_doc(a: usize, b: usize) -> String {
    format!("setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B')")
}

/// Rows per multi-row INSERT into the PostgreSQL index (5 parameters each).
const PG_INDEX_BATCH: usize = 500;

/// Writes the index rows of claims `(id, text, title)` that have none yet (new claims, or
/// every claim after the index was emptied): on SQLite one prepared INSERT per claim
/// (in-process, no round trip; no DELETE first, which cost an FTS5 look-up per claim), on
/// PostgreSQL multi-row INSERTs that replace any row of the same claim.
pub(crate) fn index_claims(db: &mut dyn Db, claims: &[(i64, &str, Option<&str>)]) -> Result<()> {
    match db.kind() {
        Kind::Sqlite => {
            // The claims of an article share its title: fold it once, not once per claim.
            let mut folded_title: Option<(Option<&str>, String)> = None;
            for &(id, text, title) in claims {
                let ti = match &folded_title {
                    Some((t, folded)) if *t == title => folded.clone(),
                    _ => {
                        let folded = index_text(title.unwrap_or(""));
                        folded_title = Some((title, folded.clone()));
                        folded
                    }
                };
                db.exec(
                    "INSERT INTO claims_fts (rowid, text, title) VALUES ($1, $2, $3)",
                    &[id.into(), index_text(text).into(), ti.into()],
                )?;
            }
        }
        Kind::Postgres => {
            for chunk in claims.chunks(PG_INDEX_BATCH) {
                let mut params = Vec::with_capacity(chunk.len() * 5);
                let mut rows = Vec::with_capacity(chunk.len());
                for (i, &(id, text, title)) in chunk.iter().enumerate() {
                    let (t, ti) = (index_text(text), index_text(title.unwrap_or("")));
                    let b = i * 5;
                    rows.push(format!(
                        "(${}, ${}, ${}, {})",
                        b + 1,
                        b + 2,
                        b + 3,
                        pg_doc(b + 4, b + 5)
                    ));
                    let (tt, tti) = (tokens(&t), tokens(&ti));
                    params.extend([
                        Val::Int(id),
                        Val::Text(t),
                        Val::Text(ti),
                        Val::Text(tt),
                        Val::Text(tti),
                    ]);
                }
                let sql = format!(
                    "INSERT INTO claims_search (claim_id, text, title, doc) VALUES {} \
                     ON CONFLICT (claim_id) DO UPDATE SET text = EXCLUDED.text, \
                     title = EXCLUDED.title, doc = EXCLUDED.doc",
                    rows.join(", ")
                );
                db.exec(&sql, &params)?;
            }
        }
    }
    Ok(())
}

/// Rebuilds the whole index from `claims` and `articles` (migration 2; repair).
pub(crate) fn reindex_all(db: &mut dyn Db) -> Result<()> {
    let table = match db.kind() {
        Kind::Sqlite => "claims_fts",
        Kind::Postgres => "claims_search",
    };
    db.exec(&format!("DELETE FROM {table}"), &[])?;
    let rows = db.query(
        "SELECT c.id, c.text, a.title FROM claims c JOIN articles a ON a.id = c.article_id",
        &[],
    )?;
    let claims = rows
        .iter()
        .map(|r| Ok((r.i64(0)?, r.text(1)?, r.opt_text(2)?)))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<(i64, &str, Option<&str>)> = claims
        .iter()
        .map(|(id, t, ti)| (*id, t.as_str(), ti.as_deref()))
        .collect();
    index_claims(db, &refs)
}

/// Claims whose index row differs from what [`index_text`] gives today (on PostgreSQL also a
/// `doc` that differs from the one built from it), plus index rows without a claim: one
/// message each (empty = in sync).
pub(crate) fn check_index(db: &mut dyn Db) -> Result<Vec<String>> {
    let (table, key) = match db.kind() {
        Kind::Sqlite => ("claims_fts", "rowid"),
        Kind::Postgres => ("claims_search", "claim_id"),
    };
    let mut problems = Vec::new();
    let rows = db.query(
        &format!(
            "SELECT c.id, c.text, a.title, f.text, f.title FROM claims c \
             JOIN articles a ON a.id = c.article_id \
             LEFT JOIN {table} f ON f.{key} = c.id ORDER BY c.id"
        ),
        &[],
    )?;
    for row in rows {
        let (id, text, title) = (row.i64(0)?, row.text(1)?, row.opt_text(2)?);
        match (row.opt_text(3)?, row.opt_text(4)?) {
            (Some(ft), Some(fti)) => {
                let (t, ti) = (
                    index_text(&text),
                    index_text(title.as_deref().unwrap_or("")),
                );
                if ft != t || fti != ti {
                    problems.push(format!("search index: claim {id} is out of date"));
                } else if db.kind() == Kind::Postgres {
                    let same = db
                        .query_one(
                            &format!(
                                "SELECT doc = ({}) FROM claims_search WHERE claim_id = $3",
                                pg_doc(1, 2)
                            ),
                            &[tokens(&t).into(), tokens(&ti).into(), id.into()],
                        )?
                        .bool(0)?;
                    if !same {
                        problems.push(format!("search index: claim {id} is out of date"));
                    }
                }
            }
            _ => problems.push(format!("search index: claim {id} is missing")),
        }
    }
    let orphans = db.query(
        &format!("SELECT {key} FROM {table} WHERE {key} NOT IN (SELECT id FROM claims)"),
        &[],
    )?;
    for row in orphans {
        problems.push(format!("search index: row {} has no claim", row.i64(0)?));
    }
    Ok(problems)
}

/// The SQL (a subquery yielding claim ids) that selects the claims matching parameter `$n`,
/// which holds [`Query::engine_query`].
pub(crate) fn matching_ids(kind: Kind, n: usize) -> String {
    match kind {
        Kind::Sqlite => format!("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ${n}"),
        Kind::Postgres => {
            format!("SELECT claim_id FROM claims_search WHERE doc @@ to_tsquery('simple', ${n})")
        }
    }
}

/// A CTE body `hits(id, rank)` for parameter `$1` (the engine query), best match = lowest rank:
/// FTS5's BM25 (claim text weighted 4, title 1) on SQLite; minus `ts_rank` with weights A = 1
/// (claim text) and B = 0.25 (title), divided by the document length (normalization 2, the
/// closest to BM25's preference for short matches) on PostgreSQL.
pub(crate) fn hits_cte(kind: Kind) -> &'static str {
    match kind {
        Kind::Sqlite => {
            "SELECT rowid AS id, bm25(claims_fts, 4.0, 1.0) AS rank \
             FROM claims_fts WHERE claims_fts MATCH $1"
        }
        Kind::Postgres => {
            "SELECT claim_id AS id, \
             -ts_rank('{0, 0, 0.25, 1}', doc, to_tsquery('simple', $1), 2)::float8 AS rank \
             FROM claims_search WHERE doc @@ to_tsquery('simple', $1)"
        }
    }
}

/// One parsed query: the FTS5 query text, the PostgreSQL `tsquery` text and the folded words
/// to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// FTS5 MATCH expression (every word and phrase quoted).
    pub fts: String,
    /// The same query as `to_tsquery('simple', …)` text.
    pub tsquery: String,
    /// Folded words of the query, with `true` for prefixes.
    pub terms: Vec<(String, bool)>,
}

/// Parses a user query (see the module docs).
///
/// Errors: [`StoreError::BadQuery`] for an empty query, an unclosed quote, a word with nothing
/// searchable in it, a prefix shorter than [`MIN_PREFIX`], or parentheses nested deeper than
/// [`MAX_NESTING`].
pub(crate) fn parse_query(query: &str) -> Result<Query> {
    let bad = |reason: &str| StoreError::BadQuery {
        query: query.to_owned(),
        reason: reason.to_owned(),
    };
    let mut parts: Vec<Part> = Vec::new();
    let mut terms = Vec::new();
    let mut chars = query.chars().peekable();
    let mut depth = 0usize;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            if c == '(' {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(bad(&format!(
                        "parentheses nest deeper than {MAX_NESTING} levels; write the query \
                         with fewer levels"
                    )));
                }
            } else {
                depth = depth.saturating_sub(1);
            }
            parts.push(Part::Op(c.to_string()));
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err(bad("a quote is not closed"));
            }
            let prefix = chars.peek() == Some(&'*');
            if prefix {
                chars.next();
            }
            parts.push(quoted(&phrase, prefix, &bad, &mut terms)?);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                    break;
                }
                word.push(c);
                chars.next();
            }
            if matches!(word.as_str(), "AND" | "OR" | "NOT") {
                parts.push(Part::Op(word));
                continue;
            }
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w.to_owned(), true),
                None => (word, false),
            };
            parts.push(quoted(&word, prefix, &bad, &mut terms)?);
        }
    }
    if terms.is_empty() {
        return Err(bad("there is no word to search for"));
    }
    let tsquery = Tsq {
        parts: &parts,
        pos: 0,
    }
    .parse()
    .ok_or_else(|| bad(SYNTAX))?;
    // FTS5 joins only phrases implicitly: `(a OR b) c` needs an explicit AND, which means
    // the same (implicit AND has AND's precedence).
    let mut fts: Vec<&str> = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let ends = |p: &Part| matches!(p, Part::Term(..)) || matches!(p, Part::Op(o) if o == ")");
        let starts = |p: &Part| matches!(p, Part::Term(..)) || matches!(p, Part::Op(o) if o == "(");
        if i > 0 && ends(&parts[i - 1]) && starts(p) {
            let paren = |p: &Part| matches!(p, Part::Op(_));
            if paren(&parts[i - 1]) || paren(p) {
                fts.push("AND");
            }
        }
        fts.push(match p {
            Part::Op(o) => o.as_str(),
            Part::Term(f, _) => f.as_str(),
        });
    }
    Ok(Query {
        fts: fts.join(" "),
        tsquery,
        terms,
    })
}

impl Query {
    /// The query text for `kind`'s engine: FTS5 MATCH text or `to_tsquery` text.
    pub(crate) fn engine_query(&self, kind: Kind) -> String {
        match kind {
            Kind::Sqlite => self.fts.clone(),
            Kind::Postgres => self.tsquery.clone(),
        }
    }
}

/// The deepest nesting of parentheses a query may have: 50 levels. FTS5's own parser has a
/// small stack (200 levels failed there with a misleading syntax message; 60 pass), and the
/// translation to `tsquery` recurses once per level.
pub const MAX_NESTING: usize = 50;

/// What a malformed combination of operators is told.
const SYNTAX: &str = "AND, OR, NOT and parentheses must join words, e.g. 'a OR (b NOT c)'";

/// One piece of a parsed query: an operator or parenthesis, or a term as FTS5 text and as
/// `tsquery` text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Op(String),
    Term(String, String),
}

/// Recursive-descent check and translation of the parts to `tsquery`, with FTS5's grammar:
/// `or := and (OR and)*`, `and := not ([AND] not)*`, `not := prim (NOT prim)*`,
/// `prim := term | ( or )`. `None` when the parts do not form a query.
struct Tsq<'a> {
    parts: &'a [Part],
    pos: usize,
}

impl Tsq<'_> {
    fn parse(mut self) -> Option<String> {
        let q = self.or()?;
        (self.pos == self.parts.len()).then_some(q)
    }

    fn peek_op(&self, op: &str) -> bool {
        matches!(self.parts.get(self.pos), Some(Part::Op(o)) if o == op)
    }

    fn or(&mut self) -> Option<String> {
        let mut q = self.and()?;
        while self.peek_op("OR") {
            self.pos += 1;
            q = format!("( {q} | {} )", self.and()?);
        }
        Some(q)
    }

    fn and(&mut self) -> Option<String> {
        let mut q = self.not()?;
        loop {
            if self.peek_op("AND") {
                self.pos += 1;
            } else if !matches!(self.parts.get(self.pos), Some(Part::Term(..)))
                && !self.peek_op("(")
            {
                return Some(q);
            }
            q = format!("( {q} & {} )", self.not()?);
        }
    }

    fn not(&mut self) -> Option<String> {
        let mut q = self.prim()?;
        while self.peek_op("NOT") {
            self.pos += 1;
            q = format!("( {q} & !{} )", self.prim()?);
        }
        Some(q)
    }

    fn prim(&mut self) -> Option<String> {
        match self.parts.get(self.pos)? {
            Part::Term(_, ts) => {
                self.pos += 1;
                Some(ts.clone())
            }
            Part::Op(o) if o == "(" => {
                self.pos += 1;
                let q = self.or()?;
                if !self.peek_op(")") {
                    return None;
                }
                self.pos += 1;
                Some(q)
            }
            Part::Op(_) => None,
        }
    }
}

/// A word quoted for `to_tsquery` (normalised by [`ts_norm`]).
fn ts_word(w: &str, prefix: bool) -> String {
    let w = ts_norm(w);
    let q = format!("'{}'", w.replace('\\', "\\\\").replace('\'', "''"));
    if prefix {
        format!("{q}:*")
    } else {
        q
    }
}

/// `"folded text"` (plus `*` for a prefix) and its `tsquery` form, recording its words in
/// `terms`.
fn quoted(
    text: &str,
    prefix: bool,
    bad: &dyn Fn(&str) -> StoreError,
    terms: &mut Vec<(String, bool)>,
) -> Result<Part> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !(is_word_char(c) || c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(last) = words.last() else {
        return Err(bad(&format!(
            "'{text}' has no letters or digits to search for"
        )));
    };
    if prefix && last.chars().count() < MIN_PREFIX {
        return Err(bad(&format!(
            "a prefix needs at least {MIN_PREFIX} letters before '*'"
        )));
    }
    // A single word with the article (`الحموشي`) searches its article-less form, which the index
    // holds for every word (bare `حموشي` and `الحموشي` alike), so matching works both ways.
    let stripped: Vec<&str> = if words.len() == 1 {
        vec![strip_article(words[0]).unwrap_or(words[0])]
    } else {
        words.clone()
    };
    if words.len() == 1 && stripped[0] != words[0] {
        terms.push((words[0].to_string(), prefix));
    }
    let words = stripped;
    let n = words.len();
    for (i, w) in words.iter().enumerate() {
        terms.push((w.to_string(), prefix && i + 1 == n));
    }
    let ts = words
        .iter()
        .enumerate()
        .map(|(i, w)| ts_word(w, prefix && i + 1 == n))
        .collect::<Vec<_>>()
        .join(" <-> ");
    let ts = if n > 1 { format!("( {ts} )") } else { ts };
    let body = words.join(" ");
    let fts = if prefix {
        format!("\"{body}\"*")
    } else {
        format!("\"{body}\"")
    };
    Ok(Part::Term(fts, ts))
}

/// Maps an FTS5 syntax error of a parsed query to [`StoreError::BadQuery`] (the parser
/// catches these first; this is the safety net).
pub(crate) fn query_error(query: &str, err: StoreError) -> StoreError {
    let msg = err.to_string();
    if msg.contains("fts5") || msg.contains("syntax error") || msg.contains("malformed MATCH") {
        StoreError::BadQuery {
            query: query.to_owned(),
            reason: SYNTAX.to_owned(),
        }
    } else {
        err
    }
}

/// `text` with every word that matches a query term wrapped in `[` `]`, cut to about
/// `context` words around the first match (`…` marks a cut).
pub(crate) fn highlight(text: &str, terms: &[(String, bool)], context: usize) -> String {
    // Split into alternating word / separator pieces, keeping every byte.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c) || c.is_alphanumeric();
        match in_word {
            Some(prev) if prev != w => {
                pieces.push((&text[start..i], prev));
                start = i;
            }
            _ => {}
        }
        in_word = Some(w);
    }
    if let Some(w) = in_word {
        pieces.push((&text[start..], w));
    }
    let matches = |word: &str| {
        let f = fold(word);
        let stem = strip_article(&f).map(str::to_owned);
        terms.iter().any(|(t, prefix)| {
            [Some(f.as_str()), stem.as_deref()]
                .into_iter()
                .flatten()
                .any(|w| {
                    if *prefix {
                        w.starts_with(t.as_str())
                    } else {
                        w == t
                    }
                })
        })
    };
    let hits: Vec<bool> = pieces.iter().map(|(p, w)| *w && matches(p)).collect();
    let words: Vec<usize> = (0..pieces.len()).filter(|&i| pieces[i].1).collect();
    let first = hits.iter().position(|h| *h).unwrap_or(0);
    let first_word = words.iter().position(|&i| i >= first).unwrap_or(0);
    let (lo, hi) = if words.len() <= 2 * context + 1 {
        (0, pieces.len())
    } else {
        let lo_w = first_word.saturating_sub(context);
        let hi_w = (lo_w + 2 * context + 1).min(words.len());
        let lo_w = hi_w.saturating_sub(2 * context + 1);
        let hi = if hi_w == words.len() {
            pieces.len()
        } else {
            words[hi_w - 1] + 1
        };
        (words[lo_w], hi)
    };
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    for i in lo..hi {
        if hits[i] {
            out.push('[');
            out.push_str(pieces[i].0);
            out.push(']');
        } else {
            out.push_str(pieces[i].0);
        }
    }
    if hi < pieces.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #14 item 10: a query nested beyond FTS5's parser stack failed with the syntax
    /// message ("AND, OR, NOT and parentheses must join words"); now the limit is named, and a
    /// query at the limit runs on FTS5.
    #[test]
    fn nesting_over_the_limit_says_so() {
        let nested = |n: usize| format!("{}الوزير{}", "(".repeat(n), ")".repeat(n));
        let err = parse_query(&nested(MAX_NESTING + 1))
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with(
                "parentheses nest deeper than 50 levels; write the query with fewer levels"
            ),
            "{err}"
        );
        let err = parse_query(&format!("a {} b", "(".repeat(10_000)))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("nest deeper than 50"),
            "no stack overflow either"
        );
        // siblings are not nesting
        assert!(parse_query(&"(الوزير) ".repeat(200)).is_ok());
        let store = crate::Store::open_in_memory().unwrap();
        assert_eq!(
            store.search(&nested(MAX_NESTING), None, None, 5).unwrap(),
            vec![]
        );
    }

    #[test]
    fn index_text_folds_and_adds_article_less_forms() {
        assert_eq!(index_text("الحمُوشي سنة ٢٠٢٥"), "الحموشي سنه 2025\nحموشي");
        assert_eq!(index_text("للأمن"), "للامن\nامن");
        assert_eq!(index_text("ال"), "ال");
    }

    #[test]
    fn queries_are_folded_and_quoted() {
        let q = parse_query("حَمّوشي ٢٠٢٥").unwrap();
        assert_eq!(q.fts, "\"حموشي\" \"2025\"");
        let q = parse_query("\"عبد اللطيف\" OR بومب*").unwrap();
        assert_eq!(q.fts, "\"عبد اللطيف\" OR \"بومب\"*");
        assert_eq!(parse_query("covid-19").unwrap().fts, "\"covid 19\"");
        assert_eq!(
            parse_query("(a OR b) NOT c").unwrap().fts,
            "( \"a\" OR \"b\" ) NOT \"c\""
        );
        assert_eq!(
            parse_query("(a OR b) c (d)").unwrap().fts,
            "( \"a\" OR \"b\" ) AND \"c\" AND ( \"d\" )"
        );
    }

    #[test]
    fn queries_translate_to_tsquery_with_fts5_precedence() {
        let ts = |q: &str| parse_query(q).unwrap().tsquery;
        assert_eq!(ts("a b"), "( 'a' & 'b' )");
        assert_eq!(ts("a OR b c"), "( 'a' | ( 'b' & 'c' ) )");
        assert_eq!(ts("a b NOT c"), "( 'a' & ( 'b' & !'c' ) )");
        assert_eq!(ts("(a OR b) NOT c"), "( ( 'a' | 'b' ) & !'c' )");
        assert_eq!(
            ts("\"عبد اللطيف\" بومب*"),
            "( ( 'عبد' <-> 'اللطيف' ) & 'بومب':* )"
        );
        assert_eq!(ts("\"a bcd\"*"), "( 'a' <-> 'bcd':* )");
        for bad in ["a OR", "NOT a", "(a", "a )", "a AND AND b", "() a"] {
            let err = parse_query(bad).unwrap_err().to_string();
            assert!(err.contains("must join words"), "{bad}: {err}");
        }
    }

    #[test]
    fn tokens_split_like_the_query_parser() {
        assert_eq!(
            tokens("نسبة 8.3 covid-19،  مراكش"),
            "نسبة 8 3 covid 19 مراكش"
        );
        assert_eq!(tokens("Élan café NAÏVE"), "elan cafe naive");
        assert_eq!(parse_query("Café").unwrap().tsquery, "'cafe'");
    }

    #[test]
    fn a_word_with_the_article_searches_its_bare_form() {
        let q = parse_query("الحموشي").unwrap();
        assert_eq!(q.fts, "\"حموشي\"");
        assert!(
            q.terms.iter().any(|(t, _)| t == "الحموشي"),
            "both forms are highlighted"
        );
    }

    #[test]
    fn malformed_queries_are_explained() {
        for (q, reason) in [
            ("", "no word"),
            ("  ", "no word"),
            ("\"abc", "not closed"),
            ("ab*", "at least 3"),
            ("---", "no letters"),
        ] {
            let err = parse_query(q).unwrap_err().to_string();
            assert!(err.contains(reason), "{q:?}: {err}");
        }
    }

    #[test]
    fn highlight_marks_original_words() {
        let terms = vec![("حموشي".to_owned(), false), ("2019".to_owned(), false)];
        assert_eq!(
            highlight("لقاء الحموشي بمايك سنة 2019.", &terms, 10),
            "لقاء [الحموشي] بمايك سنة [2019]."
        );
        let terms = vec![("بومب".to_owned(), true)];
        let long = "a b c d e f بومبيو g h i j k l";
        assert_eq!(highlight(long, &terms, 2), "…e f [بومبيو] g h…");
    }
}
