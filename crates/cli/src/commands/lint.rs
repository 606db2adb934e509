//! `claimtrack lint-claimreview FILE|-`: the offline ClaimReview validator of
//! `claimtrack-report`. Prints `path: message` per problem on stdout; any error makes the command
//! fail (exit 1), warnings alone do not.

use std::io::{Read, Write};

use anyhow::{bail, Context, Result};
use claimtrack_report::lint;

use crate::cli::LintArgs;
use crate::render;

pub fn run(args: LintArgs, out: &mut dyn Write) -> Result<()> {
    let name = args.file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read stdin")?;
        buf
    } else {
        std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?
    };
    let text = String::from_utf8(bytes).with_context(|| format!("{name} is not UTF-8"))?;
    let problems = lint::lint_str(&text);
    for p in &problems {
        render::write_line(out, &p.to_string())?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == lint::Severity::Error)
        .count();
    if errors > 0 {
        bail!(
            "{name}: {errors} error{} in the ClaimReview markup",
            if errors == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
