//! The re-ranking features of a (query, candidate) pair ([`crate::rank::FEATURES`]), computed
//! from [`Profile`]s: the per-text data the features read (term frequencies, distinct terms,
//! word pairs, letter trigrams, spelling skeletons, facts), derived once per text. Matching
//! profiles each candidate once per query; clustering profiles each claim once per batch and
//! compares it with up to [`crate::cluster::NEIGHBOURS`] others, so the profile is not rebuilt
//! for every pair (it was the bulk of the clustering time).

use std::collections::{HashMap, HashSet};

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use crate::bm25::{self, Stats, TermFrequencies};
use crate::rank::{Doc, Query, DIM};
use crate::signals::{agreement, facts, Facts};
use crate::variants;

/// The fixed seed of the word-pair hashes (any constant: pairs are only compared within a run).
const BIGRAM_SEED: u64 = 0x636c_6169_6d74_726b;

/// What the features read of one text, derived once.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Matching terms (claim then title for a fact-check), repeats kept.
    pub terms: Vec<String>,
    /// How many of `terms` come from the claim (the rest from the title).
    pub claim_terms: usize,
    /// Distinct terms, first-seen order.
    pub unique: Vec<String>,
    /// Term frequencies of `terms`.
    tf: TermFrequencies,
    /// Term frequencies of the claim part, when a title follows it.
    claim_tf: Option<TermFrequencies>,
    /// Term frequencies of the title part (empty when there is no title: see `claim_tf`).
    title_tf: TermFrequencies,
    /// Adjacent term pairs, each as a 64-bit hash of the pair: sorted, distinct. (A collision
    /// between two different pairs of two texts has odds of about 2^-64 per comparison.)
    bigrams: Vec<u64>,
    /// Character trigrams of the terms, each word padded with `#`: sorted, distinct.
    trigrams: Vec<[char; 3]>,
    /// Frequency of each spelling skeleton ([`variants::skeleton`]) of `terms`.
    skeleton_tf: HashMap<String, u32, FixedState>,
    /// The first term of each skeleton (its index in `terms`).
    skeleton_term: HashMap<String, usize, FixedState>,
    /// Numbers, years and names of the raw text.
    pub facts: Facts,
}

impl Profile {
    /// The profile of a term list (`claim_terms` of them from the claim) and its facts.
    pub fn new(terms: Vec<String>, claim_terms: usize, facts: Facts) -> Profile {
        let claim_terms = claim_terms.min(terms.len());
        let unique: Vec<String> = bm25::unique(&terms)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let tf = bm25::term_frequencies(&terms);
        let claim_tf =
            (claim_terms < terms.len()).then(|| bm25::term_frequencies(&terms[..claim_terms]));
        let title_tf = bm25::term_frequencies(&terms[claim_terms..]);
        let hasher = FixedState::with_seed(BIGRAM_SEED);
        let mut bigrams: Vec<u64> = terms
            .windows(2)
            .map(|w| hasher.hash_one((w[0].as_str(), w[1].as_str())))
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let mut trigrams = Vec::new();
        let mut w: Vec<char> = Vec::new();
        for t in &terms {
            w.clear();
            w.push('#');
            w.extend(t.chars());
            w.push('#');
            trigrams.extend(w.windows(3).map(|g| [g[0], g[1], g[2]]));
        }
        trigrams.sort_unstable();
        trigrams.dedup();
        let mut skeleton_tf: HashMap<String, u32, FixedState> = HashMap::default();
        let mut skeleton_term: HashMap<String, usize, FixedState> = HashMap::default();
        for (i, t) in terms.iter().enumerate() {
            let sk = variants::skeleton(t);
            *skeleton_tf.entry(sk.clone()).or_default() += 1;
            skeleton_term.entry(sk).or_insert(i);
        }
        Profile {
            terms,
            claim_terms,
            unique,
            tf,
            claim_tf,
            title_tf,
            bigrams,
            trigrams,
            skeleton_tf,
            skeleton_term,
            facts,
        }
    }

    /// The profile of a claim or free text as a query or a candidate (all terms are its claim).
    pub fn of_text(text: &str) -> Profile {
        let terms = crate::normalise::terms(text);
        let n = terms.len();
        Profile::new(terms, n, facts(text))
    }

    /// The profile of a query.
    pub fn of_query(q: &Query) -> Profile {
        Profile::new(q.terms.clone(), q.terms.len(), q.facts.clone())
    }

