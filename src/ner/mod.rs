//! Named entities and numeric expressions, from gazetteers and patterns, without a model.
//!
//! Per sentence: the sentence is tokenized once ([`tokens`]) and each token looked up once
//! in one table of every word list ([`words`]), so that the rules test bits; gazetteer
//! names are looked up in a trie from the starts of its capitalised words ([`gazetteer`]),
//! and it is scanned for runs of capitalised words ([`names`]) and for numbers, dates and
//! amounts ([`numeric`]); a document pass ([`document`]) labels short mentions from full
//! ones. Everything is built once in [`EntityRecognizer::new`]; the per-document work is
//! linear in the text.

pub mod document;
pub mod fast_hash;
pub mod gazetteer;
pub mod names;
pub mod numeric;
pub mod tokens;
pub mod words;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::EntityLabel;
use crate::text::Span;

use gazetteer::{Gazetteer, GazetteerMatch};
use names::{Casing, SentenceView};
use numeric::NumericMention;
use tokens::{Token, Tokenizer};
use words::WordTable;

/// Sentences with more tokens than this are scanned in windows of this size, so a run-on
/// "sentence" (a table, a list without punctuation) cannot make the scan slow.
const MAX_SENTENCE_TOKENS: usize = 2_000;

/// An entity found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// The name itself (no title, no leading `the`, no possessive).
    pub span: Span,
    /// Its label.
    pub label: EntityLabel,
    /// Id of the pattern or lexicon entry that produced it.
    pub rule: String,
}

/// Recognises entities; built once from the gazetteers and word lists.
pub struct EntityRecognizer {
    tokenizer: Tokenizer,
    gazetteer: Gazetteer,
    /// Every word list of the name and number rules.
    words: WordTable,
}

impl EntityRecognizer {
    /// Compiles the gazetteers and patterns.
    pub fn new(lexicons: &Lexicons) -> Result<EntityRecognizer, Error> {
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
        let mut words = WordTable::new();
        names::add_lists(lexicons, &mut words)?;
        numeric::add_lists(lexicons, &mut words)?;
        Ok(EntityRecognizer {
            tokenizer: Tokenizer::new(abbreviations),
            gazetteer: Gazetteer::new(lexicons),
            words,
        })
    }

    /// Entities in `text`, ordered by start, not overlapping, each inside one sentence.
    pub fn recognize(&self, text: &str, sentences: &[Span]) -> Vec<EntityMention> {
        let mut matches: Vec<GazetteerMatch> = Vec::new();
        let mut folded = String::new();
        let mut tokens: Vec<Token> = Vec::new();
        let mut candidates = Vec::new();
        let mut numeric: Vec<NumericMention> = Vec::new();
        for (index, sentence) in sentences.iter().enumerate() {
            if sentence.end > text.len() || sentence.start >= sentence.end {
                continue;
            }
            tokens.clear();
            self.tokenizer
                .tokenize(text, sentence.start, sentence.end, &mut tokens);
            for t in &mut tokens {
                t.lex = self.words.bits_at(text.as_bytes(), t.start, t.end);
            }
            for window in tokens.chunks_mut(MAX_SENTENCE_TOKENS) {
                let (Some(first), Some(last)) = (window.first(), window.last()) else {
                    continue;
                };
                let (first, last) = (first.start, last.end);
                let casing = names::casing(window);
                matches.clear();
                folded.clear();
                if casing == Casing::AllCaps {
                    title_case(&text[first..last], &mut folded);
                }
                names::mark_name_words(text, &folded, first, window, &self.words);
                let window = &*window;
                self.gazetteer.find(text, 0, window, &mut matches);
                if casing == Casing::AllCaps {
                    // Headlines in capitals: look names up in title case as well
                    // (`RAFAEL WARNOCK`), keeping acronyms found as written (`NATO`).
                    self.gazetteer.find(&folded, first, window, &mut matches);
                    matches.sort_by_key(|m| (m.start, m.end));
                }
                let view = SentenceView {
                    text,
                    folded: &folded,
                    folded_base: first,
                    tokens: window,
                    matches: &matches,
                    casing,
                    lookup: &self.gazetteer,
                    sentence: index,
                };
                names::scan_sentence(&view, &self.words, &mut candidates);
                numeric::scan_sentence(text, window, &self.words, &mut numeric);
            }
        }
        let resolved = document::resolve(text, &candidates);
        merge(resolved, numeric)
    }
}

/// Upper-case ASCII letters after a letter become lower case; byte length is unchanged.
pub(crate) fn title_case(s: &str, out: &mut String) {
    let mut prev_letter = false;
    for c in s.chars() {
        if prev_letter && c.is_ascii_uppercase() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphabetic();
    }
}

/// Names and numeric expressions in one ordered, non-overlapping list: on overlap the
/// earlier-starting (then longer) mention wins.
fn merge(names: Vec<document::ResolvedName>, numeric: Vec<NumericMention>) -> Vec<EntityMention> {
    let mut all: Vec<(usize, usize, EntityLabel, &'static str)> = names;
    all.extend(
        numeric
            .into_iter()
            .map(|m| (m.start, m.end, m.label, m.rule)),
    );
    all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<EntityMention> = Vec::with_capacity(all.len());
    let mut last_end = 0;
    for (start, end, label, rule) in all {
        if start < last_end || start >= end {
            continue;
        }
        last_end = end;
        out.push(EntityMention {
            span: Span::new(start, end),
            label,
            rule: rule.to_string(),
        });
    }
    out
}
