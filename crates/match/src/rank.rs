//! Re-ranking: BM25 candidates → same-claim probability, with the reasons that moved it.
//!
//! Each (query, candidate) pair gets the features of [`FEATURES`] (a fact-check's title is read
//! without its site and rating segments, [`crate::boilerplate`]); a logistic regression
//! ([`Model`], weights fitted by `cargo xtask train-match` on the CheckThat! 2021 task 2A training
//! split and embedded from `weights.rs`) turns them into a probability that the candidate states
//! the same claim. Two thresholds ([`Thresholds`], chosen on the dev split) say whether to show it
//! (*suggest*) and whether to flag the claim as seen (*strong*).
//!
//! Two signals are shown but not in the model, because the evaluation data cannot fit them (every
//! query and fact-check there has the same language and no date): a different language, and the
//! fact-check's age. They appear in the reasons and never change the score.

use chrono::NaiveDate;
use serde::Serialize;

use crate::bm25::Stats;
use crate::boilerplate::{title_boilerplate, Boilerplate};
pub use crate::features::{features, Featured};
use crate::features::{profile_features, profile_scores_where, FeatureBounds, Profile};
use crate::normalise::{query_terms, terms};
use crate::signals::{facts, Facts};
use crate::weights;

/// The model's features, in weight order. Values are in [0, 1] (or 0/1 flags):
/// - `bm25_relative`: BM25 of the candidate divided by the query's self-match, capped at 1;
/// - `doc_coverage`: share of the candidate's idf mass (distinct terms) that the query holds
///   (a candidate term the query lacks weighs as the rarest: only the query's terms' document
///   frequencies are read);
/// - `query_coverage`: share of the query's idf mass that the candidate holds;
/// - `bigrams`: share of the query's adjacent term pairs found adjacent in the candidate;
/// - `numbers_agree` / `numbers_conflict`, `years_conflict`, `names_agree` / `names_conflict`:
///   [`crate::signals`] agreement flags;
/// - `claim_bm25_relative`: as `bm25_relative`, over the fact-check's claim text alone (titles
///   carry the site's name and rating);
/// - `char_ngrams`: cosine of the character trigram sets of the two term lists (words padded),
///   which meets morphology the light stemmer misses (broken plurals, attached pronouns);
/// - `variant_coverage`: share of the query's idf mass whose terms the candidate holds exactly
///   or as a spelling variant (same [`crate::variants::skeleton`]: فايروس ~ فيروس);
/// - `variant_bm25_relative`: as `bm25_relative` with the terms of both sides replaced by their
///   skeletons (a query term's idf stays its own);
/// - `title_bm25_relative`: as `bm25_relative`, over the fact-check's title alone: the title is
///   the fact-checker's headline of the claim, a second wording of it (without a title, the same
///   value as `bm25_relative`: the text is its own headline, as for claims compared when
///   clustering);
/// - `word_order`: the idf mass of the longest common subsequence of the query's terms and the
///   candidate's claim (or title, whichever is longer in mass) over the query's idf mass — the
///   share of the claim's words found in the same order, gaps allowed;
/// - `rare_coverage`: as `variant_coverage` with each query term weighing idf³ instead of idf:
///   the share of the claim's *rarest* words the candidate holds, exactly or as a spelling
///   variant. A candidate sharing the one rare name of a tweet beats one sharing several common
///   words. A term no fact-check holds (a typo, a dialect word; in a small library, most of a
///   claim's words) is found in no candidate, and counts in the claim's mass as the mean term the
///   library holds: the share is that of the held terms times the share of the claim's distinct
///   terms the library holds, so one shared word of a claim the library mostly lacks stays low.
///
/// Every feature depends on the query and the one candidate only (with the library's
/// statistics), never on the other candidates: a lone weak candidate in a small library must
/// not look strong because it is the best there is (rank features were tried and dropped for
/// this reason).
pub const FEATURES: [&str; 16] = [
    "bm25_relative",
    "doc_coverage",
    "query_coverage",
    "bigrams",
    "numbers_agree",
    "numbers_conflict",
    "years_conflict",
    "names_agree",
    "names_conflict",
    "claim_bm25_relative",
    "char_ngrams",
    "variant_coverage",
    "variant_bm25_relative",
    "title_bm25_relative",
    "word_order",
    "rare_coverage",
];

