//! Prints what the importer finds in a file, one claim per line (for development):
//! `cargo run -p claimtrack-import --example dump -- FILE [YYYY-MM-DD]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [PUBLISHED]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1)
    });
    let published = args.next().and_then(|d| d.parse().ok());
    let opts = claimtrack_import::ImportOptions {
        published,
        ..Default::default()
    };
    match claimtrack_import::import(&text, &opts) {
        Ok(imp) => {
            let a = &imp.article;
            println!(
                "dateline={:?} author={:?} agency={:?} headings={:?}",
                a.dateline, a.author, a.agency, a.headings
            );
            for (i, c) in imp.claims.iter().enumerate() {
                println!(
                    "\n#{i} {:.2} {} {:?}\n  {}",
                    c.score,
                    c.kind,
                    c.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
                    c.text
                );
                for e in &c.entities {
                    println!(
                        "    {} {:?} = {:?}{}",
                        e.kind,
                        e.text,
                        e.value,
                        if e.relative { " (relative)" } else { "" }
                    );
                }
            }
            for d in &imp.diagnostics {
                println!("diagnostic: {}", d.message);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
