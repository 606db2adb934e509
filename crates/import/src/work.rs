//! A count of the work an import does, for tests that check it grows linearly with the input
//! (issue #14: work, not time, so the check is exact on any machine).
//!
//! Units are loosely "one character or comparison visited": tokenising counts the bytes it reads,
//! the claimant pass the cues and organisation keys it compares. Only tests count; in other
//! builds [`add`] is empty and free.

#[cfg(test)]
thread_local! {
    static UNITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Adds `n` units of work done on this thread.
#[inline]
pub(crate) fn add(n: u64) {
    #[cfg(test)]
    UNITS.with(|u| u.set(u.get() + n));
    #[cfg(not(test))]
    let _ = n;
}

/// The units counted on this thread since the last call, and resets the count.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    UNITS.with(|u| u.replace(0))
}

#[cfg(test)]
mod tests {
    /// The work units of importing `text`.
    fn work_of(text: &str) -> u64 {
        super::take();
        crate::import(text, &crate::ImportOptions::default()).expect("imports");
        super::take()
    }

    /// Issue #14: doubling an article doubles the work of importing it (within 10 %), for one
    /// long paragraph of repeated sentences and for many short lines. The claimant pass
    /// rescanned every claim and organisation before each claim, which made this quadratic.
    #[test]
    fn import_work_grows_linearly() {
        let paragraph = |n: usize| {
            "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط. وقالت الوزارة إن 20 مدرسة أغلقت. "
                .repeat(n)
        };
        let lines = |n: usize| (0..n).map(|k| format!("بلغ {k}.\n")).collect::<String>();
        let shapes = [
            ("one paragraph", paragraph(300), paragraph(600)),
            ("short lines", lines(3000), lines(6000)),
        ];
        for (name, single, double) in shapes {
            let (one, two) = (work_of(&single) as f64, work_of(&double) as f64);
            assert!(one > 0.0, "{name}: no work counted");
            let ratio = two / one;
            assert!(
                (1.8..=2.2).contains(&ratio),
                "{name}: doubling the input multiplied the work by {ratio:.2}"
            );
        }
    }
}