/// How many BM25 candidates the re-ranker looks at per query (the store is asked for as many).
pub const CANDIDATES: usize = 50;

/// Number of features.
pub const DIM: usize = FEATURES.len();

/// A logistic regression over [`FEATURES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Intercept.
    pub bias: f64,
    /// One weight per feature, in [`FEATURES`] order.
    pub weights: [f64; DIM],
}

impl Model {
    /// The model fitted by `cargo xtask train-match` (see `weights.rs`).
    pub const EMBEDDED: Model = Model {
        bias: weights::BIAS,
        weights: weights::WEIGHTS,
    };

    /// The probability (0..1) that a pair with features `x` states the same claim.
    pub fn probability(&self, x: &[f64; DIM]) -> f64 {
        let z = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The highest log-odds a pair whose features lie within `b` can have.
    fn max_logit(&self, b: &FeatureBounds) -> f64 {
        let mut z = 0.0;
        for (i, w) in self.weights.iter().enumerate() {
            z += w * if *w >= 0.0 { b.hi[i] } else { b.lo[i] };
        }
        self.bias + z
    }

    /// The log-odds below which a pair's probability is under `floor`, less a margin of 10^-6
    /// (far above the rounding of the bounds), so that a pair reaching `floor` is never ruled
    /// out; minus infinity for a floor of 0 or less, or of 1 or more (nothing ruled out).
    fn min_logit(&self, floor: f64) -> f64 {
        if floor <= 0.0 || floor >= 1.0 {
            return f64::NEG_INFINITY;
        }
        (floor / (1.0 - floor)).ln() - 1e-6
    }
}

/// The two decision thresholds on the probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// At or above: shown as a suggestion.
    pub suggest: f64,
    /// At or above: the claim is flagged as seen before.
    pub strong: f64,
}

impl Thresholds {
    /// The thresholds chosen on the dev split by `cargo xtask train-match` (see `weights.rs`).
    pub const EMBEDDED: Thresholds = Thresholds {
        suggest: weights::SUGGEST,
        strong: weights::STRONG,
    };
}

/// One candidate document as the re-ranker sees it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Matching terms of the claim and title ([`terms`] of both, claim first).
    pub terms: Vec<String>,
    /// How many of `terms` come from the claim (the rest from the title).
    pub claim_terms: usize,
    /// The title's boilerplate among `terms` (site name and rating segments at its ends,
    /// [`title_boilerplate`]): the features leave it out.
    pub title_boilerplate: Boilerplate,
    /// The raw text the facts are read from (claim and title).
    pub text: String,
    /// Language code (`ar`, `en`, …) when known.
    pub language: Option<String>,
    /// Date of the fact-check when known.
    pub date: Option<NaiveDate>,
}

impl Doc {
    /// A document from its claim text and title.
    pub fn new(claim: &str, title: &str, language: Option<&str>, date: Option<NaiveDate>) -> Doc {
        let text = format!("{claim}\n{title}");
        let mut all = terms(claim);
        let claim_terms = all.len();
        all.extend(terms(title));
        let title_boilerplate = title_boilerplate(title, &all[claim_terms..]);
        Doc {
            terms: all,
            claim_terms,
            title_boilerplate,
            text,
            language: language.map(str::to_owned),
            date,
        }
    }
}

