//! One table for every word list of every stage, probed once per token.
//!
//! Each stage asks many questions about the same word: the entity rules whether it is a
//! month, a number word, a title, an organisation head; the attribution frames whether it
//! is a determiner, an auxiliary, a cue verb form, a source noun. Asking each list
//! separately costs a hash of the word per list and per question; here every list sets its
//! own bit in one entry per word, the token layer looks each token up once, and the rules
//! then test bits. The table is open addressing keyed by the word's first eight bytes, so
//! most probes are one multiply and one comparison of two integers.
//!
//! Entity lists match the word as written (`May` the month is not `may` the modal). The
//! attribution classes ignore ASCII case: a caseless entry is stored under its lower-case,
//! capitalised and upper-case spellings, so a word written in one of those three ways finds
//! its classes in the same probe; only a word of mixed case (`McCAIN`, `iPhone`) needs a
//! second probe, of its lower-case form.

use crate::model::EntityLabel;

/// What the lists say about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The entity lists holding the word as written ([`crate::ner::words`] bits).
    pub bits: u32,
    /// The attribution word classes of the word, whatever its ASCII case
    /// ([`crate::attribution`] class bits).
    pub classes: u32,
    /// The attribution cue the word is, whatever its ASCII case: the index of its cue
    /// lexicon entry plus one, 0 for no cue.
    pub cue: u32,
    /// The hedge lists holding the word in any ASCII case ([`crate::hedge`] bits).
    pub hedge: u8,
    /// Value of a number word (0 for other words).
    pub value: u64,
    /// Label of a place head word.
    pub label: Option<EntityLabel>,
    /// The sentence splitter's lists holding the word as written ([`crate::segment`] bits).
    /// Read by the splitter's few look-ups around candidate boundaries, never per token, so
    /// no slot carries a copy.
    pub segment: u8,
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
    /// A copy of the entry's classes, for the same reason.
    classes: u32,
    /// A copy of the entry's cue, for the same reason.
    cue: u32,
    /// A copy of the entry's hedge bits, for the same reason.
    hedge: u8,
}

/// What one probe tells of a token: [`Entry::bits`], [`Entry::classes`] and [`Entry::cue`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Probe {
    /// The entity lists holding the word as written.
    pub bits: u32,
    /// The attribution classes of the word in any case.
    pub classes: u32,
    /// The cue entry plus one of the word in any case, 0 for none.
    pub cue: u32,
    /// The hedge bits of the word in any case.
    pub hedge: u8,
}

