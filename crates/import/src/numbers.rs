//! Number words and numeric values: digit strings in three scripts, ordinal and cardinal words,
//! duals, scale words, percent and currency words.
//!
//! Lists follow `shared/notes/arabic-text.md` §6 (ordinals agree in gender and case; duals encode
//! the number 2; scale words follow digits; percent and currency forms counted in SaudiNewsNet).
//! All words here are folded (ة → ه, أ/إ/آ → ا, ى → ي). Values are exact decimals
//! (`rust_decimal`, 28 significant digits), so a 17-digit figure is reported as written.

use rust_decimal::Decimal;

/// Parses a folded digit token (`3.5`, `1,000`, `2,5`, `1.234.567`, `٣٫٥` already mapped to
/// ASCII digits by the tokenizer) into a number.
///
/// Separators: `٫` is a decimal point and `٬` a group separator; `.` is a decimal point unless it
/// separates several groups of three (`1.234.567`); `,` groups thousands when exactly three digits
/// follow it (`1,000`) and is a decimal comma otherwise (`2,5`, Maghrebi usage).
pub(crate) fn parse_digits(s: &str) -> Option<Decimal> {
    let s = s.replace('٬', "").replace('٫', ".");
    let dots = s.matches('.').count();
    let mut norm = String::with_capacity(s.len());
    if dots > 1 {
        // `1.234.567`: every group after the first has three digits; `10.3.2024.1` (a version
        // or a date with a suffix) is no number at all.
        let int = s.split(',').next().unwrap_or_default();
        if !int.split('.').skip(1).all(|g| g.len() == 3) {
            return None;
        }
        norm = s.replace('.', "").replace(',', ".");
    } else {
        let parts: Vec<&str> = s.split(',').collect();
        if parts.len() > 1
            && parts[1..]
                .iter()
                .all(|p| p.len() == 3 || (p.len() > 3 && p[3..].starts_with('.')))
        {
            norm.push_str(&parts.concat());
        } else if parts.len() == 2 {
            norm = format!("{}.{}", parts[0], parts[1]);
        } else {
            norm.push_str(&s);
        }
    }
    norm.parse::<Decimal>().ok()
}

/// Parses a digit token the French way: `,` is the decimal comma (`3,5`) and `.` groups thousands
/// when groups of exactly three digits follow it (`1.234`, `1.234.567`); space-grouped figures
/// (`1 234`) arrive here already joined.
pub(crate) fn parse_digits_fr(s: &str) -> Option<Decimal> {
    let s = s.replace('٬', "").replace('٫', ",");
    let (int, frac) = match s.split_once(',') {
        Some((a, b)) if !b.contains(',') && !b.contains('.') => (a, Some(b)),
        Some(_) => return None,
        None => (s.as_str(), None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let int = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else if groups.len() == 2 {
        // `3.5` in a French article: a decimal point after all.
        return parse_digits(&s);
    } else if groups.len() > 2 {
        return None;
    } else {
        int.to_string()
    };
    match frac {
        Some(f) => format!("{int}.{f}").parse().ok(),
        None => int.parse().ok(),
    }
}

/// True when a French number token can continue a space-grouped figure: exactly three digits,
/// optionally with a decimal comma part (`234`, `300,5`).
pub(crate) fn is_french_group(s: &str) -> bool {
    let int = s.split_once(',').map_or(s, |(a, _)| a);
    int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit())
}

/// Currency signs written before a number (`$5`, `€3`, `£2`).
pub(crate) fn currency_sign(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        _ => return None,
    })
}

/// Singular scale words (`مليار`, `مليون`, `ألف`, `million`) that name one unit of the scale when
/// no number precedes them (`مليار سنتيم`).
pub(crate) fn is_singular_scale(w: &str) -> bool {
    matches!(w, "الف" | "مليون" | "مليار" | "بليون" | "تريليون")
}

