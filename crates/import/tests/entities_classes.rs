//! Entity fault classes of issue 3 §4 (numbers, dates, other languages), checked end to end
//! through `claimtrack_import::import`, one data-driven `check(input, expect)` per class.

mod common;

use claimtrack_import::{import, ImportOptions};
use claimtrack_model::EntityKind;

/// Every entity of the article as `(kind, text, value)`.
fn entities(text: &str) -> Vec<(EntityKind, String, Option<String>)> {
    common::entities_published(text, "2025-03-10")
}

/// `input` holds an entity of `kind` with exactly `text` and `value`.
fn check(input: &str, kind: EntityKind, text: &str, value: Option<&str>) {
    common::assert_entity(input, "2025-03-10", kind, text, value);
}

/// `input` holds no entity of `kind` whose text contains `text`.
fn check_none(input: &str, kind: EntityKind, text: &str) {
    let e = entities(input);
    assert!(
        !e.iter().any(|(k, t, _)| *k == kind && t.contains(text)),
        "{input}\nunwanted {kind:?} '{text}'\ngot {e:?}"
    );
}

#[test]
fn scale_word_with_a_joined_remainder_adds() {
    use EntityKind::{Money, Number};
    let cases: &[(&str, EntityKind, &str, &str)] = &[
        (
            "بلغ عدد الزوار 17 ألف و283 زائرا.",
            Number,
            "17 ألف و283",
            "17283",
        ),
        (
            "وسجلت المصالح 3 آلاف و250 حالة.",
            Number,
            "3 آلاف و250",
            "3250",
        ),
        (
            "وبلغت الميزانية 3 مليارات و500 مليون درهم.",
            Money,
            "3 مليارات و500 مليون درهم",
            "3500000000 MAD",
        ),
        (
            "وخصص للمشروع 17 ألف و283 درهم.",
            Money,
            "17 ألف و283 درهم",
            "17283 MAD",
        ),
    ];
    for (input, kind, text, value) in cases {
        check(input, *kind, text, Some(value));
    }
    // Duals of years keep giving two years, not a sum.
    check(
        "ارتفع العدد بين سنتي 2014 و2018.",
        EntityKind::Date,
        "2014",
        Some("2014"),
    );
    check(
        "ارتفع العدد بين سنتي 2014 و2018.",
        EntityKind::Date,
        "2018",
        Some("2018"),
    );
    // A remainder at least as large as the scale is a separate number.
    check("سجلت 3 آلاف و5000 حالة.", Number, "3 آلاف", Some("3000"));
}

#[test]
fn number_words_duals_and_money() {
    use EntityKind::{Money, Number};
    let cases: &[(&str, EntityKind, &str, &str)] = &[
        (
            "وخصصت الحكومة ملياري دولار للمشروع.",
            Money,
            "ملياري دولار",
            "2000000000 USD",
        ),
        ("وأصيب عشرة أشخاص في الحادث.", Number, "عشرة", "10"),
        ("وشارك عشرون فريقا في الدورة.", Number, "عشرون", "20"),
        (
            "وكلف المشروع مليار سنتيم.",
            Money,
            "مليار سنتيم",
            "10000000 MAD",
        ),
        (
            "وكلف المشروع 5 مليار سنتيم.",
            Money,
            "5 مليار سنتيم",
            "50000000 MAD",
        ),
        ("وكلف الإصلاح مليون سنتيم.", Money, "مليون سنتيم", "10000 MAD"),
    ];
    for (input, kind, text, value) in cases {
        check(input, *kind, text, Some(value));
    }
}

