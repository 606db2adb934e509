//! Quantity rules: digit numbers (three scripts, French grouping), scales, percentages, money,
//! ordinals, cardinal and Darija number words, duals; identifiers (phone and law numbers) excluded.
//! Word lists live in `crate::numbers`.

use super::*;

/// Words after which a whole number is a label, not a quantity: a phone or hotline number
/// (`الاتصال على الرقم (992)`), a resolution or law number (`القرار رقم 2231`). Folded, clitics
/// allowed (`برقم`, `بالرقم`). `رقم` is also "figure" (`بلغ الرقم 2.5 مليار`): a decimal or a
/// number with a scale, currency or percent after it stays a quantity.
pub(super) const NUMBER_LABELS: &[&str] =
    &["رقم", "الرقم", "هاتف", "الهاتف", "number", "numéro", "no"];

/// True when the number at `i` is an identifier rather than a quantity: part of an e-mail
/// address or handle (`992@gdp.gov.sa`), written with a leading zero and no unit after it
/// (`080100`, `0537`; `0051 مليون` is a quantity), one
/// group of a hyphenated phone number (`0537-68-12-34`), glued to capital letters (`TV5`,
/// `G20`, `COP28`), or a whole number after a label of [`NUMBER_LABELS`].
pub(super) fn is_identifier(cx: &Cx, i: usize) -> bool {
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
    // A counted noun after it too: `0012 حالة وفاة` is 12 cases (not after a label, below).
    let counted = t[i].fold.len() <= 6 && counted_noun(cx, i + 1);
    if t[i].fold.len() >= 3 && t[i].fold.starts_with('0') && whole && !measured && !counted {
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
                .any(|(_, s, _)| NUMBER_LABELS.contains(&s))
        })
}

