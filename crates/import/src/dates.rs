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

#[cfg(test)]
mod tests {
    use super::*;

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
}
