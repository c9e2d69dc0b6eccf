//! Hostile and odd input: every case ends with a report, the right exit code and no
//! panic or hang, and the other files of the run are still linted.

use std::process::{Command, Output};

mod common;

use common::{jdlint, stdout};

fn no_panic(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{:?} {err}",
        o.status
    );
}

const CLEAN: &str = include_str!("../fixtures/postings/complete.md");

/// Lints `name` with `bytes` next to a clean posting and returns the JSON report.
fn lint_beside_clean(name: &str, bytes: &[u8]) -> (Output, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    std::fs::write(dir.path().join("zz-clean.md"), CLEAN).unwrap();
    let o = jdlint(&["check", "--format", "json", "."], dir.path());
    no_panic(&o);
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    assert_eq!(
        v["summary"]["files"].as_u64().unwrap() + v["errors"].as_array().unwrap().len() as u64,
        2
    );
    (o, v)
}

#[test]
fn empty_file_is_linted() {
    let (o, v) = lint_beside_clean("empty.md", b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn binary_and_non_utf8_files_are_errors_and_the_rest_is_linted() {
    let (o, v) = lint_beside_clean("logo.md", b"\x89PNG\r\n\x1a\n\x00\x00");
    assert_eq!(o.status.code(), Some(2));
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("binary file"));
    assert_eq!(v["summary"]["files"], 1);
    let (o, v) = lint_beside_clean("latin1.txt", b"Caf\xe9 staff wanted\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not valid UTF-8 (invalid byte at offset 3)"));
}

#[test]
fn bom_crlf_and_lone_cr_line_endings() {
    let text = format!("\u{feff}{}", CLEAN.replace('\n', "\r"));
    let (_, v) = lint_beside_clean("mac.md", text.as_bytes());
    assert_eq!(v["summary"]["files"], 2);
    for d in v["diagnostics"].as_array().unwrap() {
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn fifty_megabyte_posting() {
    let para =
        "We bake bread for two shops in York, and you will help our customers every day.\n\n";
    let mut text = String::from(CLEAN);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(para);
    }
    let (_, v) = lint_beside_clean("huge.md", text.as_bytes());
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn five_megabyte_line() {
    let text = format!("# Baker\n\n{}\n", "dough ".repeat(5 * 1024 * 1024 / 6));
    let (_, v) = lint_beside_clean("line.md", text.as_bytes());
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn hundred_thousand_list_items() {
    let mut text = String::from("# Baker\n\n## What you'll do\n\n");
    for i in 0..100_000 {
        text.push_str(&format!("- Bake loaf number {i}\n"));
    }
    let (_, v) = lint_beside_clean("items.md", text.as_bytes());
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["path"] == "./items.md"));
}

#[test]
fn lists_and_quotes_nested_a_thousand_deep() {
    let lists: String = (0..1000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    lint_beside_clean("lists.md", format!("# Baker\n\n{lists}").as_bytes());
    let quotes = format!("# Baker\n\n{}- x\n", "> ".repeat(1000));
    lint_beside_clean("quotes.md", quotes.as_bytes());
    let html = format!("<h1>Baker</h1>{}<li>x", "<ul>".repeat(1000));
    lint_beside_clean("lists.html", html.as_bytes());
}

#[test]
fn unterminated_front_matter_and_broken_html() {
    lint_beside_clean(
        "fm.md",
        b"---\ntitle: Baker\nlocation: York\n\nNo closing fence.\n",
    );
    let html = format!(
        "<html><h2>About<li><ul><p>unclosed <b><i>{}<script>never closed &amp &#x; &#99999999;",
        "<div class=\"a".repeat(500)
    );
    lint_beside_clean("broken.html", html.as_bytes());
}

#[cfg(unix)]
#[test]
fn fifo_named_md_is_skipped_when_walking_and_refused_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    std::fs::write(dir.path().join("a.md"), CLEAN).unwrap();
    let o = jdlint(&["check", "--format", "short", "."], dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = jdlint(
        &["check", "--format", "short", "pipe.md", "a.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("pipe.md: error: not a regular file"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    std::os::unix::fs::symlink("../jobs", dir.path().join("jobs/loop")).unwrap();
    std::os::unix::fs::symlink("self.md", dir.path().join("self.md")).unwrap();
    std::os::unix::fs::symlink("gone.md", dir.path().join("jobs/dangling.md")).unwrap();
    std::fs::write(dir.path().join("jobs/a.md"), CLEAN).unwrap();
    let o = jdlint(&["check", "--format", "short", "jobs"], dir.path());
    no_panic(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "links are not followed when walking: {}",
        stdout(&o)
    );
    let o = jdlint(
        &["check", "--format", "short", "self.md", "jobs/a.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("self.md: error:"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn unreadable_and_vanished_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, CLEAN).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.path().join("a.md"), CLEAN).unwrap();
    // root reads anything; the check only means something for other users.
    if std::fs::read(&secret).is_err() {
        let o = jdlint(&["check", "--format", "short", "."], dir.path());
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stdout(&o).contains("secret.md: error: permission denied"),
            "{}",
            stdout(&o)
        );
    }
    // A path that is gone by the time it is read is reported like any missing file.
    let o = jdlint(
        &["check", "--format", "short", "gone.md", "a.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("gone.md: error: no such file or directory"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn pathological_pack_pattern_is_refused_or_bounded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pack")).unwrap();
    // A nested counted repetition compiles to a huge program: over the size cap.
    std::fs::write(
        dir.path().join("pack/huge.toml"),
        "id = \"huge\"\ncategory = \"clarity\"\nseverity = \"info\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\n\n[[phrase]]\npatterns = [\"((a{100}){100}){100}\"]\n",
    )
    .unwrap();
    // Catastrophic for a backtracking engine, linear for ours.
    std::fs::write(
        dir.path().join("pack/redos.toml"),
        "id = \"redos\"\ncategory = \"clarity\"\nseverity = \"info\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\n\n[[phrase]]\npatterns = [\"(a+)+$\", \"(x|xx)+y\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("jdlint.toml"), "packs = [\"pack/\"]\n").unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "a".repeat(100_000) + "!\n" + &"x".repeat(100_000),
    )
    .unwrap();
    let o = jdlint(&["check", "--format", "short", "a.md"], dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("huge.toml:9:14") && err.contains("exceeds size limit"),
        "{err}"
    );

    std::fs::remove_file(dir.path().join("pack/huge.toml")).unwrap();
    let start = std::time::Instant::now();
    let o = jdlint(&["check", "--format", "short", "a.md"], dir.path());
    no_panic(&o);
    // Not a timing assertion on speed, a guard against a hang: linear time finishes
    // this in well under a second, exponential time never would.
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
}
