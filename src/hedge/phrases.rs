//! Finding the hedge phrases in a document: a byte trie walked from word starts only.
//!
//! A phrase counts only as whole words, so an occurrence can begin only where a word
//! begins, and its first word must be the whole word there. An automaton run over every
//! byte does the bookkeeping of all partial matches inside words (`may` in `mayor`, `some`
//! in `handsome`) only to throw them away; here the scan skips through each word, and only
//! a word that passes a one-bit filter of the phrases' first words (keyed by its first,
//! second and last letters and its length) walks the trie. Matching ignores ASCII case, as
//! the phrases are lower case.

use super::words::joins_words;
use crate::tokens::{GLUED, JOINED, POSSESSIVE, PUNCT, Tokens};

/// The hedge bit of the words that are the first word of a phrase, in the token layer's
/// vocabulary ([`crate::tokens::Token::hedge`]).
pub const PHRASE_HEAD: u8 = 1;

/// "No node" (the root is nobody's child) and "no phrase".
const NONE: u32 = 0;

/// The phrases, compiled for [`PhraseTrie::for_each_match`].
pub struct PhraseTrie {
    /// Byte to column of `next`; 0 for bytes in no phrase. ASCII capitals share their
    /// lower-case letter's column.
    column: [u8; 256],
    /// Columns per node.
    width: usize,
    /// `next[node * width + column]`: the child, or [`NONE`]. Node 0 is the root.
    next: Vec<u32>,
    /// Per node: the index of the phrase ending there, plus one, or [`NONE`].
    ends: Vec<u32>,
    /// Filter bits (see [`head_bit`]) of the phrases' first words.
    heads: [u64; 64],
}

impl PhraseTrie {
    /// A trie of `phrases` (lower case, distinct, non-empty).
    pub fn new(phrases: &[String]) -> PhraseTrie {
        let mut column = [0u8; 256];
        let mut width = 1;
        for phrase in phrases {
            for &byte in phrase.as_bytes() {
                let byte = byte.to_ascii_lowercase();
                if column[usize::from(byte)] == 0 {
                    column[usize::from(byte)] = u8::try_from(width).expect("under 256 bytes");
                    width += 1;
                }
            }
        }
        for byte in b'A'..=b'Z' {
            column[usize::from(byte)] = column[usize::from(byte.to_ascii_lowercase())];
        }
        let mut next = vec![NONE; width];
        let mut ends = vec![NONE];
        let mut heads = [0u64; 64];
        for (index, phrase) in phrases.iter().enumerate() {
            let mut node = 0usize;
            for &byte in phrase.as_bytes() {
                let slot = node * width + usize::from(column[usize::from(byte)]);
                if next[slot] == NONE {
                    next[slot] = u32::try_from(ends.len()).expect("trie fits u32");
                    ends.push(NONE);
                    next.resize(next.len() + width, NONE);
                }
                node = next[slot] as usize;
            }
            ends[node] = u32::try_from(index + 1).expect("phrase count fits u32");
            let head = ascii_run(phrase.as_bytes(), 0);
            if head > 0 {
                let bit = head_bit(&phrase.as_bytes()[..head]);
                heads[bit / 64] |= 1 << (bit % 64);
            }
        }
        PhraseTrie {
            column,
            width,
            next,
            ends,
            heads,
        }
    }

    /// The first words of the phrases (their leading run of ASCII letters, digits, `-`
    /// and `_`), for the vocabulary's [`PHRASE_HEAD`] bit.
    pub fn heads(phrases: &[String]) -> impl Iterator<Item = &str> {
        phrases.iter().filter_map(|p| {
            let head = ascii_run(p.as_bytes(), 0);
            (head > 0).then(|| &p[..head])
        })
    }

    /// [`PhraseTrie::for_each_match`] on a tokenized text, whose tokens tell where words
    /// start: a token of ASCII letters and digits standing alone starts a phrase only when
    /// its probe gave it the [`PHRASE_HEAD`] bit; runs of tokens written together, and
    /// tokens of other characters, are read byte by byte. Text between tokens is spaces or
    /// noise, where no hedge is looked for.
    pub fn for_each_token_match(
        &self,
        tokens: &Tokens<'_>,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let text = tokens.text();
        let all = tokens.all();
        let mut i = 0;
        while i < all.len() {
            let t = &all[i];
            let mut run_end = i + 1;
            while run_end < all.len() && all[run_end].flags & GLUED != 0 {
                run_end += 1;
            }
            if run_end == i + 1 && t.flags & (JOINED | PUNCT | POSSESSIVE) == 0 {
                if t.hedge & PHRASE_HEAD != 0 {
                    self.walk(text, t.start, &mut f);
                }
            } else {
                self.scan_range(text, t.start, all[run_end - 1].end, &mut f);
            }
            i = run_end;
        }
    }

    /// Calls `f(start, end, phrase)` for every occurrence of a phrase in `text` that
    /// neither starts nor ends inside a word (see [`joins_words`]), ordered by start, then
    /// by end. The reference [`PhraseTrie::for_each_token_match`] is tested against.
    #[cfg(test)]
    pub fn for_each_match(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        self.scan_range(text, 0, text.len(), &mut f);
    }

