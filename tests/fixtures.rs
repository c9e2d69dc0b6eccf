//! Snapshot tests: every posting in `fixtures/postings` with its sections and its
//! findings, rendered in a stable text form. Review changes with `cargo insta review`
//! (or set INSTA_UPDATE=always to accept them).

use std::fmt::Write as _;
use std::path::Path;

use jdlint::{Date, Format, Linter, Options, Source};

fn options() -> Options {
    Options {
        as_of: Date::new(2026, 11, 28).unwrap(),
        ..Default::default()
    }
}

/// Sections, title, pay and findings of one posting, one line each.
fn describe(linter: &Linter, path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let source = Source::new(name.clone(), text);
    let format = Format::from_path(&name).unwrap_or(Format::Text);
    let posting = jdlint::parse::parse(&source, format);
    let mut out = String::new();
    let at = |b: usize| {
        let lc = source.line_col(b);
        format!("{}:{}", lc.line, lc.column)
    };
    writeln!(out, "title: {:?}", posting.title.as_ref().map(|t| &t.text)).unwrap();
    for s in &posting.sections {
        writeln!(
            out,
            "section {}{} {:?} at {}-{} ({} units)",
            s.kind,
            if s.inferred { "*" } else { "" },
            s.heading.as_ref().map(|h| h.text.as_str()).unwrap_or("-"),
            at(s.span.start),
            at(s.span.end),
            s.units.len()
        )
        .unwrap();
    }
    for p in &posting.pay {
        writeln!(
            out,
            "pay {} {:?}",
            at(p.span.start),
            &source.text[p.span.clone()]
        )
        .unwrap();
    }
    for d in linter.lint_posting(&source, &posting, &options()) {
        writeln!(
            out,
            "{} {}-{} {}[{}] {}",
            name,
            at(d.span.start),
            at(d.span.end),
            d.severity,
            d.rule,
            d.message
        )
        .unwrap();
        for l in &d.labels {
            writeln!(
                out,
                "    label {}-{}: {}",
                at(l.span.start),
                at(l.span.end),
                l.message
            )
            .unwrap();
        }
        if let Some(h) = &d.help {
            writeln!(out, "    help: {h}").unwrap();
        }
        if let Some(f) = &d.fix {
            writeln!(
                out,
                "    fix {}-{}: {:?}",
                at(f.span.start),
                at(f.span.end),
                f.replacement
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn fixture_postings() {
    let linter = Linter::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 8, "fixtures are missing");
    for path in paths {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        insta::assert_snapshot!(name, describe(&linter, &path));
    }
}
