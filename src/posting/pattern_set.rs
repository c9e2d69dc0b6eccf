//! Sets of byte patterns that are only ever asked "does any match?" or "which
//! match?", built for start-up time.
//!
//! `regex::bytes::RegexSet` prepares every engine, a reverse automaton and a literal
//! prefilter, ready to report match positions; for the section vocabulary (hundreds of
//! patterns, matched against short folded lines) that preparation was most of a
//! one-file run. These sets search forward only. A built-in set is searched as the
//! build script planned it (see [`super::set_plan`]): the parts whose full DFA is
//! small are DFAs read in place from the binary, the rest NFAs compiled at build time,
//! read back when first searched and determinised lazily. A set that was not planned
//! (a user's rule pack) is one lazy DFA, compiled at once.
//!
//! The plans took a one-file run from 58.5 to 36.8 million instructions (the NFAs the
//! sets read back and their first lazy-DFA states were two thirds of it) and 500
//! postings from 1,764 to 1,491 million; they add 8 MB of DFAs to the binary.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::dfa::{dense, Automaton};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Anchored, Input, MatchKind};

use super::dfa_lanes;
use super::nfa_format;
use super::set_plan::{self, Aligned, Engine};
use super::thread_cache::{self, Slots};

/// The NFAs of the built-in lean and capture regexes, written by `build.rs`.
pub(super) static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_nfa.bin"));

/// The plans of the built-in sets (see [`set_plan`]), written by `build.rs`.
static PLANS: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_sets.bin")),
};