    /// [`PhraseTrie::for_each_match`] for the matches starting in `text[from..to]`, where
    /// the char before `from` does not join words.
    fn scan_range(
        &self,
        text: &str,
        from: usize,
        to: usize,
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        let n = to;
        let mut i = from;
        // Here the char before `i`, if any, does not join words: a match may start at `i`.
        while i < n {
            let b = bytes[i];
            let joins = match CLASS[usize::from(b)] {
                JOINER => {
                    // A phrase starting here has the ASCII run here as its first word
                    // (what follows that word in the phrase, or after it in the text, is
                    // no ASCII joiner).
                    let run = ascii_run(bytes, i);
                    let bit = head_bit(&bytes[i..i + run]);
                    if self.heads[bit / 64] & (1 << (bit % 64)) != 0 {
                        self.walk(text, i, f);
                    }
                    i += run;
                    true
                }
                OTHER => {
                    // Today no phrase starts with punctuation, but one might.
                    if self.starts_with(b) {
                        self.walk(text, i, f);
                    }
                    i += 1;
                    false
                }
                _ => {
                    if self.starts_with(b) {
                        self.walk(text, i, f);
                    }
                    let (joins, len) = wide_char(text, i);
                    i += len;
                    joins
                }
            };
            if !joins {
                continue;
            }
            // Past the rest of the word and the char that ends it.
            while i < n {
                match CLASS[usize::from(bytes[i])] {
                    JOINER => i += ascii_run(bytes, i),
                    OTHER => {
                        i += 1;
                        break;
                    }
                    _ => {
                        let (joins, len) = wide_char(text, i);
                        i += len;
                        if !joins {
                            break;
                        }
                    }
                }
            }
        }
    }

    /// Whether some phrase starts with byte `b`.
    fn starts_with(&self, b: u8) -> bool {
        let column = self.column[usize::from(b)];
        column != 0 && self.next[usize::from(column)] != NONE
    }

    /// Follows the trie from the root along the text at `start`, reporting each phrase that
    /// ends at a word boundary. (Inlined: a call per common first word like `the` cost
    /// more in saving and restoring registers than the walk itself.)
    #[inline(always)]
    fn walk(&self, text: &str, start: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let mut node = 0usize;
        for (end, &b) in bytes.iter().enumerate().skip(start) {
            let column = usize::from(self.column[usize::from(b)]);
            if column == 0 {
                return;
            }
            node = self.next[node * self.width + column] as usize;
            if node == NONE as usize {
                return;
            }
            let phrase = self.ends[node];
            if phrase != NONE && !next_joins(text, end + 1) {
                f(start, end + 1, phrase as usize - 1);
            }
        }
    }
}

/// Byte classes of the scan: ASCII bytes that join words (letters, digits, `-`, `_`),
/// other ASCII bytes, and the bytes of multi-byte chars, which are decoded to decide.
const OTHER: u8 = 0;
const JOINER: u8 = 1;
const WIDE: u8 = 2;

static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            WIDE
        } else if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            JOINER
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Length of the run of ASCII word-joining bytes at `i`.
fn ascii_run(bytes: &[u8], i: usize) -> usize {
    // A plain loop: `position` compiled to more instructions per byte here.
    let mut end = i;
    while end < bytes.len() && CLASS[usize::from(bytes[end])] == JOINER {
        end += 1;
    }
    end - i
}

/// The filter bit of a non-empty run of ASCII joiners, from its first, second and last
/// bytes and its length, folded to lower case (`| 0x20` folds letters and keeps digits,
/// `-` and `_` apart).
fn head_bit(run: &[u8]) -> usize {
    let fold = |b: u8| u32::from(b | 0x20);
    let first = fold(run[0]);
    let second = run.get(1).map_or(0, |&b| fold(b));
    let last = fold(run[run.len() - 1]);
    let len = u32::try_from(run.len().min(255)).unwrap_or(255);
    let key = first | second << 8 | last << 16 | len << 24;
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Whether the multi-byte char at `i` joins words, and its length.
fn wide_char(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (joins_words(c), c.len_utf8())
}

/// Whether the char at `i` (none at the end of the text) joins words.
fn next_joins(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) => match CLASS[usize::from(b)] {
            OTHER => false,
            JOINER => true,
            _ => wide_char(text, i).0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::tokens::{TokenLayer, Vocabulary};

    #[test]
    fn matches_from_tokens_equal_matches_from_bytes() {
        let phrases: Vec<String> = [
            "may",
            "may well",
            "some",
            "so-called",
            "it is",
            "’tis",
            "naïve",
            "u.s",
            "'s",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let trie = PhraseTrie::new(&phrases);
        let mut vocabulary = Vocabulary::new();
        for head in PhraseTrie::heads(&phrases) {
            vocabulary.add_hedge(head, PHRASE_HEAD);
        }
        let layer = TokenLayer::new(&Lexicons::built_in(), vocabulary);
        let texts = [
            "It may well rain; MAY-be mayor's Some awesome so-called “some” éit is mayé ’tis x’tis",
            "Naïve NAÏVE naïveté U.S. u.s.-made so-called- may_be may. May, 'may' (may) it's Bob's",
            "may\nwell some\u{a0}may 😀may may😀 may-",
        ];
        for text in texts {
            let mut from_bytes = Vec::new();
            trie.for_each_match(text, |s, e, p| from_bytes.push((s, e, p)));
            let mut from_tokens = Vec::new();
            trie.for_each_token_match(&layer.tokenize(text, &[]), |s, e, p| {
                from_tokens.push((s, e, p))
            });
            assert_eq!(from_tokens, from_bytes, "{text:?}");
        }
    }

    #[test]
    fn matches_are_whole_words_in_any_ascii_case() {
        let phrases: Vec<String> = ["may", "may well", "some", "so-called", "it is", "’tis"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let trie = PhraseTrie::new(&phrases);
        let text = "It may well rain; MAY-be mayor's Some awesome so-called “some” éit is \
                    mayé ’tis x’tis";
        let mut found = Vec::new();
        trie.for_each_match(text, |start, end, phrase| {
            found.push((&text[start..end], phrase));
        });
        assert_eq!(
            found,
            [
                ("may", 0),
                ("may well", 1),
                ("Some", 2),
                ("so-called", 3),
                ("some", 2),
                ("’tis", 5),
            ]
        );
    }
}
