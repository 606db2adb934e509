//! Month names, weekdays and relative-date words, and resolution of relative dates.
//!
//! Month names per region follow `shared/notes/arabic-text.md` §5 (Unicode CLDR via Babel 2.19.0,
//! plus the spelling variants found in SaudiNewsNet and MArSum): Maghrebi (ماي، يوليوز، غشت، شتنبر،
//! نونبر، دجنبر), Algerian/Tunisian (جانفي، فيفري، أفريل، جوان، جويلية، أوت), Egyptian/Gulf
//! (مايو، يوليو، أغسطس، سبتمبر …), Levantine/Iraqi (كانون الثاني، شباط، آذار … تشرين الأول) and
//! Mauritanian (شتمبر، دجمبر). All words are folded.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Gregorian month names (folded, one or two words) and their month number.
pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("كانون الثاني", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("ماي", 5),
    ("مايو", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليوز", 7),
    ("يوليو", 7),
    ("يوليه", 7),
    ("جويليه", 7),
    ("تموز", 7),
    ("غشت", 8),
    ("اغسطس", 8),
    ("اغشت", 8),
    ("اوت", 8),
    ("اب", 8),
    ("شتنبر", 9),
    ("سبتمبر", 9),
    ("شتمبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نونبر", 11),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("دجنبر", 12),
    ("ديسمبر", 12),
    ("دجمبر", 12),
    ("كانون الاول", 12),
];

/// English and French month names (folded: lowercase, accents kept, plus the accentless French
/// spellings `fevrier`, `aout`, `decembre`) and their month number. English names are only months
/// when written with a capital (`May`, not the verb `may`): see [`latin_month_needs_capital`].
pub(crate) const LATIN_MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
];

/// English month names are capitalised in running text; lowercase `may`, `march` are words.
pub(crate) fn latin_month_needs_capital(folded: &str) -> bool {
    LATIN_MONTHS[..12].iter().any(|(n, _)| *n == folded)
}

/// Hijri month names (folded; `shared/notes/arabic-text.md` §5, names as in hijridate 2.6.0, with
/// the nominative and genitive forms `ذو/ذي القعدة`, `ذو/ذي الحجة`, and both names of months 4 and
/// 6). Read as months only between a day and a year (`15 رمضان 1446 هـ`): alone they are common
/// words and names (`رجب`, `شعبان`, `صفر` "zero").
pub(crate) const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الاخر", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الثانيه", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// The Gregorian (ISO 8601) date of a Hijri date in the Umm al-Qura calendar (Saudi Arabia's
/// official calendar, KACST tables, via ICU4X `icu_calendar`). Morocco and other countries fix
/// months by local sighting, so their official date can differ by a day or two; the value is the
/// Umm al-Qura reading. `None` when the day does not exist in that month.
pub(crate) fn hijri_to_iso(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    use icu_calendar::{cal::Hijri, Date, Iso};
    let d = Date::try_new_hijri_with_calendar(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    let iso = d.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// The Gregorian date of a numeric date marked Hijri (`15/8/1445هـ`, `1445-08-15 هـ`): the
/// three digit groups of [`is_numeric_date_shape`], year first or day first (never month first:
/// no English article writes Hijri dates so), through [`hijri_to_iso`]. `None` for another shape
/// or a day the Umm al-Qura month does not have.
pub(crate) fn numeric_hijri_date(groups: [&str; 3]) -> Option<NaiveDate> {
    if !is_numeric_date_shape(groups) {
        return None;
    }
    let [a, b, c] = groups.map(|g| g.parse::<u32>().unwrap_or(0));
    let (y, m, d) = if groups[0].len() == 4 {
        (a, b, c)
    } else {
        (c, b, a)
    };
    hijri_to_iso(i32::try_from(y).ok()?, m, d)
}

/// English press abbreviations of month names (folded: `nov`, `sept`), read only when
/// capitalised and followed by their full stop (`Nov. 17`); `may` has none.
pub(crate) fn latin_month_abbreviation(folded: &str) -> Option<u32> {
    Some(match folded {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// Weekday names (folded).
pub(crate) fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "الاحد" => Weekday::Sun,
        "الاثنين" => Weekday::Mon,
        "الثلاثاء" => Weekday::Tue,
        "الاربعاء" => Weekday::Wed,
        "الخميس" => Weekday::Thu,
        "الجمعه" => Weekday::Fri,
        "السبت" => Weekday::Sat,
        _ => return None,
    })
}

/// Arabic name of a weekday, for diagnostics.
pub(crate) fn weekday_ar(d: Weekday) -> &'static str {
    match d {
        Weekday::Sun => "الأحد",
        Weekday::Mon => "الاثنين",
        Weekday::Tue => "الثلاثاء",
        Weekday::Wed => "الأربعاء",
        Weekday::Thu => "الخميس",
        Weekday::Fri => "الجمعة",
        Weekday::Sat => "السبت",
    }
}

/// Words before a 4-digit number that make it a year (`سنة 2025`, `عام 2025`, `منذ 2014`).
pub(crate) const YEAR_CUES: &[&str] = &[
    "سنه",
    "عام",
    "العام",
    "سنتي",
    "عامي",
    "سنوات",
    "منذ",
    "في",
    "خلال",
    "حتي",
    "قبل",
    "بعد",
    "بين",
    "مطلع",
    "نهايه",
    "اواخر",
    "اوائل",
    "موسم",
    "بدايه",
    "منتصف",
    "ربيع",
    "صيف",
    "خريف",
    "شتاء",
    "حوالي",
    // English and French (`in 2018`, `since 2014`, `en 2020`, `depuis 2011`).
    "in",
    "since",
    "until",
    "during",
    "before",
    "after",
    "from",
    "by",
    "year",
    "en",
    "depuis",
    "année",
    "pendant",
    "durant",
    "avant",
    "après",
    "ici",
    "trimestre",
    "semestre",
];

/// Words after a month name that place it relative to the publication date (`يونيو الجاري`):
/// 0 = the current one, -1 = the previous, +1 = the next. Includes the Darija forms `الفايت`
/// (last) and `الجاي` (next).
pub(crate) fn deictic(w: &str) -> Option<i32> {
    Some(match w {
        "الجاري" | "الحالي" | "الحاليه" | "الجاريه" => 0,
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفائت" | "الفائته" | "الفايت"
        | "الفايته" => -1,
        "المقبل" | "المقبله" | "القادم" | "القادمه" | "الجاي" | "الجايه" => {
            1
        }
        _ => return None,
    })
}

/// A span of time named by a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relative {
    /// A day `n` days from the publication date (`أمس` = -1, `قبل يومين` = -2, `غدا` = +1).
    Days(i64),
    /// The week `n` weeks from the publication date's week (ISO 8601 week).
    Weeks(i64),
    /// The month `n` months from the publication date's month.
    Months(i32),
    /// The year `n` years from the publication date's year.
    Years(i32),
}

