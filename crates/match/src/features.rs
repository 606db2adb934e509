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

/// The fixed seed of the term hashes (any constant: hashes only find candidates for a string
/// comparison).
const TERM_SEED: u64 = 0x7465_726d_7365_6564;

/// The fixed seed of the skeleton hashes (any constant: they only bound features, never decide
/// one).
const SKELETON_SEED: u64 = 0x736b_656c_6574_6f6e;

/// Buckets of a trigram sketch ([`Profile::sketch`]), a power of two: 1,024 one-byte counters
/// (1 KB per profile). Fewer buckets bound the trigram cosine more loosely (more pairs scored
/// in full), more cost memory and time for little.
const SKETCH: usize = 1 << SKETCH_BITS;
const SKETCH_BITS: u32 = 10;

/// What the features read of one text, derived once.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Matching terms (claim then title for a fact-check), repeats kept.
    pub terms: Vec<String>,
    /// How many of `terms` come from the claim (the rest from the title).
    pub claim_terms: usize,
    /// Distinct terms, first-seen order.
    pub unique: Vec<String>,
    /// Whether each term of `terms` is the first occurrence of its text (the positions of
    /// `unique`).
    first: Vec<bool>,
    /// A 64-bit hash of each term of `terms` (seed [`TERM_SEED`]): a candidate's terms are
    /// looked up among the query's by hash, then compared.
    hashes: Vec<u64>,
    /// Term frequencies of `terms`.
    tf: TermFrequencies,
    /// Whether a title follows the claim part (`claim_terms < terms.len()`).
    has_title: bool,
    /// Adjacent term pairs, each as a 64-bit hash of the pair: sorted, distinct. (A collision
    /// between two different pairs of two texts has odds of about 2^-64 per comparison.)
    bigrams: Vec<u64>,
    /// Character trigrams of the terms, each word padded with `#`: sorted, distinct. Each is
    /// packed into one integer, 21 bits per character (a `char` needs 21), first character
    /// highest, so the integers sort as the trigrams do and compare in one instruction.
    trigrams: Vec<u64>,
    /// Frequency of each spelling skeleton ([`variants::skeleton`]) of `terms`.
    skeleton_tf: HashMap<String, u32, FixedState>,
    /// The first term of each skeleton (its index in `terms`).
    skeleton_term: HashMap<String, usize, FixedState>,
    /// A 64-bit hash of the skeleton of each term of `terms` (seed [`SKELETON_SEED`]), for the
    /// bounds of [`QueryFeatures::bounds`].
    skeleton_hashes: Vec<u64>,
    /// How many of `trigrams` fall in each of [`SKETCH`] buckets (a count-min sketch): two
    /// texts share at most the sum over buckets of the smaller count, a bound of their shared
    /// trigrams read in one pass over 1 KB. `None` when a bucket would count past 255 (a text
    /// of many thousand trigrams): no bound, the pair is scored in full.
    sketch: Option<Box<[u8; SKETCH]>>,
    /// Numbers, years and names of the raw text.
    pub facts: Facts,
}

