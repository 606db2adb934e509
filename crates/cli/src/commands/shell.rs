//! `claimtrack completions SHELL` (clap_complete) and `claimtrack man` (clap_mangen): both are
//! generated from the clap definition in `cli.rs`, so they never fall behind the commands. Neither
//! opens the database. `cargo xtask dist` runs these two commands of the release binary and ships
//! what they print.
//!
//! The manual is one page, `claimtrack(1)`: clap_mangen's page of the top command (synopsis,
//! description, global options), then a COMMANDS section with one subsection per command and
//! nested command (`claimtrack evidence add`) holding its synopsis, description and options, then
//! EXIT STATUS and ENVIRONMENT. Every character outside ASCII (the Arabic labels, `…`) is written
//! as a groff escape `\[uXXXX]`, so the page source is plain ASCII and renders the same with or without
//! `preconv` (which `man` runs and bare `groff` does not).

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use crate::cli::Cli;

/// The program name the scripts complete and the manual documents.
const BIN: &str = "claimtrack";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

/// `claimtrack completions SHELL`: the completion script on `out`.
pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    // clap_complete panics when its writer fails; generate into memory, so a closed pipe is an
    // ordinary write error that `main` turns into exit 0.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), BIN, &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// `claimtrack man`: the manual page (roff) on `out`.
pub fn man(out: &mut dyn Write) -> Result<()> {
    out.write_all(man_page()?.as_bytes())?;
    Ok(())
}

/// The whole `claimtrack(1)` page, ASCII only.
pub fn man_page() -> Result<String> {
    let mut cmd = Cli::command()
        .bin_name(BIN)
        .subcommand_value_name("command")
        .disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone());
    // The title line by hand: clap_mangen leaves the date empty, which `roff` writes as nothing,
    // so the source would slide into the date's place.
    let version = cmd.get_version().unwrap_or_default();
    let mut page = format!(
        "{APOSTROPHE}.TH CLAIMTRACK 1 \"\" \"claimtrack {version}\" \"User Commands\"\n.nh\n"
    );
    let mut top = Vec::new();
    man.render_name_section(&mut top)?;
    man.render_synopsis_section(&mut top)?;
    page.push_str(&String::from_utf8(top)?);
    page.push_str(&roff(
        Roff::new()
            .control("SH", ["DESCRIPTION"])
            .text([roman(DESCRIPTION)]),
    ));
    let mut options = Vec::new();
    man.render_options_section(&mut options)?;
    page.push_str(&String::from_utf8(options)?);

    page.push_str(".SH COMMANDS\n");
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    // "the global options --db, --by, --color and --quiet", from clap's own list.
    let mut intro = vec![roman("Each command below also takes the global options ")];
    let longs: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    for (i, long) in longs.iter().enumerate() {
        if i > 0 {
            intro.push(roman(if i + 1 == longs.len() { " and " } else { ", " }));
        }
        intro.push(bold(long));
    }
    intro.extend([
        roman(", and "),
        bold("-h"),
        roman(" ("),
        bold("--help"),
        roman(") for its help on the terminal."),
    ]);
    page.push_str(&roff(Roff::new().text(intro)));
    for sub in cmd.get_subcommands() {
        command_section(sub, &globals, &mut page)?;
    }

    let mut tail = Roff::new();
    for (heading, items) in [("EXIT STATUS", EXIT_STATUS), ("ENVIRONMENT", ENVIRONMENT)] {
        tail.control("SH", [heading]);
        for (name, text) in items {
            tail.control("TP", [])
                .text([bold(*name)])
                .text([roman(*text)]);
        }
    }
    page.push_str(&roff(&tail));

    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    page.push_str(std::str::from_utf8(&version)?);
    Ok(ascii(&tidy(&page)))
}

/// The apostrophe string that `roff` defines before every fragment it writes.
const APOSTROPHE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The page's DESCRIPTION (the README's opening, shortened).
const DESCRIPTION: &str = "claimtrack turns news articles into a tracked list of verifiable \
    claims for fact-checkers. It reads an article (Arabic first, Modern Standard Arabic and \
    Moroccan Darija, with English and French supported), splits it into claim candidates with \
    exact provenance (UTF-8 byte spans into the stored text), scores each one for \
    check-worthiness with the reasons behind the score, extracts the entities it mentions, and \
    stores everything in a local SQLite database where each claim's workflow status and \
    verdict are tracked with an append-only history: who changed what, when and why.";

/// `page` with the apostrophe definition once, at the top, and no blank lines: a blank line is
/// a vertical space in roff; clap_mangen leaves one where an option has no help text (dropped)
/// and one between an option's help and its list of values (kept as `.sp`).
fn tidy(page: &str) -> String {
    let mut out = String::from(APOSTROPHE);
    let mut previous = "";
    for line in page.replace(APOSTROPHE, "").lines() {
        if line.trim().is_empty() {
            if previous == ".br" {
                out.push_str(".sp\n");
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
        previous = line;
    }
    out
}

/// The EXIT STATUS section (as in `main.rs`).
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success, also when the reader of stdout goes away early (a closed pipe).",
    ),
    (
        "1",
        "Error: an unknown claim, an unreadable file, a refused transition, no database... \
         The message is one line on stderr starting with \"claimtrack: error:\", followed by \
         a line starting with \"hint:\" where a next step helps.",
    ),
    (
        "2",
        "Usage error: an unknown command, option, status or verdict, a bad date, an id or \
         score out of range. The message starts with \"claimtrack: error:\" too.",
    ),
    (
        "3",
        "Conflict: someone else changed the claim first (--expect-revision, --expect-status).",
    ),
    ("4", "The database stayed locked by another writer; retry."),
];

