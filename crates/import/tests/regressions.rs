//! Regressions found by trying the importer as a new user (first fresh-clone review of the
//! foundation issue); each test names the fault class it pins.

mod common;

use claimtrack_import::{import, ImportOptions};
use claimtrack_model::EntityKind;

/// Every entity of the article as `(kind, text, value)`.
fn entities(text: &str) -> Vec<(EntityKind, String, Option<String>)> {
    common::entities_published(text, "2015-07-20")
}

#[test]
fn large_figures_keep_every_digit() {
    let e = entities("قال الوزير إن الدين بلغ 12345678901234567 دولار.");
    assert!(
        e.iter()
            .any(|(k, _, v)| *k == EntityKind::Money
                && v.as_deref() == Some("12345678901234567 USD")),
        "{e:?}"
    );
}

#[test]
fn countries_in_stan_are_not_duals() {
    let e = entities("وقال سليمان إن البرلمان في كازاخستان وباكستان صادق على الاتفاق.");
    assert!(!e.iter().any(|(k, _, _)| *k == EntityKind::Number), "{e:?}");
}

#[test]
fn clock_times_are_not_quantities() {
    let e = entities("انطلق الاجتماع على الساعة 6:00 وانتهى على 1:30 صباحا.");
    assert!(!e.iter().any(|(k, _, _)| *k == EntityKind::Number), "{e:?}");
}

