//! Place rules beyond the gazetteer: continents named by adjective, settlement heads
//! (`مدينة X`), and English and French place names.

use super::*;

/// `القارة الإفريقية`, `القارة الأوروبية`, `القارة السمراء`: a continent named by its adjective.
pub(super) fn continent_rule(cx: &mut Cx) {
    for i in 0..cx.t.len() {
        let Some(readings) = cx.readings(i) else {
            continue;
        };
        let Some((prefix, _, restored)) = readings.iter().find(|(_, s, _)| *s == "القاره")
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
pub(super) const SETTLEMENT_HEADS: &[&str] = &[
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
pub(super) const DIRECTIONS: &[&str] = &["شمال", "جنوب", "شرق", "غرب", "وسط"];

/// `SETTLEMENT-HEAD NAME`: the name after an indefinite settlement noun is a place — definite
/// (`مدينة الجيزة`), or indefinite if it does not end in `ة` (`مدينة أكادير`; `مدينة كبيرة` is an
/// adjective), and two words after a direction (`محافظة شمال سيناء`). Finds the places no
/// gazetteer lists.
pub(super) fn settlement_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for i in 0..t.len() {
        let Some(readings) = cx.readings(i) else {
            continue;
        };
        if !readings
            .iter()
            .any(|(_, s, _)| SETTLEMENT_HEADS.contains(&s))
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

/// English and French country and city names ([`lang::latin_places`]), written capitalised.
pub(super) fn latin_place_rule(cx: &mut Cx) {
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
