//! Reporting cues as data: the verb, phrase and source lexicons compiled once into one
//! automaton, run once over each document.
//!
//! The automaton also finds quote marks and newlines, so a single pass gives the extractor
//! every cue candidate and everything the quotation pairing needs.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::Error;
use crate::lexicon::Lexicons;
use crate::text::Span;

use super::frames::LemmaFrames;
use super::quotes::{DOUBLED_APOSTROPHE, DOUBLED_BACKTICK, is_mark};

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
#[derive(Clone, Copy, Debug)]
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

/// The compiled cue lexicons.
pub(crate) struct CueLexicon {
    automaton: AhoCorasick,
    /// Per pattern: Some(entry index) for cue words, None for marks.
    pattern_entries: Vec<Option<usize>>,
    /// The entries.
    pub entries: Vec<CueEntry>,
    /// Every verb form, lower-cased, so noun-phrase walks can stop at verbs.
    pub verb_forms: HashSet<String>,
    /// Nouns naming a report (`statement`, `interview`), lower-cased.
    report_nouns: HashSet<String>,
}

impl CueLexicon {
    /// Compiles the `reporting_verbs`, `belief_verbs` and `reporting_phrases` lists.
    pub fn new(lexicons: &Lexicons) -> Result<CueLexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entries = Vec::new();
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
                            pattern_entries.push(Some(entries.len()));
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
            pattern_entries.push(Some(entries.len()));
            entries.push(CueEntry {
                frames: LemmaFrames::of(&phrase.to_lowercase()),
                roles: 0,
                class: CueClass::Phrase,
            });
            patterns.push(phrase);
        }
        for c in ['"', '“', '”', '«', '»', '„', '\'', '‘', '’', '\n'] {
            debug_assert!(is_mark(c));
            patterns.push(c.to_string());
            pattern_entries.push(None);
        }
        // Doubled apostrophes and backticks are double marks; being longer, they win over
        // the single apostrophe.
        for doubled in ["''", "``"] {
            patterns.push(doubled.to_string());
            pattern_entries.push(None);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: a few megabytes, built once, for the fastest single pass.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| Error::config(format!("cue lexicon: {e}")))?;
        let report_nouns = lexicons
            .list("reporting_nouns")
            .iter()
            .map(|n| n.to_lowercase())
            .collect();
        Ok(CueLexicon {
            automaton,
            pattern_entries,
            entries,
            verb_forms,
            report_nouns,
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
        for m in self.automaton.find_iter(text) {
            match self.pattern_entries[m.pattern().as_usize()] {
                None => {
                    let c = match &text[m.start()..m.end()] {
                        "''" => DOUBLED_APOSTROPHE,
                        "``" => DOUBLED_BACKTICK,
                        mark => mark.chars().next().unwrap_or(' '),
                    };
                    scan.marks.push((m.start(), c));
                }
                Some(entry) => {
                    let before_ok = m.start() == 0 || !is_word_byte(text, m.start(), true);
                    let after_ok = m.end() >= bytes.len() || !is_word_byte(text, m.end(), false);
                    if before_ok && after_ok {
                        scan.cues.push(CueHit {
                            span: Span::new(m.start(), m.end()),
                            entry,
                        });
                    }
                }
            }
        }
        scan
    }
}

/// Whether the character just before (`before`) or at `offset` continues a word.
fn is_word_byte(text: &str, offset: usize, before: bool) -> bool {
    let c = if before {
        text[..offset].chars().next_back()
    } else {
        text[offset..].chars().next()
    };
    c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
}