    /// The profile of a candidate document, without its title boilerplate
    /// ([`Doc::title_boilerplate`]).
    pub fn of_doc(d: &Doc) -> Profile {
        let claim = d.claim_terms.min(d.terms.len());
        let title = &d.terms[claim..];
        let b = d.title_boilerplate;
        let terms = if b.lead + b.tail == 0 || b.lead + b.tail > title.len() {
            d.terms.clone()
        } else {
            let mut t = Vec::with_capacity(d.terms.len() - b.lead - b.tail);
            t.extend_from_slice(&d.terms[..claim]);
            t.extend_from_slice(&title[b.lead..title.len() - b.tail]);
            t
        };
        Profile::new(terms, claim, facts(&d.text))
    }

    /// BM25 contributions of this document for the distinct query terms `q`, in query order.
    pub fn contributions<'q>(&self, q: &[&'q str], stats: &dyn Stats) -> Vec<(&'q str, f64)> {
        bm25::contributions_tf(q, &self.tf, self.terms.len(), stats)
    }
}

/// One candidate's features.
#[derive(Debug, Clone, PartialEq)]
pub struct Featured {
    /// The feature values, in [`crate::rank::FEATURES`] order.
    pub x: [f64; DIM],
    /// Shared terms and their BM25 contributions, in query order.
    pub terms: Vec<(String, f64)>,
    /// Plain BM25 score.
    pub bm25: f64,
    /// Query terms matched only as a spelling variant: (query term, candidate term).
    pub variants: Vec<(String, String)>,
}

fn idf_mass<S: AsRef<str>>(terms: &[S], stats: &dyn Stats) -> f64 {
    terms
        .iter()
        .map(|t| bm25::idf(stats.docs(), stats.df(t.as_ref())))
        .sum()
}

/// How many values two sorted, distinct lists share.
fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The idf mass of the longest common subsequence of two term sequences, each term given as its
/// index among the query's distinct terms (terms of the candidate that are not query terms are
/// left out before: they never match, and the sequences stay short); `idf` is indexed alike.
/// Dynamic programming over one row, O(|a| · |b|).
fn weighted_lcs(a: &[usize], b: &[usize], idf: &[f64], row: &mut Vec<f64>) -> f64 {
    row.clear();
    row.resize(b.len() + 1, 0.0);
    for x in a {
        let mut diagonal = 0.0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + idf[*x]
            } else {
                up.max(row[j])
            };
            diagonal = up;
        }
    }
    row[b.len()]
}

fn flag(x: Option<bool>, want: bool) -> f64 {
    if x == Some(want) {
        1.0
    } else {
        0.0
    }
}

/// The features of each candidate for `query`, in candidate order.
pub fn features(query: &Query, docs: &[Doc], stats: &dyn Stats) -> Vec<Featured> {
    let profiles: Vec<Profile> = docs.iter().map(Profile::of_doc).collect();
    let refs: Vec<&Profile> = profiles.iter().collect();
    profile_features(&Profile::of_query(query), &refs, stats)
}

