//! Reporting cues as data: the verb, phrase and source lexicons compiled once into word
//! tables, read in one pass over each document.
//!
//! The same pass finds quote marks and newlines, so it gives the extractor every cue
//! candidate and everything the quotation pairing needs.
//!
//! A cue is one or more words (letters, digits, `-`, `_`) separated by single spaces,
//! matched ignoring ASCII case. The pass reads the text word by word: a one-word cue costs
//! one table probe per word, and a phrase is only tried where a word ends in a letter some
//! phrase's first word ends in and a space follows. Candidates are what a leftmost-longest
//! search of all cue texts would report, kept only when they start and end on word
//! boundaries; in particular a phrase found inside a word (`as reported by` in `has
//! reported by`) hides the cues it covers.

use std::collections::{HashMap, HashSet};

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::text::Span;

use super::frames::LemmaFrames;
use super::quotes::{DOUBLED_APOSTROPHE, DOUBLED_BACKTICK};
use super::tokens::WordTable;

/// The grammatical roles a verb form can play; a form may play several (`said` is past and
/// participle).
pub(crate) mod role {
    /// Base form (`say`).
    pub const BASE: u8 = 1;
    /// Third person singular (`says`).
    pub const THIRD: u8 = 2;
    /// Past tense (`said`).
    pub const PAST: u8 = 4;
    /// Past participle (`said`, `written`).
    pub const PARTICIPLE: u8 = 8;
    /// `-ing` form (`saying`).
    pub const ING: u8 = 16;
    /// Any finite use (a form given without its role).
    pub const ANY: u8 = BASE | THIRD | PAST | PARTICIPLE;
}

/// Which family a cue comes from, which decides how much evidence it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// A speech act (`said`, `told`, `claimed`).
    Speech,
    /// Belief, knowledge or evidence (`believe`, `show`): needs a complement clause.
    Belief,
    /// A prepositional phrase whose source follows (`according to`).
    Phrase,
}

/// One lexicon entry a matched form belongs to.
#[derive(Clone, Debug)]
pub(crate) struct CueEntry {
    /// Roles of the matched form.
    pub roles: u8,
    /// Its family.
    pub class: CueClass,
    /// What the frame rules ask of its lemma (the first form of its line).
    pub frames: LemmaFrames,
}

/// A cue candidate found in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CueHit {
    /// The matched words.
    pub span: Span,
    /// Index into [`CueLexicon::entries`].
    pub entry: usize,
}

/// What one pass over a document found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Cue candidates, in order, on word boundaries.
    pub cues: Vec<CueHit>,
    /// Quote marks and newlines, in order.
    pub marks: Vec<(usize, char)>,
}

/// A cue of several words.
struct Phrase {
    /// Its text, ASCII-lower-cased.
    text: Vec<u8>,
    /// The length of its first word.
    first_len: usize,
    /// Index into [`CueLexicon::entries`].
    entry: usize,
}

/// The compiled cue lexicons.
pub(crate) struct CueLexicon {
    /// One-word cues: entry index + 1 (0 for other words).
    words: WordTable,
    /// Which one-word cues there may be, by [`shape`]: most words are no cue, and this
    /// tells so for most of them without a probe of `words`.
    shapes: Box<[u64; SHAPES / 64]>,
    /// Cues of several words.
    phrases: Vec<Phrase>,
    /// Which phrases there may be around a space, by [`phrase_key`]: most words are
    /// followed by no phrase, and this tells so for most of them without comparing text.
    phrase_keys: Box<[u64; PHRASE_KEYS / 64]>,
    /// The entries.
    pub entries: Vec<CueEntry>,
    /// Every verb form, lower-cased, so noun-phrase walks can stop at verbs.
    pub verb_forms: HashSet<String>,
    /// Nouns naming a report (`statement`, `interview`), lower-cased.
    report_nouns: HashSet<String>,
    /// Per entry, the text it is matched by (for comparing with a reference search).
    #[cfg(test)]
    patterns: Vec<String>,
}

