//! Article structure: which lines are the dateline/byline, which are sub-headings, which are
//! body paragraphs.
//!
//! Rules (from `shared/notes/arabic-text.md` §2 "Metadata lines", not from any one article):
//! - The first non-empty line may be a dateline: `PLACE-AUTHOR`, `PLACE - AUTHOR`,
//!   `PLACE (AGENCY)`, or a prefix `PLACE - AGENCY:` / `PLACE (AGENCY):` before the first sentence.
//!   The part after the dash is an agency when it is a known news-agency name or is made of
//!   one-letter words (`و م ع`), otherwise the author.
//! - A short line (at most [`HEADING_MAX_WORDS`] words) without final punctuation, followed by more
//!   text, is a sub-heading.
//! - Every other line is a paragraph; a line that ends without punctuation inside a block (no blank
//!   line after it) and is too long to be a heading continues into the next line (hard wrap).

use crate::text::{fold, is_format};
use claimtrack_model::Span;

/// A line longer than this (in words) is never a heading or byline.
pub(crate) const HEADING_MAX_WORDS: usize = 12;
/// A dateline+byline line has at most this many words.
const DATELINE_MAX_WORDS: usize = 8;

/// News agencies as they appear in datelines (folded for matching): MAP (و م ع), WAM, SPA, QNA,
/// KUNA, BNA, AFP, Reuters, dpa, Anadolu, SABA, SANA, WAFA; hand-compiled.
const AGENCIES: &[&str] = &[
    "و م ع",
    "و.م.ع",
    "ومع",
    "وام",
    "واس",
    "قنا",
    "كونا",
    "بنا",
    "ا ف ب",
    "ا.ف.ب",
    "اف ب",
    "رويترز",
    "د ب ا",
    "الاناضول",
    "سبا",
    "سانا",
    "وفا",
    "معا",
    "وال",
    "map",
    "afp",
    "reuters",
    "ap",
    "dpa",
];

/// The structure of an article.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    pub dateline: Option<String>,
    pub author: Option<String>,
    pub agency: Option<String>,
    pub headings: Vec<String>,
    /// Where each heading is, in the same order as `headings`.
    pub heading_spans: Vec<Span>,
    /// Spans of body text, in order; sentences are split inside each.
    pub paragraphs: Vec<Span>,
}

struct Line {
    start: usize,
    end: usize,
    /// A blank line (or the end of text) follows.
    block_end: bool,
}

fn content_lines(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let lead = body.len()
            - body
                .trim_start_matches(|c: char| c.is_whitespace() || is_format(c))
                .len();
        let trimmed = body.trim_matches(|c: char| c.is_whitespace() || is_format(c));
        if trimmed.is_empty() {
            if let Some(last) = lines.last_mut() {
                last.block_end = true;
            }
            continue;
        }
        let start = line_start + lead;
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            block_end: false,
        });
    }
    if let Some(last) = lines.last_mut() {
        last.block_end = true;
    }
    lines
}

/// Reporting verbs that open a sentence, never a heading (folded).
const SENTENCE_OPENERS: &[&str] = &[
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "كشف",
    "كشفت",
    "افاد",
    "افادت",
    "اوضح",
    "اوضحت",
];

/// True when a line opens like running text rather than a heading: with a reporting verb
/// (`قال الوزير إن …`) or the conjunction و/ف glued to its first word (`وقتل 5 أشخاص …`), which
/// continues a text. Heads of organisation names that start with و (`وزارة`, `وكالة`) are
/// headings' words, not conjunctions.
fn starts_like_a_sentence(line: &str) -> bool {
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let w = fold(first);
    if SENTENCE_OPENERS.contains(&w.as_str()) {
        return true;
    }
    const WAW_WORDS: &[&str] = &[
        "وزاره",
        "وكاله",
        "وزير",
        "وزيره",
        "ولايه",
        "وفد",
        "وادي",
        "وسط",
        "وراء",
        "وطن",
        "وضع",
        "وقف",
        "وفاه",
        "وحده",
    ];
    (w.starts_with('و') || w.starts_with('ف'))
        && w.chars().count() >= 4
        && !WAW_WORDS.contains(&w.as_str())
}

