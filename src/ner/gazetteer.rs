//! Gazetteer lookup: every name list compiled into one Aho-Corasick automaton, run once per
//! document, leftmost-longest, keeping only matches that fall on word boundaries.
//!
//! One automaton over all lists (rather than one per list, or a lookup per word) keeps the
//! cost at a single pass over the text whatever the number of lists; each pattern carries
//! the set of lists it came from, so `Jordan` can be a country and a given name at once and
//! the name rules decide with context.

use super::fast_hash::{FastMap as HashMap, FastSet as HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use super::tokens::{DIGIT, NAME, Token};

use crate::Error;
use crate::lexicon::Lexicons;

/// The name is a country (GPE).
pub const COUNTRY: u32 = 1;
/// A state, province or other first-level region (GPE).
pub const REGION: u32 = 1 << 1;
/// A city (GPE).
pub const CITY: u32 = 1 << 2;
/// A natural or other non-political place (LOC).
pub const LOCATION: u32 = 1 << 3;
/// A nationality, religious or political group (NORP).
pub const DEMONYM: u32 = 1 << 4;
/// A given name.
pub const GIVEN: u32 = 1 << 5;
/// A surname.
pub const SURNAME: u32 = 1 << 6;
/// An organisation (ORG).
pub const ORG: u32 = 1 << 7;
/// The entry is also an ordinary English word (`Will`, `Phoenix`, `Apple`): needs context.
pub const AMBIGUOUS_GIVEN: u32 = 1 << 8;
/// A surname that is also an ordinary word (`Young`, `King`).
pub const AMBIGUOUS_SURNAME: u32 = 1 << 9;
/// A city name that is also an ordinary word.
pub const AMBIGUOUS_CITY: u32 = 1 << 10;
/// An organisation name that is also an ordinary word.
pub const AMBIGUOUS_ORG: u32 = 1 << 11;

/// Any GPE list.
pub const GPE: u32 = COUNTRY | REGION | CITY;
/// Any place list.
pub const PLACE: u32 = GPE | LOCATION;
/// Any person-name list.
pub const PERSON_PART: u32 = GIVEN | SURNAME;

/// The lists read, with the flag each contributes.
pub const LISTS: &[(&str, u32)] = &[
    ("gazetteer_countries", COUNTRY),
    ("gazetteer_regions", REGION),
    ("gazetteer_cities", CITY),
    ("gazetteer_cities_ambiguous", AMBIGUOUS_CITY),
    ("gazetteer_locations", LOCATION),
    ("gazetteer_demonyms", DEMONYM),
    ("gazetteer_given_names", GIVEN),
    ("gazetteer_given_names_ambiguous", AMBIGUOUS_GIVEN),
    ("gazetteer_surnames", SURNAME),
    ("gazetteer_surnames_ambiguous", AMBIGUOUS_SURNAME),
    ("gazetteer_organisations", ORG),
    ("gazetteer_organisations_ambiguous", AMBIGUOUS_ORG),
];

/// A gazetteer hit in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lists the name is on.
    pub flags: u32,
}

/// All name lists as one automaton, plus a map for lookups of single strings.
pub struct Gazetteer {
    /// First words of all names: a capitalised word that opens none is not searched.
    first_words: HashSet<String>,
    automaton: AhoCorasick,
    pattern_flags: Vec<u32>,
    by_name: HashMap<String, u32>,
}

