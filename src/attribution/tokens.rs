//! Word and punctuation tokens of one sentence, and the closed word classes the frame rules
//! test them against.
//!
//! The attribution rules look at a few words either side of a cue; they need words with
//! their byte spans, names with their abbreviation periods (`Dr.`, `U.S.`) kept whole, and
//! nothing more, so tokenizing costs one pass over the sentence.

use std::collections::{HashMap, HashSet};

use crate::text::Span;

/// A word (letters and digits, with inner apostrophes, hyphens and periods) or one
/// punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Where it lies in the document.
    pub span: Span,
    /// True for words, false for punctuation.
    pub word: bool,
    /// The closed word classes ([`class`]) the word belongs to, looked up once.
    pub flags: u32,
    /// Its first character: the punctuation mark itself for punctuation, so the frame
    /// rules test marks without decoding the text again.
    pub first: char,
}

/// Characters that join two word parts (`don't`, `ex-president`, `U.S`, `AT&T`).
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&' | '_')
}

/// Bits of [`Token::flags`]: one per closed word list, so the frame rules test a class
/// with one AND instead of scanning a list.
pub(crate) mod class {
    pub const CLAUSE_WORDS: u32 = 1 << 0;
    pub const AUXILIARIES_AND_ADVERBS: u32 = 1 << 1;
    pub const DETERMINERS: u32 = 1 << 2;
    pub const NP_PREPOSITIONS: u32 = 1 << 3;
    pub const BE_FORMS: u32 = 1 << 4;
    pub const ARTICLES: u32 = 1 << 5;
    pub const TIME_WORDS: u32 = 1 << 6;
    pub const ADVERBIAL_OPENERS: u32 = 1 << 7;
    pub const CLAUSE_OPENERS: u32 = 1 << 8;
    pub const OBJECT_WORDS: u32 = 1 << 9;
    pub const VERB_FORM: u32 = 1 << 10;
    pub const DISCOURSE_WORDS: u32 = 1 << 11;
    pub const NOT_CONTENT_OPENERS: u32 = 1 << 12;
    pub const FINITE_AUXILIARIES: u32 = 1 << 13;
    pub const CONJUNCTIONS: u32 = 1 << 14;
    pub const NOUN_MODIFIERS: u32 = 1 << 15;
    pub const SKIPPED_TIME_WORDS: u32 = 1 << 16;
    pub const TIME_NOUNS: u32 = 1 << 17;
    pub const MODIFYING_PARTICIPLES: u32 = 1 << 18;
    pub const PRONOUN: u32 = 1 << 19;
    /// Abbreviations that own a following period (`dr`, `inc`).
    pub const ABBREVIATION: u32 = 1 << 20;
    /// Head nouns of document sources (`report`, `statement`).
    pub const DOCUMENT_SOURCE: u32 = 1 << 21;
    /// Head nouns of anonymous sources (`official`, `spokesperson`).
    pub const ANONYMOUS_SOURCE: u32 = 1 << 22;
    /// Head nouns of organisations that are named sources when definite (`ministry`).
    pub const ORGANISATION_SOURCE: u32 = 1 << 23;
}

/// The word classes of every listed word, lower-cased, built once: one probe per token
/// gives all of its classes.
pub(crate) struct WordClasses {
    table: WordTable,
}

