//! `factchecks import|list|rematch`, `match`, `verdict --from-match`, the `seen` column and the
//! matches of `show`: the desk's "has this been checked before?" workflow end to end, on the
//! fixtures of `tests/fixtures/factchecks/`.

use std::path::PathBuf;

use crate::util::{assert_error_line, Env};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/factchecks")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_str().unwrap().to_owned()
}

const ARTICLE: &str = "بغداد (رويترز) - قال مسؤولون إن 120 شخصا لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد مساء السبت.\n\nوقال وزير الصحة إن التحقيق جار في أسباب الحريق الذي اندلع في وحدة العناية المركزة.\n";

fn library(env: &Env) {
    for f in [
        "misbar.jsonld",
        "google-api.json",
        "checks.csv",
        "fatabyyano.jsonl",
        "afp-page.html",
        "datacommons-feed.json",
    ] {
        env.ok(&["factchecks", "import", &fixture(f)]);
    }
}

#[test]
fn import_list_and_reimport_is_unchanged() {
    let env = Env::new();
    library(&env);
    let all = env.json(&["factchecks", "list", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 11);
    let ar = env.json(&["factchecks", "list", "--language", "ar", "--format", "json"]);
    assert!(ar.as_array().unwrap().iter().all(|f| f["language"] == "ar"));
    let misbar = env.json(&[
        "factchecks",
        "list",
        "--publisher",
        "مسبار",
        "--format",
        "json",
    ]);
    assert_eq!(misbar.as_array().unwrap().len(), 2);
    assert_eq!(misbar[1]["verdict"], "false");
    let again = env.json(&[
        "factchecks",
        "import",
        &fixture("misbar.jsonld"),
        "--format",
        "json",
    ]);
    assert_eq!(again[0]["unchanged"], 2);
    assert_eq!(again[0]["inserted"], 0);
}

#[test]
fn bad_records_are_reported_with_file_and_record_and_the_rest_stored() {
    let env = Env::new();
    let err = env.fails(&["factchecks", "import", &fixture("broken/mixed.jsonl")], 1);
    assert!(
        err.contains(
            "mixed.jsonl: record 2: url \"ftp://fatabyyano.net/bad-scheme/\" is not http or https"
        ),
        "{err}"
    );
    assert!(
        err.contains("mixed.jsonl: record 4: line is not valid JSON"),
        "{err}"
    );
    let last = err.trim_end().lines().last().unwrap();
    assert_error_line(last, "5 records could not be imported");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("claimtrack: warning: "))
            .count(),
        5,
        "{err}"
    );
    let all = env.json(&["factchecks", "list", "--format", "json"]);
    assert_eq!(
        all.as_array().unwrap().len(),
        1,
        "the good record is stored"
    );
    // A directory is read recursively.
    let env = Env::new();
    let err = env.fails(&["factchecks", "import", fixtures().to_str().unwrap()], 1);
    assert!(err.contains("no-url-column.csv: record 0"), "{err}");
    let all = env.json(&["factchecks", "list", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 13);
}

#[test]
fn match_json_contract_threshold_and_reasons() {
    let env = Env::new();
    library(&env);
    let m = env.json(&[
        "match",
        "--text",
        "وفاة 120 شخصاً في حريق مستشفى ابن الخطيب ببغداد",
        "--format",
        "json",
    ]);
    let m = m.as_array().unwrap();
    assert_eq!(m.len(), 1, "only the fire is above suggest: {m:?}");
    let f = &m[0]["factcheck"];
    for key in [
        "id",
        "url",
        "claim",
        "title",
        "rating",
        "verdict",
        "publisher",
        "date",
        "language",
    ] {
        assert!(f.get(key).is_some(), "factcheck.{key} missing");
    }
    assert_eq!(
        f["url"],
        "https://misbar.com/factcheck/2023/03/14/fire-baghdad-hospital-120-deaths"
    );
    assert_eq!(m[0]["strong"], true);
    assert!(m[0]["score"].as_f64().unwrap() > 0.9);
    assert!(m[0]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["term"] == "حريق"));
    let reasons = m[0]["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r["signal"] == "numbers_agree" && r["detail"] == "numbers agree: 120"),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r["signal"] == "age"),
        "the fact-check's age is shown"
    );
    // 12 deaths is not the claim about 120: the number conflict lowers the score.
    let other = env.json(&[
        "match",
        "--text",
        "وفاة 12 شخصاً في حريق مستشفى ابن الخطيب ببغداد",
        "--format",
        "json",
    ]);
    let other = other.as_array().unwrap();
    assert!(
        other.is_empty() || other[0]["score"].as_f64().unwrap() < m[0]["score"].as_f64().unwrap()
    );
    // Unrelated text matches nothing; the table says so.
    let none = env.ok(&["match", "--text", "افتتاح مصنع سيارات كهربائية في المغرب"]);
    assert!(none.contains("no earlier fact-check matches"), "{none}");
}

