//! "Does it match?" for many (DFA, text) pairs at once, four in step.
//!
//! A DFA search is one table load per byte, and each load needs the state the last
//! one gave: the search waits on memory at every byte (about 2 ns a byte here,
//! measured, whatever the DFA's size) while the core has room for more. Four searches
//! stepped together overlap their waits: over 7,043 lines of the benchmark postings,
//! the phrase gate took 0.87 ns a byte this way against 1.8 to 2.6 ns one text at a
//! time. So a caller that asks the same question of many texts (every unit of a
//! posting, every sentence of a section) asks it of all of them here.
//!
//! The answers are exactly `try_search_fwd` with `earliest(true)`: a text matches when
//! its search reaches a match state, or when the end of the text leads to one. The
//! DFAs are the ones `build.rs` writes into the binary (no quit bytes; start states
//! not specialised); should one ever stop on a quit byte, that text is searched again
//! the ordinary way.

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::util::primitives::StateID;
use regex_automata::{Anchored, Input};

pub type Dfa = dense::DFA<&'static [u32]>;

const LANES: usize = 4;

/// The search of `hay` as the rest of jdlint makes it: anchored when the DFA was built
/// only with the anchored start (every pattern starts with `^`).
pub fn input<'h>(dfa: &Dfa, hay: &'h [u8]) -> Input<'h> {
    let anchored = dfa.start_kind() == StartKind::Anchored;
    Input::new(hay).anchored(if anchored {
        Anchored::Yes
    } else {
        Anchored::No
    })
}

/// Whether each job's DFA matches somewhere in its text, in the order of `jobs`.
pub fn is_match_each(jobs: &[(&Dfa, &[u8])]) -> Vec<bool> {
    let mut out = vec![false; jobs.len()];
    let mut lanes: [Option<Lane>; LANES] = [None, None, None, None];
    let mut next = 0;
    loop {
        // Fill every free lane with the next job that needs reading.
        for lane in &mut lanes {
            while lane.is_none() && next < jobs.len() {
                *lane = Lane::start(jobs[next], next, &mut out);
                next += 1;
            }
        }
        if lanes.iter().any(Option::is_none) {
            // Fewer jobs left than lanes: finish them one at a time.
            for lane in lanes.iter_mut().filter_map(Option::take) {
                lane.finish(&mut out);
            }
            return out;
        }
        let [Some(a), Some(b), Some(c), Some(d)] = &mut lanes else {
            unreachable!("every lane is full")
        };
        let n = a.left().min(b.left()).min(c.left()).min(d.left());
        step4([a, b, c, d], n);
        for lane in &mut lanes {
            if let Some(l) = lane {
                if l.settle(&mut out) {
                    *lane = None;
                }
            }
        }
    }
}

/// Steps four lanes together over at most `n` bytes each (no lane has fewer left),
/// stopping early after the first byte that brings any lane to a special state.
#[inline(always)]
fn step4([a, b, c, d]: [&mut Lane; 4], n: usize) {
    let (ha, hb, hc, hd) = (a.ahead(n), b.ahead(n), c.ahead(n), d.ahead(n));
    let (mut sa, mut sb, mut sc, mut sd) = (a.sid, b.sid, c.sid, d.sid);
    let mut k = 0;
    while k < n {
        sa = a.dfa.next_state(sa, ha[k]);
        sb = b.dfa.next_state(sb, hb[k]);
        sc = c.dfa.next_state(sc, hc[k]);
        sd = d.dfa.next_state(sd, hd[k]);
        k += 1;
        if a.dfa.is_special_state(sa)
            | b.dfa.is_special_state(sb)
            | c.dfa.is_special_state(sc)
            | d.dfa.is_special_state(sd)
        {
            break;
        }
    }
    for (lane, sid) in [(a, sa), (b, sb), (c, sc), (d, sd)] {
        lane.sid = sid;
        lane.at += k;
    }
}

/// One job in progress.
struct Lane<'a> {
    dfa: &'a Dfa,
    hay: &'a [u8],
    /// The job's place in the output.
    job: usize,
    /// Bytes of `hay` read so far.
    at: usize,
    sid: StateID,
}

impl<'a> Lane<'a> {
    /// The job started; `None` if it is decided before its first byte.
    fn start((dfa, hay): (&'a Dfa, &'a [u8]), job: usize, out: &mut [bool]) -> Option<Self> {
        let Ok(sid) = dfa.start_state_forward(&input(dfa, hay)) else {
            out[job] = searched(dfa, hay);
            return None;
        };
        let mut lane = Lane {
            dfa,
            hay,
            job,
            at: 0,
            sid,
        };
        (!lane.settle(out)).then_some(lane)
    }

    fn left(&self) -> usize {
        self.hay.len() - self.at
    }

    fn ahead(&self, n: usize) -> &'a [u8] {
        &self.hay[self.at..self.at + n]
    }

    /// Writes the answer and returns true when the state or the end of the text
    /// decides it.
    fn settle(&mut self, out: &mut [bool]) -> bool {
        let (dfa, sid) = (self.dfa, self.sid);
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) {
                out[self.job] = true;
                return true;
            }
            if dfa.is_dead_state(sid) {
                return true;
            }
            if dfa.is_quit_state(sid) {
                out[self.job] = searched(dfa, self.hay);
                return true;
            }
        }
        if self.at == self.hay.len() {
            out[self.job] = dfa.is_match_state(dfa.next_eoi_state(sid));
            return true;
        }
        false
    }

    /// Reads the rest alone.
    fn finish(mut self, out: &mut [bool]) {
        loop {
            while self.at < self.hay.len() {
                self.sid = self.dfa.next_state(self.sid, self.hay[self.at]);
                self.at += 1;
                if self.dfa.is_special_state(self.sid) {
                    break;
                }
            }
            if self.settle(out) {
                return;
            }
        }
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
