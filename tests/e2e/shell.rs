//! `claimtrack completions SHELL` and `claimtrack man`: the bash script is checked by bash itself
//! (syntax, then the completion function asked for candidates as bash's programmable completion
//! would ask), the manual by groff with every warning on and by `man -l`. bash, groff and man are
//! outside programs: missing, the test skips with one line, or fails under CI
//! ([`claimtrack_testkit::require_program`]); `.ci/run` installs them. zsh and fish are checked
//! for syntax only when they happen to be installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util::Env;

const BASH_HOW: &str = "install it with `apt-get update && apt-get install -y bash` (.ci/run \
                        does this)";
const GROFF_HOW: &str = "install it with `apt-get update && apt-get install -y \
                         --no-install-recommends groff-base` (.ci/run does this)";
const MAN_HOW: &str = "install it with `apt-get update && apt-get install -y \
                       --no-install-recommends man-db` (.ci/run does this)";

/// The commands `claimtrack --help` lists (without `help`), plus the nested ones.
fn command_names(env: &Env) -> Vec<String> {
    let help = env.ok(&["--help"]);
    let mut names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() > 15, "{help}");
    for nested in [
        "evidence add",
        "evidence list",
        "evidence rm",
        "db check",
        "db backup",
    ] {
        names.push(nested.to_owned());
    }
    names
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn assert_quiet_success(what: &str, out: &Output) {
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{what}: {}\nstderr: {}",
        out.status,
        text(&out.stderr)
    );
}

/// Neither command needs or creates a database.
fn assert_no_database(env: &Env) {
    let entries: Vec<PathBuf> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .collect();
    assert!(entries.is_empty(), "a database was created: {entries:?}");
}