impl Doc {
    /// A document whose terms were computed before (a stored fact-check's): `claim_terms` of
    /// `terms` come from `claim`, the rest from `title`.
    pub fn with_terms(
        terms: Vec<String>,
        claim_terms: usize,
        claim: &str,
        title: Option<&str>,
        language: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Doc {
        let claim_terms = claim_terms.min(terms.len());
        let title_boilerplate = title.map_or(Boilerplate::default(), |t| {
            title_boilerplate(t, &terms[claim_terms..])
        });
        Doc {
            terms,
            claim_terms,
            title_boilerplate,
            text: format!("{claim}\n{}", title.unwrap_or("")),
            language: language.map(str::to_owned),
            date,
        }
    }
}

/// The query side: a claim or free text.
#[derive(Debug, Clone)]
pub struct Query {
    /// Its matching terms ([`query_terms`]: dialect function words and tweet markers dropped).
    pub terms: Vec<String>,
    /// Its facts.
    pub facts: Facts,
    /// Language code when known.
    pub language: Option<String>,
    /// The day ages are counted to (the CLI's clock), when known.
    pub today: Option<NaiveDate>,
}

impl Query {
    /// A query from text.
    pub fn new(text: &str, language: Option<&str>, today: Option<NaiveDate>) -> Query {
        Query {
            terms: query_terms(text),
            facts: facts(text),
            language: language.map(str::to_owned),
            today,
        }
    }
}

/// One signal that moved a score, or that the user should see.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The signal's name (a [`FEATURES`] name, or `language` / `age` for the shown-only ones).
    pub signal: String,
    /// Its contribution to the model's log-odds (weight × value); 0 for shown-only signals.
    pub effect: f64,
    /// A short human reading, e.g. `numbers agree: 12`.
    pub detail: String,
}

/// A term the candidate shares with the query and its BM25 contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The matching term (folded, stemmed).
    pub term: String,
    /// Its BM25 contribution.
    pub weight: f64,
}

/// A scored candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    /// Index of the candidate in the slice given to [`rank`].
    pub index: usize,
    /// Same-claim probability, 0..1.
    pub score: f64,
    /// Plain BM25 score.
    pub bm25: f64,
    /// `score ≥ strong`.
    pub strong: bool,
    /// The signals, largest effect first.
    pub reasons: Vec<Reason>,
    /// Shared terms, largest weight first.
    pub terms: Vec<TermWeight>,
}

fn detail(
    name: &str,
    value: f64,
    query: &Query,
    doc: &Facts,
    variants: &[(String, String)],
) -> String {
    let shared = |a: &std::collections::BTreeSet<String>,
                  b: &std::collections::BTreeSet<String>| {
        a.intersection(b).cloned().collect::<Vec<_>>().join(", ")
    };
    let list =
        |a: &std::collections::BTreeSet<String>| a.iter().cloned().collect::<Vec<_>>().join(", ");
    match name {
        "bm25_relative" => format!(
            "wording overlap {:.0}% of the query matching itself",
            value * 100.0
        ),
        "doc_coverage" => format!("{:.0}% of the fact-check's words found", value * 100.0),
        "query_coverage" => format!("{:.0}% of the claim's words found", value * 100.0),
        "bigrams" => format!("{:.0}% of word pairs in the same order", value * 100.0),
        "numbers_agree" => format!(
            "numbers agree: {}",
            shared(&query.facts.numbers, &doc.numbers)
        ),
        "numbers_conflict" => format!(
            "numbers differ: {} vs {}",
            list(&query.facts.numbers),
            list(&doc.numbers)
        ),
        "years_conflict" => format!(
            "years differ: {} vs {}",
            list(&query.facts.years),
            list(&doc.years)
        ),
        "names_agree" => format!("names agree: {}", shared(&query.facts.names, &doc.names)),
        "names_conflict" => format!(
            "names differ: {} vs {}",
            list(&query.facts.names),
            list(&doc.names)
        ),
        "claim_bm25_relative" => format!(
            "claim wording overlap {:.0}% of the query matching itself",
            value * 100.0
        ),
        "char_ngrams" => format!("{:.0}% letter-trigram similarity", value * 100.0),
        "variant_coverage" if variants.is_empty() => format!(
            "{:.0}% of the claim's words found, spelling variants allowed",
            value * 100.0
        ),
        "variant_coverage" => format!(
            "{:.0}% of the claim's words found, spelling variants allowed: {}",
            value * 100.0,
            variants
                .iter()
                .map(|(q, d)| format!("{q} ~ {d}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "variant_bm25_relative" => format!(
            "wording overlap {:.0}% of the query matching itself, spelling variants allowed",
            value * 100.0
        ),
        "title_bm25_relative" => format!(
            "title wording overlap {:.0}% of the query matching itself",
            value * 100.0
        ),
        "word_order" => format!(
            "{:.0}% of the claim's words found in the same order",
            value * 100.0
        ),
        "rare_coverage" => format!(
            "{:.0}% of the claim's words found, the rarest weighing most",
            value * 100.0
        ),
        _ => format!("{name} {value:.2}"),
    }
}

/// Scores `docs` (the candidates the store returned for `query`) and returns them best first.
/// Candidates sharing no term with the query score like any other (their BM25 features are 0).
pub fn rank(
    query: &Query,
    docs: &[Doc],
    stats: &dyn Stats,
    model: &Model,
    thresholds: Thresholds,
) -> Vec<Scored> {
    let feats = features(query, docs, stats);
    let mut out: Vec<Scored> = feats
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            scored(
                query,
                &docs[i],
                &facts(&docs[i].text),
                i,
                f,
                model,
                thresholds,
            )
        })
        .collect();
    out.sort_by(by_score);
    out
}

