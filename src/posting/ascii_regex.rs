//! Patterns matched against ASCII text only: a unit's shadow ([`super::prose::Prose::ascii`])
//! or text folded to ASCII.
//!
//! On ASCII text, ASCII classes and case folding mean exactly what the Unicode ones
//! do, and they compile far smaller: a Unicode `\w` alone is about a millisecond of
//! start-up, paid by every one-file run.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};

use super::lean_regex::LeanRegex;
use regex_automata::util::syntax;

/// A crate pattern listed in `ascii_patterns.toml` comes from NFAs compiled at build
/// time (see [`super::lean_regex`]); any other compiles here. Both find the same
/// matches the same way: the meta regex built below uses only the forward and reverse
/// lazy DFAs that the lean one is made of.
pub enum AsciiRegex {
    Lean(Box<LeanRegex>),
    Meta(Regex),
}

/// The patterns the build script compiles for [`AsciiRegex`], one per line of a TOML
/// array; a unit test checks that every pattern the crate compiles is listed.
#[cfg_attr(not(test), allow(dead_code))] // read by the build script and the tests
pub const PREBUILT_LIST: &str = "src/posting/ascii_patterns.toml";

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
        #[cfg(test)]
        compiled::record(pattern);
        if let Some(lean) = LeanRegex::prebuilt(&[pattern]) {
            return Ok(AsciiRegex::Lean(Box::new(lean)));
        }
        // Match positions come from the forward and reverse lazy DFAs alone.
        builder(false)
            .build(pattern)
            .map(AsciiRegex::Meta)
            .map_err(|e| e.to_string())
    }

    pub fn is_match(&self, ascii: &str) -> bool {
        debug_assert!(ascii.is_ascii());
        match self {
            AsciiRegex::Lean(re) => re.is_match(ascii.as_bytes()),
            AsciiRegex::Meta(re) => re.is_match(ascii.as_bytes()),
        }
    }

    pub fn find(&self, ascii: &str) -> Option<Range<usize>> {
        debug_assert!(ascii.is_ascii());
        match self {
            AsciiRegex::Lean(re) => re.find(ascii.as_bytes()),
            AsciiRegex::Meta(re) => re.find(ascii.as_bytes()).map(|m| m.range()),
        }
    }

    pub fn find_iter(&self, ascii: &str) -> impl Iterator<Item = Range<usize>> {
        debug_assert!(ascii.is_ascii());
        let found: Vec<Range<usize>> = match self {
            AsciiRegex::Lean(re) => re
                .find_all(ascii.as_bytes())
                .into_iter()
                .map(|(r, _)| r)
                .collect(),
            AsciiRegex::Meta(re) => re.find_iter(ascii.as_bytes()).map(|m| m.range()).collect(),
        };
        found.into_iter()
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
            // Compiled here, not through `AsciiRegex::new`: not a crate pattern (see
            // `every_ascii_pattern_the_crate_compiles_is_prebuilt`).
            let ascii = AsciiRegex::Meta(builder(false).build(pattern).unwrap());
            let expected: Vec<Range<usize>> = unicode.find_iter(text).map(|m| m.range()).collect();
            let found: Vec<Range<usize>> = ascii.find_iter(&shadow).collect();
            assert_eq!(found, expected, "{pattern}");
        }
    }
}

/// The patterns compiled so far in this test process, for the list's test.
#[cfg(test)]
mod compiled {
    use std::collections::BTreeSet;
    use std::sync::Mutex;

    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

    pub fn record(pattern: &str) {
        if let Ok(mut seen) = SEEN.lock() {
            seen.insert(pattern.to_string());
        }
    }

    pub fn seen() -> BTreeSet<String> {
        SEEN.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;

    /// The patterns in the list file.
    pub fn listed() -> Vec<String> {
        #[derive(serde::Deserialize)]
        struct List {
            patterns: Vec<String>,
        }
        let text = include_str!("ascii_patterns.toml");
        toml::from_str::<List>(text).unwrap().patterns
    }

    /// Lints every fixture posting, which compiles the crate's ASCII patterns (they
    /// compile on first use), then checks each compiled one is listed for the build
    /// script. `JDLINT_BLESS=1 cargo test` rewrites the list.
    #[test]
    fn every_ascii_pattern_the_crate_compiles_is_prebuilt() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/postings");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            crate::lint(&text, &path.to_string_lossy(), &crate::Options::default());
            texts.push(crate::posting::prose::ascii_shadow(&text).into_owned());
        }
        let seen = compiled::seen();
        let listed = listed();
        if std::env::var_os("JDLINT_BLESS").is_some() {
            let mut all: Vec<&String> = seen.iter().chain(&listed).collect();
            all.sort();
            all.dedup();
            let mut out = String::from(
                "# The crate's ASCII-mode patterns (src/posting/ascii_regex.rs) that the build\n\
                 # script compiles ahead of time. Written by `JDLINT_BLESS=1 cargo test`;\n\
                 # a unit test fails when a compiled pattern is missing.\n\
                 patterns = [\n",
            );
            for p in all {
                out.push_str(&format!("  {},\n", toml::Value::String(p.clone())));
            }
            out.push_str("]\n");
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/posting/ascii_patterns.toml"
            );
            std::fs::write(path, out).unwrap();
            return;
        }
        let missing: Vec<&String> = seen.iter().filter(|p| !listed.contains(p)).collect();
        assert!(
            missing.is_empty(),
            "not in {PREBUILT_LIST} (run `JDLINT_BLESS=1 cargo test --lib ascii`): {missing:#?}"
        );
        // Every listed pattern is read back from the blob, and finds what the meta
        // regex finds, line by line of every fixture.
        for p in &listed {
            let lean = AsciiRegex::build(p).unwrap();
            assert!(matches!(lean, AsciiRegex::Lean(_)), "{p}");
            let meta = AsciiRegex::Meta(builder(false).build(p).unwrap());
            for line in texts.iter().flat_map(|t| t.lines()) {
                let found: Vec<_> = lean.find_iter(line).collect();
                assert_eq!(
                    found,
                    meta.find_iter(line).collect::<Vec<_>>(),
                    "{p}: {line}"
                );
                assert_eq!(lean.find(line), meta.find(line), "{p}: {line}");
                assert_eq!(lean.is_match(line), meta.is_match(line), "{p}: {line}");
            }
        }
    }
}
