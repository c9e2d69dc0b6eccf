//! Helpers shared by the test crates: running the binary, reading its output,
//! scratch folders, and the span invariants every diagnostic must keep.
// Each test crate uses a different subset.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use jdlint::{Diagnostic, Source};

/// Runs `jdlint` in `dir` without colour, with nothing on stdin.
pub fn jdlint(args: &[&str], dir: &Path) -> Output {
    jdlint_stdin(args, dir, None)
}

/// Runs `jdlint` in `dir` with `input` on stdin.
pub fn jdlint_stdin(args: &[&str], dir: &Path, input: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jdlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jdlint");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.unwrap_or_default())
        .expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait for jdlint")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// A temporary folder holding `files` (paths may have folders).
pub fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// Every span of every diagnostic lies inside the text on character boundaries, and
/// its line and column lead back to the same byte offset.
pub fn assert_spans_valid(source: &Source, diagnostics: &[Diagnostic]) {
    let text = &source.text;
    for d in diagnostics {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            let at = &source.path;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{at}: {d:?}"
            );
            assert!(text.is_char_boundary(span.start), "{at}: {d:?}");
            assert!(text.is_char_boundary(span.end), "{at}: {d:?}");
            if span.start >= source.content_start() {
                let lc = source.line_col(span.start);
                assert_eq!(source.offset_of(lc), Some(span.start), "{at}: {d:?}");
            }
        }
    }
}
