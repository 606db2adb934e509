//! Date rules: absolute dates with month names (Gregorian in every regional spelling, Hijri,
//! English and French), numeric dates (`1/3/2024`, `2024-03-01`), year cues and relative dates.
//! Month and weekday lists and calendar conversion live in `crate::dates`.

use super::*;

/// An English or French month name at token `i` (English ones capitalised), or an English press
/// abbreviation, capitalised and followed by its full stop (`Nov.`, `Sept.`): `(month, tokens
/// used)`.
pub(super) fn latin_month_at(text: &str, t: &[Token], i: usize) -> Option<(u32, usize)> {
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    // Every Latin month name and abbreviation starts with an ASCII letter (folded to lower
    // case): an Arabic word, most of the text, is none of them (tested in `dates.rs`).
    if !tok.fold.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let capital = text[tok.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if let Some(&(_, m)) = LATIN_MONTHS.iter().find(|(n, _)| *n == tok.fold) {
        return (capital || !dates::latin_month_needs_capital(&tok.fold)).then_some((m, 1));
    }
    let m = dates::latin_month_abbreviation(&tok.fold).filter(|_| capital)?;
    let stop = t
        .get(i + 1)
        .is_some_and(|x| x.is_punct('.') && !x.space_before);
    stop.then_some((m, 2))
}

/// URL-like parts of a claim, per token: a run of tokens without spaces between them that holds
/// `://` or starts with `www.`. Their digits (`/2024/03/01/`) are no dates.
pub(super) fn url_tokens(text: &str, t: &[Token]) -> Vec<bool> {
    let mut out = vec![false; t.len()];
    let mut start = 0;
    while start < t.len() {
        let mut end = start;
        while t.get(end + 1).is_some_and(|x| !x.space_before) {
            end += 1;
        }
        let run = &text[t[start].start..t[end].end];
        // Compared in place: lower-casing a copy of every run allocated once per word.
        let www = run
            .as_bytes()
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"www."));
        if run.contains("://") || www {
            out[start..=end].fill(true);
        }
        start = end + 1;
    }
    out
}

/// A before-Christ era mark at token `k` (`ق.م`, `ق. م`, `ق م`, `قبل الميلاد`, `BC`, `B.C.`,
/// `BCE`): the tokens it takes.
pub(super) fn bc_mark_at(cx: &Cx, k: usize) -> Option<usize> {
    let dot = |j: usize| cx.t.get(j).is_some_and(|x| x.is_punct('.'));
    match cx.word(k)? {
        "ق" => {
            let d = usize::from(dot(k + 1));
            (cx.word(k + 1 + d) == Some("م")).then_some(2 + d)
        }
        "قبل" => (cx.word(k + 1) == Some("الميلاد")).then_some(2),
        "bc" | "bce" => Some(1),
        "b" if dot(k + 1) && cx.word(k + 2) == Some("c") => Some(3),
        _ => None,
    }
}

/// A Hijri era mark at token `k` (`هـ`, `هجرية`, `للهجرة`).
pub(super) fn is_hijri_mark(cx: &Cx, k: usize) -> bool {
    matches!(cx.word(k), Some("هـ" | "ه" | "هجريه" | "للهجره"))
}

