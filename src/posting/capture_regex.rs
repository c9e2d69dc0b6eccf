//! The crate's patterns with capture groups (pay amounts, experience claims), from
//! NFAs compiled when jdlint was built when they are listed in `prebuilt_patterns.toml`.
//!
//! Compiling the two took about 15 M instructions of every run with a figure in it.
//! A match is found as the meta regex finds it, by a forward and a reverse DFA (full
//! DFAs built with jdlint and read in place from the binary, or lazy ones from the
//! NFAs); its groups then by the bounded backtracker, anchored on the match (the
//! PikeVM for a match too long for it), which are the engines the meta regex would
//! have picked for that step. Their NFA is read back only when groups are first asked
//! for. (The PikeVM alone sized its cache by NFA states times groups: 660 KB zeroed
//! for the pay pattern in each thread, a tenth of a one-file run's page faults. The
//! backtracker's cache grows with the match, which is short.)

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::hybrid::regex::{self, Regex};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input, MatchError};

use super::lean_regex::{self, regex_from_nfas, DensePair};
use super::nfa_format;
use super::pattern_set::PREBUILT;
use super::thread_cache::{self, Slots};

thread_local! {
    /// This thread's caches for each regex (see `thread_cache`), each made when first
    /// needed.
    static CACHES: Slots<Caches> = const { RefCell::new(Vec::new()) };
}

#[derive(Default)]
struct Caches {
    lazy: Option<regex::Cache>,
    backtrack: Option<backtrack::Cache>,
    pikevm: Option<pikevm::Cache>,
}

pub struct CaptureRegex {
    pattern: String,
    matcher: Matcher,
    /// Built when groups are first asked for; `None` if the pattern's forward NFA can
    /// be neither read back nor compiled, which the tests rule out.
    groups: OnceLock<Option<Groups>>,
    id: usize,
}

/// The engines that find a match's groups, from the forward NFA.
struct Groups {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

enum Matcher {
    Dense(DensePair),
    Lazy(Regex),
}

/// A match and its groups, over the haystack it was found in.
pub struct Found<'h> {
    hay: &'h str,
    caps: Captures,
}

/// One group of a [`Found`].
#[derive(Clone, Copy)]
pub struct Piece<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Piece<'h> {
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    #[cfg_attr(not(test), allow(dead_code))] // the list's test compares ranges
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'h> Found<'h> {
    /// Group `i` (0: the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Piece<'h>> {
        self.piece(self.caps.get_group(i)?)
    }

    pub fn name(&self, name: &str) -> Option<Piece<'h>> {
        self.piece(self.caps.get_group_by_name(name)?)
    }

    fn piece(&self, span: regex_automata::Span) -> Option<Piece<'h>> {
        Some(Piece {
            hay: self.hay,
            start: span.start,
            end: span.end,
        })
    }
}

impl CaptureRegex {
    /// `pattern` from the build script's DFAs or NFAs when it compiled this exact
    /// pattern, else compiled here the same way.
    pub fn new(pattern: &str) -> Result<CaptureRegex, String> {
        #[cfg(test)]
        super::ascii_regex::record(super::ascii_regex::Kind::Captures, pattern);
        // The build script writes DFAs only for patterns without a Unicode word
        // boundary (a DFA cannot hold one), so those need no check.
        let matcher = match lean_regex::dense_pair(nfa_format::capture_dfa_key(&[pattern])) {
            Some(regex) => Matcher::Dense(regex),
            None => {
                let forward = forward_nfa(pattern)?;
                // The lazy DFAs give up on non-ASCII text at a Unicode word boundary,
                // where the meta regex would fall back to another engine; these
                // patterns use `(?-u:\b)`.
                if forward.look_set_any().contains_word_unicode() {
                    return Err(format!(
                        "{pattern:?}: a Unicode word boundary; use (?-u:\\b) or regex::Regex"
                    ));
                }
                // The forward lazy DFA reads the NFA with groups, passing over its
                // capture states.
                Matcher::Lazy(regex_from_nfas(forward, nfa(pattern, true)?)?)
            }
        };
        Ok(CaptureRegex {
            pattern: pattern.to_string(),
            matcher,
            groups: OnceLock::new(),
            id: thread_cache::new_id(),
        })
    }

    /// Whether matches are found with DFAs from the binary.
    #[cfg(test)]
    pub fn is_dense(&self) -> bool {
        matches!(self.matcher, Matcher::Dense(_))
    }

    fn with_caches<R>(&self, f: impl FnOnce(&mut Caches) -> R) -> R {
        thread_cache::with(&CACHES, self.id, Caches::default, f)
    }

    /// The first leftmost-first match within `input`. Errors (quit bytes, none
    /// without Unicode word boundaries; a cache that gives up, not configured) read as
    /// no match.
    fn search(&self, caches: &mut Caches, input: &Input) -> Option<regex_automata::Match> {
        self.try_search(caches, input).ok().flatten()
    }

