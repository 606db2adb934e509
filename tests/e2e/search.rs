//! `search` and `--search`: FTS5 with BM25, Arabic-insensitive matching, snippets, readable
//! errors for malformed queries.

use serde_json::Value;

use crate::util::{assert_error_line, Env};

fn ids(env: &Env, query: &str, extra: &[&str]) -> Vec<i64> {
    let mut args = vec!["search", query, "--format", "json", "--limit", "100"];
    args.extend_from_slice(extra);
    env.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

fn texts(env: &Env, query: &str) -> Vec<String> {
    env.json(&["search", query, "--format", "json", "--limit", "100"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn arabic_variants_match_their_plain_forms() {
    let env = Env::with_seed();
    let found = texts(&env, "حموشي");
    assert!(
        found.iter().any(|t| t.contains("الحموشي")),
        "finds the definite form"
    );
    assert!(
        found.iter().any(|t| t.contains(" حموشي")),
        "finds the bare form"
    );
    let plain = ids(&env, "حموشي", &[]);
    assert!(plain.len() >= 8, "{plain:?}");
    // diacritics, tatweel, and the definite form written in the query
    assert_eq!(ids(&env, "حَمُّوشِي", &[]), plain);
    assert_eq!(ids(&env, "حمــــوشي", &[]), plain);
    assert!(ids(&env, "الحموشي", &[])
        .iter()
        .all(|id| plain.contains(id)));
    // Arabic-Indic digits find ASCII ones, and back
    let y = ids(&env, "٢٠٢٥", &[]);
    assert!(!y.is_empty());
    assert_eq!(ids(&env, "2025", &[]), y);
    assert!(texts(&env, "٢٠٢٥").iter().all(|t| t.contains("2025")));
    // alef forms: أ إ آ ٱ -> ا
    let spain = ids(&env, "اسبانيا", &[]);
    assert!(!spain.is_empty());
    assert_eq!(ids(&env, "إسبانيا", &[]), spain);
    assert_eq!(ids(&env, "أسبانيا", &[]), spain);
    // ة/ه and ى/ي
    assert_eq!(ids(&env, "المملكه", &[]), ids(&env, "المملكة", &[]));
    assert!(!ids(&env, "المملكة", &[]).is_empty());
}

#[test]
fn ranking_snippets_prefix_phrase_and_filters() {
    let env = Env::with_seed();
    let hits = env.json(&["search", "حموشي بومبيو", "--format", "json"]);
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    let ranks: Vec<f64> = hits.iter().map(|h| h["rank"].as_f64().unwrap()).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "best first: {ranks:?}"
    );
    let first = &hits[0];
    assert!(
        first["snippet"].as_str().unwrap().contains("[حموشي]"),
        "{first}"
    );
    assert!(
        first["snippet"].as_str().unwrap().contains("[بومبيو]"),
        "{first}"
    );
    assert_eq!(first["revision"], 0);
    // prefix and phrase
    let prefix = texts(&env, "بومب*");
    assert!(!prefix.is_empty() && prefix.iter().all(|t| t.contains("بومب")));
    let phrase = ids(&env, "\"عبد اللطيف حموشي\"", &[]);
    assert!(phrase.contains(&20), "{phrase:?}");
    assert_eq!(ids(&env, "\"حموشي اللطيف عبد\"", &[]), Vec::<i64>::new());
    assert!(ids(&env, "حموشي NOT بومبيو", &[])
        .iter()
        .all(|id| !ids(&env, "بومبيو", &[]).contains(id)));
    // filters
    env.ok(&["status", "20", "--set", "in_progress"]);
    assert_eq!(ids(&env, "حموشي", &["--status", "in_progress"]), [20]);
    let two = env.json(&["search", "حموشي", "--format", "json", "--limit", "2"]);
    assert_eq!(two.as_array().unwrap().len(), 2);
    assert_eq!(
        ids(&env, "حموشي", &["--article", "1"]),
        ids(&env, "حموشي", &[])
    );
    env.fails(&["search", "حموشي", "--article", "9"], 1);
    // tables highlight too; no hits is a plain line
    let table = env.ok(&["search", "حموشي"]);
    assert!(table.contains("[حموشي]"), "{table}");
    assert_eq!(env.ok(&["search", "zzzzqqq"]), "no matching claims\n");
    assert_eq!(
        env.json(&["search", "zzzzqqq", "--format", "json"]),
        Value::Array(vec![])
    );
}

#[test]
fn article_titles_are_searched() {
    let env = Env::new();
    let file = env.write(
        "a.txt",
        "قال الوزير إن 2000 مهاجر وصلوا إلى الرباط يوم الاثنين.\n",
    );
    env.ok(&["import", &file, "--title", "تقرير الهجرة السنوي"]);
    let hits = env.json(&["search", "تقرير", "--format", "json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["article_title"], "تقرير الهجرة السنوي");
}

#[test]
fn malformed_queries_get_readable_errors() {
    let env = Env::with_seed();
    for (q, msg) in [
        ("\"حموشي", "a quote is not closed"),
        ("", "there is no word to search for"),
        ("AND", "there is no word to search for"),
        ("حموشي OR", "AND, OR, NOT and parentheses must join words"),
        ("(حموشي", "AND, OR, NOT and parentheses must join words"),
        ("حم*", "a prefix needs at least 3 letters"),
        ("...", "has no letters or digits"),
    ] {
        let err = env.fails(&["search", q], 1);
        assert_error_line(&err, msg);
        assert!(!err.contains("fts5") && !err.contains("SQL"), "{err}");
    }
    // punctuation inside a word is harmless
    env.ok(&["search", "covid-19"]);
    env.ok(&["search", "title:x"]);
}
