//! The crate's patterns with capture groups (pay amounts, experience claims), from
//! NFAs compiled when jdlint was built when they are listed in `prebuilt_patterns.toml`.
//!
//! Compiling the two took about 15 M instructions of every run with a figure in it.
//! A match is found as the meta regex finds it, by a forward and a reverse lazy DFA;
//! its groups then by the PikeVM, anchored on the match, which is one of the engines
//! the meta regex would have picked for that step.

use std::cell::RefCell;
use std::ops::Range;

use regex_automata::hybrid::regex::{self, Regex};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input};

use super::lean_regex::regex_from_nfas;
use super::nfa_format;
use super::pattern_set::PREBUILT;
use super::thread_cache::{self, Slots};

thread_local! {
    /// This thread's caches for each regex (see `thread_cache`).
    static CACHES: Slots<(regex::Cache, pikevm::Cache)> = const { RefCell::new(Vec::new()) };
}

pub struct CaptureRegex {
    regex: Regex,
    pikevm: PikeVM,
    id: usize,
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
    /// `pattern` from the build script's NFAs when it compiled this exact pattern, else
    /// compiled here the same way.
    pub fn new(pattern: &str) -> Result<CaptureRegex, String> {
        #[cfg(test)]
        super::ascii_regex::record(super::ascii_regex::Kind::Captures, pattern);
        let nfa = |reverse| -> Result<NFA, String> {
            let stored =
                nfa_format::find_in_blob(PREBUILT, nfa_format::capture_key(&[pattern], reverse))
                    .and_then(nfa_format::decode_bytes);
            match stored {
                Some(nfa) => Ok(nfa),
                None => nfa_format::capture_compiler(reverse)
                    .build(pattern)
                    .map_err(|e| e.to_string()),
            }
        };
        let forward = nfa(false)?;
        // The lazy DFAs give up on non-ASCII text at a Unicode word boundary, where the
        // meta regex would fall back to another engine; these patterns use `(?-u:\b)`.
        if forward.look_set_any().contains_word_unicode() {
            return Err(format!(
                "{pattern:?}: a Unicode word boundary; use (?-u:\\b) or regex::Regex"
            ));
        }
        // The forward lazy DFA reads the NFA with groups, passing over its capture
        // states.
        Ok(CaptureRegex {
            regex: regex_from_nfas(forward.clone(), nfa(true)?)?,
            pikevm: PikeVM::new_from_nfa(forward).map_err(|e| e.to_string())?,
            id: thread_cache::new_id(),
        })
    }

    fn with_caches<R>(&self, f: impl FnOnce(&mut regex::Cache, &mut pikevm::Cache) -> R) -> R {
        thread_cache::with(
            &CACHES,
            self.id,
            || (self.regex.create_cache(), self.pikevm.create_cache()),
            |(r, p)| f(r, p),
        )
    }

    /// The groups of a match found at `range`.
    fn groups<'h>(
        &self,
        hay: &'h str,
        m: regex_automata::Match,
        cache: &mut pikevm::Cache,
    ) -> Option<Found<'h>> {
        let mut caps = self.pikevm.create_captures();
        let input = Input::new(hay)
            .span(m.span())
            .anchored(Anchored::Pattern(m.pattern()));
        self.pikevm.search(cache, &input, &mut caps);
        caps.is_match().then_some(Found { hay, caps })
    }

    /// The first match at or after `start` (what is before it still counts for
    /// word boundaries), with its groups.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Found<'h>> {
        self.with_caches(|rc, pc| {
            let m = rc_search(&self.regex, rc, &Input::new(hay).range(start..))?;
            self.groups(hay, m, pc)
        })
    }

    /// Whether the pattern matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.with_caches(|rc, _| {
            rc_search(&self.regex, rc, &Input::new(hay).earliest(true)).is_some()
        })
    }

    /// The first match, leftmost first.
    pub fn find(&self, hay: &str) -> Option<Range<usize>> {
        self.with_caches(|rc, _| rc_search(&self.regex, rc, &Input::new(hay)).map(|m| m.range()))
    }

    /// Every non-overlapping match, leftmost first, with its groups.
    pub fn captures_all<'h>(&self, hay: &'h str) -> Vec<Found<'h>> {
        self.with_caches(|rc, pc| {
            let mut searcher = Searcher::new(Input::new(hay));
            let mut found = Vec::new();
            while let Ok(Some(m)) = searcher.try_advance(|input| self.regex.try_search(rc, input)) {
                found.extend(self.groups(hay, m, pc));
            }
            found
        })
    }
}

/// A search with the two lazy DFAs; errors (quit bytes, none without Unicode word
/// boundaries; a cache that gives up, not configured) read as no match.
fn rc_search(re: &Regex, cache: &mut regex::Cache, input: &Input) -> Option<regex_automata::Match> {
    re.try_search(cache, input).ok().flatten()
}

impl Drop for CaptureRegex {
    fn drop(&mut self) {
        thread_cache::free(&CACHES, self.id);
    }
}
