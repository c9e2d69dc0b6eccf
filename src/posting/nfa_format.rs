//! Compiled patterns as bytes: how `build.rs` hands the NFAs it compiles ahead of time
//! to the binary (the lean and capture regexes, and the parts of pattern sets that
//! are not DFAs, see `set_plan`).
//!
//! Compiling the built-in patterns (parsing hundreds of patterns and building their
//! automata) was most of a one-file run. The build script compiles them once, writes
//! each Thompson NFA here, and at run time the NFA is rebuilt state by state, which
//! costs a small fraction of compiling it. The lazy DFA on top is built from the NFA
//! exactly as before, so matching is unchanged.
//!
//! This file is also compiled into the build script (`#[path]`), so it uses nothing
//! but `std` and `regex_automata`.

use regex_automata::nfa::thompson::{self, Builder, State, Transition, WhichCaptures, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;
use regex_automata::util::syntax;

/// Changes whenever the encoding or the way sets are compiled changes, so a blob from
/// an older build can never be read as the current one.
const VERSION: u32 = 2;
const MAGIC: u32 = 0x6a64_6e66; // "jdnf"

/// The compiler every pattern set uses: byte-oriented (`(?-u)` is up to each
/// pattern), no capture groups.
pub fn set_compiler() -> thompson::Compiler {
    let mut compiler = thompson::Compiler::new();
    compiler
        .syntax(syntax::Config::new().utf8(false))
        .configure(
            thompson::Config::new()
                .utf8(false)
                .which_captures(WhichCaptures::None),
        );
    compiler
}

/// The compiler of the built-in phrase rules' own regexes (see
/// `super::lean_regex`), forward or reverse: ASCII mode, as `ascii_regex::builder`
/// compiles them, and no capture groups.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn lean_compiler(reverse: bool) -> thompson::Compiler {
    let mut compiler = thompson::Compiler::new();
    compiler
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(
            thompson::Config::new()
                .utf8(false)
                .reverse(reverse)
                .which_captures(WhichCaptures::None),
        );
    compiler
}

/// The compiler of the crate's patterns with capture groups (see
/// `super::capture_regex`): Unicode, as `regex::Regex` compiles them; the forward NFA
/// keeps every group, the reverse one (for match starts) none.
pub fn capture_compiler(reverse: bool) -> thompson::Compiler {
    let mut compiler = thompson::Compiler::new();
    compiler.configure(
        thompson::Config::new()
            .reverse(reverse)
            .which_captures(if reverse {
                WhichCaptures::None
            } else {
                WhichCaptures::All
            }),
    );
    compiler
}

/// The key of a capture regex's forward or reverse NFA.
pub fn capture_key<P: AsRef<str>>(patterns: &[P], reverse: bool) -> u64 {
    let marker = if reverse {
        "\0captures-reverse"
    } else {
        "\0captures-forward"
    };
    marked_key(marker, patterns)
}

/// The key of `patterns` after a marker no pattern is.
fn marked_key<P: AsRef<str>>(marker: &str, patterns: &[P]) -> u64 {
    let all: Vec<&str> = std::iter::once(marker)
        .chain(patterns.iter().map(AsRef::as_ref))
        .collect();
    key(&all)
}

/// The key of a lean regex's two DFAs (see `set_plan::regex_words`).
pub fn lean_dfa_key<P: AsRef<str>>(patterns: &[P]) -> u64 {
    marked_key("\0lean-dfas", patterns)
}

/// The key of the plan of a relaxed set (see `PatternSet::relaxed`): planned for
/// other patterns than these.
pub fn relaxed_key<P: AsRef<str>>(patterns: &[P]) -> u64 {
    marked_key("\0relaxed", patterns)
}

/// The key of a capture regex's two DFAs (see `set_plan::regex_words`).
pub fn capture_dfa_key<P: AsRef<str>>(patterns: &[P]) -> u64 {
    marked_key("\0captures-dfas", patterns)
}

