//! The learned part of check-worthiness: a logistic-regression model over hashed features of
//! the folded text plus the cue reasons of `score.rs`.
//!
//! Features (all from [`featurize`]): tweet markup reduced first (a link and an `@mention` become
//! placeholder words, a hashtag its words), then folded word unigrams and bigrams (digits mapped
//! to `<num>`, 4-digit years to `<year>`), character 2–4-grams of each folded word padded with
//! spaces, and `?` `؟` `!` `%` marks, hashed (FNV-1a, 64-bit) into [`DIM`] buckets with sublinear
//! TF (`1 + ln count`) and L2 normalisation; then one dense weight per [`Reason`] that fired. The
//! model is trained by `cargo xtask train` (naive-Bayes-scaled logistic regression, the scaling
//! folded into the weights) on the CheckThat! 2024 and 2021 Arabic training splits
//! (`shared/checkworthiness/`) with a fixed seed, and embedded from
//! `data/checkworthiness-model.bin`; see `docs/scoring.md`.

use std::borrow::Cow;

use claimtrack_model::Reason;

use crate::text::{tokenize, Token, TokenKind};

/// Number of hashed feature buckets (2^16).
pub const DIM: usize = 1 << 16;

/// File magic of a serialised [`Model`].
const MAGIC: &[u8; 8] = b"CTLR0001";

/// FNV-1a (64-bit) offset basis.
const FNV_BASIS: u64 = 0xcbf29ce484222325;

/// One FNV-1a (64-bit) step: the hash `h` extended by byte `b`.
#[inline]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
}

/// FNV-1a (64-bit) of the namespace byte followed by the bytes of `parts`, as if concatenated.
fn fnv1a(ns: u8, parts: &[&str]) -> u64 {
    // Plain loops: a chained, flattened byte iterator did not compile to one.
    let mut h = fnv_step(FNV_BASIS, ns);
    for p in parts {
        for &b in p.as_bytes() {
            h = fnv_step(h, b);
        }
    }
    h
}

/// The bucket of one feature: [`fnv1a`] of its namespace and parts, modulo [`DIM`].
fn bucket(ns: u8, parts: &[&str]) -> u32 {
    (fnv1a(ns, parts) % DIM as u64) as u32
}

/// Pushes the buckets of a folded word's own features: the word (namespace `w`), then the
/// character 2–4-grams of the word padded with one space each side (namespace `c`), grouped by
/// first character (the order does not matter: buckets are sorted before counting). FNV-1a is
/// sequential, so the 2-, 3- and 4-grams that start at one character share one pass over their
/// bytes; the padded word is never built and the character bounds are kept inline.
pub(crate) fn push_word_buckets(word: &str, out: &mut Vec<u32>) {
    out.push(bucket(b'w', &[word]));
    let len = word.len();
    // Byte `p` of ` word `.
    let byte = |p: usize| {
        if p == 0 || p == len + 1 {
            b' '
        } else {
            word.as_bytes()[p - 1]
        }
    };
    // Character bounds of ` word `: 0, then 1 + each character's start in `word`, then the
    // start and the end of the trailing space.
    let bounds: smallvec::SmallVec<[usize; 40]> = std::iter::once(0)
        .chain(word.char_indices().map(|(b, _)| b + 1))
        .chain([len + 1, len + 2])
        .collect();
    let chars = bounds.len() - 1;
    for first in 0..chars {
        let mut h = fnv_step(FNV_BASIS, b'c');
        for n in 1..=4.min(chars - first) {
            for p in bounds[first + n - 1]..bounds[first + n] {
                h = fnv_step(h, byte(p));
            }
            if n >= 2 {
                out.push((h % DIM as u64) as u32);
            }
        }
    }
}

/// Placeholder word for a link in [`featurize`] (one feature, never split into n-grams).
const URL_WORD: &str = "xurlx";
/// Placeholder word for an `@mention` in [`featurize`].
const USER_WORD: &str = "xuserx";

/// Tweet markup reduced to what it says about check-worthiness: a link becomes one placeholder
/// word (its random path is noise), an `@mention` another, and a hashtag its words
/// (`#القمة_الخليجية` → `القمة الخليجية`). News text passes through unchanged.
fn normalise_markup(text: &str) -> Cow<'_, str> {
    if !text.contains(['#', '@']) && !text.contains("http") && !text.contains("www.") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.") {
            out.push_str(URL_WORD);
        } else if w.len() > 1 && w.starts_with('@') {
            out.push_str(USER_WORD);
        } else if let Some(tag) = w.strip_prefix('#') {
            out.push_str(&tag.replace('_', " "));
        } else {
            out.push_str(w);
        }
    }
    Cow::Owned(out)
}

/// Sparse hashed features of `text`: `(bucket, value)` pairs, buckets unique, sublinear TF
/// (`1 + ln count`), L2 norm 1 (empty for text without words).
pub fn featurize(text: &str) -> Vec<(u32, f32)> {
    featurize_with(text, None)
}

