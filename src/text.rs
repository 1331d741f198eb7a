//! Text primitives shared by every stage: byte spans, offset conversion, markup residue.
//!
//! Stages work in byte offsets on `&str` because that is what `regex` and `aho-corasick`
//! report; [`OffsetMap`] converts to code points (or UTF-16 units) once per document, in a
//! single pass, when the output is built.

use regex::Regex;

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

/// Converts byte offsets into another unit with one forward pass over the text.
///
/// Queries must come in non-decreasing order within a pass; [`OffsetMap::convert_all`]
/// sorts them first, so any set of offsets costs one scan of the text.
pub struct OffsetMap {
    utf16: bool,
}

impl OffsetMap {
    /// Code-point offsets (`utf16 == false`) or UTF-16 code units.
    pub fn new(utf16: bool) -> OffsetMap {
        OffsetMap { utf16 }
    }

    /// Converts every byte offset in `offsets`, which must lie on char boundaries.
    /// Returns the converted values in the same order as given.
    pub fn convert_all(&self, text: &str, offsets: &[usize]) -> Vec<usize> {
        if text.is_ascii() {
            return offsets.to_vec();
        }
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut out = vec![0; offsets.len()];
        let bytes = text.as_bytes();
        let mut byte = 0usize;
        let mut unit = 0usize;
        for i in order {
            let target = offsets[i].min(bytes.len());
            while byte < target {
                let b = bytes[byte];
                // Count one unit per char start; a 4-byte char is two UTF-16 units.
                if b & 0xC0 != 0x80 {
                    unit += if self.utf16 && b >= 0xF0 { 2 } else { 1 };
                }
                byte += 1;
            }
            out[i] = unit;
        }
        out
    }
}

/// Finds lines that are markup residue rather than prose (`class = "cf">`, `<div>`, CSS).
///
/// Only whole lines are considered: markup inside a prose line is left to the reader,
/// because cutting a sentence in two would do more harm than the stray characters.
pub struct NoiseDetector {
    markup_line: Regex,
}

impl Default for NoiseDetector {
    fn default() -> NoiseDetector {
        NoiseDetector::new()
    }
}

impl NoiseDetector {
    /// Compiles the residue patterns.
    pub fn new() -> NoiseDetector {
        // Each alternative is one family of residue left by careless HTML-to-text
        // conversion: a bare tag, a dangling attribute list, a CSS rule or declaration,
        // and runs of character entities.
        let markup_line = Regex::new(
            r#"(?x)^(?:
                (?:</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*)+
              | [A-Za-z_:][-\w:.]*\s*=\s*["“”'‘’][^"“”'‘’]*["“”'‘’]\s*(?:[A-Za-z_:][-\w:.]*\s*=\s*["“”'‘’][^"“”'‘’]*["“”'‘’]\s*)*/?>?
              | [.\#@]?[A-Za-z][-\w.\#:\s,>]*\{[^{}]*\}?
              | [-A-Za-z]+\s*:\s*[^;:]{1,80};(?:\s*[-A-Za-z]+\s*:\s*[^;:]{1,80};)*
              | (?:&(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);\s*)+
              | [<>/{}\s]+
            )$"#,
        )
        .expect("markup pattern is valid");
        NoiseDetector { markup_line }
    }

    /// Spans of the noise lines of `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let pattern = &self.markup_line;
        let mut noise = Vec::new();
        for line in lines(text) {
            let span = line.trim(text);
            if span.is_empty() {
                continue;
            }
            let content = span.of(text);
            // Prose has letters; residue is mostly punctuation around a few identifiers.
            let has_markup_char = content.contains(['<', '>', '{', '}', '=', ';', '&']);
            if has_markup_char && content.len() <= 400 && pattern.is_match(content) {
                noise.push(span);
            }
        }
        noise
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_and_utf16_units() {
        let text = "a€😀b";
        // bytes: a=0, €=1..4, 😀=4..8, b=8..9
        let cps = OffsetMap::new(false).convert_all(text, &[9, 0, 4, 8, 1]);
        assert_eq!(cps, vec![4, 0, 2, 3, 1]);
        let units = OffsetMap::new(true).convert_all(text, &[9, 8]);
        assert_eq!(units, vec![5, 4]);
    }

    #[test]
    fn noise_lines_are_markup_residue_only() {
        let cases: &[(&str, bool)] = &[
            ("class = “cf”>", true),
            ("<div class=\"x\">", true),
            ("</p>", true),
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
