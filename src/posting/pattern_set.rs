//! Sets of byte patterns that are only ever asked "does any match?" or "which
//! match?", built for start-up time.
//!
//! `regex::bytes::RegexSet` prepares every engine, a reverse automaton and a literal
//! prefilter, ready to report match positions; for the section vocabulary (hundreds of
//! patterns, matched against short folded lines) that preparation was most of a
//! one-file run. These sets build one forward automaton, determinised lazily, and
//! the built-in sets start from an NFA compiled when jdlint was built (see
//! [`super::nfa_format`]).

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};

use super::nfa_format;

/// The NFAs of the built-in sets, written by `build.rs`.
static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_nfa.bin"));

type CachePool = Pool<
    Cache,
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>,
>;

pub struct PatternSet {
    dfa: std::sync::Arc<DFA>,
    caches: CachePool,
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
        let dfa = std::sync::Arc::new(dfa);
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Ok(PatternSet {
            dfa,
            caches,
            #[cfg(test)]
            prebuilt: is_prebuilt,
        })
    }

    /// Whether the set started from an NFA compiled at build time.
    #[cfg(test)]
    pub fn is_prebuilt(&self) -> bool {
        self.prebuilt
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        let mut cache = self.caches.get();
        // Errors come only from quit bytes or a cache that gives up; neither is
        // configured here.
        matches!(
            self.dfa
                .try_search_fwd(&mut cache, &Input::new(hay).earliest(true)),
            Ok(Some(_))
        )
    }

    /// Indices of every pattern that matches somewhere in `hay`, ascending.
    pub fn matches(&self, hay: &[u8]) -> impl Iterator<Item = usize> {
        let mut cache = self.caches.get();
        let mut found = vec![false; self.dfa.pattern_len()];
        let input = Input::new(hay);
        let mut state = regex_automata::hybrid::dfa::OverlappingState::start();
        while let Ok(Some(m)) = {
            let r = self
                .dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state);
            r.map(|()| state.get_match())
        } {
            found[m.pattern().as_usize()] = true;
        }
        found
            .into_iter()
            .enumerate()
            .filter_map(|(i, f)| f.then_some(i))
    }
}
