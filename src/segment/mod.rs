//! Sentence segmentation.
//!
//! Blank lines and noise lines are hard boundaries (headlines, datelines and list items
//! stand alone); inside a block, a sentence ends at `.`, `!`, `?` or an ellipsis together
//! with the closing quotes and brackets that follow, unless what comes next shows the
//! sentence goes on (a lower-case word, an abbreviation, an initial, a number).

use std::collections::HashSet;

use crate::Error;
use crate::lexicon::Lexicons;
use crate::text::Span;

/// Splits text into sentences; built once from the abbreviation list.
pub struct Segmenter {
    /// Abbreviations, lower-cased, without the final period.
    abbreviations: HashSet<String>,
}

const CLOSING: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}'];

impl Segmenter {
    /// A segmenter using the `abbreviations` list.
    pub fn new(lexicons: &Lexicons) -> Result<Segmenter, Error> {
        let abbreviations = lexicons
            .list("abbreviations")
            .iter()
            .map(|a| a.trim_end_matches('.').to_lowercase())
            .collect();
        Ok(Segmenter { abbreviations })
    }

    /// Sentence spans of `text`, ordered, trimmed, skipping the `noise` lines.
    pub fn split(&self, text: &str, noise: &[Span]) -> Vec<Span> {
        let mut sentences = Vec::new();
        for block in blocks(text, noise) {
            self.split_block(text, block, &mut sentences);
        }
        sentences
    }

    fn split_block(&self, text: &str, block: Span, out: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        let mut start = block.start;
        let mut i = block.start;
        while i < block.end {
            let c = text[i..].chars().next().unwrap_or(' ');
            let is_terminal = matches!(c, '.' | '!' | '?' | '…');
            if !is_terminal {
                i += c.len_utf8();
                continue;
            }
            let term_start = i;
            // A run of terminators (`?!`, `...`) and the closing marks after it.
            let mut j = i;
            while j < block.end {
                let d = text[j..].chars().next().unwrap_or(' ');
                if matches!(d, '.' | '!' | '?' | '…') || CLOSING.contains(&d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let end = j;
            if end < block.end && !bytes[end].is_ascii_whitespace() {
                i = end.max(i + 1);
                continue;
            }
            let next = skip_space(text, end, block.end);
            if next >= block.end {
                break;
            }
            if self.continues_after(text, start, term_start, end, next) {
                i = end;
                continue;
            }
            let sentence = Span::new(start, end).trim(text);
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = next;
            i = next;
        }
        let last = Span::new(start, block.end).trim(text);
        if !last.is_empty() {
            out.push(last);
        }
    }

    /// Decides whether the sentence goes on past the terminator at `term_start`.
    fn continues_after(
        &self,
        text: &str,
        sentence_start: usize,
        term_start: usize,
        end: usize,
        next: usize,
    ) -> bool {
        let next_char = text[next..].chars().next().unwrap_or(' ');
        if next_char.is_lowercase() {
            return true;
        }
        let terminator = &text[term_start..end];
        if !terminator.starts_with('.') || terminator.starts_with("..") {
            return false;
        }
        let word = word_before(text, sentence_start, term_start);
        if word.is_empty() {
            return false;
        }
        let bare = word.trim_start_matches(['(', '"', '“', '‘', '\'', '[']);
        // A single capital letter before the period is an initial.
        let mut chars = bare.chars();
        if let (Some(first), None) = (chars.next(), chars.next())
            && first.is_uppercase()
        {
            return true;
        }
        let lower = bare.to_lowercase();
        if self.abbreviations.contains(&lower) {
            // Dotted acronyms may end a sentence; a following function word says so.
            if lower.contains('.') && starts_sentence_word(&text[next..]) {
                return false;
            }
            return true;
        }
        false
    }
}

/// Whether `rest` opens with a word that usually starts a sentence.
fn starts_sentence_word(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        word.as_str(),
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "In"
            | "But"
            | "This"
            | "That"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "On"
            | "At"
            | "After"
            | "As"
            | "When"
            | "If"
            | "Some"
            | "Many"
            | "Officials"
            | "However"
    )
}

/// The whitespace-delimited word that ends at `end` (the terminator's position).
fn word_before(text: &str, floor: usize, end: usize) -> &str {
    let head = &text[floor..end];
    let start = head.rfind(char::is_whitespace).map_or(floor, |p| {
        floor + p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    &text[start..end]
}

fn skip_space(text: &str, from: usize, limit: usize) -> usize {
    let mut i = from;
    for c in text[from..limit].chars() {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Blocks of text between blank lines and noise lines.
fn blocks(text: &str, noise: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block_start = 0;
    let mut noise_iter = noise.iter().peekable();
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let span = Span::new(s, e).trim(text);
        if !span.is_empty() {
            out.push(span);
        }
    };
    for line_span in crate::text::lines(text) {
        let line = line_span.of(text);
        while noise_iter.peek().is_some_and(|n| n.end <= line_span.start) {
            noise_iter.next();
        }
        let is_noise = noise_iter.peek().is_some_and(|n| line_span.contains(n));
        if line.trim().is_empty() || is_noise {
            push(&mut out, block_start, line_span.start);
            block_start = line_span.end;
        }
    }
    push(&mut out, block_start, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let segmenter = Segmenter::new(&Lexicons::built_in()).unwrap();
        let noise = crate::text::NoiseDetector::new().find(text);
        segmenter
            .split(text, &noise)
            .iter()
            .map(|s| s.of(text).to_string())
            .collect()
    }

    #[test]
    fn splits_by_rule_family() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
            ),
            ("What is it? It is here!", &["What is it?", "It is here!"]),
            (
                "Dr. Amal Haddad spoke. She left.",
                &["Dr. Amal Haddad spoke.", "She left."],
            ),
            ("Paul J. Adeyemi said so.", &["Paul J. Adeyemi said so."]),
            (
                "It cost $2.7 billion. Then more.",
                &["It cost $2.7 billion.", "Then more."],
            ),
            (
                "\"We won,\" he said. \"Good.\"",
                &["\"We won,\" he said.", "\"Good.\""],
            ),
            ("\"Did we win?\" he asked.", &["\"Did we win?\" he asked."]),
            ("“We won.” Then we left.", &["“We won.”", "Then we left."]),
            (
                "It was in Washington, D.C. The event ended.",
                &["It was in Washington, D.C.", "The event ended."],
            ),
            (
                "Headline Without Stop\n\nBody text here.",
                &["Headline Without Stop", "Body text here."],
            ),
            ("Before.\n\nclass = “cf”>\n\nAfter.", &["Before.", "After."]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "text {text:?}");
        }
    }
}
