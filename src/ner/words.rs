//! One table for every word list of the entity stage, probed once per token.
//!
//! The name and number rules ask many questions about the same word (is it a month, a
//! number word, a title, an organisation head, a function word...). Asking each list
//! separately costs a hash of the word per list and per question; here every list sets its
//! own bit in one entry per word, each token is looked up once after tokenizing
//! ([`super::tokens::Token::lex`]) and the rules then test bits. The table is open
//! addressing keyed by the word's first eight bytes, so most probes are one multiply and
//! one comparison of two integers.

use crate::model::EntityLabel;

/// A month name.
pub const MONTH: u32 = 1;
/// A weekday name.
pub const WEEKDAY: u32 = 1 << 1;
/// `today`, `yesterday`: a date by itself.
pub const DAY_WORD: u32 = 1 << 2;
/// `tonight`: a time by itself.
pub const TIME_WORD: u32 = 1 << 3;
/// `week`, `years`: a date after a number or a modifier.
pub const DATE_UNIT: u32 = 1 << 4;
/// `last`, `next`, `this`, `early`.
pub const MODIFIER: u32 = 1 << 5;
/// `summer`, `Christmas`.
pub const SEASON: u32 = 1 << 6;
/// A number word (`two`, `dozen`, `million`).
pub const NUMBER_WORD: u32 = 1 << 7;
/// A unit of measure.
pub const UNIT: u32 = 1 << 8;
/// A currency written before the amount (`$`, `EUR`).
pub const CURRENCY_BEFORE: u32 = 1 << 9;
/// A currency written after the amount (`euros`).
pub const CURRENCY_AFTER: u32 = 1 << 10;
/// `a`, `an`: open `a dozen`, `an hour`-style amounts.
pub const ARTICLE: u32 = 1 << 20;
/// Every bit the numeric layer reads.
pub const NUMERIC: u32 = ((1 << 11) - 1) | ARTICLE;

/// A function word (`The`, `However`).
pub const FUNCTION: u32 = 1 << 11;
/// A function or calendar word: never a name by itself.
pub const NON_NAME: u32 = 1 << 12;
/// A title or role (`President`, `Foreign Minister`).
pub const TITLE: u32 = 1 << 13;
/// The first word of a title (`Foreign` for `Foreign Minister`).
pub const TITLE_FIRST: u32 = 1 << 14;
/// A company suffix (`Inc.`).
pub const ORG_SUFFIX: u32 = 1 << 15;
/// An organisation head word (`Ministry`).
pub const ORG_HEAD: u32 = 1 << 16;
/// A place head word (`River`); its label is in [`Entry::label`].
pub const PLACE_HEAD: u32 = 1 << 17;
/// A connector inside names (`of`, `van der`).
pub const CONNECTOR: u32 = 1 << 18;
/// The first word of a connector of several words (`van` for `van der`).
pub const CONNECTOR_FIRST: u32 = 1 << 19;
/// A verb of speech after a name (`said`).
pub const SPEECH_VERB: u32 = 1 << 21;
/// A verb after a one-word name that suggests a person (`was`, `smiled`).
pub const PERSON_VERB: u32 = 1 << 22;
/// A preposition before a name that suggests a place (`in`, `near`).
pub const PLACE_PREPOSITION: u32 = 1 << 23;
/// Bits always read from the text as written, even in an all-caps sentence.
pub const AS_WRITTEN: u32 = NUMERIC | SPEECH_VERB | PERSON_VERB | PLACE_PREPOSITION;
/// Bits the name scanner reads from the title-cased text of an all-caps sentence.
pub const NAMES: u32 = !AS_WRITTEN;

/// What the lists say about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The lists holding the word.
    pub bits: u32,
    /// Value of a number word (0 for other words).
    pub value: u64,
    /// Label of a place head word.
    pub label: Option<EntityLabel>,
}