/// Resolves a relative expression against the publication date into an ISO 8601 value
/// (`2022-06-15`, `2022-W24`, `2022-06`, `2022`). `None` when the date does not exist.
pub(crate) fn resolve(rel: Relative, published: NaiveDate) -> Option<String> {
    match rel {
        Relative::Days(n) => published
            .checked_add_signed(Duration::days(n))
            .map(|d| d.format("%Y-%m-%d").to_string()),
        Relative::Weeks(n) => published.checked_add_signed(Duration::weeks(n)).map(|d| {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }),
        Relative::Months(n) => {
            let first = published.with_day(1)?;
            let d = if n >= 0 {
                first.checked_add_months(Months::new(n as u32))?
            } else {
                first.checked_sub_months(Months::new(n.unsigned_abs()))?
            };
            Some(d.format("%Y-%m").to_string())
        }
        Relative::Years(n) => Some(format!("{}", published.year() + n)),
    }
}

/// The year of month `m` named with a deictic word (`shift`: see [`deictic`]) in an article
/// published on `p`: `يونيو الماضي` read in January is last year's June, `يناير المقبل` read in
/// June next year's, otherwise the publication year.
pub(crate) fn deictic_year(p: NaiveDate, m: u32, shift: i32) -> i32 {
    match shift {
        -1 if m >= p.month() => p.year() - 1,
        1 if m <= p.month() => p.year() + 1,
        _ => p.year(),
    }
}

/// Characters that separate the day, month and year of a numeric date: `/`, `-` (and the
/// Unicode hyphens and dashes `‐ ‑ – −`), `.`, the ARABIC DATE SEPARATOR `؍` (U+060D), the
/// Arabic decimal separator `٫` (U+066B, which some sites type for `.`), `\` and the fraction
/// slash `⁄`. One date uses one separator throughout.
pub(crate) fn is_date_separator(c: char) -> bool {
    matches!(
        c,
        '/' | '-' | '‐' | '‑' | '–' | '−' | '.' | '\u{060D}' | '٫' | '\\' | '⁄'
    )
}

/// The shape of three digit groups (ASCII digits, as tokens fold them): a numeric date when one
/// end is a four-digit year and the other two groups have one or two digits. `None` for any other
/// shape (`1.000.000`, `1/3/24`: two-digit years are not read as dates, their century and even
/// their being a date are guesses).
pub(crate) fn is_numeric_date_shape(groups: [&str; 3]) -> bool {
    let len = |g: &str| {
        if !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()) {
            g.len()
        } else {
            0
        }
    };
    let short = |g: &str| matches!(len(g), 1 | 2);
    (len(groups[0]) == 4 && short(groups[1]) && short(groups[2]))
        || (short(groups[0]) && short(groups[1]) && len(groups[2]) == 4)
}