#[test]
fn seed_claim_seen_confirmed_from_match_and_shown() {
    let env = Env::new();
    library(&env);
    let article = env.write("fire.txt", ARTICLE);
    env.ok(&["import", &article]);
    let claims = env.ok(&["claims"]);
    assert!(claims.contains("seen"), "{claims}");
    assert!(claims.contains("1.00!"), "{claims}");
    let m = env.json(&["match", "1", "--format", "json"]);
    let fc = m[0]["factcheck"]["id"].as_i64().unwrap();
    // The JSON carries the stored best match as the table does; a claim without one has none.
    let listed = env.json(&["claims", "--format", "json"]);
    let seen = &listed[0]["seen"];
    assert_eq!(
        (seen["factcheck_id"].as_i64(), seen["strong"].as_bool()),
        (Some(fc), Some(true)),
        "{listed}"
    );
    assert!(
        seen["score"].as_f64().unwrap() >= claimtrack_match::Thresholds::EMBEDDED.strong,
        "{seen}"
    );
    assert_eq!(env.json(&["show", "1", "--format", "json"])["seen"], *seen);
    let all = env.json(&["claims", "--all", "--format", "json"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|c| c.get("seen").is_none()),
        "{all}"
    );
    let by_article = env.json(&["match", "--article", "1", "--format", "json"]);
    assert_eq!(by_article[0]["claim_id"], 1);
    // A suggestion never sets a verdict.
    assert_eq!(
        env.json(&["show", "1", "--format", "json"])["verdict"],
        serde_json::Value::Null
    );
    env.ok(&[
        "verdict",
        "1",
        "--from-match",
        &fc.to_string(),
        "--note",
        "same claim as Misbar's check of 2023",
    ]);
    let h = env.history(1);
    assert!(
        h.iter()
            .any(|e| e["field"] == "verdict" && e["to"] == "misleading"),
        "{h:?}"
    );
    assert!(
        h.iter().any(|e| e
            .to_string()
            .contains("https://misbar.com/factcheck/2023/03/14/fire-baghdad-hospital-120-deaths")),
        "{h:?}"
    );
    let show = env.ok(&["show", "1"]);
    assert!(
        show.contains("matches:") && show.contains("مسبار"),
        "{show}"
    );
    // An unmapped rating needs --set.
    let unmapped = env.json(&[
        "factchecks",
        "list",
        "--publisher",
        "Full Fact",
        "--format",
        "json",
    ]);
    let id = unmapped[0]["id"].to_string();
    let err = env.fails(&["verdict", "1", "--from-match", &id], 1);
    assert!(
        err.contains("has no verdict mapped from its rating \"Incorrect\"; give one with --set"),
        "{err}"
    );
}

/// A desk of two articles (article 1: the fire of `ARTICLE`; article 2: a flood of the Nile).
fn fire_and_flood() -> Env {
    let env = Env::new();
    env.ok(&["import", &env.write("fire.txt", ARTICLE)]);
    let flood = "الخرطوم (أ ف ب) - قالت السلطات السودانية إن فيضانات النيل أغرقت 3000 منزل في ولاية الجزيرة يوم الاثنين.\n\nوأضافت السلطات أن 15 شخصا لقوا حتفهم في القرى المحيطة بمدينة ود مدني.\n";
    env.ok(&["import", &env.write("flood.txt", flood)]);
    env
}