/// What `match` shows: the first `limit` of [`rank`]'s list whose score is at least the
/// *suggest* threshold — the same candidates, scores, order and reasons — with the reasons
/// worked out only for those, and only the candidates whose feature bounds may reach
/// *suggest* scored at all (as [`best`] does).
pub fn rank_shown(
    query: &Query,
    docs: &[Doc],
    stats: &dyn Stats,
    model: &Model,
    thresholds: Thresholds,
    limit: usize,
) -> Vec<Scored> {
    let profiles: Vec<Profile> = docs.iter().map(Profile::of_doc).collect();
    let refs: Vec<&Profile> = profiles.iter().collect();
    let q = Profile::of_query(query);
    let min = model.min_logit(thresholds.suggest);
    let mut order: Vec<(usize, f64, f64)> =
        profile_scores_where(&q, &refs, stats, |b| model.max_logit(b) >= min)
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|(x, bm25)| (i, model.probability(x), *bm25)))
            .filter(|(_, p, _)| *p >= thresholds.suggest)
            .collect();
    order.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    order.truncate(limit);
    let chosen: Vec<&Profile> = order.iter().map(|o| refs[o.0]).collect();
    order
        .iter()
        .zip(profile_features(&q, &chosen, stats))
        .map(|((i, _, _), f)| {
            // The profile's facts are `facts(&doc.text)`, as `rank` reads them.
            scored(
                query,
                &docs[*i],
                profiles[*i].facts(),
                *i,
                f,
                model,
                thresholds,
            )
        })
        .collect()
}

/// [`rank`]'s order: score, then plain BM25, then candidate order.
fn by_score(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(b.bm25.total_cmp(&a.bm25))
        .then(a.index.cmp(&b.index))
}

/// One scored candidate with its reasons: candidate `i`, `doc`, whose facts are `doc_facts`.
fn scored(
    query: &Query,
    doc: &Doc,
    doc_facts: &Facts,
    i: usize,
    f: Featured,
    model: &Model,
    thresholds: Thresholds,
) -> Scored {
    let Featured {
        x,
        terms,
        bm25: total,
        variants,
    } = f;
    let score = model.probability(&x);
    let mut reasons: Vec<Reason> = FEATURES
        .iter()
        .zip(x.iter().zip(model.weights))
        .filter(|(_, (v, _))| **v != 0.0)
        .map(|(name, (v, w))| Reason {
            signal: (*name).to_owned(),
            effect: w * v,
            detail: detail(name, *v, query, doc_facts, &variants),
        })
        .collect();
    reasons.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
    if let (Some(a), Some(b)) = (&query.language, &doc.language) {
        if a != b {
            reasons.push(Reason {
                signal: "language".into(),
                effect: 0.0,
                detail: format!("fact-check in {b}, claim in {a}"),
            });
        }
    }
    if let (Some(today), Some(date)) = (query.today, doc.date) {
        let days = (today - date).num_days();
        reasons.push(Reason {
            signal: "age".into(),
            effect: 0.0,
            detail: if days >= 365 {
                format!("checked {:.1} years ago", days as f64 / 365.25)
            } else {
                format!("checked {days} days ago")
            },
        });
    }
    let mut terms: Vec<TermWeight> = terms
        .into_iter()
        .map(|(term, weight)| TermWeight { term, weight })
        .collect();
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    Scored {
        index: i,
        score,
        bm25: total,
        strong: score >= thresholds.strong,
        reasons,
        terms,
    }
}

