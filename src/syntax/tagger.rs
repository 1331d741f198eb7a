//! The tagger: a lexicon probe per word, a suffix-and-shape guess for unknown words, then
//! contextual rewrite rules applied in order (a transformation-based tagger).
//!
//! `initial_tag` mirrors `Initial.tag` in `data/derive.py` line for line: the rules were
//! scored on train starting from exactly those tags, so any drift between the two makes
//! the learned rules fix errors that are no longer there. Change both or neither.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::tags::{ALL_TAGS, Tag};

const LEXICON: &str = include_str!("data/lexicon.tsv");
const SUFFIXES: &str = include_str!("data/suffixes.tsv");
const RULES: &str = include_str!("data/rules.txt");

/// Word id of the padding around a sentence in rule contexts.
const WORD_PAD: u32 = 0;
/// Word id of a word that no rule names.
const WORD_OTHER: u32 = 1;
/// The tag value of the padding around a sentence (`BOUNDARY` in the rules).
const BOUNDARY: u8 = ALL_TAGS.len() as u8;
/// Row length of the (FROM, TO) pair table: every tag and the boundary.
const PAIR_ROW: usize = ALL_TAGS.len() + 1;
/// Slots of padding on each side, as far as a rule looks.
pub(super) const PAD: usize = 2;
/// No lemma in the lexicon.
pub(super) const NO_LEMMA: u32 = u32::MAX;

/// Multiply-rotate hashing (the rustc "Fx" hash): the keys are short words from our own
/// embedded data, so flooding resistance buys nothing and SipHash would cost most of the
/// per-word time.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    /// The multiply-rotate state keeps its entropy in the high bits, and hashbrown picks
    /// buckets by the low ones: without a final mix, words sharing a first byte collide.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// What the lexicon knows of one word form.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub tag: Tag,
    /// The tags the word takes (its ambiguity class): a rule may only retag it to one of them.
    pub allowed: u64,
    /// Id of the word's lowercase form among the words the rules name.
    pub word: u32,
    /// Index into the lemma table, or [`NO_LEMMA`].
    pub lemma: u32,
}

/// One contextual test of a rule, on the padded tag and word-id arrays.
#[derive(Clone, Copy, Debug)]
enum Context {
    PrevTag(u8),
    NextTag(u8),
    Prev2Tag(u8),
    Next2Tag(u8),
    Prev1or2Tag(u8),
    Next1or2Tag(u8),
    PrevNextTag(u8, u8),
    PrevBigram(u8, u8),
    NextBigram(u8, u8),
    PrevWord(u32),
    NextWord(u32),
    Prev2Word(u32),
    Next2Word(u32),
    CurWordPrevTag(u32, u8),
    CurWordNextTag(u32, u8),
    CurWordPrevWord(u32, u32),
    CurWordNextWord(u32, u32),
}

/// Key of a position: its tag in the low byte, its word id above.
const TAG_MASK: u64 = 0xFF;
const WORD_MASK: u64 = 0xFFFF_FFFF << 8;

fn key(tag: u8, word: u32) -> u64 {
    u64::from(tag) | (u64::from(word) << 8)
}

/// One test of a rule's context: the key of the token `offset` places away, masked, is
/// `value`. Every template is two tests and a count of how many must hold (2: both, 1:
/// either), so a rule is checked without branching on its template.
#[derive(Clone, Copy, Debug)]
struct Test {
    offset: isize,
    mask: u64,
    value: u64,
}

const ALWAYS: Test = Test {
    offset: 0,
    mask: 0,
    value: 0,
};

fn tag_at(offset: isize, tag: u8) -> Test {
    Test {
        offset,
        mask: TAG_MASK,
        value: u64::from(tag),
    }
}

fn word_at(offset: isize, word: u32) -> Test {
    Test {
        offset,
        mask: WORD_MASK,
        value: u64::from(word) << 8,
    }
}

