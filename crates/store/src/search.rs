//! Full-text search: the FTS5 index `claims_fts` (rowid = claim id; columns `text` and
//! `title`), what goes into it, and how a user's query is turned into an FTS5 query.
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
//! words is harmless; a malformed query is [`StoreError::BadQuery`] with a plain message.

use claimtrack_model::fold::{fold, is_word_char};
use rusqlite::{params, Connection};

use crate::{Result, StoreError};

/// Minimum number of characters before a prefix `*` (shorter prefixes match too much to rank).
pub const MIN_PREFIX: usize = 3;

/// Proclitics + definite article stripped for the second indexed form, longest first.
const ARTICLES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];

/// The text stored in the index for `s`: its folded form, then (after a newline) the
/// article-less forms of its words that carry the definite article.
pub(crate) fn index_text(s: &str) -> String {
    let folded = fold(s);
    let mut extra = Vec::new();
    for word in folded.split(|c: char| !(c.is_alphanumeric() || is_word_char(c))) {
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

/// Writes the index row of one claim (replacing any previous one).
pub(crate) fn index_claim(
    conn: &Connection,
    claim_id: i64,
    text: &str,
    title: Option<&str>,
) -> Result<()> {
    conn.execute("DELETE FROM claims_fts WHERE rowid = ?1", [claim_id])?;
    conn.execute(
        "INSERT INTO claims_fts (rowid, text, title) VALUES (?1, ?2, ?3)",
        params![claim_id, index_text(text), index_text(title.unwrap_or(""))],
    )?;
    Ok(())
}

/// Rebuilds the whole index from `claims` and `articles` (migration 2; repair).
pub(crate) fn reindex_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM claims_fts", [])?;
    let mut stmt = conn.prepare(
        "SELECT c.id, c.text, a.title FROM claims c JOIN articles a ON a.id = c.article_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, text, title) = row?;
        index_claim(conn, id, &text, title.as_deref())?;
    }
    Ok(())
}

/// Claims whose index row differs from what [`index_text`] gives today, plus index rows
/// without a claim: one message each (empty = in sync).
pub(crate) fn check_index(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT c.id, c.text, a.title, f.text, f.title FROM claims c \
         JOIN articles a ON a.id = c.article_id \
         LEFT JOIN claims_fts f ON f.rowid = c.id ORDER BY c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, text, title, ftext, ftitle) = row?;
        match (ftext, ftitle) {
            (Some(ft), Some(fti)) => {
                if ft != index_text(&text) || fti != index_text(title.as_deref().unwrap_or("")) {
                    problems.push(format!("search index: claim {id} is out of date"));
                }
            }
            _ => problems.push(format!("search index: claim {id} is missing")),
        }
    }
    let orphans: Vec<i64> = conn
        .prepare("SELECT rowid FROM claims_fts WHERE rowid NOT IN (SELECT id FROM claims)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in orphans {
        problems.push(format!("search index: row {id} has no claim"));
    }
    Ok(problems)
}

/// One parsed query: the FTS5 query text and the folded words to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// FTS5 MATCH expression (every word and phrase quoted).
    pub fts: String,
    /// Folded words of the query, with `true` for prefixes.
    pub terms: Vec<(String, bool)>,
}

/// Parses a user query (see the module docs).
///
/// Errors: [`StoreError::BadQuery`] for an empty query, an unclosed quote, a word with nothing
/// searchable in it, or a prefix shorter than [`MIN_PREFIX`].
pub(crate) fn parse_query(query: &str) -> Result<Query> {
    let bad = |reason: &str| StoreError::BadQuery {
        query: query.to_owned(),
        reason: reason.to_owned(),
    };
    let mut parts: Vec<String> = Vec::new();
    let mut terms = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            parts.push(c.to_string());
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
                parts.push(word);
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
    Ok(Query {
        fts: parts.join(" "),
        terms,
    })
}

/// `"folded text"` (plus `*` for a prefix), recording its words in `terms`.
fn quoted(
    text: &str,
    prefix: bool,
    bad: &dyn Fn(&str) -> StoreError,
    terms: &mut Vec<(String, bool)>,
) -> Result<String> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || is_word_char(c)))
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
    let body = words.join(" ");
    Ok(if prefix {
        format!("\"{body}\"*")
    } else {
        format!("\"{body}\"")
    })
}

/// Maps an FTS5 syntax error of a parsed query to [`StoreError::BadQuery`].
pub(crate) fn query_error(query: &str, err: rusqlite::Error) -> StoreError {
    let msg = err.to_string();
    if msg.contains("fts5") || msg.contains("syntax error") || msg.contains("malformed MATCH") {
        StoreError::BadQuery {
            query: query.to_owned(),
            reason: "AND, OR, NOT and parentheses must join words, e.g. 'a OR (b NOT c)'"
                .to_owned(),
        }
    } else {
        StoreError::from(err)
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
        let w = c.is_alphanumeric() || is_word_char(c);
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
