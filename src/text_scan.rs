//! Jumping to the next byte of a small set, for scans that care about a few bytes only.
//!
//! The sentence splitter stops at terminators and line ends, the noise finder at markup
//! bytes; everything in between is skipped. A byte-at-a-time loop pays a few instructions
//! for every byte of the text, while `memchr`'s vectorised searches (three needles at a
//! time) skip the stretches between hits for a fraction of that.
//!
//! The JSONL reader and the JSON writer ask the same of JSON strings: where the next byte
//! is that a string cannot hold as it is ([`next_escape`]).

/// Finds, from ever later positions, the next byte of `haystack` that is one of up to nine
/// needle bytes.
///
/// The needles are searched in groups of three; each group remembers its next hit, so a
/// group whose bytes are rare is searched once for a long stretch instead of once per call.
/// Positions should grow from call to call (a smaller one is allowed but searches again).
pub struct ByteSetScanner<'h> {
    haystack: &'h [u8],
    groups: [Group; 3],
    count: usize,
}

/// One `memchr`-able group of needles and what is known of its next hit.
#[derive(Clone, Copy, Default)]
struct Group {
    needles: [u8; 3],
    len: usize,
    /// The hit below holds for searches from positions `from..=next`.
    from: usize,
    /// First hit at or after `from`, or the haystack's length when there is none.
    next: usize,
}

impl Group {
    fn search(&self, haystack: &[u8], pos: usize) -> usize {
        let rest = &haystack[pos..];
        let [a, b, c] = self.needles;
        let hit = match self.len {
            1 => memchr::memchr(a, rest),
            2 => memchr::memchr2(a, b, rest),
            _ => memchr::memchr3(a, b, c, rest),
        };
        hit.map_or(haystack.len(), |p| pos + p)
    }
}

impl<'h> ByteSetScanner<'h> {
    /// A scanner for `needles` (at most nine bytes) over `haystack`.
    pub fn new(needles: &[u8], haystack: &'h [u8]) -> ByteSetScanner<'h> {
        assert!(needles.len() <= 9, "at most nine needle bytes");
        let mut groups = [Group::default(); 3];
        let mut count = 0;
        for chunk in needles.chunks(3) {
            let group = &mut groups[count];
            group.needles = [chunk[0]; 3];
            group.needles[..chunk.len()].copy_from_slice(chunk);
            group.len = chunk.len();
            // Nothing searched yet: `from > next` forces the first search.
            group.from = 1;
            group.next = 0;
            count += 1;
        }
        ByteSetScanner {
            haystack,
            groups,
            count,
        }
    }

    /// The first position at or after `pos` holding a needle byte.
    pub fn find(&mut self, pos: usize) -> Option<usize> {
        if pos >= self.haystack.len() {
            return None;
        }
        let mut best = self.haystack.len();
        for group in &mut self.groups[..self.count] {
            if pos < group.from || pos > group.next {
                group.next = group.search(self.haystack, pos);
                group.from = pos;
            }
            best = best.min(group.next);
        }
        (best < self.haystack.len()).then_some(best)
    }
}

// The next byte a JSON string cannot hold as it is. The JSONL reader (`io::flat`) and the
// JSON writer (`formats::json`) both scan for it; it lives here, below both, so that
// neither imports the other.

/// Bytes with every lane set to `byte`.
const fn lanes(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// High bit of every byte lane of `word` that is zero. Lanes above a zero lane may be
/// flagged spuriously (the borrow of the subtraction), never lanes below it.
const fn zero_lanes(word: u64) -> u64 {
    word.wrapping_sub(lanes(1)) & !word & lanes(0x80)
}

/// A mask whose lowest set bit is the high bit of the first byte of `chunk` (little-endian
/// order) that JSON must escape: a control byte, `"` or `\`. Bits above the first match may
/// be spurious, so only the lowest one is meaningful; zero means the chunk needs no escape.
#[inline]
pub fn escape_mask(chunk: u64) -> u64 {
    let below_space = chunk.wrapping_sub(lanes(0x20)) & !chunk & lanes(0x80);
    below_space | zero_lanes(chunk ^ lanes(b'"')) | zero_lanes(chunk ^ lanes(b'\\'))
}

/// Position of the first byte of `bytes` at or after `from` that needs escaping: in a JSON
/// string, also the first byte that ends a run of plain text (quote, backslash, or a
/// control byte, which is an error there).
#[inline]
pub fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("an 8-byte slice"));
    // Sixteen bytes a round: the two masks are tested at once, and a match in the first
    // word comes before any in the second (spurious lanes never cross words).
    let mut pairs = bytes[from..].chunks_exact(16);
    let mut at = from;
    for pair in &mut pairs {
        let (low, high) = (escape_mask(word(&pair[..8])), escape_mask(word(&pair[8..])));
        if low | high != 0 {
            let lane = if low != 0 {
                low.trailing_zeros() / 8
            } else {
                8 + high.trailing_zeros() / 8
            };
            return Some(at + lane as usize);
        }
        at += 16;
    }
    if let Some(chunk) = bytes.get(at..at + 8) {
        let mask = escape_mask(word(chunk));
        if mask != 0 {
            return Some(at + (mask.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain loop the scanner replaces.
    fn naive(needles: &[u8], haystack: &[u8], pos: usize) -> Option<usize> {
        (pos..haystack.len()).find(|&i| needles.contains(&haystack[i]))
    }

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let haystack = b"The cat. Sat? On <the> mat!\nx = {y};\r\nend & more";
        for needles in [&b"."[..], b".?", b".?!", b".?!\n\r:", b"<>={};&", b"zq#"] {
            let mut scanner = ByteSetScanner::new(needles, haystack);
            // Forward, stepping past each hit, as the scans do.
            let mut pos = 0;
            while let Some(hit) = scanner.find(pos) {
                assert_eq!(Some(hit), naive(needles, haystack, pos));
                pos = hit + 1;
            }
            assert_eq!(naive(needles, haystack, pos), None);
            // Jumps forward and back.
            for pos in [30, 3, 0, 45, 12, 100] {
                assert_eq!(scanner.find(pos), naive(needles, haystack, pos), "{pos}");
            }
        }
    }

    #[test]
    fn the_first_escape_is_found_past_spurious_lanes() {
        // A quote followed by bytes whose borrows could flag later lanes: only the first
        // match counts, and every later one is found in turn.
        let text = "ab\"\u{1}\"\\\u{1f}!x y\"zz\n";
        let bytes = text.as_bytes();
        let naive: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i] < 0x20 || bytes[i] == b'"' || bytes[i] == b'\\')
            .collect();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = next_escape(bytes, from) {
            found.push(at);
            from = at + 1;
        }
        assert_eq!(found, naive);
    }
}
