//! A small, fast, non-cryptographic hasher for the word maps of the entity stage.
//!
//! The scanners look up nearly every capitalised word and many short lower-case words;
//! the standard library's SipHash is built to resist collision attacks and costs several
//! times more per short key. Keys here are fixed word lists compiled into the binary or
//! given by the user, not attacker-chosen input, so a multiply-rotate hash (the `FxHash`
//! scheme used inside rustc) is enough. Written here to avoid a dependency for 30 lines.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Multiply-rotate hasher over 8-byte chunks.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Up to seven bytes as a little-endian integer, read in at most three loads: copying
/// them into a buffer costs a `memcpy` call per key.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        // Two overlapping four-byte reads cover five to seven bytes.
        let lo = u64::from(u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]));
        let hi = u64::from(u32::from_le_bytes([
            rest[n - 4],
            rest[n - 3],
            rest[n - 2],
            rest[n - 1],
        ]));
        lo | hi << (8 * (n - 4))
    } else {
        // One to three bytes: first, middle and last (some may coincide).
        let a = u64::from(rest[0]);
        let b = u64::from(rest[n / 2]);
        let c = u64::from(rest[n - 1]);
        a | b << (8 * (n / 2)) | c << (8 * (n - 1))
    }
}

/// A hash map keyed by words, with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set of words, with [`FxHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_read_every_byte_in_place() {
        let bytes = [1u8, 2, 3, 4, 5, 6, 7];
        for n in 1..=7 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail(&bytes[..n]), u64::from_le_bytes(buf), "{n}");
        }
    }
}
