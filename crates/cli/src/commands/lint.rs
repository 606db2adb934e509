//! `claimtrack lint-claimreview FILE|-`: the offline ClaimReview validator of
//! `claimtrack-report`. Prints `path: message` per problem on stdout; any error makes the command
//! fail (exit 1), warnings alone do not.

use std::io::Write;

use anyhow::{bail, Context, Result};
use claimtrack_report::lint;

use crate::cli::LintArgs;
use crate::{input, render};

pub fn run(args: LintArgs, out: &mut dyn Write) -> Result<()> {
    let name = args.file.display().to_string();
    let name = if name == "-" {
        "<stdin>".to_owned()
    } else {
        name
    };
    let bytes = input::read_bytes(&args.file, &name, input::MAX_INPUT_BYTES)?;
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