/// [`featurize`], reusing `tokens` when they are `text`'s tokens and `text` has no tweet markup
/// (the importer has already tokenised each claim).
pub(crate) fn featurize_with(text: &str, tokens: Option<&[Token]>) -> Vec<(u32, f32)> {
    let normalised = normalise_markup(text);
    let own;
    let tokens = match (&normalised, tokens) {
        (Cow::Borrowed(_), Some(t)) => t,
        _ => {
            own = tokenize(&normalised, 0, normalised.len());
            own.as_slice()
        }
    };
    let text = normalised.as_ref();
    // Buckets of every feature occurrence; counted after sorting (no map, no hashing of keys).
    let mut buckets: Vec<u32> = Vec::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    for t in tokens {
        let word = match t.kind {
            TokenKind::Word => t.fold.as_str(),
            TokenKind::Number if t.fold.len() == 4 && t.fold.starts_with(['1', '2']) => "<year>",
            TokenKind::Number => "<num>",
            TokenKind::Punct => {
                if matches!(
                    t.fold.as_str(),
                    "?" | "؟" | "!" | "%" | "٪" | "«" | "\"" | "“" | "”"
                ) {
                    buckets.push(bucket(b'p', &[&t.fold]));
                }
                prev = None;
                continue;
            }
        };
        if let Some(p) = prev {
            buckets.push(bucket(b'b', &[p, " ", word]));
        }
        if t.kind == TokenKind::Word && word != URL_WORD && word != USER_WORD {
            // Memoised with the word's other facts: news text repeats its words, and hashing ~13
            // character n-grams per occurrence was a fifth of an import (issue #13).
            buckets.extend_from_slice(&t.facts().buckets);
        } else {
            buckets.push(bucket(b'w', &[word]));
        }
        prev = Some(word);
    }
    let mut out = count_buckets(&buckets);
    // Sublinear TF: a word repeated in a tweet is not that much more telling.
    for (_, v) in &mut out {
        *v = 1.0 + v.ln();
    }
    // Summed in bucket order: float addition is not associative, and the same text must give the
    // same bits in every process (the committed model is checked byte for byte).
    let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    for (_, v) in &mut out {
        *v /= norm;
    }
    out
}

/// Per-thread scratch of [`count_buckets`]: a count per bucket and a bitmap of the buckets seen,
/// both all zero between calls (256 KiB + 8 KiB a thread).
struct Counter {
    counts: Vec<u32>,
    seen: Vec<u64>,
}

thread_local! {
    static COUNTER: std::cell::RefCell<Counter> = std::cell::RefCell::new(Counter {
        counts: vec![0; DIM],
        seen: vec![0; DIM / 64],
    });
}

/// The distinct buckets of `buckets` (each below [`DIM`]) in ascending order, each with its
/// number of occurrences: what sorting and counting runs give, without the sort (a tenth of an
/// import's instructions went to sorting a sentence's few hundred buckets, issue #13). Counts are
/// exact as `f32` up to 2^24 occurrences.
fn count_buckets(buckets: &[u32]) -> Vec<(u32, f32)> {
    COUNTER.with(|c| {
        let c = &mut *c.borrow_mut();
        for &b in buckets {
            let b = b as usize;
            c.counts[b] += 1;
            c.seen[b / 64] |= 1 << (b % 64);
        }
        let mut out = Vec::with_capacity(buckets.len());
        for (w, bits) in c.seen.iter_mut().enumerate() {
            while *bits != 0 {
                let b = w * 64 + bits.trailing_zeros() as usize;
                out.push((b as u32, c.counts[b] as f32));
                c.counts[b] = 0;
                *bits &= *bits - 1;
            }
        }
        out
    })
}

/// A trained logistic-regression model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Intercept.
    pub bias: f32,
    /// One weight per hashed bucket (`DIM` values).
    pub weights: Vec<f32>,
    /// One weight per [`Reason`], indexed by its position in `Reason::ALL`.
    pub cue_weights: Vec<f32>,
}

