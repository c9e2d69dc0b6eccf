//! How each built-in pattern set is searched, decided when jdlint is built.
//!
//! A set, or a part of it, whose full DFA is small is written out as that DFA and
//! searched straight from the binary: nothing to rebuild at start and no states to
//! determinise while linting. Reading the sets' NFAs back and determinising them
//! lazily was most of a one-file run (the heading set alone: 10,727 NFA states and
//! 228 KB of lazy-DFA states for the 198 bytes of headings of one posting). Some
//! patterns cannot go that way: a heading pattern such as `.*\bbenefits\b.*` beside
//! two hundred others, or a signal with a wide gap (`.{0,80}`), multiplies DFA states
//! past any sensible size. So the build script splits a set that does not fit. Its
//! patterns that start with `^` get an anchored DFA each (searched side by side, see
//! `PatternSet::is_match`). Patterns with a gap (`.{0,40}`, `([\w-]+ ){0,4}`, `.*`)
//! are cut at it: one DFA finds where the parts before the gaps end, and from there
//! each pattern's rest is searched anchored ([`split_halves`]); the other patterns go
//! whole into that same DFA, with an empty rest, so a text is read once. A wide gap
//! must be cut, as no DFA of it fits; a short one is cut too, as its pattern alone
//! would take a pass of its own over every text. If that DFA does not fit, the cut
//! patterns' heads make one DFA, the patterns whose unbounded repetitions all come
//! last (`we offer( .*)?`) another, and the others are tried alone. What still does
//! not fit stays an NFA, determinised lazily as before. The parts' matches are merged
//! back into the set's pattern numbers, so a plan never changes what a set matches, only
//! how fast. (The one exception is asked for by name: the phrase gate is planned
//! without its patterns' gaps, see [`without_gaps`].)
//!
//! This file is also compiled into the build script (`#[path]`), so it uses nothing
//! but `std`, `regex_automata` and `regex_syntax`.

use regex_automata::dfa::{dense, StartKind};
use regex_automata::nfa::thompson::NFA;
use regex_automata::MatchKind;

/// The largest DFA a part may be, in bytes. The parts that fit come to a few MB in all;
/// the patterns that do not exceed 64 MB (tried) and take seconds to build.
const DENSE_LIMIT: usize = 4 << 20;

const DENSE: u32 = 0;
const NFA_PART: u32 = 1;
const SPLIT: u32 = 2;

/// The shortest bounded repetition that makes a wide gap ([`Gap::Wide`]):
/// `[^.]{0,20}` is one, `\d{1,2}` is not. A pattern with a wide gap has no DFA of a
/// sensible size, so it is always split (see [`split_words`]), and a gate pattern is
/// cut before it (see [`without_gaps`]).
const GAP: u32 = 16;

/// One part of a set as it lies in the blob: which of the set's patterns it holds,
/// in its own pattern order, and its automaton, undecoded.
/// Bytes at an address a multiple of four, as a serialized DFA needs: the blobs that
/// hold DFAs are embedded as `&Aligned<[u8]>`, and every DFA in them starts at a whole
/// word.
#[repr(C)]
pub struct Aligned<B: ?Sized> {
    pub _align: [u32; 0],
    pub bytes: B,
}

pub struct Part<'a> {
    pub indices: Vec<usize>,
    pub engine: Engine<'a>,
}

pub enum Engine<'a> {
    /// A dense DFA serialized little-endian, 4-byte aligned in the blob.
    Dense(&'a [u8]),
    /// An NFA in the words of `super::nfa_format`.
    Nfa(&'a [u8]),
    /// Patterns with a wide gap, each split in two (see [`split_words`]): one DFA of
    /// what comes before each gap, searched unanchored for where those heads end, and
    /// for each pattern an automaton of its gap and the rest, searched anchored from
    /// the ends of its head.
    Split {
        head: &'a [u8],
        tails: Vec<Engine<'a>>,
    },
}

/// The configuration every part's DFA is built with: the same match semantics as the
/// lazy DFA of `super::pattern_set` (all matches), started anchored when every pattern
/// starts with `^`, as that set searches then.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn dense_config(anchored: bool) -> dense::Config {
    dense::Config::new()
        .match_kind(MatchKind::All)
        .start_kind(if anchored {
            StartKind::Anchored
        } else {
            StartKind::Unanchored
        })
        // Halves the DFAs (17.6 to 8.6 MB in all) for a few seconds of build time.
        .minimize(true)
        .dfa_size_limit(Some(DENSE_LIMIT))
        .determinize_size_limit(Some(2 * DENSE_LIMIT))
}

