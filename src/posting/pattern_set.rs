//! Sets of byte patterns that are only ever asked "does any match?" or "which
//! match?", built for start-up time.
//!
//! `regex::bytes::RegexSet` prepares every engine, a reverse automaton and a literal
//! prefilter, ready to report match positions; for the section vocabulary (hundreds of
//! patterns, matched against short folded lines) that preparation was most of a
//! one-file run. These sets build one forward automaton, determinised lazily, and
//! the built-in sets start from an NFA compiled when jdlint was built (see
//! [`super::nfa_format`]), read when the set is first searched: a posting needs only
//! some of the vocabulary's 44 sets, and reading all of them was a seventh of a
//! one-file run.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Anchored, Input, MatchKind};

use super::nfa_format;
use super::thread_cache::{self, Slots};

/// The NFAs of the built-in sets, written by `build.rs`.
pub(super) static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_nfa.bin"));

thread_local! {
    /// This thread's lazy-DFA cache for each set (see `thread_cache`).
    static CACHES: Slots<Cache> = const { RefCell::new(Vec::new()) };
}

pub struct PatternSet {
    /// Built on first search for a set read from the blob, at once for any other (so
    /// that its errors show when it is made). `None` only when a prebuilt set fails to
    /// read back and to compile, which the build script and the tests rule out: the
    /// set then matches nothing.
    dfa: OnceLock<Option<DFA>>,
    /// The set's NFA in the blob, undecoded.
    prebuilt: Option<&'static [u8]>,
    /// For a prebuilt set whose NFA does not read back.
    patterns: Vec<String>,
    cache: usize,
    id: usize,
}

impl PatternSet {
    /// Compiles byte patterns (`(?-u)` is up to the caller). `cache` is the lazy DFA's
    /// cache capacity in bytes.
    pub fn new<P: AsRef<str>>(patterns: &[P], cache: usize) -> Result<Self, String> {
        let prebuilt = nfa_format::find_in_blob(PREBUILT, nfa_format::key(patterns));
        let set = PatternSet {
            dfa: OnceLock::new(),
            prebuilt,
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            cache,
            id: thread_cache::new_id(),
        };
        if prebuilt.is_none() {
            let dfa = set.compile()?;
            let _ = set.dfa.set(Some(dfa));
        }
        Ok(set)
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

    fn dfa(&self) -> Option<&DFA> {
        self.dfa.get_or_init(|| self.compile().ok()).as_ref()
    }

    /// Whether the set starts from an NFA compiled at build time, and it reads back.
    #[cfg(test)]
    pub fn is_prebuilt(&self) -> bool {
        self.prebuilt.and_then(nfa_format::decode_bytes).is_some()
    }

    /// Runs `f` with the set's DFA and this thread's cache for it.
    fn with_cache<R>(&self, none: R, f: impl FnOnce(&DFA, &mut Cache) -> R) -> R {
        let Some(dfa) = self.dfa() else {
            return none;
        };
        thread_cache::with(
            &CACHES,
            self.id,
            || dfa.create_cache(),
            |cache| f(dfa, cache),
        )
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        // Errors come only from quit bytes or a cache that gives up; neither is
        // configured here.
        self.with_cache(false, |dfa, cache| {
            matches!(
                dfa.try_search_fwd(cache, &input(dfa, hay).earliest(true)),
                Ok(Some(_))
            )
        })
    }

    /// Indices of every pattern that matches somewhere in `hay`, ascending.
    pub fn matches(&self, hay: &[u8]) -> impl Iterator<Item = usize> {
        let mut found = vec![false; self.patterns.len()];
        let mut state = regex_automata::hybrid::dfa::OverlappingState::start();
        self.with_cache((), |dfa, cache| {
            let input = input(dfa, hay);
            while let Ok(Some(m)) = {
                let r = dfa.try_search_overlapping_fwd(cache, &input, &mut state);
                r.map(|()| state.get_match())
            } {
                // Always in range: the NFA was compiled from these patterns (the blob is
                // keyed by them); checked anyway, so a damaged blob cannot panic.
                if let Some(f) = found.get_mut(m.pattern().as_usize()) {
                    *f = true;
                }
            }
        });
        found
            .into_iter()
            .enumerate()
            .filter_map(|(i, f)| f.then_some(i))
    }
}

/// The search over `hay`: anchored when every pattern of the set starts with `^` (the
/// heading set, the item-start signals, some company signals), which means the same.
/// Unanchored, the DFA kept its any-position start alive and read every sentence to
/// its end although no match could begin after its first byte; anchored, it stops
/// where the patterns fail (500 postings: 3.4% fewer instructions).
fn input<'h>(dfa: &DFA, hay: &'h [u8]) -> Input<'h> {
    let anchored = if dfa.get_nfa().is_always_start_anchored() {
        Anchored::Yes
    } else {
        Anchored::No
    };
    Input::new(hay).anchored(anchored)
}

impl Drop for PatternSet {
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
}