/// Formats a value as a plain decimal string: no trailing zeros, no exponent (`9275.20` → `9275.2`).
pub(crate) fn format_value(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Unit ordinals, masculine and feminine (`الثالث`, `الثالثة`), with and without the article
/// (the tens part of a compound comes after `و`: `الثالثة والتسعين`). 1 (`الأول`) is left out on its
/// own: it reads as "first/foremost" (an absolute-claim cue), not as a count.
pub(crate) fn unit_ordinal(w: &str) -> Option<u32> {
    let w = w.strip_prefix("ال").unwrap_or(w);
    Some(match w {
        "اول" | "اولي" | "حادي" | "حاديه" => 1,
        "ثاني" | "ثانيه" => 2,
        "ثالث" | "ثالثه" => 3,
        "رابع" | "رابعه" => 4,
        "خامس" | "خامسه" => 5,
        "سادس" | "سادسه" => 6,
        "سابع" | "سابعه" => 7,
        "ثامن" | "ثامنه" => 8,
        "تاسع" | "تاسعه" => 9,
        "عاشر" | "عاشره" => 10,
        _ => return None,
    })
}

/// Tens, as ordinals and cardinals alike (`التسعين`, `تسعون`, `عشرين`).
pub(crate) fn tens(w: &str) -> Option<u32> {
    let w = w.strip_prefix("ال").unwrap_or(w);
    Some(match w {
        "عشرون" | "عشرين" => 20,
        "ثلاثون" | "ثلاثين" => 30,
        "اربعون" | "اربعين" => 40,
        "خمسون" | "خمسين" => 50,
        "ستون" | "ستين" => 60,
        "سبعون" | "سبعين" => 70,
        "ثمانون" | "ثمانين" => 80,
        "تسعون" | "تسعين" => 90,
        _ => return None,
    })
}

/// Cardinal unit and hundred words (`ثلاثة`, `خمس`, `مائة`, `مئتين`). Short forms that are
/// also common words on their own (`ست` "lady", `عشر` in `عشرات`) are only read inside compounds;
/// `standalone` says whether the word may stand alone.
pub(crate) fn cardinal(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "واحد" | "واحده" => (1, true),
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" => (2, true),
        "ثلاث" | "ثلاثه" => (3, true),
        "اربع" | "اربعه" => (4, true),
        "خمس" | "خمسه" => (5, true),
        "ست" => (6, false),
        "سته" => (6, true),
        "سبع" | "سبعه" => (7, true),
        "ثمان" | "ثماني" | "ثمانيه" => (8, true),
        "تسع" | "تسعه" => (9, true),
        "عشر" => (10, false),
        "عشره" => (10, true),
        "مائه" | "مئه" => (100, true),
        // Hundreds written as one word (`ثلاثمائة`, `خمسمئة`, `تسعمائة`).
        "ثلاثمائه" | "ثلاثمئه" => (300, true),
        "اربعمائه" | "اربعمئه" => (400, true),
        "خمسمائه" | "خمسمئه" => (500, true),
        "ستمائه" | "ستمئه" => (600, true),
        "سبعمائه" | "سبعمئه" => (700, true),
        "ثمانمائه" | "ثمانمئه" | "ثمانيمائه" | "ثمانيمئه" => {
            (800, true)
        }
        "تسعمائه" | "تسعمئه" => (900, true),
        "مائتان" | "مئتان" | "مائتين" | "مئتين" | "مائتي" | "مئتي" => {
            (200, true)
        }
        _ => return None,
    })
}

/// The unit of an MSA teen (`خمسة عشر` = 15, `إحدى عشرة` = 11, `اثنا عشر` = 12): the first word,
/// before `عشر`/`عشرة`.
pub(crate) fn teen_unit(w: &str) -> Option<u32> {
    match w {
        "احد" | "احدي" => Some(1),
        "اثنا" | "اثني" | "اثنتا" | "اثنتي" => Some(2),
        _ => cardinal(w).map(|(u, _)| u).filter(|u| (3..=9).contains(u)),
    }
}

/// Moroccan Darija cardinals (`جوج` 2, `تلاتة` 3, `خمسطاش` 15, `تلاتين` 30, `مية` 100), as in
/// `shared/notes/arabic-text.md` §6 and Moroccan press transcriptions; folded. Several are also
/// other words (`ربعة` "a group", `مية` "water" elsewhere), so the importer reads them only
/// before a counted noun.
pub(crate) fn darija_cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "جوج" | "زوج" => 2,
        "تلاته" | "تلاتا" => 3,
        "ربعه" | "ربعا" => 4,
        "خمسه" => 5,
        "سته" => 6,
        "سبعه" => 7,
        "تمنيه" | "تمنيا" => 8,
        "تسعود" | "تسعه" => 9,
        "عشره" | "عشرا" => 10,
        "حداش" | "احداش" => 11,
        "طناش" | "اطناش" => 12,
        "تلطاش" => 13,
        "ربعطاش" => 14,
        "خمسطاش" => 15,
        "سطاش" => 16,
        "سبعطاش" => 17,
        "تمنطاش" => 18,
        "تسعطاش" => 19,
        "عشرين" => 20,
        "تلاتين" => 30,
        "ربعين" => 40,
        "خمسين" => 50,
        "ستين" => 60,
        "سبعين" => 70,
        "تمانين" | "تمنين" => 80,
        "تسعين" => 90,
        "ميه" | "ميا" | "مايه" => 100,
        "ميتين" => 200,
        _ => return None,
    })
}

