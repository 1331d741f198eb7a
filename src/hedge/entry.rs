//! Hedge lexicon entries: a phrase plus the context that makes it a hedge.
//!
//! Whether `may`, `could` or `would` hedges depends on the words around it, and those
//! words are data too (a linguist adds `applicants` to the permission subjects without a
//! rebuild), so an entry line carries its context rules:
//!
//! ```text
//! phrase [| condition]...
//! it $be believed                       # left context: `it`, a form of `be`, then `believed`
//! could | !next=$negator,$ability | !near=so
//! about | next=$number
//! ```
//!
//! `$name` stands for the lexicon list `hedge_context_<name>`. Leading tokens up to the
//! last `$name` token are left context: they must be the words just before the phrase
//! (one adverb may sit between) and are included in the hedge's span.

use crate::error::Error;
use crate::lexicon::Lexicons;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::words::{KEY_BYTES, Word, lookup_key, same_word};

/// A set of context words, from a `hedge_context_<name>` list.
#[derive(Clone, Debug)]
pub struct WordSet {
    /// Members in [`lookup_key`] form.
    words: HashSet<Vec<u8>, BuildHasherDefault<WordHasher>>,
    /// The `$number` set also takes any word that starts with a digit.
    digits: bool,
    /// The `$past` set also takes any year (`1990`, `1990s`).
    years: bool,
}

impl WordSet {
    /// True when `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let mut buffer = [0u8; KEY_BYTES];
        self.contains_folded(word, lookup_key(word, &mut buffer))
    }

    /// [`WordSet::contains`] for a word whose [`lookup_key`] is already made, so that a
    /// word checked against several sets is folded once.
    fn contains_folded(&self, word: &str, key: Option<&[u8]>) -> bool {
        (self.digits && word.starts_with(|c: char| c.is_ascii_digit()))
            || (self.years && is_year(word))
            || key.is_some_and(|key| self.words.contains(key))
    }
}

/// `1990`, `1990s`, `2014`: four digits from 1000 to 2999, with an optional `s`.
fn is_year(word: &str) -> bool {
    let digits = word.strip_suffix('s').unwrap_or(word).as_bytes();
    digits.len() == 4 && matches!(digits[0], b'1' | b'2') && digits.iter().all(u8::is_ascii_digit)
}

/// One token of a left context or of a condition: a literal word or a named set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// The word itself (lower-case).
    Word(String),
    /// Index of a [`WordSet`] in the detector's set table.
    Set(usize),
}

/// Where a condition looks, relative to the hedge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The word just before the span.
    Prev,
    /// The word just after the span.
    Next,
    /// Any of the 3 words before the span.
    Near,
    /// Any of the 3 words after the span.
    After,
    /// Any of the 10 words before the span.
    Before,
}

impl Place {
    /// How many words the place covers.
    pub fn reach(self) -> usize {
        match self {
            Place::Prev | Place::Next => 1,
            Place::Near | Place::After => 3,
            Place::Before => 10,
        }
    }

    /// True for places after the match.
    pub fn is_after(self) -> bool {
        matches!(self, Place::Next | Place::After)
    }
}

/// A context rule: some word at `place` is (or, negated, is not) one of `tokens`.
#[derive(Clone, Debug)]
pub struct Condition {
    /// True for `!key=...`: the entry fails when the words match.
    pub negated: bool,
    /// Where to look.
    pub place: Place,
    /// Words and sets that satisfy it.
    pub tokens: Vec<Token>,
}

/// A parsed lexicon line.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Words that must come just before the phrase, in text order.
    pub left: Vec<Token>,
    /// The phrase searched for, lower-case, single spaces.
    pub phrase: String,
    /// Context rules.
    pub conditions: Vec<Condition>,
    /// The match must start with a lower-case letter (`may`, not the month `May`).
    pub lower: bool,
    /// Stable rule id tail: the entry's words joined by `-`.
    pub slug: String,
}

/// Resolves `$name` references to [`WordSet`]s, loading each context list once.
pub struct SetTable<'l> {
    lexicons: &'l Lexicons,
    names: Vec<String>,
    sets: Vec<WordSet>,
}

impl<'l> SetTable<'l> {
    /// An empty table reading lists from `lexicons`.
    pub fn new(lexicons: &'l Lexicons) -> SetTable<'l> {
        SetTable {
            lexicons,
            names: Vec::new(),
            sets: Vec::new(),
        }
    }

    /// The index of set `name`, loading `hedge_context_<name>` on first use.
    pub fn resolve(&mut self, name: &str, origin: &str) -> Result<usize, Error> {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return Ok(i);
        }
        let list_name = format!("hedge_context_{name}");
        if !self.lexicons.names().any(|n| n == list_name) {
            return Err(Error::lexicon(format!(
                "hedge entry `{origin}`: unknown context set `${name}` (no list `{list_name}`)"
            )));
        }
        let words = self
            .lexicons
            .list(&list_name)
            .iter()
            .filter_map(|w| {
                let mut buffer = [0u8; KEY_BYTES];
                lookup_key(w, &mut buffer).map(<[u8]>::to_vec)
            })
            .collect();
        self.names.push(name.to_string());
        self.sets.push(WordSet {
            words,
            digits: name == "number",
            years: name == "past",
        });
        Ok(self.sets.len() - 1)
    }

    /// The resolved sets, indexed by [`Token::Set`].
    pub fn into_sets(self) -> Vec<WordSet> {
        self.sets
    }
}

