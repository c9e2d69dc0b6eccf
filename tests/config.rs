//! Configuration, overrides, packs and suppression, through the binary, on a fixture
//! repository copied to a scratch folder (so no configuration above it interferes).

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::jdlint;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The fixture repository in a fresh temporary folder.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repo"),
        &root,
    );
    (tmp, root)
}

fn findings(o: &Output) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().replace('\\', "/"),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(f: &[(String, String, String)], file: &str, rule: &str) -> bool {
    f.iter().any(|(p, r, _)| p.ends_with(file) && r == rule)
}

#[test]
fn nested_configs_overrides_packs_and_options() {
    let (_tmp, root) = repo();
    let o = jdlint(&["check", "--format", "json"], &root);
    let f = findings(&o);
    // fail-on = "warning" in the configuration.
    assert_eq!(o.status.code(), Some(1));
    // ignore = ["buzzword"], [severity] posting-length = "off".
    assert!(
        !f.iter()
            .any(|(_, r, _)| r == "buzzword" || r == "posting-length"),
        "{f:?}"
    );
    // [rules.too-many-requirements] max = 4.
    assert!(has(&f, "support-engineer.md", "too-many-requirements"));
    // The pack's rule, with its id and its fix.
    assert!(has(&f, "support-engineer.md", "house-style/banned-words"));
    // The override for internships drops pay and the whole pack.
    assert!(!has(&f, "summer-intern.md", "missing-compensation"));
    assert!(!f
        .iter()
        .any(|(p, r, _)| p.ends_with("summer-intern.md") && r.starts_with("house-style/")));
    // jdlint-disable-file in the posting.
    assert!(!has(&f, "summer-intern.md", "missing-requirements"));
    // The nested legacy/jdlint.toml selects only pay rules.
    assert!(has(&f, "old-posting.txt", "missing-compensation"));
    assert!(
        f.iter()
            .filter(|(p, _, _)| p.ends_with("old-posting.txt"))
            .all(|(_, r, _)| r.contains("pay") || r.contains("compensation")),
        "{f:?}"
    );
    // exclude = ["postings/drafts/**"].
    assert!(!f.iter().any(|(p, _, _)| p.contains("drafts")));
}

#[test]
fn no_config_and_explicit_config() {
    let (_tmp, root) = repo();
    let o = jdlint(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "postings/engineering",
        ],
        &root,
    );
    let f = findings(&o);
    assert!(has(&f, "support-engineer.md", "buzzword"));
    assert!(!f.iter().any(|(_, r, _)| r.starts_with("house-style/")));
    std::fs::write(root.join("strict.toml"), "select = [\"inclusion\"]\n").unwrap();
    let o = jdlint(
        &[
            "check",
            "--config",
            "strict.toml",
            "--format",
            "json",
            "postings/engineering",
        ],
        &root,
    );
    let f = findings(&o);
    assert!(f.iter().all(|(_, r, _)| ["buzzword", "gendered-wording", "jargon-title"].contains(&r.as_str())), "{f:?}");
}

#[test]
fn show_config_prints_effective_settings() {
    let (_tmp, root) = repo();
    let o = jdlint(
        &[
            "check",
            "--show-config",
            "postings/internships/summer-intern.md",
        ],
        &root,
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("missing-compensation = \"off\""), "{out}");
    assert!(out.contains("missing-role-summary = \"warning\""), "{out}");
    assert!(
        out.contains("[rules.too-many-requirements]\nmax = 4"),
        "{out}"
    );
}

/// Each broken configuration: exit 2, nothing linted, the message and the exact
/// line:column of the problem.
#[test]
fn broken_configuration_is_reported_precisely() {
    let cases: &[(&str, &str, &str)] = &[
        ("select = [\"all\"\n", "jdlint.toml:1:", "expected"),
        (
            "selct = [\"all\"]\n",
            "jdlint.toml:1:1",
            "did you mean `select`?",
        ),
        (
            "ignore = [\"buzzwords\"]\n",
            "jdlint.toml:1:11",
            "did you mean `buzzword`?",
        ),
        (
            "[rules.too-many-requirements]\nmax = \"ten\"\n",
            "jdlint.toml:",
            "must be an integer",
        ),
        (
            "[severity]\nbuzzword = \"loud\"\n",
            "jdlint.toml:2:12",
            "unknown severity `loud`",
        ),
        ("as-of = \"soon\"\n", "jdlint.toml:1:9", "not a date"),
    ];
    for (text, at, message) in cases {
        let (_tmp, root) = repo();
        std::fs::write(root.join("jdlint.toml"), text).unwrap();
        let o = jdlint(&["check", "--format", "json"], &root);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{text}: {err}");
        assert!(o.stdout.is_empty(), "nothing is linted: {text}");
        assert!(err.contains(at), "{text}: expected {at} in\n{err}");
        assert!(
            err.contains(message),
            "{text}: expected {message} in\n{err}"
        );
    }
}

#[test]
fn broken_pack_is_reported_with_its_line() {
    let (_tmp, root) = repo();
    let pack = root.join("house-style/banned-words.toml");
    let text = std::fs::read_to_string(&pack)
        .unwrap()
        .replace("utili[sz]e", "utili[sz");
    std::fs::write(&pack, text).unwrap();
    let o = jdlint(&["check"], &root);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("banned-words.toml:22:14"), "{err}");
    assert!(err.contains("invalid pattern"), "{err}");
}

#[test]
fn test_pack_runs_the_pack_cases() {
    let (_tmp, root) = repo();
    let o = jdlint(&["test-pack", "house-style"], &root);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let pack = root.join("house-style/banned-words.toml");
    let text = std::fs::read_to_string(&pack).unwrap().replace(
        "no-match = [\"a useful utility\"",
        "no-match = [\"utilise it\"",
    );
    std::fs::write(&pack, text).unwrap();
    let o = jdlint(&["test-pack", "house-style"], &root);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("FAIL house-style/banned-words"));
}

#[test]
fn init_writes_once() {
    let tmp = tempfile::tempdir().unwrap();
    let o = jdlint(&["init"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(tmp.path().join("jdlint.toml")).unwrap();
    assert!(text.contains("# [rules.too-many-requirements]"));
    let o = jdlint(&["init"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    // The written file is a valid configuration.
    std::fs::write(tmp.path().join("a.md"), "# Developer\n").unwrap();
    assert_ne!(
        jdlint(&["check", "a.md"], tmp.path()).status.code(),
        Some(2)
    );
}

#[test]
fn pack_rules_in_rules_and_explain() {
    let (_tmp, root) = repo();
    let out = String::from_utf8_lossy(&jdlint(&["rules"], &root).stdout).into_owned();
    assert!(out.contains("house-style/banned-words"));
    let o = jdlint(&["explain", "house-style/banned-words"], &root);
    assert!(String::from_utf8_lossy(&o.stdout).contains("style guide"));
}

#[test]
fn suppression_directives_through_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.md"),
        "# Developer\n\n<!-- jdlint-disable-next-line buzzwords -->\nA self-starter.\n\n<!-- jdlint-disable-next-line jargon-title -->\nNothing.\n",
    )
    .unwrap();
    let o = jdlint(&["check", "--format", "json", "a.md"], tmp.path());
    let f = findings(&o);
    assert!(has(&f, "a.md", "invalid-suppression"));
    assert!(
        has(&f, "a.md", "buzzword"),
        "a misspelt id suppresses nothing"
    );
    assert!(has(&f, "a.md", "unused-suppression"));
}
