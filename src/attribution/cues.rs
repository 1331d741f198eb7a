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
use std::sync::Arc;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::CueClass as ReportClass;
use crate::text::Span;

use super::quotes::{DOUBLED_APOSTROPHE, DOUBLED_BACKTICK};
use crate::tokens::{GLUED, JOINED, POSSESSIVE, PUNCT, Tokens, Vocabulary};

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
    /// The lemma, lower case (the first form of its line, or the phrase), as output.
    pub lemma: Arc<str>,
    /// The class of report written to output: `cue_classes` by lemma, else speech for
    /// reporting verbs and phrases, belief for belief verbs.
    pub report_class: ReportClass,
}

/// The `cue_classes` list: lemma to class. A line is a class name and its lemmas.
fn report_classes(lexicons: &Lexicons) -> Result<HashMap<String, ReportClass>, Error> {
    let mut classes = HashMap::new();
    for line in lexicons.list("cue_classes") {
        let mut words = line.split_whitespace();
        let Some(name) = words.next() else { continue };
        let class = ReportClass::from_name(name).ok_or_else(|| {
            Error::lexicon(format!(
                "cue_classes: `{name}` is no class (speech, belief, evidence, intention)"
            ))
        })?;
        for lemma in words {
            classes.insert(lemma.to_lowercase(), class);
        }
    }
    Ok(classes)
}

/// What the frame rules ask of a verb by its lemma, worked out once per cue entry from the
/// lexicon lists rather than by searching the lists for every candidate.
#[derive(Clone, Debug, Default)]
pub(crate) struct LemmaFrames {
    /// Its hearer comes between it and what is said (`attribution_hearer_verbs`).
    pub hearer: bool,
    /// It reports with a `to` infinitive (`attribution_infinitive_verbs`).
    pub infinitive: bool,
    /// It reports as `X is said to` (`attribution_said_to_verbs`).
    pub said_to: bool,
    /// The particles that belong to it (`attribution_verb_particle_pairs`), in list order.
    pub particles: Vec<String>,
}

