//! Entity extraction inside one claim: dates (absolute and relative), numbers, ordinals, duals,
//! percentages, money, organisations, places and persons, each with its own byte span.
//!
//! Candidates are collected rule by rule, then overlaps are resolved longest-first (so
//! `محمد السادس` is a person, not a person plus the ordinal 6, and `قبل يومين` is a date, not the
//! dual 2). Rules and lists are documented where they are defined (`dates.rs`, `numbers.rs`,
//! `lexicon.rs`, `data/*.txt`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use claimtrack_model::{Entity, EntityKind, Span};

use crate::dates::{self, Relative, HIJRI_MONTHS, LATIN_MONTHS, MONTHS, YEAR_CUES};
use crate::lang;
use crate::lexicon::{lexicon, Gazetteer};
use crate::numbers;
use std::sync::LazyLock;

use crate::text::{clitic_readings, prefix_bytes, PhraseIndex, Token, TokenKind};
use crate::Diagnostic;

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
}

impl Cx<'_> {
    fn raw(&self, i: usize) -> &str {
        &self.text[self.t[i].start..self.t[i].end]
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

/// An English or French month name at token `i` (English ones capitalised).
fn latin_month_at(text: &str, t: &[Token], i: usize) -> Option<u32> {
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    let &(_, m) = LATIN_MONTHS.iter().find(|(n, _)| *n == tok.fold)?;
    let capital = text[tok.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    (capital || !dates::latin_month_needs_capital(&tok.fold)).then_some(m)
}

/// A Hijri month name at token `i` (one or two words; a clitic may precede it):
/// `(month, tokens used)`.
fn hijri_month_at(t: &[Token], i: usize) -> Option<(u32, usize)> {
    static INDEX: LazyLock<PhraseIndex<u32>> =
        LazyLock::new(|| PhraseIndex::new(HIJRI_MONTHS.iter().copied()));
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    for (_, stem, _) in clitic_readings(&tok.fold) {
        for (rest, m) in INDEX.starting_with(&stem) {
            match rest.first() {
                None => return Some((*m, 1)),
                Some(second) if t.get(i + 1).is_some_and(|n| n.fold == *second) => {
                    return Some((*m, 2))
                }
                _ => {}
            }
        }
    }
    None
}

/// [`MONTHS`] by first word.
static MONTH_INDEX: LazyLock<PhraseIndex<u32>> =
    LazyLock::new(|| PhraseIndex::new(MONTHS.iter().copied()));

/// Month name at token `i` (a clitic may precede it): `(month, tokens used)`.
fn month_at(text: &str, t: &[Token], i: usize) -> Option<(u32, usize)> {
    if let Some(m) = latin_month_at(text, t, i) {
        return Some((m, 1));
    }
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    for (_, stem, _) in clitic_readings(&tok.fold) {
        for (rest, m) in MONTH_INDEX.starting_with(&stem) {
            let used = match rest.first() {
                None => 1,
                Some(second) if t.get(i + 1).is_some_and(|n| n.fold == *second) => 2,
                _ => continue,
            };
            return Some((*m, used + paired_month(t, i + used, *m)));
        }
    }
    None
}

/// Mashreq press pairs two names of one month: `يناير (كانون الثاني)`, `فبراير/ شباط`. Returns
/// the tokens taken by the second name at `j` (0 when there is none).
fn paired_month(t: &[Token], j: usize, m: u32) -> usize {
    let open = t.get(j).is_some_and(|x| x.is_punct('(') || x.is_punct('/'));
    if !open {
        return 0;
    }
    match month_name_only(t, j + 1) {
        Some((m2, used)) if m2 == m => {
            let close = t.get(j + 1 + used).is_some_and(|x| x.is_punct(')'));
            1 + used + usize::from(close && t[j].is_punct('('))
        }
        _ => 0,
    }
}

/// A month name at `i` without pairing (one or two words).
fn month_name_only(t: &[Token], i: usize) -> Option<(u32, usize)> {
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    MONTH_INDEX
        .starting_with(&tok.fold)
        .iter()
        .find_map(|(rest, m)| match rest.first() {
            None => Some((*m, 1)),
            Some(second) if t.get(i + 1).is_some_and(|n| n.fold == *second) => Some((*m, 2)),
            _ => None,
        })
}

/// A numeric date starting at token `i` (`1/3/2024`, `2024-03-01`, `01.03.2024`, Arabic-Indic
/// digits, bidi marks between the parts): the index of its last token and its three digit groups.
/// Separators are [`dates::is_date_separator`], one kind per date, without spaces; a chain of
/// more groups (`0537-68-12-34`, a phone number) is not a date. The shape alone: whether the day
/// exists is [`dates::numeric_date`]'s question.
fn numeric_date_at(t: &[Token], i: usize) -> Option<(usize, [&str; 3])> {
    let x = t.get(i).filter(|x| x.kind == TokenKind::Number)?;
    let glued = |k: usize| t.get(k).is_some_and(|x| !x.space_before);
    let sep_at = |k: usize| {
        t.get(k)
            .filter(|x| x.kind == TokenKind::Punct && glued(k))
            .and_then(|x| x.fold.chars().next())
            .filter(|&c| dates::is_date_separator(c))
    };
    let number_at = |k: usize| t.get(k).filter(|x| x.kind == TokenKind::Number && glued(k));
    // Part of a longer chain before it (`12-1/3/2024`).
    if i >= 2 && glued(i) && sep_at(i - 1).is_some() && t[i - 2].kind == TokenKind::Number {
        return None;
    }
    // `01.03.2024`, `01٫03٫2024`: the tokenizer keeps a dotted date whole, as it keeps `3.5`.
    if let Some(sep) = x.fold.chars().find(|c| matches!(c, '.' | '٫')) {
        let parts: Vec<&str> = x.fold.split(sep).collect();
        let shape = <[&str; 3]>::try_from(parts.as_slice())
            .ok()
            .filter(|g| dates::is_numeric_date_shape(*g))?;
        let longer = sep_at(i + 1).is_some() && number_at(i + 2).is_some();
        return (!longer).then_some((i, shape));
    }
    let sep = sep_at(i + 1)?;
    let (b, c) = (number_at(i + 2)?, number_at(i + 4)?);
    if sep_at(i + 3) != Some(sep) {
        return None;
    }
    let groups = [x.fold.as_str(), b.fold.as_str(), c.fold.as_str()];
    let longer = sep_at(i + 5).is_some() && number_at(i + 6).is_some();
    (dates::is_numeric_date_shape(groups) && !longer).then_some((i + 4, groups))
}

/// An Arabic or Latin comma at token `k`: the optional comma of `17 نونبر، 2016`.
fn is_comma(t: &[Token], k: usize) -> bool {
    t.get(k).is_some_and(|x| x.is_punct('،') || x.is_punct(','))
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
                value: c
                    .value
                    .map(|v| claimtrack_model::fold::presentation_to_letters(&v).into_owned()),
                relative: c.relative,
            }
        })
        .collect()
}