impl Profile {
    /// The profile of a term list (`claim_terms` of them from the claim) and its facts.
    pub fn new(terms: Vec<String>, claim_terms: usize, facts: Facts) -> Profile {
        let claim_terms = claim_terms.min(terms.len());
        let mut seen = HashSet::with_capacity_and_hasher(terms.len(), FixedState::default());
        let first: Vec<bool> = terms.iter().map(|t| seen.insert(t.as_str())).collect();
        let unique: Vec<String> = terms
            .iter()
            .zip(&first)
            .filter(|(_, f)| **f)
            .map(|(t, _)| t.clone())
            .collect();
        let tf = bm25::term_frequencies(&terms);
        let has_title = claim_terms < terms.len();
        let term_hasher = FixedState::with_seed(TERM_SEED);
        let hashes: Vec<u64> = terms
            .iter()
            .map(|t| term_hasher.hash_one(t.as_str()))
            .collect();
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
            trigrams.extend(
                w.windows(3)
                    .map(|g| (u64::from(g[0]) << 42) | (u64::from(g[1]) << 21) | u64::from(g[2])),
            );
        }
        trigrams.sort_unstable();
        trigrams.dedup();
        let mut skeleton_tf: HashMap<String, u32, FixedState> = HashMap::default();
        let mut skeleton_term: HashMap<String, usize, FixedState> = HashMap::default();
        let skeleton_hasher = FixedState::with_seed(SKELETON_SEED);
        let mut skeleton_hashes = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            let sk = variants::skeleton(t);
            skeleton_hashes.push(skeleton_hasher.hash_one(sk.as_str()));
            *skeleton_tf.entry(sk.clone()).or_default() += 1;
            skeleton_term.entry(sk).or_insert(i);
        }
        let sketch = sketch(&trigrams);
        Profile {
            terms,
            claim_terms,
            unique,
            first,
            hashes,
            tf,
            has_title,
            bigrams,
            trigrams,
            skeleton_tf,
            skeleton_term,
            skeleton_hashes,
            sketch,
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

/// The count-min sketch of a trigram list ([`Profile::sketch`]); `None` when a bucket would
/// count past 255.
fn sketch(trigrams: &[u64]) -> Option<Box<[u8; SKETCH]>> {
    let mut counts = Box::new([0u8; SKETCH]);
    for t in trigrams {
        // Fibonacci hashing: the top bits of the product spread the packed characters.
        let b = (t.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SKETCH_BITS)) as usize;
        counts[b] = counts[b].checked_add(1)?;
    }
    Some(counts)
}

/// An upper bound of the trigrams two sketched texts share: each bucket holds at most the
/// smaller of its two counts of shared trigrams.
fn sketch_overlap(a: &[u8; SKETCH], b: &[u8; SKETCH]) -> u32 {
    // Summed in chunks of 16-bit counters (at most 64 × 255 per lane), which vectorises.
    a.chunks_exact(64)
        .zip(b.chunks_exact(64))
        .map(|(x, y)| {
            let s: u16 = x.iter().zip(y).map(|(p, q)| u16::from(*p.min(q))).sum();
            u32::from(s)
        })
        .sum()
}

/// How many values two sorted, distinct lists share. Without branches on the comparison (a
/// merge of two trigram lists is unpredictable and ran at a misprediction per step).
fn sorted_overlap<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
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
    let q = QueryFeatures::new(query, stats);
    let mut scratch = Scratch::default();
    docs.iter()
        .map(|d| q.featured(d, &mut scratch, true))
        .collect()
}

/// The feature values and plain BM25 score of each candidate profile, in candidate order: the
/// `x` and `bm25` of [`profile_features`], without the matched terms and spelling variants
/// (which only reasons read), for callers that score many candidates (matching at import,
/// clustering).
pub fn profile_scores(
    query: &Profile,
    docs: &[&Profile],
    stats: &dyn Stats,
) -> Vec<([f64; DIM], f64)> {
    let q = QueryFeatures::new(query, stats);
    let mut scratch = Scratch::default();
    docs.iter()
        .map(|d| {
            let f = q.featured(d, &mut scratch, false);
            (f.x, f.bm25)
        })
        .collect()
}

/// [`profile_scores`] for the candidates whose [`FeatureBounds`] `keep` accepts, `None` for the
/// others (not scored): a caller that wants only the candidates that may reach a score skips
/// most of the work for the rest. A candidate without bounds (see [`QueryFeatures::bounds`]) is
/// scored.
pub(crate) fn profile_scores_where(
    query: &Profile,
    docs: &[&Profile],
    stats: &dyn Stats,
    keep: impl Fn(&FeatureBounds) -> bool,
) -> Vec<Option<([f64; DIM], f64)>> {
    let q = QueryFeatures::new(query, stats);
    let mut scratch = Scratch::default();
    docs.iter()
        .map(|d| {
            if let Some(b) = q.bounds(d, &mut scratch) {
                if !keep(&b) {
                    return None;
                }
            }
            let f = q.featured(d, &mut scratch, false);
            Some((f.x, f.bm25))
        })
        .collect()
}