impl LemmaFrames {
    /// The frames of the verb `lemma`.
    pub fn of(lemma: &str, lexicons: &Lexicons) -> LemmaFrames {
        let listed = |name: &str| lexicons.list(name).iter().any(|w| w == lemma);
        LemmaFrames {
            hearer: listed("attribution_hearer_verbs"),
            infinitive: listed("attribution_infinitive_verbs"),
            said_to: listed("attribution_said_to_verbs"),
            particles: lexicons
                .list("attribution_verb_particle_pairs")
                .iter()
                .filter_map(|pair| pair.split_once(char::is_whitespace))
                .filter(|(verb, _)| *verb == lemma)
                .map(|(_, particle)| particle.trim().to_string())
                .collect(),
        }
    }
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
    /// The one-word cues go into `vocabulary` (entry index + 1 in [`crate::tokens::Entry::cue`]).
    pub fn new(lexicons: &Lexicons, vocabulary: &mut Vocabulary) -> Result<CueLexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<CueEntry> = Vec::new();
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut verb_forms = HashSet::new();
        let classes = report_classes(lexicons)?;
        for (list, class) in [
            ("reporting_verbs", CueClass::Speech),
            ("belief_verbs", CueClass::Belief),
        ] {
            for line in lexicons.list(list) {
                let forms: Vec<&str> = line.split_whitespace().collect();
                let Some(lemma) = forms.first() else { continue };
                let full = forms.len() == 5;
                let lemma: Arc<str> = Arc::from(lemma.to_lowercase());
                let report_class = classes.get(&*lemma).copied().unwrap_or(match class {
                    CueClass::Belief => ReportClass::Belief,
                    _ => ReportClass::Speech,
                });
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
                                frames: LemmaFrames::of(&lemma, lexicons),
                                roles,
                                class,
                                lemma: lemma.clone(),
                                report_class,
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
            let lemma: Arc<str> = Arc::from(phrase.to_lowercase());
            entries.push(CueEntry {
                frames: LemmaFrames::of(&lemma, lexicons),
                roles: 0,
                class: CueClass::Phrase,
                report_class: classes.get(&*lemma).copied().unwrap_or(ReportClass::Speech),
                lemma,
            });
            patterns.push(phrase);
        }
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
                    vocabulary.add_cue(pattern, entry);
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

    /// Finds cue candidates, quote marks and newlines, in one walk over the tokens.
    ///
    /// A cue matches whole words, where a word for cue matching is a run of letters,
    /// digits, `-` and `_` ([`is_word_char`]): a token of letters and digits standing alone
    /// is such a word as it is, with its cue from its probe; runs of tokens written
    /// together and tokens holding other characters are read again character by character.
    /// Marks are punctuation tokens, apostrophes inside words, and the newlines and marks
    /// of the text between tokens (spaces, and noise lines, which have no tokens but may
    /// hold the mark that pairs a quotation).
    pub fn scan(&self, tokens: &Tokens<'_>) -> Scan {
        let text = tokens.text();
        let bytes = text.as_bytes();
        let vocabulary = tokens.vocabulary();
        let mut scan = Scan::default();
        // Cue search resumes here: a phrase may cover the words after its first.
        let mut resume = 0;
        // The cue word being read across tokens written together, and the cue of its
        // token when it is one token standing alone (whose probe already told).
        let mut run: Option<(usize, usize)> = None;
        let mut run_cue: Option<u32> = None;
        let all = tokens.all();
        let mut previous_end = 0;
        let mut k = 0;
        while k < all.len() {
            let t = &all[k];
            k += 1;
            marks_between(text, previous_end, t.start, &mut scan.marks);
            previous_end = t.end;
            if run.is_some_and(|(_, end)| end != t.start) {
                let (start, end) = run.take().expect("checked");
                self.word(
                    text,
                    vocabulary,
                    start,
                    end,
                    run_cue,
                    &mut resume,
                    &mut scan.cues,
                );
            }
            if t.flags & (JOINED | PUNCT | POSSESSIVE) == 0 {
                // Letters and digits only.
                run_cue = if run.is_none() { Some(t.cue) } else { None };
                run = Some(run.map_or((t.start, t.end), |(start, _)| (start, t.end)));
                continue;
            }
            if t.flags & PUNCT != 0 {
                // A doubled apostrophe or backtick is one mark of two tokens.
                let doubled = |b: u8| {
                    all.get(k).is_some_and(|n| {
                        n.flags & (PUNCT | GLUED) == PUNCT | GLUED && bytes[n.start] == b
                    })
                };
                match bytes[t.start] {
                    b'\'' if doubled(b'\'') => {
                        scan.marks.push((t.start, DOUBLED_APOSTROPHE));
                        previous_end = all[k].end;
                        k += 1;
                    }
                    b'`' if doubled(b'`') => {
                        scan.marks.push((t.start, DOUBLED_BACKTICK));
                        previous_end = all[k].end;
                        k += 1;
                    }
                    _ => marks_between(text, t.start, t.end, &mut scan.marks),
                }
            } else {
                marks_between(text, t.start, t.end, &mut scan.marks);
            }
            let mut i = t.start;
            while i < t.end {
                let (c, len) = char_at(text, i);
                if is_word_char(c) {
                    run_cue = None;
                    run = Some(run.map_or((i, i + len), |(start, _)| (start, i + len)));
                } else if let Some((start, end)) = run.take() {
                    self.word(
                        text,
                        vocabulary,
                        start,
                        end,
                        run_cue,
                        &mut resume,
                        &mut scan.cues,
                    );
                }
                i += len;
            }
        }
        if let Some((start, end)) = run {
            self.word(
                text,
                vocabulary,
                start,
                end,
                run_cue,
                &mut resume,
                &mut scan.cues,
            );
        }
        marks_between(text, previous_end, text.len(), &mut scan.marks);
        scan
    }

    /// The cue candidates of the word `start..end` (and of a phrase starting in it), given
    /// that the search resumes at `resume`; `known_cue` is the word's cue when its token's
    /// probe gave it.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn word(
        &self,
        text: &str,
        vocabulary: &Vocabulary,
        start: usize,
        end: usize,
        known_cue: Option<u32>,
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
            if start < *resume {
                return;
            }
            let word = &bytes[start..end];
            let value = match known_cue {
                Some(value) => value,
                None => {
                    let shape = shape(word);
                    if self.shapes[shape / 64] & 1 << (shape % 64) == 0 {
                        return;
                    }
                    vocabulary.cue_of(word)
                }
            };
            if value != 0 {
                out.push(CueHit {
                    span: Span::new(start, end),
                    entry: value as usize - 1,
                });
            }
            return;
        }
        // A phrase starts in this word: follow the leftmost-longest search through it, since
        // a one-word cue found inside the word may hide the phrase.
        let mut s = from;
        while s < end {
            let found = self.phrase_at(bytes, s, end).or_else(|| {
                (s + 1..=end).rev().find_map(|e| {
                    let value = vocabulary.cue_of(&bytes[s..e]);
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

/// The marks of `text` as [`CueLexicon::scan`] finds them with the built-in lexicons, for
/// the tests of the modules that read them.
#[cfg(test)]
pub(crate) fn marks_of(text: &str) -> Vec<(usize, char)> {
    let lexicons = Lexicons::built_in();
    let mut vocabulary = Vocabulary::new();
    let cues = CueLexicon::new(&lexicons, &mut vocabulary).expect("built-in lexicons compile");
    let layer = crate::tokens::TokenLayer::new(&lexicons, vocabulary);
    cues.scan(&layer.tokenize(text, &[])).marks
}

/// Appends the quote marks and newlines of `text[from..to]`, in order: straight and curly
/// quote marks, guillemets, apostrophes (a doubled one as [`DOUBLED_APOSTROPHE`]) and
/// doubled backticks ([`DOUBLED_BACKTICK`]).
fn marks_between(text: &str, from: usize, to: usize, marks: &mut Vec<(usize, char)>) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        let b = bytes[i];
        i += 1;
        match b {
            b'\'' if bytes.get(i) == Some(&b'\'') && i < to => {
                marks.push((i - 1, DOUBLED_APOSTROPHE));
                i += 1;
            }
            b'`' if bytes.get(i) == Some(&b'`') && i < to => {
                marks.push((i - 1, DOUBLED_BACKTICK));
                i += 1;
            }
            b'"' | b'\'' | b'\n' => marks.push((i - 1, char::from(b))),
            // `“ ” „ ‘ ’` start with 0xE2, `« »` with 0xC2.
            0xe2 | 0xc2 => {
                let (c, len) = char_at(text, i - 1);
                if matches!(c, '“' | '”' | '«' | '»' | '„' | '‘' | '’') {
                    marks.push((i - 1, c));
                }
                i += len - 1;
            }
            _ => {}
        }
    }
}

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
    use crate::tokens::TokenLayer;

    /// The lexicon with extra verbs and phrases that overlap each other and the built-in
    /// ones: phrases opening with a verb, phrases sharing a first word, non-ASCII words.
    fn lexicon() -> Fixture {
        let user = UserLexicon::from_json(
            r#"{"add": {
                "reporting_verbs": ["éclaire éclaires éclairé éclairé éclairant", "co-sign"],
                "reporting_phrases": ["said by", "as said", "in the view of", "in the", "Selon À",
                                      "say so", "reportedly"]
            }}"#,
            "test",
        )
        .unwrap();
        let lexicons = Lexicons::with_user(&[user]).unwrap();
        let mut vocabulary = Vocabulary::new();
        let cues = CueLexicon::new(&lexicons, &mut vocabulary).unwrap();
        Fixture {
            cues,
            layer: TokenLayer::new(&lexicons, vocabulary),
        }
    }

    /// The cue lexicon with the token layer whose vocabulary holds its cues.
    struct Fixture {
        cues: CueLexicon,
        layer: TokenLayer,
    }

    impl Fixture {
        fn scan(&self, text: &str) -> Scan {
            self.cues.scan(&self.layer.tokenize(text, &[]))
        }
    }

    impl std::ops::Deref for Fixture {
        type Target = CueLexicon;
        fn deref(&self) -> &CueLexicon {
            &self.cues
        }
    }

    /// The scan as a leftmost-longest automaton over every cue text and mark gives it, cues
    /// kept on word boundaries: the definition the word-by-word pass must agree with.
    fn reference(lexicon: &Fixture, text: &str) -> Scan {
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
    fn cue_texts<'t>(lexicon: &Fixture, text: &'t str) -> Vec<&'t str> {
        lexicon
            .scan(text)
            .cues
            .iter()
            .map(|c| c.span.of(text))
            .collect()
    }

    fn check(lexicon: &Fixture, text: &str) {
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
                CueLexicon::new(
                    &Lexicons::with_user(&[user]).unwrap(),
                    &mut Vocabulary::new()
                )
                .is_err(),
                "entry {entry:?}"
            );
        }
    }
}