/// The key of a lean regex's forward or reverse NFA: apart from any set's, since no
/// pattern is the marker.
pub fn lean_key<P: AsRef<str>>(patterns: &[P], reverse: bool) -> u64 {
    let marker = if reverse {
        "\0lean-reverse"
    } else {
        "\0lean-forward"
    };
    marked_key(marker, patterns)
}

/// Identifies a set by its patterns, in order (FNV-1a; stable across builds, unlike
/// the standard library's hasher).
pub fn key<P: AsRef<str>>(patterns: &[P]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(VERSION);
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&(patterns.len() as u64).to_le_bytes());
    for p in patterns {
        let p = p.as_ref().as_bytes();
        eat(&(p.len() as u64).to_le_bytes());
        eat(p);
    }
    h
}

const BYTE_RANGE: u32 = 0;
const SPARSE: u32 = 1;
const LOOK: u32 = 2;
const UNION: u32 = 3;
const BINARY_UNION: u32 = 4;
const FAIL: u32 = 5;
const MATCH: u32 = 6;
const CAPTURE_START: u32 = 7;
const CAPTURE_END: u32 = 8;

/// The NFA as words. Capture states are kept with their group names, as long as each
/// pattern's states lie between its group 0 start and its match state, as the
/// compiler lays them out; `None` otherwise.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn encode(nfa: &NFA) -> Option<Vec<u32>> {
    let sid = |s: StateID| s.as_u32();
    let mut w = vec![
        u32::try_from(nfa.states().len()).ok()?,
        u32::try_from(nfa.pattern_len()).ok()?,
        sid(nfa.start_anchored()),
        sid(nfa.start_unanchored()),
        u32::from(nfa.is_utf8()) | u32::from(nfa.is_reverse()) << 1,
    ];
    for p in nfa.patterns() {
        w.push(sid(nfa.start_pattern(p)?));
    }
    let range = |w: &mut Vec<u32>, t: &Transition| {
        w.extend([u32::from(t.start), u32::from(t.end), sid(t.next)]);
    };
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                w.push(BYTE_RANGE);
                range(&mut w, trans);
            }
            State::Sparse(sparse) => {
                w.extend([SPARSE, u32::try_from(sparse.transitions.len()).ok()?]);
                for t in sparse.transitions.iter() {
                    range(&mut w, t);
                }
            }
            State::Dense(dense) => {
                // Never built by this version of the compiler; written as the sparse
                // state it stands for.
                let mut runs: Vec<Transition> = Vec::new();
                for (b, &next) in dense.transitions.iter().enumerate() {
                    let b = u8::try_from(b).ok()?;
                    match runs.last_mut() {
                        Some(t) if t.next == next && t.end.checked_add(1) == Some(b) => t.end = b,
                        _ if next == StateID::ZERO => {}
                        _ => runs.push(Transition {
                            start: b,
                            end: b,
                            next,
                        }),
                    }
                }
                w.extend([SPARSE, u32::try_from(runs.len()).ok()?]);
                for t in &runs {
                    range(&mut w, t);
                }
            }
            State::Look { look, next } => w.extend([LOOK, look.as_repr(), sid(*next)]),
            State::Union { alternates } => {
                w.extend([UNION, u32::try_from(alternates.len()).ok()?]);
                w.extend(alternates.iter().map(|&s| sid(s)));
            }
            State::BinaryUnion { alt1, alt2 } => w.extend([BINARY_UNION, sid(*alt1), sid(*alt2)]),
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                let info = nfa.group_info();
                let (start, _) = info.slots(*pattern_id, group_index.as_usize())?;
                if slot.as_usize() == start {
                    let name = info.to_name(*pattern_id, group_index.as_usize());
                    w.extend([
                        CAPTURE_START,
                        sid(*next),
                        pattern_id.as_u32(),
                        group_index.as_u32(),
                    ]);
                    match name {
                        None => w.push(u32::MAX),
                        Some(name) => {
                            w.push(u32::try_from(name.len()).ok()?);
                            w.extend(name.bytes().map(u32::from));
                        }
                    }
                } else {
                    w.extend([
                        CAPTURE_END,
                        sid(*next),
                        pattern_id.as_u32(),
                        group_index.as_u32(),
                    ]);
                }
            }
            State::Fail => w.push(FAIL),
            State::Match { pattern_id } => w.extend([MATCH, pattern_id.as_u32()]),
        }
    }
    Some(w)
}