#[test]
fn cue_words_inside_dates_are_not_cues() {
    let imp = import(
        "وأعلن الجيش أن الهجوم وقع في كانون الأول الماضي.",
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(
        !imp.claims[0]
            .reasons
            .contains(&claimtrack_model::Reason::AbsoluteClaim),
        "{:?}",
        imp.claims[0].reasons
    );
}

#[test]
fn relative_day_and_month_with_a_deictic_word() {
    let e = entities("وكان الوزير قد زار الرياض في 26 يونيو الماضي، ثم عاد اليوم (الاثنين).");
    assert!(
        e.iter().any(|(k, t, v)| *k == EntityKind::Date
            && t.contains("26 يونيو الماضي")
            && v.as_deref() == Some("2015-06-26")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|(k, t, v)| *k == EntityKind::Date
            && t == "اليوم (الاثنين)"
            && v.as_deref() == Some("2015-07-20")),
        "{e:?}"
    );
}

#[test]
fn a_heading_that_states_a_fact_is_reported() {
    let imp = import(
        "قتل 5 أشخاص في هجوم أمس\nقال المسؤول إن التحقيق بدأ.",
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imp.article.headings, ["قتل 5 أشخاص في هجوم أمس"]);
    assert!(
        imp.diagnostics
            .iter()
            .any(|d| d.message.contains("sub-heading")),
        "{:?}",
        imp.diagnostics
    );
}

/// Text pasted from e-mail, a PDF or a wire feed is hard-wrapped at 60–80 columns: its short
/// lines without final punctuation are prose, not sub-headings (reported by a fresh-user review:
/// `fold -s -w 70` on the seed gave 153 headings and 10 check-worthy claims).
#[test]
fn hard_wrapped_text_is_prose() {
    /// `fold -s -w WIDTH`: break at the last space that keeps a line within WIDTH bytes.
    fn fold(text: &str, width: usize) -> String {
        let mut out = String::new();
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split(' ') {
                if !line.is_empty() && line.len() + 1 + word.len() > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../seeds/000_918a3ce10e0930b5.txt"),
    )
    .unwrap();
    let flat = import(&seed, &ImportOptions::default()).unwrap();
    let wrapped = import(&fold(&seed, 70), &ImportOptions::default()).unwrap();
    let worthy =
        |i: &claimtrack_import::Imported| i.claims.iter().filter(|c| c.check_worthy).count();
    assert!(
        wrapped.article.headings.len() <= 2,
        "{:?}",
        wrapped.article.headings
    );
    assert!(
        worthy(&wrapped) * 10 >= worthy(&flat) * 9,
        "{} check-worthy when wrapped, {} flat",
        worthy(&wrapped),
        worthy(&flat)
    );
    let english = "LONDON (Reuters) - The government said on Monday it would spend\n\
                   £12.5 billion on housing by 2027, according to a statement\n\
                   released by the Treasury in London.\n\
                   Inflation has fallen to 2.3% on 14 May 2024, the statistics\n\
                   office said in its monthly report on prices.\n";
    let imp = import(english, &ImportOptions::default()).unwrap();
    assert!(
        imp.article.headings.is_empty(),
        "{:?}",
        imp.article.headings
    );
    assert!(
        imp.claims.iter().any(|c| c
            .text
            .contains("it would spend\n£12.5 billion on housing by 2027")),
        "{:?}",
        imp.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
}

/// Second fresh-user review: Darija complementizers (`بللي`, `باللي`) are never names. Before,
/// `قال الوزير بللي الأسعار` gave the person `بللي الأسعار`, and its "surname" then tagged other
/// sentences.
#[test]
fn darija_complementizers_are_not_names() {
    let e =
        entities("قال الوزير بللي الأسعار طلعات ب 20 في المائة.\nوقال الخبير باللي الاقتصاد تحسن.");
    assert!(!e.iter().any(|(k, _, _)| *k == EntityKind::Person), "{e:?}");
}

/// `هذا العام`, Darija `هاد العام`: the current year, resolved against the publication date.
#[test]
fn this_year_is_a_relative_date() {
    let e = entities("قال الوزير بللي الأسعار طلعات هاد العام، وإن النمو سيتحسن هذا الشهر.");
    assert!(
        e.iter().any(|(k, t, v)| *k == EntityKind::Date
            && t == "هاد العام"
            && v.as_deref() == Some("2015")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|(k, t, v)| *k == EntityKind::Date
            && t == "هذا الشهر"
            && v.as_deref() == Some("2015-07")),
        "{e:?}"
    );
}

/// Text without a letter or digit (tatweel, tashkeel, punctuation) has nothing to import or score.
#[test]
fn text_without_letters_or_digits() {
    for text in ["ـــــــــ", "َُِّْ ً ٌ ٍ", "!!! ... ؟؟"] {
        assert!(import(text, &ImportOptions::default()).is_err(), "{text}");
        let a = claimtrack_import::assess_text(text);
        assert_eq!(a.score, 0.0, "{text}");
        assert!(a.reasons.is_empty(), "{text}");
    }
}

/// English press scale abbreviations: `$3bn`, `€2m`; `5m` without a currency is not millions.
#[test]
fn scale_abbreviations() {
    let e = entities("The company lost $3bn and €2m and £4.5bn, and the wall is 5m high.");
    for want in ["3000000000 USD", "2000000 EUR", "4500000000 GBP"] {
        assert!(
            e.iter()
                .any(|(k, _, v)| *k == EntityKind::Money && v.as_deref() == Some(want)),
            "{want}: {e:?}"
        );
    }
    assert!(
        e.iter()
            .any(|(k, _, v)| *k == EntityKind::Number && v.as_deref() == Some("5")),
        "{e:?}"
    );
}

/// Capitalised abbreviations that are not organisations (`OK`, `TV`, `AM`).
#[test]
fn capitals_that_are_not_organisations() {
    let e = entities("It was OK on TV at 9 AM, said the IMF and the UN.");
    let orgs: Vec<&str> = e
        .iter()
        .filter(|(k, _, _)| *k == EntityKind::Organisation)
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(orgs, ["IMF", "UN"]);
}

/// Wrapped English prose reads like the same text unwrapped: a line ending in a closing quote is
/// mid-sentence, and a `Read more:` line stands apart (second fresh-user review).
#[test]
fn wrapped_english_reads_like_unwrapped() {
    let flat = "LONDON (Reuters) - \n\
                \"We will not balance the books on the backs of working people,\" Reeves said on Monday in the capital.\n\
                Read more: Why house prices keep rising in Britain\n\
                France and Germany announced on 3 June that 1,200 troops would be sent to Vilnius, Lithuania.\n";
    let wrapped = "LONDON (Reuters) - \n\
                   \"We will not balance the books on the backs of working people,\"\n\
                   Reeves said on Monday in the capital.\n\
                   Read more: Why house prices keep rising in Britain\n\
                   France and Germany announced on 3 June that 1,200 troops would be\n\
                   sent to Vilnius, Lithuania.\n";
    let scores = |text: &str| -> Vec<f64> {
        import(text, &ImportOptions::default())
            .unwrap()
            .claims
            .iter()
            .map(|c| c.score)
            .collect()
    };
    assert_eq!(scores(flat), scores(wrapped));
    assert_eq!(scores(wrapped).len(), 2);
}

/// `رقم` is also "figure": a decimal, or a number with a scale, currency or percent, after it is
/// a quantity; phone numbers with a leading zero or hyphenated groups, and names like `TV5`, are
/// not (second fresh-user review).
#[test]
fn figures_and_phone_numbers() {
    let e = entities("وبلغ الرقم 2.5 مليار درهم، ووصل إلى رقم 13 مليون سائح.");
    assert!(
        e.iter()
            .any(|(k, _, v)| *k == EntityKind::Money && v.as_deref() == Some("2500000000 MAD")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|(_, _, v)| v.as_deref() == Some("13000000")),
        "{e:?}"
    );
    let e = entities("اتصلوا بالرقم الأخضر 080100 أو الهاتف 0537-68-12-34، وشاهدوا قناة TV5.");
    assert!(
        !e.iter()
            .any(|(k, _, _)| matches!(k, EntityKind::Number | EntityKind::Money)),
        "{e:?}"
    );
}

/// Darija percent: `30 فالمية`.
#[test]
fn darija_percent() {
    let e = entities("قالت الدراسة بللي 30 فالمية من الشباب عاطلين.");
    assert!(
        e.iter()
            .any(|(k, _, v)| *k == EntityKind::Percentage && v.as_deref() == Some("30")),
        "{e:?}"
    );
}

/// `، والوزير قال` coordinates: the words before the comma are no name in apposition.
#[test]
fn conjoined_title_is_not_apposition() {
    let e = entities("الحكومة كذبت علينا، والوزير قال إن كل شيء بخير.");
    assert!(!e.iter().any(|(k, _, _)| *k == EntityKind::Person), "{e:?}");
}

/// `line_roles` (behind `score --article`) finds each line's heading or paragraph by binary
/// search (issue #14): the roles of a dateline, a blank, a heading, body lines and a hard-wrapped
/// paragraph, and of the same article repeated, line for line.
#[test]
fn line_roles_of_every_kind_of_line() {
    use claimtrack_import::{line_roles, LineRole::*};
    let article = "الرباط - سناء الجدني\n\nعنوان فرعي قصير\nقال الوزير إن النمو بلغ 3 في المائة.\n\nوأضاف أن 20 مدرسة أغلقت.\n";
    assert_eq!(
        line_roles(article),
        [Dateline, Blank, Heading, Body, Blank, Body, Blank]
    );
    // Repeated, only the first line can be a dateline; the rest keep their roles.
    let twice = format!(
        "{article}{}",
        article.replacen("الرباط - سناء الجدني", "وقال الوزير إن 5 مدارس فتحت.", 1)
    );
    let roles = line_roles(&twice);
    assert_eq!(roles.len(), 13);
    assert_eq!(
        &roles[6..],
        [Body, Blank, Heading, Body, Blank, Body, Blank]
    );
}
