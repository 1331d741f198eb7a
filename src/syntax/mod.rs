//! Shallow syntax of one sentence, by rule: part-of-speech tags, base noun phrases, verb
//! groups and the tokens where clauses open or close.
//!
//! Attribution, entity and hedge rules need phrases and clauses, not words: a source is a
//! noun phrase, a cue a verb group, a content a clause. This layer gives those from the
//! tokens of one sentence, with no statistical model at run time: the tagger is a lexicon
//! probe, a suffix guess and contextual rewrite rules (a transformation-based tagger)
//! whose data, derived from UD English EWT by `data/derive.py`, are embedded text files.
//!
//! The input is the sentence's token texts (`&[&str]`), so the layer does not depend on
//! any tokenizer; words and punctuation marks are separate tokens, and a possessive `'s`
//! or a negation `n't` may be its own token or stay attached (`agency's`, `don't`).
//!
//! ```
//! use claimtag::syntax::{SyntaxModel, Tag};
//! let model = SyntaxModel::built_in();
//! let words = ["The", "agency", "'s", "chief", "has", "denied", "the", "report", "."];
//! let s = model.analyze(&words);
//! assert_eq!(s.tags()[5], Tag::VerbPart);
//! assert_eq!(s.noun_phrases().next().map(|np| np.span.clone()), Some(0..4));
//! assert_eq!(s.verb_groups().next().map(|vg| vg.span.clone()), Some(4..6));
//! ```

mod chunks;
mod tagger;
mod tags;

use std::borrow::Cow;
use std::ops::Range;

pub use chunks::MaximalNp;
pub use tags::{ALL_TAGS, Tag, Upos};

use crate::Lexicons;
use tagger::{FxMap, NO_LEMMA, PAD, Padded, Tagger};

/// Bits of [`SentenceSyntax::clitics`]: what a token carries attached to it.
pub mod clitic {
    /// A possessive `'s` or `’s` stays attached (`agency's`).
    pub const POSSESSIVE: u8 = 1;
    /// A negation `n't` stays attached (`didn't`).
    pub const NEGATION: u8 = 2;
    /// Another clitic stays attached (`he's`, `they're`, `we'll`).
    pub const OTHER: u8 = 4;
}

/// What a chunk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChunkKind {
    /// A base noun phrase (`the agency's new chief`, `he`).
    NounPhrase,
    /// A verb group (`has not yet denied`, `called on`).
    VerbGroup,
}

/// A chunk: a run of tokens of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Token indices, half open.
    pub span: Range<usize>,
    /// Noun phrase or verb group.
    pub kind: ChunkKind,
    /// The head token: the last nominal of a noun phrase; the lexical verb of a verb group,
    /// or its last auxiliary when it has none (the copula `is`).
    pub head: usize,
    /// A verb group with `not`, `n't` or `never`.
    pub negated: bool,
    /// The particle of a phrasal verb group (`on` in `called on`).
    pub particle: Option<usize>,
}

impl Chunk {
    fn np(span: Range<usize>, head: usize) -> Chunk {
        Chunk {
            span,
            kind: ChunkKind::NounPhrase,
            head,
            negated: false,
            particle: None,
        }
    }
}

/// What kind of token opens or closes a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClauseEdgeKind {
    /// Complementizer `that` (tagged SCONJ).
    Complementizer,
    /// Subordinating conjunction or adverb: `because`, `while`, `although`, `if`, `when`.
    Subordinator,
    /// Relative or wh- pronoun: `who`, `which`, relative `that`, `whose`.
    Relative,
    /// Coordinator that opens a contrasting clause: `but`, `yet`.
    Coordinator,
    /// `:`
    Colon,
    /// `;`
    Semicolon,
    /// A free-standing dash (`-`, `--`, en or em dash).
    Dash,
    /// An opening quote mark (a straight one by alternation within the sentence).
    QuoteOpen,
    /// A closing quote mark.
    QuoteClose,
    /// `(`, `[`, `{`.
    BracketOpen,
    /// `)`, `]`, `}`.
    BracketClose,
    /// `,`: weak, many commas sit inside clauses.
    Comma,
}