/// Reads the words written by [`encode`], one at a time; state IDs are checked
/// against the state count, so that no words can make the builder index out of range.
struct Words<'a> {
    words: &'a [u32],
    states: usize,
}

impl Words<'_> {
    fn next(&mut self) -> Option<u32> {
        let (&first, rest) = self.words.split_first()?;
        self.words = rest;
        Some(first)
    }

    fn id(&mut self) -> Option<StateID> {
        let id = usize::try_from(self.next()?).ok()?;
        if id >= self.states {
            return None;
        }
        StateID::new(id).ok()
    }

    fn byte(&mut self) -> Option<u8> {
        u8::try_from(self.next()?).ok()
    }

    fn transition(&mut self) -> Option<Transition> {
        Some(Transition {
            start: self.byte()?,
            end: self.byte()?,
            next: self.id()?,
        })
    }
}

/// Rebuilds the NFA that [`encode`] wrote, or `None` for words it did not write.
///
/// Every state is added in its original order and none is an empty state the
/// builder would drop, so state IDs come out as they went in.
pub fn decode(words: &[u32]) -> Option<NFA> {
    let mut w = Words { words, states: 0 };
    let states = usize::try_from(w.next()?).ok()?;
    w.states = states;
    let pattern_len = usize::try_from(w.next()?).ok()?;
    let start_anchored = w.id()?;
    let start_unanchored = w.id()?;
    let flags = w.next()?;
    let starts: Vec<StateID> = (0..pattern_len).map(|_| w.id()).collect::<Option<_>>()?;
    let mut b = Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    // A match or capture state belongs to its pattern, which must be open while it is
    // added; patterns open in ID order (at their first capture state, or at their
    // match state when they have none), each closed with its known start state at
    // its match state.
    let mut opened = 0;
    let mut open: Option<usize> = None;
    for _ in 0..states {
        match w.next()? {
            kind @ (CAPTURE_START | CAPTURE_END) => {
                let next = w.id()?;
                let pattern = usize::try_from(w.next()?).ok()?;
                let group = w.next()?;
                if open != Some(pattern) {
                    if open.is_some() || pattern != opened {
                        return None;
                    }
                    b.start_pattern().ok()?;
                    open = Some(pattern);
                }
                if kind == CAPTURE_START {
                    let name = match w.next()? {
                        u32::MAX => None,
                        len => {
                            let len = usize::try_from(len).ok()?;
                            let bytes: Vec<u8> =
                                (0..len).map(|_| w.byte()).collect::<Option<_>>()?;
                            Some(std::sync::Arc::from(String::from_utf8(bytes).ok()?))
                        }
                    };
                    b.add_capture_start(next, group, name).ok()?
                } else {
                    b.add_capture_end(next, group).ok()?
                }
            }
            BYTE_RANGE => b.add_range(w.transition()?).ok()?,
            SPARSE => {
                let n = usize::try_from(w.next()?).ok()?;
                let ts = (0..n).map(|_| w.transition()).collect::<Option<_>>()?;
                b.add_sparse(ts).ok()?
            }
            LOOK => {
                let look = Look::from_repr(w.next()?)?;
                b.add_look(w.id()?, look).ok()?
            }
            UNION => {
                let n = usize::try_from(w.next()?).ok()?;
                let alternates = (0..n).map(|_| w.id()).collect::<Option<_>>()?;
                b.add_union(alternates).ok()?
            }
            BINARY_UNION => b.add_union(vec![w.id()?, w.id()?]).ok()?,
            FAIL => b.add_fail().ok()?,
            MATCH => {
                let pattern = usize::try_from(w.next()?).ok()?;
                if pattern < opened || pattern >= pattern_len {
                    return None;
                }
                match open.take() {
                    Some(p) if p != pattern => return None,
                    Some(_) => {}
                    None => {
                        while opened < pattern {
                            b.start_pattern().ok()?;
                            b.finish_pattern(starts[opened]).ok()?;
                            opened += 1;
                        }
                        b.start_pattern().ok()?;
                    }
                }
                let id = b.add_match().ok()?;
                b.finish_pattern(starts[pattern]).ok()?;
                opened += 1;
                id
            }
            _ => return None,
        };
    }
    if open.is_some() {
        return None;
    }
    while opened < pattern_len {
        b.start_pattern().ok()?;
        b.finish_pattern(starts[opened]).ok()?;
        opened += 1;
    }
    if !w.words.is_empty() {
        return None;
    }
    let nfa = b.build(start_anchored, start_unanchored).ok()?;
    (nfa.states().len() == states).then_some(nfa)
}

