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

/// A crate pattern listed in `prebuilt_patterns.toml` comes from NFAs compiled at build
/// time (see [`super::lean_regex`]); any other compiles here. Both find the same
/// matches the same way: the meta regex built below uses only the forward and reverse
/// lazy DFAs that the lean one is made of.
pub enum AsciiRegex {
    Lean(Box<LeanRegex>),
    Meta(Regex),
}

/// The patterns the build script compiles for [`AsciiRegex`] and
/// [`super::capture_regex::CaptureRegex`]; a unit test checks that every pattern the
/// crate compiles is listed.
#[cfg_attr(not(test), allow(dead_code))] // read by the build script and the tests
pub const PREBUILT_LIST: &str = "src/posting/prebuilt_patterns.toml";

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
        record(Kind::Ascii, pattern);
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

    /// [`AsciiRegex::is_match`] of each of `texts`, side by side where the regex is a
    /// DFA from the binary (see `super::dfa_lanes`).
    pub fn is_match_each(&self, texts: &[&str]) -> Vec<bool> {
        match self {
            AsciiRegex::Lean(re) => {
                let hays: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
                re.is_match_each(&hays)
            }
            AsciiRegex::Meta(_) => texts.iter().map(|t| self.is_match(t)).collect(),
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

/// A pattern meant in Unicode mode, searched in ASCII mode in ASCII text, where ASCII
/// word boundaries, classes and case folding mean exactly what the Unicode ones do
/// (the only non-ASCII characters an ASCII letter folds with, the Kelvin sign and the
/// long s, cannot occur there), and in Unicode mode in any other text. Each mode
/// compiles when first needed; a pattern of the crate or its rule data comes prebuilt
/// in ASCII mode when listed. (Compiled in Unicode mode, with its word boundaries, a
/// pay law's pattern took 5.5 M instructions and a fix pattern 1.2 M of a run that
/// needed it.)
pub struct TwoModeRegex {
    pattern: String,
    /// A user's pattern (a rule pack's) is never in the list of prebuilt patterns.
    user: bool,
    ascii: OnceLock<Option<AsciiRegex>>,
    unicode: OnceLock<Option<regex::Regex>>,
}

impl TwoModeRegex {
    /// A pattern of the crate or of its built-in rule data.
    pub fn new(pattern: String) -> TwoModeRegex {
        TwoModeRegex {
            pattern,
            user: false,
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        }
    }

    /// A user's pattern, already compiled in Unicode mode (so its error showed when
    /// it was loaded).
    pub fn user(pattern: String, unicode: regex::Regex) -> TwoModeRegex {
        TwoModeRegex {
            pattern,
            user: true,
            ascii: OnceLock::new(),
            unicode: OnceLock::from(Some(unicode)),
        }
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The Unicode-mode regex; `None` for a crate pattern that does not compile, which
    /// its tests rule out.
    pub fn unicode(&self) -> Option<&regex::Regex> {
        self.unicode
            .get_or_init(|| regex::Regex::new(&self.pattern).ok())
            .as_ref()
    }

    /// The ASCII-mode regex when `text` is ASCII and the pattern compiles that way.
    fn ascii(&self, text: &str) -> Option<&AsciiRegex> {
        if !text.is_ascii() {
            return None;
        }
        self.ascii
            .get_or_init(|| {
                if self.user {
                    builder(false)
                        .build(&self.pattern)
                        .ok()
                        .map(AsciiRegex::Meta)
                } else {
                    AsciiRegex::build(&self.pattern).ok()
                }
            })
            .as_ref()
    }

    /// The first match in `text`; `None` when the pattern does not compile.
    pub fn find(&self, text: &str) -> Option<Option<Range<usize>>> {
        match self.ascii(text) {
            Some(re) => Some(re.find(text)),
            None => Some(self.unicode()?.find(text).map(|m| m.range())),
        }
    }

    /// Every match in `text` (none when the pattern does not compile).
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        match self.ascii(text) {
            Some(re) => re.find_iter(text).collect(),
            None => self.unicode().map_or_else(Vec::new, |re| {
                re.find_iter(text).map(|m| m.range()).collect()
            }),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self.ascii(text) {
            Some(re) => re.is_match(text),
            None => self.unicode().is_some_and(|re| re.is_match(text)),
        }
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

/// Which list of `prebuilt_patterns.toml` a pattern belongs to.
#[cfg(test)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Kind {
    Ascii,
    Captures,
}

/// The crate patterns compiled so far in this test process, for the list's test.
#[cfg(test)]
static SEEN: std::sync::Mutex<std::collections::BTreeSet<(Kind, String)>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

#[cfg(test)]
pub fn record(kind: Kind, pattern: &str) {
    if let Ok(mut seen) = SEEN.lock() {
        seen.insert((kind, pattern.to_string()));
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;
    use crate::posting::capture_regex::CaptureRegex;

    #[derive(serde::Deserialize)]
    struct List {
        ascii: Vec<String>,
        captures: Vec<String>,
    }

    /// Lints every fixture posting, which compiles the crate's patterns (they compile
    /// on first use), then checks each compiled one is listed for the build script.
    /// `JDLINT_BLESS=1 cargo test --lib prebuilt` rewrites the list.
    #[test]
    fn every_pattern_the_crate_compiles_is_prebuilt() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/postings");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            crate::lint(&text, &path.to_string_lossy(), &crate::Options::default());
            texts.push(text);
        }
        // Patterns made from rule data, which the fixtures name only some of.
        let from_data = [
            crate::rules::compensation::pay_transparency::ascii_patterns(),
            crate::rules::declarative::ascii_patterns(),
        ];
        for p in from_data.concat() {
            record(Kind::Ascii, &p);
        }
        let seen = SEEN.lock().unwrap().clone();
        let list: List = toml::from_str(include_str!("prebuilt_patterns.toml")).unwrap();
        let listed = |kind| match kind {
            Kind::Ascii => &list.ascii,
            Kind::Captures => &list.captures,
        };
        if std::env::var_os("JDLINT_BLESS").is_some() {
            let mut out = String::from(
                "# The crate's own patterns that the build script compiles ahead of time:\n\
                 # ASCII-mode ones (src/posting/ascii_regex.rs) and ones with capture groups\n\
                 # (src/posting/capture_regex.rs). Written by\n\
                 # `JDLINT_BLESS=1 cargo test --lib prebuilt`; a unit test fails when a\n\
                 # compiled pattern is missing. An unlisted pattern still works, compiled\n\
                 # at run time.\n",
            );
            for (kind, name) in [(Kind::Ascii, "ascii"), (Kind::Captures, "captures")] {
                let mut all: Vec<&String> = seen
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, p)| p)
                    .chain(listed(kind))
                    .collect();
                all.sort();
                all.dedup();
                out.push_str(&format!("{name} = [\n"));
                for p in all {
                    out.push_str(&format!("  {},\n", toml::Value::String(p.clone())));
                }
                out.push_str("]\n");
            }
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/posting/prebuilt_patterns.toml"
            );
            std::fs::write(path, out).unwrap();
            return;
        }
        let missing: Vec<&(Kind, String)> = seen
            .iter()
            .filter(|(kind, p)| !listed(*kind).contains(p))
            .collect();
        assert!(
            missing.is_empty(),
            "not in {PREBUILT_LIST} (run `JDLINT_BLESS=1 cargo test --lib prebuilt`): {missing:#?}"
        );
        // Every listed pattern is read back from the blob, and finds what the meta
        // regex finds, line by line of every fixture.
        let shadows: Vec<String> = texts
            .iter()
            .map(|t| crate::posting::prose::ascii_shadow(t).into_owned())
            .collect();
        for p in &list.ascii {
            assert!(LeanRegex::prebuilt(&[p]).is_some(), "{p}");
            let lean = AsciiRegex::build(p).unwrap();
            let meta = AsciiRegex::Meta(builder(false).build(p).unwrap());
            for line in shadows.iter().flat_map(|t| t.lines()) {
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
        for p in &list.captures {
            for reverse in [false, true] {
                let key = crate::posting::nfa_format::capture_key(&[p], reverse);
                let stored = crate::posting::nfa_format::find_in_blob(
                    crate::posting::pattern_set::PREBUILT,
                    key,
                );
                assert!(stored.is_some(), "{p}");
            }
            let prebuilt = CaptureRegex::new(p).unwrap();
            // Every listed pattern's match DFAs fit, on the targets that get DFAs.
            assert!(prebuilt.is_dense() || cfg!(target_endian = "big"), "{p}");
            let reference = regex::Regex::new(p).unwrap();
            let names: Vec<&str> = reference.capture_names().flatten().collect();
            for line in texts.iter().flat_map(|t| t.lines()) {
                // Every group's range, by number and by name.
                type Groups = Vec<Option<std::ops::Range<usize>>>;
                let groups = |get: &dyn Fn(usize) -> Option<std::ops::Range<usize>>,
                              name: &dyn Fn(&str) -> Option<std::ops::Range<usize>>|
                 -> Groups {
                    (0..reference.captures_len())
                        .map(get)
                        .chain(names.iter().map(|n| name(n)))
                        .collect()
                };
                let got: Vec<Groups> = prebuilt
                    .captures_all(line)
                    .iter()
                    .map(|c| {
                        groups(&|i| c.get(i).map(|m| m.range()), &|n| {
                            c.name(n).map(|m| m.range())
                        })
                    })
                    .collect();
                let want: Vec<Groups> = reference
                    .captures_iter(line)
                    .map(|c| {
                        groups(&|i| c.get(i).map(|m| m.range()), &|n| {
                            c.name(n).map(|m| m.range())
                        })
                    })
                    .collect();
                assert_eq!(got, want, "{p}: {line}");
                assert_eq!(
                    prebuilt.find(line),
                    reference.find(line).map(|m| m.range()),
                    "{p}: {line}"
                );
                assert_eq!(
                    prebuilt.is_match(line),
                    reference.is_match(line),
                    "{p}: {line}"
                );
                assert_eq!(
                    prebuilt.find_all(line),
                    reference
                        .find_iter(line)
                        .map(|m| m.range())
                        .collect::<Vec<_>>(),
                    "{p}: {line}"
                );
                for at in [0, line.len() / 2] {
                    let at = line.floor_char_boundary(at);
                    assert_eq!(
                        prebuilt
                            .captures_at(line, at)
                            .and_then(|c| c.get(0))
                            .map(|m| m.range()),
                        reference
                            .captures_at(line, at)
                            .and_then(|c| c.get(0))
                            .map(|m| m.range()),
                        "{p}: {line} at {at}"
                    );
                }
            }
        }
    }
}
