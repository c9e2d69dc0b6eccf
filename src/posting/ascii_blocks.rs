//! The classes of the bytes of ASCII text, 64 bytes at a time, one bit per byte.
//!
//! Scans for the starts of words test every byte and branch at every word boundary,
//! where the branch predictor fails; counted or visited from masks, the classes of 64
//! bytes cost a few instructions and only the bits that matter are visited. On
//! x86_64, a full block is classified with SSE2 compares, 16 bytes at a time (SSE2 is
//! part of every x86_64 target), a short last block padded; elsewhere, a byte at a
//! time.

pub const BLOCK: usize = 64;

/// Bit `j` of each mask says whether byte `j` of a block is of the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classes {
    /// `A`-`Z`, `a`-`z`.
    pub letters: u64,
    /// `0`-`9`.
    pub digits: u64,
    /// ASCII white space as `split_whitespace` has it: tab to carriage return, space.
    pub spaces: u64,
    /// Apostrophes and hyphens, which words may hold.
    pub marks: u64,
}

/// The classes of the bytes of `block` (64 bytes at most).
pub fn classes(block: &[u8]) -> Classes {
    #[cfg(target_arch = "x86_64")]
    {
        if let Ok(full) = <&[u8; BLOCK]>::try_from(block) {
            return sse2::classes(full);
        }
        // A short block padded with NUL, which is of no class: most texts of a
        // posting are shorter than a block.
        let mut padded = [0; BLOCK];
        let n = block.len().min(BLOCK);
        padded[..n].copy_from_slice(&block[..n]);
        sse2::classes(&padded)
    }
    #[cfg(not(target_arch = "x86_64"))]
    bytewise(block)
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the tests compare with it
fn bytewise(block: &[u8]) -> Classes {
    let mut c = Classes {
        letters: 0,
        digits: 0,
        spaces: 0,
        marks: 0,
    };
    for (j, &b) in block.iter().enumerate() {
        c.letters |= u64::from(b.is_ascii_alphabetic()) << j;
        c.digits |= u64::from(b.is_ascii_digit()) << j;
        c.spaces |= u64::from(matches!(b, b'\t'..=b'\r' | b' ')) << j;
        c.marks |= u64::from(matches!(b, b'\'' | b'-')) << j;
    }
    c
}

/// Sets every bit of `seeds` that lies in a run of set bits of `runs`, and every bit
/// after it to the end of that run: "a seed since the run began".
pub fn spread(seeds: u64, runs: u64) -> u64 {
    let (mut spread, mut runs) = (seeds & runs, runs);
    for shift in [1, 2, 4, 8, 16, 32] {
        spread |= (spread << shift) & runs;
        runs &= runs << shift;
    }
    spread
}

/// The positions of the set bits of `mask`, lowest first, plus `offset`.
pub fn positions(mut mask: u64, offset: usize) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            offset + j
        })
    })
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::{Classes, BLOCK};

    pub fn classes(block: &[u8; BLOCK]) -> Classes {
        let mut c = Classes {
            letters: 0,
            digits: 0,
            spaces: 0,
            marks: 0,
        };
        for (k, part) in block.chunks_exact(16).enumerate() {
            // SAFETY: SSE2 is enabled on every x86_64 target; the load reads the 16
            // bytes of `part`, unaligned.
            let [letters, digits, spaces, marks] = unsafe {
                let v = _mm_loadu_si128(part.as_ptr().cast());
                // A range of bytes moved to the bottom of the signed range: one signed
                // compare then tells whether a byte is in it.
                let in_range = |v: __m128i, low: u8, high: u8| {
                    let moved = _mm_add_epi8(v, _mm_set1_epi8(128u8.wrapping_sub(low) as i8));
                    let bound = (i16::from(i8::MIN) + i16::from(high - low) + 1) as i8;
                    _mm_movemask_epi8(_mm_cmplt_epi8(moved, _mm_set1_epi8(bound)))
                };
                let eq = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
                [
                    in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z'),
                    in_range(v, b'0', b'9'),
                    in_range(v, b'\t', b'\r') | _mm_movemask_epi8(eq(b' ')),
                    _mm_movemask_epi8(_mm_or_si128(eq(b'\''), eq(b'-'))),
                ]
            };
            let at = 16 * k;
            c.letters |= u64::from(letters as u16) << at;
            c.digits |= u64::from(digits as u16) << at;
            c.spaces |= u64::from(spaces as u16) << at;
            c.marks |= u64::from(marks as u16) << at;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_every_byte_in_every_place() {
        let bytes: Vec<u8> = (0..=255u8)
            .chain(b"Ab'-zZ09 \t\r@[`{/".iter().copied())
            .collect();
        let mut blocks: Vec<&[u8]> = bytes.windows(BLOCK).collect();
        blocks.extend([&b""[..], b"you'll", &bytes[..63]]);
        for block in blocks {
            let c = classes(block);
            assert_eq!(c, bytewise(block));
            for (j, &b) in block.iter().enumerate() {
                let bit = |m: u64| m >> j & 1 == 1;
                assert_eq!(bit(c.letters), b.is_ascii_alphabetic(), "{b}");
                assert_eq!(bit(c.digits), b.is_ascii_digit(), "{b}");
                assert_eq!(
                    bit(c.spaces),
                    (b as char).is_ascii_whitespace() || b == 0x0b,
                    "{b}"
                );
                assert_eq!(bit(c.marks), b == b'\'' || b == b'-', "{b}");
            }
        }
    }

    #[test]
    fn spread_fills_each_run_from_its_first_seed() {
        let runs = 0b0111_1101_1110u64;
        assert_eq!(spread(0b0000_0100_0100, runs), 0b0111_1101_1100);
        assert_eq!(spread(1 << 2, u64::MAX), !0b11);
        assert_eq!(spread(0, runs), 0);
    }

    #[test]
    fn positions_are_the_set_bits() {
        assert_eq!(positions(0b1010_0001, 64).collect::<Vec<_>>(), [64, 69, 71]);
        assert_eq!(positions(1 << 63, 0).collect::<Vec<_>>(), [63]);
        assert_eq!(positions(0, 0).count(), 0);
    }
}