#[test]
fn separators_and_invisible_marks_inside_numbers() {
    use EntityKind::{Number, Percentage};
    let cases: &[(&str, EntityKind, &str, &str)] = &[
        (
            "وبلغ النمو ٣٫٥ في المائة.",
            Percentage,
            "٣٫٥ في المائة",
            "3.5",
        ),
        ("وبلغ عدد السكان ٢٦٬٠١٣ نسمة.", Number, "٢٦٬٠١٣", "26013"),
        (
            "وبلغ المعدل 5.\u{200F}2 نقطة.",
            Number,
            "5.\u{200F}2",
            "5.2",
        ),
        (
            "وبلغ المعدل 7\u{200E},5 نقطة.",
            Number,
            "7\u{200E},5",
            "7.5",
        ),
    ];
    for (input, kind, text, value) in cases {
        check(input, *kind, text, Some(value));
    }
}

#[test]
fn regnal_numbers_are_not_numbers() {
    for input in [
        "وترأس الملك محمد السادس الاجتماع.",
        "وأشرف الملك الحسن الثاني على المشروع سنة 1975.",
        "وزار الملك عبد الله الثاني المغرب.",
    ] {
        check_none(input, EntityKind::Ordinal, "");
        check_none(input, EntityKind::Number, "");
    }
}

#[test]
fn hijri_dates_convert_by_umm_al_qura() {
    use EntityKind::Date;
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "وصدر القرار يوم 15 رمضان 1446 هـ.",
            "15 رمضان 1446 هـ",
            Some("2025-03-15"),
        ),
        (
            "ووقع ذلك في 17 ذو الحجة 1446 هـ.",
            "17 ذو الحجة 1446 هـ",
            Some("2025-06-13"),
        ),
        (
            "ووقع ذلك في 17 ذي الحجة 1446.",
            "17 ذي الحجة 1446",
            Some("2025-06-13"),
        ),
        (
            "وانطلقت الدورة في 1 محرم 1447 هـ.",
            "1 محرم 1447 هـ",
            Some("2025-06-26"),
        ),
        (
            "وصدر يوم 12 ربيع الأول 1446 هـ.",
            "12 ربيع الأول 1446 هـ",
            Some("2024-09-15"),
        ),
        (
            "وصدر يوم 3 ربيع الآخر 1446 هـ.",
            "3 ربيع الآخر 1446 هـ",
            Some("2024-10-06"),
        ),
        (
            "وصدر يوم 3 ربيع الثاني 1446 هـ.",
            "3 ربيع الثاني 1446 هـ",
            Some("2024-10-06"),
        ),
        (
            "وصدر يوم 10 جمادى الأولى 1446 هـ.",
            "10 جمادى الأولى 1446 هـ",
            Some("2024-11-12"),
        ),
        (
            "وصدر يوم 10 جمادى الآخرة 1446 هـ.",
            "10 جمادى الآخرة 1446 هـ",
            Some("2024-12-11"),
        ),
        (
            "وصدر يوم 10 جمادى الثانية 1446 هـ.",
            "10 جمادى الثانية 1446 هـ",
            Some("2024-12-11"),
        ),
        (
            "وصدر يوم 27 رجب 1446 هـ.",
            "27 رجب 1446 هـ",
            Some("2025-01-27"),
        ),
        (
            "وصدر يوم 15 شعبان 1446 هـ.",
            "15 شعبان 1446 هـ",
            Some("2025-02-14"),
        ),
        (
            "وصدر يوم 1 شوال 1446 هـ.",
            "1 شوال 1446 هـ",
            Some("2025-03-30"),
        ),
        (
            "وصدر يوم 5 ذي القعدة 1446 هـ.",
            "5 ذي القعدة 1446 هـ",
            Some("2025-05-03"),
        ),
        (
            "وصدر يوم 9 صفر 1446 هـ.",
            "9 صفر 1446 هـ",
            Some("2024-08-13"),
        ),
        // A day that the month does not have: a date without a value.
        ("وصدر يوم 30 رمضان 1446 هـ.", "30 رمضان 1446 هـ", None),
        // A year alone stays a Hijri year without a Gregorian value.
        ("وتأسست المدينة سنة 1446 هـ.", "1446 هـ", None),
    ];
    for (input, text, value) in cases {
        check(input, Date, text, *value);
    }
    // Hijri month names alone are names and words, not dates.
    check_none("وقال رجب إن شعبان حضر.", Date, "");
}

