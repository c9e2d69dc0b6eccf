//! Patterns matched against ASCII text only: a unit's shadow ([`super::prose::Prose::ascii`])
//! or text folded to ASCII.
//!
//! On ASCII text, ASCII classes and case folding mean exactly what the Unicode ones
//! do, and they compile far smaller: a Unicode `\w` alone is about a millisecond of
//! start-up, paid by every one-file run.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;

pub struct AsciiRegex(Regex);

/// How every ASCII-mode pattern is built: ASCII classes and case folding, and no
/// literal prefilter (costly to extract, and the lazy DFA on ASCII text is quick).
/// Without `captures`, the engines that only serve capture groups are left out too.
pub fn builder(captures: bool) -> meta::Builder {
    let mut config = meta::Config::new().utf8_empty(false).auto_prefilter(false);
    if !captures {
        config = config.onepass(false).backtrack(false).dfa(false);
    }
    let mut builder = meta::Builder::new();
    builder
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(config);
    builder
}

/// An [`AsciiRegex`] compiled on first use, for statics:
/// `static YEARS: LazyAsciiRegex = LazyAsciiRegex::new(r"...");`.
pub struct LazyAsciiRegex {
    pattern: &'static str,
    regex: OnceLock<AsciiRegex>,
}

impl LazyAsciiRegex {
    pub const fn new(pattern: &'static str) -> LazyAsciiRegex {
        LazyAsciiRegex {
            pattern,
            regex: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for LazyAsciiRegex {
    type Target = AsciiRegex;

    fn deref(&self) -> &AsciiRegex {
        self.regex.get_or_init(|| AsciiRegex::new(self.pattern))
    }
}

impl AsciiRegex {
    /// Compiles `pattern` in ASCII mode. For the crate's own patterns: panics on a
    /// bad one, which the unit tests of each user would show at once.
    pub fn new(pattern: &str) -> AsciiRegex {
        AsciiRegex::build(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"))
    }

    pub fn build(pattern: &str) -> Result<AsciiRegex, String> {
        // Match positions come from the forward and reverse lazy DFAs alone.
        builder(false)
            .build(pattern)
            .map(AsciiRegex)
            .map_err(|e| e.to_string())
    }

    pub fn is_match(&self, ascii: &str) -> bool {
        debug_assert!(ascii.is_ascii());
        self.0.is_match(ascii.as_bytes())
    }

    pub fn find(&self, ascii: &str) -> Option<Range<usize>> {
        debug_assert!(ascii.is_ascii());
        self.0.find(ascii.as_bytes()).map(|m| m.range())
    }

    pub fn find_iter<'h>(&'h self, ascii: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        debug_assert!(ascii.is_ascii());
        self.0.find_iter(ascii.as_bytes()).map(|m| m.range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_on_a_shadow_match_like_unicode_ones() {
        let text = "Caf\u{e9} staff: a b\u{e9}ta tester, 5 years";
        let shadow = crate::posting::prose::ascii_shadow(text);
        for pattern in [
            r"(?i)\bSTAFF\b",
            r"\w+ tester",
            r"\d+\s+years",
            r"\bb\w*a\b",
        ] {
            let unicode = regex::Regex::new(pattern).unwrap();
            let ascii = AsciiRegex::new(pattern);
            let expected: Vec<Range<usize>> = unicode.find_iter(text).map(|m| m.range()).collect();
            let found: Vec<Range<usize>> = ascii.find_iter(&shadow).collect();
            assert_eq!(found, expected, "{pattern}");
        }
    }
}