    fn try_search(
        &self,
        caches: &mut Caches,
        input: &Input,
    ) -> Result<Option<regex_automata::Match>, MatchError> {
        match &self.matcher {
            Matcher::Dense(pair) => pair.try_search(input),
            Matcher::Lazy(regex) => {
                let cache = caches.lazy.get_or_insert_with(|| regex.create_cache());
                regex.try_search(cache, input)
            }
        }
    }

    /// The groups of a match found at `range`.
    fn groups<'h>(
        &self,
        hay: &'h str,
        m: regex_automata::Match,
        caches: &mut Caches,
    ) -> Option<Found<'h>> {
        let engines = self
            .groups
            .get_or_init(|| {
                let forward = forward_nfa(&self.pattern).ok()?;
                Some(Groups {
                    backtrack: BoundedBacktracker::new_from_nfa(forward.clone()).ok()?,
                    pikevm: PikeVM::new_from_nfa(forward).ok()?,
                })
            })
            .as_ref()?;
        let input = Input::new(hay)
            .span(m.span())
            .anchored(Anchored::Pattern(m.pattern()));
        let mut caps = engines.pikevm.create_captures();
        let backtrack = &engines.backtrack;
        let cache = caches
            .backtrack
            .get_or_insert_with(|| backtrack.create_cache());
        // An error only for a match longer than the backtracker's memory allows.
        if backtrack.try_search(cache, &input, &mut caps).is_err() {
            let pikevm = &engines.pikevm;
            let cache = caches.pikevm.get_or_insert_with(|| pikevm.create_cache());
            pikevm.search(cache, &input, &mut caps);
        }
        caps.is_match().then_some(Found { hay, caps })
    }

    /// The first match at or after `start` (what is before it still counts for
    /// word boundaries), with its groups.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Found<'h>> {
        self.with_caches(|caches| {
            let m = self.search(caches, &Input::new(hay).range(start..))?;
            self.groups(hay, m, caches)
        })
    }

    /// Whether the pattern matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.with_caches(|caches| {
            self.search(caches, &Input::new(hay).earliest(true))
                .is_some()
        })
    }

    /// The first match, leftmost first.
    pub fn find(&self, hay: &str) -> Option<Range<usize>> {
        self.with_caches(|caches| self.search(caches, &Input::new(hay)).map(|m| m.range()))
    }

    /// Every non-overlapping match, leftmost first, without groups.
    pub fn find_all(&self, hay: &str) -> Vec<Range<usize>> {
        self.with_caches(|caches| {
            let mut searcher = Searcher::new(Input::new(hay));
            let mut found = Vec::new();
            while let Ok(Some(m)) = searcher.try_advance(|input| self.try_search(caches, input)) {
                found.push(m.range());
            }
            found
        })
    }

    /// Every non-overlapping match, leftmost first, with its groups.
    pub fn captures_all<'h>(&self, hay: &'h str) -> Vec<Found<'h>> {
        self.with_caches(|caches| {
            let mut searcher = Searcher::new(Input::new(hay));
            let mut matches = Vec::new();
            while let Ok(Some(m)) = searcher.try_advance(|input| self.try_search(caches, input)) {
                matches.push(m);
            }
            matches
                .into_iter()
                .filter_map(|m| self.groups(hay, m, caches))
                .collect()
        })
    }
}

/// The pattern's forward (with every group) or reverse NFA, from the blob when the
/// build script compiled it.
fn nfa(pattern: &str, reverse: bool) -> Result<NFA, String> {
    let stored = nfa_format::find_in_blob(PREBUILT, nfa_format::capture_key(&[pattern], reverse))
        .and_then(nfa_format::decode_bytes);
    match stored {
        Some(nfa) => Ok(nfa),
        None => nfa_format::capture_compiler(reverse)
            .build(pattern)
            .map_err(|e| e.to_string()),
    }
}

fn forward_nfa(pattern: &str) -> Result<NFA, String> {
    nfa(pattern, false)
}

impl Drop for CaptureRegex {
    fn drop(&mut self) {
        thread_cache::free(&CACHES, self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_too_long_for_the_backtracker_gets_its_groups_from_the_pikevm() {
        // A listed pattern (an unlisted one fails the list's test): plain-text bullets,
        // whose `[ \t]+` can run as long as a line.
        let list: std::collections::BTreeMap<String, Vec<String>> =
            toml::from_str(include_str!("prebuilt_patterns.toml")).unwrap();
        let pattern = list["captures"]
            .iter()
            .find(|p| p.starts_with(r"^[ \t]*"))
            .unwrap();
        let re = CaptureRegex::new(pattern).unwrap();
        let reference = ::regex::Regex::new(pattern).unwrap();
        let limit = BoundedBacktracker::new(pattern).unwrap().max_haystack_len();
        assert!(limit < 1 << 20, "{limit}");
        for len in [3, 1 << 20] {
            let hay = format!("-{}x", " ".repeat(len));
            let found = re.captures_at(&hay, 0).unwrap();
            let want = reference.captures(&hay).unwrap();
            assert_eq!(found.get(0).unwrap().range(), want.get(0).unwrap().range());
            assert_eq!(found.get(0).unwrap().len(), len + 1);
        }
    }
}
