//! `claimtrack match`: earlier fact-checks for a claim, a text or an article's check-worthy
//! claims, best first, each with its score and reasons; plus the matching shared by `import`,
//! `factchecks rematch`, `claims` and `show` (one pipeline: store candidates → re-ranking).
//!
//! Pipeline: the query's matching terms ([`claimtrack_match::normalise::terms`]) ask the store for
//! [`CANDIDATES`] fact-checks and the library's BM25 statistics; [`claimtrack_match::rank`]
//! re-scores them with the embedded model; matches below the *suggest* threshold are dropped.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use claimtrack_match::bm25::StatsTable;
use claimtrack_match::rank::CANDIDATES;
use claimtrack_match::{normalise, rank, Doc, Model, Query, Reason, TermWeight, Thresholds};
use claimtrack_model::StoredClaim;
use claimtrack_store::{ClaimFilter, ClaimMatch, NewFactCheck, Store, Stored, StoredFactCheck};
use serde::Serialize;

use super::Ctx;

mod bulk;
use crate::cli::Format;
use crate::render::{self, cell};
pub use bulk::{Bulk, ToMatch};

/// Arguments of `match`.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// The claim to match (or use --text / --article)
    #[arg(value_name = "CLAIM_ID", conflicts_with_all = ["text", "article"],
          required_unless_present_any = ["text", "article"])]
    pub id: Option<i64>,
    /// Match this text instead of a stored claim
    #[arg(long, value_name = "TEXT", conflicts_with = "article")]
    pub text: Option<String>,
    /// Match every check-worthy claim of this article; lists those seen before
    #[arg(long, value_name = "ARTICLE_ID")]
    pub article: Option<i64>,
    /// At most N matches per claim (1 to 50)
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    pub limit: u16,
    /// table or json (the JSON contract is in the README)
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The fact-check part of a match in `--format json`.
#[derive(Debug, Serialize)]
pub struct FactCheckJson {
    pub id: i64,
    /// The fact-check's URL; null for the desk's own claims.
    pub url: Option<String>,
    /// The desk's claim id for the desk's own verdicts.
    pub claim_id: Option<i64>,
    pub claim: String,
    pub title: Option<String>,
    pub rating: Option<String>,
    pub verdict: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
}

impl FactCheckJson {
    pub fn new(f: &StoredFactCheck) -> FactCheckJson {
        FactCheckJson {
            id: f.id,
            url: f.url().map(str::to_owned),
            claim_id: f.claim_id(),
            claim: f.check.claim.clone(),
            title: f.check.title.clone(),
            rating: f.check.rating.clone(),
            verdict: f.check.verdict.map(|v| v.as_str().to_owned()),
            publisher: f.check.publisher.clone(),
            date: f.check.date.map(|d| d.to_string()),
            language: f.check.language.clone(),
        }
    }
}

/// One match of `match --format json`.
#[derive(Debug, Serialize)]
pub struct MatchJson {
    pub factcheck: FactCheckJson,
    /// Same-claim probability 0..1.
    pub score: f64,
    /// At or above the strong threshold.
    pub strong: bool,
    pub reasons: Vec<Reason>,
    pub terms: Vec<TermWeight>,
}

/// A found match: the fact-check and its scoring.
pub struct Found {
    pub factcheck: StoredFactCheck,
    pub scored: claimtrack_match::Scored,
}

impl Found {
    fn json(&self) -> MatchJson {
        MatchJson {
            factcheck: FactCheckJson::new(&self.factcheck),
            score: self.scored.score,
            strong: self.scored.strong,
            reasons: self.scored.reasons.clone(),
            terms: self.scored.terms.clone(),
        }
    }
}

/// A stored fact-check as the re-ranker sees it (its stored terms, not recomputed).
pub fn doc(c: &StoredFactCheck) -> Doc {
    Doc::with_terms(
        c.check.terms.clone(),
        c.check.claim_terms,
        &c.check.claim,
        c.check.title.as_deref(),
        c.check.language.as_deref(),
        c.check.date,
    )
}

