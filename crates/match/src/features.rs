//! The re-ranking features of a (query, candidate) pair ([`crate::rank::FEATURES`]), computed
//! from [`Profile`]s: the per-text data the features read (term frequencies, distinct terms,
//! word pairs, letter trigrams, spelling skeletons, facts), derived once per text. Matching
//! profiles each candidate once per query; clustering profiles each claim once per batch and
//! compares it with up to [`crate::cluster::NEIGHBOURS`] others, so the profile is not rebuilt
//! for every pair (it was the bulk of the clustering time).

use std::collections::{HashMap, HashSet};

use std::hash::BuildHasher;
use std::sync::OnceLock;

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

/// Buckets of a trigram sketch ([`Compact`]), a power of two: 1,024 one-byte counters (1 KB
/// per profile). Fewer buckets bound the trigram cosine more loosely (more pairs scored
/// in full), more cost memory and time for little.
const SKETCH: usize = 1 << SKETCH_BITS;
const SKETCH_BITS: u32 = 10;

/// The parts of a [`Profile`] that only a candidate scored in full reads (and clustering's
/// self-scores): most candidates of a claim are ruled out by their bounds first, so these are
/// made on first use rather than with the profile.
#[derive(Debug, Clone, PartialEq)]
struct Detail {
    /// Term frequencies of the profile's terms.
    tf: TermFrequencies,
    /// Adjacent term pairs, each as a 64-bit hash of the pair: sorted, distinct. (A collision
    /// between two different pairs of two texts has odds of about 2^-64 per comparison.)
    bigrams: Vec<u64>,
    /// Frequency of each spelling skeleton of the terms.
    skeleton_tf: HashMap<String, u32, FixedState>,
    /// The first term of each skeleton (its index in the terms).
    skeleton_term: HashMap<String, usize, FixedState>,
}

impl Detail {
    fn of(p: &Profile) -> Detail {
        let hasher = FixedState::with_seed(BIGRAM_SEED);
        let mut bigrams: Vec<u64> = p
            .terms
            .windows(2)
            .map(|w| hasher.hash_one((w[0].as_str(), w[1].as_str())))
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let at: HashMap<&str, usize, FixedState> = p
            .unique
            .iter()
            .enumerate()
            .map(|(k, t)| (t.as_str(), k))
            .collect();
        let mut skeleton_tf: HashMap<String, u32, FixedState> = HashMap::default();
        let mut skeleton_term: HashMap<String, usize, FixedState> = HashMap::default();
        for (i, t) in p.terms.iter().enumerate() {
            let sk = &p.skeletons[at[t.as_str()]];
            if let Some(f) = skeleton_tf.get_mut(sk.as_str()) {
                *f += 1;
            } else {
                skeleton_tf.insert(sk.clone(), 1);
                skeleton_term.insert(sk.clone(), i);
            }
        }
        Detail {
            tf: bm25::term_frequencies(&p.terms),
            bigrams,
            skeleton_tf,
            skeleton_term,
        }
    }
}

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
    /// Whether a title follows the claim part (`claim_terms < terms.len()`).
    has_title: bool,
    /// Character trigrams of the terms, each word padded with `#`: sorted, distinct. Each is
    /// packed into one integer, 21 bits per character (a `char` needs 21), first character
    /// highest, so the integers sort as the trigrams do and compare in one instruction.
    trigrams: Vec<u64>,
    /// The spelling skeleton ([`variants::skeleton`]) of each of `unique`.
    skeletons: Vec<String>,
    /// What only a full scoring reads, made on first use ([`Detail`]).
    detail: OnceLock<Detail>,
    /// What [`QueryFeatures::bounds`] reads, in one block ([`Compact`]).
    compact: Compact,
    /// Numbers, years and names of the raw text ([`Profile::facts`]): given, or read from
    /// `text` on first use (only a candidate scored in full needs them).
    facts: OnceLock<Facts>,
    /// The raw text the facts are read from when they were not given.
    text: Option<Box<str>>,
}

impl Profile {
    /// The profile of a term list (`claim_terms` of them from the claim) and its facts.
    pub fn new(terms: Vec<String>, claim_terms: usize, facts: Facts) -> Profile {
        let mut p = Profile::of_terms(terms, claim_terms, None);
        p.facts = OnceLock::from(facts);
        p
    }

