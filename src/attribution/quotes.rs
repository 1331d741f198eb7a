//! Quotation pairing: which quote marks open and close which quotation.
//!
//! News text mixes straight, curly, single and guillemet marks, and careless conversion
//! leaves marks missing, turned the wrong way, or stray. Each mark is read by the characters
//! beside it first (a mark after a space and before a word opens, a mark after a word and
//! before a space or punctuation closes) and by its glyph only when its sides do not decide.
//! An opening mark met while a quotation is open means the closing mark went missing: the
//! open quotation ends there and a new one starts. A quotation still open at the end of a
//! paragraph runs to the paragraph's end, which is how news writes a quotation spanning
//! several paragraphs; the next paragraph reopens it with a new opening mark.

use crate::text::Span;
use crate::tokens::Vocabulary;

use super::words::class;

/// One quotation, in byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quotation {
    /// The quoted words, without the marks, trimmed of space.
    pub inner: Span,
    /// The quoted words with their marks (the opening mark may be missing).
    pub outer: Span,
    /// True when no closing mark was found before the paragraph ended.
    pub runs_on: bool,
    /// True when the opening mark was missing (a stray closing mark ended it).
    pub opened_by_paragraph: bool,
    /// True when the quotation follows `titled`, `headlined`, ...: a title, not speech.
    pub title: bool,
}

/// What a mark is, by its glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Glyph {
    /// `"`: no hint.
    Straight,
    /// `“ « „`: usually opens.
    Opening,
    /// `” »`: usually closes.
    Closing,
}

/// Stands in the mark list for two apostrophes `''` used as a double mark (a typewriter
/// convention some archives keep).
pub(crate) const DOUBLED_APOSTROPHE: char = '″';
/// Stands in the mark list for two backticks used as an opening double mark.
pub(crate) const DOUBLED_BACKTICK: char = '‶';

/// A double mark's glyph, or None for other characters.
pub(crate) fn double_glyph(c: char) -> Option<Glyph> {
    match c {
        '"' | DOUBLED_APOSTROPHE => Some(Glyph::Straight),
        '“' | '«' | '„' | DOUBLED_BACKTICK => Some(Glyph::Opening),
        '”' | '»' => Some(Glyph::Closing),
        _ => None,
    }
}

/// The length in bytes of the mark at `pos` (two for doubled apostrophes and backticks).
pub(crate) fn mark_len(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    if rest.starts_with("''") || rest.starts_with("``") {
        2
    } else {
        rest.chars().next().map_or(1, char::len_utf8)
    }
}

/// Pairs the marks found at `marks` (byte offset and character, in order, newlines
/// included) into quotations, ordered by start.
pub(crate) fn pair(text: &str, marks: &[(usize, char)], vocabulary: &Vocabulary) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut paragraph_start = 0usize;
    let mut open: Option<(usize, bool)> = None; // (mark offset, opened by paragraph)
    let mut single_open: Option<usize> = None;
    for &(pos, c) in marks {
        if c == '\n' {
            if let Some((start, by_paragraph)) = open.take() {
                push(text, vocabulary, &mut out, start, by_paragraph, pos, false);
            }
            single_open = None;
            paragraph_start = pos + 1;
            continue;
        }
        let prev = text[..pos].chars().next_back();
        let next = text[pos + mark_len(text, pos)..].chars().next();
        let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        let space_after = next.is_none_or(char::is_whitespace);
        let punct_after = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-…".contains(n));
        let Some(glyph) = double_glyph(c) else {
            // Single marks: an apostrophe between letters is no quote; single quotations
            // are paired only outside double ones, to keep them from stealing marks.
            let word_before = prev.is_some_and(char::is_alphanumeric);
            let word_after = next.is_some_and(char::is_alphanumeric);
            if word_before && word_after || open.is_some() {
                continue;
            }
            let opens = c != '’' && space_before && !space_after;
            let closes = c != '‘' && !space_before && punct_after;
            if let Some(start) = single_open {
                if closes {
                    single_open = None;
                    let title = is_title(text, vocabulary, paragraph_start, start);
                    let inner = Span::new(start + mark_len(text, start), pos).trim(text);
                    if !inner.is_empty() {
                        out.push(Quotation {
                            inner,
                            outer: Span::new(start, pos + mark_len(text, pos)),
                            runs_on: false,
                            opened_by_paragraph: false,
                            title,
                        });
                    }
                }
            } else if opens {
                single_open = Some(pos);
            }
            continue;
        };
        let opens_by_sides = space_before && !space_after;
        let closes_by_sides = !space_before && punct_after;
        let opens = match (opens_by_sides, closes_by_sides) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => match glyph {
                // Undecided sides: a mark closes an open quotation, else the glyph says.
                _ if open.is_some() => Some(false),
                Glyph::Opening => Some(true),
                Glyph::Closing => None,
                Glyph::Straight => Some(true),
            },
        };
        match (open, opens) {
            (None, Some(true)) => {
                open = Some((pos, false));
                single_open = None;
            }
            (None, _) => {
                // A stray closing mark: the quotation began at the paragraph's start when
                // nothing else in the paragraph was quoted.
                let already_quoted = out
                    .last()
                    .is_some_and(|q: &Quotation| q.outer.end > paragraph_start);
                if !already_quoted {
                    push(text, vocabulary, &mut out, paragraph_start, true, pos, true);
                }
            }
            (Some((start, by_paragraph)), Some(false)) => {
                push(text, vocabulary, &mut out, start, by_paragraph, pos, true);
                open = None;
                single_open = None;
            }
            (Some((start, by_paragraph)), _) => {
                // An opening mark inside an open quotation: the closing mark went missing.
                push(text, vocabulary, &mut out, start, by_paragraph, pos, false);
                open = Some((pos, false));
                single_open = None;
            }
        }
    }
    if let Some((start, by_paragraph)) = open {
        push(
            text,
            vocabulary,
            &mut out,
            start,
            by_paragraph,
            text.len(),
            false,
        );
    }
    out.sort_by_key(|q| q.outer.start);
    out
}