#[cfg(test)]
thread_local! {
    /// Tests compare planned sets with sets compiled from their patterns.
    static IGNORE_PLANS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

thread_local! {
    /// This thread's lazy-DFA cache for each lazily determinised part (see
    /// `thread_cache`).
    static CACHES: Slots<Cache> = const { RefCell::new(Vec::new()) };
}

pub struct PatternSet {
    parts: Vec<Part>,
    len: usize,
    /// How many parts are DFAs read from the binary.
    dense_parts: usize,
}

/// Some of a set's patterns and the automaton that searches them.
struct Part {
    /// The set's number of each of the part's patterns; `None` for all of them.
    indices: Option<Vec<usize>>,
    engine: PartEngine,
}

enum PartEngine {
    /// A DFA built with jdlint, read in place from the binary.
    Dense(dense::DFA<&'static [u32]>),
    /// Patterns split at their gaps (see `set_plan::split_halves`): one DFA of their
    /// heads, read in place from the binary, and an automaton of each tail.
    Split {
        head: dense::DFA<&'static [u32]>,
        tails: Vec<Tail>,
    },
    Lazy(LazySet),
}

/// A split pattern's tail, searched anchored where its head ended, with the text
/// before in view for look-behind (`\b`).
enum Tail {
    /// A DFA in the binary, read on first search: most tails of a small posting are
    /// never reached, and reading them all at start made a one-file run 0.45 million
    /// instructions (7%) longer. `None` if it does not read (the test
    /// `every_planned_dfa_passes_the_checked_reading` rules that out): the tail then
    /// matches nothing.
    ///
    /// Boxed, as is `Lazy`'s set: a DFA's description alone is 768 bytes, and most
    /// tails are never searched. Unboxed, the sets' tails took 85 of the 503 page
    /// faults of a one-file run.
    Dense {
        bytes: &'static [u8],
        dfa: OnceLock<Option<Box<dense::DFA<&'static [u32]>>>>,
    },
    /// A tail without a DFA that fits, determinised lazily.
    Lazy(Box<LazySet>),
}

/// Patterns searched with a lazy DFA.
struct LazySet {
    /// Built on first search for a part read from the blob, at once for any other (so
    /// that its errors show when it is made). `None` only when a prebuilt NFA fails to
    /// read back and its patterns to compile, which the build script and the tests
    /// rule out: the part then matches nothing.
    dfa: OnceLock<Option<DFA>>,
    /// The part's NFA in the blob, undecoded.
    prebuilt: Option<&'static [u8]>,
    /// For a prebuilt NFA that does not read back.
    patterns: Vec<String>,
    cache: usize,
    id: usize,
}

impl PatternSet {
    /// Compiles byte patterns (`(?-u)` is up to the caller). `cache` is the lazy DFA's
    /// cache capacity in bytes, for what is not read as a DFA from the binary.
    pub fn new<P: AsRef<str>>(patterns: &[P], cache: usize) -> Result<Self, String> {
        Self::with_plan(patterns, nfa_format::key(patterns), cache)
    }

    /// A set that matches wherever `patterns` do, and perhaps elsewhere: a gate, which
    /// only has to say where its patterns might match. The build script may plan it
    /// for simpler patterns (see `phrase_patterns::relaxed_gate_patterns`); without
    /// that plan it is compiled from `patterns` and exact.
    pub fn relaxed<P: AsRef<str>>(patterns: &[P], cache: usize) -> Result<Self, String> {
        Self::with_plan(patterns, nfa_format::relaxed_key(patterns), cache)
    }

    fn with_plan<P: AsRef<str>>(patterns: &[P], key: u64, cache: usize) -> Result<Self, String> {
        if let Some(parts) = planned(patterns, key, cache) {
            let dense_parts = parts
                .iter()
                .filter(|part| matches!(part.engine, PartEngine::Dense(_)))
                .count();
            return Ok(PatternSet {
                parts,
                len: patterns.len(),
                dense_parts,
            });
        }
        let lazy = LazySet {
            dfa: OnceLock::new(),
            prebuilt: None,
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            cache,
            id: thread_cache::new_id(),
        };
        let dfa = lazy.compile()?;
        let _ = lazy.dfa.set(Some(dfa));
        Ok(PatternSet {
            parts: vec![Part {
                indices: None,
                engine: PartEngine::Lazy(lazy),
            }],
            len: patterns.len(),
            dense_parts: 0,
        })
    }

    /// Whether the set was planned when jdlint was built and every part reads back.
    #[cfg(test)]
    pub fn is_prebuilt(&self) -> bool {
        self.parts.iter().all(|part| match &part.engine {
            PartEngine::Dense(_) | PartEngine::Split { .. } => true,
            PartEngine::Lazy(lazy) => lazy.prebuilt.and_then(nfa_format::decode_bytes).is_some(),
        })
    }

    /// How many of the set's parts are DFAs read from the binary, and how many parts
    /// there are.
    #[cfg(test)]
    pub fn dense_parts(&self) -> (usize, usize) {
        let dense = self
            .parts
            .iter()
            .filter(|p| matches!(p.engine, PartEngine::Dense(_) | PartEngine::Split { .. }))
            .count();
        (dense, self.parts.len())
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        if self.dense_parts < 2 {
            return self.parts.iter().any(|part| part.engine.is_match(hay));
        }
        // Several DFAs (a signal's patterns that start with `^`, one DFA each: together
        // they made one of 3.6 MB, whose every byte was a cache miss) searched side by
        // side, so that their waits on memory overlap (see `dfa_lanes`).
        let mut dense = self.parts.iter().filter_map(|part| match &part.engine {
            PartEngine::Dense(dfa) => Some((dfa, hay)),
            _ => None,
        });
        while let Some(first) = dense.next() {
            let mut jobs = [first; dfa_lanes::LANES];
            let mut n = 1;
            for job in dense.by_ref().take(dfa_lanes::LANES - 1) {
                jobs[n] = job;
                n += 1;
            }
            if dfa_lanes::any_match(&jobs[..n]) {
                return true;
            }
        }
        self.parts
            .iter()
            .filter(|part| !matches!(part.engine, PartEngine::Dense(_)))
            .any(|part| part.engine.is_match(hay))
    }

    /// [`PatternSet::is_match`] of each of `hays`: the parts that are DFAs in the
    /// binary search all the texts together (see [`dfa_lanes`]).
    pub fn is_match_each(&self, hays: &[&[u8]]) -> Vec<bool> {
        let jobs: Vec<(&dfa_lanes::Dfa, &[u8])> = self
            .parts
            .iter()
            .filter_map(|part| match &part.engine {
                PartEngine::Dense(dfa) => Some(dfa),
                _ => None,
            })
            .flat_map(|dfa| hays.iter().map(move |&hay| (dfa, hay)))
            .collect();
        let mut found = vec![false; hays.len()];
        for (i, m) in dfa_lanes::is_match_each(&jobs).into_iter().enumerate() {
            found[i % hays.len()] |= m;
        }
        for part in &self.parts {
            if !matches!(part.engine, PartEngine::Dense(_)) {
                for (f, hay) in found.iter_mut().zip(hays) {
                    *f = *f || part.engine.is_match(hay);
                }
            }
        }
        found
    }

    /// Calls `f` with the pattern and end of every match in `hay`: each end at which a
    /// pattern matches, once for each pattern; in order of their ends within each part.
    pub fn overlapping(&self, hay: &[u8], mut f: impl FnMut(usize, usize)) {
        for part in &self.parts {
            part.engine.each_match(hay, |m, end| {
                let i = match &part.indices {
                    None => Some(m),
                    Some(indices) => indices.get(m).copied(),
                };
                if let Some(i) = i.filter(|&i| i < self.len) {
                    f(i, end);
                }
            });
        }
    }

    /// Indices of every pattern that matches somewhere in `hay`, ascending.
    pub fn matches(&self, hay: &[u8]) -> impl Iterator<Item = usize> {
        let mut found = vec![false; self.len];
        // `overlapping` keeps indices in range even from a damaged blob.
        self.overlapping(hay, |i, _| found[i] = true);
        found
            .into_iter()
            .enumerate()
            .filter_map(|(i, f)| f.then_some(i))
    }
}

/// The set's parts as planned when jdlint was built, if it was and every part reads.
fn planned<P: AsRef<str>>(patterns: &[P], key: u64, cache: usize) -> Option<Vec<Part>> {
    #[cfg(test)]
    if IGNORE_PLANS.get() {
        return None;
    }
    let bytes = nfa_format::find_in_blob(&PLANS.bytes, key)?;
    let whole = |indices: &[usize]| indices.len() == patterns.len();
    set_plan::read(bytes, patterns.len())?
        .into_iter()
        .map(|part| {
            let engine = match part.engine {
                Engine::Dense(bytes) => PartEngine::Dense(read_dense(bytes)?),
                Engine::Split { head, tails } => PartEngine::Split {
                    head: read_dense(head)?,
                    tails: tails
                        .into_iter()
                        .map(|tail| Tail::planned(tail, cache))
                        .collect::<Option<_>>()?,
                },
                Engine::Nfa(bytes) => PartEngine::Lazy(LazySet::prebuilt(
                    bytes,
                    part.indices
                        .iter()
                        .filter_map(|&i| patterns.get(i))
                        .map(|p| p.as_ref().to_string())
                        .collect(),
                    cache,
                )),
            };
            Some(Part {
                indices: (!whole(&part.indices)).then_some(part.indices),
                engine,
            })
        })
        .collect()
}

// SAFETY (of `read_dense`'s use): the bytes are a DFA that `build.rs` serialized
// with this crate's version of regex-automata into the blob that is part of this
// binary, at a 4-byte aligned offset (`Aligned`, and plan payloads are whole
// words); the header, alignment and endianness are still checked. The checked
// reading would go through every transition (a few MB of pages) at every start;
// the test `every_planned_dfa_passes_the_checked_reading` does it instead.
fn read_dense(bytes: &'static [u8]) -> Option<dense::DFA<&'static [u32]>> {
    Some(unsafe { dense::DFA::from_bytes_unchecked(bytes) }.ok()?.0)
}

impl PartEngine {
    fn is_match(&self, hay: &[u8]) -> bool {
        // Errors come only from quit bytes or a cache that gives up; neither is
        // configured here.
        match self {
            PartEngine::Dense(dfa) => matches!(
                dfa.try_search_fwd(&dfa_lanes::input(dfa, hay).earliest(true)),
                Ok(Some(_))
            ),
            PartEngine::Split { head, tails } => {
                let mut found = false;
                each_end(head, &dfa_lanes::input(head, hay), |k, start| {
                    found = tails.get(k).is_some_and(|tail| tail.matches(hay, start));
                    !found
                });
                found
            }
            PartEngine::Lazy(lazy) => lazy.with_cache(false, |dfa, cache| {
                matches!(
                    dfa.try_search_fwd(cache, &lazy_input(dfa, hay).earliest(true)),
                    Ok(Some(_))
                )
            }),
        }
    }

    /// Calls `f` with the number (in the part) and end of every match in `hay`.
    fn each_match(&self, hay: &[u8], mut f: impl FnMut(usize, usize)) {
        match self {
            PartEngine::Dense(dfa) => each_end(dfa, &dfa_lanes::input(dfa, hay), |k, end| {
                f(k, end);
                true
            }),
            PartEngine::Split { head, tails } => {
                // A pattern's match ends: its tail's, from every end of its head.
                let mut found = Vec::new();
                each_end(head, &dfa_lanes::input(head, hay), |k, start| {
                    if let Some(tail) = tails.get(k) {
                        tail.ends(hay, start, |end| found.push((end, k)));
                    }
                    true
                });
                found.sort_unstable();
                found.dedup();
                for (end, k) in found {
                    f(k, end);
                }
            }
            PartEngine::Lazy(lazy) => lazy.each_end(|dfa| lazy_input(dfa, hay), f),
        }
    }
}

impl Tail {
    /// A split part's tail as planned, read on first search; `None` for a plan no
    /// build writes (a tail split again).
    fn planned(engine: Engine<'static>, cache: usize) -> Option<Tail> {
        match engine {
            Engine::Dense(bytes) => Some(Tail::Dense {
                bytes,
                dfa: OnceLock::new(),
            }),
            Engine::Nfa(bytes) => Some(Tail::Lazy(Box::new(LazySet::prebuilt(
                bytes,
                Vec::new(),
                cache,
            )))),
            Engine::Split { .. } => None,
        }
    }

    fn matches(&self, hay: &[u8], start: usize) -> bool {
        let input = Input::new(hay)
            .range(start..)
            .anchored(Anchored::Yes)
            .earliest(true);
        match self {
            Tail::Dense { .. } => self
                .dfa()
                .is_some_and(|dfa| matches!(dfa.try_search_fwd(&input), Ok(Some(_)))),
            Tail::Lazy(lazy) => lazy.with_cache(false, |dfa, cache| {
                matches!(dfa.try_search_fwd(cache, &input), Ok(Some(_)))
            }),
        }
    }

    fn ends(&self, hay: &[u8], start: usize, mut f: impl FnMut(usize)) {
        let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
        match self {
            Tail::Dense { .. } => {
                if let Some(dfa) = self.dfa() {
                    each_end(dfa, &input, |_, end| {
                        f(end);
                        true
                    });
                }
            }
            Tail::Lazy(lazy) => lazy.each_end(|_| input.clone(), |_, end| f(end)),
        }
    }

    fn dfa(&self) -> Option<&dense::DFA<&'static [u32]>> {
        match self {
            Tail::Dense { bytes, dfa } => dfa
                .get_or_init(|| read_dense(bytes).map(Box::new))
                .as_deref(),
            Tail::Lazy(_) => None,
        }
    }
}

impl LazySet {
    /// A part read from the blob, determinised on its first search; `patterns` are
    /// compiled instead if its NFA does not read back.
    fn prebuilt(bytes: &'static [u8], patterns: Vec<String>, cache: usize) -> LazySet {
        LazySet {
            dfa: OnceLock::new(),
            prebuilt: Some(bytes),
            patterns,
            cache,
            id: thread_cache::new_id(),
        }
    }

    fn compile(&self) -> Result<DFA, String> {
        let nfa = match self.prebuilt.and_then(nfa_format::decode_bytes) {
            Some(nfa) => nfa,
            None => nfa_format::set_compiler()
                .build_many(&self.patterns)
                .map_err(|e| e.to_string())?,
        };
        DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(self.cache)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())
    }

    /// Calls `f` with the pattern and end of every match in the search `input` makes
    /// for the DFA, in order of their ends.
    fn each_end<'h>(&self, input: impl FnOnce(&DFA) -> Input<'h>, mut f: impl FnMut(usize, usize)) {
        self.with_cache((), |dfa, cache| {
            let input = input(dfa);
            let mut state = regex_automata::hybrid::dfa::OverlappingState::start();
            while let Ok(Some(m)) = {
                let r = dfa.try_search_overlapping_fwd(cache, &input, &mut state);
                r.map(|()| state.get_match())
            } {
                f(m.pattern().as_usize(), m.offset());
            }
        })
    }

    /// Runs `f` with the DFA and this thread's cache for it.
    fn with_cache<R>(&self, none: R, f: impl FnOnce(&DFA, &mut Cache) -> R) -> R {
        let Some(dfa) = self.dfa.get_or_init(|| self.compile().ok()).as_ref() else {
            return none;
        };
        thread_cache::with(
            &CACHES,
            self.id,
            || dfa.create_cache(),
            |cache| f(dfa, cache),
        )
    }
}

