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

    /// A slice key's length prefix, mixed in one step rather than as eight bytes.
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A set of short byte strings queried with slices of the text.
#[derive(Default)]
pub(crate) struct WordSet {
    words: HashSet<Vec<u8>, BuildHasherDefault<ShortKeyHasher>>,
    /// A 4096-bit filter over (first byte, second byte, last byte, length) of the entries:
    /// most words of the text are rejected by one bit test, without hashing.
    filter: Vec<u64>,
}

/// The filter bit of a non-empty word.
fn filter_bit(word: &[u8]) -> usize {
    let first = u32::from(word[0]);
    let second = u32::from(*word.get(1).unwrap_or(&0));
    let last = u32::from(word[word.len() - 1]);
    let len = word.len() as u32;
    let key = first | second << 8 | last << 16 | len << 24;
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
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
        if word.is_empty() {
            return;
        }
        if self.filter.is_empty() {
            self.filter = vec![0; 64];
        }
        let bit = filter_bit(&word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.words.insert(word);
    }

    /// Whether `word` is in the set.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        if word.is_empty() {
            return false;
        }
        let bit = filter_bit(word);
        let maybe = self
            .filter
            .get(bit / 64)
            .is_some_and(|bits| bits & (1 << (bit % 64)) != 0);
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