/// The number before `claim(s) matched again` in `factchecks import`'s summary line.
fn rematched(summary: &str) -> usize {
    let (before, _) = summary
        .split_once(" claims matched again")
        .or_else(|| summary.split_once(" claim matched again"))
        .unwrap_or_else(|| panic!("{summary}"));
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{summary}"))
}

/// How many check-worthy claims the desk holds (`claims` lists only those by default).
fn check_worthy(env: &Env) -> usize {
    env.json(&["claims", "--format", "json"])
        .as_array()
        .unwrap()
        .len()
}

/// Each claim's stored best match, as `claims --format json` lists it: `(claim, fact-check)`.
fn seen_pairs(env: &Env) -> Vec<(i64, i64)> {
    env.json(&["claims", "--all", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| Some((c["id"].as_i64()?, c["seen"]["factcheck_id"].as_i64()?)))
        .collect()
}

#[test]
fn a_library_import_matches_again_only_the_claims_it_concerns() {
    let env = fire_and_flood();
    let worthy = check_worthy(&env);
    assert!(worthy >= 3, "{worthy}");
    // The fire checks concern the fire claims only: the flood claims are not matched again.
    let fire = env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    let first = rematched(&fire);
    assert!(first >= 1 && first < worthy, "{fire}");
    let after_fire = seen_pairs(&env);
    assert!(!after_fire.is_empty(), "{fire}");
    // A check of the flood: the flood claim now matches it, the fire claim keeps its match.
    let csv = env.write(
        "flood.csv",
        "claim,url,rating,publisher,date,language\n\
         \"فيضانات النيل أغرقت 3000 منزل في ولاية الجزيرة\",https://example.org/checks/nile-flood,صحيح,مسبار,2024-08-01,ar\n",
    );
    let out = env.ok(&["factchecks", "import", &csv]);
    let second = rematched(&out);
    assert!(second >= 1 && second < worthy, "{out}");
    let after_flood = seen_pairs(&env);
    assert!(
        after_fire.iter().all(|p| after_flood.contains(p)),
        "{after_fire:?} {after_flood:?}"
    );
    assert!(after_flood.len() > after_fire.len(), "{after_flood:?}");
    // Re-importing the same file changes nothing, so nothing is matched again.
    assert_eq!(rematched(&env.ok(&["factchecks", "import", &csv])), 0);
    // A full re-match finds the same best matches.
    env.ok(&["factchecks", "rematch"]);
    assert_eq!(seen_pairs(&env), after_flood);
    // An update takes words away from the library (any claim's rarest words may move): every
    // check-worthy claim is matched again, and the flood claim loses the corrected check.
    let corrected = env.write(
        "corrected.csv",
        "claim,url,rating,publisher,date,language\n\
         \"ارتفاع أسعار الذهب في الأسواق العالمية\",https://example.org/checks/nile-flood,صحيح,مسبار,2024-08-01,ar\n",
    );
    let out = env.ok(&["factchecks", "import", &corrected]);
    assert!(out.contains("0 new, 1 updated"), "{out}");
    assert_eq!(rematched(&out), worthy, "{out}");
    assert_eq!(seen_pairs(&env), after_fire);
}

/// A `factchecks import` run while an article import has matched a batch and not yet clustered
/// it (its claims stored and matched against the library before, not in the claim index yet):
/// the claims the new fact-check concerns are matched again all the same. Before, only indexed
/// claims were looked at, and a review saw the claim keep no match where `match` found the new
/// check at 1.0 (2 runs of 5). The state is made by removing the flood article's index rows.
#[test]
fn a_library_import_matches_claims_an_article_import_has_not_clustered_yet() {
    let env = fire_and_flood();
    env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    let before = seen_pairs(&env);
    unclustered(&env, 2);
    let csv = env.write(
        "flood.csv",
        "claim,url,rating,publisher,date,language\n\
         \"فيضانات النيل أغرقت 3000 منزل في ولاية الجزيرة\",https://example.org/checks/nile-flood,صحيح,مسبار,2024-08-01,ar\n",
    );
    let out = env.ok(&["factchecks", "import", &csv]);
    assert!(rematched(&out) >= 1, "{out}");
    let after = seen_pairs(&env);
    assert!(after.len() > before.len(), "{before:?} {after:?}");
    // What a full re-match stores, which looks at every claim.
    env.ok(&["factchecks", "rematch"]);
    assert_eq!(seen_pairs(&env), after);
}

/// A `factchecks import` stopped after storing its fact-checks and before matching the desk
/// against them (the state a kill leaves: records stored with their pending mark, no matches):
/// rerunning it, though every record is unchanged, matches every claim again, and clears the
/// mark, so a third run matches nothing.
#[test]
fn rerunning_an_interrupted_library_import_completes_its_matching() {
    let env = Env::new();
    env.ok(&["import", &env.write("fire.txt", ARTICLE)]);
    let worthy = check_worthy(&env);
    env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    let matched = seen_pairs(&env);
    assert!(!matched.is_empty());
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("DELETE FROM claim_matches; UPDATE factchecks SET rematch_pending = 1;")
            .unwrap();
    }
    assert!(seen_pairs(&env).is_empty());
    let out = env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    assert!(out.contains("0 new, 0 updated"), "{out}");
    assert_eq!(rematched(&out), worthy, "{out}");
    assert_eq!(seen_pairs(&env), matched);
    let out = env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    assert_eq!(rematched(&out), 0, "{out}");
    // `factchecks rematch` completes it too.
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("UPDATE factchecks SET rematch_pending = 1;")
            .unwrap();
    }
    env.ok(&["factchecks", "rematch"]);
    let out = env.ok(&["factchecks", "import", &fixture("misbar.jsonld")]);
    assert_eq!(rematched(&out), 0, "{out}");
}

