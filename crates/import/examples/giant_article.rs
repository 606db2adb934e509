//! Peak memory of a giant single-line article through the streaming import (issue #14 item 1):
//! `cargo run --release -p claimtrack-import --example giant_article -- MB`. Builds one line of
//! `قال الوزير إن النمو بلغ 3.5 … للتخطيط. ` repeated to MB × 10^6 bytes, imports it with
//! `import_with` (claims counted, not kept) and prints bytes, claims and seconds; measure the
//! peak RSS with `/usr/bin/time -v` (the article text itself is MB of it).

use std::time::Instant;

use claimtrack_import::{import_with, ImportOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mb: usize = std::env::args()
        .nth(1)
        .ok_or("usage: giant_article MB")?
        .parse()?;
    let sentence = "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط. ";
    let text = sentence.repeat((mb * 1_000_000 / sentence.len()).max(1));
    let start = Instant::now();
    let mut claims = 0usize;
    import_with(
        &text,
        &ImportOptions::default(),
        |_| Ok::<(), std::convert::Infallible>(()),
        |_| {
            claims += 1;
            Ok(())
        },
    )?;
    println!(
        "{} bytes, {claims} claims, {:.2} s",
        text.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
