//! Checking an import against a gold annotation, shared by the gold tests and `cargo xtask eval`.
//!
//! Formats (`shared/gold/`): an article annotation (`seed-claims.json`) lists `claims` with an
//! `anchor` (exact substring some claim must contain), a `tier` (`high`: must be check-worthy;
//! `medium`: must be extracted), expected entity values (`numbers`, `dates`, `persons`, `places`,
//! `orgs`), values that must not be numbers (`numbers_absent`), a `relative_date` and the
//! expected `claimant` (a name matched, after folding, against the claimant entity's value or
//! text; `null` = no claimant; absent = not checked); `non_claims` must not be check-worthy claims (with `exact_line`,
//! not claims at all); `metadata` gives dateline, author and headings. A segmentation case
//! (`segmentation-cases.json`) gives an `input`, the expected `segments` (compared after trimming
//! whitespace and end punctuation), and optional `numbers`, `numbers_absent`, `dates`,
//! `dateline`, `agency`, `headings`.

use claimtrack_model::{EntityKind, ExtractedClaim, CHECK_WORTHY_THRESHOLD};
use serde::Serialize;
use serde_json::Value;

use crate::{import, ImportOptions, Imported};

/// Entity kinds whose values count as "numbers" in gold files.
pub const NUMERIC: &[EntityKind] = &[
    EntityKind::Number,
    EntityKind::Ordinal,
    EntityKind::Percentage,
    EntityKind::Money,
];

/// Figures of one article against its gold annotation, with the problems found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleScore {
    /// High-tier gold claims, and how many were extracted with score >= 0.5.
    pub high: (usize, usize),
    /// Medium-tier gold claims, and how many were extracted.
    pub medium: (usize, usize),
    /// Expected entity values, and how many were found in the anchor's claim.
    pub entities: (usize, usize),
    /// Claims annotated with a `claimant` (a name, or null for none), and how many got it.
    pub claimants: (usize, usize),
    /// Non-claims, and how many were wrongly flagged.
    pub non_claims: (usize, usize),
    /// Metadata fields given, and how many matched.
    pub metadata: (usize, usize),
    /// One line per miss.
    pub problems: Vec<String>,
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Values (and mention texts) of a claim's entities of the given kinds.
pub fn values(c: &ExtractedClaim, kinds: &[EntityKind]) -> Vec<String> {
    c.entities
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .flat_map(|e| {
            // A money value is `"<amount> <ISO 4217>"`: the amount alone counts as a number.
            let amount = (e.kind == EntityKind::Money)
                .then(|| {
                    e.value
                        .as_deref()
                        .and_then(|v| v.split(' ').next())
                        .map(str::to_string)
                })
                .flatten();
            e.value
                .iter()
                .cloned()
                .chain(amount)
                .chain([e.text.clone()])
        })
        .collect()
}