/// The DFA of `nfa` as little-endian words, if it fits; started anchored when every
/// pattern starts with `^`.
#[cfg_attr(not(test), allow(dead_code))]
fn dense_words(nfa: &NFA) -> Option<Vec<u32>> {
    dense_words_from(nfa, nfa.is_always_start_anchored())
}

/// [`dense_words`], started anchored or not as asked.
#[cfg_attr(not(test), allow(dead_code))]
fn dense_words_from(nfa: &NFA, anchored: bool) -> Option<Vec<u32>> {
    serialize(
        &dense::Builder::new()
            .configure(dense_config(anchored))
            .build_from_nfa(nfa)
            .ok()?,
    )
}

/// A pattern as the sets' compiler parses it (see `nfa_format::set_compiler`).
#[cfg_attr(not(test), allow(dead_code))]
fn parse(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}

/// A lean regex's two DFAs (see `super::lean_regex`), configured as
/// `regex_automata::dfa::regex::Builder` configures them but started anchored when
/// every pattern starts with `^` (the regex then searches anchored), as words:
/// `forward length, forward, reverse`. `None` when either does not fit.
#[cfg_attr(not(test), allow(dead_code))]
pub fn regex_words(forward: &NFA, reverse: &NFA) -> Option<Vec<u32>> {
    let limits = |c: dense::Config| {
        c.minimize(true)
            .dfa_size_limit(Some(DENSE_LIMIT))
            .determinize_size_limit(Some(2 * DENSE_LIMIT))
    };
    let start = if forward.is_always_start_anchored() {
        StartKind::Anchored
    } else {
        StartKind::Unanchored
    };
    let fwd = dense::Builder::new()
        .configure(limits(dense::Config::new().start_kind(start)))
        .build_from_nfa(forward)
        .ok()?;
    let rev = dense::Builder::new()
        .configure(limits(
            dense::Config::new()
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All),
        ))
        .build_from_nfa(reverse)
        .ok()?;
    let (fwd, rev) = (serialize(&fwd)?, serialize(&rev)?);
    let mut w = vec![u32::try_from(fwd.len()).ok()?];
    w.extend(fwd);
    w.extend(rev);
    Some(w)
}

/// Reads [`regex_words`] back as the two DFAs' bytes, forward and reverse.
pub fn read_regex(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut rest = bytes;
    let forward_len = word(&mut rest)?.checked_mul(4)?;
    let forward = take(&mut rest, forward_len)?;
    Some((forward, rest))
}

