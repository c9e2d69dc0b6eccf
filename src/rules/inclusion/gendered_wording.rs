use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::posting::ascii_blocks::{self, BLOCK};
use crate::posting::ascii_regex::AsciiRegex;
use serde::Deserialize;

use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
The balance of masculine- and feminine-coded words across the whole posting, using the
word stems of Gaucher, Friesen and Kay (2011): "competitive", "dominant", "assertive",
"decisive" against "collaborative", "supportive", "understanding", "committed". It
reports once per posting when masculine-coded words clearly outnumber feminine-coded
ones (by default at least 5 of them, and at least twice as many), with each
masculine-coded word marked.

Words in the job title, in the EEO statement and in proper nouns (capitalised words
inside a sentence) are not counted, nor are the stems' known false hits
("responsibilities", "analyst", "support engineer", "lead developer", "competitive
salary"; see `rules/gendered-words.toml`).

## Why it matters
Gaucher, Friesen and Kay found that masculine-coded wording made jobs less appealing
to women and lowered their sense of belonging, while participants did not notice the
wording itself. Field results are mixed (Castilla and Rho, 2023, found small effects on
real postings; a 2025 PNAS study of 37,920 people found neutral synonyms raised
women's application rates), so this is a whole-posting balance check, not a word ban.

## Example
Avoid: "We want a competitive, assertive, self-reliant leader who dominates the market."

Better: "We want someone who sets a clear direction and brings the team along."

## How to fix
Swap some masculine-coded words for neutral ones ("competitive" to "ambitious goals"
or just the goal itself), and describe how the team works together.
"#;

const WORDS_TOML: &str = include_str!("../../../rules/gendered-words.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WordFile {
    masculine: Vec<String>,
    feminine: Vec<String>,
    exclude: Vec<String>,
    exclude_phrases: Vec<String>,
}

struct Words {
    lexicon: Lexicon,
    exclude: HashSet<String>,
    exclude_phrases: AsciiRegex,
}

/// The masculine and feminine entries, stems ("aggress*") and whole words ("active"),
/// all lower-case ASCII, by their first three letters (every entry has three or more):
/// a word is compared only with the entries that start as it does.
struct Lexicon {
    /// The first three letters of every entry: nearly every word of a posting is ruled
    /// out by one bit before anything is compared.
    starts: Starts,
    /// 1 + the bucket of each three-letter start (by `Starts::index`); 0 for none.
    bucket_of: Vec<u16>,
    /// Each bucket's masculine entries, then its feminine ones: a word that both
    /// lists hold counts as masculine.
    buckets: Vec<Vec<Entry>>,
}

struct Entry {
    letters: Box<[u8]>,
    /// A stem matches any word that starts with its letters; other entries, only
    /// themselves.
    stem: bool,
    masculine: bool,
}

/// A set of three-letter starts, one bit each, by [`Starts::index`].
struct Starts(Vec<u64>);

impl Starts {
    /// A start's place among `aaa` to `zzz`.
    fn index(start: [u8; 3]) -> usize {
        start.iter().fold(0, |n, b| n * 26 + usize::from(b - b'a'))
    }

    fn has(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 != 0
    }
}

impl Lexicon {
    /// `load_words` has checked that every entry starts with three letters.
    fn new(masculine: &[String], feminine: &[String]) -> Self {
        let mut bucket_of = vec![0u16; 26 * 26 * 26];
        let mut buckets: Vec<Vec<Entry>> = Vec::new();
        let entries = masculine
            .iter()
            .map(|e| (e, true))
            .chain(feminine.iter().map(|e| (e, false)));
        for (entry, masculine) in entries {
            let (letters, stem) = match entry.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (entry.as_str(), false),
            };
            let Some(start) = start_of(letters) else {
                continue;
            };
            let slot = &mut bucket_of[Starts::index(start)];
            if *slot == 0 {
                buckets.push(Vec::new());
                *slot = u16::try_from(buckets.len()).expect("fewer than 2^16 starts");
            }
            buckets[usize::from(*slot) - 1].push(Entry {
                letters: letters.as_bytes().into(),
                stem,
                masculine,
            });
        }
        let mut starts = Starts(vec![0; bucket_of.len().div_ceil(64)]);
        for (i, _) in bucket_of.iter().enumerate().filter(|(_, &b)| b != 0) {
            starts.0[i / 64] |= 1 << (i % 64);
        }
        Lexicon {
            starts,
            bucket_of,
            buckets,
        }
    }

    /// Whether a word with these first three letters may be an entry (the tests' form
    /// of [`Lexicon::may_start`]).
    #[cfg(test)]
    fn may_match(&self, start: Option<[u8; 3]>) -> bool {
        start.is_some_and(|s| self.starts.has(Starts::index(s)))
    }

    /// [`Lexicon::may_match`] for the word at `at` of `b`, without a branch: every word
    /// of a posting is asked, and testing its three letters one by one mispredicted.
    fn may_start(&self, b: &[u8], at: usize) -> bool {
        // A letter's place in the alphabet, whatever its case; 26 or more for any
        // other byte (and past the end).
        let letter = |k: usize| (b.get(at + k).map_or(0, |&c| c | 0x20)).wrapping_sub(b'a');
        let (x, y, z) = (letter(0), letter(1), letter(2));
        let letters = (x < 26) & (y < 26) & (z < 26);
        let i = Starts::index([x, y, z].map(|c| b'a' + c.min(25)));
        letters & self.starts.has(i)
    }

    /// Whether `word` (in any case of ASCII letters) is coded: `Some(true)` when
    /// masculine, `Some(false)` when feminine.
    fn coded(&self, word: &[u8]) -> Option<bool> {
        let start = start_of_bytes(word)?;
        let bucket = self
            .buckets
            .get(usize::from(self.bucket_of[Starts::index(start)]).checked_sub(1)?)?;
        bucket
            .iter()
            .find(|e| {
                let n = e.letters.len();
                let fits = if e.stem {
                    word.len() >= n
                } else {
                    word.len() == n
                };
                fits && word[..n].eq_ignore_ascii_case(&e.letters)
            })
            .map(|e| e.masculine)
    }
}

/// The first three letters of a word, lower-cased, when all three are ASCII.
fn start_of(word: &str) -> Option<[u8; 3]> {
    start_of_bytes(word.as_bytes())
}

fn start_of_bytes(word: &[u8]) -> Option<[u8; 3]> {
    match word {
        [a, b, c, ..] if [a, b, c].iter().all(|x| x.is_ascii_alphabetic()) => Some([
            a.to_ascii_lowercase(),
            b.to_ascii_lowercase(),
            c.to_ascii_lowercase(),
        ]),
        _ => None,
    }
}

// Embedded data, loaded by every test of this rule.
static WORDS: LazyLock<Words> =
    LazyLock::new(|| load_words().unwrap_or_else(|e| panic!("rules/gendered-words.toml: {e}")));

fn load_words() -> Result<Words, String> {
    let f: WordFile = crate::rule_data::load(crate::rule_data::json!("gendered-words"), WORDS_TOML)
        .map_err(|e| e.to_string())?;
    let lower_ascii = |e: &String| {
        e.bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'*' || b == b'-')
    };
    if let Some(bad) = f
        .masculine
        .iter()
        .chain(&f.feminine)
        .find(|e| !lower_ascii(e) || start_of(e).is_none())
    {
        return Err(format!(
            "`{bad}` must be lower-case ASCII, three letters or more"
        ));
    }
    let phrases = format!("(?i)\\b(?:{})\\b", f.exclude_phrases.join("|"));
    Ok(Words {
        lexicon: Lexicon::new(&f.masculine, &f.feminine),
        exclude: f.exclude.into_iter().collect(),
        exclude_phrases: AsciiRegex::build(&phrases)?,
    })
}

