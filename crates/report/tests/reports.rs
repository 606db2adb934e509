//! Markdown, JSON and HTML rendering of a hand-built report: hostile text stays inert, counts
//! add up, tables keep their shape.

mod common;

use chrono::{TimeZone, Utc};
use claimtrack_model::{Status, Verdict};
use claimtrack_report::safety::unescaped_pipes;
use claimtrack_report::{build, html, markdown, report, Lang, Provenance};

fn provenance(lang: Lang) -> Provenance {
    Provenance {
        source: "claimtrack.db".to_string(),
        generated_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
        lang,
    }
}

/// The lines of the Markdown table that starts with `header`.
fn table<'a>(md: &'a str, header: &str) -> Vec<&'a str> {
    md.lines()
        .skip_while(|l| *l != header)
        .take_while(|l| l.starts_with('|'))
        .collect()
}

#[test]
fn markdown_claims_table_survives_hostile_text() {
    let md = markdown::render(&build(&provenance(Lang::En), &common::articles()));
    let rows = table(
        &md,
        "| id | claim | kind | score | status | verdict | assignee |",
    );
    assert_eq!(
        rows.len(),
        4,
        "header, rule, two check-worthy claims:\n{md}"
    );
    for row in &rows {
        assert_eq!(unescaped_pipes(row), 8, "row {row:?}");
    }
    assert_eq!(
        rows[2],
        r"| 10 | قال المدير العام إن 196 دولة \| شاركت في الدورة | statistic | 0.87 | Published | False | sara |"
    );
    // issue #12 item 12: the override is not shown raw, and not dropped silently either: the
    // reader sees the same `\u{202e}` mark the terminal shows (written `\\u{202e}` in Markdown)
    assert_eq!(
        rows[3],
        r"| 11 | وصل \\u{202e}الوفد\\u{202e} أمس. ثم غادر | event | 0.50 | Unverified | — | — |"
    );
    assert!(!md.contains('\u{202E}'), "bidi override never raw");
    assert!(!md.contains("لا غرابة"), "claims below 0.5 are not listed");
    assert!(md.contains(r"## Article 1: الأنتربول في مراكش \| الدورة 93"));
    let mut width = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let pipes = unescaped_pipes(line);
            assert_eq!(*width.get_or_insert(pipes), pipes, "line {line:?}");
        } else {
            width = None;
        }
    }
}

#[test]
fn counts_by_status_verdict_and_score() {
    let r = build(&provenance(Lang::Ar), &common::articles());
    let c = &r.summary.counts;
    assert_eq!((c.claims, c.check_worthy), (3, 2));
    let status = |s: Status| c.by_status.iter().find(|x| x.status == s).unwrap();
    assert_eq!(status(Status::Published).claims, 1);
    assert_eq!(status(Status::Dismissed).check_worthy, 0);
    assert_eq!(status(Status::Published).label, "منشور");
    let none = c.by_verdict.last().unwrap();
    assert_eq!((none.verdict, none.claims, none.check_worthy), (None, 2, 1));
    let f = c
        .by_verdict
        .iter()
        .find(|v| v.verdict == Some(Verdict::False))
        .unwrap();
    assert_eq!((f.label.as_str(), f.rating_value), ("زائف", Some(1)));
    let bins: Vec<usize> = c.score_histogram.iter().map(|b| b.claims).collect();
    assert_eq!(bins, [0, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
    let md = markdown::render(&r);
    assert!(md.contains("| published | منشور | 1 | 1 |"), "{md}");
    assert!(md.contains("| false | زائف | 1 | 1 | 1 |"), "{md}");
}

#[test]
fn json_keeps_exact_text_as_escapes() {
    let r = build(&provenance(Lang::En), &common::articles());
    let json = report::to_json(&r);
    assert!(!json.contains('\u{202E}'));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    let claims = v["articles"][0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[1]["text"], "وصل \u{202E}الوفد\u{202E} أمس.\nثم غادر");
    assert_eq!(claims[0]["history"][1]["to"], "published");
    assert_eq!(claims[0]["evidence"][0]["stance"], "refutes");
    assert_eq!(claims[0]["reviewed_at"], "2026-01-02T10:00:00Z");
}

#[test]
fn html_is_escaped_rtl_and_self_contained() {
    let page = html::render(&build(&provenance(Lang::Ar), &common::articles()));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        !page.contains("<script"),
        "no script, even from article text"
    );
    assert!(!page.contains("<b>"), "notes cannot inject markup");
    assert!(
        page.contains("&lt;b&gt;تنفي&lt;&#x2f;b&gt;") || page.contains("&lt;b&gt;تنفي&lt;/b&gt;")
    );
    assert!(!page.contains('\u{202E}'));
    // issue #12 item 12: shown as the terminal shows it
    assert!(
        page.contains(r"وصل \u{202e}الوفد\u{202e} أمس."),
        "visible mark"
    );
    assert_eq!(page.matches("<tr class=\"claim\"").count(), 2);
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(!page.contains("http://") || page.contains("http://www.w3.org/2000/svg"));
    for net in ["<link", "src=", "@import", "url("] {
        assert!(!page.contains(net), "no network load: {net}");
    }
    let en = html::render(&build(&provenance(Lang::En), &common::articles()));
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(en.contains(">False</span>"));
}

/// How many times `c` occurs in `md` not escaped by a backslash.
fn unescaped(md: &str, c: char) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for ch in md.chars() {
        if ch == '\\' {
            backslashes += 1;
            continue;
        }
        if ch == c && backslashes % 2 == 0 {
            count += 1;
        }
        backslashes = 0;
    }
    count
}

/// Issue #14 item 12: an article title `[t](javascript:alert(1))` was a live link in the
/// Markdown report, and so was claim text. Inline syntax from input stays text, and a stored
/// non-http(s) URL is not rendered at all.
#[test]
fn markdown_and_html_render_no_link_from_input() {
    let clean = markdown::render(&build(&provenance(Lang::En), &common::articles()));
    let syntax = ['[', ']', '!', '`', '*', '_', '~', '<'];
    let base: Vec<usize> = syntax.iter().map(|&c| unescaped(&clean, c)).collect();
    for title in [
        "[t](javascript:alert(1))",
        "![img](http://e.org/p.png)",
        "<javascript:alert(1)>",
        "[ref]: javascript:alert(1)",
        "`code` *em* __strong__ ~~del~~",
    ] {
        let mut articles = common::articles();
        let art = &mut articles[0].article.article;
        art.title = Some(title.to_string());
        art.url = Some("javascript:alert(1)".to_string());
        articles[0].claims[0].claim.claim.text = format!("قال {title} إن");
        let r = build(&provenance(Lang::En), &articles);
        assert_eq!(r.articles[0].url, None, "a javascript: URL is not reported");
        let md = markdown::render(&r);
        // the input added no unescaped syntax character to what the report writes itself
        for (c, n) in syntax.iter().zip(&base) {
            assert_eq!(unescaped(&md, *c), *n, "{title}: unescaped {c:?} in\n{md}");
        }
        assert!(!md.contains("Source: javascript"), "{md}");
        let page = html::render(&r);
        assert!(
            !page.contains("<bdi>javascript:alert(1)</bdi>"),
            "{title}: the URL is not shown"
        );
        assert!(!page.contains("href=\"javascript"), "{title}");
    }
}