/// The best of the candidate profiles `docs` for the query profile `query` whose same-claim
/// probability is `floor` or more, as [`rank`] orders candidates (probability, then BM25, then
/// position), as `(position in docs, probability)`; `None` when none reaches `floor` (or `docs`
/// is empty). No reasons are worked out: for matching many claims, where only each claim's best
/// match is kept, with profiles made once per candidate
/// ([`Profile::of_doc`](crate::features::Profile::of_doc)) and shared between claims.
///
/// Why a floor: most claims have no earlier fact-check, and a candidate whose feature bounds
/// (one pass over its terms and a trigram sketch) cannot reach `floor` is not scored in full.
/// The result is the same as scoring every candidate and keeping the best at or above `floor`.
pub fn best(
    query: &crate::features::Profile,
    docs: &[&crate::features::Profile],
    stats: &dyn Stats,
    model: &Model,
    floor: f64,
) -> Option<(usize, f64)> {
    let min = model.min_logit(floor);
    profile_scores_where(query, docs, stats, |b| model.max_logit(b) >= min)
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.as_ref().map(|(x, bm25)| (i, model.probability(x), *bm25)))
        .filter(|(_, p, _)| *p >= floor)
        .min_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.2.total_cmp(&a.2))
                .then(a.0.cmp(&b.0))
        })
        .map(|(i, p, _)| (i, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bm25::Index;

    /// The index of a feature in [`FEATURES`].
    fn at(name: &str) -> usize {
        FEATURES.iter().position(|f| *f == name).expect(name)
    }

    /// The reason named `signal` of a scored candidate; panics when it is not listed.
    fn reason<'a>(scored: &'a Scored, signal: &str) -> &'a Reason {
        scored
            .reasons
            .iter()
            .find(|r| r.signal == signal)
            .unwrap_or_else(|| panic!("{signal} is not among the reasons: {:?}", scored.reasons))
    }

    fn library(texts: &[&str]) -> (Vec<Doc>, Index) {
        let docs: Vec<Doc> = texts
            .iter()
            .map(|t| Doc::new(t, "", Some("ar"), None))
            .collect();
        let mut ix = Index::new();
        for d in &docs {
            ix.add(d.terms.clone());
        }
        (docs, ix)
    }

    #[test]
    fn rank_shown_is_the_head_of_rank_above_suggest() {
        let (docs, ix) = library(&[
            "وفاة 12 شخصا في حريق مستشفى بغداد",
            "حريق في سوق شعبي ببغداد",
            "لقاح كورونا يسبب العقم",
            "حريق مستشفى ابن الخطيب في بغداد يودي بحياة 82 شخصا",
            "حريق مستشفى ابن الخطيب في بغداد يودي بحياة 82 شخصا",
            "Hot water with lemon cures COVID-19",
        ]);
        let t = Thresholds::EMBEDDED;
        let mut shown_any = false;
        for text in [
            "حريق مستشفى في بغداد",
            "لقاح كورونا",
            "hot lemon water cures covid",
        ] {
            let q = Query::new(text, Some("ar"), None);
            let all = rank(&q, &docs, &ix, &Model::EMBEDDED, t);
            for limit in [1, 2, 10] {
                let want: Vec<Scored> = all
                    .iter()
                    .filter(|s| s.score >= t.suggest)
                    .take(limit)
                    .cloned()
                    .collect();
                let got = rank_shown(&q, &docs, &ix, &Model::EMBEDDED, t, limit);
                assert_eq!(got, want, "{text}, limit {limit}");
                shown_any |= !got.is_empty();
            }
        }
        assert!(shown_any, "no query had a match to compare");
    }

    use crate::features::tests::{text as mixed_text, WORDS};

    proptest::proptest! {
        /// `best` with a floor skips the candidates whose bounds cannot reach it, and still
        /// gives what scoring every candidate gives: the best at or above the floor.
        #[test]
        fn best_above_a_floor_is_the_best_of_all_scored(
            picks in crate::features::tests::library_strategy(),
            query in proptest::collection::vec(0..WORDS.len(), 1..12),
        ) {
            let (docs, ix) = crate::features::tests::library(&picks);
            let q = Query::new(&mixed_text(&query), Some("ar"), None);
            let profiles: Vec<Profile> = docs.iter().map(Profile::of_doc).collect();
            let refs: Vec<&Profile> = profiles.iter().collect();
            let qp = Profile::of_query(&q);
            let model = Model::EMBEDDED;
            let all: Vec<(usize, f64, f64)> = crate::features::profile_scores(&qp, &refs, &ix)
                .iter()
                .enumerate()
                .map(|(i, (x, bm25))| (i, model.probability(x), *bm25))
                .collect();
            for floor in [0.0, Thresholds::EMBEDDED.suggest, 0.5, Thresholds::EMBEDDED.strong] {
                let want = all
                    .iter()
                    .filter(|(_, p, _)| *p >= floor)
                    .min_by(|a, b| {
                        b.1.total_cmp(&a.1)
                            .then(b.2.total_cmp(&a.2))
                            .then(a.0.cmp(&b.0))
                    })
                    .map(|(i, p, _)| (*i, *p));
                proptest::prop_assert_eq!(best(&qp, &refs, &ix, &model, floor), want);
            }
        }
    }

    #[test]
    fn unrelated_candidates_are_ruled_out_by_their_bounds() {
        let (docs, ix) = library(&[
            "وفاة 12 شخصا في حريق مستشفى بغداد",
            "لقاح كورونا يسبب العقم",
            "زلزال يضرب تركيا وسوريا",
            "الرئيس الفرنسي يزور المغرب",
        ]);
        let q = Profile::of_query(&Query::new("حريق مستشفى في بغداد", Some("ar"), None));
        let profiles: Vec<Profile> = docs.iter().map(Profile::of_doc).collect();
        let refs: Vec<&Profile> = profiles.iter().collect();
        let model = Model::EMBEDDED;
        let scored = profile_scores_where(&q, &refs, &ix, |b| {
            model.max_logit(b) >= model.min_logit(Thresholds::EMBEDDED.suggest)
        });
        assert!(scored[0].is_some(), "the fire in Baghdad is scored");
        assert!(
            scored[1..].iter().all(Option::is_none),
            "the vaccine, the earthquake and the visit share nothing that could reach suggest"
        );
    }

    #[test]
    fn best_is_ranks_first_with_its_score() {
        let (docs, ix) = library(&[
            "وفاة 12 شخصا في حريق مستشفى بغداد",
            "حريق في سوق شعبي ببغداد",
            "لقاح كورونا يسبب العقم",
            "حريق مستشفى ابن الخطيب في بغداد يودي بحياة 82 شخصا",
        ]);
        for text in ["حريق مستشفى في بغداد", "لقاح كورونا", "سوق شعبي"]
        {
            let q = Query::new(text, Some("ar"), None);
            let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
            let profiles: Vec<crate::features::Profile> =
                docs.iter().map(crate::features::Profile::of_doc).collect();
            let refs: Vec<&crate::features::Profile> = profiles.iter().collect();
            let got = best(
                &crate::features::Profile::of_query(&q),
                &refs,
                &ix,
                &Model::EMBEDDED,
                0.0,
            );
            assert_eq!(got, Some((ranked[0].index, ranked[0].score)), "{text}");
        }
        assert_eq!(
            best(
                &crate::features::Profile::of_text("حريق"),
                &[],
                &ix,
                &Model::EMBEDDED,
                0.0
            ),
            None
        );
    }

    #[test]
    fn a_spelling_variant_is_a_reason_and_lifts_the_candidate() {
        let (docs, ix) = library(&[
            "فيروس كورونا ينتشر في أمريكا",
            "كورونا ينتشر في الهند",
            "زلزال يضرب تركيا",
        ]);
        let q = Query::new("فايروس كورونا ينتشر في أميركا", Some("ar"), None);
        let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
        assert_eq!(ranked[0].index, 0, "the variant spelling ranks first");
        let variant = reason(&ranked[0], "variant_coverage");
        assert!(variant.effect > 0.0);
        assert!(
            variant.detail.contains("فايروس ~ فيروس") && variant.detail.contains("اميركا ~ امريكا"),
            "{}",
            variant.detail
        );
        let f = features(&q, &docs, &ix);
        let (vc, vb) = (at("variant_coverage"), at("variant_bm25_relative"));
        assert!((f[0].x[vc] - 1.0).abs() < 1e-9, "every query word found");
        assert!(f[0].x[vb] > f[0].x[0], "variant BM25 above the exact one");
        assert_eq!(f[2].x[vc], 0.0);
        assert_eq!(f[2].x[vb], 0.0);
    }

    #[test]
    fn word_order_rewards_the_same_order_and_is_a_named_reason() {
        // Same words; the first keeps the query's order, the second reverses it.
        let (docs, ix) = library(&[
            "وزير الصحة يعلن إغلاق المدارس بسبب الوباء",
            "الوباء بسبب المدارس إغلاق يعلن الصحة وزير",
            "زلزال يضرب تركيا",
        ]);
        let q = Query::new(
            "عاجل وزير الصحة يعلن إغلاق المدارس بسبب الوباء",
            Some("ar"),
            None,
        );
        let f = features(&q, &docs, &ix);
        let order = at("word_order");
        assert!((f[0].x[order] - 1.0).abs() < 1e-9, "{}", f[0].x[order]);
        assert!(
            f[1].x[order] < 0.5 && f[1].x[order] > 0.0,
            "{}",
            f[1].x[order]
        );
        assert_eq!(f[2].x[order], 0.0);
        assert!(
            (f[0].x[at("bm25_relative")] - f[1].x[at("bm25_relative")]).abs() < 1e-9,
            "bag of words cannot tell them apart"
        );
        let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
        assert_eq!(ranked[0].index, 0);
        let shown = reason(&ranked[0], "word_order");
        assert!(shown.effect > 0.0);
        assert_eq!(
            shown.detail,
            "100% of the claim's words found in the same order"
        );
    }

    #[test]
    fn the_title_is_scored_on_its_own() {
        let docs = vec![
            Doc::new(
                "منشور عن لقاح",
                "لقاح كورونا لا يغير الحمض النووي - زائف",
                Some("ar"),
                None,
            ),
            Doc::new("لقاح كورونا لا يغير الحمض النووي", "", Some("ar"), None),
        ];
        let mut ix = Index::new();
        for d in &docs {
            ix.add(d.terms.clone());
        }
        let q = Query::new("لقاح كورونا يغير الحمض النووي", Some("ar"), None);
        let f = features(&q, &docs, &ix);
        let (title, claim) = (at("title_bm25_relative"), at("claim_bm25_relative"));
        assert!(f[0].x[title] > f[0].x[claim], "{:?}", f[0].x);
        assert!(f[0].x[title] > 0.5, "{}", f[0].x[title]);
        assert_eq!(
            f[1].x[title],
            f[1].x[at("bm25_relative")],
            "without a title the text stands for it"
        );
        let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
        let first = ranked.iter().find(|s| s.index == 0).expect("scored");
        let title = reason(first, "title_bm25_relative");
        assert!(title.detail.starts_with("title wording overlap"));
    }

    #[test]
    fn title_boilerplate_is_left_out_of_the_features() {
        // The same fact-check with and without its rating and site segments: the query's صحيح
        // must not match the rating, and the features must not see the extra title words.
        let bare = Doc::new(
            "وفاة الفنان في القاهرة",
            "وفاة الفنان في القاهرة",
            Some("ar"),
            None,
        );
        let dressed = Doc::new(
            "وفاة الفنان في القاهرة",
            "وفاة الفنان في القاهرة - خبر صحيح - فتبينوا",
            Some("ar"),
            None,
        );
        assert_eq!(
            dressed.title_boilerplate.tail,
            terms("خبر صحيح فتبينوا").len()
        );
        let stored = Doc::with_terms(
            dressed.terms.clone(),
            dressed.claim_terms,
            "وفاة الفنان في القاهرة",
            Some("وفاة الفنان في القاهرة - خبر صحيح - فتبينوا"),
            Some("ar"),
            None,
        );
        assert_eq!(
            stored.title_boilerplate, dressed.title_boilerplate,
            "stored terms alike"
        );
        let docs = vec![bare, dressed];
        let mut ix = Index::new();
        for d in &docs {
            ix.add(d.terms.clone());
        }
        let q = Query::new("هل خبر وفاة الفنان في القاهرة صحيح", Some("ar"), None);
        let f = features(&q, &docs, &ix);
        assert_eq!(f[0].x, f[1].x, "the rating and site do not count");
        assert!(f[1].terms.iter().all(|(t, _)| t != "صحيح" && t != "خبر"));
    }

    #[test]
    fn rare_coverage_weighs_the_rarest_words_and_counts_words_no_fact_check_holds_as_missing() {
        // الرئيس and الأمريكي are in every fact-check, غيث in one; زززز in none.
        let (docs, ix) = library(&[
            "الأردنيون يكشفون وجه غيث",
            "الرئيس الأمريكي يزور مصر",
            "الرئيس الأمريكي يلقي خطابا عن فيروس",
            "الرئيس الأمريكي يلتقي غيث في الأردن",
            "الرئيس الأمريكي في فايروس",
        ]);
        let q = Query::new("الرئيس الأمريكي غيث زززز", Some("ar"), None);
        let f = features(&q, &docs, &ix);
        let rare = at("rare_coverage");
        assert!(
            f[0].x[rare] > 0.5 && f[0].x[rare] > 2.0 * f[1].x[rare],
            "the one rare word outweighs two common ones: {} vs {}",
            f[0].x[rare],
            f[1].x[rare]
        );
        assert!(
            f[0].x[at("query_coverage")] < f[0].x[rare],
            "query_coverage weighs them by idf alone"
        );
        assert!(
            (f[3].x[rare] - 0.75).abs() < 1e-9,
            "every word a fact-check holds is found; زززز, in none, weighs as the mean held word \
             and is missing: {}",
            f[3].x[rare]
        );
        // A spelling variant counts as found (فيروس is in the library, as فايروس in the fifth).
        let v = Query::new("الرئيس فيروس", Some("ar"), None);
        let f = features(&v, &docs, &ix);
        assert!((f[4].x[rare] - 1.0).abs() < 1e-9, "{}", f[4].x[rare]);
        assert!(f[1].x[rare] < 0.5, "{}", f[1].x[rare]);
        let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
        let shown = reason(&ranked[0], "rare_coverage");
        assert!(shown.effect > 0.0);
        assert!(
            shown
                .detail
                .ends_with("of the claim's words found, the rarest weighing most"),
            "{}",
            shown.detail
        );
    }

    #[test]
    fn in_a_small_library_one_shared_word_is_not_a_match() {
        // Most words of the claim are in no fact-check: sharing the one word a fact-check holds
        // must not read as covering the claim's rare words.
        let (docs, ix) = library(&[
            "افتتاح أول مسجد على سطح القمر",
            "وفاة 120 شخصا في حريق مستشفى ابن الخطيب في بغداد",
            "لقاح كورونا يسبب العقم",
            "زلزال يضرب تركيا وسوريا",
        ]);
        let q = Query::new("افتتاح مصنع سيارات كهربائية في المغرب", Some("ar"), None);
        let f = features(&q, &docs, &ix);
        let rare = at("rare_coverage");
        assert!(f[0].x[rare] <= 0.25, "{}", f[0].x[rare]);
        let ranked = rank(&q, &docs, &ix, &Model::EMBEDDED, Thresholds::EMBEDDED);
        assert!(
            ranked[0].score < Thresholds::EMBEDDED.suggest,
            "{:?}",
            ranked[0]
        );
    }

    #[test]
    fn exact_matches_are_not_listed_as_variants() {
        let (docs, ix) = library(&["فيروس كورونا ينتشر", "زلزال يضرب تركيا"]);
        let q = Query::new("فيروس كورونا ينتشر", Some("ar"), None);
        let f = features(&q, &docs, &ix);
        assert!(f[0].variants.is_empty());
        let (vc, vb) = (at("variant_coverage"), at("variant_bm25_relative"));
        assert!(
            (f[0].x[vc] - f[0].x[2]).abs() < 1e-9,
            "same as query_coverage"
        );
        assert!(
            (f[0].x[vb] - f[0].x[0]).abs() < 1e-9,
            "same as bm25_relative"
        );
    }
}
