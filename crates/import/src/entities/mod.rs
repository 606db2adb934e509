//! Entity extraction inside one claim: dates (absolute and relative), numbers, ordinals, duals,
//! percentages, money, organisations, places and persons, each with its own byte span.
//!
//! Candidates are collected rule by rule, then overlaps are resolved longest-first (so
//! `محمد السادس` is a person, not a person plus the ordinal 6, and `قبل يومين` is a date, not the
//! dual 2). Rules and lists are documented where they are defined (`dates.rs`, `numbers.rs`,
//! `lexicon.rs`, `data/*.txt`).
//!
//! One file per concern: `date_rules.rs` (dates), `quantities.rs` (numbers, percentages, money,
//! ordinals), `organisations.rs`, `places.rs` and `persons.rs`; this file holds what they share
//! (the article context, the candidate list and its tokens, gazetteer matching) and the overlap
//! resolution.

use rustc_hash::FxHashMap as HashMap;

use chrono::{Datelike, NaiveDate};
use claimtrack_model::{Entity, EntityKind, Span};

use crate::dates::{self, Relative, HIJRI_MONTHS, LATIN_MONTHS, MONTHS, YEAR_CUES};
use crate::lang;
use crate::lexicon::{lexicon, Gazetteer};
use crate::numbers;
use std::sync::LazyLock;

use crate::text::{clitic_readings, prefix_bytes, PhraseIndex, Token, TokenKind};
use crate::Diagnostic;

mod date_rules;
mod organisations;
mod persons;
mod places;
mod quantities;

use date_rules::*;
use organisations::*;
use persons::*;
pub(crate) use persons::{collect_surnames, mentions_surname};
use places::*;
use quantities::*;

/// Article-wide knowledge used inside each claim.
#[derive(Debug, Default)]
pub(crate) struct ArticleContext {
    pub published: Option<NaiveDate>,
    /// Folded surname (with and without `ال`) → full name, from persons named in full anywhere
    /// in the article, so later mentions by surname (`زيارة حموشي`) are found.
    pub surnames: HashMap<String, String>,
    /// The article's language (`crate::lang::detect`): `fr` reads `1 234,5` and `1.234` the
    /// French way; `en` and `fr` turn on the Latin person and place rules.
    pub language: String,
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    kind: EntityKind,
    value: Option<String>,
    relative: bool,
}

struct Cx<'a> {
    text: &'a str,
    t: &'a [Token],
    out: Vec<Candidate>,
    /// Per token: part of a URL ([`date_rules::url_tokens`]), never read as a date (a date-shaped
    /// path, `/2024/03/01/`, is not numbers either; other digits of a URL still are: they are a
    /// check-worthiness cue the tweet-trained model and the cue weights were fitted with).
    url: Vec<bool>,
}

impl Cx<'_> {
    fn raw(&self, i: usize) -> &str {
        &self.text[self.t[i].start..self.t[i].end]
    }

    /// The clitic readings of the word at `i` ([`Token::readings`]); `None` past the end or for
    /// a number or punctuation.
    fn readings(&self, i: usize) -> Option<crate::text::Readings<'_>> {
        self.t
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(Token::readings)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.fold.as_str())
    }

    fn push(
        &mut self,
        first: usize,
        last: usize,
        prefix: usize,
        kind: EntityKind,
        value: Option<String>,
        relative: bool,
    ) {
        let start = self.t[first].start
            + if prefix > 0 {
                prefix_bytes(self.raw(first), prefix)
            } else {
                0
            };
        self.out.push(Candidate {
            start,
            end: self.t[last].end,
            kind,
            value,
            relative,
        });
    }

    fn span_text(&self, first: usize, last: usize, prefix: usize) -> String {
        let start = self.t[first].start
            + if prefix > 0 {
                prefix_bytes(self.raw(first), prefix)
            } else {
                0
            };
        self.text[start..self.t[last].end].to_string()
    }
}

/// Integer value of a number token, if it is a whole number.
fn int(t: &Token) -> Option<i64> {
    if t.kind != TokenKind::Number
        || !t.fold.bytes().all(|b| b.is_ascii_digit())
        || t.fold.len() > 12
    {
        return None;
    }
    t.fold.parse().ok()
}

fn is_year(t: &Token) -> Option<i64> {
    int(t).filter(|y| t.fold.len() == 4 && (1000..=2100).contains(y))
}

