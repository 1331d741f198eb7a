//! Text primitives shared by every stage: byte spans, offset conversion, markup residue.
//!
//! Stages work in byte offsets on `&str` because that is what `regex` and `aho-corasick`
//! report; [`OffsetMap`] converts to code points (or UTF-16 units) once per document, in a
//! single pass, when the output is built.

use std::sync::OnceLock;

use regex::Regex;

use crate::text_scan::ByteSetScanner;

/// A half-open byte range into a document's text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from its bounds.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The covered text.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Shrinks the span past leading and trailing whitespace and invisible format
    /// characters (a byte-order mark or zero-width space is never part of a span).
    pub fn trim(&self, text: &str) -> Span {
        let slice = self.of(text);
        let start = self.start + (slice.len() - slice.trim_start_matches(is_blank).len());
        let end = self.end - (slice.len() - slice.trim_end_matches(is_blank).len());
        if start >= end {
            Span::new(self.start, self.start)
        } else {
            Span::new(start, end)
        }
    }
}

/// Lines of `text` as spans including their line end, which may be `\n`, `\r\n` or a
/// lone `\r` (old Mac files and some CMS exports use CR alone).
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        if end < bytes.len() {
            end += if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        let line = Span::new(start, end);
        start = end;
        Some(line)
    })
}

/// Whitespace, or an invisible character that no span should begin or end with.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

/// Index of the sentence holding byte `offset`, for sentences ordered by start.
///
/// An offset between two sentences is given to the one before it, so every span gets a
/// sentence even when it starts in whitespace.
pub fn sentence_index(sentences: &[Span], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= offset)
        .saturating_sub(1)
}

/// Converts byte offsets into another unit (code points or UTF-16 code units).
///
/// Built once per document: for a non-ASCII text it counts the units before every block of
/// [`OFFSET_BLOCK`] bytes, so that each offset then costs one table lookup and a count over
/// less than a block, in any order. An ASCII text needs no table (units are bytes).
pub struct OffsetMap<'t> {
    bytes: &'t [u8],
    utf16: bool,
    /// Units before the start of each block; empty for an ASCII text.
    blocks: Vec<usize>,
}

/// Bytes per block of an [`OffsetMap`]: a multiple of the 8-byte words counted at once,
/// small so that a lookup counts at most two words (the table is then half the size of
/// the text, and only for non-ASCII texts).
const OFFSET_BLOCK: usize = 16;

