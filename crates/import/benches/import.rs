//! Import throughput (no database): `cargo bench -p claimtrack-import`.
//!
//! Inputs: the seed article, 300 MArSum articles (Moroccan news, `shared/corpus/marsum/`,
//! first 300 of the test split), the CheckThat! 2024 Arabic dev tweets scored line by line,
//! one 800 KB line scored, and the shapes of issue #14 imported (one paragraph of 125 KB–1 MB,
//! 25k–100k short lines).
//! Criterion reports time per iteration and bytes/s; `cargo xtask eval` reports the same
//! pipeline's MB/s and sentences/s in the README's Quality section.

use std::path::PathBuf;

use claimtrack_import::{assess_text, import, ImportOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(path)
}

fn marsum_articles() -> Vec<String> {
    let corpus = std::fs::read_to_string(shared("corpus/marsum/MArSum1_test.txt"))
        .expect("shared/corpus/marsum beside the repository");
    corpus
        .lines()
        .skip(1)
        .take(300)
        .map(|l| {
            l.trim_start_matches('"')
                .split("\" \"")
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let seed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds/000_918a3ce10e0930b5.txt"),
    )
    .expect("the seed article");
    let opts = ImportOptions::default();

    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed", |b| b.iter(|| import(&seed, &opts).unwrap()));
    let articles = marsum_articles();
    g.throughput(Throughput::Bytes(
        articles.iter().map(|a| a.len() as u64).sum(),
    ));
    g.sample_size(10);
    g.bench_function("marsum_300", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| import(a, &opts).map_or(0, |i| i.claims.len()))
                .sum::<usize>()
        })
    });
    g.finish();

    let dev = std::fs::read_to_string(shared("checkworthiness/ct24_ar_dev.tsv"))
        .expect("shared/checkworthiness beside the repository");
    let tweets: Vec<&str> = dev
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(2))
        .collect();
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Bytes(
        tweets.iter().map(|t| t.len() as u64).sum(),
    ));
    g.sample_size(10);
    g.bench_function("ct24_dev_lines", |b| {
        b.iter(|| tweets.iter().map(|t| assess_text(t).score).sum::<f64>())
    });
    // One 800 KB line (a whole file without line breaks): `claimtrack score` scores it as one
    // text; entity overlap and date masking must stay near-linear (it took 3 s before they did).
    let long: String =
        "The minister said 12 people died in 2024 in Rabat, Morocco, and 40% more were injured. "
            .repeat(9_000);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("one_line_800kb", |b| b.iter(|| assess_text(&long).score));
    g.finish();

    // Issue #14: shapes that were quadratic in `import` (1 MB in one line took 58 s; many short
    // lines too). Each is imported whole; time per byte must stay flat as the size doubles.
    let mut g = c.benchmark_group("import_shapes");
    g.sample_size(10);
    for kb in [125, 250, 500, 1000] {
        let line = long_paragraph(kb * 1000);
        g.throughput(Throughput::Bytes(line.len() as u64));
        g.bench_function(format!("one_paragraph_{kb}kb"), |b| {
            b.iter(|| import(&line, &opts).map_or(0, |i| i.claims.len()))
        });
    }
    for n in [25_000, 50_000, 100_000] {
        let lines = short_lines(n);
        g.throughput(Throughput::Bytes(lines.len() as u64));
        g.bench_function(format!("short_lines_{n}"), |b| {
            b.iter(|| import(&lines, &opts).map_or(0, |i| i.claims.len()))
        });
    }
    g.finish();
}

/// One line of at least `bytes` bytes: the sentence of issue #14 repeated.
fn long_paragraph(bytes: usize) -> String {
    let sentence = "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط. ";
    sentence.repeat(bytes.div_ceil(sentence.len()))
}

/// `n` lines `بلغ N.` (issue #14's many-short-lines shape).
fn short_lines(n: usize) -> String {
    (0..n).map(|k| format!("بلغ {k}.\n")).collect()
}

criterion_group!(import_benches, benches);
criterion_main!(import_benches);
