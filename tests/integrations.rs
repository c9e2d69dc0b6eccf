//! The binary as CI systems, editors and hooks use it: report formats, gate flags,
//! stdin, and fixes.

use std::path::Path;
mod common;

use common::{jdlint, jdlint_stdin, scratch, stderr, stdout};

/// A complete posting with three safe fixes: a jargon title, a gendered title and
/// a gendered pronoun.
const FIXABLE: &str = include_str!("../fixtures/postings/fixable.md");

fn fixed_lf() -> String {
    FIXABLE
        .replace("Sales Rockstar", "Sales Expert")
        .replace("salesman", "salesperson")
        .replace("he will", "they will")
}

#[test]
fn short_format_is_one_line_per_finding() {
    let dir = scratch(&[("p.md", FIXABLE.as_bytes())]);
    let o = jdlint(&["check", "--format", "short", "p.md"], dir.path());
    assert_eq!(
        stdout(&o),
        "p.md:2:8: warning[jargon-title] \"Sales Rockstar\" is jargon for a person; say what the job is\n\
         p.md:19:35: warning[gendered-title] \"salesman\" is a gendered job title\n\
         p.md:20:54: warning[gendered-pronoun] \"he will\" refers to the candidate by gender\n"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    // A copy of ../shared/schemas/sarif-schema-2.1.0.json, so clean clones can run this.
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .expect("SARIF schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("compile schema");

    let dir = scratch(&[
        ("postings/p.md", FIXABLE.as_bytes()),
        ("postings/short one.txt", b"We need someone.\n"),
        ("postings/binary.md", b"\x00\x01"),
    ]);
    let o = jdlint(&["check", "--format", "sarif", "postings"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator does reject a broken document.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let run = &doc["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "jdlint");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() > 20);
    for r in rules {
        for key in [
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(r.get(key).is_some(), "rule lacks {key}: {r}");
        }
        assert!(r["properties"]["category"].is_string());
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], res["ruleId"]);
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("postings/"), "{uri}");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][key].as_u64().unwrap() >= 1);
        }
        assert!(res["partialFingerprints"]["jdlint/v1"].is_string());
    }
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "postings/short%20one.txt"
    ));
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert!(notes[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("binary"));
}

