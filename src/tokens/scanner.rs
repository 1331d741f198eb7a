//! The scanner of the token layer: words, numbers and single punctuation marks, in byte
//! offsets, with the shape flags the rules ask about.
//!
//! It exists because the rules reason over words (`Paul J. Adeyemi`, `U.S.`, `Haddad's`,
//! `$2.7 billion`) and a general-purpose word splitter does not keep initials, abbreviation
//! periods and possessives the way names need them. One forward pass, no allocation beyond
//! the output vector.

use crate::fast_hash::FastSet as HashSet;

/// The first character is an upper-case letter.
pub const CAP: u16 = 1;
/// Every letter is upper case and there are at least two letters (`NATO`, `U.S.`).
pub const UPPER: u16 = 2;
/// The first character is a lower-case letter.
pub const LOWER: u16 = 4;
/// The first character is a digit.
pub const DIGIT: u16 = 8;
/// A single punctuation or symbol character.
pub const PUNCT: u16 = 16;
/// A single capital letter with its period (`J.`): an initial.
pub const INITIAL: u16 = 32;
/// The possessive ending split off a word (`'s`, `’s`, or a lone `'` after `s`).
pub const POSSESSIVE: u16 = 64;
/// Every character is a digit, `.` or `,` (a plain number).
pub const NUMBER: u16 = 128;
/// A capitalised word that may be (part of) a name: not a function word, month, weekday
/// or contraction. Set by the name scanner after tokenizing, read by the gazetteer.
pub const NAME: u16 = 256;
/// Written against the token before it, with no space between (`Haddad` `'s`, `U.S.` `-`).
pub const GLUED: u16 = 512;
/// A word holding a character other than an ASCII letter or digit (`U.S.`, `Jong-un`,
/// `1,200`, `Inc.`, `Zürich`): stages whose words join or split differently read such
/// words again.
pub const JOINED: u16 = 1024;
/// A quotation mark (`"`, `“ ” ‘ ’`, `« »`), with [`PUNCT`]: set once here so no stage
/// needs its own idea of which characters quote. The ASCII apostrophe is left out: it is
/// far more often an apostrophe than a quote.
pub const QUOTE: u16 = 2048;

/// The shape flags of a punctuation character: [`PUNCT`], and [`QUOTE`] for a quote mark.
#[inline]
fn punct_flags(c: char) -> u16 {
    if matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»') {
        PUNCT | QUOTE
    } else {
        PUNCT
    }
}

/// Whether `c` is a combining mark of the scripts news is written in: the combining
/// diacritics (Latin, Greek, Cyrillic), Hebrew points and Arabic vowel marks, and the
/// variation selectors. The alphabetic marks of other scripts (Devanagari vowel signs)
/// are letters to [`char::is_alphanumeric`] already.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// One token of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Shape flags ([`CAP`], [`UPPER`], ...).
    pub flags: u16,
    /// The entity lists holding the token as written ([`crate::ner::words`] bits), from
    /// its probe into the [`super::Vocabulary`]; 0 until then.
    pub lex: u32,
    /// The attribution word classes of the token in any case, from the same probe.
    pub classes: u32,
    /// The attribution cue the token is in any case (entry plus one, 0 for none), from the
    /// same probe.
    pub cue: u32,
    /// The hedge bits of the token in any case, from the same probe.
    pub hedge: u8,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when every flag in `flags` is set.
    pub fn is(&self, flags: u16) -> bool {
        self.flags & flags == flags
    }

    /// True for a word or number (not punctuation, not a possessive ending).
    pub fn is_word(&self) -> bool {
        self.flags & (PUNCT | POSSESSIVE) == 0
    }
}

