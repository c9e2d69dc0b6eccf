use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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
    masculine: Stems,
    feminine: Stems,
    exclude: HashSet<String>,
    exclude_phrases: AsciiRegex,
}

/// Word stems ("aggress*") and whole words ("active"), all lower-case ASCII.
struct Stems {
    /// Stems by their first three letters (every stem has three or more): a word is
    /// compared only with the stems that start as it does.
    stems: HashMap<[u8; 3], Vec<String>>,
    words: HashSet<String>,
    /// First three letters of every entry: nearly every word of a posting is ruled
    /// out by one bit before anything is compared.
    starts: Starts,
}

/// A set of three-letter starts, one bit each.
struct Starts(Vec<u64>);

impl Starts {
    fn index(start: [u8; 3]) -> usize {
        start.iter().fold(0, |n, b| n * 26 + usize::from(b - b'a'))
    }

    fn contains(&self, start: [u8; 3]) -> bool {
        let i = Self::index(start);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

impl FromIterator<[u8; 3]> for Starts {
    fn from_iter<I: IntoIterator<Item = [u8; 3]>>(iter: I) -> Self {
        let mut bits = vec![0u64; (26 * 26 * 26usize).div_ceil(64)];
        for s in iter {
            let i = Self::index(s);
            bits[i / 64] |= 1 << (i % 64);
        }
        Starts(bits)
    }
}

impl Stems {
    fn new(list: &[String]) -> Self {
        let mut stems: HashMap<[u8; 3], Vec<String>> = HashMap::default();
        let mut words = HashSet::default();
        for entry in list {
            match entry.strip_suffix('*') {
                // `load_words` checks every entry starts with three letters.
                Some(stem) => {
                    if let Some(start) = start_of(stem) {
                        stems.entry(start).or_default().push(stem.to_string());
                    }
                }
                None => {
                    words.insert(entry.clone());
                }
            }
        }
        let starts = stems
            .keys()
            .copied()
            .chain(words.iter().filter_map(|e| start_of(e)))
            .collect();
        Stems {
            stems,
            words,
            starts,
        }
    }

    fn may_match(&self, start: Option<[u8; 3]>) -> bool {
        start.is_some_and(|s| self.starts.contains(s))
    }

    fn matches(&self, lower: &str) -> bool {
        self.words.contains(lower)
            || start_of(lower)
                .and_then(|start| self.stems.get(&start))
                .is_some_and(|stems| stems.iter().any(|s| lower.starts_with(s.as_str())))
    }
}

/// The first three letters of a word, lower-cased, when all three are ASCII.
fn start_of(word: &str) -> Option<[u8; 3]> {
    match word.as_bytes() {
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
        masculine: Stems::new(&f.masculine),
        feminine: Stems::new(&f.feminine),
        exclude: f.exclude.into_iter().collect(),
        exclude_phrases: AsciiRegex::build(&phrases)?,
    })
}

/// Words as the tally counts them: a letter, then letters, apostrophes and hyphens
/// ("self-reliant", "team's"), as byte ranges of `text`.
fn words(text: &str) -> Box<dyn Iterator<Item = Range<usize>> + '_> {
    if text.is_ascii() {
        // The common case, a byte at a time (this loop was 3% of a large run).
        let bytes = text.as_bytes();
        let mut at = 0;
        return Box::new(std::iter::from_fn(move || {
            let start = at + bytes[at..].iter().position(u8::is_ascii_alphabetic)?;
            let len = bytes[start..]
                .iter()
                .position(|b| !(b.is_ascii_alphabetic() || matches!(b, b'\'' | b'-')))
                .unwrap_or(bytes.len() - start);
            at = start + len;
            Some(start..at)
        }));
    }
    let mut chars = text.char_indices().peekable();
    Box::new(std::iter::from_fn(move || {
        let (start, _) = chars.find(|&(_, c)| c.is_alphabetic())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-') {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        Some(start..end)
    }))
}

