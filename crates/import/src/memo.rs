//! Per-thread memo tables for pure functions of one folded word (its facts, `crate::words`).
//!
//! News text repeats its words (a few thousand distinct words make most of an article archive),
//! so computing these once per distinct word instead of once per occurrence removes most of the
//! importer's string work. Results are exactly those of the functions memoised: a table is a
//! cache, never a source of truth. Each table is per thread (no locking with `--jobs N`) and is
//! cleared when it reaches [`MAX_ENTRIES`], which bounds its memory. Since one table holds all of
//! a word's facts (`crate::words`; a word's cue forms kept only when it starts a cue), 65,536
//! words fit in what five tables of 16,384 took: peak RSS of the `throughput` example on the
//! SaudiNewsNet sample (its 17 MB of records included) 51 MB before, 46 MB with one table of
//! 16,384 words, 57 MB with 65,536, which miss a third fewer words (60,222 → 38,309 facts worked
//! out on the first 300 articles) for 6% fewer instructions.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// Entries a table holds before it is cleared and starts again.
pub(crate) const MAX_ENTRIES: usize = 1 << 16;

/// A memo table: folded word → cached value.
pub(crate) type Table<V> = RefCell<FxHashMap<Box<str>, V>>;

/// `compute(key)`, from `table` when this thread has computed it before.
pub(crate) fn cached<V: Clone + 'static>(
    table: &'static LocalKey<Table<V>>,
    key: &str,
    compute: impl FnOnce(&str) -> V,
) -> V {
    if let Some(v) = table.with(|t| t.borrow().get(key).cloned()) {
        return v;
    }
    // Computed outside the borrow: `compute` may use other tables.
    let v = compute(key);
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= MAX_ENTRIES {
            t.clear();
        }
        t.insert(key.into(), v.clone());
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: Table<usize> = RefCell::default();
    }

    #[test]
    fn computes_once_per_key_and_stays_bounded() {
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                cached(&LENGTHS, "كلمة", |k| {
                    calls += 1;
                    k.chars().count()
                }),
                4
            );
        }
        assert_eq!(calls, 1, "a second look-up is served from the table");
        for k in 0..MAX_ENTRIES + 10 {
            cached(&LENGTHS, &k.to_string(), str::len);
        }
        assert!(LENGTHS.with(|t| t.borrow().len()) <= MAX_ENTRIES);
        // After a clear the value is recomputed, and still the same.
        assert_eq!(cached(&LENGTHS, "كلمة", |k| k.chars().count()), 4);
    }
}