/// One slot of the open-addressing table.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word's first eight bytes, little-endian, zero-padded.
    head: u64,
    /// The word's length in bytes (0 for an empty slot).
    len: u32,
    /// Index into `entries` and `words`.
    entry: u32,
    /// A copy of the entry's bits, so that a hit needs no second load.
    bits: u32,
}

/// Every word list of the entity stage as one table.
pub struct WordTable {
    slots: Vec<Slot>,
    /// `slots.len() - 1`.
    mask: usize,
    /// 64 minus the number of bits of a slot index: slots are indexed by the top bits of
    /// the hash, the well-mixed ones.
    shift: u32,
    /// A Bloom filter of one bit per word, indexed by the top bits of its [`head_hash`]:
    /// most tokens are on no list and are rejected by this one test.
    filter: Box<[u64; FILTER_WORDS]>,
    entries: Vec<Entry>,
    /// The words, for comparing the bytes after the first eight.
    words: Vec<Box<[u8]>>,
    /// Length of the longest word.
    longest: usize,
}

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// 2^16 filter bits: a few thousand words leave it nearly empty.
const FILTER_BITS: u32 = 16;
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

/// The filter word and bit of a [`head_hash`].
#[inline(always)]
fn filter_bit(h: u64) -> (usize, u64) {
    let bit = (h >> (64 - FILTER_BITS)) as usize;
    (bit >> 6, 1 << (bit & 63))
}

/// A hash of a word's first eight bytes (zero-padded) and its length.
#[inline(always)]
fn head_hash(head: u64, len: usize) -> u64 {
    (head ^ len as u64).wrapping_mul(SEED)
}

/// A hash of the whole word, from [`head_hash`] and the bytes after the first eight.
#[inline(always)]
fn key(head: u64, word: &[u8]) -> u64 {
    extend_key(head_hash(head, word.len()), word)
}

#[inline(always)]
fn extend_key(mut h: u64, word: &[u8]) -> u64 {
    if word.len() > 8 {
        for chunk in word[8..].chunks(8) {
            h = (h.rotate_left(23) ^ pad(chunk)).wrapping_mul(SEED);
        }
    }
    h
}

/// `bytes` (at most eight) as a little-endian integer, zero-padded.
#[inline]
fn pad(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(buf)
}

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable::new()
    }
}

impl WordTable {
    /// An empty table.
    pub fn new() -> WordTable {
        WordTable {
            slots: vec![Slot::default(); 16],
            mask: 15,
            shift: 60,
            filter: Box::new([0; FILTER_WORDS]),
            entries: Vec::new(),
            words: Vec::new(),
            longest: 0,
        }
    }

    /// Adds `bits` to the entry of `word` and returns the entry to fill in.
    pub fn add(&mut self, word: &str, bits: u32) -> &mut Entry {
        let bytes = word.as_bytes();
        let index = match self.find(pad(bytes), bytes) {
            Ok(entry) => entry,
            Err(_) if bytes.is_empty() => {
                // An empty word can never be a token; keep it out of the table.
                self.entries.push(Entry::default());
                self.words.push(Box::default());
                return self.entries.last_mut().expect("just pushed");
            }
            Err(_) => {
                if (self.entries.len() + 1) * 2 > self.slots.len() {
                    self.grow();
                }
                let entry = self.entries.len();
                self.entries.push(Entry::default());
                self.words.push(bytes.into());
                self.place(entry);
                self.longest = self.longest.max(bytes.len());
                let (word, bit) = filter_bit(head_hash(pad(bytes), bytes.len()));
                self.filter[word] |= bit;
                entry
            }
        };
        self.entries[index].bits |= bits;
        let all = self.entries[index].bits;
        if let Ok(slot) = self.find_slot(pad(bytes), bytes) {
            self.slots[slot].bits = all;
        }
        &mut self.entries[index]
    }