impl WordClasses {
    /// Indexes the closed lists of the frame rules and the lexicon word sets of `lexicon`,
    /// each with its class bit (the verb forms of the cue lexicons, the source pronouns and
    /// nouns, the abbreviations without their period), all lower-cased.
    pub fn new(lexicon: &[(&HashSet<String>, u32)]) -> WordClasses {
        use super::frames as f;
        use super::source as s;
        let lists: &[(&[&str], u32)] = &[
            (CLAUSE_WORDS, class::CLAUSE_WORDS),
            (AUXILIARIES_AND_ADVERBS, class::AUXILIARIES_AND_ADVERBS),
            (DETERMINERS, class::DETERMINERS),
            (NP_PREPOSITIONS, class::NP_PREPOSITIONS),
            (BE_FORMS, class::BE_FORMS),
            (ARTICLES, class::ARTICLES),
            (TIME_WORDS, class::TIME_WORDS),
            (ADVERBIAL_OPENERS, class::ADVERBIAL_OPENERS),
            (CLAUSE_OPENERS, class::CLAUSE_OPENERS),
            (OBJECT_WORDS, class::OBJECT_WORDS),
            (s::DISCOURSE_WORDS, class::DISCOURSE_WORDS),
            (f::NOT_CONTENT_OPENERS, class::NOT_CONTENT_OPENERS),
            (f::FINITE_AUXILIARIES, class::FINITE_AUXILIARIES),
            (f::CONJUNCTIONS, class::CONJUNCTIONS),
            (f::NOUN_MODIFIERS, class::NOUN_MODIFIERS),
            (f::SKIPPED_TIME_WORDS, class::SKIPPED_TIME_WORDS),
            (f::TIME_NOUNS, class::TIME_NOUNS),
            (s::MODIFYING_PARTICIPLES, class::MODIFYING_PARTICIPLES),
        ];
        let mut table = WordTable::default();
        for (list, bit) in lists {
            for word in *list {
                table.add(word, *bit);
            }
        }
        for (words, bit) in lexicon {
            for word in *words {
                table.add(word, *bit);
            }
        }
        WordClasses { table }
    }

    /// The classes of `word`, ignoring ASCII case.
    #[inline]
    pub fn of(&self, word: &[u8]) -> u32 {
        self.table.get(word)
    }
}

/// Most bytes a word may have to be packed into a [`Key`]; no token of news text comes
/// near it, and longer listed words are kept in a plain map.
const PACKED_BYTES: usize = 24;

/// A word of at most [`PACKED_BYTES`] bytes, ASCII-lower-cased, packed into three machine
/// words: hashing and comparing it takes a few instructions and no memory outside it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Key {
    packed: [u64; 3],
}

impl Key {
    /// The key of `word`, which has at most [`PACKED_BYTES`] bytes.
    #[inline(always)]
    fn of(word: &[u8]) -> Key {
        let len = word.len();
        debug_assert!(len <= PACKED_BYTES);
        let packed = if len <= 8 {
            // Most words: one or two loads.
            [ascii_lower(load_le(word)), 0, 0]
        } else if len <= 16 {
            [
                ascii_lower(load_8(word)),
                ascii_lower(load_le(&word[8..])),
                0,
            ]
        } else {
            [
                ascii_lower(load_8(word)),
                ascii_lower(load_8(&word[8..])),
                ascii_lower(load_le(&word[16..])),
            ]
        };
        Key { packed }
    }

    /// A multiply-shift hash (Fibonacci hashing) of the packed words and the length.
    #[inline(always)]
    fn hash(&self, len: usize) -> u64 {
        let [a, b, c] = self.packed;
        (a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ len as u64).wrapping_mul(HASH_FACTOR)
    }
}

/// The multiplier of the key hash: 2^64 divided by the golden ratio.
const HASH_FACTOR: u64 = 0x9e37_79b9_7f4a_7c15;

/// The first eight bytes of `bytes` (which has at least eight) as a little-endian word.
#[inline(always)]
fn load_8(bytes: &[u8]) -> u64 {
    u64::from_le_bytes([
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
    ])
}

/// Up to eight bytes as a little-endian word, zero-padded, without a variable-length copy:
/// two overlapping loads cover every length.
#[inline(always)]
fn load_le(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n <= 8);
    match n {
        0 => 0,
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[n / 2]) << (8 * (n / 2))
                | u64::from(bytes[n - 1]) << (8 * (n - 1))
        }
        _ => {
            let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let high = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
            // The loads overlap on equal bytes at equal places, so OR joins them.
            u64::from(low) | u64::from(high) << (8 * (n - 4))
        }
    }
}

/// `to_ascii_lowercase` on the eight bytes of `x` at once; bytes of 0x80 and above (parts
/// of other characters) stay as they are.
#[inline(always)]
fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven_bits = x & (0x7f * ONES);
    // No sum carries into the next byte: each stays below 0x100.
    let at_least_a = seven_bits + (0x80 - u64::from(b'A')) * ONES;
    let above_z = seven_bits + (0x7f - u64::from(b'Z')) * ONES;
    let upper = at_least_a & !above_z & !x & (0x80 * ONES);
    x | upper >> 2
}