impl<'t> OffsetMap<'t> {
    /// The map of `text`, to code points (`utf16 == false`) or UTF-16 code units.
    pub fn new(text: &'t str, utf16: bool) -> OffsetMap<'t> {
        let bytes = text.as_bytes();
        let mut map = OffsetMap {
            bytes,
            utf16,
            blocks: Vec::new(),
        };
        if !text.is_ascii() {
            map.blocks.reserve(bytes.len() / OFFSET_BLOCK + 1);
            let mut units = 0;
            let mut blocks = bytes.chunks_exact(OFFSET_BLOCK);
            for block in &mut blocks {
                map.blocks.push(units);
                let lanes = block.chunks_exact(8).map(|w| map.lane_units(word(w))).sum();
                units += sum_lanes(lanes);
            }
            // The last, partial block only needs its start: lookups count from there.
            if !blocks.remainder().is_empty() {
                map.blocks.push(units);
            }
        }
        map
    }

    /// The offset of byte `offset`, which must lie on a char boundary, in the map's unit.
    #[inline]
    pub fn convert(&self, offset: usize) -> usize {
        if self.blocks.is_empty() {
            offset
        } else {
            self.convert_non_ascii(offset)
        }
    }

    fn convert_non_ascii(&self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        // The very end of a text whose length is a whole number of blocks counts from the
        // start of the last block.
        let block = (offset / OFFSET_BLOCK).min(self.blocks.len() - 1);
        self.blocks[block] + self.units_between(block * OFFSET_BLOCK, offset)
    }

    /// Converts every byte offset in `offsets`, in the same order.
    pub fn convert_all(&self, offsets: &[usize]) -> Vec<usize> {
        offsets.iter().map(|&offset| self.convert(offset)).collect()
    }

    /// Units in `text[start..end]`, which starts on a char boundary: one per byte that
    /// starts a char (any but `10xxxxxx`), and in UTF-16 one more per 4-byte char
    /// (`11110xxx`), which takes a surrogate pair. Eight bytes at a time; a last partial
    /// word is read whole when the text goes on, and masked to its first lanes.
    fn units_between(&self, start: usize, end: usize) -> usize {
        let bytes = self.bytes;
        let mut lanes = 0u64;
        let mut at = start;
        while at + 8 <= end {
            lanes += self.lane_units(word(&bytes[at..at + 8]));
            at += 8;
        }
        let left = end - at;
        let mut tail = 0;
        if left > 0 && at + 8 <= bytes.len() {
            lanes += self.lane_units(word(&bytes[at..at + 8])) & (u64::MAX >> (64 - 8 * left));
        } else {
            for &b in &bytes[at..end] {
                if b & 0xC0 != 0x80 {
                    tail += if self.utf16 && b >= 0xF0 { 2 } else { 1 };
                }
            }
        }
        sum_lanes(lanes) + tail
    }

    /// The units each byte of `word` adds, one per lane (0, 1 or 2).
    #[inline]
    fn lane_units(&self, word: u64) -> u64 {
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let continuation = word & !(word << 1) & HIGH;
        let mut units = (!continuation & HIGH) >> 7;
        if self.utf16 {
            units += (word & (word << 1) & (word << 2) & (word << 3) & HIGH) >> 7;
        }
        units
    }
}

fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().expect("an 8-byte slice"))
}