/// What the features need of the query, worked out once for all its candidates.
struct QueryFeatures<'a> {
    query: &'a Profile,
    /// The query's distinct terms, first-seen order.
    q: Vec<&'a str>,
    /// Position of each distinct query term in `q`.
    q_index: HashMap<&'a str, usize, FixedState>,
    /// The same by term hash ([`Profile::hashes`]); `None` if two query terms share a hash.
    q_hash: Option<HashMap<u64, usize, FixedState>>,
    /// Idf of each distinct query term (the library's statistics).
    q_idf: Vec<f64>,
    /// Spelling skeleton of each distinct query term.
    q_skeletons: Vec<String>,
    /// The distinct skeletons, first-seen order, as the position in `q` of the term that first
    /// has each.
    skeleton_firsts: Vec<usize>,
    /// The query's term sequence as positions in `q`.
    q_seq: Vec<usize>,
    /// `rare_coverage` weight of each distinct query term: idf³ when the library holds it, else
    /// 0 (a typo, a dialect word no fact-check holds cannot tell the candidates apart).
    q_rare: Vec<f64>,
    /// The query's `rare_coverage` mass: the held terms' weights, plus each term no fact-check
    /// holds at the mean held weight.
    q_rare_mass: f64,
    self_score: f64,
    q_mass: f64,
    q_seq_mass: f64,
    sk_self: f64,
    avg_len: f64,
    unseen_idf: f64,
    /// For [`QueryFeatures::bounds`]: the slot (position in `skeleton_firsts`) of each distinct
    /// query term's skeleton, and the slot of each skeleton by its hash
    /// ([`Profile::skeleton_hashes`]); `None` if two query skeletons share a hash (no bounds).
    q_slot: Vec<usize>,
    slot_by_hash: Option<HashMap<u64, usize, FixedState>>,
    /// Bit filters of the query's term hashes and skeleton hashes: most of a candidate's
    /// words are not the query's, and one bit test rules them out before a table look-up.
    term_filter: HashFilter,
    skeleton_filter: HashFilter,
}

/// A 1,024-bit filter of 64-bit hashes (a Bloom filter with one hash): `may_hold` is true for
/// every hash added, and for about `n / 1024` of the others after `n` were added.
struct HashFilter([u64; 16]);

impl HashFilter {
    fn new(hashes: impl IntoIterator<Item = u64>) -> Self {
        let mut f = HashFilter([0; 16]);
        for h in hashes {
            let (word, bit) = Self::at(h);
            f.0[word] |= bit;
        }
        f
    }

    fn at(h: u64) -> (usize, u64) {
        let b = (h >> 54) as usize;
        (b >> 6, 1 << (b & 63))
    }

    fn may_hold(&self, h: u64) -> bool {
        let (word, bit) = Self::at(h);
        self.0[word] & bit != 0
    }
}

/// Bounds of one candidate's feature values ([`QueryFeatures::bounds`]): `lo[i] <= x[i] <=
/// hi[i]` for the values [`profile_scores`] gives, up to rounding in the last bits (callers
/// compare with a margin).
pub(crate) struct FeatureBounds {
    pub(crate) lo: [f64; DIM],
    pub(crate) hi: [f64; DIM],
}

/// Buffers reused from candidate to candidate.
#[derive(Default)]
struct Scratch {
    /// Occurrences of each distinct query term in the candidate's claim and title parts.
    claim_tf: Vec<u32>,
    title_tf: Vec<u32>,
    /// Their sum: occurrences in the whole candidate.
    tf: Vec<u32>,
    claim_seq: Vec<usize>,
    title_seq: Vec<usize>,
    row: Vec<f64>,
    /// Terms of the candidate per query skeleton slot ([`QueryFeatures::bounds`]).
    sk_tf: Vec<u32>,
}