/// A file with several records under one URL (a page reviewing several claims) stores the last
/// one, says so in a warning (not an error: exit 0), and a rerun finds it unchanged, so nothing
/// is matched again (before, every rerun "updated" it and re-matched the whole desk).
#[test]
fn records_sharing_a_url_keep_the_last_and_a_rerun_changes_nothing() {
    let env = Env::new();
    env.ok(&["import", &env.write("fire.txt", ARTICLE)]);
    let csv = env.write(
        "dup.csv",
        "claim,url,rating\n\
         \"حريق في مستشفى ابن الخطيب\",https://example.org/checks/1,زائف\n\
         \"وفاة 82 شخصا في حريق مستشفى ابن الخطيب ببغداد\",https://example.org/checks/1,صحيح\n\
         \"ارتفاع أسعار الذهب\",https://example.org/checks/2,صحيح\n",
    );
    let out = env
        .run(&["factchecks", "import", &csv])
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("2 new, 0 updated, 0 unchanged, 0 bad records"),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "dup.csv: 2 records hold the URL https://example.org/checks/1; the last is kept"
        ),
        "{stderr}"
    );
    let list = env.json(&["factchecks", "list", "--format", "json"]);
    let claims: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["claim"].as_str().unwrap())
        .collect();
    assert!(
        claims.contains(&"وفاة 82 شخصا في حريق مستشفى ابن الخطيب ببغداد"),
        "{claims:?}"
    );
    assert!(!claims.contains(&"حريق في مستشفى ابن الخطيب"), "{claims:?}");
    let again = env.ok(&["factchecks", "import", &csv]);
    assert!(again.contains("0 new, 0 updated, 2 unchanged"), "{again}");
    assert_eq!(rematched(&again), 0, "{again}");
}

/// A library import with nothing readable fails before any database is created for it.
#[test]
fn a_library_import_of_a_missing_file_creates_no_database() {
    let env = Env::new();
    let missing = env.dir.path().join("missing.csv");
    let err = env.fails(&["factchecks", "import", missing.to_str().unwrap()], 1);
    assert!(
        err.contains("cannot read") && err.contains("missing.csv"),
        "{err}"
    );
    assert!(!env.db.exists(), "{}", env.db.display());
}