/// The sum of the lanes of `lanes`, each below 256 (a block adds at most 2 per lane and
/// word, over a few words).
fn sum_lanes(lanes: u64) -> usize {
    (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Finds lines that are markup residue rather than prose (`class = "cf">`, `<div>`, CSS).
///
/// Only whole lines are considered: markup inside a prose line is left to the reader,
/// because cutting a sentence in two would do more harm than the stray characters.
pub struct NoiseDetector {
    /// The residue pattern for ASCII lines, where `\w`, `\s` and `\d` are ASCII classes:
    /// small to compile, and what almost every line needs.
    ascii_line: Regex,
    /// The same pattern with Unicode classes, compiled (at many times the cost) on the
    /// first non-ASCII line that needs it.
    unicode_line: OnceLock<Regex>,
}

/// Residue left by careless HTML-to-text conversion, one family per alternative: a bare
/// tag, a dangling attribute list, a CSS rule or declaration, runs of character entities.
const MARKUP_LINE: &str = r#"(?x)^(?:
    (?:</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*)+
  | [A-Za-z_:][-\w:.]*\s*=\s*["“”'‘’][^"“”'‘’]*["“”'‘’]\s*(?:[A-Za-z_:][-\w:.]*\s*=\s*["“”'‘’][^"“”'‘’]*["“”'‘’]\s*)*/?>?
  | [.\#@]?[A-Za-z][-\w.\#:\s,>]*\{[^{}]*\}?
  | [-A-Za-z]+\s*:\s*[^;:]{1,80};(?:\s*[-A-Za-z]+\s*:\s*[^;:]{1,80};)*
  | (?:&(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);\s*)+
  | [<>/{}\s]+
)$"#;

/// Bytes one of which every residue line holds: each alternative of [`MARKUP_LINE`] needs
/// `<`, `=`, `{` or a final `;`, the last one `<`, `>`, `{` or `}`. (`&` is not needed: an
/// entity run ends in `;`.)
const MARKUP_BYTES: &[u8] = b"<>={};";

impl Default for NoiseDetector {
    fn default() -> NoiseDetector {
        NoiseDetector::new()
    }
}

impl NoiseDetector {
    /// Compiles the residue patterns.
    pub fn new() -> NoiseDetector {
        NoiseDetector {
            ascii_line: Regex::new(&ascii_only(MARKUP_LINE)).expect("markup pattern is valid"),
            unicode_line: OnceLock::new(),
        }
    }

    /// Spans of the noise lines of `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut noise = Vec::new();
        // Prose has letters; residue is mostly punctuation around a few identifiers, so
        // the scan jumps from markup byte to markup byte and looks only at the lines
        // holding one. `line_start` is always the start of a line.
        let mut markup = ByteSetScanner::new(MARKUP_BYTES, bytes);
        let mut line_start = 0;
        while let Some(hit) = markup.find(line_start) {
            // Lines end at `\n`, `\r\n` or a lone `\r` (see [`lines`]).
            let start = memchr::memrchr2(b'\n', b'\r', &bytes[line_start..hit])
                .map_or(line_start, |p| line_start + p + 1);
            let end = memchr::memchr2(b'\n', b'\r', &bytes[hit..]).map_or(bytes.len(), |p| hit + p);
            let crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
            line_start = (end + 1 + usize::from(crlf)).min(bytes.len());
            let span = Span::new(start, line_start).trim(text);
            let content = span.of(text);
            if !span.is_empty() && content.len() <= 400 && self.is_residue(content) {
                noise.push(span);
            }
        }
        noise
    }

    /// Whether a trimmed line is residue.
    fn is_residue(&self, line: &str) -> bool {
        let may_match = line.ends_with(';')
            || line
                .bytes()
                .any(|b| matches!(b, b'<' | b'>' | b'=' | b'{' | b'}'));
        (may_match && self.pattern_for(line).is_match(line)) || is_markup_dominated(line)
    }

    /// The residue pattern to run on `line`.
    fn pattern_for(&self, line: &str) -> &Regex {
        if line.is_ascii() {
            &self.ascii_line
        } else {
            self.unicode_line
                .get_or_init(|| Regex::new(MARKUP_LINE).expect("markup pattern is valid"))
        }
    }
}

/// `pattern` rewritten to match the same ASCII strings with ASCII classes only: `\w`, `\s`
/// and `\d` become their ASCII members, and each negated class `[^...]` (which holds no
/// `]`) is limited to ASCII. A Unicode negated class compiles to a handful of UTF-8 byte
/// sequences, and under `{1,80}` that multiplies.
fn ascii_only(pattern: &str) -> String {
    let pattern = pattern
        .replace(r"\w", "[0-9A-Za-z_]")
        .replace(r"\s", r"[\t-\r\x20]")
        .replace(r"\d", "[0-9]");
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find("[^") {
        let close = open + rest[open..].find(']').expect("negated class is closed");
        out.push_str(&rest[..open]);
        out.push_str(r"[\x00-\x7F&&");
        out.push_str(&rest[open..=close]);
        out.push(']');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A line that opens and closes with a tag and holds more tag than text, like a leftover
/// link box (`<div class="related"><a href="/x">More on housing</a></div>`). A paragraph
/// wrapped in a tag (`<p>The port reopened.</p>`) is mostly text and is kept.
fn is_markup_dominated(line: &str) -> bool {
    if !(line.starts_with('<') && line.ends_with('>')) {
        return false;
    }
    let (mut tag_bytes, mut text_bytes, mut in_tag) = (0usize, 0usize, false);
    for b in line.bytes() {
        match b {
            b'<' if !in_tag => in_tag = true,
            b'>' if in_tag => in_tag = false,
            _ if in_tag => tag_bytes += 1,
            _ => text_bytes += 1,
        }
        if in_tag && b == b'<' {
            tag_bytes += 1;
        }
    }
    !in_tag && text_bytes <= tag_bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_and_utf16_units() {
        let text = "a€😀b";
        // bytes: a=0, €=1..4, 😀=4..8, b=8..9
        let cps = OffsetMap::new(text, false).convert_all(&[9, 0, 4, 8, 1]);
        assert_eq!(cps, vec![4, 0, 2, 3, 1]);
        let units = OffsetMap::new(text, true).convert_all(&[9, 8]);
        assert_eq!(units, vec![5, 4]);
    }

    #[test]
    fn block_counts_agree_with_counting_chars_at_every_offset() {
        // Long enough for several blocks, with chars of every width across block edges.
        let text = "aé€😀 ".repeat(40) + "x€😀";
        for utf16 in [false, true] {
            let map = OffsetMap::new(&text, utf16);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let prefix = &text[..offset];
                let expected = if utf16 {
                    prefix.encode_utf16().count()
                } else {
                    prefix.chars().count()
                };
                assert_eq!(
                    map.convert(offset),
                    expected,
                    "offset {offset}, utf16 {utf16}"
                );
            }
        }
        // A text of exactly one block ends on the table's edge.
        let text = "é".repeat(OFFSET_BLOCK / 2);
        assert_eq!(
            OffsetMap::new(&text, false).convert(text.len()),
            OFFSET_BLOCK / 2
        );
    }

    #[test]
    fn noise_lines_are_markup_residue_only() {
        let cases: &[(&str, bool)] = &[
            ("class = “cf”>", true),
            ("<div class=\"x\">", true),
            ("</p>", true),
            (
                "<div class=\"related\"><a href=\"/housing\">More on housing</a></div>",
                true,
            ),
            (
                "<p>The port reopened today after nine days of talks.</p>",
                false,
            ),
            ("&nbsp;&nbsp; &amp;", true),
            (".story-body { margin: 0; }", true),
            ("font-size: 12px; color: red;", true),
            ("The minister said the plan = progress.", false),
            ("Profits rose 5% (see table).", false),
            ("Tom & Jerry; a cartoon.", false),
            (
                "He wrote: <b>never</b> again, and left the room quietly after that.",
                false,
            ),
        ];
        for (line, expected) in cases {
            let text = format!("Intro line.\n\n{line}\n\nOutro.");
            let found = NoiseDetector::new().find(&text);
            assert_eq!(
                found.iter().any(|s| s.of(&text) == *line),
                *expected,
                "line {line:?}"
            );
        }
    }

    #[test]
    fn ascii_pattern_and_byte_filter_agree_with_the_unicode_pattern() {
        let detector = NoiseDetector::new();
        let unicode = Regex::new(MARKUP_LINE).unwrap();
        let pieces = [
            "<div class=\"x\">",
            "</p>",
            "<br/>",
            "class = 'cf'>",
            "a_b:c.d=\"1\" e='2' />",
            ".story-body { margin: 0; }",
            "#main, p > a:hover {",
            "font-size: 12px; color: red;",
            "&nbsp;&#160; &#x2F;",
            "&amp",
            "<> {} //",
            "x\u{b}=\u{c}'y'",
            "The plan = progress.",
            "Tom & Jerry; a cartoon",
            "margin:0;",
            "a: b; c",
            "1 < 2",
            "f_1 = \"\"",
        ];
        let mut lines: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                lines.push(format!("{a}{b}"));
                lines.push(format!("{a} {b}"));
            }
        }
        for line in &lines {
            let expected = unicode.is_match(line);
            assert_eq!(detector.ascii_line.is_match(line), expected, "{line:?}");
            if expected {
                assert!(line.bytes().any(|b| MARKUP_BYTES.contains(&b)), "{line:?}");
                let trimmed = Span::new(0, line.len()).trim(line).of(line);
                if trimmed == line {
                    assert!(detector.is_residue(line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_or_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let found: Vec<&str> = lines(text).map(|l| l.of(text)).collect();
        assert_eq!(found, ["a\n", "b\r\n", "c\r", "d"]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn sentence_index_finds_the_holding_sentence() {
        let sentences = [Span::new(0, 5), Span::new(7, 12), Span::new(14, 20)];
        assert_eq!(sentence_index(&sentences, 0), 0);
        assert_eq!(sentence_index(&sentences, 6), 0);
        assert_eq!(sentence_index(&sentences, 7), 1);
        assert_eq!(sentence_index(&sentences, 19), 2);
        assert_eq!(sentence_index(&[], 3), 0);
    }
}
