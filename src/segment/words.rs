//! The word lists the splitter consults, turned once into byte-keyed sets.
//!
//! Lookups happen for a few bytes around each candidate boundary, millions of times on a big
//! corpus, so every set is keyed by raw bytes and queried with a borrowed slice of the text:
//! no lower-casing, no allocation per candidate. Case-insensitive matching of the first letter
//! is done by storing both spellings when the set is built.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::lexicon::Lexicons;

/// A multiply-rotate hash for short keys: the sets hold our own word lists, not input
/// chosen by an adversary, and SipHash would cost more than the rest of a lookup.
#[derive(Default)]
struct ShortKeyHasher(u64);

impl Hasher for ShortKeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of short byte strings queried with slices of the text.
#[derive(Default)]
pub(crate) struct WordSet {
    words: HashSet<Vec<u8>, BuildHasherDefault<ShortKeyHasher>>,
    /// For each first byte, a bit per entry length (1 to 63) present: most words of the text
    /// are rejected by this test without hashing.
    lengths: Vec<u64>,
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
        if word.is_empty() || word.len() > 63 {
            return;
        }
        if self.lengths.is_empty() {
            self.lengths = vec![0; 256];
        }
        self.lengths[usize::from(word[0])] |= 1 << word.len();
        self.words.insert(word);
    }

    /// Whether `word` is in the set.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        let maybe = word.len() <= 63
            && self
                .lengths
                .get(usize::from(first))
                .is_some_and(|mask| mask & (1 << word.len()) != 0);
        maybe && self.words.contains(word)
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
