//! Quantity and date classes found by a review of issue 12's fixes with other inputs: thousands
//! grouped by spaces, number words with scales and currencies, leading zeros before counted
//! nouns, Darija `X واحد` counts, Hijri numeric dates, years before Christ, URLs, ISO date-times,
//! dotted digit chains, a comma between month and year, and tatweel in values. Each class is
//! checked on the review's inputs (regressions) and on inputs of our own, end to end through
//! `claimtrack_import::import`.

mod common;

use claimtrack_import::{import, ImportOptions};
use claimtrack_model::EntityKind::{self, Date, Money, Number, Person};

/// Every entity of the article as `(kind, text, value)`.
fn entities(text: &str) -> Vec<(EntityKind, String, Option<String>)> {
    common::entities_published(text, "2025-03-10")
}

/// `input` holds an entity of `kind` with exactly `text` and `value`.
fn check(input: &str, kind: EntityKind, text: &str, value: Option<&str>) {
    common::assert_entity(input, "2025-03-10", kind, text, value);
}

/// `input` holds exactly one entity of a quantity kind (number, money, percentage, ordinal), and
/// it is `(kind, text, value)`: no part of the figure is read as a second number.
fn only_quantity(input: &str, kind: EntityKind, text: &str, value: &str) {
    let quantities: Vec<_> = entities(input)
        .into_iter()
        .filter(|(k, _, _)| {
            matches!(
                k,
                Number | Money | EntityKind::Percentage | EntityKind::Ordinal
            )
        })
        .collect();
    assert_eq!(
        quantities,
        vec![(kind, text.to_string(), Some(value.to_string()))],
        "{input}"
    );
}

/// The review's frame for money: `وخصصت الحكومة … لهذا البرنامج حسب الوزير.`
fn allotted(amount: &str) -> String {
    format!("وخصصت الحكومة {amount} لهذا البرنامج حسب الوزير.")
}

/// Thousands grouped by a space, a no-break space, a narrow no-break space or a thin space are
/// one figure in every language (only three-digit groups after a head of one to three digits);
/// `1 000 000 درهم` is never 0 MAD.
#[test]
fn space_grouped_thousands_are_one_figure() {
    for sep in [" ", "\u{A0}", "\u{202F}", "\u{2009}"] {
        let figure = ["1", "000", "000"].join(sep);
        let money = format!("{figure} درهم");
        only_quantity(&allotted(&money), Money, &money, "1000000 MAD");
    }
    only_quantity(&allotted("12 500 درهم"), Money, "12 500 درهم", "12500 MAD");
    only_quantity(
        "ويبلغ عدد السكان 36 800 000 نسمة حسب الإحصاء.",
        Number,
        "36 800 000",
        "36800000",
    );
    only_quantity(
        "ويبلغ عدد السكان ٣٦ ٨٠٠ ٠٠٠ نسمة حسب الإحصاء.",
        Number,
        "٣٦ ٨٠٠ ٠٠٠",
        "36800000",
    );
    only_quantity(
        "The fund holds 2 500 000 dollars.",
        Money,
        "2 500 000 dollars",
        "2500000 USD",
    );
    // Not groups: a four-digit head, a two-digit part, two spaces, a year after a count.
    let e = entities("وسجلت 2016 500 حالة في المدينة.");
    assert!(
        !e.iter().any(|(_, _, v)| v.as_deref() == Some("2016500")),
        "{e:?}"
    );
    let e = entities("وسجلت 12 50 حالة في المدينة.");
    assert!(
        !e.iter().any(|(_, _, v)| v.as_deref() == Some("1250")),
        "{e:?}"
    );
    let e = entities("وسجلت 12  500 حالة في المدينة.");
    assert!(
        !e.iter().any(|(_, _, v)| v.as_deref() == Some("12500")),
        "{e:?}"
    );
}

/// Number words take the scale and the currency after them: `خمسة عشر مليون درهم` is 15 million
/// dirhams, never 15 plus one million.
#[test]
fn number_words_with_scales_and_currencies() {
    let cases = [
        ("خمسة عشر مليون درهم", "15000000 MAD"),
        ("خمسة ملايين درهم", "5000000 MAD"),
        ("عشرة مليارات درهم", "10000000000 MAD"),
        ("ثلاثة آلاف دولار", "3000 USD"),
        ("ثلاثمائة ألف درهم", "300000 MAD"),
        ("خمسة وعشرين مليون دولار", "25000000 USD"),
        ("عشرين مليار سنتيم", "200000000 MAD"),
    ];
    for (amount, value) in cases {
        only_quantity(&allotted(amount), Money, amount, value);
    }
}