/// A DFA as little-endian words.
#[cfg_attr(not(test), allow(dead_code))]
fn serialize(dfa: &dense::DFA<Vec<u32>>) -> Option<Vec<u32>> {
    let mut bytes = vec![0u8; dfa.write_to_len().next_multiple_of(4)];
    dfa.write_to_little_endian(&mut bytes).ok()?;
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// The plan of a set as words: `parts`, then per part `kind, index count, indices,
/// payload length, payload`. `dense` is false where DFAs cannot be used (a big-endian
/// target): every part is then an NFA. `None` when some part does not compile (the
/// set is then compiled at run time, where its error shows).
#[cfg_attr(not(test), allow(dead_code))]
pub fn plan<P: AsRef<str>>(patterns: &[P], dense: bool) -> Option<Vec<u32>> {
    let compiler = super::nfa_format::set_compiler();
    let all: Vec<usize> = (0..patterns.len()).collect();
    let build = |indices: &[usize]| {
        let chosen: Vec<&str> = indices.iter().map(|&i| patterns[i].as_ref()).collect();
        compiler.build_many(&chosen).ok()
    };
    let whole = build(&all)?;
    let mut parts: Vec<PlannedPart> = Vec::new();
    match dense.then(|| dense_words(&whole)).flatten() {
        Some(words) => parts.push((all, DENSE, words)),
        // NFAs only (a big-endian target): patterns with a wide gap one each, as in
        // one lazy DFA with the others they multiply its states.
        None if !dense => {
            let (gaps, plain): (Vec<usize>, Vec<usize>) = all
                .into_iter()
                .partition(|&i| split_halves(patterns[i].as_ref(), Gap::Wide).is_some());
            let groups = std::iter::once(plain).chain(gaps.into_iter().map(|i| vec![i]));
            for group in groups.filter(|g| !g.is_empty()) {
                let words = super::nfa_format::encode(&build(&group)?)?;
                parts.push((group, NFA_PART, words));
            }
        }
        None if patterns.len() == 1 => parts.extend(leftovers(patterns, all, &build)?),
        None => {
            // Patterns that start with `^` each in a DFA of its own, searched anchored
            // and side by side (see `PatternSet::is_match`). Cut at a gap, each was a
            // tail searched from the start of every text; in one DFA (tried), the
            // company signal's four made 3.6 MB, and their search, a new state at
            // every byte for up to 60 bytes, missed the cache at each.
            let (starts, mut all): (Vec<usize>, Vec<usize>) = all
                .into_iter()
                .partition(|&i| starts_at_start(patterns[i].as_ref()));
            if all.is_empty() {
                all = starts;
            } else {
                for i in starts {
                    match build(&[i])
                        .filter(NFA::is_always_start_anchored)
                        .and_then(|nfa| dense_words(&nfa))
                    {
                        Some(words) => parts.push((vec![i], DENSE, words)),
                        None => all.push(i),
                    }
                }
                all.sort_unstable();
            }
            // Patterns with a gap, wide or short, share one head DFA (see
            // `split_words`): each wide one would not fit a DFA, and each short one
            // that fits alone would take a pass of its own.
            let (split, rest): (Vec<usize>, Vec<usize>) = all
                .iter()
                .partition(|&&i| split_halves(patterns[i].as_ref(), Gap::Any).is_some());
            // The others searched in the same pass as the heads, each whole with an
            // empty tail, when that DFA fits: one pass over a text instead of two.
            if !split.is_empty() && !rest.is_empty() {
                // In ascending order: a part that holds every pattern is read as
                // holding them in the set's order.
                let mut merged: Vec<usize> = split.iter().chain(&rest).copied().collect();
                merged.sort_unstable();
                let halves = merged
                    .iter()
                    .map(|&i| {
                        let p = patterns[i].as_ref();
                        split_halves(p, Gap::Any).or_else(|| {
                            parse(p).map(|whole| (whole, regex_syntax::hir::Hir::empty()))
                        })
                    })
                    .collect::<Option<Vec<_>>>();
                if let Some(words) = halves.and_then(split_words_from) {
                    parts.push((merged, SPLIT, words));
                    return finish(parts);
                }
            }
            let (tame, wild): (Vec<usize>, Vec<usize>) = rest
                .into_iter()
                .partition(|&i| repeats_only_at_end(patterns[i].as_ref()));
            let mut rest: Vec<usize> = Vec::new();
            if !split.is_empty() {
                let chosen: Vec<&str> = split.iter().map(|&i| patterns[i].as_ref()).collect();
                match split_words(&chosen, Gap::Any) {
                    Some(words) => parts.push((split, SPLIT, words)),
                    None => rest.extend(split),
                }
            }
            let mut groups = vec![tame];
            groups.extend(wild.into_iter().map(|i| vec![i]));
            for group in groups.into_iter().filter(|g| !g.is_empty()) {
                match dense_words(&build(&group)?) {
                    Some(words) => parts.push((group, DENSE, words)),
                    None => rest.extend(group),
                }
            }
            if !rest.is_empty() {
                rest.sort_unstable();
                parts.extend(leftovers(patterns, rest, &build)?);
            }
        }
    }
    finish(parts)
}

/// The words of a plan of `parts`.
#[cfg_attr(not(test), allow(dead_code))]
fn finish(parts: Vec<PlannedPart>) -> Option<Vec<u32>> {
    let mut w = vec![u32::try_from(parts.len()).ok()?];
    for (indices, kind, payload) in parts {
        w.extend([kind, u32::try_from(indices.len()).ok()?]);
        for i in indices {
            w.push(u32::try_from(i).ok()?);
        }
        w.push(u32::try_from(payload.len()).ok()?);
        w.extend(payload);
    }
    Some(w)
}

/// A planned part: the set's patterns it holds, its kind and its payload.
type PlannedPart = (Vec<usize>, u32, Vec<u32>);

/// The parts for the patterns `indices` that do not fit a DFA: those that split at a
/// wide gap in one [`SPLIT`] part, the others in one NFA.
#[cfg_attr(not(test), allow(dead_code))]
fn leftovers<P: AsRef<str>>(
    patterns: &[P],
    indices: Vec<usize>,
    build: &dyn Fn(&[usize]) -> Option<NFA>,
) -> Option<Vec<PlannedPart>> {
    let (split, rest): (Vec<usize>, Vec<usize>) = indices
        .into_iter()
        .partition(|&i| split_halves(patterns[i].as_ref(), Gap::Wide).is_some());
    let mut parts = Vec::new();
    let mut lazy = rest;
    if !split.is_empty() {
        let chosen: Vec<&str> = split.iter().map(|&i| patterns[i].as_ref()).collect();
        match split_words(&chosen, Gap::Wide) {
            Some(words) => parts.push((split, SPLIT, words)),
            None => lazy.extend(split),
        }
    }
    if !lazy.is_empty() {
        lazy.sort_unstable();
        let words = super::nfa_format::encode(&build(&lazy)?)?;
        parts.push((lazy, NFA_PART, words));
    }
    Some(parts)
}

/// A pattern with a gap (`\bour (products?|...)\b.{0,40}\b(helps?|...)\b`) in two:
/// the head, what comes before its first top-level `gap` that follows a selective
/// head, and the tail, that gap and the rest. The pattern matches exactly where its
/// tail matches anchored at an end of a match of its head. Whole, a pattern with a
/// wide gap has a DFA that tracks every place the gap may have begun and exceeds 64 MB
/// (its lazy DFA was a tenth of a many-file run); split, each half is small, and most
/// text never gets past the head. `None` when the pattern has no such gap.
#[cfg_attr(not(test), allow(dead_code))]
fn split_halves(
    pattern: &str,
    gap: Gap,
) -> Option<(regex_syntax::hir::Hir, regex_syntax::hir::Hir)> {
    use regex_syntax::hir::{Hir, HirKind, Look};
    let hir = parse(pattern)?;
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    (1..items.len()).find_map(|at| {
        let head = Hir::concat(items[..at].to_vec());
        // A head that matches almost anywhere (`\b`) would start a tail search
        // everywhere; one that starts with `^` matches once at most.
        let props = head.properties();
        let selective =
            props.minimum_len() >= Some(3) || props.look_set_prefix().contains(Look::Start);
        (selective && gap.is_at(&items[at])).then(|| (head, Hir::concat(items[at..].to_vec())))
    })
}

/// Whether a pattern can only match at the start of a text (`^...`).
#[cfg_attr(not(test), allow(dead_code))]
fn starts_at_start(pattern: &str) -> bool {
    parse(pattern).is_some_and(|hir| {
        hir.properties()
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start)
    })
}