fn dates_rule(cx: &mut Cx, ctx: &ArticleContext, diags: &mut Vec<Diagnostic>) {
    let t = cx.t;
    let n = t.len();
    let mut i = 0;
    while i < n {
        // Numeric dates: one date, never three numbers; an impossible day is neither.
        if let Some((last, groups)) = numeric_date_at(t, i) {
            match dates::numeric_date(groups, ctx.language == "en") {
                Some(d) => cx.push(i, last, 0, EntityKind::Date, Some(d.to_string()), false),
                None => diags.push(Diagnostic {
                    span: Some(Span::new(t[i].start, t[last].end)),
                    message: format!(
                        "'{}' is written like a date but is not a valid one (read {}, years 1000-2100); it was read as neither a date nor numbers",
                        cx.span_text(i, last, 0),
                        if ctx.language == "en" {
                            "month first, then day first"
                        } else {
                            "day first"
                        }
                    ),
                }),
            }
            i = last + 1;
            continue;
        }
        // DAY [و DAY] [،] MONTH [،] [YEAR | الجاري …]
        if let Some(d1) = int(&t[i]).filter(|d| (1..=31).contains(d)) {
            let mut days = vec![(i, d1)];
            let mut j = i + 1;
            if t.get(j).is_some_and(|x| x.fold == "و") {
                if let Some(d2) = t.get(j + 1).and_then(int).filter(|d| (1..=31).contains(d)) {
                    days.push((j + 1, d2));
                    j += 2;
                }
            }
            // English and French ordinal suffixes glued to the day: `1er janvier`, `5th of May`.
            if t.get(j).is_some_and(|x| {
                x.kind == TokenKind::Word
                    && !x.space_before
                    && matches!(x.fold.as_str(), "er" | "st" | "nd" | "rd" | "th")
            }) {
                j += 1;
                if cx.word(j) == Some("of") {
                    j += 1;
                }
            }
            // A comma after the day (`17، نونبر 2016`), when a month follows it.
            if is_comma(t, j) && month_at(cx.text, t, j + 1).is_some() {
                j += 1;
            }
            // DAY HIJRI-MONTH YEAR [هـ]: the Gregorian date by the Umm al-Qura calendar.
            if let Some((m, used)) = hijri_month_at(t, j) {
                if let Some(y) = t.get(j + used).and_then(is_year) {
                    let mut end = j + used;
                    if matches!(cx.word(end + 1), Some("هـ" | "ه" | "هجريه" | "للهجره"))
                    {
                        end += 1;
                    }
                    for (k, &(tok, d)) in days.iter().enumerate() {
                        let last = if k + 1 == days.len() { end } else { tok };
                        let value =
                            dates::hijri_to_iso(y as i32, m, d as u32).map(|x| x.to_string());
                        cx.push(tok, last, 0, EntityKind::Date, value, false);
                    }
                    i = end + 1;
                    continue;
                }
            }
            if let Some((m, used)) = month_at(cx.text, t, j) {
                let mut end = j + used - 1;
                let mut year = None;
                let mut shift = None;
                // A comma may come between the month and the year (`17 نونبر، 2016`).
                let comma = usize::from(is_comma(t, end + 1));
                if let Some(y) = t.get(end + 1 + comma).and_then(is_year) {
                    year = Some(y);
                    end += 1 + comma;
                } else if let Some(d) = t
                    .get(end + 1)
                    .filter(|x| x.kind == TokenKind::Word)
                    .and_then(|x| dates::deictic(&x.fold))
                {
                    shift = Some(d);
                    end += 1;
                }
                for (k, &(tok, d)) in days.iter().enumerate() {
                    let last = if k + 1 == days.len() { end } else { tok };
                    let (value, relative) = match (year, shift) {
                        (Some(y), _) => (
                            NaiveDate::from_ymd_opt(y as i32, m, d as u32).map(|x| x.to_string()),
                            false,
                        ),
                        (None, Some(sh)) => (
                            ctx.published.and_then(|p| {
                                NaiveDate::from_ymd_opt(dates::deictic_year(p, m, sh), m, d as u32)
                                    .map(|x| x.to_string())
                            }),
                            true,
                        ),
                        (None, None) => (Some(format!("--{m:02}-{d:02}")), false),
                    };
                    cx.push(tok, last, 0, EntityKind::Date, value, relative);
                }
                i = end + 1;
                continue;
            }
        }
        // MONTH YEAR, MONTH الجاري
        if let Some((m, used)) = month_at(cx.text, t, i) {
            let after = i + used;
            // English `November 5, 2018` / `November 5`: MONTH DAY [, YEAR].
            if latin_month_at(cx.text, t, i).is_some() {
                if let Some(d) = t.get(after).and_then(int).filter(|d| (1..=31).contains(d)) {
                    let comma = usize::from(t.get(after + 1).is_some_and(|x| x.is_punct(',')));
                    let (last, value) = match t.get(after + 1 + comma).and_then(is_year) {
                        Some(y) => (
                            after + 1 + comma,
                            NaiveDate::from_ymd_opt(y as i32, m, d as u32).map(|x| x.to_string()),
                        ),
                        None => (after, Some(format!("--{m:02}-{d:02}"))),
                    };
                    cx.push(i, last, 0, EntityKind::Date, value, false);
                    i = last + 1;
                    continue;
                }
            }
            if let Some(y) = t.get(after).and_then(is_year) {
                cx.push(
                    i,
                    after,
                    0,
                    EntityKind::Date,
                    Some(format!("{y}-{m:02}")),
                    false,
                );
                i = after + 1;
                continue;
            }
            if let Some(shift) = cx.word(after).and_then(dates::deictic) {
                // `يونيو الماضي` read in January is last year's June; `يناير المقبل` read in
                // June is next year's; otherwise the publication year's.
                let value = ctx
                    .published
                    .map(|p| format!("{}-{m:02}", dates::deictic_year(p, m, shift)));
                cx.push(i, after, 0, EntityKind::Date, value, true);
                i = after + 1;
                continue;
            }
            // A month alone after `في` / `شهر` / `خلال` …: ISO 8601 `--MM` (month, no year).
            let cued = i > 0
                && cx.word(i - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "في" | "شهر"
                            | "in"
                            | "en"
                            | "since"
                            | "depuis"
                            | "until"
                            | "of"
                            | "by"
                            | "خلال"
                            | "مطلع"
                            | "نهايه"
                            | "منتصف"
                            | "اواخر"
                            | "اوائل"
                            | "بدايه"
                    )
                });
            if cued {
                cx.push(
                    i,
                    after - 1,
                    0,
                    EntityKind::Date,
                    Some(format!("--{m:02}")),
                    false,
                );
                i = after;
                continue;
            }
        }
        // YEAR-CUE YEAR (و YEAR)*, and YEAR م / هـ
        if let Some(w) = cx.word(i) {
            let cue = clitic_readings(w)
                .iter()
                .any(|(_, s, _)| YEAR_CUES.contains(&&**s));
            // `عام 2018`, and `العام الفايت 2018` with a deictic word between.
            let first_year = if t.get(i + 1).and_then(is_year).is_some() {
                Some(i + 1)
            } else if cx.word(i + 1).and_then(dates::deictic).is_some()
                && t.get(i + 2).and_then(is_year).is_some()
            {
                Some(i + 2)
            } else {
                None
            };
            if let (true, Some(first_year)) = (cue, first_year) {
                let mut j = first_year;
                loop {
                    let y = is_year(&t[j]).unwrap_or_default();
                    if matches!(cx.word(j + 1), Some("هـ" | "ه" | "هجريه")) {
                        // `سنة 1446 هـ`: a Hijri year, no Gregorian value (as below).
                        cx.push(j, j + 1, 0, EntityKind::Date, None, false);
                        j += 1;
                        break;
                    }
                    cx.push(j, j, 0, EntityKind::Date, Some(y.to_string()), false);
                    if t.get(j + 1).is_some_and(|x| x.fold == "و")
                        && t.get(j + 2).and_then(is_year).is_some()
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
                i = j + 1;
                continue;
            }
        }
        if let Some(y) = is_year(&t[i]) {
            if matches!(cx.word(i + 1), Some("م" | "ميلاديه")) {
                cx.push(i, i + 1, 0, EntityKind::Date, Some(y.to_string()), false);
                i += 2;
                continue;
            }
            if matches!(cx.word(i + 1), Some("هـ" | "ه" | "هجريه")) {
                // Hijri year: no Gregorian value without a calendar conversion.
                cx.push(i, i + 1, 0, EntityKind::Date, None, false);
                i += 2;
                continue;
            }
        }
        if let Some(used) = relative_rule(cx, i, ctx, diags) {
            i += used;
            continue;
        }
        i += 1;
    }
}

