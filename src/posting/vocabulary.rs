//! The section vocabulary from `rules/sections.toml`, compiled once per process.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

use super::capture_regex::CaptureRegex;
use super::pattern_set::PatternSet;
use super::prose::Prose;
pub use super::section_patterns::fold;
use super::section_patterns::{self, restore_apostrophes, ContentEntry};
use super::SectionKind;

pub const SECTIONS_TOML: &str = include_str!("../../rules/sections.toml");

/// A compiled content signal: lines that match one of `patterns` and none of `exclude`.
pub struct Signal {
    patterns: PatternSet,
    exclude: PatternSet,
    /// The signal's number in the vocabulary, for the answers a [`Prose`] keeps.
    id: u8,
}

/// A signal's patterns, or its exclusions, as one set. The build script plans it
/// (see `set_plan`): the patterns with a gap (`our products .{0,40} help`) cut
/// there, their heads searched in one DFA with the other patterns whole, and the
/// patterns that start with `^` in one anchored DFA. The large cache is for sets not
/// planned: with dozens of case-insensitive patterns the default cache fills and is
/// cleared over and over, and every clearing means determinising again.
fn signal_set(patterns: &[String]) -> Result<PatternSet, String> {
    PatternSet::new(patterns, 32 * 1024 * 1024)
}

impl Signal {
    fn compile(entry: &ContentEntry, anchored_items: bool, id: u8) -> Result<Self, String> {
        let (pats, excl) = section_patterns::signal_patterns(entry, anchored_items);
        Ok(Signal {
            patterns: signal_set(&pats)?,
            exclude: signal_set(&excl)?,
            id,
        })
    }

    /// True when a sentence of `line` matches a pattern and no exclusion. Sentences,
    /// not lines: a paragraph may describe the company and then say "we are hiring".
    pub fn matches(&self, line: &str) -> bool {
        sentences(&fold(line)).any(|s| self.is_match(s))
    }

    /// [`Signal::matches`] for prose, whose folded text is kept.
    pub fn matches_prose(&self, prose: &Prose) -> bool {
        prose.signal(self.id, |folded| {
            sentences(folded).any(|s| self.is_match(s))
        })
    }

    /// How many sentences of `prose` match.
    pub fn count_sentences(&self, prose: &Prose) -> usize {
        sentences(prose.folded())
            .filter(|s| self.is_match(s))
            .count()
    }

    fn is_match(&self, sentence: &str) -> bool {
        let s = sentence.as_bytes();
        self.patterns.is_match(s) && !self.exclude.is_match(s)
    }
}

/// What the vocabulary says about a heading.
pub struct HeadingClass {
    pub kind: SectionKind,
    /// The topic within the kind ("education" within requirements).
    pub facet: String,
    /// A heading a posting may rightly use several times.
    pub repeatable: bool,
    /// The heading only hints at the kind; clear content overrides it.
    pub soft: bool,
    /// Only for text marked as a heading, never to make a plain line one.
    pub marked_only: bool,
}

pub struct Vocabulary {
    /// In file order.
    headings: Vec<HeadingClass>,
    /// Every heading pattern in one set, matched against the folded, normalised
    /// heading (see `fold`): one pass instead of one per class.
    heading_set: PatternSet,
    /// The class (index into `headings`) of each pattern of `heading_set`.
    heading_of: Vec<usize>,
    pub company: Signal,
    pub summary: Signal,
    pub duty_items: Signal,
    pub duty_gerunds: Signal,
    pub requirement_items: Signal,
    pub requirement_mentions: Signal,
    pub requirement_statements: Signal,
    pub duty_mentions: Signal,
    pub task_titles: Signal,
}

/// Letters, digits, white space and the punctuation headings keep; everything else
/// (bullets, emoji, symbols) becomes a space. Code, not a Unicode class regex: that
/// took a millisecond or two to compile at every start.
fn kept_in_heading(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "'&/+#,?.()-".contains(c)
}

static NUMBERING: LazyLock<CaptureRegex> = LazyLock::new(|| {
    // Leading numbering: "1.", "2)", "iv.", "b)".
    CaptureRegex::new(r"^(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+").expect("static regex")
});