/// A Hijri month name at token `i` (one or two words; a clitic may precede it):
/// `(month, tokens used)`.
pub(super) fn hijri_month_at(t: &[Token], i: usize) -> Option<(u32, usize)> {
    static INDEX: LazyLock<PhraseIndex<u32>> =
        LazyLock::new(|| PhraseIndex::new(HIJRI_MONTHS.iter().copied()));
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    for (_, stem, _) in &tok.readings() {
        for (rest, m) in INDEX.starting_with(stem) {
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
pub(super) static MONTH_INDEX: LazyLock<PhraseIndex<u32>> =
    LazyLock::new(|| PhraseIndex::new(MONTHS.iter().copied()));

/// Month name at token `i` (a clitic may precede it): `(month, tokens used)`.
pub(super) fn month_at(text: &str, t: &[Token], i: usize) -> Option<(u32, usize)> {
    if let Some(found) = latin_month_at(text, t, i) {
        return Some(found);
    }
    let tok = t.get(i).filter(|t| t.kind == TokenKind::Word)?;
    for (_, stem, _) in &tok.readings() {
        for (rest, m) in MONTH_INDEX.starting_with(stem) {
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
pub(super) fn paired_month(t: &[Token], j: usize, m: u32) -> usize {
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
pub(super) fn month_name_only(t: &[Token], i: usize) -> Option<(u32, usize)> {
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
pub(super) fn numeric_date_at(t: &[Token], i: usize) -> Option<(usize, [&str; 3])> {
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
    (dates::is_numeric_date_shape(groups) && !longer)
        .then(|| (iso_time_end(t, i + 4, groups), groups))
}

/// The last token of an ISO 8601 time glued to the year-first date ending at `last`
/// (`2024-03-01T10:00:00Z`, `…T10:00+01:00`, `…T10:00:00.5`), or `last` when there is none: the
/// time belongs to the one date entity, never to numbers.
fn iso_time_end(t: &[Token], last: usize, groups: [&str; 3]) -> usize {
    let glued = |k: usize| t.get(k).filter(|x| !x.space_before);
    let starts = groups[0].len() == 4
        && glued(last + 1).is_some_and(|x| x.kind == TokenKind::Word && x.fold == "t")
        && glued(last + 2).is_some_and(|x| x.kind == TokenKind::Number);
    if !starts {
        return last;
    }
    let mut end = last + 2;
    while let Some(x) = glued(end + 1) {
        let part = match x.kind {
            TokenKind::Number => true,
            TokenKind::Punct => [':', '+', '-', '.'].iter().any(|&c| x.is_punct(c)),
            TokenKind::Word => x.fold == "z",
        };
        if !part {
            break;
        }
        end += 1;
    }
    // A trailing full stop ends the sentence, not the time.
    while t[end].kind == TokenKind::Punct {
        end -= 1;
    }
    end
}

/// An Arabic or Latin comma at token `k`: the optional comma of `17 نونبر، 2016`.
pub(super) fn is_comma(t: &[Token], k: usize) -> bool {
    t.get(k).is_some_and(|x| x.is_punct('،') || x.is_punct(','))
}

pub(super) fn dates_rule(cx: &mut Cx, ctx: &ArticleContext, diags: &mut Vec<Diagnostic>) {
    let t = cx.t;
    let n = t.len();
    let mut i = 0;
    while i < n {
        // Numeric dates: one date, never three numbers; an impossible day is neither.
        if cx.url[i] {
            i += 1;
            continue;
        }
        // A numeric date marked Hijri (`15/8/1445هـ`): Umm al-Qura, as a written Hijri date.
        if let Some((last, groups)) =
            numeric_date_at(t, i).filter(|&(l, _)| is_hijri_mark(cx, l + 1))
        {
            let value = dates::numeric_hijri_date(groups).map(|d| d.to_string());
            if value.is_none() {
                diags.push(Diagnostic {
                    span: Some(Span::new(t[i].start, t[last + 1].end)),
                    message: format!(
                        "'{}' is written like a Hijri date but is not a valid one (read day first, or year first, in the Umm al-Qura calendar); it was read as neither a date nor numbers",
                        cx.span_text(i, last + 1, 0),
                    ),
                });
            }
            cx.push(i, last + 1, 0, EntityKind::Date, value, false);
            i = last + 2;
            continue;
        }
        // A year before Christ (`1200 ق.م`, `332 BC`): a date with no value (no ISO form here).
        if let Some(used) = int(&t[i])
            .filter(|y| (1..=9999).contains(y))
            .and_then(|_| bc_mark_at(cx, i + 1))
        {
            cx.push(i, i + used, 0, EntityKind::Date, None, false);
            i += used + 1;
            continue;
        }
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
            // A comma after the day (`17، نونبر 2016`), or Maghrebi `من` (`17 من نونبر`), when a
            // month follows it.
            let between = is_comma(t, j) || cx.word(j) == Some("من");
            if between && month_at(cx.text, t, j + 1).is_some() {
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
            // MONTH [،] YEAR (`نونبر، 2016`, `November, 2016`).
            let comma = usize::from(is_comma(t, after));
            if let Some(y) = t.get(after + comma).and_then(is_year) {
                let last = after + comma;
                let value = Some(format!("{y}-{m:02}"));
                cx.push(i, last, 0, EntityKind::Date, value, false);
                i = last + 1;
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
            // Asked only when a year follows (most words are not followed by one).
            let cue = || {
                clitic_readings(w)
                    .iter()
                    .any(|(_, s, _)| YEAR_CUES.contains(&s))
            };
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
            // `في 2024-03-01`: the numeric date is read at its own token, not as a year.
            let first_year = first_year.filter(|&y| numeric_date_at(t, y).is_none());
            if let Some(first_year) = first_year.filter(|_| cue()) {
                let mut j = first_year;
                loop {
                    let y = is_year(&t[j]).unwrap_or_default();
                    if let Some(used) = bc_mark_at(cx, j + 1) {
                        // `سنة 1200 ق.م`: before Christ, a date with no value (as above).
                        cx.push(j, j + used, 0, EntityKind::Date, None, false);
                        j += used;
                        break;
                    }
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
pub(super) fn weekday_after(cx: &Cx, k: usize) -> Option<(chrono::Weekday, usize)> {
    if let Some(wd) = cx.word(k).and_then(dates::weekday) {
        return Some((wd, k));
    }
    let open = cx.t.get(k).is_some_and(|x| x.is_punct('('));
    let wd = cx.word(k + 1).and_then(dates::weekday)?;
    let close = cx.t.get(k + 2).is_some_and(|x| x.is_punct(')'));
    (open && close).then_some((wd, k + 2))
}

/// Relative expressions starting at token `i`; returns tokens used.
pub(super) fn relative_rule(
    cx: &mut Cx,
    i: usize,
    ctx: &ArticleContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    // From `t`, not `cx`: the words must outlive the pushes below (no copies: this runs at
    // every word).
    let t = cx.t;
    let word = |k: usize| {
        t.get(k)
            .filter(|x| x.kind == TokenKind::Word)
            .map(|x| x.fold.as_str())
    };
    // The readings of the word at `i` (none for a number or punctuation).
    word(i)?;
    let w1 = word(i + 1);
    let readings0 = t[i].readings();
    let stem0 = readings0
        .iter()
        .map(|(_, s, _)| s)
        .collect::<smallvec::SmallVec<[_; 5]>>();
    let has = |s: &str| stem0.contains(&s);
    let (rel, used, weekday_at) = if has("قبل") {
        let (days, used) = match (w1, cx.t.get(i + 1).and_then(int), cx.word(i + 2)) {
            (Some("يومين"), _, _) => (2, 2),
            (Some("يوم"), _, _) => (1, 2),
            (Some("اسبوع"), _, _) => (7, 2),
            (Some("اسبوعين"), _, _) => (14, 2),
            (_, Some(k), Some("ايام" | "يوما")) => (k, 3),
            _ => return None,
        };
        (Relative::Days(-days), used, None)
    } else if has("اول") && w1 == Some("امس") {
        (Relative::Days(-2), 2, Some(i + 2))
    } else if has("امس") {
        (Relative::Days(-1), 1, Some(i + 1))
    } else if has("غدا") {
        (Relative::Days(1), 1, Some(i + 1))
    } else if has("اليوم") && weekday_after(cx, i + 1).is_some() {
        (Relative::Days(0), 1, Some(i + 1))
    } else if ["هذا", "هذه", "هاد", "هادي", "هاذ"].iter().any(|d| has(d))
        && matches!(w1, Some("العام" | "السنه" | "الشهر" | "الاسبوع"))
    {
        // `هذا العام`, Darija `هاد العام`: the current year (month, week).
        let rel = match w1 {
            Some("الاسبوع") => Relative::Weeks(0),
            Some("الشهر") => Relative::Months(0),
            _ => Relative::Years(0),
        };
        (rel, 2, None)
    } else if let Some(shift) = w1.and_then(dates::deictic) {
        let rel = match stem0
            .iter()
            .find(|s| matches!(**s, "الاسبوع" | "الشهر" | "العام" | "السنه"))
            .copied()?
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
    let prefix = readings0
        .iter()
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
            .contains(s)
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
