//! Inline SVG charts of the HTML report, composed with the `svg` crate (which escapes every
//! text node and attribute value): a status/verdict breakdown and a check-worthiness histogram.
//!
//! The breakdown mirrors for right-to-left reports (labels on the right, bars growing to the
//! left); the histogram keeps its numeric axis left to right, as Arabic charts do.

use claimtrack_model::{Status, Verdict};
use svg::node::element::{Group, Line, Rectangle, Text, Title};
use svg::Document;

use crate::report::{Counts, Lang};

/// Colour of a status badge or bar.
pub fn status_color(status: Status) -> &'static str {
    match status {
        Status::Unverified => "#6b7280",
        Status::InProgress => "#2563eb",
        Status::InReview => "#7c3aed",
        Status::Published => "#15803d",
        Status::Dismissed => "#9ca3af",
    }
}

/// Colour of a verdict badge or bar (`None`: no verdict yet).
pub fn verdict_color(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::True) => "#15803d",
        Some(Verdict::MostlyTrue) => "#65a30d",
        Some(Verdict::Mixed) => "#ca8a04",
        Some(Verdict::MostlyFalse) => "#ea580c",
        Some(Verdict::False) => "#b91c1c",
        Some(Verdict::Misleading) => "#be185d",
        Some(Verdict::MissingContext) => "#0e7490",
        Some(Verdict::Satire) => "#7c3aed",
        Some(Verdict::Unverifiable) => "#475569",
        None => "#9ca3af",
    }
}

const WIDTH: f64 = 560.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 22.0;
const FONT: &str = "system-ui, 'Noto Sans Arabic', 'Noto Sans', sans-serif";

fn text(x: f64, y: f64, anchor: &str, content: impl Into<String>) -> Text {
    Text::new(content)
        .set("x", x)
        .set("y", y)
        .set("text-anchor", anchor)
        .set("dominant-baseline", "middle")
        .set("font-size", 12)
}

/// Horizontal bar chart: one bar per status, then one per verdict (and "no verdict yet"),
/// counting all claims.
pub fn breakdown(counts: &Counts, lang: Lang) -> String {
    let rows: Vec<(String, usize, &str)> = counts
        .by_status
        .iter()
        .map(|s| (s.label.clone(), s.claims, status_color(s.status)))
        .collect();
    let verdicts: Vec<(String, usize, &str)> = counts
        .by_verdict
        .iter()
        .map(|v| (v.label.clone(), v.claims, verdict_color(v.verdict)))
        .collect();
    let max = rows
        .iter()
        .chain(&verdicts)
        .map(|r| r.1)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let span = WIDTH - LABEL - 40.0;
    let rtl = lang == Lang::Ar;
    let title = lang.pick(
        "توزيع الادعاءات حسب الحالة والحكم",
        "Claims by status and by verdict",
    );

    let mut y = 10.0;
    let mut group = Group::new().set("font-family", FONT);
    for (heading, section) in [
        (lang.pick("الحالة", "Status"), &rows),
        (lang.pick("الحكم", "Verdict"), &verdicts),
    ] {
        let (x, anchor) = if rtl {
            (WIDTH - 4.0, "end")
        } else {
            (4.0, "start")
        };
        group = group.add(
            text(x, y + ROW / 2.0, anchor, heading)
                .set("font-weight", "bold")
                .set("font-size", 13),
        );
        y += ROW;
        for (label, n, color) in section {
            let len = (*n as f64 / max * span).max(if *n > 0 { 2.0 } else { 0.0 });
            let mid = y + ROW / 2.0;
            let (label_x, label_anchor, bar_x, num_x, num_anchor) = if rtl {
                let right = WIDTH - LABEL;
                (WIDTH - 12.0, "end", right - len, right - len - 4.0, "end")
            } else {
                (LABEL - 8.0, "end", LABEL, LABEL + len + 4.0, "start")
            };
            group = group
                .add(text(label_x, mid, label_anchor, label.as_str()))
                .add(
                    Rectangle::new()
                        .set("x", bar_x)
                        .set("y", y + 3.0)
                        .set("width", len)
                        .set("height", ROW - 6.0)
                        .set("rx", 2)
                        .set("fill", *color),
                )
                .add(text(num_x, mid, num_anchor, n.to_string()));
            y += ROW;
        }
        y += 6.0;
    }
    let doc = Document::new()
        .set("viewBox", (0, 0, WIDTH, y))
        .set("width", WIDTH)
        .set("height", y)
        .set("role", "img")
        .set("aria-label", title)
        .set("class", "chart breakdown")
        .set("direction", "ltr")
        .add(Title::new(title))
        .add(group);
    doc.to_string()
}

/// Vertical histogram of check-worthiness scores (all claims) in bins of 0.1, with the
/// check-worthiness threshold marked.
pub fn histogram(counts: &Counts, threshold: f64, lang: Lang) -> String {
    let (w, h, left, bottom, top) = (560.0, 220.0, 36.0, 28.0, 16.0);
    let plot_w = w - left - 12.0;
    let plot_h = h - bottom - top;
    let bins = &counts.score_histogram;
    let max = bins.iter().map(|b| b.claims).max().unwrap_or(0).max(1) as f64;
    let bar_w = plot_w / bins.len().max(1) as f64;
    let title = lang.pick("توزيع درجات الجدارة بالتحقق", "Check-worthiness scores");
    let mut group = Group::new().set("font-family", FONT);
    // axis
    group = group.add(
        Line::new()
            .set("x1", left)
            .set("y1", top + plot_h)
            .set("x2", left + plot_w)
            .set("y2", top + plot_h)
            .set("stroke", "#374151"),
    );
    for (i, bin) in bins.iter().enumerate() {
        let bh = bin.claims as f64 / max * plot_h;
        let x = left + i as f64 * bar_w;
        let color = if bin.from >= threshold {
            "#b45309"
        } else {
            "#9ca3af"
        };
        group = group
            .add(
                Rectangle::new()
                    .set("x", x + 2.0)
                    .set("y", top + plot_h - bh)
                    .set("width", bar_w - 4.0)
                    .set("height", bh)
                    .set("fill", color)
                    .add(Title::new(format!(
                        "{:.1}–{:.1}: {}",
                        bin.from, bin.to, bin.claims
                    ))),
            )
            .add(text(
                x + bar_w / 2.0,
                top + plot_h - bh - 8.0,
                "middle",
                bin.claims.to_string(),
            ))
            .add(text(
                x,
                top + plot_h + 14.0,
                "middle",
                format!("{:.1}", bin.from),
            ));
    }
    group = group.add(text(left + plot_w, top + plot_h + 14.0, "middle", "1.0"));
    let tx = left + threshold * plot_w;
    group = group
        .add(
            Line::new()
                .set("x1", tx)
                .set("y1", top - 6.0)
                .set("x2", tx)
                .set("y2", top + plot_h)
                .set("stroke", "#b91c1c")
                .set("stroke-dasharray", "4 3"),
        )
        .add(
            text(
                tx + 4.0,
                top - 2.0,
                "start",
                format!("{} {threshold:.1}", lang.pick("العتبة", "threshold")),
            )
            .set("fill", "#b91c1c"),
        );
    Document::new()
        .set("viewBox", (0, 0, w, h))
        .set("width", w)
        .set("height", h)
        .set("role", "img")
        .set("aria-label", title)
        .set("class", "chart histogram")
        .set("direction", "ltr")
        .add(Title::new(title))
        .add(group)
        .to_string()
}
