//! The built-in phrase rules' own regexes, from NFAs compiled when jdlint was built.
//!
//! A phrase rule's regex (one alternative per phrase) took about 2 M instructions to
//! compile, paid by every run for the rules without a gate and for each rule whose
//! phrases a posting holds. These rules are ASCII-mode and only asked for match
//! positions, which the meta regex found with a forward and a reverse lazy DFA alone
//! (see `ascii_regex::builder`); this builds those two automata straight from the
//! prebuilt NFAs, so the matches are the same, found the same way. Where the two
//! automata fit as full DFAs (every built-in rule's do), the build script writes
//! those too, and they are searched in place from the binary: nothing to read back
//! or determinise at run time.

use std::cell::RefCell;
use std::ops::Range;

use regex_automata::dfa::{self, dense, StartKind};
use regex_automata::hybrid::dfa::DFA;
use regex_automata::hybrid::regex::{Cache, Regex};
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input, MatchKind};

use super::nfa_format;
use super::pattern_set::PREBUILT;
use super::set_plan::{self, Aligned};
use super::thread_cache::{self, Slots};

/// The DFAs of the built-in lean regexes, written by `build.rs`.
static DFAS: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_lean_dfa.bin")),
};

thread_local! {
    /// This thread's cache for each regex (see `thread_cache`).
    static CACHES: Slots<Cache> = const { RefCell::new(Vec::new()) };
}

/// A regex from its forward and reverse NFAs, with the two lazy DFAs configured as
/// `hybrid::regex::Builder::build_many` configures them.
pub(super) fn regex_from_nfas(forward: NFA, reverse: NFA) -> Result<Regex, String> {
    let forward = DFA::builder()
        .build_from_nfa(forward)
        .map_err(|e| e.to_string())?;
    let reverse = DFA::builder()
        .configure(
            DFA::config()
                .prefilter(None)
                .specialize_start_states(false)
                .match_kind(MatchKind::All),
        )
        .build_from_nfa(reverse)
        .map_err(|e| e.to_string())?;
    Ok(Regex::builder().build_from_dfas(forward, reverse))
}

pub struct LeanRegex(Engine);

enum Engine {
    /// Two DFAs read in place from the binary.
    Dense(DensePair),
    /// Two lazy DFAs from the prebuilt NFAs, with this thread's cache in slot `id`.
    Lazy { regex: Regex, id: usize },
}

impl LeanRegex {
    /// The regex of `patterns` (ASCII mode, leftmost-first), when the build script
    /// compiled these exact patterns and they read back; `None` otherwise, and the
    /// caller compiles them itself.
    pub fn prebuilt<P: AsRef<str>>(patterns: &[P]) -> Option<LeanRegex> {
        let dense = dense_pair(nfa_format::lean_dfa_key(patterns));
        #[cfg(test)]
        let dense = dense.filter(|_| !IGNORE_DFAS.get());
        if let Some(regex) = dense {
            return Some(LeanRegex(Engine::Dense(regex)));
        }
        let nfa = |reverse| {
            nfa_format::find_in_blob(PREBUILT, nfa_format::lean_key(patterns, reverse))
                .and_then(nfa_format::decode_bytes)
        };
        Some(LeanRegex(Engine::Lazy {
            regex: regex_from_nfas(nfa(false)?, nfa(true)?).ok()?,
            id: thread_cache::new_id(),
        }))
    }

    /// Whether the regex is searched with DFAs from the binary.
    #[cfg(test)]
    fn is_dense(&self) -> bool {
        matches!(self.0, Engine::Dense(_))
    }

    // Errors come only from quit bytes (none in ASCII mode) or a cache that gives up
    // (not configured): an error reads as no match.