#[test]
fn gregorian_month_spellings() {
    use EntityKind::Date;
    let cases: &[(&str, &str, &str)] = &[
        ("ووقع ذلك يوم 5 ابريل 2021.", "5 ابريل 2021", "2021-04-05"),
        ("ووقع ذلك يوم 5 إبريل 2021.", "5 إبريل 2021", "2021-04-05"),
        ("ووقع ذلك يوم 5 أفريل 2021.", "5 أفريل 2021", "2021-04-05"),
        ("ووقع ذلك يوم 23 يوليه 2021.", "23 يوليه 2021", "2021-07-23"),
        ("ووقع ذلك يوم 14 أغسطس 2021.", "14 أغسطس 2021", "2021-08-14"),
        ("ووقع ذلك يوم 14 اغسطس 2021.", "14 اغسطس 2021", "2021-08-14"),
        ("ووقع ذلك يوم 14 أوت 2021.", "14 أوت 2021", "2021-08-14"),
    ];
    for (input, text, value) in cases {
        check(input, Date, text, Some(value));
    }
}

const ENGLISH: &str =
    "Finance Minister Nadia Fettah said on Monday that the economy grew by 3.5 percent in 2024. \
President Joe Biden met Mr. John Smith in Washington on November 5, 2018. \
The U.S. budget reached $1.2 billion, up 12% since 2019, and 1,250,000 people were affected. \
Exports to Morocco and the United Kingdom rose to 5 million dollars on 5 November 2018.";

const FRENCH: &str = "Le président Emmanuel Macron a annoncé lundi une hausse de 3,5 % du budget. \
M. Jean-Yves Le Drian s'est rendu au Maroc le 1er janvier 2020 avec 1 234 délégués. \
Le chômage a reculé de 2,1 pour cent depuis 2019, selon l'Insee. \
La France et les États-Unis ont signé un accord de 12,5 milliards d'euros le 5 novembre 2018.";

fn segments(text: &str) -> Vec<String> {
    common::claim_texts(text)
}

#[test]
fn language_is_detected_on_the_whole_article() {
    let lang = |t: &str| {
        import(t, &ImportOptions::default())
            .unwrap()
            .article
            .language
    };
    assert_eq!(lang(ENGLISH), "en");
    assert_eq!(lang(FRENCH), "fr");
    assert_eq!(
        lang("قال وزير الاقتصاد إن معدل النمو بلغ 3 في المائة خلال السنة الماضية."),
        "ar"
    );
}

#[test]
fn english_article() {
    let s = segments(ENGLISH);
    assert_eq!(s.len(), 4, "{s:#?}");
    assert!(
        s[1].starts_with("President Joe Biden met Mr. John Smith"),
        "{s:#?}"
    );
    assert!(s[2].starts_with("The U.S. budget"), "{s:#?}");
    use EntityKind::{Date, Money, Number, Percentage, Person, Place};
    let cases: &[(EntityKind, &str, Option<&str>)] = &[
        (Percentage, "3.5 percent", Some("3.5")),
        (Date, "2024", Some("2024")),
        (Person, "Joe Biden", Some("Joe Biden")),
        (Person, "John Smith", Some("John Smith")),
        (Person, "Nadia Fettah", Some("Nadia Fettah")),
        (Date, "November 5, 2018", Some("2018-11-05")),
        (Money, "$1.2 billion", Some("1200000000 USD")),
        (Percentage, "12%", Some("12")),
        (Date, "2019", Some("2019")),
        (Number, "1,250,000", Some("1250000")),
        (Place, "Morocco", Some("Morocco")),
        (Place, "United Kingdom", Some("United Kingdom")),
        (Money, "5 million dollars", Some("5000000 USD")),
        (Date, "5 November 2018", Some("2018-11-05")),
    ];
    for (kind, text, value) in cases {
        check(ENGLISH, *kind, text, *value);
    }
    // No garbage: the modal verb `may` is not a month.
    check_none(
        "Prices may 2 fall, officials said in a statement.",
        Date,
        "may",
    );
}