/// A weekday at token `k`, bare or in parentheses (`اليوم (الاثنين)`): the day and the index of
/// its last token.
fn weekday_after(cx: &Cx, k: usize) -> Option<(chrono::Weekday, usize)> {
    if let Some(wd) = cx.word(k).and_then(dates::weekday) {
        return Some((wd, k));
    }
    let open = cx.t.get(k).is_some_and(|x| x.is_punct('('));
    let wd = cx.word(k + 1).and_then(dates::weekday)?;
    let close = cx.t.get(k + 2).is_some_and(|x| x.is_punct(')'));
    (open && close).then_some((wd, k + 2))
}

/// Relative expressions starting at token `i`; returns tokens used.
fn relative_rule(
    cx: &mut Cx,
    i: usize,
    ctx: &ArticleContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let w0 = cx.word(i)?.to_string();
    let w1 = cx.word(i + 1).map(str::to_string);
    let stem0 = clitic_readings(&w0)
        .into_iter()
        .map(|(_, s, _)| s)
        .collect::<Vec<_>>();
    let has = |s: &str| stem0.iter().any(|x| x == s);
    let (rel, used, weekday_at) = if has("قبل") {
        let (days, used) = match (w1.as_deref(), cx.t.get(i + 1).and_then(int), cx.word(i + 2)) {
            (Some("يومين"), _, _) => (2, 2),
            (Some("يوم"), _, _) => (1, 2),
            (Some("اسبوع"), _, _) => (7, 2),
            (Some("اسبوعين"), _, _) => (14, 2),
            (_, Some(k), Some("ايام" | "يوما")) => (k, 3),
            _ => return None,
        };
        (Relative::Days(-days), used, None)
    } else if has("اول") && w1.as_deref() == Some("امس") {
        (Relative::Days(-2), 2, Some(i + 2))
    } else if has("امس") {
        (Relative::Days(-1), 1, Some(i + 1))
    } else if has("غدا") {
        (Relative::Days(1), 1, Some(i + 1))
    } else if has("اليوم") && weekday_after(cx, i + 1).is_some() {
        (Relative::Days(0), 1, Some(i + 1))
    } else if ["هذا", "هذه", "هاد", "هادي", "هاذ"].iter().any(|d| has(d))
        && matches!(w1.as_deref(), Some("العام" | "السنه" | "الشهر" | "الاسبوع"))
    {
        // `هذا العام`, Darija `هاد العام`: the current year (month, week).
        let rel = match w1.as_deref() {
            Some("الاسبوع") => Relative::Weeks(0),
            Some("الشهر") => Relative::Months(0),
            _ => Relative::Years(0),
        };
        (rel, 2, None)
    } else if let Some(shift) = w1.as_deref().and_then(dates::deictic) {
        let rel = match stem0
            .iter()
            .find(|s| matches!(&***s, "الاسبوع" | "الشهر" | "العام" | "السنه"))?
            .as_ref()
        {
            "الاسبوع" => Relative::Weeks(shift as i64),
            "الشهر" => Relative::Months(shift),
            _ => Relative::Years(shift),
        };
        (rel, 2, None)
    } else {
        return None;
    };
    let mut last = i + used - 1;
    let mut named_weekday = None;
    if let Some(k) = weekday_at {
        if let Some((wd, end)) = weekday_after(cx, k) {
            named_weekday = Some(wd);
            last = end;
        }
    }
    let prefix = clitic_readings(&w0)
        .into_iter()
        .find(|(_, s, _)| {
            [
                "قبل",
                "هذا",
                "هذه",
                "هاد",
                "هادي",
                "هاذ",
                "امس",
                "غدا",
                "اليوم",
                "اول",
                "الاسبوع",
                "الشهر",
                "العام",
                "السنه",
            ]
            .contains(&&**s)
        })
        .map_or(0, |r| r.0);
    let value = ctx.published.and_then(|p| dates::resolve(rel, p));
    if let (Some(wd), Some(p), Relative::Days(n)) = (named_weekday, ctx.published, rel) {
        if let Some(d) = p.checked_add_signed(chrono::Duration::days(n)) {
            if d.weekday() != wd {
                let start = cx.t[i].start;
                diags.push(Diagnostic {
                    span: Some(Span::new(start, cx.t[last].end)),
                    message: format!(
                        "'{}' names {} but resolves to {} ({}) from the publication date {}",
                        cx.span_text(i, last, prefix),
                        dates::weekday_ar(wd),
                        d,
                        dates::weekday_ar(d.weekday()),
                        p
                    ),
                });
            }
        }
    }
    cx.push(i, last, prefix, EntityKind::Date, value, true);
    Some(last - i + 1)
}

/// Words after which a whole number is a label, not a quantity: a phone or hotline number
/// (`الاتصال على الرقم (992)`), a resolution or law number (`القرار رقم 2231`). Folded, clitics
/// allowed (`برقم`, `بالرقم`). `رقم` is also "figure" (`بلغ الرقم 2.5 مليار`): a decimal or a
/// number with a scale, currency or percent after it stays a quantity.
const NUMBER_LABELS: &[&str] = &["رقم", "الرقم", "هاتف", "الهاتف", "number", "numéro", "no"];

/// True when the number at `i` is an identifier rather than a quantity: part of an e-mail
/// address or handle (`992@gdp.gov.sa`), written with a leading zero and no unit after it
/// (`080100`, `0537`; `0051 مليون` is a quantity), one
/// group of a hyphenated phone number (`0537-68-12-34`), glued to capital letters (`TV5`,
/// `G20`, `COP28`), or a whole number after a label of [`NUMBER_LABELS`].
fn is_identifier(cx: &Cx, i: usize) -> bool {
    let t = cx.t;
    let glued = |k: usize| t.get(k).is_some_and(|x| !x.space_before);
    let digits = |x: &Token| x.fold.bytes().all(|b| b.is_ascii_digit());
    if (glued(i + 1) && t[i + 1].is_punct('@')) || (i > 0 && glued(i) && t[i - 1].is_punct('@')) {
        return true;
    }
    let whole = digits(&t[i]);
    let next: Vec<&str> = (i + 1..i + 3).map_while(|k| cx.word(k)).collect();
    // A scale, currency or percent after the number makes it a quantity, even with leading
    // zeros (`0051 مليون درهم` is 51 million dirhams, never dropped).
    let measured = cx.word(i + 1).is_some_and(|w| {
        clitic_readings(w)
            .iter()
            .any(|(_, s, _)| numbers::scale(s).is_some() || numbers::currency(s).is_some())
    }) || numbers::percent_words(&next).is_some()
        || t.get(i + 1)
            .is_some_and(|x| x.is_punct('%') || x.is_punct('٪'));
    if t[i].fold.len() >= 3 && t[i].fold.starts_with('0') && whole && !measured {
        return true;
    }
    // A hyphenated chain of three or more digit groups, without spaces.
    let hyphen_next = |k: usize| {
        glued(k + 1)
            && t[k + 1].is_punct('-')
            && glued(k + 2)
            && t.get(k + 2).is_some_and(|x| x.kind == TokenKind::Number)
    };
    let hyphen_prev = |k: usize| {
        k >= 2
            && glued(k)
            && t[k - 1].is_punct('-')
            && glued(k - 1)
            && t[k - 2].kind == TokenKind::Number
    };
    let mut groups = 1;
    let mut k = i;
    while hyphen_prev(k) {
        groups += 1;
        k -= 2;
    }
    let mut k = i;
    while hyphen_next(k) {
        groups += 1;
        k += 2;
    }
    if groups >= 3 {
        return true;
    }
    if i > 0 && glued(i) && t[i - 1].kind == TokenKind::Word {
        let raw = cx.raw(i - 1);
        if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_uppercase()) {
            return true;
        }
    }
    let mut k = i;
    if k > 0 && t[k - 1].is_punct('(') {
        k -= 1;
    }
    whole
        && !measured
        && k > 0
        && cx.word(k - 1).is_some_and(|w| {
            clitic_readings(w)
                .iter()
                .any(|(_, s, _)| NUMBER_LABELS.contains(&&**s))
        })
}