/// Where [`split_halves`] may cut a pattern.
#[derive(Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))]
enum Gap {
    /// A bounded repetition of at least [`GAP`]: `[^.]{0,40}`.
    Wide,
    /// Anything that repeats: `([\w-]+ ){0,4}`, `( \([^)]*\))?`, `\d+`.
    Any,
}

impl Gap {
    fn is_at(self, hir: &regex_syntax::hir::Hir) -> bool {
        use regex_syntax::hir::{Hir, HirKind};
        fn repeats(hir: &Hir) -> bool {
            match hir.kind() {
                HirKind::Repetition(r) => r.max != Some(1) || repeats(&r.sub),
                HirKind::Capture(c) => repeats(&c.sub),
                HirKind::Concat(items) | HirKind::Alternation(items) => items.iter().any(repeats),
                _ => false,
            }
        }
        match self {
            Gap::Wide => {
                matches!(hir.kind(), HirKind::Repetition(r) if r.max.is_some_and(|max| max >= GAP))
            }
            Gap::Any => repeats(hir),
        }
    }
}

/// A pattern that matches wherever `pattern` does, and more, without its wide gaps:
/// each repetition of at least [`GAP`] (or unbounded) and what follows it, up to the
/// end of the branch that holds it, is dropped. (`(the candidate)[^.]{0,60}\b(he|she)`
/// becomes `(the candidate)`.) For a gate that only has to say where a pattern might
/// match, and that then fits one DFA with the others. The pattern itself when it
/// does not parse.
pub fn without_gaps(pattern: &str) -> String {
    use regex_syntax::hir::{Hir, HirKind};
    /// The pattern's necessary part, when something had to be cut.
    fn cut(hir: &Hir) -> Option<Hir> {
        match hir.kind() {
            HirKind::Repetition(r) if r.max.is_none_or(|max| max >= GAP) => Some(Hir::empty()),
            HirKind::Repetition(r) => {
                cut(&r.sub).map(|sub| if r.min == 0 { Hir::empty() } else { sub })
            }
            HirKind::Capture(c) => cut(&c.sub),
            HirKind::Alternation(alts) => {
                let cuts: Vec<Option<Hir>> = alts.iter().map(cut).collect();
                cuts.iter().any(Option::is_some).then(|| {
                    Hir::alternation(
                        alts.iter()
                            .zip(cuts)
                            .map(|(alt, c)| c.unwrap_or_else(|| alt.clone()))
                            .collect(),
                    )
                })
            }
            HirKind::Concat(items) => items.iter().enumerate().find_map(|(i, item)| {
                let kept = cut(item)?;
                Some(Hir::concat(
                    items[..i].iter().cloned().chain([kept]).collect(),
                ))
            }),
            _ => None,
        }
    }
    match parse(pattern) {
        Some(hir) => cut(&hir).unwrap_or(hir).to_string(),
        None => pattern.to_string(),
    }
}

