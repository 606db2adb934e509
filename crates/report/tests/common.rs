//! Hand-built fixtures shared by the report crate's tests.

#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use claimtrack_model::{
    Action, Article, ClaimKind, ExtractedClaim, Field, HistoryEntry, Reason, Span, Status,
    StoredClaim, Verdict, CHECK_WORTHY_THRESHOLD,
};
use claimtrack_report::{ArticleClaims, Evidence, ReviewedClaim, Stance};
use claimtrack_store::StoredArticle;

pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An article whose text holds Arabic, a `|`, a U+202E override, a newline and markup.
pub fn article() -> StoredArticle {
    let text = "الرباط-سناء الجدني\n\
                قال المدير العام إن 196 دولة | شاركت في الدورة.\n\
                وصل \u{202E}الوفد\u{202E} أمس.\nثم غادر.\n\
                لا غرابة في ذلك <script>alert(1)</script>.";
    StoredArticle {
        id: 1,
        article: Article {
            sha256: sha256_hex(text),
            text: text.to_string(),
            title: Some("الأنتربول في مراكش | الدورة 93".to_string()),
            url: Some("https://news.example.ma/a/1".to_string()),
            language: "ar".to_string(),
            published: NaiveDate::from_ymd_opt(2025, 11, 24),
            dateline: Some("الرباط".to_string()),
            author: Some("سناء الجدني".to_string()),
            agency: None,
            headings: vec![],
        },
        imported_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
        imported_by: "desk".to_string(),
        claim_count: 3,
        check_worthy_count: 2,
    }
}

/// A `set` history entry of claim 10 at 2026-01-02T10:00:00Z.
pub fn change(
    field: Field,
    from: Option<&str>,
    to: &str,
    note: Option<&str>,
    by: &str,
) -> HistoryEntry {
    HistoryEntry {
        claim_id: 10,
        revision: 0,
        field,
        action: Action::Set,
        from: from.map(str::to_string),
        to: Some(to.to_string()),
        note: note.map(str::to_string),
        by: by.to_string(),
        at: Utc.with_ymd_and_hms(2026, 1, 2, 10, 0, 0).unwrap(),
        forced: false,
        reopen: false,
        undoes: None,
        evidence_id: None,
        note_id: None,
    }
}

/// Three claims of [`article`]: two check-worthy (one spanning a line break), one not.
pub fn claims() -> Vec<ReviewedClaim> {
    let stored = article();
    let text = stored.article.text.clone();
    let make = |i: usize, needle: &str, score: f64, kind: ClaimKind, status, verdict| {
        let start = text.find(needle).expect("needle in fixture text");
        let span = Span::new(start, start + needle.len());
        let claim = StoredClaim {
            id: 10 + i as i64,
            article_id: 1,
            seq: i as u32,
            claim: ExtractedClaim {
                text: needle.to_string(),
                span,
                context_span: span,
                score,
                check_worthy: score >= CHECK_WORTHY_THRESHOLD,
                kind,
                reasons: vec![Reason::Number],
                entities: vec![],
                claimant: None,
            },
            status,
            verdict,
            revision: 0,
            assignee: None,
            explanation: None,
            summary: None,
            review_url: None,
            published_at: None,
        };
        ReviewedClaim::new(claim, stored.clone())
    };
    let mut first = make(
        0,
        "قال المدير العام إن 196 دولة | شاركت في الدورة",
        0.874,
        ClaimKind::Statistic,
        Status::Published,
        Some(Verdict::False),
    );
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 10, 0, 0).unwrap();
    first.history = vec![
        change(
            Field::Verdict,
            None,
            "false",
            Some("المندوبية <b>تنفي</b>"),
            "sara",
        ),
        change(
            Field::Status,
            Some("unverified"),
            "published",
            None,
            "editor",
        ),
    ];
    first.reviewed_at = Some(at);
    first.review_url = Some("https://factcheck.example.ma/2026/196".into());
    first.explanation = Some("شاركت 195 دولة حسب المنظمة.".into());
    first.evidence = vec![Evidence {
        url: "https://www.interpol.int/".into(),
        title: Some("Interpol <members>".into()),
        note: None,
        stance: Some(Stance::Refutes),
    }];
    first.assignee = Some("sara".into());
    vec![
        first,
        make(
            1,
            "وصل \u{202E}الوفد\u{202E} أمس.\nثم غادر",
            0.5,
            ClaimKind::Event,
            Status::Unverified,
            None,
        ),
        make(
            2,
            "لا غرابة في ذلك <script>alert(1)</script>",
            0.2,
            ClaimKind::Opinion,
            Status::Dismissed,
            None,
        ),
    ]
}

pub fn articles() -> Vec<ArticleClaims> {
    vec![ArticleClaims {
        article: article(),
        claims: claims(),
    }]
}