    /// The profile of a term list whose facts are read from `text` when first asked for.
    fn of_terms(terms: Vec<String>, claim_terms: usize, text: Option<&str>) -> Profile {
        let claim_terms = claim_terms.min(terms.len());
        let mut seen = HashSet::with_capacity_and_hasher(terms.len(), FixedState::default());
        let first: Vec<bool> = terms.iter().map(|t| seen.insert(t.as_str())).collect();
        let unique: Vec<String> = terms
            .iter()
            .zip(&first)
            .filter(|(_, f)| **f)
            .map(|(t, _)| t.clone())
            .collect();
        let has_title = claim_terms < terms.len();
        let term_hasher = FixedState::with_seed(TERM_SEED);
        let hashes: Vec<u64> = terms
            .iter()
            .map(|t| term_hasher.hash_one(t.as_str()))
            .collect();
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
        let skeleton_hasher = FixedState::with_seed(SKELETON_SEED);
        // Per distinct term, first-seen order: term hash, skeleton hash, occurrences in the
        // claim and in the title.
        let mut distinct: Vec<(u64, u64, u32, u32)> = Vec::with_capacity(unique.len());
        let mut skeletons: Vec<String> = Vec::with_capacity(unique.len());
        let mut at: HashMap<&str, usize, FixedState> = HashMap::default();
        for (i, t) in terms.iter().enumerate() {
            let k = *at.entry(t.as_str()).or_insert_with(|| {
                let sk = variants::skeleton(t);
                distinct.push((hashes[i], skeleton_hasher.hash_one(sk.as_str()), 0, 0));
                skeletons.push(sk);
                distinct.len() - 1
            });
            if i < claim_terms {
                distinct[k].2 += 1;
            } else {
                distinct[k].3 += 1;
            }
        }
        let compact = Compact::new(terms.len(), claim_terms, &trigrams, &distinct);
        Profile {
            terms,
            claim_terms,
            unique,
            first,
            hashes,
            has_title,
            trigrams,
            skeletons,
            detail: OnceLock::new(),
            compact,
            facts: OnceLock::new(),
            text: text.map(Box::from),
        }
    }

    /// Numbers, years and names of the raw text ([`crate::signals::facts`]).
    pub fn facts(&self) -> &Facts {
        self.facts
            .get_or_init(|| facts(self.text.as_deref().unwrap_or_default()))
    }

    fn detail(&self) -> &Detail {
        self.detail.get_or_init(|| Detail::of(self))
    }

    /// The profile of a claim or free text as a query or a candidate (all terms are its claim).
    pub fn of_text(text: &str) -> Profile {
        let terms = crate::normalise::terms(text);
        let n = terms.len();
        Profile::of_terms(terms, n, Some(text))
    }

    /// The profile of a query.
    pub fn of_query(q: &Query) -> Profile {
        Profile::new(q.terms.clone(), q.terms.len(), q.facts.clone())
    }

    /// The profile of a query given as text: the same as [`Profile::of_query`] of
    /// [`Query::new`] of it, with its facts read only if a candidate is scored in full (most
    /// claims of an import have none that could match).
    pub fn of_query_text(text: &str) -> Profile {
        Profile::of_query_terms(crate::normalise::query_terms(text), text)
    }

    /// [`Profile::of_query_text`] of `text` given its query terms
    /// (`crate::normalise::query_terms(text)`, normalised by the caller).
    pub fn of_query_terms(terms: Vec<String>, text: &str) -> Profile {
        let n = terms.len();
        Profile::of_terms(terms, n, Some(text))
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
        Profile::of_terms(terms, claim, Some(&d.text))
    }