/// Records a quotation from the mark at `start` (or the paragraph start when
/// `by_paragraph`) to `end`, where `closed` tells whether a closing mark sits at `end`.
fn push(
    text: &str,
    vocabulary: &Vocabulary,
    out: &mut Vec<Quotation>,
    start: usize,
    by_paragraph: bool,
    end: usize,
    closed: bool,
) {
    let inner_start = if by_paragraph {
        start
    } else {
        start + mark_len(text, start)
    };
    if inner_start > end {
        return;
    }
    let inner = Span::new(inner_start, end).trim(text);
    if inner.is_empty() {
        return;
    }
    let outer_end = if closed {
        end + mark_len(text, end)
    } else {
        inner.end
    };
    let paragraph_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    out.push(Quotation {
        inner,
        outer: Span::new(if by_paragraph { inner.start } else { start }, outer_end),
        runs_on: !closed,
        opened_by_paragraph: by_paragraph,
        title: !by_paragraph && is_title(text, vocabulary, paragraph_start, start),
    });
}

/// Whether the word before the mark at `mark` makes the quotation a title.
fn is_title(text: &str, vocabulary: &Vocabulary, floor: usize, mark: usize) -> bool {
    let before = text[floor..mark].trim_end();
    let word_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    vocabulary.get(word).classes & class::TITLE_WORDS != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    /// The vocabulary with the frames' word classes, as the extractor builds it.
    fn vocabulary() -> Vocabulary {
        let mut vocabulary = Vocabulary::new();
        crate::attribution::words::add_classes(&mut vocabulary, &Lexicons::built_in(), &[]);
        vocabulary
    }

    fn quotes(text: &str) -> Vec<(String, bool)> {
        pair(
            text,
            &crate::attribution::cues::marks_of(text),
            &vocabulary(),
        )
        .iter()
        .map(|q| (q.inner.of(text).to_string(), q.runs_on))
        .collect()
    }

    #[test]
    fn quotations_pair_by_rule_family() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            // straight, curly, guillemets
            ("\"We won,\" he said.", &[("We won,", false)]),
            ("“We won,” he said.", &[("We won,", false)]),
            ("«We won», he said.", &[("We won", false)]),
            // single marks, with apostrophes left alone
            (
                "He called it ‘a farce’ and didn’t stay.",
                &[("a farce", false)],
            ),
            ("It's the officials' plan.", &[]),
            // a missing closing mark: the next opening mark ends the quotation
            (
                "He said: “One. “Two,” he said.",
                &[("One.", true), ("Two,", false)],
            ),
            // a closing mark used as an opening one, and an opening mark used as a closing one
            ("She said ”We stay.“ Then left.", &[("We stay.", false)]),
            (
                "it was stated that “All is well. “\n",
                &[("All is well.", false)],
            ),
            // a quotation running over a paragraph end, reopened in the next paragraph
            (
                "He said: “One.\n\n“Two.”",
                &[("One.", true), ("Two.", false)],
            ),
            // doubled apostrophes and backticks as double marks
            ("''I'm fine,'' he said.", &[("I'm fine,", false)]),
            ("``I'm fine,'' he said.", &[("I'm fine,", false)]),
            // a stray closing mark at the start of nothing: quotation from the paragraph start
            ("We will win,” he said.", &[("We will win,", false)]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, bool)> =
                expected.iter().map(|(s, r)| (s.to_string(), *r)).collect();
            assert_eq!(quotes(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn titles_are_marked() {
        let text = "An article titled “Tech Giants Win” was published.";
        let found = pair(
            text,
            &crate::attribution::cues::marks_of(text),
            &vocabulary(),
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].title);
        // The title words are data: a user lexicon that removes `titled` unmarks it.
        let user = crate::lexicon::UserLexicon::from_json(
            r#"{"remove": {"attribution_title_words": ["titled"]}}"#,
            "test",
        )
        .unwrap();
        let mut fewer = Vocabulary::new();
        let lexicons = Lexicons::with_user(&[user]).unwrap();
        crate::attribution::words::add_classes(&mut fewer, &lexicons, &[]);
        let found = pair(text, &crate::attribution::cues::marks_of(text), &fewer);
        assert!(!found[0].title);
    }
}
