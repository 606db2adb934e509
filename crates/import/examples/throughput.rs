//! Single-threaded throughput of the pure import pipeline (no database) on a JSON Lines file of
//! `{title, url, content}` records: `cargo run --release -p claimtrack-import --example
//! throughput -- FILE.jsonl [ROUNDS]`. Prints bytes of `content` imported, claims, seconds and
//! MB/s (10^6 bytes of UTF-8 per second) for the best of ROUNDS (default 1) passes; also a handy
//! driver for `perf record`.

use std::time::Instant;

use claimtrack_import::{import, ImportOptions};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    content: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput FILE.jsonl [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(1), |r| r.parse())?;
    let text = std::fs::read_to_string(&path)?;
    let mut records = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let r: Record =
            serde_json::from_str(line).map_err(|e| format!("{path} line {}: {e}", n + 1))?;
        records.push(r);
    }
    let bytes: usize = records.iter().map(|r| r.content.len()).sum();
    let mut best = f64::INFINITY;
    let mut claims = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        claims = 0;
        for r in &records {
            let opts = ImportOptions {
                title: r.title.clone(),
                url: r.url.clone(),
                ..Default::default()
            };
            claims += import(&r.content, &opts).map_or(0, |i| i.claims.len());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} records, {bytes} bytes, {claims} claims, {best:.2} s, {:.2} MB/s",
        records.len(),
        bytes as f64 / best / 1e6
    );
    Ok(())
}