/// One slot of a [`WordTable`].
#[derive(Clone, Copy, Default)]
struct Slot {
    key: Key,
    /// The word's length in bytes; 0 marks an empty slot (no listed word is empty).
    len: u32,
    value: u32,
}

/// An open-addressing table from lower-cased words to their class bits, sized to stay at
/// most half full so that a probe rarely looks past its first slot.
pub(crate) struct WordTable {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
    len: usize,
    /// Listed words too long to pack (none in the built-in lists).
    long: HashMap<Vec<u8>, u32>,
}

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable {
            slots: vec![Slot::default(); 16],
            shift: 64 - 4,
            len: 0,
            long: HashMap::new(),
        }
    }
}

impl WordTable {
    /// Adds `bits` to the classes of `word` (ignoring ASCII case); empty words are skipped.
    pub fn add(&mut self, word: &str, bits: u32) {
        let bytes = word.as_bytes();
        if bytes.len() > PACKED_BYTES {
            *self
                .long
                .entry(word.to_ascii_lowercase().into_bytes())
                .or_default() |= bits;
            return;
        }
        if bytes.is_empty() {
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let key = Key::of(bytes);
        let i = self.slot(&key, bytes.len());
        if self.slots[i].len == 0 {
            self.slots[i].key = key;
            self.slots[i].len = bytes.len() as u32;
            self.len += 1;
        }
        self.slots[i].value |= bits;
    }

    /// The classes of `word`, ignoring ASCII case; 0 for unlisted words.
    #[inline]
    pub fn get(&self, word: &[u8]) -> u32 {
        if word.len() > PACKED_BYTES {
            return self.get_long(word);
        }
        let key = Key::of(word);
        self.slots[self.slot(&key, word.len())].value
    }

    /// The classes of the word `start..end` of `bytes`, ignoring ASCII case: [`WordTable::get`]
    /// for a word inside a longer text, which lets a short word be read with one load.
    #[inline(always)]
    pub fn get_in(&self, bytes: &[u8], start: usize, end: usize) -> u32 {
        let len = end - start;
        match bytes.get(start..start + 8) {
            Some(eight) if (1..=8).contains(&len) => {
                // The bytes past the word are masked off, as `Key::of` would zero them.
                let word = load_8(eight) & (u64::MAX >> (64 - 8 * len));
                let key = ascii_lower(word);
                let mask = self.slots.len() - 1;
                let mut i = ((key ^ len as u64).wrapping_mul(HASH_FACTOR) >> self.shift) as usize;
                loop {
                    let slot = &self.slots[i & mask];
                    // A slot of at most eight bytes has zeros in its other packed words.
                    if slot.len as usize == len && slot.key.packed[0] == key {
                        return slot.value;
                    }
                    if slot.len == 0 {
                        return 0;
                    }
                    i += 1;
                }
            }
            _ => self.get(&bytes[start..end]),
        }
    }

    /// [`WordTable::get`] for words too long to pack.
    #[cold]
    fn get_long(&self, word: &[u8]) -> u32 {
        if self.long.is_empty() {
            return 0;
        }
        self.long
            .get(&word.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// The slot holding `key` of `len` bytes, or the empty slot where it would go.
    #[inline(always)]
    fn slot(&self, key: &Key, len: usize) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key.hash(len) >> self.shift) as usize;
        loop {
            let slot = &self.slots[i & mask];
            if slot.len == 0 || (slot.len as usize == len && slot.key == *key) {
                return i & mask;
            }
            i += 1;
        }
    }

    /// Doubles the slots and re-inserts every word.
    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        for slot in old.into_iter().filter(|slot| slot.len != 0) {
            let i = self.slot(&slot.key, slot.len as usize);
            self.slots[i] = slot;
        }
    }
}

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    Space,
    Alphanumeric,
    Other,
    /// The first byte of a multi-byte character: decoded and classified by `char` methods.
    NonAscii,
}

/// [`ByteKind`] by byte value, so the hot loops classify a byte with one load.
const BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphanumeric() {
            ByteKind::Alphanumeric
        } else if (c as char).is_whitespace() {
            ByteKind::Space
        } else {
            ByteKind::Other
        };
        b += 1;
    }
    kinds
};