/// Splits sentences into tokens, keeping periods that belong to abbreviations.
pub struct Tokenizer {
    /// Abbreviations without their final period (`Inc`, `Dr`, `Jan`), case as written.
    abbreviations: HashSet<String>,
    /// For each first byte, a bit per length (16 and over share bit 15) of the
    /// abbreviations starting with it: most words before a period fail this test and
    /// skip hashing.
    abbreviation_shapes: [u16; 256],
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// The bit of [`Tokenizer::abbreviation_shapes`] for a word of `len` bytes.
fn length_bit(len: usize) -> u16 {
    1 << len.min(15)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

impl Tokenizer {
    /// A tokenizer keeping the period of each abbreviation in `abbreviations`
    /// (entries written with or without their final period).
    pub fn new<'a>(abbreviations: impl IntoIterator<Item = &'a str>) -> Tokenizer {
        let abbreviations = abbreviations
            .into_iter()
            .map(|a| a.trim_end_matches('.').to_string())
            .filter(|a| !a.is_empty())
            .collect::<HashSet<String>>();
        let mut abbreviation_shapes = [0u16; 256];
        for a in &abbreviations {
            abbreviation_shapes[usize::from(a.as_bytes()[0])] |= length_bit(a.len());
        }
        Tokenizer {
            abbreviations,
            abbreviation_shapes,
        }
    }

    fn is_abbreviation(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        self.abbreviation_shapes[usize::from(first)] & length_bit(word.len()) != 0
            && std::str::from_utf8(word).is_ok_and(|word| self.abbreviations.contains(word))
    }

    /// Appends the tokens of `text[start..end]` to `out`.
    pub fn tokenize(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let end = end.min(text.len());
        let mut i = start;
        let bytes = text.as_bytes();
        while i < end {
            let b = bytes[i];
            let class = CLASS[usize::from(b)];
            if class & SPACE != 0 {
                i += 1;
                continue;
            }
            if class & ALNUM != 0 {
                // Fast path for the commonest token, an ASCII word standing alone: a run of
                // letters and digits followed by a byte that cannot join or extend it.
                let mut j = i + 1;
                let mut seen = class;
                // Most of a word is lower-case letters: skip those eight at a time.
                while j + 8 <= end {
                    let chunk: [u8; 8] = bytes[j..j + 8].try_into().expect("eight bytes");
                    let run = lower_prefix(u64::from_le_bytes(chunk));
                    if run > 0 {
                        seen |= CLASS[usize::from(b'a')];
                    }
                    j += run;
                    if run < 8 {
                        break;
                    }
                }
                while j < end {
                    let c = CLASS[usize::from(bytes[j])];
                    if c & ALNUM == 0 {
                        break;
                    }
                    seen |= c;
                    j += 1;
                }
                let next = if j < end {
                    CLASS[usize::from(bytes[j])]
                } else {
                    0
                };
                if next & (ALNUM | JOIN | HIGH) == 0 || self.ends_before(bytes, i, j, end) {
                    // Letters are counted only where UPPER depends on it: capitals and no
                    // lower case.
                    let letters = if seen & ALPHA == UPPER_B {
                        bytes[i..j]
                            .iter()
                            .filter(|b| b.is_ascii_uppercase())
                            .count() as u32
                    } else {
                        0
                    };
                    out.push(Token {
                        start: i,
                        end: j,
                        flags: run_shape(class, seen, letters),
                        lex: 0,
                        classes: 0,
                        cue: 0,
                        hedge: 0,
                    });
                    i = j;
                    continue;
                }
            } else if class & HIGH == 0 {
                // Any other ASCII byte is a punctuation mark or symbol of its own.
                out.push(Token {
                    start: i,
                    end: i + 1,
                    flags: punct_flags(char::from(b)),
                    lex: 0,
                    classes: 0,
                    cue: 0,
                    hedge: 0,
                });
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            if !c.is_alphanumeric() {
                let len = c.len_utf8();
                out.push(Token {
                    start: i,
                    end: i + len,
                    flags: punct_flags(c),
                    lex: 0,
                    classes: 0,
                    cue: 0,
                    hedge: 0,
                });
                i += len;
                continue;
            }
            let word_end = scan_word(text, i, end);
            self.push_word(text, i, word_end, end, out);
            i = word_end.max(i + c.len_utf8());
            // A trailing abbreviation period was absorbed by push_word.
            if let Some(last) = out.last() {
                i = i.max(last.end);
            }
        }
    }

    /// Whether the ASCII run of letters and digits `bytes[start..end]`, followed by `,` or
    /// `.` at `end`, is a word by itself: what [`scan_word`] and [`Tokenizer::push_word`]
    /// would decide, for the common cases only (`said,`, `ended.`); false sends the word
    /// down the general path.
    #[inline]
    fn ends_before(&self, bytes: &[u8], start: usize, end: usize, limit: usize) -> bool {
        let after = bytes.get(end + 1).copied().filter(|_| end + 1 < limit);
        match bytes[end] {
            // A comma joins only digits to digits (`1,200`).
            b',' => !(bytes[end - 1].is_ascii_digit() && after.is_some_and(|b| b.is_ascii_digit())),
            // A period followed by a space, a mark or the end, and not an initial's or an
            // abbreviation's.
            b'.' => {
                after.is_none_or(|b| b < 0x80 && !b.is_ascii_alphanumeric())
                    && !(end - start == 1 && bytes[start].is_ascii_uppercase())
                    && !self.is_abbreviation(&bytes[start..end])
            }
            _ => false,
        }
    }

    fn push_word(
        &self,
        text: &str,
        start: usize,
        mut end: usize,
        limit: usize,
        out: &mut Vec<Token>,
    ) {
        let word = &text[start..end];
        // Possessive: `Haddad's`, `Haddad’s`; `Reuters'` keeps its s.
        let mut possessive = None;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                possessive = Some(end - suffix.len());
                break;
            }
        }
        if let Some(split) = possessive {
            out.push(Token {
                start,
                end: split,
                flags: shape(&text[start..split]) | joined(&text[start..split]),
                lex: 0,
                classes: 0,
                cue: 0,
                hedge: 0,
            });
            out.push(Token {
                start: split,
                end,
                flags: POSSESSIVE,
                lex: 0,
                classes: 0,
                cue: 0,
                hedge: 0,
            });
            return;
        }
        // A period after the word belongs to it for initials, dotted forms and known
        // abbreviations (`J.`, `U.S.`, `Inc.`, `Jan.`).
        if end < limit && text.as_bytes()[end] == b'.' {
            let single_capital =
                word.chars().count() == 1 && word.chars().next().is_some_and(char::is_uppercase);
            if single_capital || word.contains('.') || self.is_abbreviation(word.as_bytes()) {
                end += 1;
            }
        }
        let mut flags = shape(&text[start..end]) | joined(&text[start..end]);
        if end - start == 2 && flags & CAP != 0 && text.as_bytes()[end - 1] == b'.' {
            flags |= INITIAL;
        }
        out.push(Token {
            start,
            end,
            flags,
            lex: 0,
            classes: 0,
            cue: 0,
            hedge: 0,
        });
    }
}

