//! Readers for the public check-worthiness data in `shared/checkworthiness/` (see its README and
//! `shared/notes/arabic-text.md` §10 for the formats and their pitfalls: tweets contain raw `"`, so
//! fields are split on tabs with CSV quoting off; CLEF 2018 files have CRLF and may start with a BOM).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Example {
    /// The tweet or debate line.
    pub text: String,
    /// True when annotated check-worthy.
    pub positive: bool,
    /// Grouping for ranking metrics (CLEF 2018: the debate; CheckThat! 2021: the topic).
    pub group: String,
}

/// `shared/checkworthiness/`, beside the repository.
pub fn checkworthiness_dir(root: &Path) -> PathBuf {
    root.join("../shared/checkworthiness")
}

fn tsv(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        rows.push(
            rec.iter()
                .map(|f| {
                    f.trim_start_matches('\u{FEFF}')
                        .trim_end_matches('\r')
                        .to_string()
                })
                .collect(),
        );
    }
    Ok(rows)
}

fn label(path: &Path, line: usize, v: &str) -> Result<bool> {
    match v.trim() {
        "Yes" | "1" => Ok(true),
        "No" | "0" => Ok(false),
        other => bail!(
            "{}: line {line}: unexpected label '{other}'",
            path.display()
        ),
    }
}

/// Reads a CheckThat! TSV with a header row: `text` and `label` are column indexes, `group` the
/// topic column, if any.
fn checkthat(
    path: &Path,
    fields: usize,
    text: usize,
    label_col: usize,
    group: Option<usize>,
) -> Result<Vec<Example>> {
    let rows = tsv(path)?;
    rows.iter()
        .enumerate()
        .skip(1)
        .map(|(i, r)| {
            if r.len() < fields {
                bail!(
                    "{}: line {}: expected {fields} fields, found {}",
                    path.display(),
                    i + 1,
                    r.len()
                );
            }
            Ok(Example {
                text: r[text].clone(),
                positive: label(path, i + 1, &r[label_col])?,
                group: group.map_or_else(|| "checkthat".to_string(), |g| r[g].clone()),
            })
        })
        .collect()
}

/// CheckThat! 2024 Task 1 Arabic (`ct24_ar_{split}.tsv`): `tweet_id tweet_url tweet_text class_label`.
pub fn ct24(root: &Path, split: &str) -> Result<Vec<Example>> {
    checkthat(
        &checkworthiness_dir(root).join(format!("ct24_ar_{split}.tsv")),
        4,
        2,
        3,
        None,
    )
}

/// CheckThat! 2021 subtask 1A Arabic (`CT21-AR-{Split}-T1-Labels.tsv`):
/// `topic_id tweet_id tweet_url tweet_text claim claim_worthiness`.
pub fn ct21(root: &Path, split: &str) -> Result<Vec<Example>> {
    checkthat(
        &checkworthiness_dir(root).join(format!("CT21-AR-{split}-T1-Labels.tsv")),
        6,
        3,
        5,
        Some(0),
    )
}

/// CLEF 2018 Task 1 Arabic debates: `line_no speaker text label`, no header; one group per file.
pub fn clef2018(root: &Path) -> Result<Vec<Example>> {
    let dir = checkworthiness_dir(root).join("clef2018");
    let mut out = Vec::new();
    for name in [
        "Task1-Arabic-1st-Presidential",
        "Task1-Arabic-2nd-Presidential",
        "Task1-Arabic-Vice-Presidential",
    ] {
        let path = dir.join(format!("{name}.txt"));
        for (i, r) in tsv(&path)?.iter().enumerate() {
            if r.len() < 4 {
                bail!(
                    "{}: line {}: expected 4 fields, found {}",
                    path.display(),
                    i + 1,
                    r.len()
                );
            }
            out.push(Example {
                text: r[2].clone(),
                positive: label(&path, i + 1, &r[3])?,
                group: name.into(),
            });
        }
    }
    Ok(out)
}