/// Scores an import against an article annotation (see the module docs for the format).
pub fn check_article(gold: &Value, imp: &Imported) -> ArticleScore {
    let mut s = ArticleScore::default();
    let meta = &gold["metadata"];
    for (key, got) in [
        ("dateline", &imp.article.dateline),
        ("author", &imp.article.author),
    ] {
        if let Some(want) = meta[key].as_str() {
            s.metadata.0 += 1;
            if got.as_deref() == Some(want) {
                s.metadata.1 += 1;
            } else {
                s.problems
                    .push(format!("metadata {key}: {got:?}, expected {want:?}"));
            }
        }
    }
    if meta.get("headings").is_some() {
        s.metadata.0 += 1;
        if imp.article.headings == strings(meta, "headings") {
            s.metadata.1 += 1;
        } else {
            s.problems
                .push(format!("metadata headings: {:?}", imp.article.headings));
        }
    }
    for g in gold["claims"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let id = g["id"].as_str().unwrap_or("?");
        let anchor = g["anchor"].as_str().unwrap_or_default();
        let high = g["tier"] == "high";
        let tier = if high { &mut s.high } else { &mut s.medium };
        tier.0 += 1;
        let Some(c) = imp.claims.iter().find(|c| c.text.contains(anchor)) else {
            s.problems
                .push(format!("{id}: no claim contains the anchor {anchor:?}"));
            continue;
        };
        if high && c.score < CHECK_WORTHY_THRESHOLD {
            s.problems.push(format!(
                "{id}: high-tier claim scored {} ({:?}): {}",
                c.score, c.reasons, c.text
            ));
        } else {
            tier.1 += 1;
        }
        let checks: [(&str, &[EntityKind]); 5] = [
            ("numbers", NUMERIC),
            ("dates", &[EntityKind::Date]),
            ("persons", &[EntityKind::Person]),
            ("places", &[EntityKind::Place]),
            ("orgs", &[EntityKind::Organisation]),
        ];
        for (key, kinds) in checks {
            let have = values(c, kinds);
            for want in strings(g, key) {
                s.entities.0 += 1;
                if have.contains(&want) {
                    s.entities.1 += 1;
                } else {
                    s.problems.push(format!(
                        "{id}: {key} should include {want:?}, found {have:?}"
                    ));
                }
            }
        }
        for absent in strings(g, "numbers_absent") {
            s.entities.0 += 1;
            if values(c, NUMERIC).contains(&absent) {
                s.problems.push(format!(
                    "{id}: {absent:?} must not be extracted as a number"
                ));
            } else {
                s.entities.1 += 1;
            }
        }
        if let Some(want) = g.get("claimant") {
            s.claimants.0 += 1;
            let got = c.claimant.as_ref();
            let right = match (want.as_str(), got) {
                (None, None) => true,
                (Some(w), Some(e)) => {
                    let w = crate::text::fold(w);
                    e.value.as_deref().map(crate::text::fold) == Some(w.clone())
                        || crate::text::fold(&e.text) == w
                }
                _ => false,
            };
            if right {
                s.claimants.1 += 1;
            } else {
                s.problems.push(format!(
                    "{id}: claimant {:?}, expected {want}",
                    got.map(|e| e.value.as_deref().unwrap_or(&e.text))
                ));
            }
        }
        if let Some(expr) = g["relative_date"].as_str() {
            s.entities.0 += 1;
            if c.entities
                .iter()
                .any(|e| e.kind == EntityKind::Date && e.relative && e.text.contains(expr))
            {
                s.entities.1 += 1;
            } else {
                s.problems
                    .push(format!("{id}: relative date {expr:?} not marked relative"));
            }
        }
    }
    for n in gold["non_claims"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let anchor = n["anchor"].as_str().unwrap_or_default();
        s.non_claims.0 += 1;
        let flagged = imp.claims.iter().find(|c| {
            c.text == anchor
                || (n["exact_line"] != true && c.text.contains(anchor) && c.check_worthy)
        });
        if let Some(c) = flagged {
            s.non_claims.1 += 1;
            s.problems.push(format!(
                "{}: {anchor:?} is a claim ({}) but is {}",
                n["id"], c.score, n["why"]
            ));
        }
    }
    s
}

/// Trims whitespace and end punctuation, as segmentation comparisons do.
pub fn trim_segment(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | '،' | ',')
    })
}

/// Checks one segmentation case; returns the failures (empty when it passes).
pub fn check_segmentation_case(case: &Value) -> Vec<String> {
    let id = case["id"].as_str().unwrap_or("?");
    let input = case["input"].as_str().unwrap_or_default();
    let imp = match import(input, &ImportOptions::default()) {
        Ok(imp) => imp,
        Err(e) => return vec![format!("{id}: {e}")],
    };
    let mut failures = Vec::new();
    let got: Vec<&str> = imp.claims.iter().map(|c| trim_segment(&c.text)).collect();
    let want_owned = strings(case, "segments");
    let want: Vec<&str> = want_owned.iter().map(|s| trim_segment(s)).collect();
    if got != want {
        failures.push(format!("{id}: segments {got:?}, expected {want:?}"));
    }
    for (key, field) in [
        ("dateline", &imp.article.dateline),
        ("agency", &imp.article.agency),
    ] {
        if let Some(w) = case[key].as_str() {
            if field.as_deref() != Some(w) {
                failures.push(format!("{id}: {key} {field:?}, expected {w:?}"));
            }
        }
    }
    if case.get("headings").is_some() && imp.article.headings != strings(case, "headings") {
        failures.push(format!("{id}: headings {:?}", imp.article.headings));
    }
    let all = |kinds: &[EntityKind]| {
        imp.claims
            .iter()
            .flat_map(|c| values(c, kinds))
            .collect::<Vec<_>>()
    };
    for w in strings(case, "numbers") {
        if !all(NUMERIC).contains(&w) {
            failures.push(format!("{id}: number {w} missing from {:?}", all(NUMERIC)));
        }
    }
    for w in strings(case, "numbers_absent") {
        if all(NUMERIC).contains(&w) {
            failures.push(format!("{id}: number {w} must not be extracted"));
        }
    }
    for w in strings(case, "dates") {
        if !all(&[EntityKind::Date]).contains(&w) {
            failures.push(format!(
                "{id}: date {w} missing from {:?}",
                all(&[EntityKind::Date])
            ));
        }
    }
    failures
}