impl CueLexicon {
    /// Compiles the `reporting_verbs`, `belief_verbs` and `reporting_phrases` lists.
    pub fn new(lexicons: &Lexicons) -> Result<CueLexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<CueEntry> = Vec::new();
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut verb_forms = HashSet::new();
        for (list, class) in [
            ("reporting_verbs", CueClass::Speech),
            ("belief_verbs", CueClass::Belief),
        ] {
            for line in lexicons.list(list) {
                let forms: Vec<&str> = line.split_whitespace().collect();
                let Some(lemma) = forms.first() else { continue };
                let full = forms.len() == 5;
                let roles_of = [
                    role::BASE,
                    role::THIRD,
                    role::PAST,
                    role::PARTICIPLE,
                    role::ING,
                ];
                for (i, form) in forms.iter().enumerate() {
                    let form = form.to_lowercase();
                    let roles = if full {
                        roles_of[i]
                    } else if form.ends_with("ing") {
                        role::ING
                    } else {
                        role::ANY
                    };
                    verb_forms.insert(form.clone());
                    match by_form.get(&form) {
                        // The same form twice (`said said`, or in two lists): one pattern,
                        // its roles merged; the first list keeps the class.
                        Some(&e) => entries[e].roles |= roles,
                        None => {
                            by_form.insert(form.clone(), entries.len());
                            patterns.push(form);
                            entries.push(CueEntry {
                                frames: LemmaFrames::of(&lemma.to_lowercase()),
                                roles,
                                class,
                            });
                        }
                    }
                }
            }
        }
        for phrase in lexicons.list("reporting_phrases") {
            let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            if phrase.is_empty() || by_form.contains_key(&phrase.to_lowercase()) {
                continue;
            }
            by_form.insert(phrase.to_lowercase(), entries.len());
            entries.push(CueEntry {
                frames: LemmaFrames::of(&phrase.to_lowercase()),
                roles: 0,
                class: CueClass::Phrase,
            });
            patterns.push(phrase);
        }
        let mut words = WordTable::default();
        let mut shapes = Box::new([0u64; SHAPES / 64]);
        let mut phrases = Vec::new();
        let mut phrase_keys = Box::new([0u64; PHRASE_KEYS / 64]);
        for (entry, pattern) in patterns.iter().enumerate() {
            if pattern.chars().any(|c| c != ' ' && !is_word_char(c)) {
                return Err(Error::lexicon(format!(
                    "cue lexicon: `{pattern}`: a cue is words of letters, digits, `-` and `_` \
                     separated by spaces"
                )));
            }
            let text = pattern.to_ascii_lowercase().into_bytes();
            match text.iter().position(|&b| b == b' ') {
                // Forms are unique ignoring case, so each word is added once.
                None => {
                    words.add(pattern, entry as u32 + 1);
                    let shape = shape(pattern.as_bytes());
                    shapes[shape / 64] |= 1 << (shape % 64);
                }
                Some(first_len) => {
                    // The two bytes either side of the space; a byte outside the phrase
                    // (before a one-letter first word, after a one-letter second word)
                    // may be anything.
                    let around = |i: Option<usize>| -> Vec<u8> {
                        match i.and_then(|i| text.get(i)) {
                            Some(&b) => vec![b],
                            None => (0..32).collect(),
                        }
                    };
                    for &a in &around(first_len.checked_sub(2)) {
                        for &b in &around(Some(first_len - 1)) {
                            for &c in &around(Some(first_len + 1)) {
                                for &d in &around(Some(first_len + 2)) {
                                    let window = u64::from_le_bytes([a, b, b' ', c, d, 0, 0, 0]);
                                    let key = phrase_key(window);
                                    phrase_keys[key / 64] |= 1 << (key % 64);
                                }
                            }
                        }
                    }
                    phrases.push(Phrase {
                        text,
                        first_len,
                        entry,
                    });
                }
            }
        }
        let report_nouns = lexicons
            .list("reporting_nouns")
            .iter()
            .map(|n| n.to_lowercase())
            .collect();
        Ok(CueLexicon {
            words,
            shapes,
            phrases,
            phrase_keys,
            entries,
            verb_forms,
            report_nouns,
            #[cfg(test)]
            patterns,
        })
    }

    /// True when `word` names a report (`statement`, `interview`, `conference`).
    pub fn is_report_noun(&self, word: &str) -> bool {
        self.report_nouns.contains(&word.to_lowercase())
    }

    /// Finds cue candidates, quote marks and newlines in one pass.
    pub fn scan(&self, text: &str) -> Scan {
        let mut scan = Scan::default();
        let bytes = text.as_bytes();
        // Cue search resumes here: a phrase may cover the words after its first.
        let mut resume = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = match SCAN_KINDS[usize::from(b)] {
                ScanKind::Other => {
                    i += 1;
                    continue;
                }
                ScanKind::Word => (char::from(b), 1),
                ScanKind::Mark => {
                    if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        scan.marks.push((i, DOUBLED_APOSTROPHE));
                        i += 2;
                    } else {
                        scan.marks.push((i, char::from(b)));
                        i += 1;
                    }
                    continue;
                }
                ScanKind::Backtick => {
                    if bytes.get(i + 1) == Some(&b'`') {
                        scan.marks.push((i, DOUBLED_BACKTICK));
                        i += 2;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                ScanKind::NonAscii => {
                    let (c, len) = char_at(text, i);
                    if !is_word_char(c) {
                        if matches!(c, '“' | '”' | '«' | '»' | '„' | '‘' | '’') {
                            scan.marks.push((i, c));
                        }
                        i += len;
                        continue;
                    }
                    (c, len)
                }
            };
            debug_assert!(is_word_char(c));
            let start = i;
            let mut end = i + len;
            loop {
                while end < bytes.len() && SCAN_KINDS[usize::from(bytes[end])] == ScanKind::Word {
                    end += 1;
                }
                if end < bytes.len() && bytes[end] >= 0x80 {
                    let (d, d_len) = char_at(text, end);
                    if is_word_char(d) {
                        end += d_len;
                        continue;
                    }
                }
                break;
            }
            self.word(text, start, end, &mut resume, &mut scan.cues);
            i = end;
        }
        scan
    }

    /// The cue candidates of the word `start..end` (and of a phrase starting in it), given
    /// that the search resumes at `resume`.
    #[inline]
    fn word(
        &self,
        text: &str,
        start: usize,
        end: usize,
        resume: &mut usize,
        out: &mut Vec<CueHit>,
    ) {
        if end <= *resume {
            return;
        }
        let bytes = text.as_bytes();
        let from = start.max(*resume);
        let phrase_here = bytes.get(end) == Some(&b' ')
            && self.may_have_phrase(bytes, end)
            && self
                .phrases
                .iter()
                .any(|p| end >= from + p.first_len && phrase_matches(bytes, p, end - p.first_len));
        if !phrase_here {
            // Only one-word cues can start in this word, and they end inside it: the only
            // one on word boundaries is the whole word, found when the search has not
            // entered the word.
            let word = &bytes[start..end];
            let shape = shape(word);
            if start >= *resume && self.shapes[shape / 64] & 1 << (shape % 64) != 0 {
                let value = self.words.get_in(bytes, start, end);
                if value != 0 {
                    out.push(CueHit {
                        span: Span::new(start, end),
                        entry: value as usize - 1,
                    });
                }
            }
            return;
        }
        // A phrase starts in this word: follow the leftmost-longest search through it, since
        // a one-word cue found inside the word may hide the phrase.
        let mut s = from;
        while s < end {
            let found = self.phrase_at(bytes, s, end).or_else(|| {
                (s + 1..=end).rev().find_map(|e| {
                    let value = self.words.get(&bytes[s..e]);
                    (value != 0).then(|| (e, value as usize - 1))
                })
            });
            match found {
                Some((e, entry)) => {
                    let before_ok = s == 0 || !is_word_before(text, s);
                    let after_ok = e >= bytes.len() || !is_word_at(text, e);
                    if before_ok && after_ok {
                        out.push(CueHit {
                            span: Span::new(s, e),
                            entry,
                        });
                    }
                    *resume = e;
                    s = e;
                }
                None => s += 1,
            }
        }
    }

    /// Whether some phrase may hold the space at `end`, judged by the bytes around it.
    #[inline]
    fn may_have_phrase(&self, bytes: &[u8], end: usize) -> bool {
        match end
            .checked_sub(2)
            .and_then(|from| bytes.get(from..from + 8))
        {
            Some(window) => {
                let window = u64::from_le_bytes(window.try_into().unwrap_or_default());
                let key = phrase_key(window);
                self.phrase_keys[key / 64] & 1 << (key % 64) != 0
            }
            // Near either end of the text: let the comparison decide.
            None => true,
        }
    }

    /// The end and entry of the longest phrase found at `s`, whose first word ends at
    /// `word_end`.
    fn phrase_at(&self, bytes: &[u8], s: usize, word_end: usize) -> Option<(usize, usize)> {
        self.phrases
            .iter()
            .filter(|p| s + p.first_len == word_end && phrase_matches(bytes, p, s))
            .max_by_key(|p| p.text.len())
            .map(|p| (s + p.text.len(), p.entry))
    }
}