impl ClauseEdgeKind {
    /// Every kind except the comma: the edges that end a complement clause.
    pub fn is_strong(self) -> bool {
        self != ClauseEdgeKind::Comma
    }
}

/// A token where a clause may open or close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClauseEdge {
    /// Token index.
    pub at: usize,
    /// What the token is.
    pub kind: ClauseEdgeKind,
}

/// The syntax of one sentence. Reuse one across sentences with
/// [`SyntaxModel::analyze_into`]: its buffers keep their capacity.
#[derive(Clone, Debug, Default)]
pub struct SentenceSyntax {
    tags: Vec<Tag>,
    clitics: Vec<u8>,
    noun_phrases: Vec<Chunk>,
    verb_groups: Vec<Chunk>,
    clause_edges: Vec<ClauseEdge>,
    pad: Padded,
}

impl SentenceSyntax {
    /// One tag per token.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// One set of [`clitic`] bits per token.
    pub fn clitics(&self) -> &[u8] {
        &self.clitics
    }

    /// Base noun phrases, in order, not overlapping.
    pub fn noun_phrases(&self) -> std::slice::Iter<'_, Chunk> {
        self.noun_phrases.iter()
    }

    /// Base noun phrases as a slice (index them for [`SyntaxModel::maximal_np`]).
    pub fn noun_phrase_list(&self) -> &[Chunk] {
        &self.noun_phrases
    }

    /// Verb groups, in order, not overlapping.
    pub fn verb_groups(&self) -> std::slice::Iter<'_, Chunk> {
        self.verb_groups.iter()
    }

    /// Verb groups as a slice.
    pub fn verb_group_list(&self) -> &[Chunk] {
        &self.verb_groups
    }

    /// Noun phrases and verb groups together, ordered by start.
    pub fn chunks(&self) -> Vec<&Chunk> {
        let mut all: Vec<&Chunk> = self.noun_phrases.iter().chain(&self.verb_groups).collect();
        all.sort_by_key(|c| c.span.start);
        all
    }

    /// Clause edges, in token order.
    pub fn clause_edges(&self) -> &[ClauseEdge] {
        &self.clause_edges
    }

    /// The index (into [`SentenceSyntax::noun_phrase_list`]) of the noun phrase holding
    /// token `i`.
    pub fn noun_phrase_at(&self, i: usize) -> Option<usize> {
        chunk_at(&self.noun_phrases, i)
    }

    /// The index (into [`SentenceSyntax::verb_group_list`]) of the verb group holding
    /// token `i`.
    pub fn verb_group_at(&self, i: usize) -> Option<usize> {
        chunk_at(&self.verb_groups, i)
    }

    /// The first strong clause edge after token `from` (its index), or the sentence length:
    /// where a complement clause opened after `from` ends at the latest.
    pub fn clause_end(&self, from: usize) -> usize {
        let k = self.clause_edges.partition_point(|e| e.at <= from);
        self.clause_edges[k..]
            .iter()
            .find(|e| e.kind.is_strong())
            .map_or(self.tags.len(), |e| e.at)
    }
}

fn chunk_at(chunks: &[Chunk], i: usize) -> Option<usize> {
    let k = chunks.partition_point(|c| c.span.end <= i);
    chunks
        .get(k)
        .filter(|c| c.span.start <= i && i < c.span.end)
        .map(|_| k)
}

/// The tagger's data and the word lists of the chunker, built once and shared read-only.
pub struct SyntaxModel {
    tagger: Tagger,
    /// Verb lemma -> particles that form a phrasal verb with it (`call` -> `on`).
    phrasal: FxMap<Box<str>, Vec<Box<str>>>,
    subordinators: FxMap<Box<str>, ()>,
    coordinators: FxMap<Box<str>, ()>,
}