/// Extracts the entities of the claim whose tokens are `t` (offsets into `text`).
pub(crate) fn extract(
    text: &str,
    t: &[Token],
    ctx: &ArticleContext,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entity> {
    let mut cx = Cx {
        text,
        t,
        out: Vec::new(),
        url: url_tokens(text, t),
    };
    dates_rule(&mut cx, ctx, diags);
    numbers_rule(&mut cx, ctx);
    gazetteer_rule(&mut cx, &lexicon().organisations, EntityKind::Organisation);
    org_head_rule(&mut cx);
    acronym_rule(&mut cx);
    gazetteer_rule(&mut cx, &lexicon().places, EntityKind::Place);
    continent_rule(&mut cx);
    settlement_rule(&mut cx);
    person_rules(&mut cx, ctx);
    if matches!(ctx.language.as_str(), "en" | "fr") {
        latin_person_rule(&mut cx);
        latin_place_rule(&mut cx);
    }
    resolve(cx.out, text)
}

/// Keeps the longest of overlapping candidates (earliest rule wins ties), in text order.
fn resolve(mut cands: Vec<Candidate>, text: &str) -> Vec<Entity> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cands[i].end - cands[i].start));
    let mut kept: Vec<usize> = Vec::new();
    // The kept spans are disjoint, so only the one starting last before `c.end` can overlap `c`
    // (a set instead of a scan of every kept span: long lines have thousands of candidates).
    let mut taken: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for i in order {
        let c = &cands[i];
        let overlaps = taken
            .range(..(c.end, 0))
            .next_back()
            .is_some_and(|&(start, end)| end > c.start && start < c.end);
        if !overlaps {
            taken.insert((c.start, c.end));
            kept.push(i);
        }
    }
    kept.sort_by_key(|&i| (cands[i].start, cands[i].end));
    kept.into_iter()
        .map(|i| {
            let c = std::mem::replace(
                &mut cands[i],
                Candidate {
                    start: 0,
                    end: 0,
                    kind: EntityKind::Number,
                    value: None,
                    relative: false,
                },
            );
            Entity {
                kind: c.kind,
                text: text[c.start..c.end].to_string(),
                span: Span::new(c.start, c.end),
                // Values are names in ordinary letters, whatever the kind and the rule that found
                // it; the text stays exact (PDF presentation forms and ligatures included).
                // Tatweel (U+0640) only stretches a word on the page: `سعيـد` is `سعيد`.
                value: c.value.map(|v| {
                    claimtrack_model::fold::presentation_to_letters(&v).replace('\u{0640}', "")
                }),
                relative: c.relative,
            }
        })
        .collect()
}

/// Longest gazetteer match at each token, a clitic allowed on the first word.
fn gazetteer_rule(cx: &mut Cx, g: &Gazetteer, kind: EntityKind) {
    let t = cx.t;
    let mut i = 0;
    while i < t.len() {
        if let Some((used, prefix, restored, name)) = gazetteer_at(cx, g, i) {
            if kind == EntityKind::Place && used == 1 && prefix == 0 && agrees_as_adjective(cx, i) {
                i += 1;
                continue;
            }
            cx.push(
                i,
                i + used - 1,
                if restored { 0 } else { prefix },
                kind,
                Some(name),
                false,
            );
            i += used;
        } else {
            i += 1;
        }
    }
}

/// Whether the one-word place name at `i` reads as an adjective of the noun before it: both
/// definite and feminine (`الفائدة الجديدة`, "the new interest rate", is not the city El Jadida;
/// `المدينة الجديدة` is "the new town"). A preposition or settlement noun before the name
/// (`في الجديدة`, `مدينة الجديدة`: indefinite) keeps it a place. Arabic adjectives agree with
/// their noun in definiteness and gender (Ryding, *A Reference Grammar of Modern Standard
/// Arabic*, ch. 10), which is what this reads.
fn agrees_as_adjective(cx: &Cx, i: usize) -> bool {
    let feminine_definite = |w: &str| w.starts_with("ال") && w.ends_with('ه');
    let Some(name) = cx.word(i) else { return false };
    let Some(noun) = i.checked_sub(1).and_then(|p| cx.word(p)) else {
        return false;
    };
    feminine_definite(name) && feminine_definite(noun) && cx.t[i].space_before
}

fn gazetteer_at(cx: &Cx, g: &Gazetteer, i: usize) -> Option<(usize, usize, bool, String)> {
    let tok =
        cx.t.get(i)
            .filter(|t| t.kind == TokenKind::Word && g.may_start_token(t))?;
    let mut best: Option<(usize, usize, bool, String)> = None;
    for (prefix, stem, restored) in &tok.readings() {
        for (words, name) in g.starting_with(stem) {
            let ok = words[1..].iter().enumerate().all(|(k, w)| {
                cx.t.get(i + 1 + k)
                    .is_some_and(|x| x.kind == TokenKind::Word && x.fold == *w)
            });
            if ok && best.as_ref().is_none_or(|b| words.len() > b.0) {
                best = Some((words.len(), prefix, restored, name.clone()));
            }
        }
    }
    best
}