fn numbers_rule(cx: &mut Cx, ctx: &ArticleContext) {
    let french = ctx.language == "fr";
    let t = cx.t;
    let n = t.len();
    let mut i = 0;
    while i < n {
        let tok = &t[i];
        // A numeric date (valid or not) is never also numbers (the date rule reads it).
        if let Some((last, _)) = numeric_date_at(t, i) {
            i = last + 1;
            continue;
        }
        // A clock time (`6:00`, `1:30`) is not a quantity.
        let is_time = tok.kind == TokenKind::Number
            && t.get(i + 1)
                .is_some_and(|x| x.is_punct(':') && !x.space_before)
            && t.get(i + 2)
                .is_some_and(|x| x.kind == TokenKind::Number && !x.space_before);
        if is_time {
            i += 3;
            continue;
        }
        if tok.kind == TokenKind::Number && is_identifier(cx, i) {
            i += 1;
            continue;
        }
        if tok.kind == TokenKind::Number {
            // French groups thousands with a space: `1 234 567`, `12 300,5`.
            let mut digits = tok.fold.clone();
            let mut last = i;
            if french && tok.fold.len() <= 3 && tok.fold.bytes().all(|b| b.is_ascii_digit()) {
                while let Some(next) = t.get(last + 1).filter(|x| {
                    x.kind == TokenKind::Number
                        && x.space_before
                        && numbers::is_french_group(&x.fold)
                }) {
                    digits.push_str(&next.fold);
                    last += 1;
                }
            }
            let parsed = if french {
                numbers::parse_digits_fr(&digits)
            } else {
                numbers::parse_digits(&digits)
            };
            let Some(mut v) = parsed else {
                i += 1;
                continue;
            };
            // A currency sign glued before the number: `$5 million`, `€3`.
            let sign = (i > 0 && !tok.space_before)
                .then(|| numbers::currency_sign(&t[i - 1].fold))
                .flatten();
            let abbreviation = t
                .get(last + 1)
                .filter(|x| x.kind == TokenKind::Word && !x.space_before)
                .and_then(|x| numbers::scale_abbreviation(&x.fold))
                .filter(|(_, needs_sign)| !needs_sign || sign.is_some());
            if let Some((s, _)) = abbreviation {
                v *= s;
                last += 1;
            } else if let Some((s, false)) = cx.word(last + 1).and_then(numbers::scale) {
                v *= s;
                last += 1;
                // A `و`-joined remainder adds: `17 ألف و283` = 17283, `3 مليارات و500 مليون`.
                while cx.word(last + 1) == Some("و") {
                    let Some(rest) = t
                        .get(last + 2)
                        .filter(|x| x.kind == TokenKind::Number)
                        .and_then(|x| numbers::parse_digits(&x.fold))
                    else {
                        break;
                    };
                    let (rest, used) = match cx.word(last + 3).and_then(numbers::scale) {
                        Some((s2, false)) if s2 < s => (rest * s2, 3),
                        _ => (rest, 2),
                    };
                    if rest >= s {
                        break;
                    }
                    v += rest;
                    last += used;
                }
            }
            if let Some(code) = sign {
                cx.push(
                    i - 1,
                    last,
                    0,
                    EntityKind::Money,
                    Some(format!("{} {code}", numbers::format_value(v))),
                    false,
                );
                i = last + 1;
                continue;
            }
            // Percent: `%` / `٪` or word forms.
            if t.get(last + 1)
                .is_some_and(|x| x.is_punct('%') || x.is_punct('٪'))
            {
                cx.push(
                    i,
                    last + 1,
                    0,
                    EntityKind::Percentage,
                    Some(numbers::format_value(v)),
                    false,
                );
                i = last + 2;
                continue;
            }
            let next_words: Vec<&str> = (last + 1..(last + 3).min(n))
                .map_while(|k| cx.word(k))
                .collect();
            if let Some(used) = numbers::percent_words(&next_words) {
                cx.push(
                    i,
                    last + used,
                    0,
                    EntityKind::Percentage,
                    Some(numbers::format_value(v)),
                    false,
                );
                i = last + used + 1;
                continue;
            }
            // French puts `de` / `d'` between a scale word and the currency (`12 milliards
            // d'euros`, `3 millions de dollars`).
            let scaled = last > i;
            let gap = if scaled && cx.word(last + 1) == Some("de") {
                1
            } else if scaled
                && cx.word(last + 1) == Some("d")
                && t.get(last + 2)
                    .is_some_and(|x| (x.is_punct('\'') || x.is_punct('’')) && !x.space_before)
            {
                2
            } else {
                0
            };
            let currency = |k: usize| {
                cx.word(k).and_then(|w| {
                    clitic_readings(w)
                        .into_iter()
                        .find_map(|(_, s, _)| numbers::currency(&s))
                })
            };
            let found = currency(last + 1).map(|c| (c, 1)).or_else(|| {
                (gap > 0)
                    .then(|| currency(last + 1 + gap))
                    .flatten()
                    .map(|c| (c, 1 + gap))
            });
            if let Some(((code, factor), used)) = found {
                cx.push(
                    i,
                    last + used,
                    0,
                    EntityKind::Money,
                    Some(format!("{} {code}", numbers::format_value(v * factor))),
                    false,
                );
                i = last + used + 1;
                continue;
            }
            // English and French ordinals written with digits: `93rd`, `1st`, `1er`, `3e`, `2ème`.
            let ordinal_suffix = t.get(last + 1).is_some_and(|x| {
                x.kind == TokenKind::Word
                    && !x.space_before
                    && LATIN_ORDINAL_SUFFIXES.contains(&x.fold.as_str())
            });
            if ordinal_suffix && v.fract().is_zero() {
                cx.push(
                    i,
                    last + 1,
                    0,
                    EntityKind::Ordinal,
                    Some(numbers::format_value(v)),
                    false,
                );
                i = last + 2;
                continue;
            }
            cx.push(
                i,
                last,
                0,
                EntityKind::Number,
                Some(numbers::format_value(v)),
                false,
            );
            i = last + 1;
            continue;
        }
        if tok.kind == TokenKind::Word {
            if let Some(used) = number_words(cx, i) {
                i += used;
                continue;
            }
        }
        i += 1;
    }
}

/// Tens joined by `و` at token `k` (`والتسعين` = 90), the second half of a compound number.
fn waw_tens(cx: &Cx, k: usize) -> Option<u32> {
    cx.word(k)
        .and_then(|x| x.strip_prefix('و'))
        .and_then(numbers::tens)
}

/// Suffixes that make a digit number an ordinal in English (`1st`, `93rd`) and French (`1er`,
/// `1re`, `3e`, `2ème`), folded.
const LATIN_ORDINAL_SUFFIXES: &[&str] =
    &["st", "nd", "rd", "th", "er", "re", "e", "eme", "ème", "è"];