impl std::fmt::Debug for SyntaxModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxModel").finish_non_exhaustive()
    }
}

fn word_set(words: &[String]) -> FxMap<Box<str>, ()> {
    words
        .iter()
        .map(|w| (Box::from(w.to_lowercase().as_str()), ()))
        .collect()
}

impl SyntaxModel {
    /// The model with the word lists of `lexicons` (`syntax_phrasal_verbs`,
    /// `syntax_subordinators`, `syntax_coordinators`, and the verb forms of
    /// `reporting_verbs` and `belief_verbs`, all of which user lexicons may extend).
    pub fn new(lexicons: &Lexicons) -> SyntaxModel {
        let mut phrasal: FxMap<Box<str>, Vec<Box<str>>> = FxMap::default();
        for entry in lexicons.list("syntax_phrasal_verbs") {
            let mut parts = entry.split_whitespace();
            if let (Some(verb), Some(particle)) = (parts.next(), parts.next()) {
                phrasal
                    .entry(verb.to_lowercase().into())
                    .or_default()
                    .push(particle.to_lowercase().into());
            }
        }
        let mut tagger = Tagger::new();
        for name in ["reporting_verbs", "belief_verbs"] {
            for entry in lexicons.list(name) {
                let forms: Vec<&str> = entry.split_whitespace().collect();
                if forms.len() == 5 {
                    tagger.add_verb_forms(&forms);
                }
            }
        }
        SyntaxModel {
            tagger,
            phrasal,
            subordinators: word_set(lexicons.list("syntax_subordinators")),
            coordinators: word_set(lexicons.list("syntax_coordinators")),
        }
    }

    /// The model with the built-in word lists only.
    pub fn built_in() -> SyntaxModel {
        SyntaxModel::new(&Lexicons::built_in())
    }

    /// The same model tagging from the lexicon and suffixes alone, without the contextual
    /// rules: the baseline the evaluation compares against.
    pub fn without_rules(mut self) -> SyntaxModel {
        self.tagger.use_rules = false;
        self
    }

    /// Analyses one sentence.
    pub fn analyze(&self, words: &[&str]) -> SentenceSyntax {
        let mut out = SentenceSyntax::default();
        self.analyze_into(words, &mut out);
        out
    }

    /// Analyses one sentence into `out`, reusing its buffers.
    pub fn analyze_into(&self, words: &[&str], out: &mut SentenceSyntax) {
        out.clitics.clear();
        out.clitics.extend(words.iter().map(|w| clitic_bits(w)));
        self.tagger.tag(words, &mut out.pad, &out.clitics);
        out.tags.clear();
        out.tags.extend(
            out.pad.tags[PAD..PAD + words.len()]
                .iter()
                .map(|&t| Tag::from_index(t).unwrap_or(Tag::X)),
        );
        out.noun_phrases.clear();
        chunks::noun_phrases(&out.tags, words, &out.clitics, &mut out.noun_phrases);
        out.verb_groups.clear();
        chunks::verb_groups(
            self,
            &out.tags,
            words,
            &out.clitics,
            &out.pad.lemmas[PAD..PAD + words.len()],
            &mut out.verb_groups,
        );
        out.clause_edges.clear();
        chunks::clause_edges(self, &out.tags, words, &mut out.clause_edges);
    }

    /// The maximal noun phrase built on base noun phrase `k` of `syntax` (an index into
    /// [`SentenceSyntax::noun_phrase_list`]): possessors are already inside base phrases;
    /// `opts` adds `of` chains, appositives and coordination. Empty when `k` is out of range.
    pub fn maximal_np(
        &self,
        words: &[&str],
        syntax: &SentenceSyntax,
        k: usize,
        opts: MaximalNp,
    ) -> Range<usize> {
        if words.len() != syntax.tags.len() {
            return 0..0;
        }
        chunks::maximal_np(&syntax.noun_phrases, &syntax.tags, words, k, opts)
    }

