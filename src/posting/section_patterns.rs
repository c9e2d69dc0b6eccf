//! From `rules/sections.toml` to the pattern strings the section vocabulary compiles.
//!
//! Shared with the build script (`#[path]`), which compiles the same sets ahead of
//! time (see `nfa_format`); so it uses nothing from the rest of the crate but
//! `ascii_blocks`, which the build script includes too. When the two ever disagree,
//! the vocabulary compiles the set itself: slower, never different.

use std::collections::HashMap;

use super::ascii_blocks;

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

#[cfg_attr(not(test), allow(dead_code))] // the build script and the tests read the TOML
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

/// Whether a pattern's source repeats a wide class: `.{0,80}`, `[^,]{3,100}`, `\w+`,
/// `(a|b){1,3}`. Read from the source text, not parsed: somewhere in it, `.`, `\w`, a
/// negated class or a class holding `\w`, followed by `*`, `+` or a range `{m,n}`; or
/// `)` followed by a range. (This was a regex; compiling it cost a million
/// instructions of every run.)
pub fn has_wide_gap(pattern: &str) -> bool {
    let s = pattern.as_bytes();
    (0..s.len()).any(|i| {
        if s[i] == b')' {
            return is_range(&s[i + 1..]);
        }
        let atom_end = match s[i] {
            b'.' => Some(i + 1),
            b'\\' if s.get(i + 1) == Some(&b'w') => Some(i + 2),
            b'[' => {
                // Up to the first `]`: a negated class, or one that holds `\w`.
                let body = &s[i + 1..];
                body.iter().position(|&b| b == b']').and_then(|close| {
                    let inner = &body[..close];
                    (inner.first() == Some(&b'^') || inner.windows(2).any(|w| w == b"\\w"))
                        .then_some(i + 1 + close + 1)
                })
            }
            _ => None,
        };
        atom_end.is_some_and(|end| {
            let rest = &s[end..];
            matches!(rest.first(), Some(b'*' | b'+')) || is_range(rest)
        })
    })
}

/// Whether `s` starts with a range repetition with a comma: `{` digits `,` digits `}`.
fn is_range(s: &[u8]) -> bool {
    let Some(rest) = s.strip_prefix(b"{") else {
        return false;
    };
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &rest[digits(rest)..];
    let Some(rest) = rest.strip_prefix(b",") else {
        return false;
    };
    rest[digits(rest)..].starts_with(b"}")
}

pub fn signal_entry<'a>(file: &'a File, name: &str) -> Result<(&'a ContentEntry, bool), String> {
    let (_, anchored) = SIGNALS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no signal `{name}`"))?;
    let entry = file
        .content
        .get(name)
        .ok_or_else(|| format!("missing [content.{name}]"))?;
    Ok((entry, *anchored))
}

/// Every pattern set the vocabulary compiles, for the build script.
#[cfg_attr(not(test), allow(dead_code))]
pub fn all_sets(file: &File) -> Result<Vec<Vec<String>>, String> {
    let mut sets = vec![heading_patterns(file)];
    for (name, _) in SIGNALS {
        let (entry, anchored) = signal_entry(file, name)?;
        let (pats, excl) = signal_patterns(entry, anchored);
        sets.extend([pats, excl]);
    }
    Ok(sets)
}

/// Restores apostrophes that some exports drop ("youll", "youre"), so patterns written
/// with them still match. "were", "well" and "wed" become "we're", "we'll" and "we'd"
/// too: in the corpus that recovers headings such as "What were looking for" and
/// sentences such as "Were seeking a ...", and leaving them alone (tried) lost those
/// while no finding changed.
///
/// A whole word, in the sense of a Unicode `\b`, that reads you/we/they followed by
/// ll/re/ve/d in any case. (That was a `(?i)\b...\b` regex; its Unicode tables
/// took longer to compile at every start than all the texts of a posting to scan.)
pub fn restore_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut put = |at: usize, out: &mut String| {
        out.push_str(&text[copied..at]);
        out.push('\'');
        copied = at;
    };
    if text.is_ascii() && !text.contains('_') {
        // Folded text, ASCII (and almost never with `_`, a word character that is not
        // a letter or digit): the starts of words from the classes of 64 bytes at a
        // time (see `ascii_blocks`), and only those that begin with y, w or t looked
        // at. A byte loop branched at every y, w and t, mispredicting at each, and read
        // the character before it (3.4 ns a byte over the corpus's lines).
        let mut after_word = 0u64;
        for (k, chunk) in bytes.chunks(ascii_blocks::BLOCK).enumerate() {
            let c = ascii_blocks::classes(chunk);
            let word = c.letters | c.digits;
            let starts = c.letters & !((word << 1) | after_word);
            after_word = word >> 63;
            for i in ascii_blocks::positions(starts, k * ascii_blocks::BLOCK) {
                if !matches!(bytes[i] | 0x20, b'y' | b'w' | b't') {
                    continue;
                }
                let len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if let Some(split) = contraction(&text[i..i + len]) {
                    put(i + split, &mut out);
                }
            }
        }
    } else {
        restore_char_by_char(text, &mut out, put);
    }
    if copied == 0 {
        return text.into();
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// [`restore_apostrophes`] of any text (non-ASCII, or with `_`), a character at a time:
/// `put` puts an apostrophe at a byte offset.
fn restore_char_by_char(text: &str, out: &mut String, mut put: impl FnMut(usize, &mut String)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only a word starting with y, w or t can be one; the check of the character
        // before comes second, as it is the costlier.
        if !matches!(bytes[i] | 0x20, b'y' | b'w' | b't')
            || text[..i].chars().next_back().is_some_and(is_word)
        {
            i += 1;
            continue;
        }
        let end = i + bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let whole = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if let Some(split) = contraction(&text[i..end]).filter(|_| whole) {
            put(i + split, out);
        }
        i = end;
    }
}

