//! Issue #14 item 1: `import_with` holds no more than a sentence's claims, so its peak memory
//! grows with the article text only (the text's copy in the article, the paragraph spans), not
//! with its claims as `import`'s does. Measured with a counting global allocator (bytes live on
//! the heap), so the check is exact on any machine; time is not measured here (see the
//! `giant_article` example for peak RSS of a 50 MB article).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use claimtrack_import::{import, import_with, ImportOptions};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes above those live before `f` ran, at their peak while it ran. The test binary runs
/// this file's single test alone, so no other thread allocates meanwhile.
fn peak_during(f: impl FnOnce()) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    f();
    PEAK.load(Relaxed) - before
}

/// An article of `lines` paragraphs, two claims each, about 190 bytes a line.
fn article(lines: usize) -> String {
    (0..lines)
        .map(|k| {
            format!("قال الوزير إن النمو بلغ {k} في المائة سنة 2019 حسب المندوبية السامية للتخطيط. وأغلقت {k} مدرسة.\n")
        })
        .collect()
}

#[test]
fn streaming_memory_grows_with_the_text_not_the_claims() {
    let opts = ImportOptions::default();
    let (small, large) = (article(3_000), article(6_000));
    let streamed = |text: &str| {
        peak_during(|| {
            let mut claims = 0;
            import_with(
                text,
                &opts,
                |_| Ok::<(), ()>(()),
                |_| {
                    claims += 1;
                    Ok(())
                },
            )
            .expect("imports");
            assert!(claims >= 2 * 3_000, "only {claims} claims");
        })
    };
    let whole = |text: &str| {
        peak_during(|| {
            let imported = import(text, &opts).expect("imports");
            assert!(imported.claims.len() >= 2 * 3_000);
        })
    };
    let (s_small, s_large) = (streamed(&small), streamed(&large));
    let (w_small, w_large) = (whole(&small), whole(&large));
    let added_text = large.len() - small.len();
    eprintln!(
        "text {} -> {} bytes: import_with peak {s_small} -> {s_large} bytes; import peak {w_small} -> {w_large} bytes",
        small.len(),
        large.len()
    );
    // Doubling the text adds its copy in the article and the spans of the paragraphs (under
    // 2 bytes of heap per added byte of text; the pass-1 cache is bounded), not the claims (`import` needs ~25-120).
    assert!(
        s_large - s_small.min(s_large) < 2 * added_text,
        "import_with peak grew by {} bytes for {added_text} bytes of text",
        s_large - s_small.min(s_large)
    );
    // `import` holds every claim: its peak grows several times faster.
    let (s_growth, w_growth) = (
        s_large.saturating_sub(s_small),
        w_large.saturating_sub(w_small),
    );
    assert!(
        s_growth * 5 < w_growth,
        "import_with peak grew by {s_growth} bytes, import's by {w_growth}: not well under"
    );
}