/// A blob of sets: `MAGIC, VERSION, count`, then per set `key (two words), offset,
/// length` in words from the start of the data, then the data.
#[cfg_attr(not(test), allow(dead_code))] // called by the build script and the tests
pub fn write_blob(sets: &[(u64, Vec<u32>)]) -> Vec<u8> {
    let mut sets: Vec<&(u64, Vec<u32>)> = sets.iter().collect();
    sets.sort_by_key(|(k, _)| *k);
    sets.dedup_by_key(|(k, _)| *k);
    let count = u32::try_from(sets.len()).expect("fewer than 2^32 sets");
    let mut words = vec![MAGIC, VERSION, count];
    let mut offset = 0u32;
    for (key, data) in &sets {
        let len = u32::try_from(data.len()).expect("a set under 2^32 words");
        // The key in two halves: low word, then high.
        words.extend([*key as u32, (*key >> 32) as u32, offset, len]);
        offset += len;
    }
    for (_, data) in &sets {
        words.extend_from_slice(data);
    }
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The NFA stored for `key` in a blob from [`write_blob`], if there is one and it
/// reads back whole.
#[cfg(test)]
pub fn read_blob(blob: &[u8], key: u64) -> Option<NFA> {
    decode_bytes(find_in_blob(blob, key)?)
}

/// Rebuilds an NFA from the bytes [`find_in_blob`] found.
pub fn decode_bytes(bytes: &[u8]) -> Option<NFA> {
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    decode(&words)
}

/// The bytes of the NFA stored for `key` in a blob from [`write_blob`], undecoded.
pub fn find_in_blob(blob: &[u8], key: u64) -> Option<&[u8]> {
    let word = |i: usize| -> Option<u32> {
        let b = blob.get(i * 4..i * 4 + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    };
    if word(0)? != MAGIC || word(1)? != VERSION {
        return None;
    }
    let count = usize::try_from(word(2)?).ok()?;
    let data_start = 3 + count * 4;
    // Entries are sorted by key: binary search over them.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let at = 3 + mid * 4;
        let k = u64::from(word(at)?) | u64::from(word(at + 1)?) << 32;
        match k.cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let offset = usize::try_from(word(at + 2)?).ok()?;
                let len = usize::try_from(word(at + 3)?).ok()?;
                let start = (data_start + offset) * 4;
                return blob.get(start..start + len * 4);
            }
        }
    }
    None
}

