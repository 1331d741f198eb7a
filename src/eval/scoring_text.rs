//! The text operations the metrics need, in code points and with Python's character
//! classes, so that the figures equal those of `score.py` on any text.
//!
//! `score.py` trims sentence ends with `str.isspace`, strips role spans with a fixed set of
//! punctuation, and tokenises content with the Unicode `\w+` of Python's `re`. Each is
//! reproduced here once per document: the characters are indexed once and the word runs
//! are found in one regex pass, so token F1 on a span is a binary search, not a rescan.

use std::sync::OnceLock;

use regex::Regex;

use super::document::ItemSpan;

/// Characters stripped from both ends of a role span before the `exact.*` comparison:
/// space, quote marks, sentence punctuation, brackets and dashes (`score.py`'s `STRIP`).
pub const STRIP: &str = " \t\r\n\"'“”‘’«».,;:!?()[]—–-";

/// Python's `\w` for `str` patterns: letters, characters with a numeric value, `_`.
/// (Rust's `\w` also takes combining marks and connector punctuation, Python's does not.)
fn word_runs_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("word pattern compiles"))
}

/// Python's `str.isspace`: Unicode white space plus the four information separators.
pub fn python_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// One document's text, indexed by code point.
#[derive(Clone, Debug, Default)]
pub struct ScoringText {
    chars: Vec<char>,
    /// Maximal runs of word characters, in code points, in text order.
    word_runs: Vec<(i64, i64)>,
}

impl ScoringText {
    /// Indexes a text: one pass over its characters, one regex pass for word runs.
    pub fn new(text: &str) -> ScoringText {
        let chars: Vec<char> = text.chars().collect();
        let mut word_runs = Vec::new();
        // Walk forward once, counting code points up to each match.
        let mut byte_at = 0usize;
        let mut char_at = 0i64;
        for m in word_runs_regex().find_iter(text) {
            char_at += text[byte_at..m.start()].chars().count() as i64;
            let start = char_at;
            char_at += m.as_str().chars().count() as i64;
            byte_at = m.end();
            word_runs.push((start, char_at));
        }
        ScoringText { chars, word_runs }
    }

    /// Length in code points.
    pub fn len(&self) -> i64 {
        self.chars.len() as i64
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The character at a code-point offset, if the offset is inside the text.
    pub fn char_at(&self, index: i64) -> Option<char> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.chars.get(i).copied())
    }

    /// The text of a span, clamped to the text (empty when the span is empty or outside).
    pub fn slice(&self, span: ItemSpan) -> String {
        let (start, end) = self.clamp(span);
        self.chars[start..end].iter().collect()
    }

    fn clamp(&self, span: ItemSpan) -> (usize, usize) {
        let len = self.chars.len() as i64;
        let start = span.start.clamp(0, len);
        let end = span.end.clamp(start, len);
        (start as usize, end as usize)
    }

    /// Moves `end` left past white space, not beyond `start` (`score.py`'s `trim_end`).
    pub fn trim_end(&self, start: i64, mut end: i64) -> i64 {
        while end > start && self.char_at(end - 1).is_some_and(python_isspace) {
            end -= 1;
        }
        end
    }

    /// Strips [`STRIP`] characters from both ends of a span (`score.py`'s `norm_span`).
    pub fn strip_punctuation(&self, span: ItemSpan) -> ItemSpan {
        let stripped = |index: i64| self.char_at(index).is_some_and(|c| STRIP.contains(c));
        let (mut start, mut end) = (span.start, span.end);
        while start < end && stripped(start) {
            start += 1;
        }
        while end > start && stripped(end - 1) {
            end -= 1;
        }
        ItemSpan::new(start, end)
    }

    /// The `\w+` tokens inside a span, as spans in text order: the word runs that overlap
    /// it, cut at its ends (exactly what matching `\w+` on the slice finds).
    pub fn tokens(&self, span: Option<ItemSpan>) -> Vec<(i64, i64)> {
        let Some(span) = span else {
            return Vec::new();
        };
        let (start, end) = self.clamp(span);
        let (start, end) = (start as i64, end as i64);
        if start >= end {
            return Vec::new();
        }
        let first = self
            .word_runs
            .partition_point(|&(_, run_end)| run_end <= start);
        self.word_runs[first..]
            .iter()
            .take_while(|&&(run_start, _)| run_start < end)
            .map(|&(run_start, run_end)| (run_start.max(start), run_end.min(end)))
            .collect()
    }

    /// Token F1 between a gold and a predicted span (`score.py`'s `tok_f1`): 1 when both
    /// have no tokens, 0 when they share none.
    pub fn token_f1(&self, gold: Option<ItemSpan>, pred: Option<ItemSpan>) -> f64 {
        let gold_tokens = self.tokens(gold);
        let pred_tokens = self.tokens(pred);
        if gold_tokens.is_empty() && pred_tokens.is_empty() {
            return 1.0;
        }
        let shared = count_shared(&gold_tokens, &pred_tokens);
        if shared == 0 {
            return 0.0;
        }
        let shared = shared as f64;
        let precision = shared / pred_tokens.len() as f64;
        let recall = shared / gold_tokens.len() as f64;
        2.0 * precision * recall / (precision + recall)
    }
}

/// Size of the intersection of two sorted lists of distinct tokens.
fn count_shared(a: &[(i64, i64)], b: &[(i64, i64)]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}
