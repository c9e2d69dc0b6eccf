//! From a phrase-rule file to the patterns its rule and the phrase gate compile.
//!
//! Shared with the build script (`#[path]`), which compiles the built-in rules' gate
//! ahead of time (see `posting/nfa_format.rs`); so it uses nothing from the rest of the
//! crate but `section_patterns::has_wide_gap`, which the build script also has. When
//! the two ever disagree, the gate is compiled at run time: slower, never different.

use serde::Deserialize;

use crate::posting::section_patterns::has_wide_gap;

/// One phrase's patterns as one alternative: whole words, in the phrase's case mode.
pub fn alternative(patterns: &[String], case_sensitive: bool) -> String {
    let flags = if case_sensitive { "(?-i)" } else { "(?i)" };
    format!(r"\b{flags}(?:{})\b", patterns.join("|"))
}

/// The gate can only hold rules whose patterns are all ASCII (they run on a text's
/// ASCII shadow) and have no wide gap: in one set with the others, such gaps multiplied
/// the states the lazy DFA kept building (on 500 postings, determinising was 80% of
/// the gate's time), and the rule's own regex scans faster than the gapped pattern
/// asked alone inside the gate (measured: 2,180 M against 2,243 M instructions).
pub fn gateable(alternatives: &[String], ascii: bool) -> bool {
    ascii && !alternatives.iter().any(|p| has_wide_gap(p))
}

/// A rule's alternative as the gate compiles it.
pub fn gate_pattern(alternative: &str) -> String {
    format!("(?-u){alternative}")
}

/// The gate holds one bit per rule in a `u64`.
pub const GATE_RULES: usize = 64;

/// What the build script needs of a rule file; everything else is ignored here and
/// checked where the rule is loaded.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Outline {
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default, rename = "phrase")]
    phrases: Vec<PhraseOutline>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct PhraseOutline {
    patterns: Vec<String>,
    #[serde(default)]
    case_sensitive: Option<bool>,
}

/// The gate's patterns for rule files in load order (`rules/phrases/`, by name), as
/// `builtin` in `declarative.rs` builds them; for the build script. A file that does
/// not read is left out here (and fails the build's unit tests where it loads).
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn gate_patterns(files: &[&str]) -> Vec<String> {
    let mut patterns = Vec::new();
    let mut rules = 0;
    for text in files {
        let Ok(rule) = toml::from_str::<Outline>(text) else {
            continue;
        };
        let ascii = rule
            .phrases
            .iter()
            .flat_map(|p| &p.patterns)
            .all(|p| p.is_ascii());
        let alternatives: Vec<String> = rule
            .phrases
            .iter()
            .map(|p| alternative(&p.patterns, p.case_sensitive.unwrap_or(rule.case_sensitive)))
            .collect();
        if !gateable(&alternatives, ascii) || rules == GATE_RULES {
            continue;
        }
        rules += 1;
        patterns.extend(alternatives.iter().map(|a| gate_pattern(a)));
    }
    patterns
}
