//! `claimtrack score`: check-worthiness of each line of a text, without the database — for
//! pipelines and evaluation. Uses `claimtrack_import::assess_text`, the scorer `import` applies
//! to each claim; with `--article`, also `claimtrack_import::line_roles`, the structure analysis
//! `import` applies to an article (body lines are still scored whole, not per sentence).

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};

use anyhow::{Context as _, Result};
use claimtrack_import::{Assessment, LineRole};
use serde::Serialize;

use crate::cli::{Format, ScoreArgs};
use crate::{input, render, safety};

/// One JSON Lines object of `score --format json` (stable contract; `role` only with
/// `--article`).
#[derive(Debug, Serialize)]
struct ScoreJson<'a> {
    text: &'a str,
    score: f64,
    check_worthy: bool,
    kind: claimtrack_model::ClaimKind,
    reasons: Vec<claimtrack_model::Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<LineRole>,
}

/// The assessment of a line that is not a claim (empty, or article metadata): score 0.
fn not_a_claim() -> Assessment {
    claimtrack_import::assess_text("")
}

/// Writes the results line by line (JSON Lines) or collects them into the table.
struct Output<'a> {
    args: &'a ScoreArgs,
    out: &'a mut dyn Write,
    table: render::Table,
}

impl Output<'_> {
    fn row(&mut self, n: usize, text: &str, a: Assessment, role: Option<LineRole>) -> Result<()> {
        if self.args.format == Format::Json {
            let row = ScoreJson {
                text,
                score: a.score,
                check_worthy: a.check_worthy,
                kind: a.kind,
                reasons: a.reasons,
                role,
            };
            // One compact line per input line, with bidi and control characters escaped.
            writeln!(
                self.out,
                "{}",
                safety::json_escape_unsafe(serde_json::to_string(&row)?)
            )?;
        } else {
            let reasons: Vec<&str> = a.reasons.iter().map(|r| r.as_str()).collect();
            let mut cells = vec![n.to_string()];
            if let Some(role) = role {
                cells.push(role.as_str().to_string());
            }
            cells.extend([
                format!("{:.2}", a.score),
                a.kind.to_string(),
                reasons.join(", "),
                render::cell(text, if self.args.wide { None } else { Some(60) }),
            ]);
            self.table.push_record(cells);
        }
        Ok(())
    }
}

/// `name: line N: not valid UTF-8 (byte B of the line)` for bytes that are not UTF-8.
fn utf8_error(name: &str, bytes: &[u8], valid_up_to: usize) -> anyhow::Error {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    anyhow::anyhow!(
        "{name}: line {line}: not valid UTF-8 (byte {} of the line)",
        valid_up_to - line_start + 1
    )
}

pub fn run(args: ScoreArgs, out: &mut dyn Write) -> Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    // The whole input counts against the limit, streamed or not: an endless input stops.
    let limit = input::MAX_INPUT_BYTES;
    let mut reader: Box<dyn BufRead> = if stdin {
        Box::new(BufReader::new(input::Limited::new(
            io::stdin().lock(),
            limit,
        )))
    } else {
        Box::new(BufReader::new(input::Limited::new(
            fs::File::open(&args.file).with_context(|| format!("cannot read {name}"))?,
            limit,
        )))
    };
    let mut header = vec!["line"];
    if args.article {
        header.push("role");
    }
    header.extend(["score", "kind", "reasons", "text"]);
    let mut table = render::Table::default();
    table.push_record(header);
    let mut output = Output {
        args: &args,
        out,
        table,
    };
    if args.article {
        // An article's structure depends on its neighbouring lines: read it whole.
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| input::read_error(e, &name))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| utf8_error(&name, e.as_bytes(), e.utf8_error().valid_up_to()))?;
        // A byte-order mark opens the file, it is not part of the first line.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let roles = claimtrack_import::line_roles(text);
        let lines = roles.len();
        for (i, (line, role)) in text.split('\n').zip(roles).enumerate() {
            if i + 1 == lines && line.is_empty() {
                break; // the newline that ends the file starts no line
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            let a = if role == LineRole::Body {
                claimtrack_import::assess_text(line)
            } else {
                not_a_claim()
            };
            output.row(i + 1, line, a, Some(role))?;
        }
    } else {
        // Streams: one line read, scored and (in JSON) written at a time.
        for (i, line) in reader.split(b'\n').enumerate() {
            let bytes = line.map_err(|e| input::read_error(e, &name))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{name}: line {}: not valid UTF-8 (byte {} of the line)",
                    i + 1,
                    e.utf8_error().valid_up_to() + 1
                )
            })?;
            let text = text.strip_suffix('\r').unwrap_or(&text);
            // A byte-order mark opens the file, it is not part of the first line.
            let text = if i == 0 {
                text.strip_prefix('\u{FEFF}').unwrap_or(text)
            } else {
                text
            };
            output.row(i + 1, text, claimtrack_import::assess_text(text), None)?;
        }
    }
    if args.format == Format::Table {
        if !args.wide {
            output
                .table
                .fit(&["text", "reasons"], render::terminal_columns());
        }
        writeln!(output.out, "{}", output.table)?;
    }
    Ok(())
}