impl Gazetteer {
    /// Compiles the lists named in [`LISTS`].
    pub fn new(lexicons: &Lexicons) -> Result<Gazetteer, Error> {
        let mut by_name: HashMap<String, u32> = HashMap::default();
        for (list, flag) in LISTS {
            for entry in lexicons.list(list) {
                *by_name.entry(entry.clone()).or_insert(0) |= flag;
            }
        }
        // Entries only on an "ambiguous" list (a user addition) still need a base list to
        // be names; leave them in so the ambiguity flag can be read.
        let mut patterns: Vec<(&String, u32)> = by_name.iter().map(|(k, v)| (k, *v)).collect();
        patterns.sort();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| Error::config(format!("gazetteer automaton: {e}")))?;
        let pattern_flags = patterns.iter().map(|(_, f)| *f).collect();
        let first_words = patterns
            .iter()
            .map(|(p, _)| first_word(p).to_string())
            .collect();
        Ok(Gazetteer {
            first_words,
            automaton,
            pattern_flags,
            by_name,
        })
    }

    /// Lists holding exactly `name` (0 when none).
    pub fn lookup(&self, name: &str) -> u32 {
        self.by_name.get(name).copied().unwrap_or(0)
    }

    /// Appends the word-bounded matches among `tokens` to `out`, in order.
    ///
    /// Names start with a capital letter or a digit, so the automaton runs anchored at
    /// those word starts only (capitalised words marked [`NAME`], skipping `The`,
    /// `However`, months): one left-to-right pass over a sentence's capitalised
    /// words, each search as long as the longest name that could start there. `text` may
    /// be a case-folded copy of the document of the same byte length (for all-caps
    /// headlines) that starts at document byte `base`; matches are in document offsets.
    pub fn find(&self, text: &str, base: usize, tokens: &[Token], out: &mut Vec<GazetteerMatch>) {
        let Some(end) = tokens.last().map(|t| t.end - base) else {
            return;
        };
        let mut covered = 0;
        for token in tokens {
            if token.start < covered || token.flags & (NAME | DIGIT) == 0 {
                continue;
            }
            let Some(start) = token.start.checked_sub(base).filter(|&s| s < end) else {
                continue;
            };
            let word = text.get(start..token.end - base).unwrap_or("");
            if !self.first_words.contains(first_word(word)) {
                continue;
            }
            let input = Input::new(text).span(start..end).anchored(Anchored::Yes);
            let Some(m) = self.automaton.find(input) else {
                continue;
            };
            if ends_word(text, m.end()) {
                out.push(GazetteerMatch {
                    start: m.start() + base,
                    end: m.end() + base,
                    flags: self.pattern_flags[m.pattern().as_usize()],
                });
                covered = m.end() + base;
            }
        }
    }
}

/// The first word of a name as the tokenizer sees it: up to a space, without a comma
/// (`New` for `New York`, `Washington` for `Washington, D.C.`).
fn first_word(name: &str) -> &str {
    let first = name.split(' ').next().unwrap_or(name);
    first.strip_suffix(',').unwrap_or(first)
}

fn ends_word(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    match rest.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '-' || c == '&' => false,
        // `Haddad's` ends the name; `O'Brien` does not end at `O`.
        Some('\'' | '’') => matches!(rest.next(), Some('s') | None) || rest.next().is_none(),
        Some('.') => !rest.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tokens::{CAP, Tokenizer};

    #[test]
    fn matches_fall_on_word_boundaries_and_carry_their_lists() {
        let gazetteer = Gazetteer::new(&Lexicons::built_in()).unwrap();
        let cases: &[(&str, &[(&str, u32)])] = &[
            ("in New York today", &[("New York", GPE)]),
            ("Parisians in Paris", &[("Paris", CITY)]),
            ("Kenya's capital", &[("Kenya", COUNTRY)]),
            ("the Somalian coast", &[]),
        ];
        for (text, expected) in cases {
            let mut tokens = Vec::new();
            Tokenizer::new(["Dr."]).tokenize(text, 0, text.len(), &mut tokens);
            for t in tokens.iter_mut().filter(|t| t.flags & CAP != 0) {
                t.flags |= NAME;
            }
            let mut out = Vec::new();
            gazetteer.find(text, 0, &tokens, &mut out);
            for (name, flag) in *expected {
                assert!(
                    out.iter()
                        .any(|m| &text[m.start..m.end] == *name && m.flags & flag != 0),
                    "{text}: {name} not found in {out:?}"
                );
            }
            for m in &out {
                assert!(tokens.iter().any(|t| t.start == m.start), "{text}");
                assert!(ends_word(text, m.end), "{text}");
            }
        }
    }
}