impl<'a> QueryFeatures<'a> {
    fn new(query: &'a Profile, stats: &dyn Stats) -> Self {
        let q: Vec<&str> = query.unique.iter().map(String::as_str).collect();
        let self_score = query
            .contributions(&q, stats)
            .iter()
            .map(|(_, w)| w)
            .sum::<f64>()
            .max(1e-9);
        let q_mass = idf_mass(&q, stats).max(1e-9);
        let q_idf: Vec<f64> = q
            .iter()
            .map(|t| bm25::idf(stats.docs(), stats.df(t)))
            .collect();
        let q_skeletons: Vec<String> = q.iter().map(|t| variants::skeleton(t)).collect();
        let mut seen = HashSet::new();
        let skeleton_firsts: Vec<usize> = (0..q.len())
            .filter(|i| seen.insert(q_skeletons[*i].as_str()))
            .collect();
        let q_index: HashMap<&str, usize, FixedState> =
            q.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        let q_seq: Vec<usize> = query
            .terms
            .iter()
            .filter_map(|t| q_index.get(t.as_str()).copied())
            .collect();
        let q_seq_mass = q_seq.iter().map(|i| q_idf[*i]).sum::<f64>().max(1e-9);
        // `rare_coverage`: each query term the library holds weighs idf³, so the query's rarest
        // words dominate. A term no fact-check holds (a typo, a dialect word; in a small library,
        // most words of a claim) cannot be found in any candidate: it weighs nothing found, but
        // counts in the query's mass as much as the mean term the library holds, so the share
        // stays an honest one of the whole claim (the held terms' share times the share of the
        // claim's distinct terms the library holds) rather than growing from one shared word.
        let q_rare: Vec<f64> = q
            .iter()
            .zip(&q_idf)
            .map(|(t, idf)| if stats.df(t) > 0 { idf.powi(3) } else { 0.0 })
            .collect();
        let held = q.iter().filter(|t| stats.df(t) > 0).count();
        let q_rare_mass = if held == 0 {
            1e-9
        } else {
            (q_rare.iter().sum::<f64>() * q.len() as f64 / held as f64).max(1e-9)
        };
        let q_hash: HashMap<u64, usize, FixedState> = query
            .terms
            .iter()
            .zip(&query.hashes)
            .filter_map(|(t, h)| Some((*h, *q_index.get(t.as_str())?)))
            .collect();
        let q_hash = (q_hash.len() == q.len()).then_some(q_hash);
        let skeleton_hasher = FixedState::with_seed(SKELETON_SEED);
        let slot_by_hash: HashMap<u64, usize, FixedState> = skeleton_firsts
            .iter()
            .enumerate()
            .map(|(slot, i)| (skeleton_hasher.hash_one(q_skeletons[*i].as_str()), slot))
            .collect();
        let skeleton_filter = HashFilter::new(slot_by_hash.keys().copied());
        let term_filter = HashFilter::new(query.hashes.iter().copied());
        let slot_by_hash = (slot_by_hash.len() == skeleton_firsts.len()).then_some(slot_by_hash);
        let slot_of: HashMap<&str, usize, FixedState> = skeleton_firsts
            .iter()
            .enumerate()
            .map(|(slot, i)| (q_skeletons[*i].as_str(), slot))
            .collect();
        let q_slot: Vec<usize> = q_skeletons.iter().map(|sk| slot_of[sk.as_str()]).collect();
        let mut out = QueryFeatures {
            query,
            q,
            q_index,
            q_hash,
            q_idf,
            q_skeletons,
            skeleton_firsts,
            q_seq,
            q_rare,
            q_rare_mass,
            self_score,
            q_mass,
            q_seq_mass,
            sk_self: 0.0,
            avg_len: stats.avg_len().max(1e-9),
            unseen_idf: bm25::idf(stats.docs(), 0),
            q_slot,
            slot_by_hash,
            term_filter,
            skeleton_filter,
        };
        out.sk_self = out
            .skeleton_bm25(query.terms.len(), &query.skeleton_tf)
            .max(1e-9);
        out
    }

