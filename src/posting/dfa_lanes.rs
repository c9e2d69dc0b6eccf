//! "Does it match?" for many (DFA, text) pairs at once, four in step.
//!
//! A DFA search is one table load per byte, and each load needs the state the last
//! one gave: the search waits on memory at every byte (about 2 ns a byte here,
//! measured, whatever the DFA's size) while the core has room for more. Four searches
//! stepped together overlap their waits: over 7,043 lines of the benchmark postings,
//! the phrase gate took 0.87 ns a byte this way against 1.8 to 2.6 ns one text at a
//! time. So a caller that asks the same question of many texts, and needs every
//! answer (the phrase gate and the pay-grade search, of every unit of a posting), asks
//! it of all of them here. A caller that stops at the first text that matches (the
//! content signals) gains nothing: the texts after it would be searched for nothing.
//!
//! The answers are exactly `try_search_fwd` with `earliest(true)`: a text matches when
//! its search reaches a match state, or when the end of the text leads to one. The
//! DFAs are the ones `build.rs` writes into the binary (no quit bytes; start states
//! not specialised); should one ever stop on a quit byte, that text is searched again
//! the ordinary way.

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::util::primitives::StateID;
use regex_automata::Input;

pub type Dfa = dense::DFA<&'static [u32]>;

pub const LANES: usize = 4;

/// The search of `hay` as the rest of jdlint makes it: anchored when the DFA was built
/// only with the anchored start (every pattern starts with `^`).
pub fn input<'h>(dfa: &Dfa, hay: &'h [u8]) -> Input<'h> {
    Input::new(hay).anchored(super::pattern_set::anchored(
        dfa.start_kind() == StartKind::Anchored,
    ))
}

/// Whether each job's DFA matches somewhere in its text, in the order of `jobs`. Up
/// to four jobs go side by side; the last two or three of a batch still do.
pub fn is_match_each(jobs: &[(&Dfa, &[u8])]) -> Vec<bool> {
    let mut out = vec![false; jobs.len()];
    each(jobs, |job, found| {
        out[job] = found;
        true
    });
    out
}

/// Whether any job's DFA matches somewhere in its text: [`is_match_each`] that stops
/// at the first answer that is yes.
pub fn any_match(jobs: &[(&Dfa, &[u8])]) -> bool {
    let mut any = false;
    each(jobs, |_, found| {
        any |= found;
        !found
    });
    any
}

/// Calls `f` with each job's number and answer as it is known, until `f` says to stop.
fn each(jobs: &[(&Dfa, &[u8])], mut f: impl FnMut(usize, bool) -> bool) {
    let Some(&(first, _)) = jobs.first() else {
        return;
    };
    // The first `len` lanes are in use; the others hold anything.
    let idle = Lane {
        dfa: first,
        hay: &[],
        job: 0,
        at: 0,
        sid: StateID::ZERO,
    };
    let mut lanes = [idle.clone(), idle.clone(), idle.clone(), idle];
    let mut len = 0;
    let mut next = 0;
    loop {
        while len < LANES && next < jobs.len() {
            match Lane::start(jobs[next], next) {
                Ok(lane) => {
                    lanes[len] = lane;
                    len += 1;
                }
                Err(found) => {
                    if !f(next, found) {
                        return;
                    }
                }
            }
            next += 1;
        }
        match len {
            0 => return,
            1 => step::<1>(&mut lanes),
            2 => step::<2>(&mut lanes),
            3 => step::<3>(&mut lanes),
            _ => step::<LANES>(&mut lanes),
        }
        for i in (0..len).rev() {
            if let Some(found) = lanes[i].settle() {
                if !f(lanes[i].job, found) {
                    return;
                }
                len -= 1;
                lanes.swap(i, len);
            }
        }
    }
}

/// Steps the first `N` lanes together until one of them has read its text or reached
/// a special state (a match, the dead state).
#[inline(always)]
fn step<const N: usize>(lanes: &mut [Lane; LANES]) {
    let Some(lanes) = lanes.first_chunk_mut::<N>() else {
        return;
    };
    let n = lanes.iter().map(Lane::left).min().unwrap_or(0);
    let dfas: [&Dfa; N] = std::array::from_fn(|i| lanes[i].dfa);
    let hays: [&[u8]; N] = std::array::from_fn(|i| lanes[i].ahead(n));
    let mut sids: [StateID; N] = std::array::from_fn(|i| lanes[i].sid);
    let mut k = 0;
    while k < n {
        for i in 0..N {
            sids[i] = dfas[i].next_state(sids[i], hays[i][k]);
        }
        k += 1;
        if (0..N).fold(false, |special, i| {
            special | dfas[i].is_special_state(sids[i])
        }) {
            break;
        }
    }
    for (lane, sid) in lanes.iter_mut().zip(sids) {
        lane.sid = sid;
        lane.at += k;
    }
}