#[test]
fn hostile_library_text_is_neutralised_on_output() {
    let env = Env::new();
    let csv = "claim,url,publisher\n\"\u{202E}evil claim about 99 balloons\",https://example.org/evil,\"Pub\u{1b}[31m\"\n";
    let path = env.write("evil.csv", csv);
    env.ok(&["factchecks", "import", &path]);
    let table = env.ok(&["factchecks", "list"]);
    assert!(
        !table.contains('\u{202E}') && !table.contains('\u{1b}'),
        "{table:?}"
    );
    let json = env.ok(&["factchecks", "list", "--format", "json"]);
    assert!(
        !json.contains('\u{202E}') && !json.contains('\u{1b}'),
        "{json:?}"
    );
    let m = env.ok(&["match", "--text", "evil claim about 99 balloons"]);
    assert!(!m.contains('\u{202E}'), "{m:?}");
}

#[test]
fn wire_copy_clusters_across_articles_and_status_by_cluster() {
    let env = Env::new();
    let a = env.write("a.txt", ARTICLE);
    // The same wire copy under another dateline and agency, with a different second paragraph.
    let b = afp_copy(&env);
    env.ok(&["import", &a]);
    env.ok(&["import", &b]);
    let clusters = env.json(&["clusters", "--format", "json"]);
    let clusters = clusters.as_array().unwrap();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let members = clusters[0]["claims"].as_array().unwrap();
    let articles: Vec<i64> = members
        .iter()
        .map(|m| m["article_id"].as_i64().unwrap())
        .collect();
    assert_eq!(articles, [1, 2]);
    assert!(members
        .iter()
        .all(|m| m["text"].as_str().unwrap().contains("120 شخصا")));
    let k = clusters[0]["cluster"].to_string();
    let out = env.ok(&["status", "--cluster", &k, "--set", "in_progress"]);
    assert_eq!(
        out.lines().filter(|l| l.contains("-> in_progress")).count(),
        2,
        "{out}"
    );
    // --article filters; an unrelated article has no cluster.
    assert_eq!(
        env.json(&["clusters", "--article", "2", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A threshold above every pair's probability regroups into nothing, and is stored.
    let none = env.ok(&["clusters", "--min-score", "1"]);
    assert!(none.contains("no clusters"), "{none}");
    assert!(env
        .json(&["clusters", "--format", "json"])
        .as_array()
        .unwrap()
        .is_empty());
}

/// The wire copy of [`ARTICLE`]'s first claim under another dateline, with `second` after it.
fn wire_copy(agency: &str, second: &str) -> String {
    format!(
        "القاهرة ({agency}) - قال مسؤولون إن 120 شخصا لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد مساء السبت.\n\n{second}\n"
    )
}

/// `b.txt`: the AFP copy of [`ARTICLE`]'s first claim with another second paragraph.
fn afp_copy(env: &Env) -> String {
    env.write(
        "b.txt",
        wire_copy(
            "أ ف ب",
            "وأعلن الجيش المصري إغلاق الطريق الساحلي أمام حركة الشاحنات لمدة ثلاثة أيام.",
        ),
    )
}

/// The stored clusters as (cluster, [article of each member]).
fn cluster_articles(env: &Env) -> Vec<(i64, Vec<i64>)> {
    env.json(&["clusters", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["cluster"].as_i64().unwrap(),
                c["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["article_id"].as_i64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn later_copies_join_the_stored_cluster_across_imports_and_batches() {
    let env = Env::new();
    let a = env.write("a.txt", ARTICLE);
    env.ok(&["import", &a]);
    // Two more copies in one batch, then a fourth alone: one cluster named by the first claim.
    let b = afp_copy(&env);
    let c = env.write(
        "c.txt",
        wire_copy(
            "د ب أ",
            "وارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار الأمريكي أمس.",
        ),
    );
    env.ok(&["import", &b, &c]);
    let d = env.write(
        "d.txt",
        wire_copy(
            "الأناضول",
            "وافتتح وزير النقل خط مترو جديدا في القاهرة يربط المطار بوسط المدينة.",
        ),
    );
    env.ok(&["import", &d]);
    let clusters = cluster_articles(&env);
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(clusters[0].1, [1, 2, 3, 4]);
    let first = env.json(&["claims", "--article", "1", "--format", "json"]);
    let first_id = first.as_array().unwrap()[0]["id"].as_i64().unwrap();
    assert_eq!(clusters[0].0, first_id, "named by its smallest claim id");
    // A full regroup at the strong threshold finds the same cluster.
    let strong = claimtrack_match::Thresholds::EMBEDDED.strong.to_string();
    env.ok(&["clusters", "--min-score", &strong]);
    assert_eq!(cluster_articles(&env), clusters);
}

/// Removes article `article`'s claims from the clustering index and the clusters, as they were
/// before its clustering ran (an import stopped between its batch's commit and clustering).
fn unclustered(env: &Env, article: i64) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    for table in ["claim_clusters", "claim_bands", "claim_index"] {
        conn.execute(
            &format!(
                "DELETE FROM {table} WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?1)"
            ),
            [article],
        )
        .unwrap();
    }
}

/// An import stopped between a batch's commit and its clustering (kill -9, or a lock while
/// clustering) left stored claims out of the clusters; the next import (here: the same input
/// again, all duplicates) clusters them first. The stop is simulated by removing the second
/// article's index and cluster rows, as they were before its clustering ran.
#[test]
fn claims_an_interrupted_import_left_unclustered_are_clustered_by_the_next_import() {
    let env = Env::new();
    let a = env.write("a.txt", ARTICLE);
    let b = afp_copy(&env);
    env.ok(&["import", &a, &b]);
    let complete = cluster_articles(&env);
    assert_eq!(complete.len(), 1, "{complete:?}");
    assert_eq!(complete[0].1, [1, 2]);
    unclustered(&env, 2);
    assert!(cluster_articles(&env).is_empty() || cluster_articles(&env)[0].1 == [1]);
    let again = env.ok(&["import", &a, &b]);
    assert!(again.contains("0 imported, 2 already there"), "{again}");
    assert_eq!(cluster_articles(&env), complete);
}

/// Two imports on one desk, one killed before clustering its batch: the other's clustering
/// indexes claims above the killed one's, so its leftovers lie below the highest indexed id.
/// The next import still finds and clusters them (simulated: the middle article's index rows
/// removed while the third article's stay).
#[test]
fn leftovers_below_the_highest_indexed_claim_are_clustered_by_the_next_import() {
    let env = Env::new();
    let a = env.write("a.txt", ARTICLE);
    let b = afp_copy(&env);
    let c = env.write(
        "c.txt",
        wire_copy(
            "رويترز",
            "وقالت وزارة الصحة إن فرق الدفاع المدني أخمدت الحريق بعد ساعات.",
        ),
    );
    env.ok(&["import", &a, &b, &c]);
    let complete = cluster_articles(&env);
    assert_eq!(complete.len(), 1, "{complete:?}");
    assert_eq!(complete[0].1, [1, 2, 3]);
    unclustered(&env, 2);
    assert_eq!(cluster_articles(&env)[0].1, [1, 3]);
    env.ok(&["import", &a, &b, &c]);
    assert_eq!(cluster_articles(&env), complete);
}

#[test]
fn claims_of_a_copied_desk_are_indexed_before_the_next_import_clusters() {
    let env = Env::new();
    let a = env.write("a.txt", ARTICLE);
    env.ok(&["import", &a]);
    let copy = env.dir.path().join("copy.db");
    env.ok(&[
        "db",
        "copy",
        "--from",
        env.db.to_str().unwrap(),
        "--to",
        copy.to_str().unwrap(),
    ]);
    let target = Env {
        dir: tempfile::tempdir().unwrap(),
        db: copy,
    };
    let b = afp_copy(&target);
    target.ok(&["import", &b]);
    let clusters = cluster_articles(&target);
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(clusters[0].1, [1, 2]);
}

#[test]
fn library_and_match_tables_snapshot() {
    let env = Env::new();
    library(&env);
    insta::assert_snapshot!("factchecks_list_table", env.ok(&["factchecks", "list"]));
    let m = env.ok(&[
        "match",
        "--text",
        "وفاة 120 شخصاً في حريق مستشفى ابن الخطيب ببغداد",
    ]);
    insta::assert_snapshot!("match_text_table", m);
}