/// The search over `hay`: anchored when every pattern of the part starts with `^` (the
/// heading set, the item-start signals, some company signals), which means the same.
/// Unanchored, the DFA kept its any-position start alive and read every sentence to
/// its end although no match could begin after its first byte; anchored, it stops
/// where the patterns fail (500 postings: 3.4% fewer instructions).
fn lazy_input<'h>(dfa: &DFA, hay: &'h [u8]) -> Input<'h> {
    Input::new(hay).anchored(anchored(dfa.get_nfa().is_always_start_anchored()))
}

/// Calls `f` with the pattern and end of every match of `dfa` in `input`, in order of
/// their ends, until it returns false.
fn each_end(
    dfa: &dense::DFA<&'static [u32]>,
    input: &Input<'_>,
    mut f: impl FnMut(usize, usize) -> bool,
) {
    let mut state = regex_automata::dfa::OverlappingState::start();
    while let Ok(Some(m)) = {
        let r = dfa.try_search_overlapping_fwd(input, &mut state);
        r.map(|()| state.get_match())
    } {
        if !f(m.pattern().as_usize(), m.offset()) {
            return;
        }
    }
}

/// `Anchored::Yes` when `yes`, else `Anchored::No`.
pub(super) fn anchored(yes: bool) -> Anchored {
    if yes {
        Anchored::Yes
    } else {
        Anchored::No
    }
}

