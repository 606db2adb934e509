//! Output safety: the policy lives in `claimtrack-report` (`claimtrack_report::safety`), shared
//! by the CLI and the reports so that a terminal, a CSV file, JSON, Markdown and HTML all treat
//! imported text the same way. See that module for the rules: control and bidi characters are
//! shown as `\u{…}` escapes in terminals and CSV, written as `\uXXXX` in JSON, removed in
//! published documents; CSV cells get the OWASP formula guard.

pub use claimtrack_report::safety::*;
