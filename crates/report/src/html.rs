//! `report.html`: one self-contained page (inline CSS and SVG, no script, no network), rendered
//! with minijinja from `templates/report.html`.
//!
//! Safety, in three layers: every string of the report is passed through
//! [`crate::safety::visible`] (no control or bidi character reaches the page raw; each is shown
//! as the `\u{hex}` escape the terminal shows, so the reader sees it was there); the
//! template is named `*.html`, so minijinja HTML-escapes every `{{ value }}` (article text can
//! never open a tag or an attribute); and a Content-Security-Policy `<meta>` forbids scripts and
//! network loads should anything slip through. Only the two SVG charts and the colour palette,
//! which this crate writes itself, are inserted unescaped.

use claimtrack_model::{Status, Verdict};
use minijinja::{context, Environment, Value};

use crate::chart;
use crate::report::{Lang, Report};
use crate::safety;

const TEMPLATE: &str = include_str!("templates/report.html");

/// Every string in `value`, recursively, through [`safety::visible`].
fn clean_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => *s = safety::visible(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_strings),
        _ => {}
    }
}

/// The CSS classes `status-*` and `verdict-*` with the badge colours of [`chart`].
fn palette() -> String {
    let mut css = String::new();
    for s in Status::ALL {
        css.push_str(&format!(
            ".status-{} {{ background: {}; }}\n",
            s.as_str(),
            chart::status_color(*s)
        ));
    }
    for v in Verdict::ALL.iter().map(|v| Some(*v)).chain([None]) {
        css.push_str(&format!(
            ".verdict-{} {{ background: {}; }}\n",
            v.map(|v| v.as_str()).unwrap_or("none"),
            chart::verdict_color(v)
        ));
    }
    css
}

/// Headings and labels of the page in `lang`.
fn strings(lang: Lang) -> serde_json::Value {
    let pairs: &[(&str, &str, &str)] = &[
        (
            "title",
            "تقرير التحقق من الادعاءات",
            "Fact-checking desk report",
        ),
        ("generated_from", "أُعدّ من", "Generated from"),
        (
            "threshold_note",
            "الادعاءات الجديرة بالتحقق: درجة ≥",
            "check-worthy claims: score ≥",
        ),
        ("desk_summary", "ملخص المكتب", "Desk summary"),
        ("articles", "المقالات", "articles"),
        ("claims", "الادعاءات", "claims"),
        ("check_worthy", "جديرة بالتحقق", "check-worthy"),
        ("published", "منشورة", "published"),
        ("with_verdict", "بحكم", "with a verdict"),
        (
            "no_articles",
            "لا مقالات في قاعدة البيانات.",
            "No articles in the database.",
        ),
        ("article", "المقال", "Article"),
        ("untitled", "(بلا عنوان)", "(untitled)"),
        ("source", "المصدر", "Source"),
        ("dateline", "مكان الإصدار", "Dateline"),
        ("author", "الكاتب", "Author"),
        ("agency", "الوكالة", "Agency"),
        ("published_date", "تاريخ النشر", "Published"),
        ("imported", "الاستيراد", "Imported"),
        (
            "check_worthy_claims",
            "الادعاءات الجديرة بالتحقق",
            "Check-worthy claims",
        ),
        ("id", "الرقم", "id"),
        ("claim", "الادعاء", "claim"),
        ("kind", "النوع", "kind"),
        ("score", "الدرجة", "score"),
        ("status", "الحالة", "status"),
        ("verdict", "الحكم", "verdict"),
        ("assignee", "المكلَّف", "assignee"),
        ("history", "السجل", "history"),
        ("evidence", "الأدلة", "evidence"),
        ("summary", "الملخص", "Summary"),
        ("explanation", "التعليل", "Explanation"),
        ("review_url", "رابط التحقق", "Fact-check"),
        ("at", "الوقت", "at"),
        ("field", "الحقل", "field"),
        ("from", "من", "from"),
        ("to", "إلى", "to"),
        ("by", "بواسطة", "by"),
        ("note", "ملاحظة", "note"),
        ("no_history", "لا تغييرات بعد.", "No changes yet."),
        ("no_evidence", "لا أدلة مسجلة.", "No evidence recorded."),
        ("none", "لا شيء.", "None."),
    ];
    pairs
        .iter()
        .map(|(k, ar, en)| (k.to_string(), lang.pick(ar, en).into()))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The report as a self-contained HTML page.
pub fn render(report: &Report) -> String {
    let lang = report.language;
    let mut view = serde_json::to_value(report).expect("a report always serialises");
    clean_strings(&mut view);
    if let Some(articles) = view["articles"].as_array_mut() {
        for a in articles {
            let sha: String = a["sha256"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(12)
                .collect();
            a["sha_short"] = sha.into();
            if let Some(claims) = a["claims"].as_array_mut() {
                for c in claims {
                    let score = c["score"].as_f64().unwrap_or(0.0);
                    c["score_text"] = format!("{score:.2}").into();
                }
            }
        }
    }
    let counts = &report.summary.counts;
    let published = counts.published();
    let with_verdict = counts.with_verdict();

    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .expect("the report template parses");
    let template = env.get_template("report.html").expect("template added");
    template
        .render(context! {
            lang => lang.as_str(),
            dir => lang.dir(),
            t => Value::from_serialize(strings(lang)),
            report => Value::from_serialize(&view),
            threshold => format!("{:.2}", report.threshold),
            desk_published => published,
            desk_with_verdict => with_verdict,
            palette => Value::from_safe_string(palette()),
            breakdown => Value::from_safe_string(chart::breakdown(counts, lang)),
            histogram => Value::from_safe_string(chart::histogram(counts, report.threshold, lang)),
        })
        .expect("the report template renders")
}