/// [`JOINED`] when `word` holds a character other than an ASCII letter or digit.
fn joined(word: &str) -> u16 {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        0
    } else {
        JOINED
    }
}

/// End of the word starting at `start`: letters and digits, joined by internal `-`, `'`,
/// `’`, `.`, `&` and by `,` between digits (`1,200`).
fn scan_word(text: &str, start: usize, limit: usize) -> usize {
    let mut j = start;
    let mut prev = ' ';
    let bytes = text.as_bytes();
    while j < limit {
        // ASCII letters and digits, the bulk of any text, without decoding.
        let b = bytes[j];
        if b.is_ascii_alphanumeric() {
            prev = char::from(b);
            j += 1;
            continue;
        }
        let Some(c) = char_at(text, j) else { break };
        if c.is_alphanumeric() {
            prev = c;
            j += c.len_utf8();
            continue;
        }
        // A combining mark belongs to the letter before it: text in decomposed form
        // (`Zu\u{308}rich`) is one word, as it is to a reader.
        if is_combining_mark(c) && prev.is_alphanumeric() {
            j += c.len_utf8();
            continue;
        }
        let joins = matches!(c, '-' | '.' | '&' | ',' | '\'' | '’' | '/');
        if !joins {
            break;
        }
        let after = j + c.len_utf8();
        let Some(next) = char_at(text, after).filter(|_| after < limit) else {
            break;
        };
        let ok = match c {
            ',' => prev.is_ascii_digit() && next.is_ascii_digit() && digits_ahead(text, after) == 3,
            '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
            '.' => next.is_alphanumeric() && (prev.is_ascii_digit() == next.is_ascii_digit()),
            _ => next.is_alphanumeric() || (is_apostrophe(c) && next == 's'),
        };
        if !ok {
            break;
        }
        prev = c;
        j = after;
    }
    j
}