/// Every word list of every stage as one table.
pub struct Vocabulary {
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

/// 2^18 filter bits (32 KiB): the tens of thousands of entries (every list of every stage,
/// caseless entries in three spellings) leave most bits clear.
const FILTER_BITS: u32 = 18;
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

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// An empty table.
    pub fn new() -> Vocabulary {
        Vocabulary {
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
        self.sync_slot(bytes);
        &mut self.entries[index]
    }

    /// Adds `classes` to the attribution classes of `word` in any ASCII case: under its
    /// lower-case, capitalised and upper-case spellings (see the module doc). Empty words
    /// are skipped.
    pub fn add_caseless(&mut self, word: &str, classes: u32) {
        self.update_caseless(word, |entry| entry.classes |= classes);
    }

    /// Makes `word`, in any ASCII case, the cue of lexicon entry `entry`.
    pub fn add_cue(&mut self, word: &str, entry: usize) {
        let cue = u32::try_from(entry + 1).expect("cue entries fit u32");
        self.update_caseless(word, |e| e.cue = cue);
    }

    /// Adds `bits` to the hedge bits of `word` in any ASCII case.
    pub fn add_hedge(&mut self, word: &str, bits: u8) {
        self.update_caseless(word, |e| e.hedge |= bits);
    }

    /// Applies `update` to the entries of the three case spellings of `word`.
    fn update_caseless(&mut self, word: &str, update: impl Fn(&mut Entry)) {
        if word.is_empty() {
            return;
        }
        let lower = word.to_ascii_lowercase();
        let mut capitalised = lower.clone().into_bytes();
        capitalised[0] = capitalised[0].to_ascii_uppercase();
        let capitalised = String::from_utf8(capitalised).expect("ASCII case keeps UTF-8");
        let upper = word.to_ascii_uppercase();
        for spelling in [&lower, &capitalised, &upper] {
            self.add(spelling, 0);
            let bytes = spelling.as_bytes();
            if let Ok(index) = self.find(pad(bytes), bytes) {
                update(&mut self.entries[index]);
            }
            self.sync_slot(bytes);
        }
    }

    /// Copies the entry of `bytes` into its slot, so that a probe reads one slot.
    fn sync_slot(&mut self, bytes: &[u8]) {
        let Ok(slot) = self.find_slot(pad(bytes), bytes) else {
            return;
        };
        let entry = self.entries[self.slots[slot].entry as usize];
        self.slots[slot].bits = entry.bits;
        self.slots[slot].classes = entry.classes;
        self.slots[slot].cue = entry.cue;
        self.slots[slot].hedge = entry.hedge;
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
            classes: self.entries[entry].classes,
            cue: self.entries[entry].cue,
            hedge: self.entries[entry].hedge,
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

    /// [`Vocabulary::find_slot`] given the word's [`key`].
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

    /// What the lists say of `text[start..end]`: the one probe of a token. Faster than
    /// [`Vocabulary::get`] for a word inside a longer text, whose first eight bytes can be
    /// read at once; inlined into the per-token loop, where most tokens leave at the filter
    /// test.
    #[inline(always)]
    pub fn probe_at(&self, text: &[u8], start: usize, end: usize) -> Probe {
        let len = end.saturating_sub(start);
        if len == 0 || len > self.longest {
            return Probe::default();
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
        let mut probe = if self.filter[filter_word] & bit == 0 {
            Probe::default()
        } else if len <= 8 {
            // Most words: the head and the length are the whole key.
            self.probe_short(h, head, len)
        } else {
            self.probe_slot(h, head, &text[start..end])
        };
        // Upper case past the first byte and lower case somewhere: the spelling is none of
        // the three a caseless entry is stored under.
        let word = &text[start..end];
        if (upper_case_bytes(head >> 8) != 0
            || (len > 8 && word[8..].iter().any(u8::is_ascii_uppercase)))
            && let Some(lower) = mixed_case_lower(word)
        {
            let caseless = self.get_bytes(&lower);
            probe.classes = caseless.classes;
            probe.cue = caseless.cue;
            probe.hedge = caseless.hedge;
        }
        probe
    }

    /// The entity bits of `text[start..end]` alone ([`Vocabulary::probe_at`] without the
    /// caseless fields), for the entity rules' lookups of words and names they build.
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
        self.probe_slot(h, head, &text[start..end]).bits
    }

    /// The attribution classes of `word`, whatever its ASCII case.
    pub fn classes_of(&self, word: &[u8]) -> u32 {
        self.caseless(word).classes
    }

    /// The sentence splitter's list bits of `word` as written.
    pub fn segment_of(&self, word: &[u8]) -> u8 {
        self.get_bytes(word).segment
    }

    /// The attribution cue entry (plus one) of `word`, whatever its ASCII case; 0 for none.
    pub fn cue_of(&self, word: &[u8]) -> u32 {
        self.caseless(word).cue
    }

    /// The entry holding the caseless fields of `word`.
    fn caseless(&self, word: &[u8]) -> Entry {
        match mixed_case_lower(word) {
            Some(lower) => self.get_bytes(&lower),
            None => self.get_bytes(word),
        }
    }

    /// [`Vocabulary::get`] for bytes.
    fn get_bytes(&self, bytes: &[u8]) -> Entry {
        if bytes.is_empty() || bytes.len() > self.longest {
            return Entry::default();
        }
        self.find(pad(bytes), bytes)
            .map_or(Entry::default(), |e| self.entries[e])
    }

    /// The probe of a word of at most eight bytes that passed the filter.
    #[inline(always)]
    fn probe_short(&self, h: u64, head: u64, len: usize) -> Probe {
        let mut i = (h >> self.shift) as usize;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return Probe::default();
            }
            if slot.head == head && slot.len as usize == len {
                return Probe {
                    bits: slot.bits,
                    classes: slot.classes,
                    cue: slot.cue,
                    hedge: slot.hedge,
                };
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The probe of a word that passed the filter.
    #[inline(never)]
    fn probe_slot(&self, h: u64, head: u64, word: &[u8]) -> Probe {
        self.probe(extend_key(h, word), head, word)
            .map_or(Probe::default(), |i| {
                let slot = &self.slots[i];
                Probe {
                    bits: slot.bits,
                    classes: slot.classes,
                    cue: slot.cue,
                    hedge: slot.hedge,
                }
            })
    }
}

/// The high bit of every byte of `x` that is an ASCII capital, each byte tested in its own
/// lane (the high bit is masked off before adding, so no carry crosses into the next byte):
/// the pre-test of [`mixed_case_lower`] on a word's first eight bytes.
#[inline(always)]
fn upper_case_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven_bits = x & (0x7f * ONES);
    let at_least_a = seven_bits + (0x80 - u64::from(b'A')) * ONES;
    let above_z = seven_bits + (0x7f - u64::from(b'Z')) * ONES;
    at_least_a & !above_z & !x & (0x80 * ONES)
}

/// The ASCII-lower-cased word when its spelling is none of lower case, capitalised or upper
/// case (upper case after the first byte and lower case somewhere); `None` otherwise.
fn mixed_case_lower(word: &[u8]) -> Option<Vec<u8>> {
    let upper_past_first = word.iter().skip(1).any(u8::is_ascii_uppercase);
    if !upper_past_first || !word.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    Some(word.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTH: u32 = 1;
    const NON_NAME: u32 = 1 << 12;
    const ORG_HEAD: u32 = 1 << 16;

    #[test]
    fn words_gather_the_bits_of_every_list() {
        let mut table = Vocabulary::new();
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
                table.probe_at(text.as_bytes(), 2, 2 + w.len()).bits,
                1 << (i % 20)
            );
            let text = format!(" {w}");
            assert_eq!(
                table.bits_at(text.as_bytes(), 1, 1 + w.len()),
                1 << (i % 20)
            );
        }
        let text = "Mayor May";
        assert_eq!(table.probe_at(text.as_bytes(), 0, 3).bits, MONTH | NON_NAME);
        assert_eq!(table.bits_at(text.as_bytes(), 6, 9), MONTH | NON_NAME);
    }

    #[test]
    fn caseless_classes_match_every_ascii_case_and_entity_bits_only_as_written() {
        let mut table = Vocabulary::new();
        table.add("May", MONTH);
        table.add_caseless("may", 4);
        table.add_caseless("spokesperson", 8);
        table.add_caseless("u.s", 16);
        let cases: &[(&str, (u32, u32))] = &[
            ("may", (0, 4)),
            ("May", (MONTH, 4)),
            ("MAY", (0, 4)),
            ("mAy", (0, 4)),
            ("maY", (0, 4)),
            ("Spokesperson", (0, 8)),
            ("SPOKESPERSON", (0, 8)),
            ("SpokesPerson", (0, 8)),
            ("spokespersoN", (0, 8)),
            ("U.S", (0, 16)),
            ("u.S", (0, 16)),
            ("mayor", (0, 0)),
            ("Ma", (0, 0)),
        ];
        for (word, expected) in cases {
            let text = format!("{word} and more");
            let probe = table.probe_at(text.as_bytes(), 0, word.len());
            assert_eq!((probe.bits, probe.classes), *expected, "{word}");
            assert_eq!(table.classes_of(word.as_bytes()), expected.1, "{word}");
        }
    }

    /// The splitter's bits sit beside the other stages' in the same entry, as written, and
    /// adding them changes nothing the per-token probe returns.
    #[test]
    fn splitter_bits_share_the_entry_and_leave_the_probe_alone() {
        let mut table = Vocabulary::new();
        table.add("Gen", MONTH);
        table.add_caseless("gen", 4);
        let before = table.probe_at(b"Gen and", 0, 3);
        table.add("Gen", 0).segment |= 2;
        table.add("gen", 0).segment |= 1;
        table.add("St", 0).segment |= 1;
        assert_eq!(table.probe_at(b"Gen and", 0, 3), before);
        assert_eq!(table.segment_of(b"Gen"), 2);
        assert_eq!(table.segment_of(b"gen"), 1);
        assert_eq!(table.segment_of(b"GEN"), 0);
        assert_eq!(table.segment_of(b"St"), 1);
        assert_eq!(table.probe_at(b"St.", 0, 2), Probe::default());
        assert_eq!(table.segment_of(b""), 0);
    }
}