/// One job in progress.
#[derive(Clone)]
struct Lane<'a> {
    dfa: &'a Dfa,
    hay: &'a [u8],
    /// The job's place in the list.
    job: usize,
    /// Bytes of `hay` read so far.
    at: usize,
    sid: StateID,
}

impl<'a> Lane<'a> {
    /// The job started, or its answer if that is known before its first byte.
    fn start((dfa, hay): (&'a Dfa, &'a [u8]), job: usize) -> Result<Self, bool> {
        let Ok(sid) = dfa.start_state_forward(&input(dfa, hay)) else {
            return Err(searched(dfa, hay));
        };
        let lane = Lane {
            dfa,
            hay,
            job,
            at: 0,
            sid,
        };
        match lane.settle() {
            Some(found) => Err(found),
            None => Ok(lane),
        }
    }

    fn left(&self) -> usize {
        self.hay.len() - self.at
    }

    fn ahead(&self, n: usize) -> &'a [u8] {
        &self.hay[self.at..self.at + n]
    }

    /// The answer, once the state or the end of the text decides it.
    fn settle(&self) -> Option<bool> {
        let (dfa, sid) = (self.dfa, self.sid);
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) {
                return Some(true);
            }
            if dfa.is_dead_state(sid) {
                return Some(false);
            }
            if dfa.is_quit_state(sid) {
                return Some(searched(dfa, self.hay));
            }
        }
        (self.at == self.hay.len()).then(|| dfa.is_match_state(dfa.next_eoi_state(sid)))
    }
}

/// The ordinary search, for what the lanes do not decide themselves.
fn searched(dfa: &Dfa, hay: &[u8]) -> bool {
    matches!(
        dfa.try_search_fwd(&input(dfa, hay).earliest(true)),
        Ok(Some(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson::NFA;

    /// A DFA built as `build.rs` builds the sets' DFAs, kept for the test run.
    fn dfa(patterns: &[&str]) -> &'static Dfa {
        let nfa = NFA::compiler()
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .unicode(false)
                    .utf8(false),
            )
            .build_many(patterns)
            .unwrap();
        let anchored = nfa.is_always_start_anchored();
        let owned = dense::Builder::new()
            .configure(super::super::set_plan::dense_config(anchored))
            .build_from_nfa(&nfa)
            .unwrap();
        let (bytes, pad) = owned.to_bytes_little_endian();
        let words: Vec<u32> = bytes[pad..]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let words: &'static [u32] = Box::leak(words.into_boxed_slice());
        // SAFETY: u32 words reinterpreted as their bytes, same length and lifetime.
        let bytes: &'static [u8] =
            unsafe { std::slice::from_raw_parts(words.as_ptr().cast(), words.len() * 4) };
        Box::leak(Box::new(Dfa::from_bytes(bytes).unwrap().0))
    }

    fn dfas() -> Vec<&'static Dfa> {
        vec![
            dfa(&[
                r"(?i)\bteam player\b",
                r"(?i)\brock ?stars?\b",
                r"(?i)\bninjas?\b",
            ]),
            dfa(&[r"(?i)^\W*(you|we) (will|are)\b", r"^- "]),
            dfa(&[r"\d+\+? years?", r"(?i)salary$"]),
            dfa(&[r"(?i)\bnever(?: \w+){0,3} stops\b"]),
            dfa(&[]),
        ]
    }

    proptest::proptest! {
        #[test]
        fn lanes_answer_as_the_search_does(
            texts in proptest::collection::vec(
                "(team |player|rock|stars?|ninja|you |we |will|are|- |[0-9]|\\+| years?|salary|never|stops| |x|\\.|\n|é){0,14}",
                0..23,
            ),
            which in proptest::collection::vec(0usize..5, 23),
        ) {
            let dfas = dfas();
            let jobs: Vec<(&Dfa, &[u8])> = texts
                .iter()
                .zip(&which)
                .map(|(t, &d)| (dfas[d], t.as_bytes()))
                .collect();
            let expected: Vec<bool> = jobs.iter().map(|&(d, h)| searched(d, h)).collect();
            proptest::prop_assert_eq!(any_match(&jobs), expected.contains(&true));
            proptest::prop_assert_eq!(is_match_each(&jobs), expected);
        }
    }

    #[test]
    fn many_texts_some_matching() {
        let d = dfas()[0];
        let texts: Vec<String> = (0..50)
            .map(|i| match i % 7 {
                0 => format!("we hire a rockstar {i}"),
                3 => String::new(),
                _ => format!("a plain line number {i} about the team"),
            })
            .collect();
        let jobs: Vec<(&Dfa, &[u8])> = texts.iter().map(|t| (d, t.as_bytes())).collect();
        let found = is_match_each(&jobs);
        let expected: Vec<bool> = (0..50).map(|i| i % 7 == 0).collect();
        assert_eq!(found, expected);
    }
}