/// Number words before a counted noun: hundreds in one word, the dual `ألفا`, a teen with a
/// scale, a teen with the article.
#[test]
fn more_number_words_before_counted_nouns() {
    let cases = [
        ("وحضر ثلاثمائة شخص اللقاء.", Number, "ثلاثمائة", "300"),
        ("وحضر خمسمئة مشارك اللقاء.", Number, "خمسمئة", "500"),
        ("وحضر ألفا شخص اللقاء.", Number, "ألفا", "2000"),
        (
            "وحضر خمسة عشر ألف شخص اللقاء.",
            Number,
            "خمسة عشر ألف",
            "15000",
        ),
        (
            "ونجا الخمسة عشر شخصا من الحادث.",
            Number,
            "الخمسة عشر",
            "15",
        ),
        (
            "ونجا الثلاثة عشر راكبا من الحادث.",
            Number,
            "الثلاثة عشر",
            "13",
        ),
        (
            "وحضر خمسين ألفا من المشجعين.",
            Number,
            "خمسين ألفا",
            "50000",
        ),
    ];
    for (input, kind, text, value) in cases {
        only_quantity(input, kind, text, value);
    }
}

/// Darija counts people with `واحد` as the noun: `سطاش واحد` is 16 (people), not 1.
#[test]
fn darija_counts_with_wahed() {
    let cases = [
        ("مات سطاش واحد فالحادثة.", "سطاش واحد", "16"),
        ("مات حداش واحد فالحادثة.", "حداش واحد", "11"),
        ("جاو ميا واحد للوقفة.", "ميا واحد", "100"),
        ("جاو ربعين واحد للوقفة.", "ربعين واحد", "40"),
        ("جاو عشرين واحد للوقفة.", "عشرين واحد", "20"),
        ("تشدو خمسطاش واحد فالمدينة.", "خمسطاش واحد", "15"),
        ("تشدو تلاتين واحد فالمدينة.", "تلاتين واحد", "30"),
    ];
    for (input, text, value) in cases {
        only_quantity(input, Number, text, value);
    }
}

/// A leading zero before a counted noun keeps the number (a number is never dropped); without a
/// noun or after a label it is still an identifier.
#[test]
fn leading_zeros_before_counted_nouns_keep_the_number() {
    let cases = [
        ("وتم تسجيل 0012 حالة وفاة.", "0012", "12"),
        ("وتم تسجيل 012 إصابة جديدة.", "012", "12"),
        ("وتم تسجيل ٠١٢ إصابة جديدة.", "٠١٢", "12"),
        ("وتم إجلاء 00120 شخصا من الحي.", "00120", "120"),
        ("وتمتد الطريق على 0051 كيلومتر.", "0051", "51"),
        ("وتم تسجيل 05 مدن جديدة.", "05", "5"),
    ];
    for (input, text, value) in cases {
        only_quantity(input, Number, text, value);
    }
    for input in [
        "اتصلوا بالرقم 0537 للاستفسار.",
        "اتصلوا على الرقم 0800 مجانا.",
        "اتصلوا على 0537681234 للاستفسار.",
    ] {
        let e = entities(input);
        assert!(!e.iter().any(|(k, _, _)| *k == Number), "{input}: {e:?}");
    }
}

/// A numeric date marked Hijri is converted by Umm al-Qura, as a written Hijri date is.
#[test]
fn hijri_numeric_dates_are_converted() {
    let cases = [
        (
            "صدر القرار بتاريخ 15/8/1445هـ في الرياض.",
            "15/8/1445هـ",
            "2024-02-25",
        ),
        (
            "صدر القرار بتاريخ 15/9/1445 هـ في الرياض.",
            "15/9/1445 هـ",
            "2024-03-25",
        ),
        (
            "صدر القرار بتاريخ ١٥/٩/١٤٤٥هـ في الرياض.",
            "١٥/٩/١٤٤٥هـ",
            "2024-03-25",
        ),
        (
            "صدر القرار بتاريخ 1445-09-15 هـ في الرياض.",
            "1445-09-15 هـ",
            "2024-03-25",
        ),
    ];
    for (input, text, value) in cases {
        check(input, Date, text, Some(value));
        let e = entities(input);
        assert!(!e.iter().any(|(k, _, _)| *k == Number), "{input}: {e:?}");
    }
    // Written and numeric forms agree.
    check(
        "صدر القرار يوم 15 رمضان 1445 هـ في الرياض.",
        Date,
        "15 رمضان 1445 هـ",
        Some("2024-03-25"),
    );
    // A day the month does not have: a date with no value, and a diagnostic.
    let input = "صدر القرار بتاريخ 31/9/1445هـ في الرياض.";
    check(input, Date, "31/9/1445هـ", None);
    let imp = import(input, &ImportOptions::default()).unwrap();
    assert!(
        imp.diagnostics.iter().any(|d| d.message.contains("Hijri")),
        "{:?}",
        imp.diagnostics
    );
}

/// A year before Christ is a date entity with no value (no AD year, no number).
#[test]
fn years_before_christ_have_no_value() {
    for (input, text) in [
        ("بني المعبد سنة 1200 ق.م في مصر.", "1200 ق.م"),
        ("بني المعبد عام 332 قبل الميلاد في مصر.", "332 قبل الميلاد"),
        ("بني المعبد نحو 2500 ق م في مصر.", "2500 ق م"),
        ("The temple was built in 1200 BC in Egypt.", "1200 BC"),
    ] {
        check(input, Date, text, None);
        let e = entities(input);
        assert!(
            !e.iter()
                .any(|(k, _, v)| *k == Number || (*k == Date && v.is_some())),
            "{input}: {e:?}"
        );
    }
    // An AD year after a cue is still a year.
    check("بني المسجد سنة 1200 في فاس.", Date, "1200", Some("1200"));
}