impl Context {
    fn tests(self) -> ([Test; 2], u8) {
        match self {
            Context::PrevTag(a) => ([tag_at(-1, a), ALWAYS], 2),
            Context::NextTag(a) => ([tag_at(1, a), ALWAYS], 2),
            Context::Prev2Tag(a) => ([tag_at(-2, a), ALWAYS], 2),
            Context::Next2Tag(a) => ([tag_at(2, a), ALWAYS], 2),
            Context::Prev1or2Tag(a) => ([tag_at(-1, a), tag_at(-2, a)], 1),
            Context::Next1or2Tag(a) => ([tag_at(1, a), tag_at(2, a)], 1),
            Context::PrevNextTag(a, b) => ([tag_at(-1, a), tag_at(1, b)], 2),
            Context::PrevBigram(a, b) => ([tag_at(-2, a), tag_at(-1, b)], 2),
            Context::NextBigram(a, b) => ([tag_at(1, a), tag_at(2, b)], 2),
            Context::PrevWord(a) => ([word_at(-1, a), ALWAYS], 2),
            Context::NextWord(a) => ([word_at(1, a), ALWAYS], 2),
            Context::Prev2Word(a) => ([word_at(-2, a), ALWAYS], 2),
            Context::Next2Word(a) => ([word_at(2, a), ALWAYS], 2),
            Context::CurWordPrevTag(v, a) => ([word_at(0, v), tag_at(-1, a)], 2),
            Context::CurWordNextTag(v, a) => ([word_at(0, v), tag_at(1, a)], 2),
            Context::CurWordPrevWord(v, a) => ([word_at(0, v), word_at(-1, a)], 2),
            Context::CurWordNextWord(v, a) => ([word_at(0, v), word_at(1, a)], 2),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Rule {
    from: u8,
    to: u8,
    to_bit: u64,
    tests: [Test; 2],
    need: u8,
}

impl Rule {
    /// Whether the rule retags position `i` (in `PAD..len - PAD`) of a short sentence.
    #[inline(always)]
    fn fires_short(&self, keys: &[u64; 64], allowed: &[u64; 64], i: usize) -> bool {
        let [a, b] = self.tests;
        let ka = keys[i.wrapping_add_signed(a.offset) & 63];
        let kb = keys[i.wrapping_add_signed(b.offset) & 63];
        let held = u8::from(ka & a.mask == a.value) + u8::from(kb & b.mask == b.value);
        (allowed[i & 63] & self.to_bit != 0) & (held >= self.need)
    }

    /// The same on a sentence of any length.
    #[inline]
    fn fires(&self, keys: &[u64], allowed: &[u64], i: usize) -> bool {
        let [a, b] = self.tests;
        let ka = keys[i.wrapping_add_signed(a.offset)];
        let kb = keys[i.wrapping_add_signed(b.offset)];
        let held = u8::from(ka & a.mask == a.value) + u8::from(kb & b.mask == b.value);
        (allowed[i] & self.to_bit != 0) & (held >= self.need)
    }
}

/// Scratch arrays of one sentence, padded by [`PAD`] slots on each side.
#[derive(Default, Clone, Debug)]
pub(super) struct Padded {
    pub tags: Vec<u8>,
    pub allowed: Vec<u64>,
    pub words: Vec<u32>,
    pub lemmas: Vec<u32>,
    changes: Vec<usize>,
    positions: Vec<u64>,
    keys: Vec<u64>,
    active: Vec<u64>,
    normalized: String,
    lower: String,
    key: String,
}

/// The lexicon, suffix table and rules, parsed once.
pub(super) struct Tagger {
    lexicon: FxMap<Box<str>, Entry>,
    suffixes: FxMap<Box<str>, (Tag, u64)>,
    lemmas: Vec<Box<str>>,
    lemma_ids: FxMap<Box<str>, u32>,
    rule_words: FxMap<Box<str>, u32>,
    rules: Vec<Rule>,
    /// For each (FROM, TO) pair, 1 + its row in `pair_rules`, or 0 when no rule has it.
    pair_index: Vec<u16>,
    /// Per pair, a bitmap over `rules` of the rules with that pair, `rule_blocks` words.
    pair_rules: Vec<u64>,
    rule_blocks: usize,
    /// Whether the rules are applied (off for the lexicon-only baseline).
    pub use_rules: bool,
}

/// Every tag that an unknown word may take when no suffix entry says more.
fn all_open() -> u64 {
    [
        Tag::Noun,
        Tag::NounPl,
        Tag::Adj,
        Tag::Adv,
        Tag::Intj,
        Tag::VerbBase,
        Tag::VerbPres,
        Tag::VerbPres3,
        Tag::VerbPast,
        Tag::VerbPart,
        Tag::VerbGer,
        Tag::Propn,
        Tag::Num,
        Tag::X,
    ]
    .iter()
    .fold(0, |m, t| m | t.bit())
}

fn is_open(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Noun
            | Tag::NounPl
            | Tag::Adj
            | Tag::Adv
            | Tag::Intj
            | Tag::VerbBase
            | Tag::VerbPres
            | Tag::VerbPres3
            | Tag::VerbPast
            | Tag::VerbPart
            | Tag::VerbGer
    )
}

fn parse_tags(list: &str) -> u64 {
    list.split(',')
        .filter_map(Tag::parse)
        .fold(0, |m, t| m | t.bit())
}

/// Data lines: a `# ` line is a comment (a form may be `#` itself, never `# `).
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
}

fn is_punct_char(c: char) -> bool {
    (c.is_ascii() && !c.is_ascii_alphanumeric() && !c.is_ascii_whitespace())
        || ('\u{2010}'..='\u{205E}').contains(&c)
}

fn is_all_caps(w: &str) -> bool {
    w.chars().count() > 1
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The shape class of an unknown word; mirrors `shape` in derive.py.
fn shape(w: &str, first: bool) -> &'static str {
    let has_alpha = w.chars().any(char::is_alphabetic);
    let has_digit = w.bytes().any(|b| b.is_ascii_digit());
    if !has_alpha && !has_digit {
        return if w.chars().all(is_punct_char) {
            "punct"
        } else {
            "sym"
        };
    }
    if w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.')) {
        return "url";
    }
    if has_digit {
        return if has_alpha { "alnum" } else { "num" };
    }
    if w.chars().next().is_some_and(char::is_uppercase) {
        if is_all_caps(w) {
            return "allcaps";
        }
        return if first { "capfirst" } else { "cap" };
    }
    "lower"
}

