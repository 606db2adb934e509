//! The facts two wordings of one claim must share: numbers, years and names. A claim about 12
//! deaths is not the claim about 120, whatever BM25 says.
//!
//! - numbers: digit runs of the folded text (Arabic-Indic digits are ASCII after folding),
//!   thousands separators joined (`1,200` = `1200`), years excluded;
//! - years: four-digit numbers 1900–2099;
//! - names: for Latin-script text, capitalised words that do not begin a sentence (a crude
//!   proper-noun cue); Arabic has no capitals, so Arabic text gives no names here and relies on
//!   the BM25 terms (documented limitation).

use std::collections::BTreeSet;

use claimtrack_model::fold::fold;

/// The facts of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Numbers other than years, as decimal strings without separators or leading zeros.
    pub numbers: BTreeSet<String>,
    /// Years 1900–2099.
    pub years: BTreeSet<String>,
    /// Capitalised Latin words that do not start a sentence, lower-cased.
    pub names: BTreeSet<String>,
}

/// Agreement between two sets: `Some(true)` when they share a member, `Some(false)` when both
/// are non-empty and share none (a conflict), `None` when either is empty (nothing to compare).
pub fn agreement(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        None
    } else {
        Some(a.intersection(b).next().is_some())
    }
}

/// The facts of `text`.
pub fn facts(text: &str) -> Facts {
    let folded = fold(text);
    let mut f = Facts::default();
    let mut digits = String::new();
    let chars: Vec<char> = folded.chars().collect();
    let flush = |digits: &mut String, f: &mut Facts| {
        if digits.is_empty() {
            return;
        }
        let n = digits.trim_start_matches('0');
        let n = if n.is_empty() { "0" } else { n };
        let is_year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
        if is_year {
            f.years.insert(n.to_owned());
        } else {
            f.numbers.insert(n.to_owned());
        }
        digits.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if matches!(c, ',' | '٬')
            && !digits.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            // a thousands separator: keep reading the same number
        } else {
            flush(&mut digits, &mut f);
        }
    }
    flush(&mut digits, &mut f);
    if !text.bytes().any(|b| b.is_ascii_uppercase()) {
        // No capital letter, no name (Arabic text): skip the per-word pass.
        return f;
    }
    let mut sentence_start = true;
    for w in text.split_whitespace() {
        let word: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        let first = word.chars().next();
        if !sentence_start && first.is_some_and(|c| c.is_ascii_uppercase()) && word.len() > 1 {
            f.names.insert(word.to_lowercase());
        }
        sentence_start = w.ends_with(['.', '!', '?', ':']) || (sentence_start && word.is_empty());
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_years_and_names() {
        let f = facts("Officials said 1,200 people died in Gaza in 2023, not 120.");
        assert_eq!(
            f.numbers.iter().map(String::as_str).collect::<Vec<_>>(),
            ["120", "1200"]
        );
        assert_eq!(
            f.years.iter().map(String::as_str).collect::<Vec<_>>(),
            ["2023"]
        );
        assert!(f.names.contains("gaza"));
        assert!(!f.names.contains("officials"), "sentence-initial");
    }

    #[test]
    fn arabic_indic_digits_are_numbers() {
        let a = facts("وفاة ١٢ شخصا");
        let b = facts("وفاة 120 شخصا");
        assert_eq!(agreement(&a.numbers, &b.numbers), Some(false));
        assert_eq!(agreement(&a.numbers, &facts("12 وفاة").numbers), Some(true));
        assert_eq!(agreement(&a.numbers, &facts("لا أرقام").numbers), None);
    }
}