/// The features of each candidate profile for the query profile, in candidate order (the same
/// figures as [`features`] on the texts the profiles were made from).
pub fn profile_features(query: &Profile, docs: &[&Profile], stats: &dyn Stats) -> Vec<Featured> {
    let q: Vec<&str> = query.unique.iter().map(String::as_str).collect();
    let self_score = query
        .contributions(&q, stats)
        .iter()
        .map(|(_, w)| w)
        .sum::<f64>()
        .max(1e-9);
    let q_mass = idf_mass(&q, stats).max(1e-9);
    let q_skeletons: Vec<(&str, String, f64)> = q
        .iter()
        .map(|t| {
            (
                *t,
                variants::skeleton(t),
                bm25::idf(stats.docs(), stats.df(t)),
            )
        })
        .collect();
    let avg_len = stats.avg_len().max(1e-9);
    let skeleton_bm25 = |len: usize, d_sk: &HashMap<String, u32, FixedState>| {
        let norm = bm25::K1 * (1.0 - bm25::B + bm25::B * len as f64 / avg_len);
        let mut seen = HashSet::new();
        q_skeletons
            .iter()
            .filter(|(_, sk, _)| seen.insert(sk.as_str()))
            .filter_map(|(_, sk, idf)| {
                let f = f64::from(*d_sk.get(sk)?);
                Some(idf * f * (bm25::K1 + 1.0) / (f + norm))
            })
            .sum::<f64>()
    };
    let sk_self = skeleton_bm25(query.terms.len(), &query.skeleton_tf).max(1e-9);
    let q_idf: Vec<f64> = q_skeletons.iter().map(|(_, _, idf)| *idf).collect();
    let q_index: HashMap<&str, usize, FixedState> =
        q.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    let q_position = |t: &String| q_index.get(t.as_str()).copied();
    let q_seq: Vec<usize> = query.terms.iter().filter_map(q_position).collect();
    let q_seq_mass = q_seq.iter().map(|i| q_idf[*i]).sum::<f64>().max(1e-9);
    // `rare_coverage`: each query term the library holds weighs idf³, so the query's rarest
    // words dominate; a term no fact-check holds (a typo, a dialect word) weighs 0 on both
    // sides: it cannot tell the candidates apart.
    let q_rare: Vec<f64> = q
        .iter()
        .zip(&q_idf)
        .map(|(t, idf)| if stats.df(t) > 0 { idf.powi(3) } else { 0.0 })
        .collect();
    let q_rare_mass = q_rare.iter().sum::<f64>().max(1e-9);
    let unseen_idf = bm25::idf(stats.docs(), 0);
    let mut row = Vec::new();
    docs.iter()
        .map(|d| {
            let contrib = d.contributions(&q, stats);
            let total: f64 = contrib.iter().map(|x| x.1).sum();
            // The candidate's terms the query lacks weigh as the rarest (idf at df 0): the
            // store reads the document frequencies of the query's terms only (one look-up per
            // query, not one per candidate term), and the model is fitted on this same figure.
            let d_mass = d
                .unique
                .iter()
                .map(|t| match q_index.get(t.as_str()) {
                    Some(&i) => q_idf[i],
                    None => unseen_idf,
                })
                .sum::<f64>()
                .max(1e-9);
            let matched: Vec<&str> = contrib.iter().map(|c| c.0).collect();
            let m_mass = idf_mass(&matched, stats);
            let shared_bigrams = sorted_overlap(&query.bigrams, &d.bigrams);
            let df = &d.facts;
            let claim_score: f64 = match &d.claim_tf {
                None => total,
                Some(tf) => bm25::contributions_tf(&q, tf, d.claim_terms, stats)
                    .iter()
                    .map(|(_, w)| w)
                    .sum(),
            };
            let shared_trigrams = sorted_overlap(&query.trigrams, &d.trigrams) as f64;
            let cosine = shared_trigrams
                / ((query.trigrams.len() * d.trigrams.len()) as f64)
                    .sqrt()
                    .max(1.0);
            let mut v_mass = 0.0;
            let mut rare_mass = 0.0;
            let mut found_variants = Vec::new();
            for ((t, sk, idf), rare) in q_skeletons.iter().zip(&q_rare) {
                if matched.contains(t) {
                    v_mass += idf;
                    rare_mass += rare;
                } else if let Some(&dt) = d.skeleton_term.get(sk) {
                    v_mass += idf;
                    rare_mass += rare;
                    found_variants.push(((*t).to_owned(), d.terms[dt].clone()));
                }
            }
            // Without a title the whole text stands for it (a claim compared with a claim when
            // clustering, a library read from CSV without titles): 0 would count as a headline
            // that shares nothing with the query.
            let title_score: f64 = match &d.claim_tf {
                None => total,
                Some(_) => {
                    bm25::contributions_tf(&q, &d.title_tf, d.terms.len() - d.claim_terms, stats)
                        .iter()
                        .map(|(_, w)| w)
                        .sum()
                }
            };
            let claim_seq: Vec<usize> = d.terms[..d.claim_terms]
                .iter()
                .filter_map(q_position)
                .collect();
            let title_seq: Vec<usize> = d.terms[d.claim_terms..]
                .iter()
                .filter_map(q_position)
                .collect();
            let lcs = weighted_lcs(&q_seq, &claim_seq, &q_idf, &mut row)
                .max(weighted_lcs(&q_seq, &title_seq, &q_idf, &mut row));
            let x = [
                (total / self_score).min(1.0),
                (m_mass / d_mass).min(1.0),
                (m_mass / q_mass).min(1.0),
                shared_bigrams as f64 / query.bigrams.len().max(1) as f64,
                flag(agreement(&query.facts.numbers, &df.numbers), true),
                flag(agreement(&query.facts.numbers, &df.numbers), false),
                flag(agreement(&query.facts.years, &df.years), false),
                flag(agreement(&query.facts.names, &df.names), true),
                flag(agreement(&query.facts.names, &df.names), false),
                (claim_score / self_score).min(1.0),
                cosine,
                (v_mass / q_mass).min(1.0),
                (skeleton_bm25(d.terms.len(), &d.skeleton_tf) / sk_self).min(1.0),
                (title_score / self_score).min(1.0),
                (lcs / q_seq_mass).min(1.0),
                (rare_mass / q_rare_mass).min(1.0),
            ];
            let terms = contrib.iter().map(|(t, w)| ((*t).to_owned(), *w)).collect();
            Featured {
                x,
                terms,
                bm25: total,
                variants: found_variants,
            }
        })
        .collect()
}
