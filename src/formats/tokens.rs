//! Tokens for the token-based formats (CoNLL, spaCy), cut so that every annotated span
//! starts and ends on a token boundary.
//!
//! claimtag annotates characters, not tokens; CoNLL tags and spaCy's `Doc` need tokens.
//! Words are runs of alphanumeric grapheme clusters (joined across `.`, `,`, `'`, `’` and `-`
//! between two alphanumerics, so `4,000`, `3.5` and `co-operate` stay whole); every other
//! visible grapheme (punctuation, an emoji sequence) is a token of its own; runs of
//! whitespace are kept as whitespace tokens so that the tokens tile the whole text. Tokens
//! are then split at every span boundary, which is what lets a span be written as a token
//! range at all.

use unicode_segmentation::UnicodeSegmentation;

use super::view::{DocView, Range, is_space};

/// One token, as a range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub range: Range,
    /// Whether it is a run of whitespace.
    pub space: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Other,
}

fn class(grapheme: &str) -> Class {
    if grapheme.chars().all(is_space) {
        Class::Space
    } else if grapheme.chars().next().is_some_and(char::is_alphanumeric) {
        Class::Word
    } else {
        Class::Other
    }
}

fn is_joiner(grapheme: &str) -> bool {
    matches!(grapheme, "." | "," | "'" | "\u{2019}" | "-")
}

/// Tokens covering the whole text, split at every code-point index in `boundaries`.
pub fn tokenize(view: &DocView<'_>, boundaries: &[usize]) -> Vec<Token> {
    let text = view.text;
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    // (byte_start, byte_end, class) of tokens before boundary splitting.
    let mut pieces: Vec<(usize, usize, Class)> = Vec::new();
    for (i, &(byte, grapheme)) in graphemes.iter().enumerate() {
        let mut kind = class(grapheme);
        if kind == Class::Other && is_joiner(grapheme) {
            let after_word = pieces
                .last()
                .is_some_and(|&(_, end, k)| k == Class::Word && end == byte);
            let before_word = graphemes
                .get(i + 1)
                .is_some_and(|&(_, next)| class(next) == Class::Word);
            if after_word && before_word {
                kind = Class::Word;
            }
        }
        let end = byte + grapheme.len();
        match pieces.last_mut() {
            Some(last) if last.2 == kind && kind != Class::Other && last.1 == byte => {
                last.1 = end;
            }
            _ => pieces.push((byte, end, kind)),
        }
    }

    let mut cuts: Vec<usize> = boundaries.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cut = cuts.iter().peekable();
    let mut tokens = Vec::with_capacity(pieces.len());
    for (byte_start, byte_end, kind) in pieces {
        let start = view.code_point_of_byte(byte_start);
        let end = view.code_point_of_byte(byte_end);
        let mut from = start;
        while let Some(&&at) = cut.peek() {
            if at >= end {
                break;
            }
            cut.next();
            if at > from {
                tokens.push(Token {
                    range: view.range(from, at),
                    space: kind == Class::Space,
                });
                from = at;
            }
        }
        tokens.push(Token {
            range: view.range(from, end),
            space: kind == Class::Space,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OffsetUnit;

    fn words(text: &str, boundaries: &[usize]) -> Vec<String> {
        let view = DocView::new(text, OffsetUnit::Codepoint);
        tokenize(&view, boundaries)
            .iter()
            .map(|t| view.slice(t.range).to_string())
            .collect()
    }

    #[test]
    fn tokens_tile_the_text_and_split_where_expected() {
        let cases: &[(&str, &[usize], &[&str])] = &[
            ("Hello, world.", &[], &["Hello", ",", " ", "world", "."]),
            (
                "about 4,000 co-op",
                &[],
                &["about", " ", "4,000", " ", "co-op"],
            ),
            ("\"We\" said", &[], &["\"", "We", "\"", " ", "said"]),
            ("a\n\nb", &[], &["a", "\n\n", "b"]),
            ("Kelly's", &[], &["Kelly's"]),
            ("Kelly's", &[5], &["Kelly", "'s"]),
            ("ab😀cd", &[], &["ab", "😀", "cd"]),
            ("👨‍👩‍👧 ok", &[], &["👨‍👩‍👧", " ", "ok"]),
            ("end.", &[], &["end", "."]),
            ("", &[], &[]),
            ("x", &[0, 1, 7], &["x"]),
        ];
        for (text, boundaries, expected) in cases {
            let got = words(text, boundaries);
            assert_eq!(&got, expected, "{text:?}");
            assert_eq!(got.concat(), *text, "tokens tile {text:?}");
        }
    }
}