/// How many word shapes [`shape`] tells apart.
const SHAPES: usize = 1 << 15;

/// A word's length and the low five bits of its first and last bytes: words equal but for
/// ASCII case have the same shape (the bits leave out case).
#[inline]
fn shape(word: &[u8]) -> usize {
    let five = |b: u8| usize::from(b & 0x1f);
    five(word[0]) | five(word[word.len() - 1]) << 5 | (word.len() & 0x1f) << 10
}

/// How many keys [`phrase_key`] tells apart.
const PHRASE_KEYS: usize = 1 << 15;

/// A hash of the low five bits of the two bytes before a space and the two after, given
/// eight bytes read from two before the space: bytes equal but for ASCII case have the
/// same key.
#[inline]
fn phrase_key(window: u64) -> usize {
    let bits = window & 0x1f_1f00_1f1f;
    (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 15)) as usize
}

/// Whether `phrase` is found at byte `s` of `bytes`.
fn phrase_matches(bytes: &[u8], phrase: &Phrase, s: usize) -> bool {
    bytes
        .get(s..s + phrase.text.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(&phrase.text))
}

/// What a byte is to the scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ScanKind {
    /// An ASCII letter, digit, `-` or `_`.
    Word,
    /// A straight quote mark, an apostrophe or a newline.
    Mark,
    /// A backtick: a mark when doubled.
    Backtick,
    /// The first byte of a multi-byte character.
    NonAscii,
    /// Anything else.
    Other,
}