/// Every entry of a blob from [`write_blob`]: key and bytes.
#[cfg(test)]
pub fn entries(blob: &[u8]) -> Vec<(u64, &[u8])> {
    let word = |i: usize| u32::from_le_bytes(blob[i * 4..i * 4 + 4].try_into().unwrap());
    let count = word(2) as usize;
    (0..count)
        .map(|i| {
            let at = 3 + i * 4;
            let key = u64::from(word(at)) | u64::from(word(at + 1)) << 32;
            (key, find_in_blob(blob, key).unwrap())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(patterns: &[&str]) -> NFA {
        set_compiler().build_many(patterns).unwrap()
    }

    #[test]
    fn an_nfa_reads_back_as_it_was_written() {
        let sets: &[&[&str]] = &[
            &[
                "(?-u)^(?:about (us|the company))$",
                "(?-u)^(?:benefits( .*)?)$",
            ],
            &[r"(?i-u)\bwe are (a|an|the) .{0,40}\b(company|team)\b"],
            &[
                r"(?i-u)^\W*(?:lead|own|build)\b",
                "(?i-u)years?",
                "(?-u)[a-f]{2,}$",
            ],
            &[r"\p{Greek}+\s\w+", "caf\u{e9}", "(?m)^x$"],
            &["a"],
        ];
        for patterns in sets {
            let nfa = compiled(patterns);
            let words = encode(&nfa).unwrap();
            let back = decode(&words).unwrap();
            assert_eq!(format!("{back:?}"), format!("{nfa:?}"), "{patterns:?}");
        }
        // With capture groups, named and not, in one pattern and in several.
        let with_groups: &[&[&str]] = &[
            &[r"(?i)(?P<pre>up to\s+)?(?P<n>\d+)(k)?(?:\s*(?P<per>/h|an hour))?"],
            &[r"(a)(?P<b>b)?", r"(?P<c>c)+(d)"],
            &[r"([a-z]){3}"],
        ];
        for patterns in with_groups {
            for reverse in [false, true] {
                let nfa = capture_compiler(reverse).build_many(patterns).unwrap();
                let back = decode(&encode(&nfa).unwrap()).unwrap();
                assert_eq!(format!("{back:?}"), format!("{nfa:?}"), "{patterns:?}");
                let groups = |n: &NFA| {
                    let info = n.group_info();
                    n.patterns()
                        .map(|p| {
                            let names: Vec<Option<String>> =
                                info.pattern_names(p).map(|n| n.map(String::from)).collect();
                            (names, info.slots(p, 0), info.slot_len())
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(groups(&back), groups(&nfa), "{patterns:?}");
            }
        }
    }

    #[test]
    fn a_blob_finds_each_set_by_its_patterns() {
        let a = ["(?-u)^(?:job title)$"];
        let b = ["(?i-u)perks", "(?i-u)benefits"];
        let blob = write_blob(&[
            (key(&a), encode(&compiled(&a)).unwrap()),
            (key(&b), encode(&compiled(&b)).unwrap()),
        ]);
        let nfa = read_blob(&blob, key(&b)).unwrap();
        assert_eq!(format!("{nfa:?}"), format!("{:?}", compiled(&b)));
        assert!(read_blob(&blob, key(&["(?i-u)perks"])).is_none());
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
    }

    #[test]
    fn damaged_words_are_refused_not_trusted() {
        let words = encode(&compiled(&["(?i-u)(perks|benefits) .{0,9}x", "y+"])).unwrap();
        for cut in 0..words.len() {
            assert!(decode(&words[..cut]).is_none(), "cut at {cut}");
        }
        // Every single word replaced by something out of range: refused or still an
        // NFA, never a panic.
        for i in 0..words.len() {
            let mut bad = words.clone();
            bad[i] = u32::MAX - 1;
            let _ = decode(&bad);
        }
        assert!(read_blob(b"not a blob", 1).is_none());
        let blob = write_blob(&[(7, words)]);
        assert!(read_blob(&blob[..blob.len() - 4], 7).is_none());
    }
}