    /// Every leftmost-first match in `hay`, with the pattern that matched.
    pub fn find_all(&self, hay: &[u8]) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        self.search(hay, |search| {
            let mut searcher = Searcher::new(search.input.clone());
            while let Ok(Some(m)) = searcher.try_advance(|input| search.run(input)) {
                found.push((m.range(), m.pattern().as_usize()));
            }
        });
        found
    }

    /// The first leftmost-first match in `hay`.
    pub fn find(&self, hay: &[u8]) -> Option<Range<usize>> {
        let mut found = None;
        self.search(hay, |search| {
            found = search
                .run(&search.input.clone())
                .ok()
                .flatten()
                .map(|m| m.range());
        });
        found
    }

    /// [`LeanRegex::is_match`] of each of `hays`; with DFAs from the binary, searched
    /// side by side (see `super::dfa_lanes`).
    pub fn is_match_each(&self, hays: &[&[u8]]) -> Vec<bool> {
        match &self.0 {
            Engine::Dense(pair) => {
                let forward = pair.0.forward();
                let jobs: Vec<_> = hays.iter().map(|&hay| (forward, hay)).collect();
                super::dfa_lanes::is_match_each(&jobs)
            }
            Engine::Lazy { .. } => hays.iter().map(|hay| self.is_match(hay)).collect(),
        }
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        let mut found = false;
        self.search(hay, |search| {
            let input = search.input.clone().earliest(true);
            found = search.run(&input).is_ok_and(|m| m.is_some());
        });
        found
    }

    /// Runs `f` with a search over `hay`: anchored when every pattern starts with `^`,
    /// which means the same and lets the search stop where the patterns fail (as
    /// `PatternSet` does, and as the meta regex did for these patterns).
    fn search(&self, hay: &[u8], f: impl FnOnce(&mut Search<'_, '_>)) {
        match &self.0 {
            Engine::Dense(pair) => f(&mut Search {
                input: Input::new(hay),
                engine: SearchEngine::Dense(pair),
            }),
            Engine::Lazy { regex, id } => {
                let anchored = regex.forward().get_nfa().is_always_start_anchored();
                thread_cache::with(
                    &CACHES,
                    *id,
                    || regex.create_cache(),
                    |cache| {
                        f(&mut Search {
                            input: Input::new(hay).anchored(super::pattern_set::anchored(anchored)),
                            engine: SearchEngine::Lazy(regex, cache),
                        })
                    },
                );
            }
        }
    }
}

/// A search in progress: the input and the engine with what it needs.
struct Search<'h, 'r> {
    input: Input<'h>,
    engine: SearchEngine<'r>,
}

enum SearchEngine<'r> {
    Dense(&'r DensePair),
    Lazy(&'r Regex, &'r mut Cache),
}

impl Search<'_, '_> {
    fn run(
        &mut self,
        input: &Input<'_>,
    ) -> Result<Option<regex_automata::Match>, regex_automata::MatchError> {
        match &mut self.engine {
            SearchEngine::Dense(regex) => regex.try_search(input),
            SearchEngine::Lazy(regex, cache) => regex.try_search(cache, input),
        }
    }
}

