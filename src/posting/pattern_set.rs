//! Sets of byte patterns that are only ever asked "does any match?" or "which
//! match?", built for start-up time.
//!
//! `regex::bytes::RegexSet` prepares every engine and a literal prefilter, ready to
//! report match positions; for the section vocabulary (hundreds of patterns, matched
//! against short folded lines) that preparation was most of a one-file run. These sets
//! build the lazy DFA's forward automaton and little else.

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet as Matched};

pub struct PatternSet {
    regex: Regex,
}

impl PatternSet {
    /// Compiles byte patterns (`(?-u)` is up to the caller). `cache` is the lazy DFA's
    /// cache capacity in bytes.
    pub fn new<P: AsRef<str>>(patterns: &[P], cache: usize) -> Result<Self, String> {
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .auto_prefilter(false)
            .which_captures(WhichCaptures::None)
            .onepass(false)
            .backtrack(false)
            .dfa(false)
            .utf8_empty(false)
            .hybrid_cache_capacity(cache);
        let regex = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(false))
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        Ok(PatternSet { regex })
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.regex.is_match(Input::new(hay).earliest(true))
    }

    /// Indices of every pattern that matches somewhere in `hay`, ascending.
    pub fn matches(&self, hay: &[u8]) -> impl Iterator<Item = usize> {
        let mut found = Matched::new(self.regex.pattern_len());
        self.regex
            .which_overlapping_matches(&Input::new(hay), &mut found);
        found
            .iter()
            .map(|p| p.as_usize())
            .collect::<Vec<_>>()
            .into_iter()
    }
}