/// The words of `text` (as [`words`] splits them) whose first three letters start a
/// masculine or feminine entry: the only ones that can count. Nearly every word of a
/// posting is ruled out here; in ASCII text, in the same pass that finds it.
fn candidates(text: &str, w: &Words, mut f: impl FnMut(Range<usize>)) {
    let may_match = |start| w.masculine.may_match(start) || w.feminine.may_match(start);
    if !text.is_ascii() {
        words(text)
            .filter(|r| may_match(start_of(&text[r.clone()])))
            .for_each(f);
        return;
    }
    let b = text.as_bytes();
    for start in word_starts(b) {
        if may_match(start_of(&text[start..])) {
            let len = b[start..].iter().position(|&c| !in_word(c));
            f(start..len.map_or(b.len(), |n| start + n));
        }
    }
}

/// Letters, apostrophes and hyphens: what a word of ASCII text is made of.
fn in_word(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'\'' || c == b'-'
}

/// Where the words of ASCII text start (as [`words`] has them: the first letter of
/// each run of word characters that holds one), from the classes of 64 bytes at a
/// time (see `ascii_blocks`). A loop that stepped to each word's end and then to the
/// next letter mispredicted a branch at every word boundary; here only the few starts
/// are visited.
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
            // Where the unit's first word starts: its first letter.
            let first_word = text.find(char::is_alphabetic);
            let mut lower = String::new();
            candidates(text, w, |range| {
                let word = &text[range.clone()];
                let before = text[..range.start].trim_end();
                let starts_sentence = first_word == Some(range.start)
                    || before.is_empty()
                    || before.ends_with(['.', '!', '?', ':', '•']);
                // A capital inside a sentence marks a proper noun ("Active Directory").
                if !starts_sentence && word.chars().next().is_some_and(char::is_uppercase) {
                    return;
                }
                // Lower-cased into one buffer: most candidates are not coded words.
                lower.clear();
                if word.is_ascii() {
                    lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lower.push_str(&word.to_lowercase());
                }
                let masculine = w.masculine.matches(&lower);
                // The exclusions are looked at only for a coded word: the phrases
                // are a pass over the unit.
                if (!masculine && !w.feminine.matches(&lower)) || w.exclude.contains(&lower) {
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
    use crate::testing::ids;

    const RULE: &str = "gendered-wording";

    #[test]
    fn ascii_words_are_split_as_any_text_is() {
        let text = "A self-reliant, team's 'lead' -- x9y O'Neil\t\nend-";
        let ascii: Vec<_> = super::words(text).collect();
        // The same text with one non-ASCII character at the end takes the general path.
        let general: Vec<_> = super::words(&format!("{text} \u{e9}")).collect();
        assert_eq!(ascii, general[..general.len() - 1]);
        assert_eq!(&text[ascii[1].clone()], "self-reliant");
        assert_eq!(&text[ascii[3].clone()], "lead'");
    }

    #[test]
    fn candidates_are_the_words_that_start_as_an_entry_does() {
        let w = &*super::WORDS;
        for text in [
            "A competitive, self-reliant lead's team -- supportive and understanding",
            "Active Directory, ambitious goals; 3 years' experience with COMPETITION",
            "Caf\u{e9} leaders: decisive, l\u{e9}ad, na\u{ef}ve committed analysts",
            "",
            "--- '' - x ab abc",
        ] {
            let expected: Vec<_> = super::words(text)
                .filter(|r| {
                    let start = super::start_of(&text[r.clone()]);
                    w.masculine.may_match(start) || w.feminine.may_match(start)
                })
                .collect();
            let mut found = Vec::new();
            super::candidates(text, w, |r| found.push(r));
            assert_eq!(found, expected, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_starts_are_where_words_start(text in "[abcXY' .,-]{0,300}") {
            let expected: Vec<usize> = super::words(&text).map(|r| r.start).collect();
            let found: Vec<usize> = super::word_starts(text.as_bytes()).collect();
            proptest::prop_assert_eq!(found, expected);
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
