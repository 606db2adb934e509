//! `claimtrack score`: check-worthiness of each line of a text, without the database — for
//! pipelines and evaluation. Uses `claimtrack_import::assess_text`, the scorer `import` applies
//! to each claim.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::cli::{Format, ScoreArgs};
use crate::{render, safety};

/// One JSON Lines object of `score --format json` (stable contract).
#[derive(Debug, Serialize)]
struct ScoreJson<'a> {
    text: &'a str,
    score: f64,
    check_worthy: bool,
    kind: claimtrack_model::ClaimKind,
    reasons: Vec<claimtrack_model::Reason>,
}

pub fn run(args: ScoreArgs, out: &mut dyn Write) -> Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    let reader: Box<dyn BufRead> = if stdin {
        Box::new(BufReader::new(io::stdin().lock()))
    } else {
        Box::new(BufReader::new(
            fs::File::open(&args.file).with_context(|| format!("cannot read {name}"))?,
        ))
    };
    let mut table = render::Table::default();
    table.push_record(["line", "score", "kind", "reasons", "text"]);
    // Streams: one line read, scored and (in JSON) written at a time.
    for (i, line) in reader.split(b'\n').enumerate() {
        let bytes = line.with_context(|| format!("cannot read {name}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{name}: line {}: not valid UTF-8 (byte {} of the line)",
                i + 1,
                e.utf8_error().valid_up_to()
            )
        })?;
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let a = claimtrack_import::assess_text(text);
        if args.format == Format::Json {
            let row = ScoreJson {
                text,
                score: a.score,
                check_worthy: a.check_worthy,
                kind: a.kind,
                reasons: a.reasons,
            };
            // One compact line per input line, with bidi and control characters escaped.
            writeln!(
                out,
                "{}",
                safety::json_escape_unsafe(serde_json::to_string(&row)?)
            )?;
        } else {
            let reasons: Vec<&str> = a.reasons.iter().map(|r| r.as_str()).collect();
            table.push_record([
                (i + 1).to_string(),
                format!("{:.2}", a.score),
                a.kind.to_string(),
                reasons.join(", "),
                render::cell(text, if args.wide { None } else { Some(60) }),
            ]);
        }
    }
    if args.format == Format::Table {
        writeln!(out, "{}", table)?;
    }
    Ok(())
}