    /// BM25 of a text of `len` terms whose skeleton frequencies are `d_sk`, over the query's
    /// distinct skeletons (each counted once, with the idf of the query term that first has it).
    fn skeleton_bm25(&self, len: usize, d_sk: &HashMap<String, u32, FixedState>) -> f64 {
        let norm = bm25::K1 * (1.0 - bm25::B + bm25::B * len as f64 / self.avg_len);
        self.skeleton_firsts
            .iter()
            .filter_map(|&i| {
                let f = f64::from(*d_sk.get(&self.q_skeletons[i])?);
                Some(self.q_idf[i] * f * (bm25::K1 + 1.0) / (f + norm))
            })
            .sum::<f64>()
    }

    /// The BM25 contribution of each distinct query term a text of `len` terms holds `tf[i]`
    /// times, in query order: [`bm25::contributions_tf`]'s weights, from the idf worked out once.
    fn weights<'s>(&'s self, tf: &'s [u32], len: usize) -> impl Iterator<Item = (usize, f64)> + 's {
        let norm = bm25::K1 * (1.0 - bm25::B + bm25::B * len as f64 / self.avg_len);
        (0..self.q.len()).filter_map(move |i| {
            let f = tf[i];
            (f > 0).then(|| {
                let f = f64::from(f);
                (i, self.q_idf[i] * f * (bm25::K1 + 1.0) / (f + norm))
            })
        })
    }