/// How many of the eight bytes of `word` (first byte lowest) are `a`..=`z` before the
/// first that is not. Each byte is tested in its own lane: the high bit is masked off
/// before adding, so no carry crosses into the next byte.
#[inline]
fn lower_prefix(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = ONES * 0x80;
    let low7 = word & !HIGH_BITS;
    // High bit set where the byte is at least `a`, and where it is past `z`.
    let from_a = low7.wrapping_add(ONES * (0x80 - u64::from(b'a')));
    let past_z = low7.wrapping_add(ONES * (0x80 - u64::from(b'z') - 1));
    let lower = from_a & !past_z & !word & HIGH_BITS;
    let not_lower = !lower & HIGH_BITS;
    (not_lower.trailing_zeros() / 8) as usize
}

fn digits_ahead(text: &str, from: usize) -> usize {
    text.as_bytes()[from..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// Shape flags of a word.
pub fn shape(word: &str) -> u16 {
    let bytes = word.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut seen = 0;
    let mut letters = 0u32;
    for &b in bytes {
        let c = CLASS[usize::from(b)];
        seen |= c;
        letters += u32::from(c & ALPHA != 0);
    }
    if seen & HIGH == 0 {
        return run_shape(CLASS[usize::from(first)], seen, letters);
    }
    unicode_shape(word)
}

/// [`shape`] for words with characters outside ASCII.
fn unicode_shape(word: &str) -> u16 {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 0 };
    let mut flags = 0;
    if first.is_uppercase() {
        flags |= CAP;
    } else if first.is_lowercase() {
        flags |= LOWER;
    } else if first.is_ascii_digit() {
        flags |= DIGIT;
    }
    let mut letters = 0;
    let mut all_upper = true;
    let mut numeric = true;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_uppercase() {
                all_upper = false;
            }
        }
        if !(c.is_ascii_digit() || c == '.' || c == ',') {
            numeric = false;
        }
    }
    if letters >= 2 && all_upper {
        flags |= UPPER;
    }
    if numeric && flags & DIGIT != 0 {
        flags |= NUMBER;
    }
    flags
}

/// Shape flags of an ASCII word from the class of its first byte, the union of the
/// classes of all its bytes, and its number of letters.
#[inline]
fn run_shape(first: u8, seen: u8, letters: u32) -> u16 {
    let mut flags = if first & UPPER_B != 0 {
        CAP
    } else if first & LOWER_B != 0 {
        LOWER
    } else if first & DIGIT_B != 0 {
        DIGIT
    } else {
        0
    };
    if letters >= 2 && seen & LOWER_B == 0 {
        flags |= UPPER;
    }
    // Digits, `.` and `,` only, starting with a digit.
    if seen & NOT_NUMERIC == 0 && flags & DIGIT != 0 {
        flags |= NUMBER;
    }
    flags
}

/// Byte classes for the tokenizer's ASCII paths.
const LOWER_B: u8 = 1;
const UPPER_B: u8 = 2;
const DIGIT_B: u8 = 4;
/// `.` and `,`, which may sit inside a number.
const NUM_PUNCT: u8 = 8;
/// Bytes that may join two parts of a word (`-`, `.`, `&`, `,`, `'`, `/`).
const JOIN: u8 = 16;
/// ASCII whitespace.
const SPACE: u8 = 32;
/// A byte of a multi-byte character.
const HIGH: u8 = 64;
/// Any byte but a digit, `.` or `,`.
const NOT_NUMERIC: u8 = 128;
const ALPHA: u8 = LOWER_B | UPPER_B;
const ALNUM: u8 = ALPHA | DIGIT_B;