/// Matches for `text` above the suggest threshold, best first, at most `limit`. `exclude` skips
/// the desk's own entry of the claim being matched (a claim is not its own earlier check).
pub fn find(
    store: &Store,
    text: &str,
    language: Option<&str>,
    today: Option<NaiveDate>,
    exclude: Option<i64>,
    limit: usize,
) -> Result<Vec<Found>> {
    let query = Query::new(text, language, today);
    let (cands, stats) = store.factcheck_candidates(&query.terms, CANDIDATES)?;
    let cands: Vec<StoredFactCheck> = cands
        .into_iter()
        .filter(|c| exclude.is_none() || c.claim_id() != exclude)
        .collect();
    let docs: Vec<Doc> = cands.iter().map(doc).collect();
    let t = Thresholds::EMBEDDED;
    let stats = StatsTable {
        docs: stats.docs,
        avg_len: stats.avg_len,
        df: stats.df,
    };
    let scored = rank::rank_shown(&query, &docs, &stats, &Model::EMBEDDED, t, limit);
    let mut cands: Vec<Option<StoredFactCheck>> = cands.into_iter().map(Some).collect();
    Ok(scored
        .into_iter()
        .filter_map(|s| {
            Some(Found {
                factcheck: cands[s.index].take()?,
                scored: s,
            })
        })
        .collect())
}