/// Where an apostrophe goes in `word`, if it is one of the contractions.
fn contraction(word: &str) -> Option<usize> {
    if !(2..=6).contains(&word.len()) {
        return None;
    }
    let word = word.as_bytes();
    let subject = [&b"you"[..], b"we", b"they"]
        .into_iter()
        .find(|s| word.len() > s.len() && word[..s.len()].eq_ignore_ascii_case(s))?;
    let rest = &word[subject.len()..];
    [&b"ll"[..], b"re", b"ve", b"d"]
        .iter()
        .any(|r| rest.eq_ignore_ascii_case(r))
        .then_some(subject.len())
}

/// A Unicode word character, as `\w`.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
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
    let folded = map_non_ascii(text, |c, out| {
        out.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_alphanumeric() => 'x',
            _ => ' ',
        })
    });
    match restore_apostrophes(&folded) {
        std::borrow::Cow::Borrowed(_) => folded.into(),
        std::borrow::Cow::Owned(o) => o.into(),
    }
}

/// `text` with each non-ASCII char replaced by what `each` writes for it. The ASCII
/// runs between are copied whole: a char at a time, folding and the ASCII shadow
/// were 1.6% of a many-file run.
pub fn map_non_ascii(text: &str, mut each: impl FnMut(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.bytes().position(|b| !b.is_ascii()) {
        out.push_str(&rest[..i]);
        let Some(c) = rest[i..].chars().next() else {
            break;
        };
        each(c, &mut out);
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn apostrophes_come_back_where_the_regex_put_them() {
        let regex = Regex::new(r"(?i)\b(you|we|they)(ll|re|ve|d)\b").unwrap();
        for text in [
            "youll love it; Youre great, THEYVE done it, wed, theyd",
            "were you there? yous youlll you'll we",
            "caf\u{e9}youll \u{e9}youll youll\u{e9} youll_ x_youre 3youre youre3",
            "\u{0301}youd youd\u{0301} \u{2019}youre\u{2019} \u{2003}weve",
            "",
            "d ll re ve you we they",
        ] {
            assert_eq!(
                restore_apostrophes(text),
                regex.replace_all(text, "$1'$2"),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        /// Any ASCII text; and text without `_`, which takes the path of 64-byte
        /// blocks, long enough for words across their edges.
        #[test]
        fn apostrophes_come_back_in_any_ascii_text(
            text in proptest::prop_oneof![
                "(you|We|THEY|ll|re|ve|d|x|_|3| |,|\\.){0,90}",
                "(you|We|THEY|ll|re|ve|d|x|3| |,|-|'){0,160}",
            ]
        ) {
            let regex = Regex::new(r"(?i)\b(you|we|they)(ll|re|ve|d)\b").unwrap();
            proptest::prop_assert_eq!(
                restore_apostrophes(&text),
                regex.replace_all(&text, "$1'$2")
            );
        }
    }

    proptest::proptest! {
        /// Runs of ASCII copied whole fold as every char mapped alone.
        #[test]
        fn fold_maps_each_char(text in "(a|Z|9| |we|youll|\\.|é|—|“|”|’|′|−|ß|中|😀|\u{301}){0,40}") {
            let mapped: String = text
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
            proptest::prop_assert_eq!(fold(&text), restore_apostrophes(&mapped));
        }
    }

    #[test]
    fn gaps_are_found_in_pattern_sources() {
        for (p, gap) in [
            (r"our products .{0,40} help", true),
            (r"[^,]{3,100} team", true),
            (r"\w+ly", true),
            (r"(a|b){1,3}", true),
            (r"about (us|the company)", false),
            (r"years? of", false),
            (r"\.net", false),
        ] {
            assert_eq!(has_wide_gap(p), gap, "{p}");
        }
    }

    /// The regex `has_wide_gap` replaced.
    fn gap_regex() -> regex::bytes::Regex {
        regex::bytes::Regex::new(
            r"(?-u)(?:\.|\[\^[^\]]*\]|\\w|\[[^\]]*\\w[^\]]*\])(?:\{[0-9]*,[0-9]*\}|[*+])|\)\{[0-9]*,[0-9]*\}",
        )
        .unwrap()
    }

    #[test]
    fn gaps_are_found_as_the_regex_found_them() {
        let gap = gap_regex();
        let file = parse(crate::posting::vocabulary::SECTIONS_TOML).unwrap();
        let mut sources: Vec<String> = all_sets(&file).unwrap().concat();
        for (_, text) in crate::rules::declarative::BUILTIN_RULE_FILES {
            sources.extend(text.lines().map(String::from));
        }
        for p in &sources {
            assert_eq!(has_wide_gap(p), gap.is_match(p.as_bytes()), "{p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn gaps_match_the_regex_on_any_source(p in r"[.\\w\[\]^(){},0-9*+a ]{0,12}") {
            proptest::prop_assert_eq!(has_wide_gap(&p), gap_regex().is_match(p.as_bytes()));
        }
    }
}
