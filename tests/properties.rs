//! Properties that hold for any input: linting never panics, every span lies inside
//! the text on character boundaries, and line/column positions map back to the same
//! byte offset.

use jdlint::{Format, Linter, Options, Source};
use proptest::prelude::*;

mod common;

use common::assert_spans_valid;

/// Text that looks like a posting often enough to reach the parsers' corners:
/// headings, lists, front matter, HTML tags, directives, pay, odd line endings.
fn postingish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_string()),
        Just("## Requirements\n".to_string()),
        Just("---\n".to_string()),
        Just("title: Baker\n".to_string()),
        Just("- ".to_string()),
        Just("  * ".to_string()),
        Just("1. ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just("<h2>About us</h2>".to_string()),
        Just("<li>".to_string()),
        Just("<!-- jdlint-disable-next-line -->".to_string()),
        Just("{% if a %}".to_string()),
        Just("$90,000 - $120,000 a year".to_string()),
        Just("10+ years of SwiftUI".to_string()),
        Just("the salesman will".to_string()),
        Just("**Pay:** ".to_string()),
        Just("é’—€😀".to_string()),
        // Symbols next to words matched on the ASCII shadow, where each byte of a
        // symbol is a space: a pattern edge may fall inside one.
        Just(" 3 years ".to_string()),
        Just("  \u{a3}".to_string()),
        Just("\u{2022}\u{a0}".to_string()),
        Just(" with ".to_string()),
        Just("unpaid ".to_string()),
        Just("GS-12 ".to_string()),
        Just("junior ".to_string()),
        Just("bachelor's degree in ".to_string()),
        "[a-zA-Z ,.:]{0,30}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    let linter = LINTER.get_or_init(Linter::new);
    let options = Options {
        as_of: "2026-11-28".parse().unwrap(),
        ..Options::default()
    };
    let source = Source::new("p", text);
    for format in [Format::Markdown, Format::Html, Format::Text] {
        assert_spans_valid(&source, &linter.lint(&source, format, &options));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_lints_with_valid_spans(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn postinglike_text_lints_with_valid_spans(text in postingish()) {
        check(&text);
    }

    #[test]
    fn line_and_column_round_trip(text in postingish(), at in any::<prop::sample::Index>()) {
        let source = Source::new("p", text.as_str());
        if text.len() > source.content_start() {
            let offset = source.floor_char_boundary(source.content_start() + at.index(text.len() - source.content_start()));
            let offset = offset.max(source.content_start());
            let lc = source.line_col(offset);
            prop_assert!(lc.line >= 1 && lc.column >= 1);
            prop_assert_eq!(source.offset_of(lc), Some(offset));
        }
    }
}

proptest! {
    /// The byte-at-a-time word count says what the plain definition says: white-space
    /// separated pieces with a letter or digit, for any text.
    #[test]
    fn word_count_is_the_split_whitespace_count(text in "(\\PC|\\s){0,80}") {
        let reference = text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        prop_assert_eq!(jdlint::posting::prose::word_count(&text), reference);
    }
}
