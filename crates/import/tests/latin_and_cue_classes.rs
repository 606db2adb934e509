//! Check-worthiness cue classes found on real text, each as a class: English and French cue
//! forms, change-in-quantity (trend) wording, navigation/credit lines, Latin ordinals, and titles
//! before institutions. Scored with the same scorer as `import` (`assess_text`).

use claimtrack_import::{assess_text, import, ImportOptions};
use claimtrack_model::{EntityKind, Reason};

/// Factual English and French news sentences: a number or place with an event, attribution,
/// trend or superlative.
const LATIN_CLAIMS: &[&str] = &[
    "Interpol said on Monday that 196 member countries took part in the 93rd General Assembly in Marrakech.",
    "Unemployment rose to 13.3% in the third quarter of 2024, according to the High Commission for Planning.",
    "Police arrested 12 suspects in Casablanca last week.",
    "Morocco hosted the assembly for the first time in its history.",
    "The ministry announced that exports fell by 4 percent compared with last year.",
    "Selon le HCP, le taux de chômage a atteint 13,3 % au troisième trimestre 2024.",
    "La police a interpellé 12 suspects à Casablanca la semaine dernière.",
    "Le Maroc accueille pour la première fois l'Assemblée générale d'Interpol.",
    "Les exportations ont reculé de 4 % par rapport à l'an dernier, a annoncé le ministère.",
];

/// Opinion, rhetoric and navigation lines in English and French.
const LATIN_NON_CLAIMS: &[(&str, Reason)] = &[
    ("Why should anyone care about this?", Reason::Rhetoric),
    (
        "We believe this is a wonderful initiative.",
        Reason::OpinionMarker,
    ),
    (
        "Read more: Interpol assembly opens in Marrakech",
        Reason::Boilerplate,
    ),
    ("Pourquoi faudrait-il s'en inquiéter ?", Reason::Rhetoric),
    (
        "À mon avis, c'est une initiative formidable.",
        Reason::OpinionMarker,
    ),
    (
        "Lire aussi : Interpol ouvre son assemblée à Marrakech",
        Reason::Boilerplate,
    ),
];

#[test]
fn english_and_french_factual_sentences_are_check_worthy() {
    for s in LATIN_CLAIMS {
        let a = assess_text(s);
        assert!(a.check_worthy, "{s}: {} {:?}", a.score, a.reasons);
    }
}

#[test]
fn english_and_french_opinion_rhetoric_and_navigation_are_not() {
    for (s, reason) in LATIN_NON_CLAIMS {
        let a = assess_text(s);
        assert!(!a.check_worthy, "{s}: {} {:?}", a.score, a.reasons);
        assert!(a.reasons.contains(reason), "{s}: {:?}", a.reasons);
    }
}

#[test]
fn english_and_french_cues_fire() {
    let cases: &[(&str, Reason)] = &[
        (
            "The minister said the plan was approved.",
            Reason::ReportedSpeech,
        ),
        (
            "Selon le ministère, le plan a été approuvé.",
            Reason::ReportedSpeech,
        ),
        ("It is the largest port in Africa.", Reason::AbsoluteClaim),
        ("C'est le plus grand port d'Afrique.", Reason::AbsoluteClaim),
        ("Prices increased sharply in the capital.", Reason::Trend),
        ("Les prix sont en hausse dans la capitale.", Reason::Trend),
        ("The talks will resume next month.", Reason::Future),
        ("Le sommet est prévu à Rabat.", Reason::Future),
    ];
    for (s, reason) in cases {
        let a = assess_text(s);
        assert!(a.reasons.contains(reason), "{s}: {:?}", a.reasons);
    }
}

/// Market and statistics reports state changes (`ارتفاع`, `تراجعت`) that are the claim itself:
/// from the SaudiNewsNet TASI report annotated in `tests/fixtures/gold/snn-economy-tasi.json`.
#[test]
fn change_in_a_quantity_is_a_trend_cue() {
    for s in [
        "وشهدت تداولات اليوم ارتفاع أسهم 70 شركة في قيمتها وتراجعت أسهم 78 شركة",
        "انخفضت صادرات الفوسفاط بنسبة 12 في المائة",
        "الأسعار طلعات هاد العام بزاف",
    ] {
        let a = assess_text(s);
        assert!(a.reasons.contains(&Reason::Trend), "{s}: {:?}", a.reasons);
    }
    let a = assess_text("وشهدت تداولات اليوم ارتفاع أسهم 70 شركة في قيمتها وتراجعت أسهم 78 شركة");
    assert!(a.check_worthy, "{} {:?}", a.score, a.reasons);
}