impl Drop for LazySet {
    fn drop(&mut self) {
        thread_cache::free(&CACHES, self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_start_anchored_patterns_matches_as_unanchored_search_would() {
        let anchored =
            PatternSet::new(&["(?-u)^(?:ab)$", "(?-u)^a", "(?i-u)^\\W*b"], 1 << 20).unwrap();
        let found = |set: &PatternSet, hay: &str| set.matches(hay.as_bytes()).collect::<Vec<_>>();
        assert_eq!(found(&anchored, "ab"), [0, 1]);
        assert_eq!(found(&anchored, "abc"), [1]);
        assert_eq!(found(&anchored, "- B"), [2]);
        assert!(found(&anchored, "xab").is_empty());
        assert!(!anchored.is_match(b"x ab"));
        // One pattern without `^`: the whole set is searched unanchored.
        let mixed = PatternSet::new(&["(?-u)^a", "b"], 1 << 20).unwrap();
        assert_eq!(found(&mixed, "xb"), [1]);
        assert!(mixed.is_match(b"xxb"));
    }

    #[test]
    fn every_planned_dfa_passes_the_checked_reading() {
        let (mut dense, mut split) = (0, 0);
        for (_, bytes) in nfa_format::entries(&PLANS.bytes) {
            for part in set_plan::read(bytes, usize::MAX).unwrap() {
                match part.engine {
                    Engine::Dense(bytes) => {
                        dense::DFA::from_bytes(bytes).unwrap();
                        dense += 1;
                    }
                    Engine::Split { head, tails } => {
                        dense::DFA::from_bytes(head).unwrap();
                        for tail in tails {
                            if let Engine::Dense(tail) = tail {
                                dense::DFA::from_bytes(tail).unwrap();
                                dense += 1;
                            }
                        }
                        dense += 1;
                        split += 1;
                    }
                    Engine::Nfa(_) => {}
                }
            }
        }
        // Little-endian targets get DFAs (see build.rs).
        assert!(dense > 40 || cfg!(target_endian = "big"), "{dense} DFAs");
        assert!(
            split >= 5 || cfg!(target_endian = "big"),
            "{split} split parts"
        );
    }

    /// Every built-in exact set, as the build script lists them.
    fn built_in_sets() -> Vec<Vec<String>> {
        let file =
            crate::posting::section_patterns::parse(crate::posting::vocabulary::SECTIONS_TOML)
                .unwrap();
        crate::posting::section_patterns::all_sets(&file).unwrap()
    }

    fn gate_patterns() -> Vec<String> {
        let texts: Vec<&str> = crate::rules::declarative::BUILTIN_RULE_FILES
            .iter()
            .map(|(_, t)| *t)
            .collect();
        crate::rules::phrase_patterns::gate_patterns(&texts)
    }

    /// Lines of the sample texts as the sets see them: raw, folded, as headings.
    fn sample_hays() -> Vec<String> {
        let mut hays: Vec<String> = Vec::new();
        for text in set_plan::sample_texts() {
            for line in text.lines() {
                let lower = line.to_lowercase();
                let folded = crate::posting::section_patterns::fold(&lower).into_owned();
                let heading = folded
                    .trim_start_matches(['#', ' '])
                    .trim_end_matches([':', ' ']);
                let shadow = crate::posting::prose::ascii_shadow(line).into_owned();
                hays.extend([line.to_string(), heading.to_string(), folded, shadow]);
            }
        }
        hays.extend(
            [
                "",
                "benefits",
                "about the payments team",
                "we value diversity and more",
                "x\u{e9}y",
                "the successful candidate will prove his worth",
                "Salary is negotiable, pay depending on experience",
            ]
            .map(String::from),
        );
        hays.sort();
        hays.dedup();
        hays
    }

    #[test]
    fn the_relaxed_gate_is_planned_and_finds_at_least_what_its_patterns_find() {
        let patterns = gate_patterns();
        let relaxed = PatternSet::relaxed(&patterns, 1 << 24).unwrap();
        assert!(relaxed.is_prebuilt());
        assert!(relaxed.dense_parts().0 > 0 || cfg!(target_endian = "big"));
        let exact = PatternSet::new(&patterns, 1 << 24).unwrap();
        assert_eq!(exact.dense_parts(), (0, 1), "the exact gate is not planned");
        let mut extra = 0;
        for hay in sample_hays() {
            let found = |set: &PatternSet| set.matches(hay.as_bytes()).collect::<Vec<_>>();
            let (loose, strict) = (found(&relaxed), found(&exact));
            assert!(
                strict.iter().all(|p| loose.contains(p)),
                "{hay:?}: {strict:?} {loose:?}"
            );
            extra += loose.len() - strict.len();
        }
        // Relaxed, not loose: only the patterns with gaps may say yes in vain.
        let gapped: Vec<usize> = (0..patterns.len())
            .filter(|&i| crate::posting::section_patterns::has_wide_gap(&patterns[i]))
            .collect();
        assert!(!gapped.is_empty());
        // The build script planned these, which differ from the gate's only there.
        let planned_for = crate::rules::phrase_patterns::relaxed_gate_patterns(&patterns);
        for (i, (p, q)) in patterns.iter().zip(&planned_for).enumerate() {
            assert_eq!(p == q, !gapped.contains(&i), "{p}");
        }
        for hay in sample_hays() {
            for p in relaxed.matches(hay.as_bytes()) {
                if !gapped.contains(&p) {
                    assert!(exact.matches(hay.as_bytes()).any(|q| q == p), "{hay:?} {p}");
                }
            }
        }
        assert!(extra > 0, "the sample texts exercise the relaxed patterns");
    }

    #[test]
    fn split_parts_match_as_their_patterns_do_on_made_up_sentences() {
        let mut checked = 0;
        for patterns in built_in_sets() {
            let planned = PatternSet::new(&patterns, 1 << 24).unwrap();
            if !planned
                .parts
                .iter()
                .any(|p| matches!(p.engine, PartEngine::Split { .. }))
            {
                continue;
            }
            IGNORE_PLANS.set(true);
            let compiled = PatternSet::new(&patterns, 1 << 24).unwrap();
            IGNORE_PLANS.set(false);
            // Sentences of the patterns' own words, so heads, gaps and tails meet.
            let mut words: Vec<String> = patterns
                .iter()
                .flat_map(|p| p.split(|c: char| !c.is_ascii_alphabetic()))
                .filter(|w| w.len() > 1)
                .map(String::from)
                .collect();
            words.sort();
            words.dedup();
            words.extend(["5", "10+", "years", ".", ",", "\n", "x"].map(String::from));
            let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
            let mut next = |n: usize| {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (seed >> 33) as usize % n
            };
            for _ in 0..4000 {
                let len = 2 + next(24);
                let hay: Vec<&str> = (0..len)
                    .map(|_| words[next(words.len())].as_str())
                    .collect();
                let hay = hay.join(if next(4) == 0 { "" } else { " " });
                let hay = hay.as_bytes();
                let all = |set: &PatternSet| {
                    let mut v = Vec::new();
                    set.overlapping(hay, |p, end| v.push((p, end)));
                    v.sort_unstable();
                    v
                };
                assert_eq!(
                    all(&planned),
                    all(&compiled),
                    "{:?}",
                    String::from_utf8_lossy(hay)
                );
                assert_eq!(planned.is_match(hay), compiled.is_match(hay));
                checked += usize::from(compiled.is_match(hay));
            }
        }
        assert!(
            checked > 100 || cfg!(target_endian = "big"),
            "{checked} matches"
        );
    }

    #[test]
    fn planned_sets_match_as_their_patterns_do() {
        let hays = sample_hays();
        let mut dense_parts = 0;
        for patterns in built_in_sets() {
            let planned = PatternSet::new(&patterns, 1 << 24).unwrap();
            assert!(planned.is_prebuilt());
            dense_parts += planned.dense_parts().0;
            IGNORE_PLANS.set(true);
            let compiled = PatternSet::new(&patterns, 1 << 24).unwrap();
            IGNORE_PLANS.set(false);
            assert_eq!(compiled.dense_parts(), (0, 1));
            for hay in &hays {
                let found = |set: &PatternSet| set.matches(hay.as_bytes()).collect::<Vec<_>>();
                assert_eq!(found(&planned), found(&compiled), "{hay:?} in {patterns:?}");
                assert_eq!(
                    planned.is_match(hay.as_bytes()),
                    compiled.is_match(hay.as_bytes())
                );
            }
        }
        assert!(
            dense_parts > 20 || cfg!(target_endian = "big"),
            "{dense_parts} parts read as DFAs"
        );
    }
}