    fn place(&mut self, entry: usize) {
        let word = &self.words[entry];
        let head = pad(word);
        let mut i = self.slot_of(head, word);
        while self.slots[i].len != 0 {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot {
            head,
            len: word.len() as u32,
            entry: entry as u32,
            bits: self.entries[entry].bits,
        };
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![Slot::default(); size];
        self.mask = size - 1;
        self.shift = 64 - size.trailing_zeros();
        for entry in 0..self.entries.len() {
            if !self.words[entry].is_empty() {
                self.place(entry);
            }
        }
    }

    /// The first slot to probe for `word`.
    #[inline]
    fn slot_of(&self, head: u64, word: &[u8]) -> usize {
        (key(head, word) >> self.shift) as usize
    }

    /// The slot holding `word`, or the free slot where it would go.
    #[inline]
    fn find_slot(&self, head: u64, word: &[u8]) -> Result<usize, usize> {
        self.probe(key(head, word), head, word)
    }

    /// [`WordTable::find_slot`] given the word's [`key`].
    #[inline(always)]
    fn probe(&self, key: u64, head: u64, word: &[u8]) -> Result<usize, usize> {
        let mut i = (key >> self.shift) as usize;
        loop {
            let slot = self.slots[i];
            if slot.len == 0 {
                return Err(i);
            }
            if slot.head == head
                && slot.len as usize == word.len()
                && (word.len() <= 8 || self.words[slot.entry as usize][8..] == word[8..])
            {
                return Ok(i);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// What the lists say about `word`.
    pub fn get(&self, word: &str) -> Entry {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > self.longest {
            return Entry::default();
        }
        self.find(pad(bytes), bytes)
            .map_or(Entry::default(), |e| self.entries[e])
    }

    /// The entry index of `word`.
    #[inline]
    fn find(&self, head: u64, word: &[u8]) -> Result<usize, usize> {
        self.find_slot(head, word)
            .map(|i| self.slots[i].entry as usize)
    }

    /// The list bits of `text[start..end]`; faster than [`WordTable::get`] for a word inside
    /// a longer text, whose first eight bytes can be read at once. Inlined into the
    /// per-token loop: most tokens leave at the filter test.
    #[inline(always)]
    pub fn bits_at(&self, text: &[u8], start: usize, end: usize) -> u32 {
        let len = end.saturating_sub(start);
        if len == 0 || len > self.longest {
            return 0;
        }
        let head = match text.get(start..start + 8) {
            Some(eight) => {
                let all = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                all & (u64::MAX >> (64 - 8 * len.min(8)))
            }
            None => pad(&text[start..end]),
        };
        let h = head_hash(head, len);
        let (filter_word, bit) = filter_bit(h);
        if self.filter[filter_word] & bit == 0 {
            return 0;
        }
        self.probe_bits(h, head, &text[start..end])
    }

    /// The bits of a word that passed the filter.
    #[inline(never)]
    fn probe_bits(&self, h: u64, head: u64, word: &[u8]) -> u32 {
        self.probe(extend_key(h, word), head, word)
            .map_or(0, |i| self.slots[i].bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_gather_the_bits_of_every_list() {
        let mut table = WordTable::new();
        let words: Vec<String> = (0..500).map(|i| format!("word{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            table.add(w, 1 << (i % 20));
        }
        table.add("May", MONTH);
        table.add("May", NON_NAME);
        table.add("International Committee", ORG_HEAD).value = 7;
        assert_eq!(table.get("May").bits, MONTH | NON_NAME);
        assert_eq!(table.get("International Committee").value, 7);
        assert_eq!(table.get("International").bits, 0);
        assert_eq!(table.get("").bits, 0);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w).bits, 1 << (i % 20), "{w}");
            let text = format!("  {w} and more");
            assert_eq!(
                table.bits_at(text.as_bytes(), 2, 2 + w.len()),
                1 << (i % 20)
            );
            let text = format!(" {w}");
            assert_eq!(
                table.bits_at(text.as_bytes(), 1, 1 + w.len()),
                1 << (i % 20)
            );
        }
        let text = "Mayor May";
        assert_eq!(table.bits_at(text.as_bytes(), 0, 3), MONTH | NON_NAME);
        assert_eq!(table.bits_at(text.as_bytes(), 6, 9), MONTH | NON_NAME);
    }
}