/// Patterns split by [`split_halves`] as words: `head length, head DFA`, then per
/// pattern `kind, tail length, tail`: a DFA, or an NFA where the DFA does not fit
/// (it is then determinised lazily, but only from where its head ends). The heads
/// share one DFA, so a text is read once for all of them. `None` when the heads'
/// DFA does not fit.
#[cfg_attr(not(test), allow(dead_code))]
fn split_words(patterns: &[&str], gap: Gap) -> Option<Vec<u32>> {
    split_words_from(
        patterns
            .iter()
            .map(|p| split_halves(p, gap))
            .collect::<Option<Vec<_>>>()?,
    )
}

/// [`split_words`] of patterns already cut in two.
#[cfg_attr(not(test), allow(dead_code))]
fn split_words_from(
    halves: Vec<(regex_syntax::hir::Hir, regex_syntax::hir::Hir)>,
) -> Option<Vec<u32>> {
    let (heads, tails): (Vec<_>, Vec<_>) = halves.into_iter().unzip();
    let compiler = super::nfa_format::set_compiler();
    let head = dense_words(&compiler.build_many_from_hir(&heads).ok()?)?;
    let mut w = vec![u32::try_from(head.len()).ok()?];
    w.extend(head);
    for tail in &tails {
        let nfa = compiler.build_from_hir(tail).ok()?;
        let (kind, tail) = match dense_words_from(&nfa, true) {
            Some(words) => (DENSE, words),
            None => (NFA_PART, super::nfa_format::encode(&nfa)?),
        };
        w.extend([kind, u32::try_from(tail.len()).ok()?]);
        w.extend(tail);
    }
    Some(w)
}