/// The variables of the ENVIRONMENT section.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "CLAIMTRACK_DB",
        "The database file when --db is not given (default: claimtrack.db in the current \
         directory).",
    ),
    (
        "CLAIMTRACK_USER",
        "Who makes the changes, recorded in the history, when --by is not given (default: \
         USER or USERNAME, else \"unknown\").",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto (the default) does not colour \
         (https://no-color.org); --color always still does.",
    ),
    (
        "CLAIMTRACK_PUBLISHER, CLAIMTRACK_PUBLISHER_URL",
        "The fact-checking desk and its site for export --format claimreview, when \
         --publisher and --publisher-url are not given.",
    ),
];

/// Appends the subsection of `cmd` (a command below `claimtrack`, built, so its bin name is the
/// full `claimtrack evidence add`), then those of its own commands. The global options
/// (`globals`) and `--help` are left to the top of the page.
fn command_section(cmd: &clap::Command, globals: &[String], page: &mut String) -> Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let mut cmd = cmd.clone();
    for id in globals.iter().map(String::as_str).chain(["help"]) {
        if cmd.get_arguments().any(|a| a.get_id() == id) {
            cmd = cmd.mut_arg(id, |a| a.hide(true));
        }
    }
    if cmd.has_subcommands() {
        cmd = cmd.subcommand_value_name("command");
    }
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_owned();
    // clap_mangen lists the arguments with the options; say "Arguments" when there are only those.
    let options_label = if cmd
        .get_arguments()
        .any(|a| !a.is_hide_set() && !a.is_positional() && a.get_help_heading().is_none())
    {
        "Options:"
    } else {
        "Arguments:"
    };
    let headings: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_help_heading())
        .map(str::to_owned)
        .collect();

    let mut rendered = Vec::new();
    Man::new(cmd.clone()).render(&mut rendered)?;
    let rendered = String::from_utf8(rendered)?;

    let _ = writeln!(page, ".SS \"{name}\"");
    // clap_mangen's page of the command, section by section: NAME is the subsection title,
    // SYNOPSIS and DESCRIPTION are kept as they are, the option lists get a label, the list of
    // nested commands and VERSION are left out (nested commands follow as subsections).
    let mut keep = false;
    for line in rendered.lines() {
        if let Some(section) = line.strip_prefix(".SH ") {
            let section = section.trim_matches('"');
            keep = true;
            match section {
                "NAME" | "SUBCOMMANDS" | "VERSION" | "AUTHORS" => keep = false,
                "SYNOPSIS" => {}
                "DESCRIPTION" => page.push_str(".PP\n"),
                "OPTIONS" => {
                    let _ = writeln!(page, ".PP\n\\fI{options_label}\\fR");
                }
                other => {
                    let label = headings
                        .iter()
                        .find(|h| h.to_uppercase() == other)
                        .map_or(other, String::as_str);
                    page.push_str(&roff(
                        Roff::new()
                            .control("PP", [])
                            .text([clap_mangen::roff::italic(format!("{label}:"))]),
                    ));
                }
            }
            continue;
        }
        if keep && !line.starts_with(".TH ") {
            page.push_str(line);
            page.push('\n');
        }
    }
    for sub in cmd.get_subcommands() {
        command_section(sub, globals, page)?;
    }
    Ok(())
}

/// A roff fragment as text, apostrophes written as `\*(Aq` (the preamble defining it is left
/// once at the top of the page by [`tidy`]).
fn roff(roff: &Roff) -> String {
    let mut text = Vec::new();
    roff.to_writer(&mut text)
        .expect("writing to memory does not fail");
    String::from_utf8(text).expect("roff writes the UTF-8 it was given")
}

/// `text` with every character outside ASCII written as the groff escape `\[uXXXX]`.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\[u{:04X}]", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_becomes_groff_escapes() {
        assert_eq!(
            ascii("a زائف…"),
            "a \\[u0632]\\[u0627]\\[u0626]\\[u0641]\\[u2026]"
        );
    }

    #[test]
    fn the_page_is_ascii_and_covers_every_command() {
        let page = man_page().unwrap();
        assert!(page.is_ascii());
        assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq\n"), "{page}");
        for name in [
            "import",
            "status",
            "evidence add",
            "db backup",
            "lint-claimreview",
            "man",
        ] {
            assert!(
                page.contains(&format!(".SS \"claimtrack {name}\"\n")),
                "{name} missing"
            );
        }
        assert!(
            !page.contains("claimtrack help"),
            "no help command in the manual"
        );
    }
}
