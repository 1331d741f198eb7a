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

use unicode_segmentation::GraphemeCursor;

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

/// The end of the grapheme cluster starting at `at`. ASCII followed by ASCII is a cluster
/// of its own (the common case, without the segmentation tables); otherwise Unicode's
/// extended grapheme rules decide, so emoji sequences and combining marks stay whole.
fn grapheme_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes[at].is_ascii() && bytes.get(at + 1).is_none_or(|b| b.is_ascii()) && bytes[at] != b'\r'
    {
        return at + 1;
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(end)) if end > at => end,
        // Cannot happen with the whole text as the chunk; step one character to be safe.
        _ => at + text[at..].chars().next().map_or(1, char::len_utf8),
    }
}

/// Tokens covering the whole text, split at every code-point index in `boundaries`.
pub fn tokenize(view: &DocView<'_>, boundaries: &[usize]) -> Vec<Token> {
    let text = view.text;
    // (start, end, class) of tokens before boundary splitting, in code points.
    let mut pieces: Vec<(usize, usize, Class)> = Vec::new();
    let mut byte = 0;
    let mut code_point = 0;
    while byte < text.len() {
        let end = grapheme_end(text, byte);
        let grapheme = &text[byte..end];
        let width = if end == byte + 1 {
            1
        } else {
            grapheme.chars().count()
        };
        let mut kind = class(grapheme);
        if kind == Class::Other && is_joiner(grapheme) {
            let after_word = pieces
                .last()
                .is_some_and(|&(_, last_end, k)| k == Class::Word && last_end == code_point);
            let before_word = text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if after_word && before_word {
                kind = Class::Word;
            }
        }
        match pieces.last_mut() {
            Some(last) if last.2 == kind && kind != Class::Other && last.1 == code_point => {
                last.1 = code_point + width;
            }
            _ => pieces.push((code_point, code_point + width, kind)),
        }
        byte = end;
        code_point += width;
    }

    let mut cuts: Vec<usize> = boundaries.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cut = cuts.iter().peekable();
    let mut tokens = Vec::with_capacity(pieces.len());
    for (start, end, kind) in pieces {
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
            ("e\u{301}t\r\nZ", &[], &["e\u{301}t", "\r\n", "Z"]),
            ("🇫🇷🇩🇪", &[], &["🇫🇷", "🇩🇪"]),
        ];
        for (text, boundaries, expected) in cases {
            let got = words(text, boundaries);
            assert_eq!(&got, expected, "{text:?}");
            assert_eq!(got.concat(), *text, "tokens tile {text:?}");
        }
    }
}