    /// The lemma of token `i`, lowercase: the lexicon's for the verbs it knows, a
    /// de-inflection for other verbs, the lowercase word for everything else.
    pub fn lemma<'a>(&self, words: &[&'a str], syntax: &SentenceSyntax, i: usize) -> Cow<'a, str> {
        let (Some(&word), Some(&tag)) = (words.get(i), syntax.tags.get(i)) else {
            return Cow::Borrowed("");
        };
        let id = syntax.pad.lemmas.get(i + PAD).copied().unwrap_or(NO_LEMMA);
        self.lemma_of(word, tag, id)
    }

    fn lemma_of<'a>(&self, word: &'a str, tag: Tag, id: u32) -> Cow<'a, str> {
        if let Some(lemma) = self.tagger.lemma(id)
            && (tag.is_verb() || tag.is_aux())
        {
            return Cow::Owned(lemma.to_owned());
        }
        let lower: Cow<'a, str> = if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        if !tag.is_verb() {
            return lower;
        }
        match deinflect(&lower, tag) {
            Some(stem) => Cow::Owned(stem),
            None => lower,
        }
    }

    fn is_phrasal(&self, words: &[&str], lemmas: &[u32], verb: usize, particle: usize) -> bool {
        let (Some(&v), Some(&p)) = (words.get(verb), words.get(particle)) else {
            return false;
        };
        let id = lemmas.get(verb).copied().unwrap_or(NO_LEMMA);
        let lemma = self.lemma_of(v, Tag::VerbBase, id);
        let lemma = if self.tagger.lemma(id).is_some() {
            lemma
        } else {
            // An unknown form: try its de-inflections under every verb tag.
            let lower = v.to_lowercase();
            [Tag::VerbPast, Tag::VerbPres3, Tag::VerbGer]
                .iter()
                .find_map(|&t| {
                    deinflect(&lower, t).filter(|s| self.phrasal.contains_key(s.as_str()))
                })
                .map_or(Cow::Owned(lower), Cow::Owned)
        };
        self.phrasal
            .get(lemma.as_ref())
            .is_some_and(|ps| ps.iter().any(|q| q.eq_ignore_ascii_case(p)))
    }

    /// A `have`, `be` or `do` tagged as a lexical verb that leads, through adverbs and
    /// negation, to another verb (`had not yet denied`): an auxiliary in the verb group.
    fn acts_as_aux(&self, tags: &[Tag], words: &[&str], lemmas: &[u32], i: usize) -> bool {
        let next = (i + 1..tags.len()).find(|&k| !matches!(tags[k], Tag::Adv | Tag::PartNeg));
        if !next.is_some_and(|k| tags[k].is_verb() || tags[k].is_aux()) {
            return false;
        }
        let id = lemmas.get(i).copied().unwrap_or(NO_LEMMA);
        let lemma = self.lemma_of(words[i], tags[i], id);
        matches!(lemma.as_ref(), "have" | "be" | "do")
    }

    fn is_subordinator(&self, word: &str) -> bool {
        contains_lower(&self.subordinators, word)
    }

    fn is_coordinator(&self, word: &str) -> bool {
        contains_lower(&self.coordinators, word)
    }
}

fn contains_lower(set: &FxMap<Box<str>, ()>, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        set.contains_key(word.to_lowercase().as_str())
    } else {
        set.contains_key(word)
    }
}

/// Clitics left attached by the tokenizer.
fn clitic_bits(word: &str) -> u8 {
    // Most words have no apostrophe at all; `’` starts with byte 0xE2.
    if !word.bytes().any(|b| b == b'\'' || b == 0xE2) {
        return 0;
    }
    let lower_tail = |suffix: &str| {
        word.len() > suffix.len() + 1 && {
            let tail = &word.as_bytes()[word.len() - suffix.len()..];
            tail.eq_ignore_ascii_case(suffix.as_bytes())
        }
    };
    let ends = |ascii: &str, curly: &str| lower_tail(ascii) || lower_tail(curly);
    if ends("'s", "\u{2019}s") {
        return clitic::POSSESSIVE;
    }
    if ends("n't", "n\u{2019}t") {
        return clitic::NEGATION;
    }
    if [
        "'re",
        "'ve",
        "'ll",
        "'m",
        "'d",
        "\u{2019}re",
        "\u{2019}ve",
        "\u{2019}ll",
        "\u{2019}m",
        "\u{2019}d",
    ]
    .iter()
    .any(|s| lower_tail(s))
    {
        return clitic::OTHER;
    }
    0
}

