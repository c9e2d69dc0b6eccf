//! Sets of byte patterns that are only ever asked "does any match?" or "which
//! match?", built for start-up time.
//!
//! `regex::bytes::RegexSet` prepares every engine, a reverse automaton and a literal
//! prefilter, ready to report match positions; for the section vocabulary (hundreds of
//! patterns, matched against short folded lines) that preparation was most of a
//! one-file run. These sets build one forward automaton, determinised lazily, and
//! the built-in sets start from an NFA compiled when jdlint was built (see
//! [`super::nfa_format`]).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Input, MatchKind};

use super::nfa_format;

/// The NFAs of the built-in sets, written by `build.rs`.
static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_nfa.bin"));

/// Every set's number, for its slot among each thread's caches.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread's lazy-DFA cache for each set, by the set's number. A pool per
    /// set (the `regex` crate's way) is quick only for the thread that used it first,
    /// often the warm-up thread; every other thread took a lock twice per search, 3%
    /// of a 10,000-posting run. (Numbers are never reused, so a slot never meets
    /// another set's DFA; the slots of a dropped set stay until the thread ends.)
    static CACHES: RefCell<Vec<Option<Cache>>> = const { RefCell::new(Vec::new()) };
}

pub struct PatternSet {
    dfa: DFA,
    id: usize,
    #[cfg(test)]
    prebuilt: bool,
}

impl PatternSet {
    /// Compiles byte patterns (`(?-u)` is up to the caller). `cache` is the lazy DFA's
    /// cache capacity in bytes.
    pub fn new<P: AsRef<str>>(patterns: &[P], cache: usize) -> Result<Self, String> {
        let prebuilt = nfa_format::read_blob(PREBUILT, nfa_format::key(patterns));
        #[cfg(test)]
        let is_prebuilt = prebuilt.is_some();
        let nfa = match prebuilt {
            Some(nfa) => nfa,
            None => nfa_format::set_compiler()
                .build_many(patterns)
                .map_err(|e| e.to_string())?,
        };
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(cache)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        Ok(PatternSet {
            dfa,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            #[cfg(test)]
            prebuilt: is_prebuilt,
        })
    }

    /// Whether the set started from an NFA compiled at build time.
    #[cfg(test)]
    pub fn is_prebuilt(&self) -> bool {
        self.prebuilt
    }

    /// Runs `f` with this thread's cache for the set.
    fn with_cache<R>(&self, f: impl FnOnce(&mut Cache) -> R) -> R {
        CACHES.with(|caches| {
            let mut caches = caches.borrow_mut();
            if caches.len() <= self.id {
                caches.resize_with(self.id + 1, || None);
            }
            f(caches[self.id].get_or_insert_with(|| self.dfa.create_cache()))
        })
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        // Errors come only from quit bytes or a cache that gives up; neither is
        // configured here.
        self.with_cache(|cache| {
            matches!(
                self.dfa
                    .try_search_fwd(cache, &Input::new(hay).earliest(true)),
                Ok(Some(_))
            )
        })
    }

    /// Indices of every pattern that matches somewhere in `hay`, ascending.
    pub fn matches(&self, hay: &[u8]) -> impl Iterator<Item = usize> {
        let mut found = vec![false; self.dfa.pattern_len()];
        let input = Input::new(hay);
        let mut state = regex_automata::hybrid::dfa::OverlappingState::start();
        self.with_cache(|cache| {
            while let Ok(Some(m)) = {
                let r = self
                    .dfa
                    .try_search_overlapping_fwd(cache, &input, &mut state);
                r.map(|()| state.get_match())
            } {
                found[m.pattern().as_usize()] = true;
            }
        });
        found
            .into_iter()
            .enumerate()
            .filter_map(|(i, f)| f.then_some(i))
    }
}

impl Drop for PatternSet {
    /// Frees this thread's cache for the set; other threads' go when those threads end
    /// (the built-in sets live as long as the process anyway).
    fn drop(&mut self) {
        let _ = CACHES.try_with(|caches| {
            if let Ok(mut caches) = caches.try_borrow_mut() {
                if let Some(slot) = caches.get_mut(self.id) {
                    *slot = None;
                }
            }
        });
    }
}