/// The best match above *suggest* of each of `claims`, in order: the first of [`find`] for
/// each, computed by one [`Bulk`] pass.
fn best_matches(
    store: &Store,
    bulk: &mut Bulk,
    claims: &[ToMatch<'_>],
) -> Result<Vec<(i64, Option<ClaimMatch>)>> {
    bulk.prepare(store, claims.len())?;
    let found = bulk.best_all(store, claims)?;
    Ok(claims.iter().map(|c| c.id).zip(found).collect())
}

/// Matches `claims` and stores their best matches — with `clear`, a claim
/// without one loses any stored match; without, only the matches found are written — unless
/// the library changed while they were computed: then they are matched again against it, until
/// a pass and its write see the same library ([`Store::set_claim_matches_at`]). Without this a
/// `factchecks import` running during an article import had its re-matching overwritten by
/// matches computed against the library before it. Returns the matches stored.
///
/// Errors: store errors.
fn match_and_store(
    store: &mut Store,
    bulk: &mut Bulk,
    claims: &[ToMatch<'_>],
    clear: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, Option<ClaimMatch>)>> {
    loop {
        let found = best_matches(store, bulk, claims)?;
        let Some(version) = bulk.version() else {
            bail!("matching ran without reading the library's version");
        };
        let write: Vec<(i64, Option<ClaimMatch>)> = if clear {
            found.clone()
        } else {
            found.iter().filter(|(_, m)| m.is_some()).copied().collect()
        };
        if store.set_claim_matches_at(&write, now, version)? {
            return Ok(found);
        }
    }
}

/// Re-matches `claims` (check-worthy ones; others lose any stored match) against the library
/// and stores each best match above *suggest*. Returns how many claims have one.
pub fn rematch(
    store: &mut Store,
    claims: &[StoredClaim],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    let worthy: Vec<ToMatch> = claims
        .iter()
        .filter(|c| c.claim.check_worthy)
        .map(|c| ToMatch::text(c.id, &c.claim.text))
        .collect();
    let out = match_and_store(store, &mut Bulk::new(), &worthy, true, now)?;
    let others: Vec<(i64, Option<ClaimMatch>)> = claims
        .iter()
        .filter(|c| !c.claim.check_worthy)
        .map(|c| (c.id, None))
        .collect();
    store.set_claim_matches(&others, now)?;
    Ok(out.iter().filter(|(_, m)| m.is_some()).count())
}

/// Matches newly stored check-worthy `claims` (no match stored yet; their query terms
/// normalised by the caller, or here) against the library when it is not empty, and stores the
/// best match above *suggest* of those that have one, in one transaction. `bulk` keeps what was
/// read of the library for the next call (an import's next batch).
///
/// Errors: store errors.
pub fn match_new(
    store: &mut Store,
    bulk: &mut Bulk,
    claims: &[ToMatch<'_>],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if claims.is_empty() || library_is_empty(store)? {
        return Ok(());
    }
    match_and_store(store, bulk, claims, false, now)?;
    Ok(())
}

/// Whether the library holds no fact-check (then nothing can match).
///
/// Errors: store errors.
pub fn library_is_empty(store: &Store) -> Result<bool> {
    Ok(store.factcheck_candidates(&[], 0)?.1.docs == 0)
}

/// What storing fact-checks changed in the library: the fact-checks inserted or updated, their
/// matching terms (what decides which claims may now match differently), and whether any was
/// updated (its earlier terms are gone from the library: a change [`rematch_changed`] does not
/// follow claim by claim).
#[derive(Debug, Default)]
pub struct LibraryChange {
    ids: HashSet<i64>,
    terms: HashSet<String>,
    updated: bool,
}

impl LibraryChange {
    /// Adds the outcome of storing `items` (`stored`: what the store did with each, in order).
    pub fn record(&mut self, items: &[NewFactCheck], stored: &[Stored]) {
        for (item, s) in items.iter().zip(stored) {
            if let Stored::Inserted(id) | Stored::Updated(id) = s {
                self.ids.insert(*id);
                self.terms.extend(item.terms.iter().cloned());
            }
            self.updated |= matches!(s, Stored::Updated(_));
        }
    }

    /// Makes [`rematch_changed`] match every claim again, whatever changed (an earlier import's
    /// matching was not finished).
    pub fn match_everything(&mut self) {
        self.updated = true;
    }

    /// The fact-checks inserted or updated, by id.
    pub fn ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.ids.iter().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Adds another change.
    pub fn extend(&mut self, other: LibraryChange) {
        self.ids.extend(other.ids);
        self.terms.extend(other.terms);
        self.updated |= other.updated;
    }
}

/// Check-worthy claims read per page by [`rematch_changed`].
const REMATCH_PAGE: usize = 2_000;

/// Re-matches the check-worthy claims whose best match `change` can alter, and stores their
/// best matches (a claim whose match fell below *suggest* loses it); returns how many claims
/// were re-matched.
///
/// New fact-checks change the candidates of a claim only through the terms it shares with them
/// (a shared term may become a candidate term — one of the claim's
/// [`claimtrack_store::CANDIDATE_TERMS`] rarest — or, grown more common, give its place to
/// another), so the claims re-matched are those sharing a term with a changed fact-check, and
/// those whose stored match is one. An update also takes terms away from the library, which can
/// move any claim's rarest terms, so when a fact-check was updated every claim is re-matched.
/// The others keep their match; the library's statistics moved, so its score may differ from a
/// fresh `match` (by ~0.001 at most in a review's runs), and a claim whose match sits at the *suggest* threshold
/// may gain or lose it (`factchecks rematch` recomputes every claim). Time grows with the
/// claims touched, not with the desk: a page-wise scan of the claim index, then a query per
/// claim touched. Check-worthy claims not yet in the claim index (an article import running
/// now has matched them, perhaps against the library before this change, and not yet
/// clustered them) are all matched again.
///
/// A desk whose claim index is incomplete (stored before it, or copied) is re-matched whole, as
/// after [`LibraryChange::match_everything`].
///
/// Errors: store errors; the matches of pages already done stay stored.
pub fn rematch_changed(
    store: &mut Store,
    change: &LibraryChange,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    if change.ids.is_empty() && !change.updated {
        return Ok(0);
    }
    if change.updated || store.claim_index_pending()? {
        let claims = store.claims(&ClaimFilter::default())?;
        rematch(store, &claims, now)?;
        return Ok(claims.iter().filter(|c| c.claim.check_worthy).count());
    }
    let mut done = 0;
    let mut bulk = Bulk::new();
    // First the check-worthy claims not yet indexed: an article import running now matched
    // them (perhaps against the library before this change) and has yet to index them, so the
    // scan of the index below cannot see them. Before the index, so that a claim indexed
    // meanwhile is seen there. (Found by a review: a claim left without the strong match of a
    // fact-check imported while its batch waited to be clustered.)
    let mut after = 0;
    loop {
        let page = store.unindexed_claims(after, REMATCH_PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.0;
        let claims: Vec<ToMatch> = page.iter().map(|(id, t)| ToMatch::text(*id, t)).collect();
        done += match_and_store(store, &mut bulk, &claims, true, now)?.len();
    }
    let matched = store.claim_matches()?;
    let touches_changed = |id: i64| {
        matched
            .get(&id)
            .is_some_and(|m| change.ids.contains(&m.factcheck_id))
    };
    let mut after = 0;
    loop {
        let page = store.indexed_claims_after(after, REMATCH_PAGE)?;
        let Some(last) = page.last() else {
            return Ok(done);
        };
        after = last.id;
        // A claim's query terms are among its indexed terms (`normalise::terms` of its text,
        // less dialect and tweet-marker words), so a claim sharing none of the changed terms
        // keeps its candidate terms and gains no candidate.
        let touched: Vec<ToMatch> = page
            .iter()
            .filter(|c| touches_changed(c.id) || c.terms.iter().any(|t| change.terms.contains(t)))
            .map(|c| ToMatch::text(c.id, &c.text))
            .collect();
        done += match_and_store(store, &mut bulk, &touched, true, now)?.len();
    }
}

/// The desk's own claims with a verdict, entered into the library (keyed by claim id) so that
/// later claims find them. Run before matching. Returns what it changed in the library.
pub fn sync_desk(store: &mut Store, now: chrono::DateTime<chrono::Utc>) -> Result<LibraryChange> {
    let claims = store.claims(&ClaimFilter::default())?;
    let items: Vec<claimtrack_store::NewFactCheck> = claims
        .iter()
        .filter_map(|c| {
            let verdict = c.verdict?;
            let claim = c
                .summary
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| c.claim.text.clone());
            let mut terms = normalise::terms(&claim);
            let claim_terms = terms.len();
            let title = c.explanation.clone();
            terms.extend(title.as_deref().map(normalise::terms).unwrap_or_default());
            Some(claimtrack_store::NewFactCheck {
                key: claimtrack_store::FactCheckKey::Claim(c.id),
                claim,
                title,
                rating: Some(verdict.label_en().to_owned()),
                rating_value: verdict.rating_value().map(f64::from),
                best_rating: verdict.rating_value().map(|_| 5.0),
                worst_rating: verdict.rating_value().map(|_| 1.0),
                verdict: Some(verdict),
                publisher: Some("desk".to_owned()),
                date: c.published_at.map(|t| t.date_naive()),
                language: None,
                claimant: c.claim.claimant.as_ref().map(|e| e.text.clone()),
                terms,
                claim_terms,
            })
        })
        .collect();
    let mut change = LibraryChange::default();
    if !items.is_empty() {
        let stored = store.store_factchecks(&items, "desk", now)?;
        change.record(&items, &stored);
    }
    Ok(change)
}

fn reasons_line(s: &claimtrack_match::Scored) -> String {
    let mut parts: Vec<String> = s
        .reasons
        .iter()
        .filter(|r| r.effect.abs() >= 0.3 || r.effect == 0.0)
        .take(4)
        .map(|r| {
            if r.effect == 0.0 {
                r.detail.clone()
            } else {
                format!("{} ({:+.1})", r.detail, r.effect)
            }
        })
        .collect();
    let terms: Vec<String> = s
        .terms
        .iter()
        .take(5)
        .map(|t| format!("{} {:.1}", t.term, t.weight))
        .collect();
    if !terms.is_empty() {
        parts.push(format!("terms: {}", terms.join(", ")));
    }
    parts.join("; ")
}

/// The first cells of a match row: fc id, score (`strong` marked), rating, publisher, date.
fn match_cells(f: &Found) -> Vec<String> {
    let fc = &f.factcheck;
    let strong = if f.scored.strong { " strong" } else { "" };
    vec![
        fc.id.to_string(),
        format!("{:.2}{strong}", f.scored.score),
        cell(fc.check.rating.as_deref().unwrap_or("-"), Some(20)),
        cell(fc.check.publisher.as_deref().unwrap_or("-"), Some(20)),
        fc.check.date.map_or("-".into(), |d| d.to_string()),
    ]
}

/// The table of matches (one row each): the [`match_cells`], claim, why.
pub fn matches_table(found: &[Found]) -> String {
    let mut b = render::Table::default();
    b.push_record(["fc", "score", "rating", "publisher", "date", "claim", "why"]);
    for f in found {
        let mut row = match_cells(f);
        row.push(cell(&f.factcheck.check.claim, Some(60)));
        row.push(cell(&reasons_line(&f.scored), Some(80)));
        b.push_record(row);
    }
    b.fit(&["claim", "why"], render::terminal_columns());
    b.to_string()
}

/// The matches of `show`: the [`match_cells`] and the url (the desk's own claims: `claim N`).
pub fn show_table(found: &[Found]) -> String {
    let mut b = render::Table::default();
    b.push_record(["fc", "score", "rating", "publisher", "date", "url"]);
    for f in found {
        let fc = &f.factcheck;
        let mut row = match_cells(f);
        row.push(cell(
            &fc.url().map_or_else(
                || format!("claim {}", fc.claim_id().unwrap_or(0)),
                str::to_owned,
            ),
            None,
        ));
        b.push_record(row);
    }
    b.to_string()
}

/// `claimtrack match`.
pub fn run(ctx: &Ctx, args: MatchArgs, out: &mut dyn Write) -> Result<()> {
    let now = crate::env::now()?;
    let today = now.date_naive();
    let limit = usize::from(args.limit);
    let mut store = ctx.open()?;
    sync_desk(&mut store, now)?;
    if let Some(article) = args.article {
        let claims: Vec<StoredClaim> = store.claims(&ClaimFilter {
            article: Some(article),
            ..Default::default()
        })?;
        let mut seen = Vec::new();
        for c in &claims {
            let found = find(&store, &c.claim.text, None, Some(today), Some(c.id), limit)?;
            if !found.is_empty() {
                seen.push((c, found));
            }
        }
        rematch(&mut store, &claims, now)?;
        return match args.format {
            Format::Json => {
                #[derive(Serialize)]
                struct Seen {
                    claim_id: i64,
                    text: String,
                    matches: Vec<MatchJson>,
                }
                let json: Vec<Seen> = seen
                    .iter()
                    .map(|(c, f)| Seen {
                        claim_id: c.id,
                        text: c.claim.text.clone(),
                        matches: f.iter().map(Found::json).collect(),
                    })
                    .collect();
                render::write_json(out, &json)
            }
            Format::Table if seen.is_empty() => render::write_line(
                out,
                &format!(
                    "no check-worthy claim of article {article} matches the library ({} claims)",
                    claims.len()
                ),
            ),
            Format::Table => {
                for (c, f) in &seen {
                    render::write_line(out, &format!("claim {}: {}", c.id, c.claim.text))?;
                    writeln!(out, "{}", matches_table(f))?;
                }
                Ok(())
            }
        };
    }
    let (text, exclude) = match (&args.text, args.id) {
        (Some(t), _) if t.trim().is_empty() => bail!("--text is empty"),
        (Some(t), _) => (t.clone(), None),
        (None, Some(id)) => (store.claim(id)?.claim.text, Some(id)),
        (None, None) => bail!("give a claim id, --text or --article"),
    };
    let found = find(&store, &text, None, Some(today), exclude, limit)?;
    if let Some(id) = exclude {
        let best = found.first().map(|b| ClaimMatch {
            factcheck_id: b.factcheck.id,
            score: b.scored.score,
            strong: b.scored.strong,
        });
        store.set_claim_matches(&[(id, best)], now)?;
    }
    match args.format {
        Format::Json => render::write_json(out, &found.iter().map(Found::json).collect::<Vec<_>>()),
        Format::Table if found.is_empty() => render::write_line(
            out,
            "no earlier fact-check matches (none above the suggest threshold)",
        ),
        Format::Table => {
            writeln!(out, "{}", matches_table(&found))?;
            Ok(())
        }
    }
}

/// What `verdict --from-match FC` changes: the verdict (`set`, else the fact-check's mapped
/// verdict) and the evidence op adding the fact-check's URL (none for the desk's own claims,
/// which have no URL). Errors when neither gives a verdict.
pub fn confirmation(
    store: &Store,
    fc: i64,
    set: Option<claimtrack_model::Verdict>,
) -> Result<(claimtrack_model::Verdict, Option<claimtrack_store::Op>)> {
    let f = store.factcheck(fc)?;
    let Some(verdict) = set.or(f.check.verdict) else {
        bail!(
            "fact-check {fc} has no verdict mapped from its rating {:?}; give one with --set",
            f.check.rating.as_deref().unwrap_or("")
        );
    };
    let evidence = f.url().map(|url| {
        claimtrack_store::Op::AddEvidence(claimtrack_store::NewEvidence {
            url: url.to_owned(),
            title: f
                .check
                .title
                .clone()
                .or_else(|| Some(f.check.claim.clone())),
            note: Some(format!(
                "earlier fact-check {fc}{}{}",
                f.check
                    .publisher
                    .as_deref()
                    .map(|p| format!(" by {p}"))
                    .unwrap_or_default(),
                f.check
                    .rating
                    .as_deref()
                    .map(|r| format!(", rated {r}"))
                    .unwrap_or_default()
            )),
            stance: Some(match verdict.rating_value() {
                Some(4..) => claimtrack_model::Stance::Supports,
                Some(..=2) => claimtrack_model::Stance::Refutes,
                _ => claimtrack_model::Stance::Context,
            }),
        })
    });
    Ok((verdict, evidence))
}

/// The stored best match of each claim, for `claims` and `show`.
pub fn stored(store: &Store) -> Result<HashMap<i64, ClaimMatch>> {
    Ok(store.claim_matches()?)
}