/// The base form of an inflected verb the lexicon does not know (`tackled` -> `tackle`).
fn deinflect(word: &str, tag: Tag) -> Option<String> {
    let stem = match tag {
        Tag::VerbPres3 => {
            if let Some(s) = word.strip_suffix("ies") {
                return Some(format!("{s}y"));
            }
            if ["sses", "shes", "ches", "xes", "zes"]
                .iter()
                .any(|e| word.ends_with(e))
            {
                word.strip_suffix("es")?
            } else {
                word.strip_suffix('s')?
            }
        }
        Tag::VerbPast | Tag::VerbPart => {
            if let Some(s) = word.strip_suffix("ied") {
                return Some(format!("{s}y"));
            }
            word.strip_suffix("ed")?
        }
        Tag::VerbGer => word.strip_suffix("ing")?,
        _ => return None,
    };
    if stem.len() < 2 {
        return None;
    }
    let b = stem.as_bytes();
    let last = b[b.len() - 1];
    let prev = b[b.len() - 2];
    let vowel = |c: u8| b"aeiou".contains(&c);
    // The spelling rules are about ASCII letters; two equal bytes may also end one
    // multi-byte character, which must not be cut.
    if !last.is_ascii_alphabetic() || !prev.is_ascii_alphabetic() {
        return Some(stem.to_owned());
    }
    if tag != Tag::VerbPres3 {
        if last == prev && !vowel(last) && !b"lsz".contains(&last) {
            return Some(stem[..stem.len() - 1].to_owned());
        }
        let needs_e = b"uvcz".contains(&last)
            || (last == b'g' && !vowel(prev) && prev != b'n')
            || (last == b'l' && !vowel(prev) && prev != b'l' && prev != b'r');
        if needs_e {
            return Some(format!("{stem}e"));
        }
    }
    Some(stem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deinflection_table() {
        for (word, tag, want) in [
            ("tackled", Tag::VerbPast, "tackle"),
            ("planned", Tag::VerbPast, "plan"),
            ("called", Tag::VerbPast, "call"),
            ("denied", Tag::VerbPart, "deny"),
            ("argued", Tag::VerbPast, "argue"),
            ("charged", Tag::VerbPast, "charge"),
            ("rebuts", Tag::VerbPres3, "rebut"),
            ("pushes", Tag::VerbPres3, "push"),
            ("tallies", Tag::VerbPres3, "tally"),
            ("briefing", Tag::VerbGer, "brief"),
        ] {
            assert_eq!(deinflect(word, tag).as_deref(), Some(want), "{word}");
        }
        // U+1041 is E1 81 81: its last two bytes look like a doubled consonant.
        assert_eq!(
            deinflect("\u{1041}ed", Tag::VerbPast).as_deref(),
            Some("\u{1041}")
        );
        assert_eq!(deinflect("ed", Tag::VerbPast), None);
    }

    #[test]
    fn clitics_are_found_in_both_spellings() {
        assert_eq!(clitic_bits("agency's"), clitic::POSSESSIVE);
        assert_eq!(clitic_bits("agency\u{2019}s"), clitic::POSSESSIVE);
        assert_eq!(clitic_bits("didn't"), clitic::NEGATION);
        assert_eq!(clitic_bits("they're"), clitic::OTHER);
        assert_eq!(clitic_bits("'s"), 0);
        assert_eq!(clitic_bits("s"), 0);
    }
}
