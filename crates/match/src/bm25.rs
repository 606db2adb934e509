//! Okapi BM25 over matching terms ([`crate::normalise::terms`]).
//!
//! Two uses: [`Index`] is an in-memory index (evaluation, clustering of a desk's claims, tests);
//! [`score`] scores one document against a query with collection statistics from anywhere — the
//! store answers [`Stats`] from its own tables, so the figures the re-ranker sees are the same on
//! SQLite and PostgreSQL whichever engine found the candidates.
//!
//! Parameters are the usual k1 = 1.2, b = 0.75 (Robertson & Zaragoza 2009); idf is
//! `ln(1 + (N − df + 0.5) / (df + 0.5))` (always positive, as Lucene's). Query terms count once.

use std::collections::HashMap;

/// Term-frequency saturation.
pub const K1: f64 = 1.2;
/// Length normalisation.
pub const B: f64 = 0.75;

/// Collection statistics BM25 needs.
pub trait Stats {
    /// Number of documents in the collection.
    fn docs(&self) -> u64;
    /// Mean document length in terms (> 0 for a non-empty collection).
    fn avg_len(&self) -> f64;
    /// Number of documents holding `term`.
    fn df(&self, term: &str) -> u64;
}

/// Statistics held in a table, as a store returns them: documents, mean length and the document
/// frequency of the terms asked (a term not held counts 0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsTable {
    /// Number of documents.
    pub docs: u64,
    /// Mean document length in terms.
    pub avg_len: f64,
    /// Document frequency per term.
    pub df: HashMap<String, u64>,
}

impl Stats for StatsTable {
    fn docs(&self) -> u64 {
        self.docs
    }
    fn avg_len(&self) -> f64 {
        self.avg_len
    }
    fn df(&self, term: &str) -> u64 {
        self.df.get(term).copied().unwrap_or(0)
    }
}

/// Inverse document frequency of a term held by `df` of `n` documents.
pub fn idf(n: u64, df: u64) -> f64 {
    let (n, df) = (n as f64, df.min(n) as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The distinct terms of a query, in first-seen order.
pub fn unique(terms: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    terms
        .iter()
        .map(String::as_str)
        .filter(|t| seen.insert(*t))
        .collect()
}

/// Per-term BM25 contributions of `doc` (its terms, repeats kept) for `query`: one
/// `(term, weight)` per query term found in the document, in query order. Their sum is the score.
pub fn contributions<'q>(
    query: &[&'q str],
    doc: &[String],
    stats: &dyn Stats,
) -> Vec<(&'q str, f64)> {
    contributions_tf(query, &term_frequencies(doc), doc.len(), stats)
}

/// Term → frequency in one document, with a fixed fast hasher (no order is ever read from it).
pub type TermFrequencies = HashMap<String, u32, foldhash::fast::FixedState>;

/// The term frequencies of a term list (its repeats counted).
pub fn term_frequencies(doc: &[String]) -> TermFrequencies {
    let mut tf = TermFrequencies::default();
    for t in doc {
        if let Some(f) = tf.get_mut(t.as_str()) {
            *f += 1;
        } else {
            tf.insert(t.clone(), 1);
        }
    }
    tf
}

/// As [`contributions`], from the document's term frequencies (`tf`, see [`term_frequencies`])
/// and its length in terms (`len`), computed once per document when it is scored many times.
pub fn contributions_tf<'q>(
    query: &[&'q str],
    tf: &TermFrequencies,
    len: usize,
    stats: &dyn Stats,
) -> Vec<(&'q str, f64)> {
    let avg = stats.avg_len().max(1e-9);
    let norm = K1 * (1.0 - B + B * len as f64 / avg);
    query
        .iter()
        .filter_map(|q| {
            let f = f64::from(*tf.get(*q)?);
            let w = idf(stats.docs(), stats.df(q)) * f * (K1 + 1.0) / (f + norm);
            Some((*q, w))
        })
        .collect()
}

/// The BM25 score of `doc` for `query` (distinct query terms).
pub fn score(query: &[&str], doc: &[String], stats: &dyn Stats) -> f64 {
    contributions(query, doc, stats)
        .iter()
        .map(|(_, w)| w)
        .sum()
}

/// The query's self-match: its score as if it were a document of the collection. Dividing a
/// candidate's score by it gives a figure comparable across queries (1 ≈ as good as the query
/// matching itself).
pub fn self_score(query_terms: &[String], stats: &dyn Stats) -> f64 {
    score(&unique(query_terms), query_terms, stats)
}

/// An in-memory inverted index of term lists.
#[derive(Debug, Default, Clone)]
pub struct Index {
    postings: HashMap<String, Vec<(u32, u32)>>,
    docs: Vec<Vec<String>>,
    total_len: u64,
}

impl Stats for Index {
    fn docs(&self) -> u64 {
        self.docs.len() as u64
    }
    fn avg_len(&self) -> f64 {
        self.total_len as f64 / self.docs.len().max(1) as f64
    }
    fn df(&self, term: &str) -> u64 {
        self.postings.get(term).map_or(0, |p| p.len() as u64)
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document; returns its number (0, 1, 2, … in order of adding).
    pub fn add(&mut self, terms: Vec<String>) -> usize {
        let id = self.docs.len() as u32;
        let mut tf: HashMap<&str, u32> = HashMap::new();
        for t in &terms {
            *tf.entry(t.as_str()).or_default() += 1;
        }
        for (t, f) in tf {
            self.postings.entry(t.to_owned()).or_default().push((id, f));
        }
        self.total_len += terms.len() as u64;
        self.docs.push(terms);
        id as usize
    }

    /// The terms of document `id`.
    pub fn doc(&self, id: usize) -> &[String] {
        &self.docs[id]
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The `k` best documents for `query` by BM25, best first, as `(doc, score)`; ties by
    /// document number. Documents sharing no term are never returned.
    pub fn search(&self, query: &[String], k: usize) -> Vec<(usize, f64)> {
        let avg = self.avg_len().max(1e-9);
        let mut acc: HashMap<u32, f64> = HashMap::new();
        for q in unique(query) {
            let Some(p) = self.postings.get(q) else {
                continue;
            };
            let w = idf(self.docs(), p.len() as u64);
            for &(d, f) in p {
                let f = f64::from(f);
                let len = self.docs[d as usize].len() as f64;
                let norm = K1 * (1.0 - B + B * len / avg);
                *acc.entry(d).or_default() += w * f * (K1 + 1.0) / (f + norm);
            }
        }
        let mut out: Vec<(usize, f64)> = acc.into_iter().map(|(d, s)| (d as usize, s)).collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::terms;

    #[test]
    fn search_agrees_with_score_and_ranks_the_closer_document_first() {
        let mut ix = Index::new();
        for t in [
            "وفاة 12 شخصا في حريق مستشفى بغداد",
            "لقاح كورونا يسبب العقم",
            "حريق في سوق شعبي",
        ] {
            ix.add(terms(t));
        }
        let q = terms("حريق مستشفى في بغداد");
        let hits = ix.search(&q, 10);
        assert_eq!(hits[0].0, 0);
        assert_eq!(hits.len(), 2, "the vaccine claim shares no term");
        let direct = score(&unique(&q), ix.doc(0), &ix);
        assert!((direct - hits[0].1).abs() < 1e-9);
        assert!(self_score(&q, &ix) > 0.0);
    }
}