/// Ordinals (`الثالثة والتسعين`), cardinals (`ثلاثة`), scale duals (`ملياري دولار`) and dual
/// nouns (`توشيحين`) at token `i`.
fn number_words(cx: &mut Cx, i: usize) -> Option<usize> {
    let w = cx.word(i)?.to_string();
    let readings = clitic_readings(&w);
    // Ordinal: UNIT [و TENS] | UNIT عشر(ة) | TENS
    for (prefix, stem, _) in &readings {
        if let Some(u) = numbers::unit_ordinal(stem).filter(|_| stem.starts_with("ال")) {
            // A regnal ordinal after a given name is part of the name, not a number:
            // `محمد السادس`, `الحسن الثاني`, `عبد الله الثاني`.
            if *prefix == 0 && i > 0 && is_given_name(cx, i - 1) {
                let first = if i >= 2 && cx.word(i - 2) == Some("عبد") {
                    i - 2
                } else {
                    i - 1
                };
                let value = cx.span_text(first, i, 0);
                cx.push(first, i, 0, EntityKind::Person, Some(value), false);
                return Some(1);
            }
            if let Some(tn) = waw_tens(cx, i + 1) {
                cx.push(
                    i,
                    i + 1,
                    *prefix,
                    EntityKind::Ordinal,
                    Some((u + tn).to_string()),
                    false,
                );
                return Some(2);
            }
            if matches!(cx.word(i + 1), Some("عشر" | "عشره")) {
                cx.push(
                    i,
                    i + 1,
                    *prefix,
                    EntityKind::Ordinal,
                    Some((10 + u).to_string()),
                    false,
                );
                return Some(2);
            }
            if u >= 2 {
                cx.push(
                    i,
                    i,
                    *prefix,
                    EntityKind::Ordinal,
                    Some(u.to_string()),
                    false,
                );
                return Some(1);
            }
        }
        if let Some(tn) = numbers::tens(stem).filter(|_| stem.starts_with("ال")) {
            cx.push(
                i,
                i,
                *prefix,
                EntityKind::Ordinal,
                Some(tn.to_string()),
                false,
            );
            return Some(1);
        }
    }
    // Teens: UNIT عشر(ة) (`خمسة عشر`, `إحدى عشرة`): one number, not a 5 and a stray `عشر`.
    for (prefix, stem, _) in &readings {
        if let Some(u) = numbers::teen_unit(stem) {
            if matches!(cx.word(i + 1), Some("عشر" | "عشره")) {
                let value = Some((10 + u).to_string());
                cx.push(i, i + 1, *prefix, EntityKind::Number, value, false);
                return Some(2);
            }
        }
    }
    // Before a counted noun: the short MSA forms (`عشر سنوات`, `ست نساء`) and Darija cardinals
    // (`جوج د الناس`, `خمسطاش عام`, `تلاتين درهم`).
    for (prefix, stem, _) in &readings {
        let short = numbers::cardinal(stem).and_then(|(u, standalone)| (!standalone).then_some(u));
        if let Some(v) = short.or_else(|| numbers::darija_cardinal(stem)) {
            if counted_noun(cx, i + 1) {
                cx.push(
                    i,
                    i,
                    *prefix,
                    EntityKind::Number,
                    Some(v.to_string()),
                    false,
                );
                return Some(1);
            }
        }
    }
    // Cardinal words: UNIT [و TENS], TENS, hundreds.
    for (prefix, stem, _) in &readings {
        if let Some((u, standalone)) = numbers::cardinal(stem) {
            if let Some(tn) = waw_tens(cx, i + 1) {
                cx.push(
                    i,
                    i + 1,
                    *prefix,
                    EntityKind::Number,
                    Some((u + tn).to_string()),
                    false,
                );
                return Some(2);
            }
            if standalone {
                let (mut v, mut last) = (rust_decimal::Decimal::from(u), i);
                if let Some((s, false)) = cx.word(i + 1).and_then(numbers::scale) {
                    v *= s;
                    last = i + 1;
                }
                cx.push(
                    i,
                    last,
                    *prefix,
                    EntityKind::Number,
                    Some(numbers::format_value(v)),
                    false,
                );
                return Some(last - i + 1);
            }
        }
        if let Some(tn) = numbers::tens(stem).filter(|_| !stem.starts_with("ال")) {
            cx.push(
                i,
                i,
                *prefix,
                EntityKind::Number,
                Some(tn.to_string()),
                false,
            );
            return Some(1);
        }
        // A singular scale word with a currency and no number: `مليار سنتيم` = one billion
        // centimes = 10 million dirhams.
        if let Some((v, false)) = numbers::scale(stem).filter(|_| numbers::is_singular_scale(stem))
        {
            if let Some((code, factor)) = cx.word(i + 1).and_then(numbers::currency) {
                cx.push(
                    i,
                    i + 1,
                    *prefix,
                    EntityKind::Money,
                    Some(format!("{} {code}", numbers::format_value(v * factor))),
                    false,
                );
                return Some(2);
            }
        }
        if let Some((v, true)) = numbers::scale(stem) {
            if let Some((code, factor)) = cx.word(i + 1).and_then(numbers::currency) {
                cx.push(
                    i,
                    i + 1,
                    *prefix,
                    EntityKind::Money,
                    Some(format!("{} {code}", numbers::format_value(v * factor))),
                    false,
                );
                return Some(2);
            }
            cx.push(
                i,
                i,
                *prefix,
                EntityKind::Number,
                Some(numbers::format_value(v)),
                false,
            );
            return Some(1);
        }
    }
    if readings.iter().any(|(_, s, _)| numbers::is_dual(s)) && !lexicon().first_names.contains(&w) {
        let prefix = readings
            .iter()
            .find(|(_, s, _)| numbers::is_dual(s))
            .map_or(0, |r| r.0);
        // Only the dual itself is the number: `توشيحين` = 2.
        cx.push(
            i,
            i,
            if prefix > 0 && !readings[prefix].1.starts_with("ال") {
                prefix
            } else {
                0
            },
            EntityKind::Number,
            Some("2".into()),
            false,
        );
        return Some(1);
    }
    None
}

/// True when token `k` can be the noun a number word counts: an indefinite word that is no
/// stopword and no number word (`سنوات`, `شخصا`, `درهم`), or Darija `د`/`ديال` before a noun
/// (`جوج د الناس`).
fn counted_noun(cx: &Cx, k: usize) -> bool {
    let Some(w) = cx.word(k).filter(|_| cx.t[k].space_before) else {
        return false;
    };
    if matches!(w, "د" | "ديال") {
        return cx.word(k + 1).is_some();
    }
    !w.starts_with("ال")
        && w.chars().count() >= 2
        && !lexicon().stopwords.contains(w)
        && numbers::cardinal(w).is_none()
        && numbers::tens(w).is_none()
        && numbers::darija_cardinal(w).is_none()
}

/// True when the word at `k` is a given name (`محمد`, `الحسن`: with or without `ال`), or the
/// name after `عبد` (`عبد الله`).
fn is_given_name(cx: &Cx, k: usize) -> bool {
    let lex = lexicon();
    cx.word(k).is_some_and(|w| {
        let bare = w.strip_prefix("ال").unwrap_or(w);
        lex.first_names.contains(w)
            || lex.first_names.contains(bare)
            || (k > 0 && cx.word(k - 1) == Some("عبد"))
    })
}