/// Sources the completion script `$1`, finds its function through `complete -p claimtrack`, and
/// calls it as bash does on <TAB>: `COMP_WORDS` are the words typed (`$2…`, the last one being
/// completed, possibly empty), the cursor at the end of `COMP_LINE`. Prints `COMPREPLY`, one
/// candidate a line.
const BASH_DRIVER: &str = r#"
source "$1" || exit 3
shift
spec=$(complete -p claimtrack) || exit 4
fn=${spec##* -F }
fn=${fn%% *}
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" claimtrack "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;

/// The candidates bash offers for `words` (the last one being completed).
fn bash_complete(bash: &Path, script: &Path, words: &[&str]) -> Vec<String> {
    let out = Command::new(bash)
        .args(["--norc", "--noprofile", "-c", BASH_DRIVER, "bash"])
        .arg(script)
        .args(words)
        .output()
        .expect("bash runs");
    assert_quiet_success(&format!("completing {words:?}"), &out);
    text(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completion_loads_and_completes_commands_flags_and_values() {
    let Some(bash) =
        claimtrack_testkit::require_program("the bash completion test", &["bash"], None, BASH_HOW)
    else {
        return;
    };
    let env = Env::new();
    // Written as a user would: `claimtrack completions bash > file`.
    let script = env.dir.path().join("claimtrack.bash");
    let out = Command::new(&bash)
        .args([
            "--norc",
            "--noprofile",
            "-c",
            r#""$1" completions bash > "$2""#,
            "bash",
        ])
        .arg(env!("CARGO_BIN_EXE_claimtrack"))
        .arg(&script)
        .current_dir(env.dir.path())
        .env_remove("CLAIMTRACK_DB")
        .output()
        .expect("bash runs");
    assert_quiet_success("claimtrack completions bash > file", &out);
    assert_eq!(
        std::fs::read_to_string(&script).unwrap(),
        env.ok(&["completions", "bash"])
    );
    assert_no_database(&env);

    let out = Command::new(&bash).arg("-n").arg(&script).output().unwrap();
    assert_quiet_success("bash -n", &out);

    let complete = |words: &[&str]| bash_complete(&bash, &script, words);
    assert_eq!(complete(&["claimtrack", "sta"]), ["status"]);
    assert_eq!(complete(&["claimtrack", "lint"]), ["lint-claimreview"]);
    assert_eq!(complete(&["claimtrack", "claims", "--for"]), ["--format"]);
    assert_eq!(
        complete(&["claimtrack", "claims", "--format", ""]),
        ["table", "json", "csv"]
    );
    assert_eq!(complete(&["claimtrack", "evidence", "a"]), ["add"]);
    // The vocabularies are offered by their English names.
    assert_eq!(
        complete(&["claimtrack", "status", "20", "--set", "in_"]),
        ["in_progress", "in_review"]
    );
    assert_eq!(
        complete(&["claimtrack", "verdict", "20", "--set", "mostly"]),
        ["mostly_true", "mostly_false"]
    );
    assert_eq!(
        complete(&["claimtrack", "evidence", "add", "20", "--stance", ""]),
        ["supports", "refutes", "context"]
    );
    let all = complete(&["claimtrack", ""]);
    for name in command_names(&env) {
        let top = name.split(' ').next().unwrap().to_owned();
        assert!(all.contains(&top), "{top} not offered: {all:?}");
    }
    let shells = complete(&["claimtrack", "completions", ""]);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(shells.iter().any(|s| s == shell), "{shell}: {shells:?}");
    }
}

#[test]
fn zsh_fish_and_powershell_scripts_name_every_command() {
    let env = Env::new();
    for (shell, checker) in [
        ("zsh", Some(("zsh", "-n"))),
        ("fish", Some(("fish", "--no-execute"))),
        ("powershell", None),
        ("elvish", None),
    ] {
        let script = env.ok(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        for word in [
            "claimtrack",
            "import",
            "status",
            "lint-claimreview",
            "format",
        ] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        // Not required: checked when the shell is there.
        if let Some((program, flag)) = checker {
            if let Some(path) = claimtrack_testkit::program(&[program], None) {
                let file = env.write(&format!("claimtrack.{shell}"), &script);
                let out = Command::new(path).arg(flag).arg(file).output().unwrap();
                assert_quiet_success(&format!("{program} {flag}"), &out);
            }
        }
    }
    assert_no_database(&env);
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let env = Env::new();
    let out = env
        .bare()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("invalid value 'tcsh'") && stderr.contains("powershell"),
        "{stderr}"
    );
    env.bare().args(["completions"]).assert().code(2);
    env.bare().args(["man", "extra"]).assert().code(2);
}

/// `claimtrack man` written to a file in `env`, checked for what every renderer needs.
fn man_page(env: &Env) -> PathBuf {
    let page = env.ok(&["man"]);
    assert_no_database(env);
    assert!(page.is_ascii(), "non-ASCII text is written as \\[uXXXX]");
    assert!(page.contains("\n.TH CLAIMTRACK 1 "), "{page}");
    for name in command_names(env) {
        assert!(
            page.contains(&format!(".SS \"claimtrack {name}\"\n")),
            "no section for {name}"
        );
    }
    let path = env.dir.path().join("claimtrack.1");
    std::fs::write(&path, page).unwrap();
    path
}

/// What the rendered page must show, whichever program rendered it.
fn assert_rendered(what: &str, page: &str, env: &Env) {
    for heading in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
    ] {
        assert!(
            page.lines().any(|l| l == heading),
            "{what}: no {heading}:\n{page}"
        );
    }
    for name in command_names(env) {
        assert!(
            page.contains(&format!("   claimtrack {name}\n")),
            "{what}: no claimtrack {name}"
        );
    }
    // The Arabic labels survive the \[uXXXX] escapes; options keep their ASCII hyphens.
    for expected in ["قيد_التحقق", "زائف", "--expect-revision", "--format"] {
        assert!(page.contains(expected), "{what}: no {expected}");
    }
}

#[test]
fn man_page_renders_with_groff_without_warnings() {
    let Some(groff) =
        claimtrack_testkit::require_program("the man page test", &["groff"], None, GROFF_HOW)
    else {
        return;
    };
    let env = Env::new();
    let page = man_page(&env);
    let out = Command::new(groff)
        .args(["-man", "-Tutf8", "-wall", "-rLL=100n"])
        .arg(&page)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("groff runs");
    assert_quiet_success("groff -man -Tutf8 -wall", &out);
    // grotty's bold and underline (overstrike, or SGR on newer groff) removed.
    let rendered = strip_formatting(&text(&out.stdout));
    assert_rendered("groff", &rendered, &env);
}

#[test]
fn man_page_opens_with_man_l() {
    let Some(man) = claimtrack_testkit::require_program("the man -l test", &["man"], None, MAN_HOW)
    else {
        return;
    };
    let env = Env::new();
    let page = man_page(&env);
    let out = Command::new(man)
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("MAN_KEEP_FORMATTING")
        .output()
        .expect("man runs");
    assert_quiet_success("man -l", &out);
    let rendered = strip_formatting(&text(&out.stdout));
    assert_rendered("man -l", &rendered, &env);
}

/// Text without terminal formatting: overstrike pairs (`c\bc`, `_\bc`) and SGR sequences; a
/// minus sign or Unicode hyphen (what `\-` may become outside Debian's man.local) as `-`.
fn strip_formatting(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => {
                out.pop();
            }
            '\u{1b}' => {
                // CSI … final byte in @–~.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            '\u{2212}' | '\u{2010}' => out.push('-'),
            c => out.push(c),
        }
    }
    out.into_iter().collect()
}
