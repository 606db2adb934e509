//! Properties that hold for every input: no panic, and provenance is exact
//! (`claim.text == article.text[span]`, entity spans inside their claim, spans trimmed, scores in
//! range). Run over generated text and over real articles from the shared corpora.

use claimtrack_import::{import, ImportOptions};
use proptest::prelude::*;

fn check_invariants(text: &str) -> Result<(), String> {
    let Ok(imp) = import(
        text,
        &ImportOptions {
            published: chrono::NaiveDate::from_ymd_opt(2024, 2, 29),
            ..Default::default()
        },
    ) else {
        return Ok(());
    };
    if imp.article.text != text {
        return Err("article text was altered".into());
    }
    for c in &imp.claims {
        let slice = text
            .get(c.span.start..c.span.end)
            .ok_or_else(|| format!("span {:?} not on char boundaries", c.span))?;
        if slice != c.text {
            return Err(format!(
                "claim text {:?} != source[span] {:?}",
                c.text, slice
            ));
        }
        if c.text.trim() != c.text || c.text.is_empty() {
            return Err(format!("claim span not trimmed: {:?}", c.text));
        }
        if !c.context_span.contains(&c.span) {
            return Err(format!(
                "context {:?} does not contain span {:?}",
                c.context_span, c.span
            ));
        }
        if !(0.0..=1.0).contains(&c.score) || c.check_worthy != (c.score >= 0.5) {
            return Err(format!(
                "score {} / check_worthy {}",
                c.score, c.check_worthy
            ));
        }
        for e in &c.entities {
            if !c.span.contains(&e.span)
                || text.get(e.span.start..e.span.end) != Some(e.text.as_str())
                || e.text.is_empty()
            {
                return Err(format!(
                    "entity {:?} ({:?}) outside or unlike claim {:?}",
                    e.text, e.span, c.span
                ));
            }
        }
        for w in c.entities.windows(2) {
            if w[0].span.end > w[1].span.start {
                return Err(format!(
                    "overlapping entities {:?} {:?}",
                    w[0].text, w[1].text
                ));
            }
        }
    }
    Ok(())
}

/// Pieces that exercise the segmenter's and extractors' edge cases.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "قال",
        "الوزير",
        "د.",
        "م.",
        "2025",
        "٣.٥",
        "٢٠٢٥",
        "3,5",
        "1.234.567",
        "في المائة",
        "%",
        "٪",
        ".",
        "..",
        "...",
        "…",
        "؟",
        "!",
        "؛",
        "،",
        ":",
        "«",
        "»",
        "“",
        "”",
        "\"",
        "(",
        ")",
        "-",
        " - ",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "  ",
        "\u{200F}",
        "\u{202E}",
        "\u{0640}",
        "\u{064E}",
        "ﻻ",
        "يونيو",
        "الجاري",
        "أمس",
        "الاثنين",
        "قبل",
        "يومين",
        "سنتي",
        "و2018",
        "الثالثة",
        "والتسعين",
        "توشيحين",
        "عبد",
        "اللطيف",
        "حموشي",
        "مايك",
        "بومبيو",
        "،",
        "مديرة",
        "وكالة",
        "الاستخبارات",
        "FBI",
        "بمراكش",
        "للمنظمة",
        "مليار",
        "سنتيم",
        "دولار",
        "www.map.ma",
        "e\u{301}",
        "👍🏽",
        "x",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn provenance_holds_on_generated_text(parts in prop::collection::vec(piece(), 0..40), seps in prop::collection::vec(prop::bool::ANY, 0..40)) {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            if seps.get(i).copied().unwrap_or(true) {
                text.push(' ');
            }
        }
        prop_assert_eq!(check_invariants(&text), Ok(()), "input {:?}", text);
    }

    #[test]
    fn provenance_holds_on_arbitrary_unicode(text in "\\PC{0,200}") {
        prop_assert_eq!(check_invariants(&text), Ok(()), "input {:?}", text);
    }
}

/// Real Moroccan articles (MArSum, Darija and MSA): the invariants hold on every one of the
/// first 300, and most yield claims.
#[test]
fn provenance_holds_on_marsum_articles() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/marsum/MArSum1_test.txt");
    let corpus = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut with_claims = 0;
    let mut n = 0;
    for line in corpus.lines().skip(1).take(300) {
        // `"<article>" "<headline>"`: the article is the first quoted field.
        let article = line
            .trim_start_matches('"')
            .split("\" \"")
            .next()
            .unwrap_or_default();
        n += 1;
        check_invariants(article).unwrap_or_else(|e| panic!("{e}\nin article: {article}"));
        if import(article, &ImportOptions::default()).is_ok_and(|i| !i.claims.is_empty()) {
            with_claims += 1;
        }
    }
    assert_eq!(n, 300);
    assert!(
        with_claims >= 290,
        "only {with_claims} of 300 articles gave claims"
    );
}