    /// BM25 contributions of this document for the distinct query terms `q`, in query order.
    pub fn contributions<'q>(&self, q: &[&'q str], stats: &dyn Stats) -> Vec<(&'q str, f64)> {
        bm25::contributions_tf(q, &self.detail().tf, self.terms.len(), stats)
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

/// What [`QueryFeatures::bounds`] reads of a profile, in one allocation read front to back: a
/// library's candidates are read cold from memory one after the other, and one block read in
/// order (which the processor prefetches) costs less than the several vectors of a [`Profile`].
/// Layout, little-endian: the number of terms (u32), of claim terms (u32), of distinct
/// trigrams (u32), of distinct terms (u32); then per distinct term, first-seen order, its hash
/// ([`TERM_SEED`]), its skeleton's hash ([`SKELETON_SEED`]), its occurrences in the claim (u32)
/// and in the title (u32); then the sketch, [`SKETCH`] one-byte counts of the trigrams by
/// bucket (a count-min sketch: two texts share at most the sum over buckets of the smaller
/// count), then the same counts summed over runs of [`COARSE`] buckets (a coarser sketch of a
/// looser bound, read first: 128 bytes rule out most candidates); both absent when a bucket
/// would count past 255 (a text of many thousand trigrams: no bound, the pair is scored in
/// full).
#[derive(Debug, Clone, PartialEq)]
struct Compact(Box<[u8]>);

/// Buckets of the fine sketch summed into one of the coarse sketch ([`Compact`]).
const COARSE: usize = 8;

/// Bytes of the header and of one distinct term in a [`Compact`].
const HEADER: usize = 16;
const ENTRY: usize = 24;

impl Compact {
    fn new(
        len: usize,
        claim_terms: usize,
        trigrams: &[u64],
        distinct: &[(u64, u64, u32, u32)],
    ) -> Self {
        let sketch = sketch(trigrams);
        let mut b = Vec::with_capacity(HEADER + distinct.len() * ENTRY + SKETCH);
        for v in [len, claim_terms, trigrams.len(), distinct.len()] {
            b.extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes());
        }
        for (h, sh, c, t) in distinct {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&sh.to_le_bytes());
            b.extend_from_slice(&c.to_le_bytes());
            b.extend_from_slice(&t.to_le_bytes());
        }
        let coarse: Option<Vec<u8>> = sketch.as_ref().and_then(|sk| {
            sk.chunks_exact(COARSE)
                .map(|run| u8::try_from(run.iter().map(|c| u32::from(*c)).sum::<u32>()).ok())
                .collect()
        });
        if let (Some(sk), Some(coarse)) = (sketch, coarse) {
            b.extend_from_slice(&sk[..]);
            b.extend_from_slice(&coarse);
        }
        Compact(b.into_boxed_slice())
    }

    fn word(&self, i: usize) -> usize {
        let at = 4 * i;
        u32::from_le_bytes([self.0[at], self.0[at + 1], self.0[at + 2], self.0[at + 3]]) as usize
    }

    /// Terms, claim terms, distinct trigrams.
    fn counts(&self) -> (usize, usize, usize) {
        (self.word(0), self.word(1), self.word(2))
    }

    fn entries_end(&self) -> usize {
        HEADER + self.word(3) * ENTRY
    }

    fn sketch(&self) -> Option<&[u8]> {
        self.0.get(self.entries_end()..)?.get(..SKETCH)
    }

    fn coarse(&self) -> Option<&[u8]> {
        self.0
            .get(self.entries_end() + SKETCH..)?
            .get(..SKETCH / COARSE)
    }

    fn sketch_at(&self, coarse: bool) -> Option<&[u8]> {
        if coarse {
            self.coarse()
        } else {
            self.sketch()
        }
    }

    /// Per distinct term: hash, skeleton hash, occurrences in the claim and in the title.
    fn terms(&self) -> impl Iterator<Item = (u64, u64, u32, u32)> + '_ {
        self.0[HEADER..self.entries_end()]
            .chunks_exact(ENTRY)
            .map(|e| {
                let u64_at = |i: usize| {
                    u64::from_le_bytes([
                        e[i],
                        e[i + 1],
                        e[i + 2],
                        e[i + 3],
                        e[i + 4],
                        e[i + 5],
                        e[i + 6],
                        e[i + 7],
                    ])
                };
                let counts = u64_at(16);
                (u64_at(0), u64_at(8), counts as u32, (counts >> 32) as u32)
            })
    }
}