/// True when `s` ends with sentence-final or closing punctuation.
pub(crate) fn has_final_punctuation(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '؟' | '؛' | '…' | '۔' | ':' | '»' | '”' | '"' | ')' | '“' | ';'
        )
    })
}

/// True when `s` ends a sentence: `. ! ? ؟ … ؛ ۔`, possibly followed by closing quotes or brackets.
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['»', '”', '"', ')', '’', '\''])
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '…' | '؛' | '۔'))
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Blocks of at least this many lines can be hard-wrapped text.
const WRAP_MIN_LINES: usize = 3;
/// A block whose longest line has at most this many characters is hard-wrapped (e-mail, PDF
/// and wire copy wrap at 60–80 columns; a paragraph per line runs to hundreds).
const WRAP_MAX_WIDTH: usize = 120;

/// For each line: true when it is a line of hard-wrapped prose — in a block (no blank line
/// between) of [`WRAP_MIN_LINES`] or more lines none longer than [`WRAP_MAX_WIDTH`] characters,
/// and at least 60 % as long as the block's longest line. Such a line is never a sub-heading, and
/// without final punctuation it continues into the next line; a heading in wrapped text stays
/// recognisable because it is much shorter than the wrap width.
fn wrapped_lines(text: &str, lines: &[Line]) -> Vec<bool> {
    let chars = |l: &Line| text[l.start..l.end].chars().count();
    let mut out = vec![false; lines.len()];
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if !line.block_end {
            continue;
        }
        let block = &lines[start..=i];
        let width = block.iter().map(chars).max().unwrap_or(0);
        if block.len() >= WRAP_MIN_LINES && width <= WRAP_MAX_WIDTH {
            for (k, l) in block.iter().enumerate() {
                // A navigation line (`Read more: …`) stands alone even in wrapped text.
                out[start + k] = chars(l) * 10 >= width * 6
                    && !crate::score::starts_with_navigation(&text[l.start..l.end]);
            }
        }
        start = i + 1;
    }
    out
}

/// Splits `text` into metadata and paragraphs. Never fails; odd text yields paragraphs only.
pub(crate) fn analyse(text: &str) -> Structure {
    let lines = content_lines(text);
    let wrapped = wrapped_lines(text, &lines);
    let mut st = Structure::default();
    let mut first = true;
    let mut prev_continues = false;
    for (idx, line) in lines.iter().enumerate() {
        let s = &text[line.start..line.end];
        let mut body_start = line.start;
        if first {
            first = false;
            match dateline(s) {
                Some(Dateline::WholeLine {
                    place,
                    author,
                    agency,
                }) => {
                    st.dateline = Some(place);
                    st.author = author;
                    st.agency = agency;
                    continue;
                }
                Some(Dateline::Prefix {
                    place,
                    agency,
                    body_offset,
                }) => {
                    st.dateline = Some(place);
                    st.agency = agency;
                    body_start = line.start + body_offset;
                }
                None => {}
            }
        }
        let body = &text[body_start..line.end];
        let is_last = idx + 1 == lines.len();
        let short = words(body) <= HEADING_MAX_WORDS;
        if body_start == line.start
            && short
            && !wrapped[idx]
            && !has_final_punctuation(body)
            && !is_last
            && !prev_continues
            && !starts_like_a_sentence(body)
        {
            st.headings.push(body.to_string());
            st.heading_spans.push(Span::new(line.start, line.end));
            continue;
        }
        if prev_continues {
            if let Some(p) = st.paragraphs.last_mut() {
                p.end = line.end;
            }
        } else {
            st.paragraphs.push(Span::new(body_start, line.end));
        }
        prev_continues = !line.block_end
            && if wrapped[idx] {
                // In wrapped prose only a sentence end ends the line's paragraph: a closing quote
                // (`… “تويتر”`) or a colon is mid-sentence.
                !ends_sentence(body)
            } else {
                !has_final_punctuation(body) && !short
            };
    }
    st
}