pub(super) fn numbers_rule(cx: &mut Cx, ctx: &ArticleContext) {
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
            // Thousands grouped by one space, no-break space or thin space (French and Maghrebi
            // usage, in every language): `1 234 567`, `36 800 000`, `12 300,5`.
            let mut digits = tok.fold.clone();
            let mut last = i;
            if tok.fold.len() <= 3 && tok.fold.bytes().all(|b| b.is_ascii_digit()) {
                while let Some(next) = t
                    .get(last + 1)
                    .filter(|x| x.kind == TokenKind::Number && group_space(cx, last + 1))
                    .filter(|x| {
                        numbers::is_french_group(&x.fold)
                            && (french || x.fold.bytes().all(|b| b.is_ascii_digit()))
                    })
                {
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
                i = push_value(cx, i, last + 1, EntityKind::Percentage, v);
                continue;
            }
            let next_words: Vec<&str> = (last + 1..(last + 3).min(n))
                .map_while(|k| cx.word(k))
                .collect();
            if let Some(used) = numbers::percent_words(&next_words) {
                i = push_value(cx, i, last + used, EntityKind::Percentage, v);
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
                        .iter()
                        .find_map(|(_, s, _)| numbers::currency(s))
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
                i = push_value(cx, i, last + 1, EntityKind::Ordinal, v);
                continue;
            }
            i = push_value(cx, i, last, EntityKind::Number, v);
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

/// True when token `k` is separated from the one before it by exactly one space, no-break space,
/// narrow no-break space or thin space: the only gaps that group thousands (`1 000 000`).
fn group_space(cx: &Cx, k: usize) -> bool {
    k > 0
        && matches!(
            &cx.text[cx.t[k - 1].end..cx.t[k].start],
            " " | "\u{A0}" | "\u{202F}" | "\u{2009}"
        )
}

/// Tens joined by `و` at token `k` (`والتسعين` = 90), the second half of a compound number.
pub(super) fn waw_tens(cx: &Cx, k: usize) -> Option<u32> {
    cx.word(k)
        .and_then(|x| x.strip_prefix('و'))
        .and_then(numbers::tens)
}

/// Suffixes that make a digit number an ordinal in English (`1st`, `93rd`) and French (`1er`,
/// `1re`, `3e`, `2ème`), folded.
pub(super) const LATIN_ORDINAL_SUFFIXES: &[&str] =
    &["st", "nd", "rd", "th", "er", "re", "e", "eme", "ème", "è"];

/// Ordinals (`الثالثة والتسعين`), cardinals (`ثلاثة`), scale duals (`ملياري دولار`) and dual
/// nouns (`توشيحين`) at token `i`.
pub(super) fn number_words(cx: &mut Cx, i: usize) -> Option<usize> {
    // From `t`, not `cx`: the word must outlive the pushes below (no copy of it).
    let t = cx.t;
    let w = t
        .get(i)
        .filter(|x| x.kind == TokenKind::Word)
        .map(|x| x.fold.as_str())?;
    // Every rule below starts from a number-word test on one of the word's readings: a word
    // that passes none of them (most words) is skipped at once.
    if !t[i].facts().number_word {
        return None;
    }
    let readings = t[i].readings();
    // Ordinal: UNIT [و TENS] | UNIT عشر(ة) | TENS
    for (prefix, stem, _) in &readings {
        if let Some(u) = numbers::unit_ordinal(stem).filter(|_| stem.starts_with("ال")) {
            // A regnal ordinal after a given name is part of the name, not a number:
            // `محمد السادس`, `الحسن الثاني`, `عبد الله الثاني`.
            if prefix == 0 && i > 0 && is_given_name(cx, i - 1) {
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
                return word_number(
                    cx,
                    i,
                    i + 1,
                    prefix,
                    EntityKind::Ordinal,
                    Some((u + tn).to_string()),
                );
            }
            if matches!(cx.word(i + 1), Some("عشر" | "عشره")) {
                return word_number(
                    cx,
                    i,
                    i + 1,
                    prefix,
                    EntityKind::Ordinal,
                    Some((10 + u).to_string()),
                );
            }
            if u >= 2 {
                return word_number(cx, i, i, prefix, EntityKind::Ordinal, Some(u.to_string()));
            }
        }
        if let Some(tn) = numbers::tens(stem).filter(|_| stem.starts_with("ال")) {
            return word_number(cx, i, i, prefix, EntityKind::Ordinal, Some(tn.to_string()));
        }
    }
    // Teens: UNIT عشر(ة) (`خمسة عشر`, `إحدى عشرة`): one number, not a 5 and a stray `عشر`.
    // The article may come before the unit (`الخمسة عشر`), not before `احد` (`الأحد` is Sunday).
    for (prefix, stem, _) in &readings {
        let unit = numbers::teen_unit(stem).or_else(|| {
            stem.strip_prefix("ال")
                .and_then(numbers::teen_unit)
                .filter(|&u| u >= 3)
        });
        if let Some(u) = unit {
            if matches!(cx.word(i + 1), Some("عشر" | "عشره")) {
                return cardinal_tail(cx, i, i + 1, prefix, (10 + u).into());
            }
        }
    }
    // Before a counted noun: the short MSA forms (`عشر سنوات`, `ست نساء`) and Darija cardinals
    // (`جوج د الناس`, `خمسطاش عام`, `تلاتين درهم`).
    for (prefix, stem, _) in &readings {
        let short = numbers::cardinal(stem).and_then(|(u, standalone)| (!standalone).then_some(u));
        if let Some(v) = short.or_else(|| numbers::darija_cardinal(stem)) {
            let scaled = cx.word(i + 1).and_then(numbers::scale).is_some();
            if counted_noun(cx, i + 1) || scaled || currency_at(cx, i + 1).is_some() {
                return cardinal_tail(cx, i, i, prefix, v.into());
            }
            // Darija counts people with `واحد` as the noun: `سطاش واحد` = 16 people.
            if v >= 2 && cx.word(i + 1) == Some("واحد") {
                return word_number(
                    cx,
                    i,
                    i + 1,
                    prefix,
                    EntityKind::Number,
                    Some(v.to_string()),
                );
            }
        }
        // `ألفا شخص`: the dual construct of a scale, with no number before it.
        let after_number = i > 0
            && (cx.t[i - 1].kind == TokenKind::Number
                || cx
                    .word(i - 1)
                    .is_some_and(|w| numbers::tens(w).is_some() || numbers::cardinal(w).is_some()));
        if let Some(v) = numbers::dual_construct_scale(stem).filter(|_| !after_number) {
            if counted_noun(cx, i + 1) || currency_at(cx, i + 1).is_some() {
                return cardinal_tail(cx, i, i, prefix, v);
            }
        }
    }
    // Cardinal words: UNIT [و TENS], TENS, hundreds.
    for (prefix, stem, _) in &readings {
        if let Some((u, standalone)) = numbers::cardinal(stem) {
            if let Some(tn) = waw_tens(cx, i + 1) {
                return cardinal_tail(cx, i, i + 1, prefix, (u + tn).into());
            }
            if standalone {
                return cardinal_tail(cx, i, i, prefix, u.into());
            }
        }
        if let Some(tn) = numbers::tens(stem).filter(|_| !stem.starts_with("ال")) {
            return cardinal_tail(cx, i, i, prefix, tn.into());
        }
        // A scale word with a currency and no number: the dual form, or a singular one
        // (`مليار سنتيم` = one billion centimes = 10 million dirhams).
        if let Some((v, dual)) =
            numbers::scale(stem).filter(|&(_, dual)| dual || numbers::is_singular_scale(stem))
        {
            if let Some((code, factor)) = cx.word(i + 1).and_then(numbers::currency) {
                return word_number(
                    cx,
                    i,
                    i + 1,
                    prefix,
                    EntityKind::Money,
                    Some(format!("{} {code}", numbers::format_value(v * factor))),
                );
            }
            // A dual scale word alone is its number (`مليونان` = 2,000,000); a singular one
            // alone is left to the rules below.
            if dual {
                return word_number(
                    cx,
                    i,
                    i,
                    prefix,
                    EntityKind::Number,
                    Some(numbers::format_value(v)),
                );
            }
        }
    }
    if readings.iter().any(|(_, s, _)| numbers::is_dual(s)) && !lexicon().first_names.contains(w) {
        let prefix = readings
            .iter()
            .find(|(_, s, _)| numbers::is_dual(s))
            .map_or(0, |r| r.0);
        // Only the dual itself is the number: `توشيحين` = 2.
        cx.push(
            i,
            i,
            if prefix > 0
                && !readings
                    .iter()
                    .nth(prefix)
                    .is_some_and(|r| r.1.starts_with("ال"))
            {
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

/// The currency word at token `k` (`درهم`, `دولار`): `(ISO 4217 code, factor of its unit)`.
fn currency_at(cx: &Cx, k: usize) -> Option<(&'static str, rust_decimal::Decimal)> {
    cx.word(k).and_then(numbers::currency)
}

/// Pushes a cardinal written in words, `first..=last` worth `value`, with the scale word after it
/// multiplying it (`خمسة عشر مليون` = 15,000,000, `ثلاثمائة ألف`) and a currency after that making
/// it money (`خمسة ملايين درهم` = 5,000,000 MAD); returns the tokens taken.
fn cardinal_tail(
    cx: &mut Cx,
    first: usize,
    mut last: usize,
    prefix: usize,
    mut value: rust_decimal::Decimal,
) -> Option<usize> {
    if let Some((s, false)) = cx.word(last + 1).and_then(numbers::scale) {
        value *= s;
        last += 1;
    }
    if let Some((code, factor)) = currency_at(cx, last + 1) {
        let money = format!("{} {code}", numbers::format_value(value * factor));
        return word_number(cx, first, last + 1, prefix, EntityKind::Money, Some(money));
    }
    let number = numbers::format_value(value);
    word_number(cx, first, last, prefix, EntityKind::Number, Some(number))
}

/// Pushes the number words `first..=last` (after `prefix` clitic letters) as one entity and
/// returns the tokens they take, as [`number_words`] answers.
fn word_number(
    cx: &mut Cx,
    first: usize,
    last: usize,
    prefix: usize,
    kind: EntityKind,
    value: Option<String>,
) -> Option<usize> {
    cx.push(first, last, prefix, kind, value, false);
    Some(last - first + 1)
}

/// True when token `k` can be the noun a number word counts: an indefinite word that is no
/// stopword and no number word (`سنوات`, `شخصا`, `درهم`), or Darija `د`/`ديال` before a noun
/// (`جوج د الناس`).
pub(super) fn counted_noun(cx: &Cx, k: usize) -> bool {
    let Some(w) = cx.word(k).filter(|_| cx.t[k].space_before) else {
        return false;
    };
    if matches!(w, "د" | "ديال") {
        return cx.word(k + 1).is_some();
    }
    // Not definite, also behind one clitic (`للاستفسار`, `بالرقم`; `وكالات` is no `و` + `ك` +
    // `الات`), and no number word behind any clitic (`وعشرين`).
    let readings = clitic_readings(w);
    let definite = readings
        .iter()
        .any(|(p, s, _)| p <= 1 && s.starts_with("ال"));
    let numeric = readings.iter().any(|(_, s, _)| {
        numbers::cardinal(s).is_some()
            || numbers::tens(s).is_some()
            || numbers::darija_cardinal(s).is_some()
            || numbers::scale(s).is_some()
    });
    !definite && !numeric && w.chars().count() >= 2 && !lexicon().stopwords.contains(w)
}

/// Pushes a number-valued entity of `kind` over tokens `first..=last` (value `v` formatted by
/// [`numbers::format_value`]) and returns the index of the token after it.
fn push_value(
    cx: &mut Cx,
    first: usize,
    last: usize,
    kind: EntityKind,
    v: rust_decimal::Decimal,
) -> usize {
    cx.push(first, last, 0, kind, Some(numbers::format_value(v)), false);
    last + 1
}