impl Vocabulary {
    fn load() -> Result<Self, String> {
        let file: section_patterns::File =
            crate::rule_data::load(crate::rule_data::json!("sections"), SECTIONS_TOML)
                .map_err(|e| e.to_string())?;
        let mut headings = Vec::new();
        let all_patterns = section_patterns::heading_patterns(&file);
        let mut heading_of = Vec::new();
        for entry in &file.heading {
            let kind: SectionKind = entry
                .kind
                .parse()
                .map_err(|_| format!("unknown section kind `{}`", entry.kind))?;
            heading_of.extend(entry.patterns.iter().map(|_| headings.len()));
            let facet = entry
                .facet
                .clone()
                .unwrap_or_else(|| kind.as_str().to_string());
            headings.push(HeadingClass {
                kind,
                facet,
                repeatable: entry.repeatable,
                soft: entry.soft,
                marked_only: entry.marked_only,
            });
        }
        let mut ids = 0..;
        let mut signal = |name: &str| -> Result<Signal, String> {
            let (entry, anchored) = section_patterns::signal_entry(&file, name)?;
            Signal::compile(entry, anchored, ids.next().unwrap_or_default())
        };
        // The sets come planned from the build (DFAs read in place, NFAs read on
        // their first search), so this is mostly reading the file's data.
        Ok(Vocabulary {
            headings,
            heading_set: PatternSet::new(&all_patterns, 2 * 1024 * 1024)?,
            heading_of,
            company: signal("company")?,
            summary: signal("summary")?,
            duty_items: signal("responsibilities")?,
            duty_gerunds: signal("responsibility-gerunds")?,
            requirement_items: signal("requirements")?,
            requirement_mentions: signal("requirement-mentions")?,
            requirement_statements: signal("requirement-statements")?,
            duty_mentions: signal("duty-mentions")?,
            task_titles: signal("task-titles")?,
        })
    }

    pub fn get() -> &'static Vocabulary {
        static VOCAB: LazyLock<Vocabulary> = LazyLock::new(|| {
            // The file is embedded and checked by a unit test, so this cannot fail in a
            // released binary.
            Vocabulary::load().unwrap_or_else(|e| panic!("rules/sections.toml: {e}"))
        });
        &VOCAB
    }

    #[cfg(test)]
    fn signals(&self) -> [&Signal; 9] {
        [
            &self.summary,
            &self.duty_mentions,
            &self.company,
            &self.duty_items,
            &self.duty_gerunds,
            &self.requirement_items,
            &self.requirement_mentions,
            &self.requirement_statements,
            &self.task_titles,
        ]
    }

    /// Classifies a heading (or front matter key, or include name).
    pub fn classify(&self, heading: &str) -> SectionKind {
        self.class_of(heading)
            .map_or(SectionKind::Other, |c| c.kind)
    }

    /// The kind of a plain line that might be a heading: only entries that may make a
    /// line a heading.
    pub fn classify_line(&self, line: &str) -> SectionKind {
        self.classes(line)
            .unmarked
            .map_or(SectionKind::Other, |c| self.headings[c as usize].kind)
    }

    /// The vocabulary entry a heading matches, if any: the first in file order.
    pub fn class_of(&self, heading: &str) -> Option<&HeadingClass> {
        self.classes(heading)
            .first
            .map(|c| &self.headings[c as usize])
    }

    /// The classes a heading matches. Remembered per thread: the postings of a
    /// repository repeat their headings ("Requirements", "About us"), and classifying
    /// one means normalising, folding and a pass over every heading pattern, while the
    /// model and several rules ask about the same heading. (Every vocabulary is built
    /// from the same embedded file, so one memory serves them all.)
    fn classes(&self, heading: &str) -> Classes {
        thread_local! {
            static SEEN: RefCell<HashMap<Box<str>, Classes>> = RefCell::new(HashMap::default());
        }
        if let Some(known) = SEEN.with_borrow(|seen| seen.get(heading).copied()) {
            return known;
        }
        let classes = self.match_classes(heading);
        SEEN.with_borrow_mut(|seen| {
            // Bounded: a run over many unrelated postings starts afresh now and then.
            if seen.len() >= 4096 {
                seen.clear();
            }
            seen.insert(heading.into(), classes);
        });
        classes
    }

    /// [`Vocabulary::classes`], worked out afresh.
    fn match_classes(&self, heading: &str) -> Classes {
        let mut classes = Classes::default();
        let norm = normalise(heading);
        if norm.is_empty() {
            return classes;
        }
        let keep = |slot: &mut Option<u32>, c: u32| *slot = Some(slot.map_or(c, |s| s.min(c)));
        self.heading_set
            .overlapping(fold(&norm).as_bytes(), |p, _| {
                let Some(&c) = self.heading_of.get(p) else {
                    return;
                };
                let c = c as u32;
                keep(&mut classes.first, c);
                if !self.headings[c as usize].marked_only {
                    keep(&mut classes.unmarked, c);
                }
            });
        classes
    }
}