/// Scale words in the dual construct form standing alone before a counted noun (`ألفا شخص` =
/// 2,000 people, `مليونا درهم`): after a number the same spelling is the accusative singular
/// (`خمسين ألفا` = 50,000), which [`scale`] reads.
pub(crate) fn dual_construct_scale(w: &str) -> Option<Decimal> {
    match w {
        "الفا" => Some(Decimal::from(2_000_i64)),
        "مليونا" => Some(Decimal::from(2_000_000_i64)),
        "مليارا" => Some(Decimal::from(2_000_000_000_i64)),
        _ => None,
    }
}

/// Scale words that multiply the number before them (`165 مليار`, `3 آلاف`), and their duals
/// standing alone (`ملياري دولار` = 2e9).
pub(crate) fn scale(w: &str) -> Option<(Decimal, bool)> {
    Some(match w {
        "الف" | "الاف" | "الفا" => (Decimal::from(1_000_i64), false),
        "الفين" | "الفان" | "الفي" => (Decimal::from(2_000_i64), true),
        "مليون" | "ملايين" | "مليونا" => (Decimal::from(1_000_000_i64), false),
        "مليونين" | "مليونان" | "مليوني" => {
            (Decimal::from(2_000_000_i64), true)
        }
        "مليار" | "مليارات" | "مليارا" | "بليون" => {
            (Decimal::from(1_000_000_000_i64), false)
        }
        "مليارين" | "ملياران" | "ملياري" => {
            (Decimal::from(2_000_000_000_i64), true)
        }
        "تريليون" | "تريليونات" => (Decimal::from(1_000_000_000_000_i64), false),
        // English and French (the French `milliard` is 1e9; `billion` is read the English way).
        "thousand" | "mille" => (Decimal::from(1_000_i64), false),
        "million" | "millions" => (Decimal::from(1_000_000_i64), false),
        "billion" | "billions" | "milliard" | "milliards" => {
            (Decimal::from(1_000_000_000_i64), false)
        }
        "trillion" | "trillions" => (Decimal::from(1_000_000_000_000_i64), false),
        _ => return None,
    })
}

/// English press abbreviations of scales, written glued to the number (`$3bn`, `£4.5bn`, `€2m`):
/// `(factor, needs a currency sign)`. `m`, `k` and `b` alone also abbreviate units (`5m` is five
/// metres), so they count only after a currency sign.
pub(crate) fn scale_abbreviation(w: &str) -> Option<(Decimal, bool)> {
    Some(match w {
        "bn" => (Decimal::from(1_000_000_000_i64), false),
        "mn" => (Decimal::from(1_000_000_i64), false),
        "tn" => (Decimal::from(1_000_000_000_000_i64), false),
        "b" => (Decimal::from(1_000_000_000_i64), true),
        "m" => (Decimal::from(1_000_000_i64), true),
        "k" => (Decimal::from(1_000_i64), true),
        _ => return None,
    })
}

/// Currency words and the ISO 4217 code and factor of their unit (`سنتيم` is a hundredth of a
/// Moroccan dirham, so `مليار سنتيم` = 10 million MAD). Ambiguous words (`دينار`, `ريال`, `جنيه`)
/// use the code of the most frequent issuer in our corpora.
pub(crate) fn currency(w: &str) -> Option<(&'static str, Decimal)> {
    Some(match w {
        "درهم" | "دراهم" | "درهما" => ("MAD", Decimal::ONE),
        "سنتيم" => ("MAD", Decimal::new(1, 2)),
        "دولار" | "دولارات" | "دولارا" => ("USD", Decimal::ONE),
        "يورو" | "اورو" => ("EUR", Decimal::ONE),
        "ريال" | "ريالا" | "ريالات" => ("SAR", Decimal::ONE),
        "دينار" | "دنانير" | "دينارا" => ("DZD", Decimal::ONE),
        "جنيه" | "جنيها" | "جنيهات" => ("EGP", Decimal::ONE),
        "يوان" => ("CNY", Decimal::ONE),
        "ليره" => ("TRY", Decimal::ONE),
        // English and French.
        "dollar" | "dollars" => ("USD", Decimal::ONE),
        "euro" | "euros" => ("EUR", Decimal::ONE),
        "dirham" | "dirhams" => ("MAD", Decimal::ONE),
        _ => return None,
    })
}