/// [`ScanKind`] by byte value.
const SCAN_KINDS: [ScanKind; 256] = {
    let mut kinds = [ScanKind::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' {
            ScanKind::Word
        } else if c == b'"' || c == b'\'' || c == b'\n' {
            ScanKind::Mark
        } else if c == b'`' {
            ScanKind::Backtick
        } else {
            ScanKind::Other
        };
        b += 1;
    }
    kinds
};

/// Whether `c` continues a word for cue matching.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether the character just before `offset` continues a word.
fn is_word_before(text: &str, offset: usize) -> bool {
    text[..offset].chars().next_back().is_some_and(is_word_char)
}

/// Whether the character at `offset` continues a word.
fn is_word_at(text: &str, offset: usize) -> bool {
    text[offset..].chars().next().is_some_and(is_word_char)
}

/// The character at byte `i` of `text` (a char boundary) and its length.
fn char_at(text: &str, i: usize) -> (char, usize) {
    text[i..]
        .chars()
        .next()
        .map_or((' ', 1), |c| (c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

    use super::*;
    use crate::lexicon::UserLexicon;

    /// The lexicon with extra verbs and phrases that overlap each other and the built-in
    /// ones: phrases opening with a verb, phrases sharing a first word, non-ASCII words.
    fn lexicon() -> CueLexicon {
        let user = UserLexicon::from_json(
            r#"{"add": {
                "reporting_verbs": ["éclaire éclaires éclairé éclairé éclairant", "co-sign"],
                "reporting_phrases": ["said by", "as said", "in the view of", "in the", "Selon À",
                                      "say so", "reportedly"]
            }}"#,
            "test",
        )
        .unwrap();
        CueLexicon::new(&Lexicons::with_user(&[user]).unwrap()).unwrap()
    }

    /// The scan as a leftmost-longest automaton over every cue text and mark gives it, cues
    /// kept on word boundaries: the definition the word-by-word pass must agree with.
    fn reference(lexicon: &CueLexicon, text: &str) -> Scan {
        thread_local! {
            static AUTOMATON: AhoCorasick = {
                let lexicon = self::lexicon();
                let marks = ["\"", "“", "”", "«", "»", "„", "'", "‘", "’", "\n", "''", "``"];
                let patterns: Vec<&str> = lexicon
                    .patterns
                    .iter()
                    .map(String::as_str)
                    .chain(marks)
                    .collect();
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .unwrap()
            };
        }
        let matches: Vec<_> = AUTOMATON.with(|a| a.find_iter(text).collect());
        let mut scan = Scan::default();
        for m in matches {
            let entry = m.pattern().as_usize();
            if entry >= lexicon.patterns.len() {
                let c = match &text[m.start()..m.end()] {
                    "''" => DOUBLED_APOSTROPHE,
                    "``" => DOUBLED_BACKTICK,
                    mark => mark.chars().next().unwrap(),
                };
                scan.marks.push((m.start(), c));
            } else if (m.start() == 0 || !is_word_before(text, m.start()))
                && (m.end() == text.len() || !is_word_at(text, m.end()))
            {
                scan.cues.push(CueHit {
                    span: Span::new(m.start(), m.end()),
                    entry,
                });
            }
        }
        scan
    }

    /// The texts of the cues the scan finds, in order.
    fn cue_texts<'t>(lexicon: &CueLexicon, text: &'t str) -> Vec<&'t str> {
        lexicon
            .scan(text)
            .cues
            .iter()
            .map(|c| c.span.of(text))
            .collect()
    }

    fn check(lexicon: &CueLexicon, text: &str) {
        let got = lexicon.scan(text);
        let expected = reference(lexicon, text);
        assert_eq!(got.cues, expected.cues, "cues of {text:?}");
        assert_eq!(got.marks, expected.marks, "marks of {text:?}");
    }

    #[test]
    fn cues_sit_on_word_boundaries_and_ignore_ascii_case() {
        let lexicon = lexicon();
        let text = "He SAID, unsaid, said-so, _said, said’s “said” SAÏD éclairé Éclairé said\n";
        assert_eq!(
            cue_texts(&lexicon, text),
            ["SAID", "said", "said", "éclairé", "said"]
        );
        check(&lexicon, text);
    }

    #[test]
    fn the_longest_cue_wins_and_hides_what_it_covers() {
        let lexicon = lexicon();
        for (text, expected) in [
            ("According to police", &["According to"][..]),
            ("according tomorrow", &[]),
            ("as reported by AP", &["as reported by"]),
            // Found inside `has`, the phrase is no cue, and `reported` is hidden by it.
            ("it has reported by far", &[]),
            ("it has reported profits", &["reported"]),
            ("he said by him", &["said by"]),
            // `as said` inside `was` comes first.
            ("was said by him", &[]),
            ("as said by him", &["as said"]),
            ("in the view of critics", &["in the view of"]),
            ("in the words of", &["in the words of"]),
            ("within the view", &[]),
            ("selon à", &[]),
            ("SELON À", &["SELON À"]),
        ] {
            assert_eq!(cue_texts(&lexicon, text), expected, "text {text:?}");
            check(&lexicon, text);
        }
    }

    #[test]
    fn marks_are_found_with_doubled_apostrophes_and_backticks() {
        let lexicon = lexicon();
        let text = "''a''' ``b``` `c' “d” «e» „f‘ g’ \"h\"\n";
        check(&lexicon, text);
        assert_eq!(lexicon.scan(text).marks.len(), 16);
    }

    #[test]
    fn the_word_pass_agrees_with_a_leftmost_longest_search() {
        let lexicon = lexicon();
        let pieces = [
            "said",
            "Said",
            "SAYS",
            "say",
            "saying",
            "so",
            "according",
            "According",
            "to",
            "To",
            "tomorrow",
            "as",
            "has",
            "was",
            "reported",
            "by",
            "byline",
            "quoted",
            "in",
            "the",
            "words",
            "of",
            "within",
            "view",
            "explain",
            "told",
            "x",
            "é",
            "É",
            "ü",
            "2",
            "_",
            "-",
            "'",
            "''",
            "``",
            "`",
            "\"",
            "“",
            "”",
            "«",
            "»",
            "„",
            "‘",
            "’",
            "\n",
            " ",
            " ",
            " ",
            "  ",
            ".",
            ",",
            "—",
            "’s",
            "éclairé",
            "selon",
            "À",
            "co-sign",
            "re",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(12);
            let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            check(&lexicon, &text);
        }
    }

    #[test]
    fn cues_of_other_characters_are_refused() {
        for entry in ["don't", "o.k.", "'s"] {
            let user = UserLexicon::from_json(
                &format!(r#"{{"add": {{"reporting_phrases": ["{entry}"]}}}}"#),
                "test",
            )
            .unwrap();
            assert!(
                CueLexicon::new(&Lexicons::with_user(&[user]).unwrap()).is_err(),
                "entry {entry:?}"
            );
        }
    }
}