/// Splits `sentence` into tokens, appending to `out` (cleared first).
///
/// ASCII letters, digits and spaces are classified by table; only other characters are
/// decoded.
pub(crate) fn tokenize(text: &str, sentence: Span, classes: &WordClasses, out: &mut Vec<Token>) {
    out.clear();
    let s = sentence.of(text);
    let bytes = s.as_bytes();
    let base = sentence.start;
    let mut i = 0;
    while i < bytes.len() {
        let (kind, c, len) = match BYTE_KINDS[usize::from(bytes[i])] {
            ByteKind::Space => {
                i += 1;
                continue;
            }
            ByteKind::NonAscii => {
                let (c, len) = char_at(s, i);
                let kind = if c.is_whitespace() {
                    ByteKind::Space
                } else if c.is_alphanumeric() {
                    ByteKind::Alphanumeric
                } else {
                    ByteKind::Other
                };
                (kind, c, len)
            }
            kind => (kind, char::from(bytes[i]), 1),
        };
        match kind {
            ByteKind::Space => {
                i += len;
                continue;
            }
            ByteKind::Alphanumeric => {}
            _ => {
                out.push(Token {
                    span: Span::new(base + i, base + i + len),
                    word: false,
                    flags: 0,
                    first: c,
                });
                i += len;
                continue;
            }
        }
        let start = i;
        let starts_with_digit = c.is_ascii_digit();
        let mut end = i + len;
        loop {
            while end < bytes.len() && BYTE_KINDS[usize::from(bytes[end])] == ByteKind::Alphanumeric
            {
                end += 1;
            }
            // Most words end at a space or a mark that cannot join: no decoding.
            if end >= bytes.len() || !MAY_JOIN[usize::from(bytes[end])] {
                break;
            }
            let (d, d_len) = char_at(s, end);
            let joins = if d.is_alphanumeric() {
                true
            } else if d == '%' {
                bytes[end - 1].is_ascii_digit()
            } else if is_joiner(d) || d == ',' && starts_with_digit {
                end + d_len < bytes.len() && char_at(s, end + d_len).0.is_alphanumeric()
            } else {
                false
            };
            if !joins {
                break;
            }
            end += d_len;
        }
        let mut flags = classes
            .table
            .get_in(text.as_bytes(), base + start, base + end);
        if bytes.get(end) == Some(&b'.') && keeps_period(&s[start..end], flags) {
            end += 1;
            flags = classes.of(&bytes[start..end]);
        }
        out.push(Token {
            span: Span::new(base + start, base + end),
            word: true,
            flags,
            first: c,
        });
        i = end;
    }
}

/// By byte value: whether the character starting with it may join two word parts, so that
/// the tokenizer must look at it (joiners, `%`, `,`, and all non-ASCII characters).
const MAY_JOIN: [bool; 256] = {
    let mut may = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        may[b] = true;
        b += 1;
    }
    let joiners = b"'-.&_%,";
    let mut j = 0;
    while j < joiners.len() {
        may[joiners[j] as usize] = true;
        j += 1;
    }
    may
};

/// The character at byte `i` of `s` (a char boundary) and its length, ASCII first.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        s[i..]
            .chars()
            .next()
            .map_or((' ', 1), |c| (c, c.len_utf8()))
    }
}

/// Whether a word before a period is an abbreviation or initial that owns the period;
/// `flags` are the word's classes.
fn keeps_period(word: &str, flags: u32) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    if first.is_some_and(char::is_uppercase) && chars.next().is_none() {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    word.len() <= 6 && flags & class::ABBREVIATION != 0
}

/// True when `word` equals one of `list`, ignoring ASCII case.
pub(crate) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// True when the word starts with an upper-case letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The word without a possessive ending (`Trump's` -> `Trump`).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Determiners and quantifiers that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "most", "all", "both", "each", "every",
    "no", "other", "another", "his", "her", "its", "their", "our", "my", "your", "one", "few",
    "more", "numerous", "dozens",
];

/// Articles, possessives and demonstratives: a verb form after one is a noun (`the
/// emails`, `a report`).
pub(crate) const ARTICLES: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
];

/// Prepositions that may join a modifier to a source noun (`officials in Tromsø`).
pub(crate) const NP_PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "on", "among", "between", "within", "inside", "by",
    "near", "across", "to", "behind", "under", "outside",
];