/// Curly quotes as the EWT spells them (straight), into `out`; false when nothing changed.
fn normalize_quotes(w: &str, out: &mut String) -> bool {
    if w.is_ascii() || !w.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
        return false;
    }
    out.clear();
    for c in w.chars() {
        out.push(match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        });
    }
    true
}

fn lowercase_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

impl Tagger {
    pub fn new() -> Tagger {
        let mut rule_words: FxMap<Box<str>, u32> = FxMap::default();
        let mut rules = Vec::new();
        for line in data_lines(RULES) {
            let body = line.split('\t').next().unwrap_or("");
            if let Some(rule) = parse_rule(body, &mut rule_words) {
                rules.push(rule);
            }
        }
        let mut lexicon = FxMap::default();
        let mut lemmas = Vec::new();
        let mut lemma_ids: FxMap<Box<str>, u32> = FxMap::default();
        let mut lower = String::new();
        for line in data_lines(LEXICON) {
            let mut cols = line.split('\t');
            let (Some(form), Some(tag), Some(allowed)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(tag) = Tag::parse(tag) else { continue };
            let lemma = match cols.next().filter(|l| !l.is_empty()) {
                Some(l) => *lemma_ids.entry(l.into()).or_insert_with(|| {
                    lemmas.push(Box::from(l));
                    u32::try_from(lemmas.len() - 1).unwrap_or(NO_LEMMA)
                }),
                None => NO_LEMMA,
            };
            lowercase_into(form, &mut lower);
            let word = rule_words
                .get(lower.as_str())
                .copied()
                .unwrap_or(WORD_OTHER);
            lexicon.insert(
                Box::from(form),
                Entry {
                    tag,
                    allowed: parse_tags(allowed) | tag.bit(),
                    word,
                    lemma,
                },
            );
        }
        let mut suffixes = FxMap::default();
        for line in data_lines(SUFFIXES) {
            let mut cols = line.split('\t');
            if let (Some(key), Some(tag), Some(allowed)) = (cols.next(), cols.next(), cols.next())
                && let Some(tag) = Tag::parse(tag)
            {
                suffixes.insert(Box::from(key), (tag, parse_tags(allowed) | tag.bit()));
            }
        }
        let rule_blocks = rules.len().div_ceil(64).max(1);
        let mut pair_index = vec![0u16; PAIR_ROW * PAIR_ROW];
        let mut pair_rules: Vec<u64> = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            let slot = usize::from(rule.from) * PAIR_ROW + usize::from(rule.to);
            if pair_index[slot] == 0 {
                pair_rules.resize(pair_rules.len() + rule_blocks, 0);
                pair_index[slot] = u16::try_from(pair_rules.len() / rule_blocks).unwrap_or(0);
            }
            let row = usize::from(pair_index[slot]).saturating_sub(1) * rule_blocks;
            pair_rules[row + r / 64] |= 1u64 << (r % 64);
        }
        Tagger {
            pair_index,
            pair_rules,
            rule_blocks,
            lexicon,
            suffixes,
            lemmas,
            lemma_ids,
            rule_words,
            rules,
            use_rules: true,
        }
    }