/// URLs give no dates and no numbers; an ISO date-time is one date; a dotted chain of more than
/// three groups is no number.
#[test]
fn urls_datetimes_and_digit_chains() {
    for input in [
        "المصدر https://example.org/2024/03/01/article حسب الموقع.",
        "المصدر http://news.example.ma/1/3/2024/a حسب الموقع.",
        "المصدر www.example.org/2024-03-01/report حسب الموقع.",
        // `www.` in any case (compared in place since issue #13, no lower-cased copy).
        "المصدر WWW.Example.org/2024-03-01/report حسب الموقع.",
        "المصدر Www.example.org/2024/03/01/report حسب الموقع.",
    ] {
        let e = entities(input);
        assert!(
            !e.iter().any(|(k, _, _)| matches!(k, Date | Number)),
            "{input}: {e:?}"
        );
    }
    // Other digits of a URL are no date either (a year-like part included).
    let e = entities("المصدر https://example.org/news/2024/12345 حسب الموقع.");
    assert!(!e.iter().any(|(k, _, _)| *k == Date), "{e:?}");
    for (input, text) in [
        (
            "نشر التقرير في 2024-03-01T10:00:00Z حسب الموقع.",
            "2024-03-01T10:00:00Z",
        ),
        (
            "نشر التقرير في 2024-03-01T10:00+01:00 حسب الموقع.",
            "2024-03-01T10:00+01:00",
        ),
        (
            "نشر التقرير في 2024-03-01T10:00:00.5 حسب الموقع.",
            "2024-03-01T10:00:00.5",
        ),
        (
            "نشر التقرير سنة 2024-03-01T10:00Z حسب الموقع.",
            "2024-03-01T10:00Z",
        ),
        ("نشر التقرير في 2024-03-01 حسب الموقع.", "2024-03-01"),
    ] {
        let e = entities(input);
        assert_eq!(
            e,
            vec![(Date, text.to_string(), Some("2024-03-01".to_string()))],
            "{input}"
        );
    }
    for input in ["صدر الإصدار 10.3.2024.1 أمس.", "صدر الإصدار 1.2.3 أمس."]
    {
        let e = entities(input);
        assert!(!e.iter().any(|(k, _, _)| *k == Number), "{input}: {e:?}");
    }
}

/// A comma between a month and its year, with no day, keeps the year; Maghrebi `DAY من MONTH`;
/// English abbreviated months with a weekday before them.
#[test]
fn comma_between_month_and_year_without_day() {
    let cases = [
        (
            "وصادق البرلمان في نونبر، 2016 على القانون.",
            "نونبر، 2016",
            "2016-11",
        ),
        (
            "وصادق البرلمان في شهر نونبر، 2016 على القانون.",
            "نونبر، 2016",
            "2016-11",
        ),
        (
            "وصادق البرلمان في مارس، 2020 على القانون.",
            "مارس، 2020",
            "2020-03",
        ),
        (
            "The parliament voted in November, 2016 on the law.",
            "November, 2016",
            "2016-11",
        ),
        (
            "Le parlement a voté en novembre, 2016 la loi.",
            "novembre, 2016",
            "2016-11",
        ),
        (
            "وصادق البرلمان يوم 17 من نونبر، 2016 على القانون.",
            "17 من نونبر، 2016",
            "2016-11-17",
        ),
        (
            "وصادق البرلمان يوم 3 من مارس 2020 على القانون.",
            "3 من مارس 2020",
            "2020-03-03",
        ),
        (
            "The vote came on Thursday, Nov. 17, 2016 in the House.",
            "Nov. 17, 2016",
            "2016-11-17",
        ),
        (
            "The vote came on Sept. 3, 2019 in the House.",
            "Sept. 3, 2019",
            "2019-09-03",
        ),
    ];
    for (input, text, value) in cases {
        check(input, Date, text, Some(value));
        let e = entities(input);
        assert!(!e.iter().any(|(k, _, _)| *k == Number), "{input}: {e:?}");
    }
    // A lowercase abbreviation is a word, not a month.
    let e = entities("They met in the dec. 5 room of the house.");
    assert!(!e.iter().any(|(k, _, _)| *k == Date), "{e:?}");
}

/// Entity values never keep tatweel; the text stays exact.
#[test]
fn values_drop_tatweel() {
    let input = "وقال سعيـد الوردي: «إن الحكومة ستخفض الضرائب».";
    let e = entities(input);
    assert!(
        e.iter().any(|(k, t, v)| *k == Person
            && t.contains('\u{0640}')
            && v.as_deref()
                .is_some_and(|v| !v.contains('\u{0640}') && v.contains("سعيد"))),
        "{e:?}"
    );
}