/// Words that end a noun phrase when walking left from a verb: clause links, auxiliaries,
/// verbs of being, negation.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "why",
    "how",
    "if",
    "because",
    "as",
    "since",
    "though",
    "although",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "than",
    "then",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "not",
    "n't",
    "never",
    "there",
    "here",
    "after",
    "before",
    "until",
    "unless",
    "whether",
    "about",
    "like",
    "just",
    "even",
    "only",
    "also",
    "yet",
    "said",
    "says",
    "say",
    "told",
    "according",
    "it's",
    "it’s",
    "he's",
    "he’s",
    "she's",
    "she’s",
    "they're",
    "they’re",
    "we're",
    "we’re",
    "i'm",
    "i’m",
    "don't",
    "don’t",
    "doesn't",
    "doesn’t",
    "didn't",
    "didn’t",
    "won't",
    "won’t",
    "wouldn't",
    "wouldn’t",
    "can't",
    "can’t",
    "isn't",
    "isn’t",
    "wasn't",
    "wasn’t",
    "whereas",
    "instead",
    "thus",
    "however",
    "therefore",
    "meanwhile",
    "moreover",
    "furthermore",
    "nevertheless",
    "indeed",
    "anyway",
    "still",
    "again",
    "too",
    "very",
    "really",
    "already",
    "now",
    "once",
    "ago",
    "into",
    "onto",
    "upon",
    "against",
    "without",
    "through",
    "during",
    "over",
    "via",
    "per",
    "whoever",
    "whatever",
    "everything",
    "nothing",
    "something",
    "anything",
    "this",
    "it",
    "them",
    "him",
    "us",
    "me",
];

/// Words that may sit between a source and its verb (`has also said`, `had previously
/// warned`) or between a be-form and a participle (`is widely believed`).
pub(crate) const AUXILIARIES_AND_ADVERBS: &[&str] = &[
    "isn't",
    "isn’t",
    "wasn't",
    "wasn’t",
    "aren't",
    "aren’t",
    "keeps",
    "kept",
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "will",
    "would",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "not",
    "never",
    "once",
    "again",
    "then",
    "now",
    "still",
    "recently",
    "reportedly",
    "often",
    "already",
    "just",
    "even",
    "long",
    "since",
    "first",
    "last",
    "earlier",
    "widely",
    "generally",
    "further",
    "too",
    "always",
    "frequently",
    "openly",
    "apparently",
    "allegedly",
    "explicitly",
    "flatly",
    "simply",
    "finally",
    "initially",
    "originally",
    "separately",
    "subsequently",
    "immediately",
    "quickly",
    "angrily",
    "firmly",
    "clearly",
    "strongly",
    "broadly",
    "falsely",
    "correctly",
    "wrongly",
    "rightly",
    "privately",
    "bluntly",
    "shall",
    "should",
    "must",
    "can",
    "didn't",
    "didn’t",
    "doesn't",
    "doesn’t",
    "don't",
    "don’t",
    "hasn't",
    "hasn’t",
    "haven't",
    "haven’t",
    "ha",
    "n't",
    "is",
    "are",
    "was",
    "were",
    "been",
];

/// Forms of `be` that make a participle passive.
pub(crate) const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "’s", "'s", "isn't", "wasn't", "isn’t",
    "wasn’t",
];

/// Pronouns that are objects, never sources.
pub(crate) const OBJECT_WORDS: &[&str] = &[
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "reporters",
    "journalists",
    "lawmakers",
    "supporters",
    "voters",
    "colleagues",
    "members",
    "listeners",
    "viewers",
    "readers",
    "audiences",
    "crowds",
    "students",
    "staff",
];

/// Words of time and place that may follow a reporting verb before its complement
/// (`said Tuesday that`, `told reporters on Wednesday that`).
pub(crate) const ADVERBIAL_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "again",
    "also",
    "recently",
    "previously",
    "separately",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "repeatedly",
    "publicly",
    "privately",
    "flatly",
    "bluntly",
    "simply",
    "then",
    "too",
    "late",
    "early",
    "over",
    "via",
    "through",
    "while",
    "when",
    "afterward",
    "afterwards",
    "shortly",
    "once",
    "back",
    "out",
    ",",
];

/// Weekdays and other time words that end a postposed source (`said Smith Tuesday`).
pub(crate) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "adding",
    "who",
    "which",
    "via",
    "through",
    "told",
    "according",
    "and",
    "but",
];