/// A forward and a reverse DFA from the binary, searched as they were built: anchored
/// when every pattern starts with `^` (the forward DFA then has only that start), which
/// means the same and lets the search stop where the patterns fail.
pub(super) struct DensePair(dfa::regex::Regex<dense::DFA<&'static [u32]>>);

impl DensePair {
    pub(super) fn try_search(
        &self,
        input: &Input<'_>,
    ) -> Result<Option<regex_automata::Match>, regex_automata::MatchError> {
        if self.0.forward().start_kind() == StartKind::Anchored {
            self.0.try_search(&input.clone().anchored(Anchored::Yes))
        } else {
            self.0.try_search(input)
        }
    }
}

/// The two DFAs stored under `key` (see `nfa_format::lean_dfa_key` and
/// `capture_dfa_key`), if the build script wrote them.
pub(super) fn dense_pair(key: u64) -> Option<DensePair> {
    let bytes = nfa_format::find_in_blob(&DFAS.bytes, key)?;
    let (forward, reverse) = set_plan::read_regex(bytes)?;
    // SAFETY: as for the pattern sets' DFAs (`pattern_set::planned`): serialized by
    // `build.rs` with this crate's regex-automata into this binary, at whole words of
    // an `Aligned` blob; header, alignment and endianness are still checked. The test
    // `every_lean_dfa_passes_the_checked_reading` reads them all the checked way.
    let forward = unsafe { dense::DFA::from_bytes_unchecked(forward) }.ok()?.0;
    let reverse = unsafe { dense::DFA::from_bytes_unchecked(reverse) }.ok()?.0;
    Some(DensePair(
        dfa::regex::Regex::builder().build_from_dfas(forward, reverse),
    ))
}

#[cfg(test)]
thread_local! {
    /// Tests compare the DFAs from the binary with the lazy DFAs from the NFAs.
    static IGNORE_DFAS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Drop for LeanRegex {
    fn drop(&mut self) {
        if let Engine::Lazy { id, .. } = self.0 {
            thread_cache::free(&CACHES, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rules' alternatives, as the build script reads them.
    fn builtin_rules() -> Vec<(Vec<String>, bool)> {
        let files: Vec<&str> = crate::rules::declarative::BUILTIN_RULE_FILES
            .iter()
            .map(|(_, text)| *text)
            .collect();
        crate::rules::phrase_patterns::rule_alternatives(&files)
    }

    #[test]
    fn the_blob_holds_each_ascii_rule_as_compiled_now() {
        let rules = builtin_rules();
        assert!(rules.iter().filter(|(_, ascii)| *ascii).count() >= 5);
        for (alternatives, _) in rules.iter().filter(|(_, ascii)| *ascii) {
            for reverse in [false, true] {
                let now = nfa_format::lean_compiler(reverse)
                    .build_many(alternatives)
                    .unwrap();
                let stored =
                    nfa_format::find_in_blob(PREBUILT, nfa_format::lean_key(alternatives, reverse))
                        .unwrap();
                let words: Vec<u8> = nfa_format::encode(&now)
                    .unwrap()
                    .iter()
                    .flat_map(|w| w.to_le_bytes())
                    .collect();
                assert_eq!(stored, words.as_slice());
            }
            assert!(LeanRegex::prebuilt(alternatives).is_some());
        }
        // Patterns the build script never saw are not found.
        assert!(LeanRegex::prebuilt(&["(?i)never compiled"]).is_none());
    }

    #[test]
    fn finds_leftmost_first_matches_with_their_pattern() {
        let (alternatives, _) = builtin_rules()
            .into_iter()
            .find(|(alts, ascii)| *ascii && alts.iter().any(|a| a.contains("synerg")))
            .unwrap();
        let lean = LeanRegex::prebuilt(&alternatives).unwrap();
        let found = lean.find_all(b"Synergy, then synergies; not asynergy.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, 0..7);
        assert_eq!(found[1].0, 14..23);
        assert_eq!(found[0].1, found[1].1);
    }

    #[test]
    fn every_lean_dfa_passes_the_checked_reading() {
        let entries = nfa_format::entries(&DFAS.bytes);
        // Little-endian targets get DFAs (see build.rs).
        let big = cfg!(target_endian = "big");
        assert!(big || entries.len() > 20, "{} regexes", entries.len());
        for (_, bytes) in entries {
            let (forward, reverse) = set_plan::read_regex(bytes).unwrap();
            dense::DFA::from_bytes(forward).unwrap();
            dense::DFA::from_bytes(reverse).unwrap();
        }
    }

    #[test]
    fn the_dfas_from_the_binary_find_what_the_lazy_dfas_find() {
        let mut lines: Vec<String> = Vec::new();
        for text in set_plan::sample_texts() {
            let shadow = crate::posting::prose::ascii_shadow(&text).into_owned();
            lines.extend(shadow.lines().map(String::from));
        }
        let mut dense = 0;
        for (alternatives, _) in builtin_rules().iter().filter(|(_, ascii)| *ascii) {
            let planned = LeanRegex::prebuilt(alternatives).unwrap();
            dense += usize::from(planned.is_dense());
            IGNORE_DFAS.set(true);
            let lazy = LeanRegex::prebuilt(alternatives).unwrap();
            IGNORE_DFAS.set(false);
            assert!(!lazy.is_dense());
            for line in &lines {
                let hay = line.as_bytes();
                assert_eq!(planned.find_all(hay), lazy.find_all(hay), "{line}");
                assert_eq!(planned.find(hay), lazy.find(hay), "{line}");
                assert_eq!(planned.is_match(hay), lazy.is_match(hay), "{line}");
            }
        }
        assert!(
            dense >= 5 || cfg!(target_endian = "big"),
            "{dense} rules read as DFAs"
        );
    }
}
