//! The word lists the splitter consults, turned once into byte-keyed sets.
//!
//! Lookups happen for a few bytes around each candidate boundary, millions of times on a big
//! corpus, so every set is keyed by raw bytes and queried with a borrowed slice of the text:
//! no lower-casing, no allocation per candidate. Case-insensitive matching of the first letter
//! is done by storing both spellings when the set is built.

use std::collections::HashSet;

use crate::lexicon::Lexicons;

/// A set of short byte strings queried with slices of the text.
#[derive(Default)]
pub(crate) struct WordSet {
    words: HashSet<Vec<u8>>,
    /// Longest entry in bytes; a longer slice is rejected before hashing.
    longest: usize,
}

impl WordSet {
    /// Entries as given.
    fn exact<'a>(entries: impl Iterator<Item = &'a str>) -> WordSet {
        let mut set = WordSet::default();
        for entry in entries {
            set.insert(entry.as_bytes().to_vec());
        }
        set
    }

    /// Entries without their final period, each also with its first ASCII letter's case
    /// flipped, so `co.` in the text matches the listed `Co.`.
    fn abbreviations<'a>(entries: impl Iterator<Item = &'a str>) -> WordSet {
        let mut set = WordSet::default();
        for entry in entries {
            let bare = entry.trim().trim_end_matches('.').as_bytes().to_vec();
            if bare.is_empty() {
                continue;
            }
            let mut flipped = bare.clone();
            if flipped[0].is_ascii_alphabetic() {
                flipped[0] ^= 0x20;
                set.insert(flipped);
            }
            set.insert(bare);
        }
        set
    }

    fn insert(&mut self, word: Vec<u8>) {
        self.longest = self.longest.max(word.len());
        self.words.insert(word);
    }

    /// Whether `word` is in the set.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        !word.is_empty() && word.len() <= self.longest && self.words.contains(word)
    }
}

/// Every list the splitter reads, by role.
pub(crate) struct Words {
    /// `abbreviations`: may end a sentence only before a sentence starter.
    pub(crate) abbreviations: WordSet,
    /// `abbreviations_titles`: never end a sentence inside a paragraph.
    pub(crate) titles: WordSet,
    /// `sentence_starters`: capitalised words that open sentences.
    pub(crate) starters: WordSet,
    /// `quote_speech_verbs`: verbs of an attribution following a quotation.
    pub(crate) speech_verbs: WordSet,
    /// `line_continuation_words`: words a wrapped line may end with; lower case.
    pub(crate) continuation: WordSet,
    /// `list_labels`: words labelling a numbered item (`Figure 1.`).
    pub(crate) list_labels: WordSet,
    /// `credit_labels`: words opening a caption's credit line (`Image:`).
    pub(crate) credit_labels: WordSet,
}

impl Words {
    /// Builds every set from the named lists of `lexicons`.
    pub(crate) fn new(lexicons: &Lexicons) -> Words {
        let list = |name: &str| lexicons.list(name).iter().map(String::as_str);
        Words {
            abbreviations: WordSet::abbreviations(list("abbreviations")),
            titles: WordSet::abbreviations(list("abbreviations_titles")),
            starters: WordSet::exact(list("sentence_starters")),
            speech_verbs: WordSet::exact(list("quote_speech_verbs")),
            continuation: WordSet::exact(list("line_continuation_words")),
            list_labels: WordSet::exact(list("list_labels")),
            credit_labels: WordSet::exact(list("credit_labels")),
        }
    }
}