    /// Bounds of the features of candidate `d`, from one pass over its terms: the values that
    /// depend on which query terms and spelling skeletons it holds (the BM25 figures, coverages
    /// and `rare_coverage`) as [`QueryFeatures::featured`] computes them, `char_ngrams` bounded
    /// by the trigram sketches, `word_order` by the idf mass of the query's words the candidate
    /// holds, and the flags and `bigrams` by their range. Terms and skeletons are matched by
    /// hash alone: a collision (odds ~2^-64) only counts a word as held, which raises every
    /// value bounded from above. `None` when the query's skeletons cannot be told apart by
    /// hash (then nothing is bounded).
    fn bounds(&self, d: &Profile, s: &mut Scratch) -> Option<FeatureBounds> {
        let by_slot = self.slot_by_hash.as_ref()?;
        let n = self.q.len();
        for v in [&mut s.claim_tf, &mut s.title_tf, &mut s.tf] {
            v.clear();
            v.resize(n, 0);
        }
        s.sk_tf.clear();
        s.sk_tf.resize(self.skeleton_firsts.len(), 0);
        let mut d_mass = 0.0;
        for (k, first) in d.first.iter().enumerate() {
            let at = match &self.q_hash {
                Some(_) if !self.term_filter.may_hold(d.hashes[k]) => None,
                Some(by_hash) => by_hash.get(&d.hashes[k]).copied(),
                None => self.q_index.get(d.terms[k].as_str()).copied(),
            };
            if *first {
                d_mass += at.map_or(self.unseen_idf, |i| self.q_idf[i]);
            }
            if let Some(i) = at {
                s.tf[i] += 1;
                if k < d.claim_terms {
                    s.claim_tf[i] += 1;
                } else {
                    s.title_tf[i] += 1;
                }
            }
            let h = d.skeleton_hashes[k];
            if self.skeleton_filter.may_hold(h) {
                if let Some(slot) = by_slot.get(&h) {
                    s.sk_tf[*slot] += 1;
                }
            }
        }
        let d_mass: f64 = d_mass.max(1e-9);
        let norm = |len: usize| bm25::K1 * (1.0 - bm25::B + bm25::B * len as f64 / self.avg_len);
        let part = |tf: &[u32], len: usize| -> f64 { self.weights(tf, len).map(|(_, w)| w).sum() };
        let total = part(&s.tf, d.terms.len());
        let (claim_score, title_score) = if d.has_title {
            (
                part(&s.claim_tf, d.claim_terms),
                part(&s.title_tf, d.terms.len() - d.claim_terms),
            )
        } else {
            (total, total)
        };
        let mut m_mass = 0.0;
        let mut v_mass = 0.0;
        let mut rare_mass = 0.0;
        for i in 0..n {
            if s.tf[i] > 0 {
                m_mass += self.q_idf[i];
            }
            if s.tf[i] > 0 || s.sk_tf[self.q_slot[i]] > 0 {
                v_mass += self.q_idf[i];
                rare_mass += self.q_rare[i];
            }
        }
        let sk_norm = norm(d.terms.len());
        let sk_score: f64 = self
            .skeleton_firsts
            .iter()
            .zip(&s.sk_tf)
            .filter(|(_, f)| **f > 0)
            .map(|(i, f)| {
                let f = f64::from(*f);
                self.q_idf[*i] * f * (bm25::K1 + 1.0) / (f + sk_norm)
            })
            .sum();
        // The longest common subsequence holds only query words the part holds, each position
        // of the query once.
        let held_in = |tf: &[u32]| -> f64 {
            self.q_seq
                .iter()
                .filter(|i| tf[**i] > 0)
                .map(|i| self.q_idf[*i])
                .sum()
        };
        let order = held_in(&s.claim_tf).max(held_in(&s.title_tf));
        let cosine = match (&self.query.sketch, &d.sketch) {
            (Some(a), Some(b)) => {
                f64::from(sketch_overlap(a, b))
                    / ((self.query.trigrams.len() * d.trigrams.len()) as f64)
                        .sqrt()
                        .max(1.0)
            }
            _ => 1.0,
        };
        let exact = [
            (total / self.self_score).min(1.0),
            (m_mass / d_mass).min(1.0),
            (m_mass / self.q_mass).min(1.0),
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            (claim_score / self.self_score).min(1.0),
            0.0,
            (v_mass / self.q_mass).min(1.0),
            (sk_score / self.sk_self).min(1.0),
            (title_score / self.self_score).min(1.0),
            0.0,
            (rare_mass / self.q_rare_mass).min(1.0),
        ];
        let mut hi = exact;
        // `bigrams` and the fact flags: their whole range.
        hi[3..=8].fill(1.0);
        hi[10] = cosine.min(1.0);
        hi[14] = (order / self.q_seq_mass).min(1.0);
        Some(FeatureBounds { lo: exact, hi })
    }