/// The calendar date of a numeric date's three digit groups (see [`is_numeric_date_shape`]):
/// `YYYY-MM-DD` when the year comes first (ISO 8601, any separator); otherwise day first
/// (`D/M/YYYY`, as Arabic and French news write dates), except that `month_first` (an English
/// article) reads `M/D/YYYY`, the US order, and falls back to day first when the first group
/// cannot be a month (`25/12/2024`). `None` when the shape is wrong, the year is outside
/// 1000–2100, or no such day exists (`31/02/2024`).
pub(crate) fn numeric_date(groups: [&str; 3], month_first: bool) -> Option<NaiveDate> {
    if !is_numeric_date_shape(groups) {
        return None;
    }
    let [a, b, c] = groups.map(|g| g.parse::<u32>().unwrap_or(0));
    let ymd = |y: u32, m: u32, d: u32| {
        (1000..=2100)
            .contains(&y)
            .then(|| NaiveDate::from_ymd_opt(y as i32, m, d))
            .flatten()
    };
    if groups[0].len() == 4 {
        return ymd(a, b, c);
    }
    if month_first {
        ymd(c, a, b).or_else(|| (a > 12).then(|| ymd(c, b, a)).flatten())
    } else {
        ymd(c, b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `latin_month_at` skips words that do not start with an ASCII lower-case letter: every
    /// Latin month name and abbreviation must start with one.
    #[test]
    fn latin_month_names_start_with_an_ascii_letter() {
        for (name, _) in LATIN_MONTHS {
            assert!(name.starts_with(|c: char| c.is_ascii_lowercase()), "{name}");
        }
        for abbr in [
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ] {
            assert!(latin_month_abbreviation(abbr).is_some(), "{abbr}");
        }
        assert_eq!(latin_month_abbreviation("يناير"), None);
    }

    #[test]
    fn resolves_relative_expressions() {
        let p = NaiveDate::from_ymd_opt(2022, 6, 21).unwrap();
        assert_eq!(resolve(Relative::Days(-2), p).unwrap(), "2022-06-19");
        assert_eq!(resolve(Relative::Months(-1), p).unwrap(), "2022-05");
        assert_eq!(resolve(Relative::Months(7), p).unwrap(), "2023-01");
        assert_eq!(resolve(Relative::Years(1), p).unwrap(), "2023");
        assert_eq!(resolve(Relative::Weeks(-1), p).unwrap(), "2022-W24");
    }

    #[test]
    fn umm_al_qura() {
        // shared/notes/arabic-text.md §5: 2025-06-13 is 1446-12-17.
        let check = |(y, m, d): (i32, u32, u32), expect: Option<&str>| {
            assert_eq!(
                hijri_to_iso(y, m, d).map(|x| x.to_string()).as_deref(),
                expect,
                "{y}-{m}-{d}"
            );
        };
        check((1446, 12, 17), Some("2025-06-13"));
        check((1446, 9, 1), Some("2025-03-01"));
        check((1446, 13, 1), None);
        check((1446, 9, 31), None);
    }

    #[test]
    fn numeric_dates_day_first_iso_and_english_month_first() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(numeric_date(["1", "3", "2024"], false), d(2024, 3, 1));
        assert_eq!(numeric_date(["01", "03", "2024"], false), d(2024, 3, 1));
        assert_eq!(numeric_date(["2024", "03", "01"], false), d(2024, 3, 1));
        assert_eq!(numeric_date(["2024", "03", "01"], true), d(2024, 3, 1));
        assert_eq!(numeric_date(["3", "1", "2024"], true), d(2024, 3, 1));
        assert_eq!(numeric_date(["25", "12", "2024"], true), d(2024, 12, 25));
        assert_eq!(numeric_date(["12", "25", "2024"], false), None);
        assert_eq!(numeric_date(["31", "02", "2024"], false), None);
        assert_eq!(numeric_date(["29", "2", "2024"], false), d(2024, 2, 29));
        assert_eq!(numeric_date(["29", "2", "2023"], false), None);
        assert_eq!(numeric_date(["1", "3", "24"], false), None);
        assert_eq!(numeric_date(["1", "000", "000"], false), None);
        assert_eq!(numeric_date(["1", "3", "3024"], false), None);
        assert!(!is_numeric_date_shape(["123", "1", "2024"]));
        // Hijri: 15 Ramadan 1445 is 2024-03-25 (Umm al-Qura), day first or year first.
        assert_eq!(numeric_hijri_date(["15", "9", "1445"]), d(2024, 3, 25));
        assert_eq!(numeric_hijri_date(["1445", "09", "15"]), d(2024, 3, 25));
        assert_eq!(numeric_hijri_date(["31", "9", "1445"]), None);
    }
}