/// Apostrophes and hyphens, which words may hold (with letters).
fn is_mark(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-')
}

/// The words of `text` whose first three letters are ASCII and start an entry: the
/// only ones that can count. A word is a letter, then letters, apostrophes and
/// hyphens ("self-reliant", "team's"); nearly every word of a posting is ruled out
/// here, in the pass that finds it.
fn candidates(text: &str, w: &Words, mut f: impl FnMut(Range<usize>)) {
    let b = text.as_bytes();
    let ascii = text.is_ascii();
    for start in word_starts(b) {
        if !w.lexicon.may_start(b, start) {
            continue;
        }
        // `word_starts` reads other characters as neither letters nor marks, so
        // after one, a start may still be inside a word ("na\u{ef}ve", "x\u{2019}s").
        if !ascii && !starts_word(text, start) {
            continue;
        }
        f(start..word_end(text, start));
    }
}

/// Whether the letter at `at` starts a word: the run of letters and marks it is in
/// holds no letter before it.
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .rev()
        .find(|&c| !is_mark(c))
        .is_some_and(char::is_alphabetic)
}

/// Where the word that starts at `at` ends.
fn word_end(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    match b[at..].iter().position(|&c| !in_word(c)) {
        None => b.len(),
        Some(n) if b[at + n].is_ascii() => at + n,
        Some(n) => {
            let rest = &text[at + n..];
            at + n
                + rest
                    .find(|c: char| !(c.is_alphabetic() || is_mark(c)))
                    .unwrap_or(rest.len())
        }
    }
}