#[test]
fn french_article() {
    let s = segments(FRENCH);
    assert_eq!(s.len(), 4, "{s:#?}");
    assert!(s[1].starts_with("M. Jean-Yves Le Drian"), "{s:#?}");
    use EntityKind::{Date, Money, Number, Percentage, Person, Place};
    let cases: &[(EntityKind, &str, Option<&str>)] = &[
        (Person, "Emmanuel Macron", Some("Emmanuel Macron")),
        (Percentage, "3,5 %", Some("3.5")),
        (Person, "Jean-Yves Le Drian", Some("Jean-Yves Le Drian")),
        (Place, "Maroc", Some("Maroc")),
        (Date, "1er janvier 2020", Some("2020-01-01")),
        (Number, "1 234", Some("1234")),
        (Percentage, "2,1 pour cent", Some("2.1")),
        (Date, "2019", Some("2019")),
        (Place, "France", Some("France")),
        (Place, "États-Unis", Some("États-Unis")),
        (Money, "12,5 milliards d'euros", Some("12500000000 EUR")),
        (Date, "5 novembre 2018", Some("2018-11-05")),
    ];
    for (kind, text, value) in cases {
        check(FRENCH, *kind, text, *value);
    }
    check(
        "Le pays a reçu 3 millions de dollars en 2020.",
        Money,
        "3 millions de dollars",
        Some("3000000 USD"),
    );
    // `de` after a plain number is not part of an amount.
    check_none("Il a cité 3 de ses dollars préférés.", Money, "3");
}

/// Darija and MSA articles are Arabic, even where whatlang hesitates (it reports Darija as
/// Arabic, but short Arabic texts can come back as Persian or Urdu).
#[test]
fn marsum_articles_are_arabic() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/marsum/MArSum1_test.txt");
    let corpus = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let other: Vec<(String, String)> = corpus
        .lines()
        .skip(1)
        .take(300)
        .filter_map(|line| {
            let article = line
                .trim_start_matches('"')
                .split("\" \"")
                .next()
                .unwrap_or_default();
            let lang = import(article, &ImportOptions::default())
                .ok()?
                .article
                .language;
            (lang != "ar").then(|| (lang, article.chars().take(80).collect()))
        })
        .collect();
    assert!(other.is_empty(), "{other:#?}");
}

/// A city name that is also an adjective (`الجديدة` El Jadida / "new", `الشرقية` / "eastern")
/// is an adjective after a definite feminine noun, and a place after a preposition, a clitic
/// or an indefinite settlement noun.
#[test]
fn place_names_that_agree_as_adjectives_are_not_places() {
    use EntityKind::Place;
    for adjective in [
        "وأعلن البنك المركزي نسبة الفائدة الجديدة، وهي 3 في المائة.",
        "وافتتح الوزير المدينة الجديدة التي كلفت 200 مليون درهم.",
        "وقدمت الحكومة الميزانية الجديدة للبرلمان يوم 12 أكتوبر 2024.",
    ] {
        check_none(adjective, Place, "الجديدة");
    }
    check(
        "وصل 300 زائر إلى الجديدة يوم الأحد.",
        Place,
        "الجديدة",
        Some("الجديدة"),
    );
    check(
        "وسجلت السلطات بالجديدة 40 إصابة جديدة.",
        Place,
        "الجديدة",
        Some("الجديدة"),
    );
    // A title before a place is no speaker's name (the unlisted-speaker rule of issue 12).
    check_none(
        "وقال عامل إقليم الجديدة إن 12 مشروعا انطلقت.",
        EntityKind::Person,
        "الجديدة",
    );
    check(
        "وقال عامل إقليم الجديدة إن 12 مشروعا انطلقت.",
        Place,
        "الجديدة",
        Some("الجديدة"),
    );
}