    /// Adds the forms of a verb the lexicon may lack (`base 3sg past participle -ing`, as
    /// the reporting-verb lists write them): EWT is too small to hold every reporting verb
    /// three times, and an unknown `rebuts` would be guessed a plural noun. Forms the
    /// lexicon knows keep their EWT entry.
    pub fn add_verb_forms(&mut self, forms: &[&str]) {
        let Some(&base) = forms.first() else { return };
        let lemma = match self.lemma_ids.get(base) {
            Some(&id) => id,
            None => {
                self.lemmas.push(Box::from(base));
                let id = u32::try_from(self.lemmas.len() - 1).unwrap_or(NO_LEMMA);
                self.lemma_ids.insert(Box::from(base), id);
                id
            }
        };
        let slots: [(Tag, &[Tag]); 5] = [
            (Tag::VerbBase, &[Tag::VerbPres, Tag::Noun]),
            (Tag::VerbPres3, &[Tag::NounPl]),
            (Tag::VerbPast, &[Tag::VerbPart, Tag::Adj]),
            (Tag::VerbPart, &[Tag::VerbPast, Tag::Adj]),
            (Tag::VerbGer, &[Tag::Noun, Tag::Adj]),
        ];
        for (&form, &(tag, also)) in forms.iter().zip(&slots) {
            if self.lexicon.contains_key(form) {
                continue;
            }
            let mut lower = String::new();
            lowercase_into(form, &mut lower);
            let word = self
                .rule_words
                .get(lower.as_str())
                .copied()
                .unwrap_or(WORD_OTHER);
            let allowed = also.iter().fold(tag.bit(), |m, t| m | t.bit());
            let lemma = if tag == Tag::VerbBase {
                NO_LEMMA
            } else {
                lemma
            };
            self.lexicon.insert(
                Box::from(form),
                Entry {
                    tag,
                    allowed,
                    word,
                    lemma,
                },
            );
        }
    }

    pub fn lemma(&self, id: u32) -> Option<&str> {
        self.lemmas.get(id as usize).map(|l| &**l)
    }

    /// Tag and ambiguity class of a word the lexicon does not know.
    fn guess(&self, w: &str, first: bool, key: &mut String, lower: &mut String) -> (Tag, u64) {
        let shp = shape(w, first);
        key.clear();
        key.push_str(shp);
        key.push(':');
        let base = key.len();
        if !matches!(shp, "punct" | "sym" | "url" | "num") {
            lowercase_into(w, lower);
            let count = lower.chars().count();
            let starts: [usize; 3] = {
                let mut s = [0; 3];
                for (k, (at, _)) in lower.char_indices().rev().take(3).enumerate() {
                    s[k] = at;
                }
                s
            };
            for k in (1..=3usize).rev() {
                if count > k {
                    key.truncate(base);
                    key.push_str(&lower[starts[k - 1]..]);
                    if let Some(&hit) = self.suffixes.get(key.as_str()) {
                        return hit;
                    }
                }
            }
        }
        key.truncate(base);
        self.suffixes
            .get(key.as_str())
            .copied()
            .unwrap_or((Tag::Noun, all_open()))
    }

    /// Lexicon, case and shape: the tags the rules start from (see the module doc).
    fn initial_tag(&self, w: &str, first: bool, pad: &mut Padded) -> (Tag, u64, u32, u32) {
        let mut normalized = std::mem::take(&mut pad.normalized);
        let w = if normalize_quotes(w, &mut normalized) {
            normalized.as_str()
        } else {
            w
        };
        let out = self.lookup(w, first, pad);
        pad.normalized = normalized;
        out
    }

