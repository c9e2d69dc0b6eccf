//! Parse and lint arbitrary text in every input format, then check the invariants
//! reports rely on: spans inside the text on character boundaries, fixes that apply.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jdlint::{Format, Linter, Options, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    let linter = LINTER.get_or_init(Linter::new);
    let options = Options {
        as_of: "2026-11-28".parse().expect("date"),
        ..Options::default()
    };
    for format in [Format::Markdown, Format::Html, Format::Text] {
        let source = Source::new("fuzz", text);
        for d in linter.lint(&source, format, &options) {
            for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
                assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{d:?}");
                if span.start >= source.content_start() {
                    let at = source.line_col(span.start);
                    assert_eq!(source.offset_of(at), Some(span.start), "{d:?}");
                }
            }
        }
        let fixed = jdlint::fix::fix(linter, "fuzz", text.to_string(), format, &options);
        let again = jdlint::fix::fix(linter, "fuzz", fixed.text.clone(), format, &options);
        assert_eq!(again.applied, 0, "fixing is idempotent");
    }
});