/// Dual nouns (number 2) that are not time units: an explicit list, plus two morphological
/// patterns that only duals fit: the form-II verbal noun تفعيل + ين/ان (`توشيحين`, whose plural is
/// تفعيلات), and a feminine noun + تين/تان with a stem of three letters or more (`زيارتين`).
/// Time-unit duals (`يومين`, `سنتي`) are handled as dates or durations, not here.
pub(crate) fn is_dual(w: &str) -> bool {
    const LIST: &[&str] = &[
        "مرتين",
        "مرتان",
        "ضعفين",
        "ضعفي",
        "دولتين",
        "بلدين",
        "البلدين",
        "شخصين",
        "طرفين",
        "الطرفين",
        "جولتين",
        "نقطتين",
        "هدفين",
    ];
    if LIST.contains(&w) {
        return true;
    }
    let w = w.strip_prefix("ال").unwrap_or(w);
    // Country names in ـستان (كازاخستان، أفغانستان) end like a dual but are not.
    if w.ends_with("ستان") {
        return false;
    }
    // Counted, not collected: this runs for every word of every claim.
    let n = w.chars().count();
    let ends = |s: &str| w.ends_with(s);
    // تَفْعِيل + ين/ان: ت C C ي C + ين
    if n == 7 && w.starts_with('ت') && w.chars().nth(3) == Some('ي') && (ends("ين") || ends("ان"))
    {
        return true;
    }
    (ends("تين") || ends("تان")) && n >= 6 && !ends("يتين")
}

/// Percent words after a number: `%`, `٪` (as punctuation), `في المائة`, `في المئة`, `بالمائة`,
/// `بالمئة`, Darija `فالمية`, `في المية` (folded), and English and French `percent`, `per cent`, `pour cent`. Returns how many
/// tokens the word form takes.
pub(crate) fn percent_words(words: &[&str]) -> Option<usize> {
    match words {
        ["percent" | "pourcent", ..] => Some(1),
        ["per" | "pour", "cent", ..] => Some(2),
        ["في", "المائه" | "المئه", ..] => Some(2),
        ["بالمائه" | "بالمئه", ..] => Some(1),
        // Darija: `30 فالمية`, `بالمية`, `في المية`.
        ["فالمائه" | "فالمئه" | "فالميه" | "بالميه", ..] => Some(1),
        ["في", "الميه", ..] => Some(2),
        _ => None,
    }
}

/// True when one of the number-word tests that gate `entities::quantities::number_words` accepts
/// folded stem `s`: [`unit_ordinal`], [`tens`], [`teen_unit`] (also without `ال`), [`cardinal`],
/// [`darija_cardinal`], [`dual_construct_scale`], [`scale`] or [`is_dual`]. A word none of whose
/// clitic readings passes is no number word, whatever surrounds it (kept with the word's facts,
/// `crate::words`, so the number rules skip most words at once).
pub(crate) fn may_be_number_word(s: &str) -> bool {
    unit_ordinal(s).is_some()
        || tens(s).is_some()
        || teen_unit(s).is_some()
        || s.strip_prefix("ال").and_then(teen_unit).is_some()
        || cardinal(s).is_some()
        || darija_cardinal(s).is_some()
        || dual_construct_scale(s).is_some()
        || scale(s).is_some()
        || is_dual(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_strings() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(parse_digits("3.5"), d("3.5"));
        assert_eq!(parse_digits("2,5"), d("2.5"));
        assert_eq!(parse_digits("1,000"), d("1000"));
        assert_eq!(parse_digits("1.234.567"), d("1234567"));
        assert_eq!(parse_digits("10.3.2024.1"), None);
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("12٫7"), d("12.7"));
        assert_eq!(parse_digits("26٬013"), d("26013"));
        assert_eq!(format_value(Decimal::from(196)), "196");
        assert_eq!(format_value(d("8.30").unwrap()), "8.3");
        assert_eq!(
            format_value(d("12345678901234567").unwrap()),
            "12345678901234567"
        );
        assert_eq!(format_value(Decimal::from(2_000_000_000_i64)), "2000000000");
    }

    #[test]
    fn french_digits() {
        let check = |input: &str, expect: Option<&str>| {
            assert_eq!(
                parse_digits_fr(input),
                expect.and_then(|e| e.parse::<Decimal>().ok()),
                "{input}"
            );
        };
        check("3,5", Some("3.5"));
        check("1234", Some("1234"));
        check("1.234", Some("1234"));
        check("1.234.567,25", Some("1234567.25"));
        check("3.5", Some("3.5"));
        check("1,2,3", None);
        assert!(is_french_group("234") && is_french_group("300,5") && !is_french_group("2018"));
    }

    #[test]
    fn words() {
        assert_eq!(unit_ordinal("الثالثه"), Some(3));
        assert_eq!(tens("التسعين"), Some(90));
        assert!(is_dual("توشيحين"));
        assert!(is_dual("زيارتين"));
        assert!(!is_dual("متورطين"), "sound masculine plural");
        assert!(!is_dual("بوتين"), "a name");
        assert!(
            !is_dual("كازاخستان") && !is_dual("افغانستان"),
            "countries in ـستان"
        );
        assert_eq!(currency("سنتيم"), Some(("MAD", Decimal::new(1, 2))));
    }
}