    fn lookup(&self, w: &str, first: bool, pad: &mut Padded) -> (Tag, u64, u32, u32) {
        if let Some(e) = self.lexicon.get(w) {
            return (e.tag, e.allowed, e.word, e.lemma);
        }
        let has_upper = if w.is_ascii() {
            w.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            w.chars()
                .any(|c| c.is_uppercase() || c.to_lowercase().next() != Some(c))
        };
        if has_upper {
            lowercase_into(w, &mut pad.lower);
            if pad.lower != w
                && let Some(e) = self.lexicon.get(pad.lower.as_str())
            {
                if first || is_all_caps(w) || !is_open(e.tag) {
                    return (e.tag, e.allowed, e.word, e.lemma);
                }
                return (Tag::Propn, e.allowed | Tag::Propn.bit(), e.word, e.lemma);
            }
        }
        let (tag, allowed) = self.guess(w, first, &mut pad.key, &mut pad.lower);
        (tag, allowed, WORD_OTHER, NO_LEMMA)
    }

    /// Tags `words` into `pad` (padded arrays) and returns nothing: callers read `pad.tags`.
    /// Tags `words` into `pad`. A clitic left attached (`agency's`, `didn't`) is split off
    /// for tagging, as EWT splits it, so that the rules see the sequences they were learned
    /// on; each word then gets the tag of its stem.
    pub fn tag(&self, words: &[&str], pad: &mut Padded, clitics: &[u8]) {
        if clitics.iter().all(|&c| c == 0) {
            self.tag_pieces(words, pad);
            return;
        }
        let mut pieces: Vec<&str> = Vec::with_capacity(words.len() + 4);
        let mut stems: Vec<usize> = Vec::with_capacity(words.len());
        for (i, &w) in words.iter().enumerate() {
            stems.push(pieces.len());
            let clitic = clitics.get(i).copied().unwrap_or(0);
            match clitic_cut(w, clitic) {
                Some(cut) if !self.lexicon.contains_key(w) => {
                    pieces.push(&w[..cut]);
                    pieces.push(&w[cut..]);
                }
                _ => pieces.push(w),
            }
        }
        self.tag_pieces(&pieces, pad);
        for (i, &stem) in stems.iter().enumerate() {
            let (src, dst) = (stem + PAD, i + PAD);
            pad.tags[dst] = pad.tags[src];
            pad.allowed[dst] = pad.allowed[src];
            pad.words[dst] = pad.words[src];
            pad.lemmas[dst] = pad.lemmas[src];
        }
        let n = words.len();
        pad.tags.truncate(n + PAD);
        pad.tags.resize(n + 2 * PAD, BOUNDARY);
        pad.allowed.truncate(n + PAD);
        pad.allowed.resize(n + 2 * PAD, 0);
        pad.words.truncate(n + PAD);
        pad.words.resize(n + 2 * PAD, WORD_PAD);
        pad.lemmas.truncate(n + PAD);
        pad.lemmas.resize(n + 2 * PAD, NO_LEMMA);
    }

    fn tag_pieces(&self, words: &[&str], pad: &mut Padded) {
        let n = words.len();
        pad.tags.clear();
        pad.allowed.clear();
        pad.words.clear();
        pad.lemmas.clear();
        pad.tags.resize(n + 2 * PAD, BOUNDARY);
        pad.allowed.resize(n + 2 * PAD, 0);
        pad.words.resize(n + 2 * PAD, WORD_PAD);
        pad.lemmas.resize(n + 2 * PAD, NO_LEMMA);
        let mut first = true;
        for (i, w) in words.iter().enumerate() {
            let (tag, allowed, word, lemma) = self.initial_tag(w, first, pad);
            let slot = i + PAD;
            pad.tags[slot] = tag as u8;
            pad.allowed[slot] = allowed;
            pad.words[slot] = word;
            pad.lemmas[slot] = lemma;
            if first && w.chars().any(char::is_alphanumeric) {
                first = false;
            }
        }
        if !self.use_rules {
            return;
        }
        if n + 2 * PAD <= 64 {
            self.apply_rules_short(pad, n);
        } else {
            self.apply_rules_long(pad, n);
        }
    }