/// Longest gazetteer match at each token, a clitic allowed on the first word.
fn gazetteer_rule(cx: &mut Cx, g: &Gazetteer, kind: EntityKind) {
    let t = cx.t;
    let mut i = 0;
    while i < t.len() {
        if let Some((used, prefix, restored, name)) = gazetteer_at(cx, g, i) {
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

fn gazetteer_at(cx: &Cx, g: &Gazetteer, i: usize) -> Option<(usize, usize, bool, String)> {
    let tok = cx.t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    let mut best: Option<(usize, usize, bool, String)> = None;
    for (prefix, stem, restored) in clitic_readings(&tok.fold) {
        for (words, name) in g.starting_with(&stem) {
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

/// `القارة الإفريقية`, `القارة الأوروبية`, `القارة السمراء`: a continent named by its adjective.
fn continent_rule(cx: &mut Cx) {
    for i in 0..cx.t.len() {
        let Some(w) = cx.word(i) else { continue };
        let Some((prefix, _, restored)) = clitic_readings(w)
            .into_iter()
            .find(|(_, s, _)| s == "القاره")
        else {
            continue;
        };
        if cx
            .word(i + 1)
            .is_some_and(|x| x.starts_with("ال") && cx.t[i + 1].space_before)
        {
            let value = name_value(cx, i, i + 1, prefix, restored);
            cx.push(
                i,
                i + 1,
                if restored { 0 } else { prefix },
                EntityKind::Place,
                Some(value),
                false,
            );
        }
    }
}

/// Nouns of settlements and administrative divisions that head a place name in a construct
/// (`مدينة العريش`, `بمحافظة شمال سيناء`, `ولاية كاليفورنيا`, `إقليم الحوز`). Folded, without the
/// article: `المدينة الجديدة` is a noun and its adjective. Hand-compiled.
const SETTLEMENT_HEADS: &[&str] = &[
    "مدينه",
    "محافظه",
    "ولايه",
    "اقليم",
    "بلده",
    "قريه",
    "جهه",
    "عماله",
    "مقاطعه",
    "اماره",
];

/// Words of direction that open a two-word place name (`شمال سيناء`). Folded.
const DIRECTIONS: &[&str] = &["شمال", "جنوب", "شرق", "غرب", "وسط"];

/// `SETTLEMENT-HEAD NAME`: the name after an indefinite settlement noun is a place — definite
/// (`مدينة الجيزة`), or indefinite if it does not end in `ة` (`مدينة أكادير`; `مدينة كبيرة` is an
/// adjective), and two words after a direction (`محافظة شمال سيناء`). Finds the places no
/// gazetteer lists.
fn settlement_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for i in 0..t.len() {
        let Some(w) = cx.word(i) else { continue };
        if !clitic_readings(w)
            .iter()
            .any(|(_, s, _)| SETTLEMENT_HEADS.contains(&&**s))
        {
            continue;
        }
        let Some(x) = cx.word(i + 1).filter(|_| t[i + 1].space_before) else {
            continue;
        };
        let name_like = |x: &str| {
            !lex.stopwords.contains(x)
                && !lex.org_heads.contains(x)
                && !lex.titles.contains(x)
                && x.chars().count() >= 3
        };
        if !name_like(x) {
            continue;
        }
        let last = if DIRECTIONS.contains(&x) {
            match cx.word(i + 2) {
                Some(y) if name_like(y) && t[i + 2].space_before => i + 2,
                _ => continue,
            }
        } else if x.starts_with("ال") || !x.ends_with('ه') {
            i + 1
        } else {
            continue;
        };
        let value = cx.span_text(i + 1, last, 0);
        cx.push(i + 1, last, 0, EntityKind::Place, Some(value), false);
    }
}

/// Definite participles that relate an organisation to another (`الناطقة بلسان`, `التابعة ل`,
/// `المكلفة ب`): never part of its name. Folded. Hand-compiled.
const RELATIONAL_PARTICIPLES: &[&str] = &[
    "الناطقه",
    "الناطق",
    "التابعه",
    "التابع",
    "المكلفه",
    "المكلف",
    "المسؤوله",
    "المسؤول",
    "المعنيه",
    "المعني",
    "المختصه",
    "المختص",
    "المشرفه",
    "المشرف",
    "المقامه",
    "المنعقده",
];

/// `HEAD (ال-word | word ال-word)…`: `وزارة الداخلية`, `وكالة الاستخبارات المركزية`,
/// `جهاز أمن الدولة`. At most 6 words; stops at punctuation, stopwords and `ب`-words.
fn org_head_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for i in 0..t.len() {
        let Some(w) = cx.word(i) else { continue };
        let Some((prefix, head, restored)) = clitic_readings(w)
            .into_iter()
            .find(|(_, s, _)| lex.org_heads.contains(&**s))
        else {
            continue;
        };
        // A definite head right after a definite noun is an adjective (`الجريمة المنظمة`).
        if head.starts_with("ال")
            && prefix == 0
            && i > 0
            && cx.word(i - 1).is_some_and(|p| {
                clitic_readings(p)
                    .iter()
                    .any(|(_, s, _)| s.starts_with("ال"))
            })
        {
            continue;
        }
        let mut last = i;
        let mut j = i + 1;
        // An indefinite head takes one definite complement (`وزارة الصحة`); after it, or after a
        // definite head, only adjectives and `لل` complements continue the name (`المديرية
        // العامة للأمن الوطني`): a definite noun there is the verb's object (`أعلنت وزارة الصحة
        // الحصيلة`).
        let mut complement = head.starts_with("ال");
        while j < t.len() && j - i < 6 {
            let Some(x) = cx.word(j) else { break };
            if lex.stopwords.contains(x) || !t[j].space_before {
                break;
            }
            // A relational participle ends the name: `مؤسسة الكنانة الإعلامية الناطقة بلسان …`,
            // `الشرطة التابعة لوزارة …`.
            if RELATIONAL_PARTICIPLES.contains(&x) {
                break;
            }
            let definite = x.starts_with("ال") || x.starts_with("لل");
            if let Some((used, _, _, _)) = gazetteer_at(cx, &lex.organisations, j) {
                // A known organisation ends the chain: `منظمة الأنتربول` (not `… المقامة`).
                last = j + used - 1;
                break;
            }
            if definite && complement && !x.starts_with("لل") && !is_name_adjective(x) {
                break;
            }
            if definite {
                complement = true;
                last = j;
                j += 1;
            } else if cx.word(j + 1).is_some_and(|y| y.starts_with("ال"))
                && last == j - 1
                && !x.starts_with('ب')
                && !x.starts_with('و')
                // A given name after the organisation starts a person (`لوزارة العدل منصور
                // القفاري`), not a genitive chain.
                && !lex.first_names.contains(x)
            {
                j += 1; // an indefinite noun inside a genitive chain: جهاز أمن الدولة
            } else {
                break;
            }
        }
        if last > i {
            let value = name_value(cx, i, last, prefix, restored);
            cx.push(
                i,
                last,
                if restored { 0 } else { prefix },
                EntityKind::Organisation,
                Some(value),
                false,
            );
        }
    }
}

/// Definite adjectives that are not nisbas but often end an organisation's name (`العامة`,
/// `العليا`, `الأعلى`, `المتحدة`). Folded. Hand-compiled.
const NAME_ADJECTIVES: &[&str] = &[
    "العامه",
    "العام",
    "العليا",
    "الاعلي",
    "الكبري",
    "المتحده",
    "المستقله",
    "الدائمه",
    "الخاصه",
    "المركزي",
    "الموحده",
    "الاول",
    "الاولي",
    "الثاني",
    "الثانيه",
];

/// True when definite word `x` (folded) can be an adjective of an organisation name: a nisba
/// (`الإيطالية`, `الدولي`, `الوطنية`: ending in `ي` or `ية`) or one of [`NAME_ADJECTIVES`].
fn is_name_adjective(x: &str) -> bool {
    let bare = x.strip_prefix("ال").unwrap_or(x);
    NAME_ADJECTIVES.contains(&x)
        || (bare.chars().count() >= 3 && (bare.ends_with('ي') || bare.ends_with("يه")))
}

/// The mention as a name: clitics cut off, and `لل…` given back its article (`للمنظمة` → `المنظمة`).
fn name_value(cx: &Cx, first: usize, last: usize, prefix: usize, restored: bool) -> String {
    if restored {
        let raw = cx.raw(first);
        let rest = &cx.text[cx.t[first].start + prefix_bytes(raw, 2)..cx.t[last].end];
        format!("ال{rest}")
    } else {
        cx.span_text(first, last, prefix)
    }
}

/// Capitalised abbreviations that are not organisations: interjections, media, time, units,
/// grammar and roman numerals (`OK`, `TV`, `AM`, `GDP`, `II`). Hand-compiled.
const NOT_ORGANISATIONS: &[&str] = &[
    "OK", "TV", "AM", "PM", "GMT", "UTC", "CEO", "GDP", "PIB", "VAT", "TVA", "PDF", "URL", "USB",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "KM", "KG", "MW", "GW",
    "LGBT", "DNA", "ADN", "AI", "IA", "PS", "NB", "FAQ", "ID",
];

/// Latin acronyms of two to six capitals (`FBI`, `NATO`) are organisations.
fn acronym_rule(cx: &mut Cx) {
    for i in 0..cx.t.len() {
        let raw = cx.raw(i);
        if cx.t[i].kind == TokenKind::Word
            && (2..=6).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_uppercase())
            && !NOT_ORGANISATIONS.contains(&raw)
        {
            cx.push(
                i,
                i,
                0,
                EntityKind::Organisation,
                Some(raw.to_string()),
                false,
            );
        }
    }
}

/// True when folded word `w` can be part of a name (not a stopword, title or punctuation).
fn name_word(w: &str) -> bool {
    let lex = lexicon();
    !lex.stopwords.contains(w)
        && !lex.titles.contains(w)
        && !lex.org_heads.contains(w)
        && w.chars().count() >= 2
}

fn person_rules(cx: &mut Cx, ctx: &ArticleContext) {
    let lex = lexicon();
    let t = cx.t;
    let n = t.len();
    for i in 0..n {
        // From `t`, not `cx`: the readings must outlive the pushes below.
        let Some(w) = t
            .get(i)
            .filter(|x| x.kind == TokenKind::Word)
            .map(|x| x.fold.as_str())
        else {
            continue;
        };
        let readings = clitic_readings(w);
        let after_honorific = i > 0 && {
            let mut k = i - 1;
            // `الرئيس الأمريكي جو بايدن`: skip one nisba adjective after the title (but not a
            // title that itself ends in ي: `المحامي ناصر التويم`).
            if k > 0
                && cx.word(k).is_some_and(|x| {
                    x.starts_with("ال")
                        && (x.ends_with('ي') || x.ends_with("يه"))
                        && !lex.honorifics.contains(x)
                })
                && !t[k].is_punct('.')
            {
                k -= 1;
            }
            cx.word(k).is_some_and(|x| lex.honorifics.contains(x))
                || (t[i - 1].is_punct('.') && i >= 2 && cx.word(i - 2) == Some("د"))
        };
        // P1: given name (or عبد + word) + surname.
        let given = readings.iter().find_map(|(p, s, _)| {
            if s == "عبد" || s == "ابو" {
                cx.word(i + 1)
                    .filter(|x| name_word(x))
                    .map(|_| (*p, 2usize))
            } else if lex.first_names.contains(&**s)
                && (!lex.ambiguous_names.contains(&**s) || after_honorific)
            {
                Some((*p, 1usize))
            } else {
                None
            }
        });
        // `على` folds to `علي`: the preposition is never the name.
        if cx.raw(i).ends_with('ى') && w.ends_with("علي") {
            continue;
        }
        let given = given.or_else(|| {
            (after_honorific && name_word(w) && !w.starts_with("ال")).then_some((0, 1))
        });
        if let Some((prefix, glen)) = given {
            let mut last = i + glen - 1;
            // A surname never starts with the conjunction و unless it is itself a given name
            // (in `الشيخ رضوان وشارع النفق` the name stops at رضوان).
            let surname = cx.word(last + 1).filter(|x| {
                name_word(x)
                    && t[last + 1].space_before
                    && (!x.starts_with('و') || lex.first_names.contains(*x))
            });
            if let Some(x) = surname {
                last += 1;
                // Compound surnames: `بن سلمان`, `ولد الغزواني`, `عبد الغفار`, `أبو الغيط`.
                if matches!(
                    x,
                    "بن" | "ابن" | "ولد" | "بنت" | "ايت" | "بو" | "عبد" | "ابو"
                ) && cx.word(last + 1).is_some_and(name_word)
                {
                    last += 1;
                } else if x.starts_with("ال") && family_name_at(cx, last + 1) {
                    // A compound given name and the family name: `فاطمة الزهراء المنصوري إن`.
                    last += 1;
                }
            }
            if last > i || after_honorific {
                let value = cx.span_text(i, last, prefix);
                cx.push(i, last, prefix, EntityKind::Person, Some(value), false);
            }
        }
        // P4: surname of a person named in full elsewhere in the article.
        for (prefix, stem, _) in &readings {
            if let Some(full) = ctx.surnames.get(&**stem) {
                cx.push(i, i, *prefix, EntityKind::Person, Some(full.clone()), false);
                break;
            }
        }
    }
    // P5: `TITLE [ال-word]{0,2} X Y` then punctuation, a quote or the end
    // (`وزير الخارجية الايطالي باولو جينتيلوني "…"`).
    for i in 0..n {
        let Some(w) = cx.word(i) else { continue };
        if !clitic_readings(w)
            .iter()
            .any(|(_, s, _)| lex.titles.contains(&**s))
        {
            continue;
        }
        let mut k = i + 1;
        while k < i + 3
            && cx
                .word(k)
                .is_some_and(|x| x.starts_with("ال") && name_word(x))
        {
            k += 1;
        }
        let (Some(a), Some(b)) = (cx.word(k), cx.word(k + 1)) else {
            continue;
        };
        let plain = |x: &str| name_word(x) && !x.starts_with("ال") && !lex.org_heads.contains(x);
        let ends = t.get(k + 2).is_none_or(|x| x.kind == TokenKind::Punct);
        if k > i + 1 && plain(a) && plain(b) && ends && t[k].space_before && t[k + 1].space_before {
            let value = cx.span_text(k, k + 1, 0);
            cx.push(k, k + 1, 0, EntityKind::Person, Some(value), false);
        }
    }
    // P2: apposition `X Y، TITLE …` (`أفريل هاينز، مديرة …`).
    for (c, comma) in t.iter().enumerate().skip(1) {
        if !(comma.is_punct('،') || comma.is_punct(',')) {
            continue;
        }
        let Some(next) = cx.word(c + 1) else { continue };
        // The title itself, without a conjunction: `، والوزير قال` coordinates, it is no
        // apposition (`الحكومة كذبت علينا، والوزير قال إن …`).
        if !clitic_readings(next).iter().any(|(p, s, _)| {
            lex.titles.contains(&**s) && (*p == 0 || !next.starts_with(['و', 'ف']))
        }) || c < 2
        {
            continue;
        }
        let (a, b) = (c - 2, c - 1);
        let (Some(wa), Some(wb)) = (cx.word(a), cx.word(b)) else {
            continue;
        };
        if !name_word(wa) || !name_word(wb) || wa.starts_with("ال") || wb.starts_with("لل") {
            continue;
        }
        let mut first = a;
        let mut prefix = clitic_readings(wa)
            .into_iter()
            .find(|(_, s, _)| lex.first_names.contains(&**s))
            .map_or(0, |r| r.0);
        if a > 0 && matches!(cx.word(a - 1), Some("عبد" | "ابو" | "بن")) {
            first = a - 1;
            prefix = 0;
        }
        let value = cx.span_text(first, b, prefix);
        cx.push(first, b, prefix, EntityKind::Person, Some(value), false);
    }
    speaker_rule(cx);
}

/// Nouns that stand as the unnamed subject of a reporting verb before a genitive (`مصدر أمني`,
/// `مصادر الشرطة`, `بيان الوزارة`, `تقرير الهيئة`, `وسائل الإعلام`): never the first word of a
/// speaker's name. Folded. Hand-compiled.
const SOURCE_NOUNS: &[&str] = &[
    "مصدر",
    "مصادر",
    "بيان",
    "بلاغ",
    "تقرير",
    "تقارير",
    "دراسه",
    "وسائل",
    "مسؤول",
    "مسؤولو",
    "مسؤولي",
    "مسؤولون",
    "اعضاء",
    "عضو",
    "شهود",
    "شاهد",
    "خبير",
    "خبراء",
    "محلل",
    "محللون",
    "نشطاء",
    "سكان",
    "مواطنون",
    "مراقبون",
    "متحدث",
    "ناطق",
    "احصاءات",
    "معطيات",
    "ارقام",
    "بيانات",
    "وثيقه",
    "رساله",
    "مراسل",
    "موقع",
    "صحيفه",
    "جريده",
    "قناه",
    "حساب",
    "عدد",
];

/// True when the word at `k` can be a family name ending a name (`المنصوري`, `الوردي`): a
/// definite name word that is not a date word, followed by the end of the clause (punctuation,
/// a quote, a complementizer `إن`/`أن` or the end).
fn family_name_at(cx: &Cx, k: usize) -> bool {
    let Some(w) = cx.word(k).filter(|_| cx.t[k].space_before) else {
        return false;
    };
    let ends = match cx.t.get(k + 1) {
        None => true,
        Some(x) if x.kind == TokenKind::Punct => true,
        Some(x) => crate::claimant::COMPLEMENTIZERS.contains(&x.fold.as_str()),
    };
    w.starts_with("ال")
        && name_word(w)
        && ends
        && dates::weekday(w).is_none()
        && month_name_only(cx.t, k).is_none()
}

/// P6: the named subject of a reporting verb, whether or not a name list knows it: `VERB [TITLE
/// …] X Y` right before `:` (and a quotation), a quotation mark or `إن`/`أن`/`بأن` (`وقال سعيد
/// الوردي: «…»`, `وقالت الناطقة باسم الحكومة سعاد الفاسي إن`). X is no definite word, source
/// noun, title, organisation head or preposition; Y is a name word. Without a title, X must be a
/// known given name (ambiguous ones included: the subject position settles them) or Y a family
/// name in `ال…ي` (`الوردي`), so `وقال مصدر أمني إن` and `أكد تقرير الهيئة أن` give no person.
fn speaker_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for v in 0..t.len() {
        let verb = crate::claimant::role_of(&t[v])
            .is_some_and(|(r, _)| r == crate::claimant::Role::Verb)
            && t[v]
                .fold
                .chars()
                .any(|c| ('\u{0621}'..='\u{064A}').contains(&c));
        if !verb {
            continue;
        }
        // The end of the subject: a colon, a quotation mark or a complementizer, within 9 words.
        let Some(e) = (v + 1..t.len().min(v + 11)).find(|&k| {
            let x = &t[k];
            match x.kind {
                TokenKind::Punct => true,
                TokenKind::Word => crate::claimant::COMPLEMENTIZERS.contains(&x.fold.as_str()),
                TokenKind::Number => true,
            }
        }) else {
            continue;
        };
        let end_ok = match t[e].kind {
            TokenKind::Punct => t[e].fold.starts_with([':', '«', '“', '”', '"', '‹', '„']),
            TokenKind::Word => true,
            TokenKind::Number => false,
        };
        if !end_ok || e < v + 3 {
            continue;
        }
        let (a, b) = (e - 2, e - 1);
        let (Some(x), Some(y)) = (cx.word(a), cx.word(b)) else {
            continue;
        };
        if !t[a].space_before || !t[b].space_before {
            continue;
        }
        let governed = clitic_readings(x).iter().any(|(p, s, _)| {
            *p > 0
                && (s.starts_with("ال")
                    || lex.org_heads.contains(&**s)
                    || lex.titles.contains(&**s)
                    || lex.stopwords.contains(&**s))
        });
        let plain = |w: &str| {
            name_word(w)
                && !lex.honorifics.contains(w)
                && !crate::claimant::PREPOSITIONS.contains(&w)
                && dates::weekday(w).is_none()
                && numbers::cardinal(w).is_none()
                && numbers::tens(w).is_none()
        };
        if x.starts_with("ال")
            || governed
            || SOURCE_NOUNS.contains(&x)
            || !plain(x)
            || !plain(y)
            || month_name_only(t, a).is_some()
            || month_name_only(t, b).is_some()
        {
            continue;
        }
        let titled = a > v + 1
            && cx.word(v + 1).is_some_and(|w| {
                clitic_readings(w)
                    .iter()
                    .any(|(_, s, _)| lex.titles.contains(&**s) || lex.honorifics.contains(&**s))
            });
        // Without a title, only the name itself may stand between the verb and the end.
        if a > v + 1 && !titled {
            continue;
        }
        let given = lex.first_names.contains(x);
        let family = y.starts_with("ال") && y.ends_with('ي') && y.chars().count() >= 5;
        if titled || given || family {
            let value = cx.span_text(a, b, 0);
            cx.push(a, b, 0, EntityKind::Person, Some(value), false);
        }
    }
}

/// Collects the full names (two words or more) of persons in the article, for surname mentions.
/// True when a word of `t` (or one of its clitic readings) is a surname of
/// [`ArticleContext::surnames`]: the only way the context's persons change what [`extract`] finds.
pub(crate) fn mentions_surname(t: &[Token], ctx: &ArticleContext) -> bool {
    !ctx.surnames.is_empty()
        && t.iter().any(|x| {
            x.kind == TokenKind::Word
                && clitic_readings(&x.fold)
                    .iter()
                    .any(|(_, s, _)| ctx.surnames.contains_key(&**s))
        })
}

pub(crate) fn collect_surnames(entities: &[Entity]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let value = e.value.clone().unwrap_or_else(|| e.text.clone());
        let folded = crate::text::fold(&value);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let surname = words[words.len() - 1];
        if surname.chars().count() < 4
            || lexicon().first_names.contains(surname)
            || numbers::unit_ordinal(surname).is_some()
        {
            continue;
        }
        let bare = surname.strip_prefix("ال").unwrap_or(surname).to_string();
        map.entry(bare.clone()).or_insert_with(|| value.clone());
        map.entry(format!("ال{bare}")).or_insert(value);
    }
    map
}

/// English and French persons: a title (`President`, `Mr`, `M.`, `le président`, see
/// [`lang::LATIN_TITLES`]) followed by capitalised words (`President Joe Biden`, `M. Emmanuel
/// Macron`), name particles allowed inside (`Ursula von der Leyen`). At most five words.
fn latin_person_rule(cx: &mut Cx) {
    let t = cx.t;
    for i in 0..t.len() {
        if t[i].kind != TokenKind::Word || !lang::LATIN_TITLES.contains(&cx.raw(i)) {
            continue;
        }
        let mut k = i + 1;
        if t.get(k).is_some_and(|x| x.is_punct('.') && !x.space_before) {
            k += 1;
        }
        let first = k;
        // `General Assembly`, `Secretary General`: a title before an institution is not a name.
        if k < t.len() && lang::LATIN_INSTITUTION_WORDS.contains(&cx.raw(k)) {
            continue;
        }
        let mut last = None;
        while k < t.len() && k - first < 5 {
            let raw = cx.raw(k);
            if t[k].kind == TokenKind::Word && lang::is_capitalised(raw) {
                // Another title or a month is not part of the name.
                if lang::LATIN_TITLES.contains(&raw) || latin_month_at(cx.text, t, k).is_some() {
                    break;
                }
                last = Some(k);
                k += 1;
                // A middle initial and its dot (`Daniel K. Morrow`), when the name goes on.
                let initial = raw.chars().count() == 1 && last.is_some_and(|l| l > first);
                if initial
                    && t.get(k).is_some_and(|x| x.is_punct('.') && !x.space_before)
                    && t.get(k + 1).is_some_and(|x| {
                        x.kind == TokenKind::Word
                            && x.space_before
                            && lang::is_capitalised(cx.raw(k + 1))
                    })
                {
                    k += 1;
                }
            } else if t[k].kind == TokenKind::Word
                && lang::NAME_PARTICLES.contains(&raw)
                && last.is_some()
            {
                k += 1;
            } else if t[k].is_punct('-')
                && !t[k].space_before
                && t.get(k + 1).is_some_and(|x| !x.space_before)
                && last == Some(k - 1)
            {
                k += 1; // `Jean-Yves`
            } else {
                break;
            }
        }
        if let Some(last) = last {
            let value = cx.span_text(first, last, 0);
            cx.push(first, last, 0, EntityKind::Person, Some(value), false);
        }
    }
}

/// English and French country and city names ([`lang::latin_places`]), written capitalised.
fn latin_place_rule(cx: &mut Cx) {
    let t = cx.t;
    let mut i = 0;
    while i < t.len() {
        let capital = t[i].kind == TokenKind::Word && lang::is_capitalised(cx.raw(i));
        let found = capital
            .then(|| {
                lang::latin_places().iter().find(|p| {
                    p.tokens
                        .iter()
                        .enumerate()
                        .all(|(k, w)| t.get(i + k).is_some_and(|x| x.fold == *w))
                })
            })
            .flatten();
        if let Some(p) = found {
            let last = i + p.tokens.len() - 1;
            cx.push(i, last, 0, EntityKind::Place, Some(p.name.clone()), false);
            i = last + 1;
        } else {
            i += 1;
        }
    }
}