#[test]
fn sarif_fingerprints_survive_unrelated_lines_moving() {
    let fingerprints = |text: &str| -> Vec<(String, String)> {
        let dir = scratch(&[("p.md", text.as_bytes())]);
        let o = jdlint(&["check", "--format", "sarif", "p.md"], dir.path());
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["jdlint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let before = fingerprints(FIXABLE);
    let moved = FIXABLE.replace("## About us\n", "## About us\n\nWe are hiring.\n");
    let after = fingerprints(&moved);
    assert_eq!(before.len(), 3);
    assert_eq!(before, after);
}

#[test]
fn github_format_escapes_hostile_paths_and_summarises_hidden_annotations() {
    let dir = scratch(&[
        ("we,ird:na%me.md", FIXABLE.as_bytes()),
        ("bad.md", b"\xff\xfe"),
    ]);
    let o = jdlint(&["check", "--format", "github", "."], dir.path());
    let text = stdout(&o);
    assert!(
        text.contains("::warning file=./we%2Cird%3Ana%25me.md,line=19,col=35,endLine=19,endColumn=43,title=jdlint gendered-title::\"salesman\" is a gendered job title%0Ahelp: "),
        "{text}"
    );
    assert!(
        text.contains("::error file=./bad.md,title=jdlint::not valid UTF-8"),
        "{text}"
    );
    for line in text.lines().filter(|l| l.starts_with("::")) {
        let (props, _) = line[2..].split_once("::").expect("command::data");
        for prop in props.split_once(' ').unwrap().1.split(',') {
            let (_, value) = prop.split_once('=').expect("key=value");
            assert!(!value.contains(':') && !value.contains('\r'), "{line}");
        }
    }

    // Eleven short postings make more than ten errors: the summary says so.
    let many: Vec<(String, &[u8])> = (0..11)
        .map(|i| (format!("p{i:02}.txt"), b"We need someone.\n".as_slice()))
        .collect();
    let files: Vec<(&str, &[u8])> = many.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = scratch(&files);
    let o = jdlint(&["check", "--format", "github", "."], dir.path());
    let text = stdout(&o);
    assert!(
        text.contains("GitHub shows only 10 annotations of each kind"),
        "{text}"
    );
    assert!(text.lines().filter(|l| l.starts_with("::error ")).count() > 10);
}

#[test]
fn fix_round_trip_keeps_crlf_and_bom_and_a_second_run_is_a_no_op() {
    let crlf = format!("\u{feff}{}", FIXABLE.replace('\n', "\r\n"));
    let expected = format!("\u{feff}{}", fixed_lf().replace('\n', "\r\n"));
    let dir = scratch(&[
        ("p.md", crlf.as_bytes()),
        ("clean.md", fixed_lf().as_bytes()),
    ]);
    let clean_before = std::fs::metadata(dir.path().join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let o = jdlint(&["check", "--fix", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("fixed 3 findings in 1 file"),
        "{}",
        stdout(&o)
    );
    let after = std::fs::read_to_string(dir.path().join("p.md")).unwrap();
    assert_eq!(after, expected);
    let clean_after = std::fs::metadata(dir.path().join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        clean_before, clean_after,
        "a file with nothing to fix is not rewritten"
    );

    let o = jdlint(
        &["check", "--fix", "--exit-non-zero-on-fix", "."],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "nothing left to fix: {}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.md")).unwrap(),
        expected
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn exit_non_zero_on_fix_fails_a_hook_that_changed_files() {
    let dir = scratch(&[("p.md", FIXABLE.as_bytes())]);
    let o = jdlint(
        &["check", "--fix", "--exit-non-zero-on-fix", "p.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.md")).unwrap(),
        fixed_lf()
    );
}

#[test]
fn diff_prints_a_patch_and_writes_nothing() {
    let dir = scratch(&[("p.md", FIXABLE.as_bytes())]);
    let o = jdlint(&["check", "--diff", "p.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.starts_with("--- a/p.md\n+++ b/p.md\n"), "{text}");
    assert!(
        text.contains("-title: Sales Rockstar\n+title: Sales Expert\n"),
        "{text}"
    );
    assert!(stderr(&o).contains("3 fixes available in 1 file"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.md")).unwrap(),
        FIXABLE
    );

    let dir = scratch(&[("p.md", fixed_lf().as_bytes())]);
    let o = jdlint(&["check", "--diff", "p.md"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn stdin_is_linted_under_the_name_given() {
    let dir = scratch(&[
        ("jdlint.toml", b"[severity]\ngendered-title = \"error\"\n"),
        ("jobs/p.md", b""),
    ]);
    let o = jdlint_stdin(
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "jobs/p.md",
            "-",
        ],
        dir.path(),
        Some(FIXABLE.as_bytes()),
    );
    let text = stdout(&o);
    assert!(
        text.contains("jobs/p.md:19:35: error[gendered-title]"),
        "{text}"
    );
    assert_eq!(o.status.code(), Some(1));

    // Without a name, stdin is Markdown, reported as <stdin>, under the configuration
    // of the current folder.
    let o = jdlint_stdin(
        &["check", "--format", "short", "-"],
        dir.path(),
        Some(FIXABLE.as_bytes()),
    );
    assert!(
        stdout(&o).contains("<stdin>:19:35: error[gendered-title]"),
        "{}",
        stdout(&o)
    );

    // Not UTF-8 on stdin is trouble, not a crash.
    let o = jdlint_stdin(&["check", "-"], dir.path(), Some(b"caf\xe9"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("not valid UTF-8"));
}

#[test]
fn fix_on_stdin_writes_the_posting_to_stdout_and_the_report_to_stderr() {
    let dir = scratch(&[]);
    let o = jdlint_stdin(
        &["check", "--fix", "-"],
        dir.path(),
        Some(FIXABLE.as_bytes()),
    );
    assert_eq!(stdout(&o), fixed_lf());
    assert!(
        stderr(&o).contains("fixed 3 findings in 1 file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn gate_flags() {
    let dir = scratch(&[
        ("a.txt", b"We need someone.\n"),
        ("p.md", FIXABLE.as_bytes()),
    ]);
    let o = jdlint(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let o = jdlint(&["check", "--exit-zero", "."], dir.path());
    assert_eq!(o.status.code(), Some(0));

    let o = jdlint(
        &["check", "--fail-on", "never", "--max-warnings", "3", "p.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let o = jdlint(
        &["check", "--fail-on", "never", "--max-warnings", "2", "p.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("3 warnings, more than --max-warnings 2"));

    let o = jdlint(&["check", "--quiet", "--format", "human", "."], dir.path());
    assert!(!stdout(&o).contains(" in 2 of 2 files"), "{}", stdout(&o));
    assert!(stdout(&o).contains("missing-compensation"));

    let o = jdlint(&["check", "--statistics", "."], dir.path());
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "gendered-title", "warning"]), "{text}");
    assert!(lines.last().unwrap().ends_with("in 2 of 2 files"), "{text}");
    assert!(
        !text.contains("-->") && !text.contains("┌─"),
        "statistics replace the findings: {text}"
    );

    let o = jdlint(
        &["check", "--format", "json", "--output", "report.json", "."],
        dir.path(),
    );
    assert_eq!(stdout(&o), "");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn a_subset_of_files_is_linted_alone() {
    // pre-commit passes batches of file names; each batch must report only its own files.
    let dir = scratch(&[
        ("a.txt", b"We need someone.\n"),
        ("p.md", fixed_lf().as_bytes()),
    ]);
    let o = jdlint(&["check", "--format", "short", "p.md"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let o = jdlint(&["check", "--format", "short", "a.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).lines().all(|l| l.starts_with("a.txt:")));
}

#[test]
fn version_completions_and_man_page() {
    let dir = scratch(&[]);
    let o = jdlint(&["--version"], dir.path());
    let v = stdout(&o);
    assert!(
        v.starts_with(&format!("jdlint {} (rule data ", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    for shell in ["bash", "zsh", "fish"] {
        let o = jdlint(&["completions", shell], dir.path());
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("stdin-filename"), "{shell}");
    }
    let o = jdlint(&["man"], dir.path());
    assert!(
        stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH jdlint"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn stdin_cannot_mix_with_paths() {
    let dir = scratch(&[("a.txt", b"x\n")]);
    let o = jdlint(&["check", "-", "a.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stdin"));
}

#[test]
fn gitlab_code_quality_report() {
    let dir = scratch(&[("jobs/p.md", FIXABLE.as_bytes())]);
    let o = jdlint(&["check", "--format", "gitlab", "jobs"], dir.path());
    let issues: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    let first = &issues[0];
    assert_eq!(first["check_name"], "jargon-title");
    assert_eq!(first["severity"], "minor");
    assert_eq!(first["location"]["path"], "jobs/p.md");
    assert_eq!(first["location"]["positions"]["begin"]["line"], 2);
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3);
}

#[test]
fn force_exclude_applies_the_configuration_to_named_files() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repo");
    let named = ["check", "--format", "short", "postings/drafts/draft.md"];
    let o = jdlint(&named, &repo);
    assert!(
        stdout(&o).contains("postings/drafts/draft.md:"),
        "{}",
        stdout(&o)
    );
    let o = jdlint(&[&named[..], &["--force-exclude", "-q"]].concat(), &repo);
    assert_eq!(stdout(&o), "");
    assert_eq!(o.status.code(), Some(0));
}