/// The count-min sketch of a trigram list ([`Compact`]); `None` when a bucket would count past
/// 255.
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
fn sketch_overlap(a: &[u8], b: &[u8]) -> u32 {
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
            if let Some(mut b) = q.bounds(d, &mut scratch) {
                // The trigram sketches only when the lengths alone do not rule it out, the
                // coarse one (128 bytes) before the fine one (1 KB).
                if !keep(&b)
                    || (q.sketch_cosine(d, &mut b, true) && !keep(&b))
                    || (q.sketch_cosine(d, &mut b, false) && !keep(&b))
                {
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
    q_skeletons: Vec<&'a str>,
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
    /// For [`QueryFeatures::bounds`]: the slot (position in `skeleton_firsts`) of each skeleton
    /// by its hash
    /// ([`Profile::skeleton_hashes`]); `None` if two query skeletons share a hash (no bounds).
    slot_by_hash: Option<HashMap<u64, usize, FixedState>>,
    /// The distinct query terms of each skeleton slot.
    slot_terms: Vec<Vec<usize>>,
    /// Occurrences of each distinct query term in `q_seq`.
    seq_count: Vec<u32>,
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
    /// What [`QueryFeatures::bounds`] counts.
    bounds: BoundsScratch,
}

/// [`QueryFeatures::bounds`]'s counts, zero between candidates.
#[derive(Default)]
struct BoundsScratch {
    /// Occurrences of each distinct query term in the candidate's claim and title.
    tf: Vec<(u32, u32)>,
    /// Terms of the candidate per query skeleton slot.
    sk_tf: Vec<u32>,
    /// The query terms and skeleton slots the candidate holds.
    held: Vec<usize>,
    held_slots: Vec<usize>,
}

impl<'a> QueryFeatures<'a> {
    fn new(query: &'a Profile, stats: &dyn Stats) -> Self {
        let q: Vec<&str> = query.unique.iter().map(String::as_str).collect();
        // Each statistic read once per term (a look-up by string in the store's table).
        let dfs: Vec<u64> = q.iter().map(|t| stats.df(t)).collect();
        let q_idf: Vec<f64> = dfs.iter().map(|df| bm25::idf(stats.docs(), *df)).collect();
        // The idf mass, summed in query order as `idf_mass` sums it.
        let q_mass = q_idf.iter().sum::<f64>().max(1e-9);
        let q_skeletons: Vec<&str> = query.skeletons.iter().map(String::as_str).collect();
        let mut seen = HashSet::with_hasher(FixedState::default());
        let skeleton_firsts: Vec<usize> = (0..q.len())
            .filter(|i| seen.insert(q_skeletons[*i]))
            .collect();
        let q_index: HashMap<&str, usize, FixedState> =
            q.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        let q_seq: Vec<usize> = query
            .terms
            .iter()
            .filter_map(|t| q_index.get(t.as_str()).copied())
            .collect();
        let mut seq_count = vec![0u32; q.len()];
        for i in &q_seq {
            seq_count[*i] += 1;
        }
        let avg_len = stats.avg_len().max(1e-9);
        // The query's BM25 as a document of the collection (`bm25::self_score`), from the same
        // figures in the same order.
        let self_norm = bm25::K1 * (1.0 - bm25::B + bm25::B * query.terms.len() as f64 / avg_len);
        let self_score = q_idf
            .iter()
            .zip(&seq_count)
            .map(|(idf, f)| {
                let f = f64::from(*f);
                idf * f * (bm25::K1 + 1.0) / (f + self_norm)
            })
            .sum::<f64>()
            .max(1e-9);
        let q_seq_mass = q_seq.iter().map(|i| q_idf[*i]).sum::<f64>().max(1e-9);
        // `rare_coverage`: each query term the library holds weighs idf³, so the query's rarest
        // words dominate. A term no fact-check holds (a typo, a dialect word; in a small library,
        // most words of a claim) cannot be found in any candidate: it weighs nothing found, but
        // counts in the query's mass as much as the mean term the library holds, so the share
        // stays an honest one of the whole claim (the held terms' share times the share of the
        // claim's distinct terms the library holds) rather than growing from one shared word.
        let q_rare: Vec<f64> = dfs
            .iter()
            .zip(&q_idf)
            .map(|(df, idf)| if *df > 0 { idf.powi(3) } else { 0.0 })
            .collect();
        let held = dfs.iter().filter(|df| **df > 0).count();
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
            .map(|(slot, i)| (skeleton_hasher.hash_one(q_skeletons[*i]), slot))
            .collect();
        let skeleton_filter = HashFilter::new(slot_by_hash.keys().copied());
        let term_filter = HashFilter::new(query.hashes.iter().copied());
        let slot_by_hash = (slot_by_hash.len() == skeleton_firsts.len()).then_some(slot_by_hash);
        let slot_of: HashMap<&str, usize, FixedState> = skeleton_firsts
            .iter()
            .enumerate()
            .map(|(slot, i)| (q_skeletons[*i], slot))
            .collect();
        let mut slot_terms = vec![Vec::new(); skeleton_firsts.len()];
        for (i, sk) in q_skeletons.iter().enumerate() {
            slot_terms[slot_of[sk]].push(i);
        }
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
            avg_len,
            unseen_idf: bm25::idf(stats.docs(), 0),
            slot_by_hash,
            slot_terms,
            seq_count,
            term_filter,
            skeleton_filter,
        };
        // `skeleton_bm25` of the query itself, from its own counts per skeleton (the same
        // figures in the same order, without the query's `Detail`).
        let norm = bm25::K1 * (1.0 - bm25::B + bm25::B * query.terms.len() as f64 / avg_len);
        out.sk_self = out
            .skeleton_firsts
            .iter()
            .zip(&out.slot_terms)
            .map(|(first, terms)| {
                let f = f64::from(terms.iter().map(|i| out.seq_count[*i]).sum::<u32>());
                out.q_idf[*first] * f * (bm25::K1 + 1.0) / (f + norm)
            })
            .sum::<f64>()
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
                let f = f64::from(*d_sk.get(self.q_skeletons[i])?);
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
    /// value bounded from above. `None` when the query's terms or skeletons cannot be told
    /// apart by hash (then nothing is bounded).
    fn bounds(&self, d: &Profile, s: &mut Scratch) -> Option<FeatureBounds> {
        let by_slot = self.slot_by_hash.as_ref()?;
        let by_hash = self.q_hash.as_ref()?;
        let (len, claim_terms, trigrams) = d.compact.counts();
        // Most candidates hold a few of the query's words: the work below follows the query
        // words and skeletons held (`held`, `held_slots`), not every query word, and leaves
        // the counts at zero for the next candidate.
        let b = &mut s.bounds;
        b.tf.resize(self.q.len(), (0, 0));
        b.sk_tf.resize(self.skeleton_firsts.len(), 0);
        b.held.clear();
        b.held_slots.clear();
        let (mut distinct, mut held_idf) = (0usize, 0.0);
        for (h, sh, in_claim, in_title) in d.compact.terms() {
            distinct += 1;
            if self.term_filter.may_hold(h) {
                if let Some(&i) = by_hash.get(&h) {
                    let tf = &mut b.tf[i];
                    if *tf == (0, 0) {
                        b.held.push(i);
                    }
                    tf.0 += in_claim;
                    tf.1 += in_title;
                    held_idf += self.q_idf[i];
                }
            }
            if self.skeleton_filter.may_hold(sh) {
                if let Some(&slot) = by_slot.get(&sh) {
                    if b.sk_tf[slot] == 0 {
                        b.held_slots.push(slot);
                    }
                    b.sk_tf[slot] += in_claim + in_title;
                }
            }
        }
        // A candidate's term the query lacks weighs as the rarest, as in `featured`.
        let unheld = distinct - b.held.len();
        let d_mass = (held_idf + self.unseen_idf * unheld as f64).max(1e-9);
        let norm = |len: usize| bm25::K1 * (1.0 - bm25::B + bm25::B * len as f64 / self.avg_len);
        let weight = |i: usize, f: u32, norm: f64| {
            let f = f64::from(f);
            self.q_idf[i] * f * (bm25::K1 + 1.0) / (f + norm)
        };
        let (all, in_claim, in_title) = (norm(len), norm(claim_terms), norm(len - claim_terms));
        let (mut total, mut claim_score, mut title_score) = (0.0, 0.0, 0.0);
        let (mut m_mass, mut v_mass, mut rare_mass) = (0.0, 0.0, 0.0);
        let (mut claim_order, mut title_order) = (0.0, 0.0);
        for &i in &b.held {
            let (c, t) = b.tf[i];
            total += weight(i, c + t, all);
            m_mass += self.q_idf[i];
            v_mass += self.q_idf[i];
            rare_mass += self.q_rare[i];
            // The longest common subsequence holds only query words the part holds, each
            // position of the query once.
            let in_seq = self.q_idf[i] * f64::from(self.seq_count[i]);
            if c > 0 {
                claim_score += weight(i, c, in_claim);
                claim_order += in_seq;
            }
            if t > 0 {
                title_score += weight(i, t, in_title);
                title_order += in_seq;
            }
        }
        if claim_terms >= len {
            (claim_score, title_score) = (total, total);
        }
        let mut sk_score = 0.0;
        for &slot in &b.held_slots {
            let f = b.sk_tf[slot];
            sk_score += weight(self.skeleton_firsts[slot], f, all);
            // Query words held only as a spelling variant.
            for &i in &self.slot_terms[slot] {
                if b.tf[i] == (0, 0) {
                    v_mass += self.q_idf[i];
                    rare_mass += self.q_rare[i];
                }
            }
            b.sk_tf[slot] = 0;
        }
        for &i in &b.held {
            b.tf[i] = (0, 0);
        }
        // Two texts share at most the trigrams of the shorter ([`QueryFeatures::sketch_cosine`]
        // bounds them closer).
        let (qt, dt) = (self.query.trigrams.len(), trigrams);
        let cosine = qt.min(dt) as f64 / ((qt * dt) as f64).sqrt().max(1.0);
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
        hi[14] = (claim_order.max(title_order) / self.q_seq_mass).min(1.0);
        Some(FeatureBounds { lo: exact, hi })
    }

    /// Tightens the `char_ngrams` bound of `b` (candidate `d`'s bounds) with the two texts'
    /// trigram sketches, the coarse ones with `coarse`; false when either has none (the bound
    /// stays).
    fn sketch_cosine(&self, d: &Profile, b: &mut FeatureBounds, coarse: bool) -> bool {
        let (Some(a), Some(sk)) = (
            self.query.compact.sketch_at(coarse),
            d.compact.sketch_at(coarse),
        ) else {
            return false;
        };
        let (_, _, trigrams) = d.compact.counts();
        let cosine = f64::from(sketch_overlap(a, sk))
            / ((self.query.trigrams.len() * trigrams) as f64)
                .sqrt()
                .max(1.0);
        b.hi[10] = b.hi[10].min(cosine);
        true
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
        let (qd, dd) = (query.detail(), d.detail());
        let shared_bigrams = sorted_overlap(&qd.bigrams, &dd.bigrams);
        let df = d.facts();
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
            } else if let Some(&dt) = dd.skeleton_term.get(*sk) {
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
        let qf = query.facts();
        let numbers = agreement(&qf.numbers, &df.numbers);
        let names = agreement(&qf.names, &df.names);
        let x = [
            (total / self.self_score).min(1.0),
            (m_mass / d_mass).min(1.0),
            (m_mass / self.q_mass).min(1.0),
            shared_bigrams as f64 / qd.bigrams.len().max(1) as f64,
            flag(numbers, true),
            flag(numbers, false),
            flag(agreement(&qf.years, &df.years), false),
            flag(names, true),
            flag(names, false),
            (claim_score / self.self_score).min(1.0),
            cosine,
            (v_mass / self.q_mass).min(1.0),
            (self.skeleton_bm25(d.terms.len(), &dd.skeleton_tf) / self.sk_self).min(1.0),
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

    /// A library of 1 to 13 documents, each a claim and a title of [`WORDS`] picked.
    pub(crate) fn library_strategy() -> impl Strategy<Value = Vec<(Vec<usize>, Vec<usize>)>> {
        prop::collection::vec(
            (
                prop::collection::vec(0..WORDS.len(), 0..14),
                prop::collection::vec(0..WORDS.len(), 0..8),
            ),
            1..14,
        )
    }

    /// The documents of a [`library_strategy`] value and their BM25 index.
    pub(crate) fn library(picks: &[(Vec<usize>, Vec<usize>)]) -> (Vec<Doc>, Index) {
        let docs: Vec<Doc> = picks
            .iter()
            .map(|(c, t)| Doc::new(&text(c), &text(t), Some("ar"), None))
            .collect();
        let mut ix = Index::new();
        for d in &docs {
            ix.add(d.terms.clone());
        }
        (docs, ix)
    }

    proptest! {
        /// Every feature value of every candidate lies within its bounds (the pruning of
        /// `rank::best` and `rank::rank_shown` rests on it).
        #[test]
        fn feature_values_lie_within_their_bounds(
            picks in library_strategy(),
            query in prop::collection::vec(0..WORDS.len(), 1..16),
        ) {
            let (docs, ix) = library(&picks);
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
            a.compact.sketch().expect("sketched"),
            b.compact.sketch().expect("sketched"),
        );
        assert!(shared > 0 && bound >= shared, "{bound} < {shared}");
        let coarse = sketch_overlap(
            a.compact.coarse().expect("sketched"),
            b.compact.coarse().expect("sketched"),
        );
        assert!(
            coarse >= bound,
            "the coarse sketch bounds more loosely: {coarse} < {bound}"
        );
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
        assert!(p.compact.sketch().is_none());
        let q = Profile::of_text("w1 w2");
        let ix = Index::new();
        let qf = QueryFeatures::new(&q, &ix);
        let mut b = qf.bounds(&p, &mut Scratch::default()).expect("bounds");
        let by_lengths = b.hi[10];
        for coarse in [true, false] {
            assert!(
                !qf.sketch_cosine(&p, &mut b, coarse),
                "no sketch to tighten the bound with"
            );
        }
        assert_eq!(
            b.hi[10], by_lengths,
            "char_ngrams bounded by the lengths alone"
        );
    }
}