/// Whether every unbounded repetition in `pattern` comes at its end (ignoring
/// assertions such as `$`): such patterns, however many, make a small DFA together.
/// Only a guess at what fits; a wrong guess costs build time, never a wrong match.
#[cfg_attr(not(test), allow(dead_code))]
fn repeats_only_at_end(pattern: &str) -> bool {
    use regex_syntax::hir::{Hir, HirKind};
    fn tame(hir: &Hir, at_end: bool) -> bool {
        match hir.kind() {
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => true,
            HirKind::Repetition(r) => match r.max {
                None => at_end && tame(&r.sub, false),
                Some(1) => tame(&r.sub, at_end),
                Some(_) => tame(&r.sub, false),
            },
            HirKind::Capture(c) => tame(&c.sub, at_end),
            HirKind::Alternation(alts) => alts.iter().all(|h| tame(h, at_end)),
            HirKind::Concat(items) => {
                // The end is the last item that is not an assertion.
                let last = items
                    .iter()
                    .rposition(|h| !matches!(h.kind(), HirKind::Look(_)));
                items
                    .iter()
                    .enumerate()
                    .all(|(i, h)| tame(h, at_end && Some(i) >= last))
            }
        }
    }
    parse(pattern).is_some_and(|hir| tame(&hir, true))
}

/// Reads a plan written by [`plan`] from the blob's bytes; `None` for bytes it did not
/// write, or with an index at or past `len`, the set's pattern count.
pub fn read(bytes: &[u8], len: usize) -> Option<Vec<Part<'_>>> {
    let mut rest = bytes;
    let count = word(&mut rest)?;
    let mut parts = Vec::new();
    for _ in 0..count {
        let kind = word(&mut rest)?;
        let n = word(&mut rest)?;
        let indices: Vec<usize> = (0..n)
            .map(|_| word(&mut rest).filter(|&i| i < len))
            .collect::<Option<_>>()?;
        let payload_len = word(&mut rest)?.checked_mul(4)?;
        let payload = take(&mut rest, payload_len)?;
        let engine = match u32::try_from(kind).ok()? {
            DENSE => Engine::Dense(payload),
            NFA_PART => Engine::Nfa(payload),
            SPLIT => {
                let mut words = payload;
                let head_len = word(&mut words)?.checked_mul(4)?;
                let head = take(&mut words, head_len)?;
                let tails = indices
                    .iter()
                    .map(|_| {
                        let kind = u32::try_from(word(&mut words)?).ok()?;
                        let n = word(&mut words)?.checked_mul(4)?;
                        let tail = take(&mut words, n)?;
                        match kind {
                            DENSE => Some(Engine::Dense(tail)),
                            NFA_PART => Some(Engine::Nfa(tail)),
                            _ => None,
                        }
                    })
                    .collect::<Option<_>>()?;
                words.is_empty().then_some(())?;
                Engine::Split { head, tails }
            }
            _ => return None,
        };
        parts.push(Part { indices, engine });
    }
    rest.is_empty().then_some(parts)
}

/// The next `n` bytes of `rest`, if there are that many.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if rest.len() < n {
        return None;
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Some(head)
}

/// The next little-endian word of `rest`.
fn word(rest: &mut &[u8]) -> Option<usize> {
    let b = take(rest, 4)?;
    usize::try_from(u32::from_le_bytes(b.try_into().ok()?)).ok()
}

