//! Named entities and numeric expressions, from gazetteers and patterns, without a model.
//!
//! Per sentence: the rules read the sentence's tokens from the token layer, each looked up
//! once in the one vocabulary of every word list ([`words`] names the entity bits), so that
//! the rules test bits; gazetteer
//! names are looked up in a trie from the starts of its capitalised words ([`gazetteer`]),
//! and it is scanned for runs of capitalised words ([`names`]) and for numbers, dates and
//! amounts ([`numeric`]); a document pass ([`document`]) labels short mentions from full
//! ones. Everything is built once in [`EntityRecognizer::new`]; the per-document work is
//! linear in the text.

pub mod document;
pub mod gazetteer;
pub mod names;
pub mod numeric;
pub mod tokens;
pub mod words;

pub use crate::fast_hash;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::EntityLabel;
use crate::text::Span;
use crate::tokens::{Tokens, Vocabulary};

use gazetteer::{Gazetteer, GazetteerMatch};
use names::{Casing, SentenceView};
use numeric::NumericMention;
use tokens::Token;

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
    gazetteer: Gazetteer,
}

impl EntityRecognizer {
    /// Compiles the gazetteers and adds the word lists of the name and number rules to the
    /// vocabulary of the token layer.
    pub fn new(
        lexicons: &Lexicons,
        vocabulary: &mut Vocabulary,
    ) -> Result<EntityRecognizer, Error> {
        names::add_lists(lexicons, vocabulary)?;
        numeric::add_lists(lexicons, vocabulary)?;
        Ok(EntityRecognizer {
            gazetteer: Gazetteer::new(lexicons),
        })
    }

    /// Entities in `text`, ordered by start, not overlapping, each inside one sentence.
    pub fn recognize(&self, tokens: &Tokens<'_>, sentences: &[Span]) -> Vec<EntityMention> {
        let text = tokens.text();
        let words = tokens.vocabulary();
        let mut matches: Vec<GazetteerMatch> = Vec::new();
        let mut folded = String::new();
        let mut sentence_tokens: Vec<Token> = Vec::new();
        let mut candidates = Vec::new();
        let mut numeric: Vec<NumericMention> = Vec::new();
        let mut quoted_titles: Vec<(usize, usize)> = Vec::new();
        let all_tokens = tokens.all();
        let mut cursor = 0;
        for (index, sentence) in sentences.iter().enumerate() {
            if sentence.end > text.len() || sentence.start >= sentence.end {
                continue;
            }
            // The name scanner marks name words in its copy of the tokens.
            sentence_tokens.clear();
            match next_sentence_tokens(all_tokens, &mut cursor, *sentence) {
                Some(slice) => sentence_tokens.extend_from_slice(slice),
                None => sentence_tokens.extend_from_slice(&tokens.within(*sentence)),
            }
            for window in sentence_tokens.chunks_mut(MAX_SENTENCE_TOKENS) {
                let (Some(first), Some(last)) = (window.first(), window.last()) else {
                    continue;
                };
                let (first, last) = (first.start, last.end);
                let (casing, may_quote_title) = names::casing(window);
                matches.clear();
                folded.clear();
                if casing == Casing::AllCaps {
                    title_case(&text[first..last], &mut folded);
                }
                names::mark_name_words(text, &folded, first, window, words);
                let window = &*window;
                quoted_titles.clear();
                if casing == Casing::Prose && may_quote_title {
                    names::find_quoted_titles(window, &mut quoted_titles);
                }
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
                    quoted_titles: &quoted_titles,
                    lookup: &self.gazetteer,
                    sentence: index,
                };
                names::scan_sentence(&view, words, &mut candidates);
                numeric::scan_sentence(text, window, words, &mut numeric);
            }
        }
        let resolved = document::resolve(text, &candidates);
        merge(resolved, numeric)
    }
}

/// The tokens of `sentence`, found by walking `cursor` forward through the document's
/// tokens: sentences come in text order, so this costs a step per token where two binary
/// searches per sentence ([`Tokens::within`]) cost more on text of short sentences.
/// `None` when a token is cut by the sentence's edges or the sentence lies before the
/// cursor; [`Tokens::within`] then gives the answer (it tokenizes such a span anew).
fn next_sentence_tokens<'t>(
    all: &'t [Token],
    cursor: &mut usize,
    sentence: Span,
) -> Option<&'t [Token]> {
    if *cursor > 0 && all[*cursor - 1].end > sentence.start {
        return None;
    }
    while *cursor < all.len() && all[*cursor].end <= sentence.start {
        *cursor += 1;
    }
    let from = *cursor;
    let mut to = from;
    while to < all.len() && all[to].start < sentence.end {
        to += 1;
    }
    let slice = &all[from..to];
    let cut = |t: &Token| t.start < sentence.start || t.end > sentence.end;
    if slice.first().is_some_and(cut) || slice.last().is_some_and(cut) {
        return None;
    }
    *cursor = to;
    Some(slice)
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