/// A source link or "read also" line at the end of an article is never a claim, whatever its
/// words: the SaudiNewsNet articles end in `رابط الخبر بصحيفة …`.
#[test]
fn navigation_and_credit_lines_are_never_check_worthy() {
    for s in [
        "رابط الخبر بصحيفة الوئام: مؤشر سوق الأسهم السعودية يغلق على ارتفاع طفيف ب 5.42 نقطة",
        "اقرأ أيضا: توقيف 12 شخصا في الدار البيضاء",
        "المصدر: وكالة المغرب العربي للأنباء",
    ] {
        let a = assess_text(s);
        assert!(
            a.reasons.contains(&Reason::Boilerplate),
            "{s}: {:?}",
            a.reasons
        );
        assert!(
            a.score <= claimtrack_import::BOILERPLATE_CAP,
            "{s}: {} {:?}",
            a.score,
            a.reasons
        );
    }
    // Only at the start: a claim that mentions a source is still a claim.
    let a = assess_text("قال المصدر إن الشرطة أوقفت 12 شخصا في الدار البيضاء.");
    assert!(!a.reasons.contains(&Reason::Boilerplate), "{:?}", a.reasons);
}

fn entities(text: &str) -> Vec<(EntityKind, String)> {
    let imp = import(text, &ImportOptions::default()).unwrap();
    imp.claims
        .iter()
        .flat_map(|c| c.entities.iter().map(|e| (e.kind, e.text.clone())))
        .collect()
}

#[test]
fn latin_ordinals_and_titles_before_institutions() {
    let e = entities(
        "Interpol said that 196 countries took part in the 93rd General Assembly in Marrakech. \
         It was the 1st such meeting in Africa since the 2nd World War.",
    );
    assert!(e.contains(&(EntityKind::Ordinal, "93rd".into())), "{e:?}");
    assert!(e.contains(&(EntityKind::Ordinal, "1st".into())), "{e:?}");
    assert!(
        e.contains(&(EntityKind::Place, "Marrakech".into())),
        "{e:?}"
    );
    assert!(!e.iter().any(|(k, _)| *k == EntityKind::Person), "{e:?}");
    let e =
        entities("Le Maroc a accueilli la 3e réunion du Conseil à Rabat, selon le 1er ministre.");
    assert!(e.contains(&(EntityKind::Ordinal, "3e".into())), "{e:?}");
    assert!(e.contains(&(EntityKind::Place, "Rabat".into())), "{e:?}");
}

/// Found by the provenance property test: a title as the last word of the text (nothing after it
/// to be a name) must not read past the end.
#[test]
fn title_at_the_end_of_the_text() {
    for text in ["He met the General", "Il a salué le Président", "Minister"] {
        let e = entities(text);
        assert!(!e.iter().any(|(k, _)| *k == EntityKind::Person), "{e:?}");
    }
}

/// English and French claimants (fresh-user review: every claimant was null): the entity after
/// `according to`/`selon`, after an inverted `said`, or before `said`/`a déclaré`.
#[test]
fn english_and_french_claimants() {
    let text = "Unemployment rose to 13.3% in 2024, according to the IMF.\n\
                \"Prices will fall by 2 percent next year,\" said Chancellor Rachel Reeves.\n\
                President Joe Biden said the deal was signed in Washington on Friday.\n\
                Selon le HCP, le chômage a atteint 13,3 % en 2024.\n\
                Le ministre M. Bruno Le Maire a déclaré que la croissance atteindrait 1 % en 2025.\n\
                The economy grew by 3 percent last year.\n";
    let imp = import(text, &ImportOptions::default()).unwrap();
    let got: Vec<Option<String>> = imp
        .claims
        .iter()
        .map(|c| {
            c.claimant
                .as_ref()
                .map(|e| e.value.clone().unwrap_or(e.text.clone()))
        })
        .collect();
    let want = [
        Some("IMF"),
        Some("Rachel Reeves"),
        Some("Joe Biden"),
        Some("HCP"),
        Some("Bruno Le Maire"),
        None,
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.as_deref(), w, "{got:?}");
    }
}

/// Years after `by`, `d'ici` and a French quarter (`premier trimestre 2024`) are dates.
#[test]
fn latin_year_cues() {
    for (text, year) in [
        ("The government will build 1,000 homes by 2027.", "2027"),
        ("Le chômage a baissé au premier trimestre 2024.", "2024"),
        ("La France vise la neutralité carbone d'ici 2050.", "2050"),
    ] {
        let e = entities(text);
        assert!(
            e.contains(&(EntityKind::Date, year.into())),
            "{text}: {e:?}"
        );
    }
}