    /// The rules on a sentence that fits one 64-bit word of positions per tag (nearly all
    /// of them). Speed comes from avoiding unpredictable branches, which cost more than the
    /// tests themselves: the rules to visit are the set bits of a bitmap (the rules that
    /// could retag some token, FROM its tag to one of its tags, woken again when a token
    /// takes a new tag), a rule's test is branch-free, and the positions it retags are a
    /// bit mask, so the simultaneous update needs no buffer.
    fn apply_rules_short(&self, pad: &mut Padded, n: usize) {
        let len = n + 2 * PAD;
        let mut keys = [key(BOUNDARY, WORD_PAD); 64];
        let mut allowed = [0u64; 64];
        for ((k, &t), &w) in keys.iter_mut().zip(&pad.tags[..len]).zip(&pad.words[..len]) {
            *k = key(t, w);
        }
        allowed[..len].copy_from_slice(&pad.allowed[..len]);
        let mut sets = [0u64; 64];
        let w = self.rule_blocks;
        let active = &mut pad.active;
        active.clear();
        active.resize(w, 0);
        for (i, (&t, &a)) in pad
            .tags
            .iter()
            .zip(&allowed)
            .enumerate()
            .take(n + PAD)
            .skip(PAD)
        {
            sets[usize::from(t) & 63] |= 1u64 << i;
            // Only the rules that could retag some token: FROM its tag, TO among its tags.
            self.wake(active, t, a, 0, 0);
        }
        for block in 0..w {
            while active[block] != 0 {
                let bit = active[block].trailing_zeros();
                active[block] &= active[block] - 1;
                let r = block * 64 + bit as usize;
                let Some(rule) = self.rules.get(r) else { break };
                let from = usize::from(rule.from) & 63;
                let mut bits = sets[from];
                let mut fire = 0u64;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    fire |= u64::from(rule.fires_short(&keys, &allowed, i)) << i;
                }
                if fire == 0 {
                    continue;
                }
                // Simultaneous, as in derive.py: every context was read before any change.
                let to = usize::from(rule.to) & 63;
                sets[from] &= !fire;
                sets[to] |= fire;
                while fire != 0 {
                    let i = fire.trailing_zeros() as usize;
                    fire &= fire - 1;
                    keys[i & 63] = (keys[i & 63] & !TAG_MASK) | u64::from(rule.to);
                    // The token's new tag wakes the later rules that start from it.
                    self.wake(active, rule.to, allowed[i & 63], block, bit + 1);
                }
            }
        }
        for (t, k) in pad.tags[PAD..n + PAD].iter_mut().zip(&keys[PAD..]) {
            *t = (k & TAG_MASK) as u8;
        }
    }

    /// Sets in `active` the rules from `tag` to another tag of `allowed`, from rule
    /// `block * 64 + first` on.
    #[inline]
    fn wake(&self, active: &mut [u64], tag: u8, allowed: u64, block: usize, first: u32) {
        let w = self.rule_blocks;
        let row = usize::from(tag) * PAIR_ROW;
        let mut targets = allowed & !(1u64 << (tag & 63));
        while targets != 0 {
            let to = targets.trailing_zeros() as usize;
            targets &= targets - 1;
            let Some(&pair) = self.pair_index.get(row + to) else {
                continue;
            };
            if pair == 0 {
                continue;
            }
            let masks = &self.pair_rules[(usize::from(pair) - 1) * w..usize::from(pair) * w];
            active[block] |= masks[block] & u64::MAX.checked_shl(first).unwrap_or(0);
            for k in block + 1..w {
                active[k] |= masks[k];
            }
        }
    }

    /// The rules on a long sentence: one bit set of positions per tag, in 64-bit blocks.
    fn apply_rules_long(&self, pad: &mut Padded, n: usize) {
        let blocks = (n + 2 * PAD).div_ceil(64);
        let sets = &mut pad.positions;
        sets.clear();
        sets.resize(ALL_TAGS.len() * blocks, 0);
        for i in PAD..n + PAD {
            let t = usize::from(pad.tags[i]);
            sets[t * blocks + i / 64] |= 1u64 << (i % 64);
        }
        let mut keys = std::mem::take(&mut pad.keys);
        keys.clear();
        keys.extend(pad.tags.iter().zip(&pad.words).map(|(&t, &w)| key(t, w)));
        let mut changes = std::mem::take(&mut pad.changes);
        for rule in &self.rules {
            let from = usize::from(rule.from) * blocks;
            changes.clear();
            for b in 0..blocks {
                let mut bits = sets[from + b];
                while bits != 0 {
                    let i = b * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if rule.fires(&keys, &pad.allowed, i) {
                        changes.push(i);
                    }
                }
            }
            let to = usize::from(rule.to) * blocks;
            for &i in &changes {
                pad.tags[i] = rule.to;
                keys[i] = (keys[i] & !TAG_MASK) | u64::from(rule.to);
                sets[from + i / 64] &= !(1u64 << (i % 64));
                sets[to + i / 64] |= 1u64 << (i % 64);
            }
        }
        pad.changes = changes;
        pad.keys = keys;
    }
}