/// What [`Vocabulary::classes`] tells: indices into its `headings` of the first class
/// (in file order) with a pattern that matches a heading, and of the first that may
/// also make a plain line a heading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Classes {
    first: Option<u32>,
    unmarked: Option<u32>,
}

/// Splits text after `.`, `!` or `?` followed by white space.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        // memchr3 to each stop: a test of every byte was a fortieth of a large run.
        let end = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
            .map(|i| i + 1)
            .find(|&i| bytes.get(i).is_some_and(u8::is_ascii_whitespace))
            .unwrap_or(bytes.len());
        let (s, r) = rest.split_at(end);
        rest = r.trim_start();
        Some(s)
    })
}

/// Normalises heading text for matching: see the header of `rules/sections.toml`.
pub fn normalise(heading: &str) -> String {
    let lower = heading
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}', '`', '\u{00B4}'], "'")
        .replace(['_', '\u{2013}', '\u{2014}'], " ")
        .replace('&', " and ");
    let lower = restore_apostrophes(&lower);
    let cleaned: String = lower
        .chars()
        .map(|c| if kept_in_heading(c) { c } else { ' ' })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let unnumbered = match NUMBERING.find(&collapsed) {
        Some(n) => format!("{}{}", &collapsed[..n.start], &collapsed[n.end..]),
        None => collapsed,
    };
    unnumbered
        .trim_matches(|c: char| {
            !(c.is_alphanumeric() || c == ')' || c == '?' || c == '+' || c == '#')
        })
        .trim_end_matches('?')
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_compiles() {
        Vocabulary::load().unwrap();
    }

    #[test]
    fn each_signal_has_its_own_place_among_a_unit_s_answers() {
        let ids: Vec<u8> = Vocabulary::get().signals().iter().map(|s| s.id).collect();
        let mut distinct = ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), ids.len());
        assert!(ids.iter().all(|&id| id < 16), "{ids:?}");
    }

    #[test]
    fn every_set_starts_from_the_nfa_compiled_at_build_time() {
        let v = Vocabulary::get();
        assert!(v.heading_set.is_prebuilt());
        for signal in v.signals() {
            assert!(signal.patterns.is_prebuilt() && signal.exclude.is_prebuilt());
        }
        // And the build script's list of sets is the vocabulary's list.
        let file = section_patterns::parse(SECTIONS_TOML).unwrap();
        let built = section_patterns::all_sets(&file).unwrap().len();
        assert_eq!(built, 1 + 2 * v.signals().len());
    }

    #[test]
    fn classifies_common_headings() {
        let v = Vocabulary::get();
        let cases = [
            ("About us", SectionKind::Company),
            ("About Acme Corp", SectionKind::Company),
            ("Who we are", SectionKind::Company),
            ("The role", SectionKind::Summary),
            ("Role summary", SectionKind::Summary),
            ("Overview", SectionKind::Summary),
            ("What you'll do", SectionKind::Responsibilities),
            ("What you\u{2019}ll do:", SectionKind::Responsibilities),
            ("You will", SectionKind::Responsibilities),
            ("Key objectives", SectionKind::Responsibilities),
            ("Duties", SectionKind::Responsibilities),
            ("In this role you will", SectionKind::Responsibilities),
            ("Qualifications", SectionKind::Requirements),
            ("Requirements", SectionKind::Requirements),
            ("What we're looking for", SectionKind::Requirements),
            ("Skills you need", SectionKind::Requirements),
            ("You have", SectionKind::Requirements),
            ("Who you are", SectionKind::Requirements),
            ("Experience", SectionKind::Requirements),
            ("About you", SectionKind::Requirements),
            ("Nice to have", SectionKind::Preferred),
            ("Preferred qualifications", SectionKind::Preferred),
            ("Bonus points", SectionKind::Preferred),
            ("Salary range", SectionKind::Compensation),
            ("Compensation", SectionKind::Compensation),
            ("Pay", SectionKind::Compensation),
            ("What we offer", SectionKind::Benefits),
            ("Perks", SectionKind::Benefits),
            ("Benefits", SectionKind::Benefits),
            ("How to apply", SectionKind::Apply),
            ("To apply", SectionKind::Apply),
            ("Equal opportunity", SectionKind::Eeo),
            ("\u{1F680} 2. What you'll do", SectionKind::Responsibilities),
            ("WHAT YOU'LL BRING", SectionKind::Requirements),
            ("Location", SectionKind::Location),
            ("salary range", SectionKind::Compensation),
            ("key objectives", SectionKind::Responsibilities),
            ("Lorem ipsum", SectionKind::Other),
            ("What youll get to do", SectionKind::Responsibilities),
            ("A little about you", SectionKind::Requirements),
            ("A little about us", SectionKind::Company),
        ];
        for (h, k) in cases {
            assert_eq!(v.classify(h), k, "{h}");
        }
    }
}
#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_remembered_heading_still_honours_marked_only() {
        let v = Vocabulary::get();
        // Asked as a marked heading first, then as a plain line: one memory, two answers.
        let line = "Excellent verbal and written communication skills";
        assert_eq!(v.classify(line), SectionKind::Requirements);
        assert_eq!(v.classify_line(line), SectionKind::Other);
        assert_eq!(v.classify(line), SectionKind::Requirements);
        // And the remembered answers are the ones worked out afresh, by this
        // vocabulary and by a newly loaded one (the memory is shared by text alone).
        let fresh = Vocabulary::load().unwrap();
        for h in [
            "About us",
            "What you'll do",
            "Nice to have",
            "Salary range",
            line,
        ] {
            assert_eq!(v.classes(h), v.match_classes(h), "{h}");
            assert_eq!(v.classes(h), fresh.match_classes(h), "{h}");
            assert_eq!(fresh.classify(h), v.classify(h), "{h}");
            assert_eq!(fresh.classify_line(h), v.classify_line(h), "{h}");
        }
    }

    #[test]
    fn sentences_end_after_a_stop_followed_by_white_space() {
        fn split(t: &str) -> Vec<&str> {
            sentences(t).collect()
        }
        assert_eq!(
            split("We build. You ship!  Then?\tyes... 3.5 years e.g.x. End."),
            [
                "We build.",
                "You ship!",
                "Then?",
                "yes...",
                "3.5 years e.g.x.",
                "End."
            ]
        );
        assert_eq!(split("no stop"), ["no stop"]);
        assert_eq!(split(". !"), [".", "!"]);
        assert!(split("").is_empty());
        // As the byte-at-a-time search had it, on every line of the samples.
        let old = |text: &str| -> Vec<String> {
            let mut rest = text;
            let mut out = Vec::new();
            while !rest.is_empty() {
                let b = rest.as_bytes();
                let end = (1..b.len())
                    .find(|&i| matches!(b[i - 1], b'.' | b'!' | b'?') && b[i].is_ascii_whitespace())
                    .unwrap_or(b.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        };
        for text in crate::posting::set_plan::sample_texts() {
            for line in text.lines() {
                assert_eq!(split(line), old(line), "{line}");
            }
            assert_eq!(split(&text), old(&text));
        }
    }

    #[test]
    fn catch_alls_do_not_make_list_lines_headings() {
        let v = Vocabulary::get();
        assert_eq!(
            v.classify_line("Excellent verbal and written communication skills"),
            SectionKind::Other
        );
        assert_eq!(
            v.classify_line("All other duties as assigned"),
            SectionKind::Other
        );
        assert_eq!(
            v.classify("The primary responsibilities of this role are to"),
            SectionKind::Responsibilities
        );
    }
}