    /// One candidate's features; with `detail`, also its matched terms and spelling variants.
    fn featured(&self, d: &Profile, s: &mut Scratch, detail: bool) -> Featured {
        let query = self.query;
        let n = self.q.len();
        for v in [&mut s.claim_tf, &mut s.title_tf, &mut s.tf] {
            v.clear();
            v.resize(n, 0);
        }
        s.claim_seq.clear();
        s.title_seq.clear();
        // One look-up per candidate term gives the term frequencies of both parts, the word
        // sequences and the idf mass of the candidate's distinct terms. The candidate's terms
        // the query lacks weigh as the rarest (idf at df 0): the store reads the document
        // frequencies of the query's terms only (one look-up per query, not one per candidate
        // term), and the model is fitted on this same figure.
        // (Summed as they come, in first-seen order: the order, hence the rounding, of a sum
        // over the candidate's distinct terms.)
        let mut d_mass = 0.0;
        for (k, (t, first)) in d.terms.iter().zip(&d.first).enumerate() {
            let at = match &self.q_hash {
                Some(by_hash) => by_hash
                    .get(&d.hashes[k])
                    .copied()
                    .filter(|i| self.q[*i] == t.as_str()),
                None => self.q_index.get(t.as_str()).copied(),
            };
            if *first {
                d_mass += at.map_or(self.unseen_idf, |i| self.q_idf[i]);
            }
            if let Some(i) = at {
                s.tf[i] += 1;
                if k < d.claim_terms {
                    s.claim_tf[i] += 1;
                    s.claim_seq.push(i);
                } else {
                    s.title_tf[i] += 1;
                    s.title_seq.push(i);
                }
            }
        }
        let d_mass: f64 = d_mass.max(1e-9);
        let contrib: Vec<(usize, f64)> = self.weights(&s.tf, d.terms.len()).collect();
        let total: f64 = contrib.iter().map(|x| x.1).sum();
        let m_mass: f64 = contrib.iter().map(|(i, _)| self.q_idf[*i]).sum();
        let shared_bigrams = sorted_overlap(&query.bigrams, &d.bigrams);
        let df = &d.facts;
        let claim_score: f64 = match d.has_title {
            false => total,
            true => self
                .weights(&s.claim_tf, d.claim_terms)
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
        for (i, sk) in self.q_skeletons.iter().enumerate() {
            if s.tf[i] > 0 {
                v_mass += self.q_idf[i];
                rare_mass += self.q_rare[i];
            } else if let Some(&dt) = d.skeleton_term.get(sk) {
                v_mass += self.q_idf[i];
                rare_mass += self.q_rare[i];
                if detail {
                    found_variants.push((self.q[i].to_owned(), d.terms[dt].clone()));
                }
            }
        }
        // Without a title the whole text stands for it (a claim compared with a claim when
        // clustering, a library read from CSV without titles): 0 would count as a headline
        // that shares nothing with the query.
        let title_score: f64 = match d.has_title {
            false => total,
            true => self
                .weights(&s.title_tf, d.terms.len() - d.claim_terms)
                .map(|(_, w)| w)
                .sum(),
        };
        let lcs = weighted_lcs(&self.q_seq, &s.claim_seq, &self.q_idf, &mut s.row).max(
            weighted_lcs(&self.q_seq, &s.title_seq, &self.q_idf, &mut s.row),
        );
        let numbers = agreement(&query.facts.numbers, &df.numbers);
        let names = agreement(&query.facts.names, &df.names);
        let x = [
            (total / self.self_score).min(1.0),
            (m_mass / d_mass).min(1.0),
            (m_mass / self.q_mass).min(1.0),
            shared_bigrams as f64 / query.bigrams.len().max(1) as f64,
            flag(numbers, true),
            flag(numbers, false),
            flag(agreement(&query.facts.years, &df.years), false),
            flag(names, true),
            flag(names, false),
            (claim_score / self.self_score).min(1.0),
            cosine,
            (v_mass / self.q_mass).min(1.0),
            (self.skeleton_bm25(d.terms.len(), &d.skeleton_tf) / self.sk_self).min(1.0),
            (title_score / self.self_score).min(1.0),
            (lcs / self.q_seq_mass).min(1.0),
            (rare_mass / self.q_rare_mass).min(1.0),
        ];
        let terms = if detail {
            contrib
                .iter()
                .map(|(i, w)| (self.q[*i].to_owned(), *w))
                .collect()
        } else {
            Vec::new()
        };
        Featured {
            x,
            terms,
            bm25: total,
            variants: found_variants,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::bm25::Index;

    /// Words whose mixes make claims and titles that share words, spelling variants (فيروس ~
    /// فايروس, أمريكا ~ أميركا, مسؤول ~ مسئول), attached pronouns, numbers, years and names.
    pub(crate) const WORDS: [&str; 32] = [
        "فيروس",
        "فايروس",
        "كورونا",
        "لقاح",
        "يسبب",
        "العقم",
        "حريق",
        "مستشفى",
        "بغداد",
        "أمريكا",
        "أميركا",
        "مسؤول",
        "مسئول",
        "حكومتهم",
        "حكومتكم",
        "الرئيس",
        "ماكرون",
        "وزير",
        "الصحة",
        "في",
        "12",
        "120",
        "2020",
        "2021",
        "%",
        "Biden",
        "vaccine",
        "virus",
        "fire",
        "hospital",
        "زائف",
        "مضلل",
    ];

    /// A text of the [`WORDS`] picked (indexes taken modulo their number).
    pub(crate) fn text(picks: &[usize]) -> String {
        picks
            .iter()
            .map(|i| WORDS[i % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn doc_strategy() -> impl Strategy<Value = (Vec<usize>, Vec<usize>)> {
        (
            prop::collection::vec(0..WORDS.len(), 0..14),
            prop::collection::vec(0..WORDS.len(), 0..8),
        )
    }

    proptest! {
        /// Every feature value of every candidate lies within its bounds (the pruning of
        /// `rank::best` and `rank::rank_shown` rests on it).
        #[test]
        fn feature_values_lie_within_their_bounds(
            docs in prop::collection::vec(doc_strategy(), 1..12),
            query in prop::collection::vec(0..WORDS.len(), 1..16),
        ) {
            let docs: Vec<Doc> = docs
                .iter()
                .map(|(c, t)| Doc::new(&text(c), &text(t), Some("ar"), None))
                .collect();
            let mut ix = Index::new();
            for d in &docs {
                ix.add(d.terms.clone());
            }
            let q = Profile::of_query(&Query::new(&text(&query), Some("ar"), None));
            let qf = QueryFeatures::new(&q, &ix);
            let mut s = Scratch::default();
            for d in &docs {
                let p = Profile::of_doc(d);
                let b = qf.bounds(&p, &mut s).expect("query skeletons told apart");
                let x = qf.featured(&p, &mut s, false).x;
                for (i, v) in x.iter().enumerate() {
                    prop_assert!(
                        b.lo[i] - 1e-12 <= *v && *v <= b.hi[i] + 1e-12,
                        "{}: {} not within [{}, {}]",
                        crate::rank::FEATURES[i],
                        v,
                        b.lo[i],
                        b.hi[i]
                    );
                }
            }
        }
    }

    #[test]
    fn the_sketch_bounds_the_shared_trigrams() {
        let a = Profile::of_text("فيروس كورونا ينتشر في أمريكا");
        let b = Profile::of_text("فايروس كورونا ينتشر في الهند");
        let shared = sorted_overlap(&a.trigrams, &b.trigrams) as u32;
        let bound = sketch_overlap(
            a.sketch.as_deref().expect("sketched"),
            b.sketch.as_deref().expect("sketched"),
        );
        assert!(shared > 0 && bound >= shared, "{bound} < {shared}");
        // A short text's trigrams barely collide in 1,024 buckets: the bound is nearly exact.
        assert!(bound <= shared + 3, "{bound} vs {shared}");
    }

    #[test]
    fn a_text_of_many_trigrams_has_no_sketch_and_no_bound_on_them() {
        // 720,000 distinct trigrams (two-letter words of 600 letters): ~700 per bucket on
        // average, past the 255 a one-byte counter holds.
        let letter = |i: u32| char::from_u32(0x4E00 + i).expect("a CJK letter");
        let many: Vec<String> = (0..360_000u32)
            .map(|i| [letter(i / 600), letter(i % 600)].iter().collect())
            .collect();
        let p = Profile::new(many.clone(), many.len(), Facts::default());
        assert!(p.sketch.is_none());
        let q = Profile::of_text("w1 w2");
        let ix = Index::new();
        let qf = QueryFeatures::new(&q, &ix);
        let b = qf.bounds(&p, &mut Scratch::default()).expect("bounds");
        assert_eq!(b.hi[10], 1.0, "char_ngrams unbounded");
    }
}
