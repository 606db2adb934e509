//! Colour on the terminal: when to use it and which colours the status and verdict cells get.
//!
//! Conventions (as ripgrep and jj): `--color auto` (the default) colours only when stdout is a
//! terminal, `NO_COLOR` (any non-empty value, <https://no-color.org>) is unset and `TERM` is not
//! `dumb`; `--color always` colours even into a pipe (for `less -R`), `--color never` never.
//! Only table text is coloured: JSON, CSV and exported documents never hold escape codes.

use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use claimtrack_model::{Status, Verdict};
use clap::ValueEnum;

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour (also into pipes)
    Always,
    /// Never colour
    Never,
}

/// Whether output is coloured, set once by `main` ([`set_enabled`]).
static ENABLED: AtomicBool = AtomicBool::new(false);

/// Whether to colour: `choice` from `--color`, `terminal` whether stdout is a terminal,
/// `no_color` and `term` the values of `NO_COLOR` and `TERM`.
pub fn decide(
    choice: ColorChoice,
    terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal && no_color.is_none_or(str::is_empty) && term.is_none_or(|t| t != "dumb")
        }
    }
}

/// Remembers the decision for the rest of the process (called once, by `main`).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// True when output is coloured (see [`decide`], [`set_enabled`]).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The colour of a status: work in progress yellow, waiting for an editor cyan, published green,
/// dismissed dimmed; `unverified` plain.
pub fn status_style(status: Status) -> Option<Style> {
    let fg = |c: AnsiColor| Some(Style::new().fg_color(Some(c.into())));
    match status {
        Status::Unverified => None,
        Status::InProgress => fg(AnsiColor::Yellow),
        Status::InReview => fg(AnsiColor::Cyan),
        Status::Published => fg(AnsiColor::Green),
        Status::Dismissed => Some(Style::new().dimmed()),
    }
}

/// The colour of a verdict: true and mostly true green, mixed yellow, mostly false and false
/// red (bold for false), misleading and missing context magenta, satire blue, unverifiable
/// dimmed.
pub fn verdict_style(verdict: Verdict) -> Option<Style> {
    let fg = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    Some(match verdict {
        Verdict::True | Verdict::MostlyTrue => fg(AnsiColor::Green),
        Verdict::Mixed => fg(AnsiColor::Yellow),
        Verdict::MostlyFalse => fg(AnsiColor::Red),
        Verdict::False => fg(AnsiColor::Red).bold(),
        Verdict::Misleading | Verdict::MissingContext => fg(AnsiColor::Magenta),
        Verdict::Satire => fg(AnsiColor::Blue),
        Verdict::Unverifiable => Style::new().dimmed(),
    })
}

/// `text` wrapped in `style`'s escape codes when colour is [`enabled`]; unchanged otherwise.
pub fn paint(text: &str, style: Option<Style>) -> String {
    match style {
        Some(style) if enabled() => format!("{}{text}{}", style.render(), style.render_reset()),
        _ => text.to_owned(),
    }
}

/// The style of a table cell that shows a status (`in_progress`) or a verdict label
/// (`false · زائف`), chosen by its column's header; `None` for other columns and `-`.
pub fn cell_style(header: &str, cell: &str) -> Option<Style> {
    let first = cell.split(" · ").next().unwrap_or(cell).trim();
    match header {
        "status" => first.parse::<Status>().ok().and_then(status_style),
        "verdict" => first.parse::<Verdict>().ok().and_then(verdict_style),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_terminal_no_color_and_term() {
        let on = decide;
        assert!(on(ColorChoice::Auto, true, None, Some("xterm-256color")));
        assert!(
            on(ColorChoice::Auto, true, Some(""), None),
            "empty NO_COLOR is unset"
        );
        assert!(
            !on(ColorChoice::Auto, false, None, None),
            "never into a pipe"
        );
        assert!(!on(ColorChoice::Auto, true, Some("1"), None));
        assert!(!on(ColorChoice::Auto, true, None, Some("dumb")));
        assert!(on(ColorChoice::Always, false, Some("1"), Some("dumb")));
        assert!(!on(ColorChoice::Never, true, None, None));
    }

    #[test]
    fn status_and_verdict_cells_are_recognised() {
        assert!(cell_style("status", "in_progress").is_some());
        assert!(cell_style("status", "unverified").is_none());
        assert!(cell_style("verdict", "false · زائف").is_some());
        assert!(cell_style("verdict", "-").is_none());
        assert!(cell_style("claim", "false").is_none());
    }
}