/// Letters, apostrophes and hyphens: what a word of ASCII text is made of.
fn in_word(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'\'' || c == b'-'
}

/// Where the words of ASCII text start: the first letter of each run of word
/// characters that holds one (other bytes are no word's), from the classes of 64
/// bytes at a time (see `ascii_blocks`). A loop that stepped to each word's end and
/// then to the next letter mispredicted a branch at every word boundary; here only
/// the few starts are visited.
fn word_starts(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // Whether the run of word characters going on at the end of the last block holds a
    // letter (a word in progress).
    let mut carry = 0u64;
    b.chunks(BLOCK).enumerate().flat_map(move |(k, chunk)| {
        let c = ascii_blocks::classes(chunk);
        // Each letter, and a word going on from the last block, spread to the end of
        // its run of word characters: a word starts at a letter with no word going on
        // just before it.
        let going = ascii_blocks::spread(c.letters | carry, c.letters | c.marks);
        let starts = c.letters & !((going << 1) | carry);
        carry = going >> 63;
        ascii_blocks::positions(starts, k * BLOCK)
    })
}

pub struct GenderedWording {
    meta: RuleMeta,
}

impl Default for GenderedWording {
    fn default() -> Self {
        GenderedWording {
            meta: RuleMeta::new(
                "gendered-wording",
                Category::Inclusion,
                Severity::Warning,
                "Masculine-coded words clearly outnumber feminine-coded ones",
                EXPLANATION,
            )
            .with_options(vec![
                RuleOption::new(
                    "threshold",
                    2.0,
                    "how many times more masculine- than feminine-coded words",
                ),
                RuleOption::new(
                    "min-words",
                    5,
                    "the fewest masculine-coded words that can be reported",
                ),
            ]),
        }
    }
}

#[derive(Default)]
struct Tally {
    masculine: Vec<(Range<usize>, String)>,
    feminine: Vec<(Range<usize>, String)>,
}

fn tally(posting: &Posting) -> Tally {
    let w = &*WORDS;
    let mut t = Tally::default();
    for section in posting
        .sections
        .iter()
        .filter(|s| !matches!(s.kind, SectionKind::Eeo | SectionKind::Title))
    {
        for unit in &section.units {
            let text = unit.prose.as_str();
            let mut skipped: Option<Vec<Range<usize>>> = None;
            let mut lower = String::new();
            candidates(text, w, |range| {
                let word = &text[range.clone()];
                let coded = if word.is_ascii() {
                    w.lexicon.coded(word.as_bytes())
                } else {
                    w.lexicon.coded(word.to_lowercase().as_bytes())
                };
                let Some(masculine) = coded else {
                    return;
                };
                // A capital inside a sentence marks a proper noun ("Active Directory").
                // (A candidate starts with an ASCII letter.)
                if word.as_bytes()[0].is_ascii_uppercase() {
                    let before = text[..range.start].trim_end();
                    let starts_sentence = !before.contains(char::is_alphabetic)
                        || before.ends_with(['.', '!', '?', ':', '\u{2022}']);
                    if !starts_sentence {
                        return;
                    }
                }
                // The exclusions are looked at only for a coded word: the phrases
                // are a pass over the unit.
                lower.clear();
                lower.push_str(&word.to_lowercase());
                if w.exclude.contains(&lower) {
                    return;
                }
                let skipped = skipped.get_or_insert_with(|| {
                    w.exclude_phrases.find_iter(unit.prose.ascii()).collect()
                });
                if skipped.iter().any(|r| r.contains(&range.start)) {
                    return;
                }
                let span = unit.prose.source_span(range);
                if masculine {
                    t.masculine.push((span, lower.clone()));
                } else {
                    t.feminine.push((span, lower.clone()));
                }
            });
        }
    }
    t
}

