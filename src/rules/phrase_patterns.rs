//! From a phrase-rule file to the patterns its rule and the phrase gate compile.
//!
//! Shared with the build script (`#[path]`), which compiles the built-in rules' gate
//! ahead of time (see `posting/nfa_format.rs`); so it uses nothing from the rest of the
//! crate but `section_patterns::has_wide_gap` and `set_plan::without_gaps`, which the
//! build script also has. When the two ever disagree, the gate is compiled at run
//! time: slower, never different.

use serde::Deserialize;

use crate::posting::section_patterns::has_wide_gap;
use crate::posting::set_plan::without_gaps;

/// One phrase's patterns as one alternative: whole words, in the phrase's case mode.
pub fn alternative(patterns: &[String], case_sensitive: bool) -> String {
    let flags = if case_sensitive { "(?-i)" } else { "(?i)" };
    format!(r"\b{flags}(?:{})\b", patterns.join("|"))
}

/// The gate holds one bit per rule in a `u64`.
const GATE_RULES: usize = 64;

/// The gate over some rules: its patterns, each pattern's rule bit, and which rules
/// (by position) have bits 0, 1, 2...
#[derive(Default)]
pub struct GateLayout {
    pub patterns: Vec<String>,
    pub rule_of: Vec<u32>,
    pub gated: Vec<usize>,
}

/// Lays out the gate for rules in load order, each given as its alternatives and
/// whether all its patterns are ASCII. The one place that decides which rules the gate
/// holds, for `declarative::builtin` and the build script alike.
pub fn gate_layout<'a>(rules: impl IntoIterator<Item = (&'a [String], bool)>) -> GateLayout {
    let mut layout = GateLayout::default();
    for (i, (alternatives, ascii)) in rules.into_iter().enumerate() {
        // The gate can only hold rules whose patterns are all ASCII: they run on a
        // text's ASCII shadow. Rules with wide gaps (`.{0,60}`) are held too: the
        // build script plans the gate without the gaps (`relaxed_gate_patterns`).
        if !ascii || layout.gated.len() == GATE_RULES {
            continue;
        }
        let bit = layout.gated.len() as u32;
        layout.gated.push(i);
        for a in alternatives {
            // The gate reads the ASCII shadow, in ASCII mode like the rule itself.
            layout.patterns.push(format!("(?-u){a}"));
            layout.rule_of.push(bit);
        }
    }
    layout
}

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

/// Each rule file's alternatives (one per phrase, as its rule compiles them) and
/// whether all its patterns are ASCII, in load order (`rules/phrases/`, by name); for
/// the build script. A file that does not read is left out here (and fails the
/// build's unit tests where it loads).
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn rule_alternatives(files: &[&str]) -> Vec<(Vec<String>, bool)> {
    files
        .iter()
        .filter_map(|text| toml::from_str::<Outline>(text).ok())
        .map(|rule| {
            let ascii = rule
                .phrases
                .iter()
                .flat_map(|p| &p.patterns)
                .all(|p| p.is_ascii());
            let alternatives = rule
                .phrases
                .iter()
                .map(|p| alternative(&p.patterns, p.case_sensitive.unwrap_or(rule.case_sensitive)))
                .collect();
            (alternatives, ascii)
        })
        .collect()
}

/// The patterns the gate is planned with (see `PatternSet::relaxed`): each gate
/// pattern with a wide gap only up to its gaps (`set_plan::without_gaps`), which
/// still matches wherever the pattern might. Whole, such gaps multiplied the states
/// of the gate's lazy DFA (on 500 postings, determinising was 80% of its time), so
/// those rules went ungated and scanned every text of every posting themselves.
/// Worked out by the build script only: parsing them took 4 M instructions a run.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn relaxed_gate_patterns(patterns: &[String]) -> Vec<String> {
    patterns
        .iter()
        .map(|p| {
            if has_wide_gap(p) {
                without_gaps(p)
            } else {
                p.clone()
            }
        })
        .collect()
}

/// The gate's patterns for rule files in load order, as `builtin` in `declarative.rs`
/// builds them; for the build script.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn gate_patterns(files: &[&str]) -> Vec<String> {
    let rules = rule_alternatives(files);
    gate_layout(rules.iter().map(|(a, ascii)| (a.as_slice(), *ascii))).patterns
}