/// Subject pronouns, determiners and other words that can open a complement clause.
pub(crate) const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those", "the", "a",
    "an", "some", "many", "most", "all", "no", "none", "his", "her", "their", "its", "our", "my",
    "your", "if", "whether", "what", "why", "how", "when", "who", "nobody", "everyone", "anyone",
    "nothing", "such", "both", "neither", "each", "every", "more", "fewer", "less", "about",
    "only",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_names_and_abbreviations_whole() {
        let abbreviations: HashSet<String> = ["dr".to_string()].into_iter().collect();
        let cases: &[(&str, &[&str])] = &[
            (
                "Dr. Amal Haddad said.",
                &["Dr.", "Amal", "Haddad", "said", "."],
            ),
            ("the U.S. official", &["the", "U.S.", "official"]),
            (
                "“We don’t,” he said",
                &["“", "We", "don’t", ",", "”", "he", "said"],
            ),
            ("officials’ union", &["officials", "’", "union"]),
            (
                "cost $2.7 billion, 30,000 jobs",
                &["cost", "$", "2.7", "billion", ",", "30,000", "jobs"],
            ),
            ("Paul J. Adeyemi", &["Paul", "J.", "Adeyemi"]),
        ];
        let mut out = Vec::new();
        let classes = WordClasses::new(&[(&abbreviations, class::ABBREVIATION)]);
        for (text, expected) in cases {
            tokenize(text, Span::new(0, text.len()), &classes, &mut out);
            let words: Vec<&str> = out.iter().map(|t| t.span.of(text)).collect();
            assert_eq!(words, *expected, "text {text:?}");
        }
    }

    #[test]
    fn packed_keys_lower_ascii_only() {
        let word = "AbcDEFghIJKL’s-MNOPQRSTUVWXYZ@[`{é";
        for start in 0..word.len() {
            for end in start..=(start + 8).min(word.len()) {
                let bytes = &word.as_bytes()[start..end];
                let mut expected = [0u8; 8];
                expected[..bytes.len()].copy_from_slice(bytes);
                expected.make_ascii_lowercase();
                assert_eq!(
                    ascii_lower(load_le(bytes)),
                    u64::from_le_bytes(expected),
                    "bytes {bytes:?}"
                );
            }
        }
    }

    #[test]
    fn word_table_finds_what_a_map_finds() {
        let words = [
            "said",
            "Says",
            "it’s",
            "n't",
            "a",
            "i",
            "according",
            "u.s",
            "dr",
            "",
            "anextraordinarilylongwordforatable",
        ];
        let mut table = WordTable::default();
        let mut map: HashMap<String, u32> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            // Enough entries to make the table grow several times.
            for copy in 0..20 {
                let entry = format!("{word}{copy}");
                let bit = 1 << ((i + copy) % 30);
                table.add(&entry, bit);
                *map.entry(entry.to_ascii_lowercase()).or_default() |= bit;
            }
            table.add(word, 1 << 31);
            if !word.is_empty() {
                *map.entry(word.to_ascii_lowercase()).or_default() |= 1 << 31;
            }
        }
        for (word, bits) in &map {
            assert_eq!(table.get(word.as_bytes()), *bits, "word {word:?}");
            // Inside a text, with other bytes on either side or none after.
            for text in [format!("x {word} Yz9 more"), word.clone()] {
                let start = text.find(word.as_str()).unwrap();
                let got = table.get_in(text.as_bytes(), start, start + word.len());
                assert_eq!(got, *bits, "word {word:?} in {text:?}");
            }
            let upper = word.to_ascii_uppercase();
            assert_eq!(table.get(upper.as_bytes()), *bits, "word {upper:?}");
        }
        for unlisted in [
            "sai",
            "saidx",
            "IT’S",
            "",
            "Dr.",
            "anextraordinarilylongwordforatablx",
        ] {
            let expected = map
                .get(&unlisted.to_ascii_lowercase())
                .copied()
                .unwrap_or(0);
            assert_eq!(
                table.get(unlisted.as_bytes()),
                expected,
                "word {unlisted:?}"
            );
            let text = format!("{unlisted}said more");
            let got = table.get_in(text.as_bytes(), 0, unlisted.len());
            assert_eq!(got, expected, "word {unlisted:?} in {text:?}");
        }
    }
}
