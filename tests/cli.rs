//! Tests that run the `jdlint` binary.

use std::path::Path;
mod common;

use common::{jdlint, json, stdout};

const GOOD: &str = "---
title: Baker
location: York
---

## About us

Crumb & Co is a bakery in York that has sold bread since 1994. We run two shops and a
small cafe, and we bake everything on site, from sourdough to seasonal buns.

## The role

You will bake the morning bread for our two shops, working alongside our head baker
and one apprentice. Shifts start at five and finish at one, four days a week.

## What you'll do

- Bake about 300 loaves each morning to our recipes
- Prepare doughs and starters for the next day
- Keep the ovens, mixers and benches clean and safe
- Train our apprentice in shaping and scoring

## What we're looking for

- Two years of experience in a bakery or a busy kitchen
- Care for food hygiene and safety
- Patience when teaching others

## Pay and benefits

£24,000 a year, plus free bread, a staff discount and 28 days of holiday.

## How to apply

Send us a short note about the bread you are proudest of.
";
const BAD: &str = "We need someone.\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("bad.md"), BAD).unwrap();
    dir
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = repo();
    let o = jdlint(&["check", "good.md", "--as-of", "2026-11-28"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = jdlint(&["check", "bad.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let o = jdlint(&["check", "bad.md", "--fail-on", "never"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let o = jdlint(&["check", "good.md", "--fail-on", "info"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn human_output_ends_with_a_summary_line() {
    let dir = repo();
    let o = jdlint(&["check"], dir.path());
    let out = stdout(&o);
    assert!(out.contains("error[missing-company-background]"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour with NO_COLOR or off a terminal"
    );
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("3 errors, ") && last.ends_with(" in 1 of 2 files"),
        "{last}"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = repo();
    let o = jdlint(&["check", ".", "--format", "json"], dir.path());
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "start_byte",
        "end_byte",
        "labels",
        "help",
        "fix",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["files_with_findings"], 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn columns_are_characters_and_ignore_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "\u{feff}é é\r\nWe need someone.\r\n",
    )
    .unwrap();
    let o = jdlint(&["check", "a.md", "--format", "json"], dir.path());
    let v = json(&o);
    let title = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "missing-title")
        .unwrap();
    assert_eq!(
        (title["line"].as_u64(), title["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(title["end_column"], 4, "three characters, end exclusive");
    assert_eq!(title["start_byte"], 3);
}

#[test]
fn bad_files_are_reported_and_the_rest_still_linted() {
    let dir = repo();
    std::fs::write(dir.path().join("binary.md"), b"abc\0def").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait").unwrap();
    let o = jdlint(
        &["check", ".", "missing.md", "--format", "json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let errors = v["errors"].as_array().unwrap();
    let messages: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{messages:?}");
    assert!(messages
        .iter()
        .any(|m| m.contains("binary.md") && m.contains("binary file")));
    assert!(messages
        .iter()
        .any(|m| m.contains("latin1.txt") && m.contains("UTF-8")));
    assert!(messages
        .iter()
        .any(|m| m.contains("missing.md") && m.contains("no such file")));
    assert_eq!(
        v["summary"]["files"], 2,
        "good.md and bad.md were still linted"
    );
}

#[test]
fn walking_skips_hidden_and_vendor_folders_and_other_extensions() {
    let dir = tempfile::tempdir().unwrap();
    for sub in [".git", "node_modules", "target", "jobs"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("x.md"), BAD).unwrap();
    }
    std::fs::write(dir.path().join("jobs/y.html"), "<p>We need someone.</p>").unwrap();
    std::fs::write(dir.path().join("jobs/z.txt"), BAD).unwrap();
    std::fs::write(dir.path().join("jobs/notes.rs"), BAD).unwrap();
    let o = jdlint(&["check", "--format", "json"], dir.path());
    let v = json(&o);
    assert_eq!(v["summary"]["files"], 3, "{v}");
    // A file named on the command line is always linted, whatever its extension.
    let o = jdlint(
        &[
            "check",
            "jobs/notes.rs",
            "node_modules/x.md",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(json(&o)["summary"]["files"], 2);
}

#[test]
fn bad_as_of_is_a_usage_error() {
    let dir = repo();
    let o = jdlint(&["check", "--as-of", "yesterday"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn sections_command_shows_kinds_headings_and_lines() {
    let dir = repo();
    let o = jdlint(&["sections", "good.md"], dir.path());
    let out = stdout(&o);
    assert!(out.contains("company"), "{out}");
    assert!(out.contains("\"What you'll do\""), "{out}");
    let o = jdlint(&["sections", "good.md", "--format", "json"], dir.path());
    let v = json(&o);
    let kinds: Vec<&str> = v["files"][0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"responsibilities") && kinds.contains(&"requirements"),
        "{kinds:?}"
    );
    assert_eq!(v["files"][0]["title"], "Baker");
}

#[test]
fn rules_and_explain() {
    let dir = repo();
    let o = jdlint(&["rules", "--format", "json"], dir.path());
    let v = json(&o);
    let ids: Vec<&str> = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "missing-title",
        "missing-company-background",
        "missing-role-summary",
        "missing-responsibilities",
        "missing-requirements",
        "missing-compensation",
        "empty-section",
        "duplicate-section",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let o = jdlint(&["explain", "missing-title"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("## Why it matters"));
    let o = jdlint(&["explain", "missing-titel"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `missing-title`"));
}

#[test]
fn readme_rule_list_matches_the_registry() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let o = jdlint(
        &["rules", "--format", "json"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let v = json(&o);
    for r in v["rules"].as_array().unwrap() {
        let row = format!(
            "| `{}` | {} | {} | {} | {} |",
            r["id"].as_str().unwrap(),
            r["category"].as_str().unwrap(),
            r["severity"].as_str().unwrap(),
            if r["fixable"].as_bool().unwrap() {
                "yes"
            } else {
                ""
            },
            r["summary"].as_str().unwrap()
        );
        assert!(readme.contains(&row), "README lacks the row:\n{row}");
    }
}
