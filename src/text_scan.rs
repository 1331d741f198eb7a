//! Jumping to the next byte of a small set, for scans that care about a few bytes only.
//!
//! The sentence splitter stops at terminators and line ends, the noise finder at markup
//! bytes; everything in between is skipped. A byte-at-a-time loop pays a few instructions
//! for every byte of the text, while `memchr`'s vectorised searches (three needles at a
//! time) skip the stretches between hits for a fraction of that.

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
}