/// The class of every byte.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let class = if c.is_ascii_lowercase() {
            LOWER_B
        } else if c.is_ascii_uppercase() {
            UPPER_B
        } else if c.is_ascii_digit() {
            DIGIT_B
        } else if c == b'.' || c == b',' {
            NUM_PUNCT | JOIN
        } else if matches!(c, b'-' | b'&' | b'\'' | b'/') {
            JOIN
        } else if c == b' ' || (c >= 0x09 && c <= 0x0d) {
            SPACE
        } else if c >= 0x80 {
            HIGH
        } else {
            0
        };
        table[b] = if class & (DIGIT_B | NUM_PUNCT) == 0 {
            class | NOT_NUMERIC
        } else {
            class
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let tokenizer = Tokenizer::new(["Inc.", "Dr.", "Jan."]);
        let mut out = Vec::new();
        tokenizer.tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokens_keep_what_names_and_numbers_need() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Paul J. Adeyemi spoke.",
                &["Paul", "J.", "Adeyemi", "spoke", "."],
            ),
            ("the U.S. Navy", &["the", "U.S.", "Navy"]),
            ("Haddad's plan", &["Haddad", "'s", "plan"]),
            ("Haddad’s plan", &["Haddad", "’s", "plan"]),
            ("Kestrel Inc. said", &["Kestrel", "Inc.", "said"]),
            ("$2.7 billion", &["$", "2.7", "billion"]),
            ("1,200 jobs, 3 more", &["1,200", "jobs", ",", "3", "more"]),
            (
                "Kim Jong-un and O'Brien",
                &["Kim", "Jong-un", "and", "O'Brien"],
            ),
            ("on Jan. 5.", &["on", "Jan.", "5", "."]),
            ("AT&T and 10:30", &["AT&T", "and", "10", ":", "30"]),
            ("ended. Then", &["ended", ".", "Then"]),
            (
                "in 2019, 12 and 2,500. A. Dr. x.y",
                &[
                    "in", "2019", ",", "12", "and", "2,500", ".", "A.", "Dr.", "x.y",
                ],
            ),
            ("said,“Yes.”", &["said", ",", "“", "Yes", ".", "”"]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text}");
        }
    }

    #[test]
    fn lower_prefix_matches_a_byte_loop() {
        let samples: &[&[u8; 8]] = &[
            b"abcdefgh",
            b"zzzzzzzz",
            b"abc defg",
            b"Abcdefgh",
            b"abcdefgH",
            b"abc`defg",
            b"abc{defg",
            b"abc\xe1efgh",
            b"abc9defg",
            b"@aaaaaaa",
            b"aaaaaaa{",
        ];
        for sample in samples {
            let expected = sample.iter().take_while(|b| b.is_ascii_lowercase()).count();
            assert_eq!(lower_prefix(u64::from_le_bytes(**sample)), expected);
        }
        for b in 0..=255u8 {
            let mut sample = *b"abcdefgh";
            sample[3] = b;
            let expected = sample.iter().take_while(|b| b.is_ascii_lowercase()).count();
            assert_eq!(lower_prefix(u64::from_le_bytes(sample)), expected, "{b}");
            sample[3] = b'x';
            sample[0] = b;
            let expected = sample.iter().take_while(|b| b.is_ascii_lowercase()).count();
            assert_eq!(lower_prefix(u64::from_le_bytes(sample)), expected, "{b}");
        }
    }

    #[test]
    fn shapes_flag_capitals_acronyms_and_numbers() {
        let cases: &[(&str, u16)] = &[
            ("Haddad", CAP),
            ("NATO", CAP | UPPER),
            ("U.S.", CAP | UPPER),
            ("said", LOWER),
            ("2019", DIGIT | NUMBER),
            ("3M", DIGIT),
            ("2.7", DIGIT | NUMBER),
            ("1,200", DIGIT | NUMBER),
            ("3-4", DIGIT),
            ("A", CAP),
            ("J.", CAP),
            ("AT&T", CAP | UPPER),
            ("Zürich", CAP),
            ("ÉCOLE", CAP | UPPER),
        ];
        for (word, flags) in cases {
            assert_eq!(shape(word), *flags, "{word}");
        }
    }
}
