//! The built-in phrase rules' own regexes, from NFAs compiled when jdlint was built.
//!
//! A phrase rule's regex (one alternative per phrase) took about 2 M instructions to
//! compile, paid by every run for the rules without a gate and for each rule whose
//! phrases a posting holds. These rules are ASCII-mode and only asked for match
//! positions, which the meta regex found with a forward and a reverse lazy DFA alone
//! (see `ascii_regex::builder`); this builds those two automata straight from the
//! prebuilt NFAs, so the matches are the same, found the same way.

use std::cell::RefCell;
use std::ops::Range;

use regex_automata::hybrid::dfa::DFA;
use regex_automata::hybrid::regex::{Cache, Regex};
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input, MatchKind};

use super::nfa_format;
use super::pattern_set::PREBUILT;
use super::thread_cache::{self, Slots};

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

pub struct LeanRegex {
    regex: Regex,
    id: usize,
}

impl LeanRegex {
    /// The regex of `patterns` (ASCII mode, leftmost-first), when the build script
    /// compiled these exact patterns and they read back; `None` otherwise, and the
    /// caller compiles them itself.
    pub fn prebuilt<P: AsRef<str>>(patterns: &[P]) -> Option<LeanRegex> {
        let nfa = |reverse| {
            nfa_format::find_in_blob(PREBUILT, nfa_format::lean_key(patterns, reverse))
                .and_then(nfa_format::decode_bytes)
        };
        Some(LeanRegex {
            regex: regex_from_nfas(nfa(false)?, nfa(true)?).ok()?,
            id: thread_cache::new_id(),
        })
    }

    /// The search over `hay`: anchored when every pattern starts with `^`, which
    /// means the same and lets the search stop where the patterns fail (as
    /// `PatternSet` does, and as the meta regex did for these patterns).
    fn input<'h>(&self, hay: &'h [u8]) -> Input<'h> {
        let anchored = if self.regex.forward().get_nfa().is_always_start_anchored() {
            Anchored::Yes
        } else {
            Anchored::No
        };
        Input::new(hay).anchored(anchored)
    }

    /// Runs `f` with this thread's cache for the regex.
    fn with_cache<R>(&self, f: impl FnOnce(&mut Cache) -> R) -> R {
        thread_cache::with(&CACHES, self.id, || self.regex.create_cache(), f)
    }

    // Errors come only from quit bytes (none in ASCII mode) or a cache that gives up
    // (not configured): an error reads as no match.

    /// Every leftmost-first match in `hay`, with the pattern that matched.
    pub fn find_all(&self, hay: &[u8]) -> Vec<(Range<usize>, usize)> {
        self.with_cache(|cache| {
            let mut searcher = Searcher::new(self.input(hay));
            let mut found = Vec::new();
            while let Ok(Some(m)) =
                searcher.try_advance(|input| self.regex.try_search(cache, input))
            {
                found.push((m.range(), m.pattern().as_usize()));
            }
            found
        })
    }

    /// The first leftmost-first match in `hay`.
    pub fn find(&self, hay: &[u8]) -> Option<Range<usize>> {
        self.with_cache(|cache| self.regex.try_search(cache, &self.input(hay)))
            .ok()
            .flatten()
            .map(|m| m.range())
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.with_cache(|cache| {
            self.regex
                .try_search(cache, &self.input(hay).earliest(true))
                .is_ok_and(|m| m.is_some())
        })
    }
}

impl Drop for LeanRegex {
    fn drop(&mut self) {
        thread_cache::free(&CACHES, self.id);
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
}