/// The texts the tests of prebuilt automata search: every posting fixture and the
/// README.
#[cfg(test)]
pub fn sample_texts() -> Vec<String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("fixtures/postings")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push("README.md".into());
    files
        .into_iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_patterns_whose_unbounded_repeats_end_them_are_tame() {
        for p in [
            "(?-u)^(?:we offer( .*)?)$",
            "(?-u)^(?:(life|working) at .+)$",
            "(?-u)^(?:(nice|good) to haves?( skills)?)$",
            r"(?i-u)\bwe are .{0,40}\b(team)\b",
        ] {
            assert!(repeats_only_at_end(p), "{p}");
        }
        for p in [
            r"(?-u)^(?:.*\bbenefits\b.*)$",
            "(?-u)^(?:about .* team)$",
            "(?-u)^(?:(a|b)+ c)$",
            "(?-u)^(?:(x( .*)?){2})$",
        ] {
            assert!(!repeats_only_at_end(p), "{p}");
        }
    }

    #[test]
    fn without_gaps_keeps_what_comes_before_each_gap_and_every_other_branch() {
        let check = |pattern: &str, yes: &[&str], no: &[&str]| {
            let relaxed = regex::bytes::Regex::new(&without_gaps(pattern)).unwrap();
            let exact = regex::bytes::Regex::new(pattern).unwrap();
            for hay in yes {
                assert!(relaxed.is_match(hay.as_bytes()), "{pattern} ~ {hay}");
                assert!(!exact.is_match(hay.as_bytes()) || relaxed.is_match(hay.as_bytes()));
            }
            for hay in no {
                assert!(!relaxed.is_match(hay.as_bytes()), "{pattern} !~ {hay}");
            }
        };
        check(
            r"(?i-u)\b(the candidate|this person)[^.]{0,60}\b(he|she)\b",
            &["The candidate", "this person, she", "the candidate will"],
            &["a candidate", "she"],
        );
        check(
            r"(?-u)\b(?:pay.{0,40}(depending|based) on|salary is negotiable|DOE)\b",
            &["pay", "salary is negotiable", "DOE"],
            &["salary", "doe"],
        );
        // A wide repetition of anything is a gap: here only `^` is left.
        check(r"(?-u)^(ab){1,30}c", &["ab", "b"], &[]);
        check(r"(?-u)x\w+y", &["x"], &["y"]);
        // A pattern without gaps is the same pattern; one that does not parse is kept.
        let same = without_gaps(r"(?-u)\bDOE\b");
        assert!(regex::Regex::new(&same).unwrap().is_match("a DOE b"));
        assert_eq!(without_gaps("(unclosed"), "(unclosed");
    }

    #[test]
    fn gapped_patterns_are_split_or_kept_apart() {
        let patterns = [
            r"(?i-u)\bour (products?|platform)\b.{0,40}\b(helps?|serves)\b",
            r"(?i-u)\bwe (build|make)\b[^.]{0,30}\bfor (teams|schools)\b",
            r"(?i-u)\bbenefits\b",
            r"(?i-u)\b(is|are) (a|an) ([\w-]+ ){0,4}(company|studio)\b",
        ];
        let kinds = |dense: bool| -> Vec<(Vec<usize>, &'static str)> {
            let words = plan(&patterns, dense).unwrap();
            let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
            read(&bytes, patterns.len())
                .unwrap()
                .into_iter()
                .map(|p| {
                    let kind = match p.engine {
                        Engine::Dense(_) => "dense",
                        Engine::Nfa(_) => "nfa",
                        Engine::Split { tails, .. } => {
                            assert_eq!(tails.len(), p.indices.len());
                            "split"
                        }
                    };
                    (p.indices, kind)
                })
                .collect()
        };
        // NFAs only: the gapped patterns one each.
        assert_eq!(
            kinds(false),
            [(vec![2, 3], "nfa"), (vec![0], "nfa"), (vec![1], "nfa")]
        );
        // DFAs: every pattern with a gap, wide or short, cut there, and the other
        // whole (with an empty tail), in one split part.
        if cfg!(target_endian = "little") {
            assert_eq!(kinds(true), [(vec![0, 1, 2, 3], "split")]);
        }
    }

    #[test]
    fn patterns_that_start_with_a_caret_get_anchored_dfas_of_their_own() {
        if cfg!(target_endian = "big") {
            return;
        }
        let patterns = [
            r"(?i-u)\bour (products?|platform)\b.{0,40}\b(helps?|serves)\b",
            r"(?i-u)^[\w&.' -]{2,40} (is|are) (a|an|the)\b",
            r"(?i-u)\bbenefits\b",
            r"(?i-u)^[^,]{2,60}, (the|a|an) [^,]{3,100}, (is|are|has|was)\b",
        ];
        let words = plan(&patterns, true).unwrap();
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let parts = read(&bytes, patterns.len()).unwrap();
        use regex_automata::{dfa::Automaton, Anchored, Input};
        let finds = |i: usize, hay: &str| {
            let part = parts.iter().find(|p| p.indices == [i]).unwrap();
            let Engine::Dense(dfa) = part.engine else {
                panic!("not a DFA");
            };
            let (dfa, _) = dense::DFA::from_bytes(dfa).unwrap();
            let input = Input::new(hay).anchored(Anchored::Yes);
            dfa.try_search_fwd(&input).unwrap().is_some()
        };
        assert!(finds(1, "Acme is a small studio"));
        assert!(!finds(1, "Yesterday, we said Acme is a studio"));
        assert!(finds(3, "Acme, a maker of things, is based in Leeds"));
        assert!(!finds(3, "Acme is a small studio"));
        // The others in one split part, without the anchored ones.
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().any(|p| p.indices == [0, 2]));
    }

    #[test]
    fn patterns_are_cut_before_a_gap_after_a_selective_head() {
        let cut = |pattern: &str, gap: Gap| {
            split_halves(pattern, gap).map(|(head, tail)| {
                (
                    head.properties().minimum_len(),
                    tail.properties().minimum_len(),
                )
            })
        };
        let short = r"(?i-u)\b(is|are) (a|an) ([\w-]+ ){0,4}(company|studio)\b";
        assert_eq!(cut(short, Gap::Any), Some((Some(5), Some(6))));
        assert_eq!(cut(short, Gap::Wide), None);
        let wide = r"(?i-u)\bour (products?|platform)\b.{0,40}\b(helps?|serves)\b";
        assert_eq!(cut(wide, Gap::Wide), Some((Some(11), Some(4))));
        // Not after a head that would match at almost every word, `\b`, ...
        assert_eq!(cut(r"(?-u)\b\d+ years", Gap::Any), None);
        assert_eq!(cut(r"(?-u)\bx[^.]{0,40}y", Gap::Wide), None);
        // ... but after `^`, which matches once.
        assert_eq!(
            cut(r"(?-u)^[^,]{2,60}, the", Gap::Wide),
            Some((Some(0), Some(7)))
        );
        // An optional word is no gap.
        assert_eq!(cut(r"(?-u)\bthis( offer)? is", Gap::Any), None);
    }

    #[test]
    fn a_plan_reads_back_and_damaged_plans_are_refused() {
        let patterns = [
            "(?-u)^(?:benefits( .*)?)$",
            r"(?-u)^(?:.*\bperks\b.*)$",
            "(?-u)^(?:about us)$",
        ];
        for dense in [true, false] {
            let words = plan(&patterns, dense).unwrap();
            let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
            let parts = read(&bytes, patterns.len()).unwrap();
            let mut all: Vec<usize> = parts.iter().flat_map(|p| p.indices.clone()).collect();
            all.sort_unstable();
            assert_eq!(all, [0, 1, 2]);
            assert!(read(&bytes, 2).is_none(), "an index past the set");
            for cut in 0..bytes.len() / 4 {
                assert!(read(&bytes[..cut * 4], 3).is_none(), "cut at word {cut}");
            }
        }
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn a_lean_regex_pair_reads_back_and_finds_leftmost_first() {
        use regex_automata::dfa::regex::Regex;
        let patterns = [r"(?i)\bsynerg(y|ies)\b", "^team"];
        let [forward, reverse] = [false, true].map(|reverse| {
            super::super::nfa_format::lean_compiler(reverse)
                .build_many(&patterns)
                .unwrap()
        });
        let words = regex_words(&forward, &reverse).unwrap();
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        // Copied into words, so aligned as in the blob.
        let (fwd, rev) = read_regex(&bytes).unwrap();
        let words_of = |b: &[u8]| -> Vec<u32> {
            b.chunks(4)
                .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
                .collect()
        };
        let (fa, ra) = (words_of(fwd), words_of(rev));
        let view = |w: &[u32]| -> &[u8] {
            // SAFETY: the words' own memory, as bytes.
            unsafe { std::slice::from_raw_parts(w.as_ptr().cast::<u8>(), w.len() * 4) }
        };
        let fwd = dense::DFA::from_bytes(view(&fa)).unwrap().0;
        let rev = dense::DFA::from_bytes(view(&ra)).unwrap().0;
        let re = Regex::builder().build_from_dfas(fwd, rev);
        let found: Vec<_> = re
            .find_iter(b"Synergies, team synergy")
            .map(|m| m.range())
            .collect();
        assert_eq!(found, [0..9, 16..23]);
        assert!(read_regex(&bytes[..2]).is_none());
    }
}
