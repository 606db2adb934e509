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