/// Why bytes could not be read as a [`Model`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a claimtrack check-worthiness model: {0}")]
pub struct ModelFormatError(pub &'static str);

impl Model {
    /// A model with all weights zero (probability 0.5 everywhere); the starting point of training.
    pub fn zeros() -> Self {
        Model {
            bias: 0.0,
            weights: vec![0.0; DIM],
            cue_weights: vec![0.0; Reason::ALL.len()],
        }
    }

    /// The linear score (log-odds) of a feature vector and a set of cue reasons.
    pub fn logit(&self, features: &[(u32, f32)], cues: &[Reason]) -> f32 {
        let mut z = self.bias;
        for &(k, v) in features {
            z += self.weights[k as usize] * v;
        }
        for r in cues {
            z += self.cue_weights[reason_index(*r)];
        }
        z
    }

    /// Probability that the text is check-worthy, in `[0, 1]`.
    pub fn probability(&self, features: &[(u32, f32)], cues: &[Reason]) -> f32 {
        1.0 / (1.0 + (-self.logit(features, cues)).exp())
    }

    /// Serialises as `CTLR0001`, then little-endian u32 DIM, u32 cue count, f32 bias, DIM f32
    /// weights and the cue f32 weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(16 + 4 * (1 + self.weights.len() + self.cue_weights.len()));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.cue_weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        for w in self.weights.iter().chain(&self.cue_weights) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads the format written by [`Model::to_bytes`].
    ///
    /// # Errors
    /// [`ModelFormatError`] when the magic, the dimensions or the length do not match this build.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelFormatError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelFormatError("bad magic"))?;
        let word = |i: usize| -> Option<[u8; 4]> { rest.get(i * 4..i * 4 + 4)?.try_into().ok() };
        let dim = u32::from_le_bytes(word(0).ok_or(ModelFormatError("truncated"))?) as usize;
        let cues = u32::from_le_bytes(word(1).ok_or(ModelFormatError("truncated"))?) as usize;
        if dim != DIM || cues != Reason::ALL.len() {
            return Err(ModelFormatError("dimensions differ from this build"));
        }
        if rest.len() != 4 * (3 + dim + cues) {
            return Err(ModelFormatError("wrong length"));
        }
        let f = |i: usize| f32::from_le_bytes(word(i).unwrap_or_default());
        Ok(Model {
            bias: f(2),
            weights: (0..dim).map(|i| f(3 + i)).collect(),
            cue_weights: (0..cues).map(|i| f(3 + dim + i)).collect(),
        })
    }

    /// The model trained by `cargo xtask train` and committed as `data/checkworthiness-model.bin`.
    pub fn embedded() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(include_bytes!("../data/checkworthiness-model.bin"))
                .unwrap_or_else(|_| Model::zeros())
        })
    }
}

/// Position of a reason in `Reason::ALL`.
pub fn reason_index(r: Reason) -> usize {
    Reason::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocation-free n-grams equal those of the padded word, built as it was before.
    #[test]
    fn word_buckets_equal_those_of_the_padded_word() {
        for word in [
            "و",
            "في",
            "الوزير",
            "2024",
            "fbi",
            "ﻻ",
            "é",
            "المملكه",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop",
        ] {
            let padded = format!(" {word} ");
            let bounds: Vec<usize> = padded
                .char_indices()
                .map(|(b, _)| b)
                .chain([padded.len()])
                .collect();
            let mut want = vec![bucket(b'w', &[word])];
            for n in 2..=4 {
                for w in bounds.windows(n + 1) {
                    want.push(bucket(b'c', &[&padded[w[0]..w[n]]]));
                }
            }
            let mut got = Vec::new();
            push_word_buckets(word, &mut got);
            // The same buckets; the order does not matter (sorted before counting).
            want[1..].sort_unstable();
            got[1..].sort_unstable();
            assert_eq!(got, want, "{word}");
        }
    }

    /// Each `HashMap` has its own random iteration order: summing in that order made the norm,
    /// and so the trained model, differ in the last bits from run to run.
    /// Counting without sorting gives what sorting and counting runs gives, and leaves the
    /// scratch clean for the next call.
    #[test]
    fn bucket_counts_equal_those_of_sorted_runs() {
        let cases: [&[u32]; 4] = [
            &[],
            &[5, 3, 5, 0, 65535, 3, 5, 64, 63],
            &[65535, 65535],
            &[7],
        ];
        for buckets in cases {
            let mut sorted = buckets.to_vec();
            sorted.sort_unstable();
            let mut want: Vec<(u32, f32)> = Vec::new();
            for k in sorted {
                match want.last_mut() {
                    Some((last, count)) if *last == k => *count += 1.0,
                    _ => want.push((k, 1.0)),
                }
            }
            assert_eq!(count_buckets(buckets), want, "{buckets:?}");
        }
    }

    #[test]
    fn features_are_bit_identical_across_calls() {
        let text =
            "قال الوزير إن النمو بلغ 3.5 في المائة، وقال إن النمو سيبلغ 4 في المائة #اقتصاد_المغرب";
        let first = featurize(text);
        for _ in 0..50 {
            let again = featurize(text);
            assert!(first
                .iter()
                .zip(&again)
                .all(|(a, b)| a.0 == b.0 && a.1.to_bits() == b.1.to_bits()));
            assert_eq!(first.len(), again.len());
        }
    }

    #[test]
    fn tweet_markup_is_normalised() {
        assert_eq!(
            featurize("عاجل https://t.co/AbC123 @user1"),
            featurize("عاجل https://t.co/ZzZ999 @someone")
        );
        assert_eq!(featurize("#القمة_الخليجية"), featurize("القمة الخليجية"));
    }

    #[test]
    fn features_are_normalised_and_fold_insensitive() {
        let a = featurize("قال الوزير إن النمو بلغ 3.5 في المائة");
        let norm: f32 = a.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert_eq!(featurize("أعلن الوزيـــر"), featurize("اعلن الوزير"));
        assert!(featurize("").is_empty());
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let mut m = Model::zeros();
        m.bias = -0.25;
        m.weights[7] = 1.5;
        m.cue_weights[2] = -0.5;
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
        assert!(Model::from_bytes(b"nope").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..100]).is_err());
    }
}
