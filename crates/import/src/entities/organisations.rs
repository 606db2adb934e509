//! Organisation rules beyond the gazetteer: head nouns and their complement (`وزارة الصحة`),
//! and Latin acronyms (`FBI`).

use super::*;

/// Definite participles that relate an organisation to another (`الناطقة بلسان`, `التابعة ل`,
/// `المكلفة ب`): never part of its name. Folded. Hand-compiled.
pub(super) const RELATIONAL_PARTICIPLES: &[&str] = &[
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
pub(super) fn org_head_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for i in 0..t.len() {
        let Some(readings) = cx.readings(i) else {
            continue;
        };
        let Some((prefix, head, restored)) =
            readings.iter().find(|(_, s, _)| lex.org_heads.contains(*s))
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
pub(super) const NAME_ADJECTIVES: &[&str] = &[
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
/// (`الإيطالية`, `الدولي`, `الوطنية`: ending in `ي` or `ية`), an elative of the pattern أفعل
/// (`الأوسط` of `وكالة أنباء الشرق الأوسط`, `الأحمر`, `الأعلى`) or one of [`NAME_ADJECTIVES`].
pub(super) fn is_name_adjective(x: &str) -> bool {
    let bare = x.strip_prefix("ال").unwrap_or(x);
    let letters = bare.chars().count();
    NAME_ADJECTIVES.contains(&x)
        || (letters >= 3 && (bare.ends_with('ي') || bare.ends_with("يه")))
        || (letters == 4 && bare.starts_with('ا') && !bare.ends_with('ه'))
}

/// The mention as a name: clitics cut off, and `لل…` given back its article (`للمنظمة` → `المنظمة`).
pub(super) fn name_value(
    cx: &Cx,
    first: usize,
    last: usize,
    prefix: usize,
    restored: bool,
) -> String {
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
pub(super) const NOT_ORGANISATIONS: &[&str] = &[
    "OK", "TV", "AM", "PM", "GMT", "UTC", "CEO", "GDP", "PIB", "VAT", "TVA", "PDF", "URL", "USB",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "KM", "KG", "MW", "GW",
    "LGBT", "DNA", "ADN", "AI", "IA", "PS", "NB", "FAQ", "ID",
];

/// Latin acronyms of two to six capitals (`FBI`, `NATO`) are organisations.
pub(super) fn acronym_rule(cx: &mut Cx) {
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