impl Rule for GenderedWording {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let threshold = cx.number(&self.meta, "threshold");
        let min_words = cx.number(&self.meta, "min-words") as usize;
        let t = tally(posting);
        let (m, f) = (t.masculine.len(), t.feminine.len());
        if m < min_words || (m as f64) < threshold * (f.max(1) as f64) {
            return;
        }
        let mut words: Vec<&str> = t.masculine.iter().map(|(_, w)| w.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        let mut r = sink
            .report(
                t.masculine[0].0.clone(),
                format!(
                    "masculine-coded words outnumber feminine-coded ones {m} to {f} ({})",
                    words.iter().take(6).copied().collect::<Vec<_>>().join(", ")
                ),
            )
            .help("swap some masculine-coded words for neutral ones and say how the team works together");
        for (span, _) in t.masculine.iter().skip(1) {
            r = r.label(span.clone(), "masculine-coded");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use crate::testing::ids;

    const RULE: &str = "gendered-wording";

    /// Words as the tally counts them, a character at a time: a letter, then letters,
    /// apostrophes and hyphens, as byte ranges of `text`.
    fn words(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, _)) = chars.find(|&(_, c)| c.is_alphabetic()) {
            let mut end = text.len();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphabetic() || super::is_mark(c) {
                    chars.next();
                } else {
                    end = i;
                    break;
                }
            }
            out.push(start..end);
        }
        out
    }

    /// The candidates as [`words`] splits them.
    fn expected_candidates(text: &str) -> Vec<Range<usize>> {
        let w = &*super::WORDS;
        words(text)
            .into_iter()
            .filter(|r| w.lexicon.may_match(super::start_of(&text[r.clone()])))
            .collect()
    }

    fn candidates(text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        super::candidates(text, &super::WORDS, |r| found.push(r));
        found
    }

    #[test]
    fn candidates_are_the_words_that_start_as_an_entry_does() {
        for text in [
            "A competitive, self-reliant lead's team -- supportive and understanding",
            "Active Directory, ambitious goals; 3 years' experience with COMPETITION",
            "Caf\u{e9} leaders: decisive, l\u{e9}ad, na\u{ef}ve committed analysts",
            "x\u{2019}lead \u{e9}-lead \u{2014}lead lead\u{2019}s leader\u{e9}s",
            "",
            "--- '' - x ab abc",
        ] {
            assert_eq!(candidates(text), expected_candidates(text), "{text}");
        }
        let text = "A self-reliant, team's 'leader' -- x9y";
        let found: Vec<&str> = candidates(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["self-reliant", "leader'"]);
    }

    proptest::proptest! {
        #[test]
        fn may_start_is_may_match(text in "[a-zA-Z@\\[`{ 0-9\u{e9}-]{0,8}", at in 0usize..8) {
            let lexicon = &super::WORDS.lexicon;
            let b = text.as_bytes();
            let at = at.min(b.len());
            proptest::prop_assert_eq!(
                lexicon.may_start(b, at),
                lexicon.may_match(super::start_of_bytes(&b[at..]))
            );
        }

        #[test]
        fn word_starts_are_where_words_start(text in "[abcXY' .,-]{0,300}") {
            let expected: Vec<usize> = words(&text).into_iter().map(|r| r.start).collect();
            let found: Vec<usize> = super::word_starts(text.as_bytes()).collect();
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn candidates_are_found_in_any_text(
            text in "(lead|Com|pet|x|s|'|\u{2019}|-| |\\.|\u{e9}|\u{b2}|\u{4e2d}|\u{2014}){0,60}"
        ) {
            proptest::prop_assert_eq!(candidates(&text), expected_candidates(&text));
        }
    }

    /// Whether an entry list holds `lower`, as a word or by a stem.
    fn listed(list: &[String], lower: &str) -> bool {
        list.iter().any(|e| match e.strip_suffix('*') {
            Some(stem) => lower.starts_with(stem),
            None => lower == e,
        })
    }

    #[test]
    fn a_word_is_coded_as_its_lists_say() {
        let f: super::WordFile =
            crate::rule_data::load(crate::rule_data::json!("gendered-words"), super::WORDS_TOML)
                .unwrap();
        let lexicon = &super::WORDS.lexicon;
        let entries = f.masculine.iter().chain(&f.feminine);
        let mut words: Vec<String> = entries
            .flat_map(|e| {
                let bare = e.trim_end_matches('*');
                [
                    bare.to_string(),
                    format!("{bare}ing"),
                    bare[..bare.len() - 1].to_string(),
                    bare.to_uppercase(),
                    format!("{bare}-led"),
                ]
            })
            .collect();
        words.extend(["compete", "committee", "leadership", "analyst", "xyz"].map(String::from));
        for word in words {
            let lower = word.to_lowercase();
            let expected = if listed(&f.masculine, &lower) {
                Some(true)
            } else if listed(&f.feminine, &lower) {
                Some(false)
            } else {
                None
            };
            assert_eq!(lexicon.coded(word.as_bytes()), expected, "{word}");
        }
    }

    #[test]
    fn word_data_loads() {
        super::load_words().unwrap();
    }

    #[test]
    fn masculine_heavy_posting() {
        let src = "# Sales Lead\n\nWe want an ambitious, assertive and competitive person who is decisive, \
                   dominant in negotiations and fearless in a challenging market.\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn balanced_postings_and_false_hits() {
        for src in [
            "# Engineer\n\nWe are ambitious and competitive, but also collaborative, supportive, \
             understanding and committed to each other.\n",
            "# Lead Analyst\n\nResponsibilities: lead the analytics team, support engineers, \
             analyse data. Competitive salary.\n",
            "# Engineer\n\nAdministers Active Directory and works with Independent Living Centres.\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
