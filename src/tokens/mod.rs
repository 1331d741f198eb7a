//! The token layer: every word and mark of a document, found in one pass and looked up
//! once, for every stage to read.
//!
//! Each stage reasons over words: the splitter about the word before a period, the entity
//! rules about capitalised runs and numbers, the attribution frames about the few words
//! around a cue, the hedge rules about a window of words. Scanning the text again in each
//! stage, each with its own word table, cost three passes over every word and three
//! lookups of it; here the text is scanned once ([`scanner`]), each token is probed once in
//! the one [`Vocabulary`] of every lexicon, and the stages read [`Tokens`].
//!
//! A token is a word (letters and digits, with the inner marks names and numbers need:
//! `U.S.`, `Jong-un`, `AT&T`, `1,200`, `2.7`, an abbreviation's or initial's period), a
//! possessive ending split off its word (`'s`), or one punctuation or symbol character.
//! [`GLUED`] marks a token written against the one before it (no space between), so a stage
//! whose words are longer (the attribution frames keep `Trump's` whole) can join them back.

mod scanner;
mod vocabulary;

pub use scanner::{
    CAP, DIGIT, GLUED, INITIAL, JOINED, LOWER, NAME, NUMBER, POSSESSIVE, PUNCT, QUOTE, Token,
    Tokenizer, UPPER, shape,
};
pub use vocabulary::{Entry, Probe, Vocabulary};

use std::borrow::Cow;
use std::sync::Arc;

use crate::lexicon::Lexicons;
use crate::text::Span;

/// The tokenizer and the vocabulary, built once per annotator.
pub struct TokenLayer {
    tokenizer: Tokenizer,
    vocabulary: Arc<Vocabulary>,
}

/// The tokens of one document, ordered, not overlapping, outside noise lines, with the
/// text and the layer they came from.
pub struct Tokens<'a> {
    text: &'a str,
    layer: &'a TokenLayer,
    list: Vec<Token>,
}

impl TokenLayer {
    /// A layer looking tokens up in `vocabulary` (which the stages filled with their
    /// lists) and keeping the period of every abbreviation of `lexicons`: the
    /// abbreviation lists, and the titles, company suffixes and month forms written with a
    /// period (`Gov.`, `Inc.`, `Sept.`).
    pub fn new(lexicons: &Lexicons, vocabulary: impl Into<Arc<Vocabulary>>) -> TokenLayer {
        let mut abbreviations: Vec<&str> =
            lexicons.all_abbreviations().map(String::as_str).collect();
        for list in ["ner_titles", "ner_org_suffixes", "ner_months"] {
            abbreviations.extend(
                lexicons
                    .list(list)
                    .iter()
                    .filter(|e| e.ends_with('.') && !e.contains(' '))
                    .map(String::as_str),
            );
        }
        TokenLayer {
            tokenizer: Tokenizer::new(abbreviations),
            vocabulary: vocabulary.into(),
        }
    }

    /// The vocabulary every token was looked up in.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The tokens of `text`, skipping the `noise` spans (ordered, not overlapping), each with
    /// the flags of its one probe into the vocabulary.
    pub fn tokenize<'a>(&'a self, text: &'a str, noise: &[Span]) -> Tokens<'a> {
        let mut list = Vec::with_capacity(text.len() / 5);
        let mut from = 0;
        for span in noise
            .iter()
            .chain(std::iter::once(&Span::new(text.len(), text.len())))
        {
            if span.start > from {
                self.tokenizer
                    .tokenize(text, from, span.start.min(text.len()), &mut list);
            }
            from = from.max(span.end);
        }
        self.look_up(text, &mut list);
        Tokens {
            text,
            layer: self,
            list,
        }
    }

    /// The tokens of `text[span]` alone, as if nothing lay around it, looked up.
    pub fn tokenize_span(&self, text: &str, span: Span, out: &mut Vec<Token>) {
        let first = out.len();
        self.tokenizer.tokenize(text, span.start, span.end, out);
        self.look_up(text, &mut out[first..]);
    }

    /// Probes each token and marks the ones [`GLUED`] to the token before.
    fn look_up(&self, text: &str, tokens: &mut [Token]) {
        let bytes = text.as_bytes();
        let mut previous_end = usize::MAX;
        for t in tokens {
            if t.start == previous_end {
                t.flags |= GLUED;
            }
            previous_end = t.end;
            let probe = self.vocabulary.probe_at(bytes, t.start, t.end);
            t.lex = probe.bits;
            t.classes = probe.classes;
            t.cue = probe.cue;
            t.hedge = probe.hedge;
        }
    }
}

impl<'a> Tokens<'a> {
    /// The document text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The vocabulary the tokens were looked up in, for words a stage joins or splits.
    pub fn vocabulary(&self) -> &'a Vocabulary {
        &self.layer.vocabulary
    }

    /// Every token, in text order.
    pub fn all(&self) -> &[Token] {
        &self.list
    }

    /// The tokens inside `span`. A token cut by the span's edges (a word running on past a
    /// sentence end without a space) is not part of it; then the span is tokenized on its
    /// own, exactly as a stage reading only that span would have.
    pub fn within(&self, span: Span) -> Cow<'_, [Token]> {
        let from = self.list.partition_point(|t| t.end <= span.start);
        let to = self.list.partition_point(|t| t.start < span.end);
        let slice = &self.list[from..to.max(from)];
        let cut = |t: &Token| t.start < span.start || t.end > span.end;
        if slice.first().is_some_and(cut) || slice.last().is_some_and(cut) {
            let mut own = Vec::new();
            self.layer.tokenize_span(self.text, span, &mut own);
            return Cow::Owned(own);
        }
        Cow::Borrowed(slice)
    }
}