/// Where the stem ends in a word with an attached clitic: before `'s`, before `n't`.
fn clitic_cut(w: &str, clitic: u8) -> Option<usize> {
    if clitic == 0 {
        return None;
    }
    let cut = if clitic & super::clitic::NEGATION != 0 {
        let apostrophe = w.rfind(['\'', '\u{2019}'])?;
        apostrophe.checked_sub(1)?
    } else {
        w.rfind(['\'', '\u{2019}'])?
    };
    (cut > 0 && w.is_char_boundary(cut)).then_some(cut)
}

fn parse_rule(body: &str, words: &mut FxMap<Box<str>, u32>) -> Option<Rule> {
    let mut parts = body.split(' ');
    let from = Tag::parse(parts.next()?)? as u8;
    let to_tag = Tag::parse(parts.next()?)?;
    let template = parts.next()?;
    let args: Vec<&str> = parts.collect();
    let tag = |s: &str| -> Option<u8> {
        if s == "BOUNDARY" {
            Some(BOUNDARY)
        } else {
            Tag::parse(s).map(|t| t as u8)
        }
    };
    let mut word = |s: &str| -> u32 {
        let next = u32::try_from(words.len()).unwrap_or(u32::MAX) + 2;
        *words.entry(Box::from(s)).or_insert(next)
    };
    let a = |k: usize| args.get(k).copied();
    let context = match template {
        "PREV_TAG" => Context::PrevTag(tag(a(0)?)?),
        "NEXT_TAG" => Context::NextTag(tag(a(0)?)?),
        "PREV2_TAG" => Context::Prev2Tag(tag(a(0)?)?),
        "NEXT2_TAG" => Context::Next2Tag(tag(a(0)?)?),
        "PREV_1OR2_TAG" => Context::Prev1or2Tag(tag(a(0)?)?),
        "NEXT_1OR2_TAG" => Context::Next1or2Tag(tag(a(0)?)?),
        "PREV_NEXT_TAG" => Context::PrevNextTag(tag(a(0)?)?, tag(a(1)?)?),
        "PREV_BIGRAM" => Context::PrevBigram(tag(a(0)?)?, tag(a(1)?)?),
        "NEXT_BIGRAM" => Context::NextBigram(tag(a(0)?)?, tag(a(1)?)?),
        "PREV_WORD" => Context::PrevWord(word(a(0)?)),
        "NEXT_WORD" => Context::NextWord(word(a(0)?)),
        "PREV2_WORD" => Context::Prev2Word(word(a(0)?)),
        "NEXT2_WORD" => Context::Next2Word(word(a(0)?)),
        "CUR_WORD_PREV_TAG" => {
            let t = tag(a(0)?)?;
            Context::CurWordPrevTag(word(a(1)?), t)
        }
        "CUR_WORD_NEXT_TAG" => {
            let t = tag(a(0)?)?;
            Context::CurWordNextTag(word(a(1)?), t)
        }
        "CUR_WORD_PREV_WORD" => Context::CurWordPrevWord(word(a(0)?), word(a(1)?)),
        "CUR_WORD_NEXT_WORD" => Context::CurWordNextWord(word(a(0)?), word(a(1)?)),
        _ => return None,
    };
    let (tests, need) = context.tests();
    Some(Rule {
        from,
        to: to_tag as u8,
        to_bit: to_tag.bit(),
        tests,
        need,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        let mut words = FxMap::default();
        for line in data_lines(RULES) {
            let body = line.split('\t').next().unwrap_or("");
            assert!(parse_rule(body, &mut words).is_some(), "bad rule: {line}");
        }
        for line in data_lines(LEXICON).chain(data_lines(SUFFIXES)) {
            let tag = line.split('\t').nth(1).unwrap_or("");
            assert!(Tag::parse(tag).is_some(), "bad tag in: {line}");
        }
    }

    #[test]
    fn shapes_follow_derive_py() {
        for (w, first, want) in [
            ("...", false, "punct"),
            ("\u{1F600}", false, "sym"),
            ("http://x.org", false, "url"),
            ("1,200", false, "num"),
            ("A380", false, "alnum"),
            ("NATO", false, "allcaps"),
            ("Zorbl", true, "capfirst"),
            ("Zorbl", false, "cap"),
            ("zorbl", false, "lower"),
        ] {
            assert_eq!(shape(w, first), want, "{w}");
        }
    }
}