enum Dateline {
    /// The whole line is a dateline + byline (or agency).
    WholeLine {
        place: String,
        author: Option<String>,
        agency: Option<String>,
    },
    /// The line starts with `PLACE - AGENCY:`; the body starts at `body_offset` bytes.
    Prefix {
        place: String,
        agency: Option<String>,
        body_offset: usize,
    },
}

fn is_agency(s: &str) -> bool {
    let f = fold(s.trim());
    AGENCIES.contains(&f.as_str())
        || (f.split_whitespace().count() >= 2
            && f.split_whitespace().all(|w| w.chars().count() == 1))
}

/// Splits `PLACE <sep> REST` at the first dash (ASCII hyphen, en or em dash) or opening parenthesis.
fn split_place(s: &str) -> Option<(&str, &str, bool)> {
    let (i, c) = s
        .char_indices()
        .find(|(_, c)| matches!(c, '-' | '–' | '—' | '('))?;
    let place = s[..i].trim();
    let rest = &s[i + c.len_utf8()..];
    let paren = c == '(';
    let rest = if paren {
        let close = rest.find(')')?;
        &rest[..close]
    } else {
        rest
    };
    let place_words = words(place);
    if place.is_empty()
        || place_words > 3
        || place
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '.' | '،' | ','))
    {
        return None;
    }
    Some((place, rest.trim(), paren))
}

