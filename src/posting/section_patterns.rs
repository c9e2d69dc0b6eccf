//! From `rules/sections.toml` to the pattern strings the section vocabulary compiles.
//!
//! Shared with the build script (`#[path]`), which compiles the same sets ahead of
//! time (see `nfa_format`); so it uses nothing from the rest of the crate. When the two
//! ever disagree, the vocabulary compiles the set itself: slower, never different.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub heading: Vec<HeadingEntry>,
    pub content: HashMap<String, ContentEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingEntry {
    pub kind: String,
    #[serde(default)]
    pub facet: Option<String>,
    #[serde(default)]
    pub repeatable: bool,
    #[serde(default)]
    pub soft: bool,
    #[serde(default, rename = "marked-only")]
    pub marked_only: bool,
    pub patterns: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContentEntry {
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub item_starts: Vec<String>,
}

/// The content signals: the `[content.*]` entry each reads, and whether its patterns
/// are item starts (anchored at the start of a list item).
#[cfg_attr(not(test), allow(dead_code))] // read by the build script and the tests
pub const SIGNALS: [(&str, bool); 9] = [
    ("summary", false),
    ("duty-mentions", false),
    ("company", false),
    ("responsibilities", true),
    ("responsibility-gerunds", true),
    ("requirements", true),
    ("requirement-mentions", false),
    ("requirement-statements", false),
    ("task-titles", false),
];

pub fn parse(text: &str) -> Result<File, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// Every heading pattern as compiled, in file order: each matched against the whole
/// folded heading.
pub fn heading_patterns(file: &File) -> Vec<String> {
    file.heading
        .iter()
        .flat_map(|e| e.patterns.iter())
        .map(|p| format!("(?-u)^(?:{})$", fold(p)))
        .collect()
}

/// A signal's patterns and exclusions as compiled. Signals only ever see folded
/// (ASCII) text, so byte patterns with ASCII classes mean the same as Unicode ones and
/// keep the sets small enough for the fast engine.
pub fn signal_patterns(entry: &ContentEntry, anchored_items: bool) -> (Vec<String>, Vec<String>) {
    let pats: Vec<String> = if anchored_items {
        entry
            .item_starts
            .iter()
            .map(|p| format!(r"(?i-u)^\W*(?:{})", fold(p)))
            .collect()
    } else {
        entry
            .patterns
            .iter()
            .map(|p| format!("(?i-u){}", fold(p)))
            .collect()
    };
    let excl: Vec<String> = entry
        .exclude
        .iter()
        .map(|p| format!("(?i-u){}", fold(p)))
        .collect();
    (pats, excl)
}

/// The sets a list of alternatives compiles to: one for the patterns without a wide
/// gap, then one per pattern with one ("our products ... help", `.{0,40}`). In one set
/// with the others, such gaps multiply the lazy DFA's states until every byte is a
/// cache miss (the company set ran at 70 ns a byte), while alone each stays small.
pub fn alternative_sets(patterns: &[String]) -> Vec<Vec<String>> {
    let (gapped, plain): (Vec<&String>, Vec<&String>) =
        patterns.iter().partition(|p| GAP.is_match(p));
    std::iter::once(plain.into_iter().cloned().collect())
        .chain(gapped.into_iter().map(|p| vec![p.clone()]))
        .collect()
}

/// Every pattern set the vocabulary compiles, for the build script.
#[cfg_attr(not(test), allow(dead_code))]
pub fn all_sets(file: &File) -> Result<Vec<Vec<String>>, String> {
    let mut sets = vec![heading_patterns(file)];
    for (name, anchored) in SIGNALS {
        let entry = file
            .content
            .get(name)
            .ok_or_else(|| format!("missing [content.{name}]"))?;
        let (pats, excl) = signal_patterns(entry, anchored);
        sets.extend(alternative_sets(&pats));
        sets.extend(alternative_sets(&excl));
    }
    Ok(sets)
}

/// A repetition of a wide class in a pattern's source: `.{0,80}`, `[^,]{3,100}`, `\w+`.
static GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\.|\[\^[^\]]*\]|\\w|\[[^\]]*\\w[^\]]*\])(?:\{\d*,\d*\}|[*+])|\)\{\d*,\d*\}")
        .expect("static regex")
});

static NO_APOSTROPHE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(you|we|they)(ll|re|ve|d)\b").expect("static regex"));

/// Restores apostrophes that some exports drop ("youll", "youre"), so patterns written
/// with them still match. "were" is left alone: it is also a word.
pub fn restore_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    NO_APOSTROPHE.replace_all(text, "$1'$2")
}

/// The text signals are matched against: ASCII only. Curly quotes and dashes become
/// their ASCII forms (patterns are written with those), other letters and digits
/// become `x` and anything else a space. Besides normalising, this keeps the regex
/// engine on its fast path: Unicode word boundaries force a slow engine as soon as
/// the text holds one non-ASCII byte, and section inference runs dozens of signals
/// over every line.
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return restore_apostrophes(text);
    }
    let folded: String = text
        .chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_alphanumeric() => 'x',
            _ => ' ',
        })
        .collect();
    match restore_apostrophes(&folded) {
        std::borrow::Cow::Borrowed(_) => folded.into(),
        std::borrow::Cow::Owned(o) => o.into(),
    }
}