fn token(raw: &str, sets: &mut SetTable<'_>, origin: &str) -> Result<Token, Error> {
    match raw.strip_prefix('$') {
        Some(name) => Ok(Token::Set(sets.resolve(name, origin)?)),
        None => Ok(Token::Word(raw.to_lowercase())),
    }
}

/// Parses one entry line (comments already stripped).
pub fn parse_entry(line: &str, sets: &mut SetTable<'_>) -> Result<Entry, Error> {
    let mut parts = line.split('|');
    let head = parts.next().unwrap_or("");
    let tokens: Vec<&str> = head.split_whitespace().collect();
    let split = tokens
        .iter()
        .rposition(|t| t.starts_with('$'))
        .map_or(0, |i| i + 1);
    let left = tokens[..split]
        .iter()
        .map(|t| token(t, sets, line))
        .collect::<Result<Vec<_>, _>>()?;
    let phrase_words = &tokens[split..];
    if phrase_words.is_empty() {
        return Err(Error::lexicon(format!(
            "hedge entry `{line}`: no words to search for after the context"
        )));
    }
    let phrase = phrase_words.join(" ").to_lowercase();
    let slug = tokens
        .iter()
        .map(|t| t.trim_start_matches('$').to_lowercase())
        .collect::<Vec<_>>()
        .join("-");
    let mut entry = Entry {
        left,
        phrase,
        conditions: Vec::new(),
        lower: false,
        slug,
    };
    for part in parts {
        let part = part.trim();
        if part == "lower" {
            entry.lower = true;
            continue;
        }
        let (negated, rest) = match part.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        let Some((key, values)) = rest.split_once('=') else {
            return Err(Error::lexicon(format!(
                "hedge entry `{line}`: condition `{part}` is not `key=words`"
            )));
        };
        let place = match key.trim() {
            "prev" => Place::Prev,
            "next" => Place::Next,
            "near" => Place::Near,
            "after" => Place::After,
            "before" => Place::Before,
            other => {
                return Err(Error::lexicon(format!(
                    "hedge entry `{line}`: unknown condition `{other}` \
                     (expected prev, next, near, after or before)"
                )));
            }
        };
        let tokens = values
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| token(v, sets, line))
            .collect::<Result<Vec<_>, _>>()?;
        entry.conditions.push(Condition {
            negated,
            place,
            tokens,
        });
    }
    Ok(entry)
}

/// True when `word` is the token (a literal word or a member of the set).
pub fn token_matches(token: &Token, word: &str, sets: &[WordSet]) -> bool {
    match token {
        Token::Word(w) => same_word(w, word),
        Token::Set(i) => sets.get(*i).is_some_and(|s| s.contains(word)),
    }
}

/// True when some word of `words` is one of the condition's tokens.
pub fn any_matches(tokens: &[Token], words: &[Word<'_>], sets: &[WordSet]) -> bool {
    words.iter().any(|w| {
        let mut buffer = [0u8; KEY_BYTES];
        let key = lookup_key(w.text, &mut buffer);
        tokens.iter().any(|t| match t {
            // Lexicon words are lower case, so a folded key equals one exactly when
            // `same_word` holds; only a word too long to fold needs the slow comparison.
            Token::Word(word) => match key {
                Some(key) => key == word.as_bytes(),
                None => same_word(word, w.text),
            },
            Token::Set(i) => sets.get(*i).is_some_and(|s| s.contains_folded(w.text, key)),
        })
    })
}

/// A multiply-xorshift hash taking 8 bytes at a time: context sets hold a few dozen short
/// words, looked up many times per document. SipHash's protection against chosen keys buys
/// nothing for a set that is never grown from input, and byte-at-a-time FNV (used before)
/// spent more on hashing a key and its length prefix than on the rest of the lookup.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        let hash = (self.0 ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = hash ^ (hash >> 29);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_left_context_phrase_and_conditions() {
        let lexicons = Lexicons::built_in();
        let mut sets = SetTable::new(&lexicons);
        let cases: &[(&str, usize, &str, usize, bool, &str)] = &[
            // line, left tokens, phrase, conditions, lower, slug
            ("it $be stated", 2, "stated", 0, false, "it-be-stated"),
            ("$be said to", 1, "said to", 0, false, "be-said-to"),
            ("may | lower | !prev=$permission", 0, "may", 1, true, "may"),
            ("about | next=$number", 0, "about", 1, false, "about"),
            (
                "Some   Experts",
                0,
                "some experts",
                0,
                false,
                "some-experts",
            ),
        ];
        for (line, left, phrase, conditions, lower, slug) in cases {
            let entry = parse_entry(line, &mut sets).unwrap();
            assert_eq!(entry.left.len(), *left, "{line}");
            assert_eq!(entry.phrase, *phrase, "{line}");
            assert_eq!(entry.conditions.len(), *conditions, "{line}");
            assert_eq!(entry.lower, *lower, "{line}");
            assert_eq!(entry.slug, *slug, "{line}");
        }
    }

    #[test]
    fn malformed_entries_are_errors() {
        let lexicons = Lexicons::built_in();
        let mut sets = SetTable::new(&lexicons);
        let cases = [
            ("$be", "no words"),
            ("may | !prev=$nosuchset", "unknown context set"),
            ("may | around=you", "unknown condition"),
            ("may | you", "is not `key=words`"),
        ];
        for (line, message) in cases {
            let err = parse_entry(line, &mut sets).unwrap_err();
            assert!(err.to_string().contains(message), "{line}: {err}");
        }
    }
}