fn dateline(line: &str) -> Option<Dateline> {
    // `PLACE (AGENCY) - body…` (SPA's form: `الرياض (واس) - …`)
    if let Some((place, agency, _)) = split_place(line).filter(|(_, _, paren)| *paren) {
        let close = line.find(')').unwrap_or(0);
        let after = line[close + 1..].trim_start();
        if let Some(rest) = after.strip_prefix(['-', '–', '—', ':']) {
            let body = rest.trim_start();
            if !agency.is_empty() && words(agency) <= 4 {
                if body.is_empty() {
                    return Some(Dateline::WholeLine {
                        place: place.to_string(),
                        author: None,
                        agency: Some(agency.to_string()),
                    });
                }
                return Some(Dateline::Prefix {
                    place: place.to_string(),
                    agency: Some(agency.to_string()),
                    body_offset: line.len() - body.len(),
                });
            }
        }
    }
    // `PLACE - AGENCY:` alone on its line
    if let Some(head) = line.strip_suffix(':').map(str::trim_end) {
        if let Some((place, rest, false)) = split_place(head) {
            if !rest.is_empty() && words(rest) <= 4 && words(head) <= 6 {
                return Some(Dateline::WholeLine {
                    place: place.to_string(),
                    author: None,
                    agency: Some(rest.to_string()),
                });
            }
        }
    }
    // Prefix form: `PLACE - AGENCY: body…` or `PLACE (AGENCY): body…`
    if let Some(colon) = line.find(':') {
        let head = &line[..colon];
        if words(head) <= 6 && colon + 1 < line.len() {
            if let Some((place, rest, _)) = split_place(head) {
                let rest = rest.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
                if !rest.is_empty() && words(rest) <= 4 {
                    let after = &line[colon + 1..];
                    let body_offset = colon + 1 + (after.len() - after.trim_start().len());
                    return Some(Dateline::Prefix {
                        place: place.to_string(),
                        agency: Some(rest.to_string()),
                        body_offset,
                    });
                }
            }
        }
    }
    if words(line) > DATELINE_MAX_WORDS
        || has_final_punctuation(line.trim_end_matches(')')) && !line.ends_with(')')
    {
        return None;
    }
    let (place, rest, paren) = split_place(line)?;
    if rest.is_empty() || words(rest) > 4 {
        return None;
    }
    let (author, agency) = if paren || is_agency(rest) {
        (None, Some(rest.to_string()))
    } else {
        (Some(rest.to_string()), None)
    };
    Some(Dateline::WholeLine {
        place: place.to_string(),
        author,
        agency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        dateline: Option<&str>,
        author: Option<&str>,
        agency: Option<&str>,
        headings: &[&str],
        paras: &[&str],
    ) {
        let st = analyse(text);
        assert_eq!(st.dateline.as_deref(), dateline, "dateline of {text:?}");
        assert_eq!(st.author.as_deref(), author, "author of {text:?}");
        assert_eq!(st.agency.as_deref(), agency, "agency of {text:?}");
        assert_eq!(st.headings, headings, "headings of {text:?}");
        let got: Vec<&str> = st
            .paragraphs
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(got, paras, "paragraphs of {text:?}");
    }

    #[test]
    fn byline_forms() {
        check(
            "الرباط-سناء الجدني\nقال الوزير إن النمو بلغ 3%.",
            Some("الرباط"),
            Some("سناء الجدني"),
            None,
            &[],
            &["قال الوزير إن النمو بلغ 3%."],
        );
        check(
            "فاس - محمد العلوي\nنص الخبر.",
            Some("فاس"),
            Some("محمد العلوي"),
            None,
            &[],
            &["نص الخبر."],
        );
        check(
            "الرياض (واس)\nنص الخبر.",
            Some("الرياض"),
            None,
            Some("واس"),
            &[],
            &["نص الخبر."],
        );
        check(
            "الرباط - و م ع: أعلن البنك المركزي اليوم عن قرار جديد.",
            Some("الرباط"),
            None,
            Some("و م ع"),
            &[],
            &["أعلن البنك المركزي اليوم عن قرار جديد."],
        );
    }

    #[test]
    fn agency_datelines() {
        check(
            "الرياض (واس) - أعلن البنك المركزي عن قرار.",
            Some("الرياض"),
            None,
            Some("واس"),
            &[],
            &["أعلن البنك المركزي عن قرار."],
        );
        check(
            "الرياض - واس:\nأعلن البنك المركزي عن قرار.",
            Some("الرياض"),
            None,
            Some("واس"),
            &[],
            &["أعلن البنك المركزي عن قرار."],
        );
    }

    #[test]
    fn running_text_is_not_a_heading() {
        let text = "أعلنت الوزارة أن 30 حالة سجلت.\n\nوقتل 5 أشخاص في الهجوم\n\nقال الوزير إن 5 أشخاص قتلوا\nوأكد الوزير أن 12 مصابا نقلوا.";
        let st = analyse(text);
        assert!(st.headings.is_empty(), "{:?}", st.headings);
        assert_eq!(st.paragraphs.len(), 4);
    }

    #[test]
    fn headings_and_paragraphs() {
        check(
            "المغرب ينظم الدورة 93 للأنتربول\nقال المسؤول إن التحضيرات بدأت.",
            None,
            None,
            None,
            &["المغرب ينظم الدورة 93 للأنتربول"],
            &["قال المسؤول إن التحضيرات بدأت."],
        );
        // A single unpunctuated line is text, not a heading.
        check("ارتفعت الأسعار", None, None, None, &[], &["ارتفعت الأسعار"]);
    }

    #[test]
    fn hard_wrapped_block_is_one_paragraph() {
        let text = "قال الوزير في ندوة صحفية عقدها صباح اليوم بمقر الوزارة في الرباط إن الحكومة\nقررت رفع الأجور بنسبة 5 في المائة.\n\nفقرة ثانية.";
        check(text, None, None, None, &[], &[
            "قال الوزير في ندوة صحفية عقدها صباح اليوم بمقر الوزارة في الرباط إن الحكومة\nقررت رفع الأجور بنسبة 5 في المائة.",
            "فقرة ثانية.",
        ]);
    }

    #[test]
    fn sentence_with_dash_is_not_a_byline() {
        check(
            "ودفعت ريادة المغرب – خلال السنوات الأخيرة- المشاركين إلى تجديد الثقة.",
            None,
            None,
            None,
            &[],
            &["ودفعت ريادة المغرب – خلال السنوات الأخيرة- المشاركين إلى تجديد الثقة."],
        );
    }
}
