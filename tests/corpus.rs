//! Every real posting in `../shared/corpus` parses and lints without a panic, and every
//! span a finding carries lies inside the text, on character boundaries.

use std::path::{Path, PathBuf};

use jdlint::{Date, Format, Linter, Options, Source};

mod common;

use common::assert_spans_valid;

fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postings");
    if !root.is_dir() {
        return None;
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn corpus_parses_and_lints_without_panics() {
    let Some(files) = corpus_files() else {
        eprintln!("../shared/corpus not found; skipping");
        return;
    };
    assert!(
        files.len() >= 500,
        "expected the full corpus, found {}",
        files.len()
    );
    let linter = Linter::new();
    let options = Options {
        as_of: Date::new(2026, 11, 28).unwrap(),
        ..Default::default()
    };
    let mut findings = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let name = path.to_string_lossy().into_owned();
        let source = Source::new(name.clone(), text);
        let format = Format::from_path(&name).unwrap_or(Format::Text);
        let diagnostics = linter.lint(&source, format, &options);
        assert_spans_valid(&source, &diagnostics);
        findings += diagnostics.len();
    }
    assert!(findings > 0);
}
