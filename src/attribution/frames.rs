//! The frames of news syntax a cue sits in, read off the tokens of its sentence.
//!
//! Each cue candidate is tried against the frames in a fixed order: agentless passives
//! (`it was stated that`, `X is said to`), participles (`, adding that`), `according to`,
//! then a finite verb with its source to the left (`the ministry said`, `Radio Nord, which
//! said`) or postposed after a quotation (`,” said Dr. Amal Haddad`). The content is what
//! follows the verb (past `that`, a colon, time phrases and the hearer of `told`) or,
//! when nothing follows, the quotation or clause before the source. A candidate that fits
//! no frame is dropped, which is how `the said property` or `he was asked` stay out.

use std::ops::Range;

use crate::model::{AttributionType, SourceKind};
use crate::ner::EntityMention;
use crate::text::Span;

use super::cues::{CueClass, CueEntry, CueHit, CueLexicon, role};
use super::quote_part;
use super::quotes::{Quotation, double_glyph};
use super::source::{SourceLexicon, noun_phrase_left, noun_phrase_right};
use super::words::{Token, class, is_capitalised, is_one_of};

/// How far past the verb `that` or a colon may sit (`told reporters on Wednesday that`).
const COMPLEMENT_REACH: usize = 12;

/// Most words between a source and its verb that can belong to the verb group
/// (`has also long said`).
const MAX_VERB_GROUP_WORDS: usize = 4;

/// Longest appositive, in tokens, between a name and its verb.
const MAX_APPOSITIVE_TOKENS: usize = 16;

/// What a frame found for one cue.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub cue: Span,
    pub source: Option<Span>,
    pub source_entity: Option<usize>,
    pub source_kind: SourceKind,
    pub content: Option<Span>,
    pub kind: AttributionType,
    pub quote: Option<usize>,
    pub rule: &'static str,
    /// True when, inside another report's content, this one is part of what is reported.
    pub nestable: bool,
}

/// Content and its type, with the quotation it is when it is one.
struct Content {
    span: Span,
    kind: AttributionType,
    quote: Option<usize>,
    /// True when `that` or a colon introduced it.
    complement: bool,
}

/// One sentence, tokenized, with what the frames need to read it.
pub(crate) struct SentenceFrames<'a> {
    pub text: &'a str,
    pub sentence: Span,
    pub tokens: &'a [Token],
    pub quotations: &'a [Quotation],
    pub quote_range: Range<usize>,
    pub cues: &'a CueLexicon,
    pub sources: &'a SourceLexicon,
    pub entities: &'a [EntityMention],
}

impl SentenceFrames<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens[i].span.of(self.text)
    }

    /// True when token `i` is a word of the classes `c` ([`class`]).
    fn has(&self, i: usize, c: u32) -> bool {
        self.tokens[i].flags & c != 0
    }

    /// True when token `i` is one of the words of `list`, ignoring ASCII case. Inlined, with
    /// lengths compared first: the lists are short constants, most calls sit in loops over
    /// tokens, and most tokens have no length of the list.
    #[inline(always)]
    fn is_word(&self, i: usize, list: &[&str]) -> bool {
        let t = &self.tokens[i];
        let len = t.span.end - t.span.start;
        t.word
            && list.iter().any(|w| {
                w.len() == len
                    && w.as_bytes()
                        .eq_ignore_ascii_case(&self.text.as_bytes()[t.span.start..t.span.end])
            })
    }

    fn is_punct(&self, i: usize, chars: &[char]) -> bool {
        let t = &self.tokens[i];
        !t.word && chars.contains(&t.first)
    }

    fn is_quote_mark(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        !t.word && (double_glyph(t.first).is_some() || matches!(t.first, '‘' | '’' | '\'' | '`'))
    }

    /// Index of the token starting at byte `offset`.
    fn token_at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.start < offset);
        (i < self.tokens.len() && self.tokens[i].span.start == offset).then_some(i)
    }

    /// Index of the first token starting at or after byte `offset`.
    fn token_from(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    /// The quotations overlapping this sentence, with their indices.
    fn quotes(&self) -> impl Iterator<Item = (usize, &Quotation)> + '_ {
        self.quote_range
            .clone()
            .map(|q| (q, &self.quotations[q]))
            .filter(|(_, q)| !q.title)
    }

    /// The token before `i`, skipping auxiliaries and adverbs: words of the classes
    /// `skip_classes`, words of `skip`, and `-ly` adverbs.
    fn skip_left(&self, i: usize, skip_classes: u32, skip: &[&str]) -> Option<usize> {
        let mut k = i;
        while k > 0 {
            k -= 1;
            let t = &self.tokens[k];
            if !t.word {
                return Some(k);
            }
            // The classes first: they settle most words without reading the text.
            if self.has(k, skip_classes) {
                continue;
            }
            let w = self.word(k);
            let ly_adverb = w.len() > 5
                && w.ends_with("ly")
                && !t.first.is_uppercase()
                && k > 0
                && !self.has(k - 1, class::DETERMINERS);
            if !(ly_adverb || is_one_of(w, skip)) {
                return Some(k);
            }
        }
        None
    }

    /// Reads the cue `hit` in its frame; `previous` is the attribution found before it in
    /// the same sentence, whose source a participle inherits.
    pub fn analyse(&self, hit: &CueHit, previous: Option<&Found>) -> Option<Found> {
        let ci = self.token_at(hit.span.start)?;
        if self
            .quotes()
            .any(|(_, q)| q.inner.start <= hit.span.start && hit.span.end <= q.inner.end)
        {
            // Words inside a quotation belong to the quoted speaker's own report.
            return None;
        }
        let first_word = (0..ci).all(|k| !self.tokens[k].word);
        if !first_word && is_capitalised(self.word(ci)) && !self.title_case() {
            // `United States`, `Post`: a capitalised cue inside a sentence is a name.
            return None;
        }
        let possessive = ci > 0 && {
            let w = self.word(ci - 1);
            (w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s’"))
                && !is_one_of(
                    w,
                    &[
                        "he's", "he’s", "she's", "she’s", "it's", "it’s", "that's", "that’s",
                        "who's", "who’s",
                    ],
                )
        };
        if ci > 0 && self.has(ci - 1, class::ARTICLES) || possessive {
            // `the emails`, `a report`: a noun, not a verb.
            return None;
        }
        let entry = &self.cues.entries[hit.entry];
        let found = match entry.class {
            CueClass::Phrase => self.according_to(hit.span, ci),
            CueClass::Speech | CueClass::Belief => self.verb(hit.span, ci, entry, previous),
        };
        // A belief inside another report's content (`said he believes ...`) is part of
        // what is reported; speech inside it is a report of its own.
        found.map(|mut f| {
            f.nestable = entry.class == CueClass::Belief;
            if entry.class != CueClass::Phrase {
                f.cue = self.verb_group(&f);
            }
            f
        })
    }

    /// The cue as PARC 3.0 marks it: the verb with the auxiliaries, negation and adverbs
    /// between it and a source before it (`has also said`, `did not deny`), and a particle
    /// between it and the content after it (`referring to`, `pointed out`). Only words
    /// stand in the gap: a comma or a bracket there means an aside (an appositive, a party
    /// label), and a clause word (`who`, `and`) means the source is not the verb's subject
    /// (`Radio Nord, which said`, `he stayed and said`). Called once the frame's rule is set.
    fn verb_group(&self, found: &Found) -> Span {
        let mut cue = found.cue;
        // A participle or a verb sharing an earlier subject (`The campaign countered by
        // suggesting`) is not in its source's verb group: the words between are another verb.
        let own_subject = !matches!(found.rule, "attr.participle" | "attr.shared-subject");
        if let Some(source) = found.source.filter(|s| own_subject && s.end <= cue.start)
            && let Some(verb) = self.token_at(cue.start)
        {
            let first = self.token_from(source.end);
            let gap = first..verb;
            if !gap.is_empty()
                && gap.len() <= MAX_VERB_GROUP_WORDS
                && gap.clone().all(|k| {
                    self.tokens[k].word
                        && !self.has(k, class::CLAUSE_LINKS)
                        && !self.is_capitalised_name(k)
                })
            {
                cue.start = self.tokens[first].span.start;
            }
        }
        if let Some(content) = found.content.filter(|c| c.start >= cue.end) {
            let particle = self.token_from(cue.end);
            if particle < self.tokens.len() && self.has(particle, class::VERB_PARTICLES) {
                // Marks and `that` may come between the particle and the content; no word.
                let mut k = particle + 1;
                while k < self.tokens.len()
                    && self.tokens[k].span.end <= content.start
                    && (!self.tokens[k].word || self.is_word(k, &["that"]))
                {
                    k += 1;
                }
                if k == self.token_from(content.start) {
                    cue.end = self.tokens[particle].span.end;
                }
            }
        }
        cue
    }

    /// True for a capitalised word inside the sentence (a name, not an auxiliary).
    fn is_capitalised_name(&self, k: usize) -> bool {
        k > 0 && is_capitalised(self.word(k))
    }

    fn verb(
        &self,
        cue: Span,
        ci: usize,
        entry: &CueEntry,
        previous: Option<&Found>,
    ) -> Option<Found> {
        let prev = self.skip_left(
            ci,
            0,
            &[
                "also",
                "widely",
                "generally",
                "long",
                "not",
                "often",
                "commonly",
                "now",
                "still",
            ],
        );
        let after_be = prev.is_some_and(|p| self.has(p, class::BE_FORMS));
        if entry.roles & role::PARTICIPLE != 0 && after_be {
            return self.passive(cue, ci, prev?, entry);
        }
        let finite = entry.roles & (role::BASE | role::THIRD | role::PAST) != 0;
        if entry.roles & role::ING != 0 && !finite && !after_be {
            return self.participle(cue, ci, entry, previous);
        }
        if !finite && !after_be {
            return None;
        }
        self.finite(cue, ci, entry, previous)
    }

    /// `it was stated that ...`, `X is said to ...`; other passives report nobody.
    fn passive(&self, cue: Span, ci: usize, be: usize, entry: &CueEntry) -> Option<Found> {
        let subject = self.skip_left(
            be,
            0,
            &[
                "has", "have", "had", "also", "long", "been", "will", "would", "may", "might",
                "could",
            ],
        );
        if let Some(it) = subject.filter(|&s| self.is_word(s, &["it"])) {
            let content = self.right_content(ci, entry, true)?;
            if !content.complement {
                return None;
            }
            let (source, source_kind) = match self.document_opener(it) {
                Some(doc) => (Some(doc), SourceKind::Document),
                None => (None, SourceKind::Agentless),
            };
            return Some(Found {
                cue: Span::new(self.tokens[it].span.start, cue.end),
                source,
                source_entity: None,
                source_kind,
                content: Some(content.span),
                kind: content.kind,
                quote: content.quote,
                nestable: true,
                rule: "attr.agentless-it",
            });
        }
        let to = ci + 1;
        if to < self.tokens.len() && self.is_word(to, &["to"]) && entry.frames.said_to {
            let start = self.clause_start(be)?;
            let span =
                self.trim_content(Span::new(self.tokens[start].span.start, self.sentence.end))?;
            return Some(Found {
                cue: Span::new(self.tokens[be].span.start, self.tokens[to].span.end),
                source: None,
                source_entity: None,
                source_kind: SourceKind::Agentless,
                content: Some(span),
                kind: self.kind_of(span),
                quote: None,
                nestable: true,
                rule: "attr.agentless-said-to",
            });
        }
        None
    }

    /// The first token of the clause holding token `i` (after a comma or the start).
    fn clause_start(&self, i: usize) -> Option<usize> {
        let mut k = i;
        while k > 0 && !self.is_punct(k - 1, &[',', ';', ':', '—', '(']) {
            k -= 1;
        }
        while k < i && !self.tokens[k].word {
            k += 1;
        }
        (k < i).then_some(k)
    }

    /// A document named by a sentence opener (`In the statement, it was noted ...`).
    fn document_opener(&self, before: usize) -> Option<Span> {
        let opener = (0..before).find(|&k| self.tokens[k].word)?;
        if !self.is_word(opener, &["in", "within", "through"]) {
            return None;
        }
        let comma = (opener + 1..before).find(|&k| self.is_punct(k, &[',']))?;
        let first = opener + 1;
        if comma <= first {
            return None;
        }
        let phrase = &self.tokens[first..comma];
        let (kind, _) = self.sources.classify(self.text, phrase, &[]);
        (kind == SourceKind::Document).then(|| {
            Span::new(
                self.tokens[first].span.start,
                self.tokens[comma - 1].span.end,
            )
        })
    }

    /// `..., saying that ...`, `adding:`: the source is the subject of the clause.
    fn participle(
        &self,
        cue: Span,
        ci: usize,
        entry: &CueEntry,
        previous: Option<&Found>,
    ) -> Option<Found> {
        let introduced = ci == 0
            || self.is_punct(ci - 1, &[',', ';', '—', '–', '('])
            || self.is_word(
                ci - 1,
                &[
                    "while", "after", "before", "when", "by", "also", "and", "without",
                ],
            );
        if !introduced {
            return None;
        }
        let mut found = self.shared_subject(cue, ci, entry, previous)?;
        found.rule = "attr.participle";
        Some(found)
    }

    /// A verb whose subject is the clause's subject, given earlier: the previous
    /// attribution's source, or the noun phrase opening the sentence.
    fn shared_subject(
        &self,
        cue: Span,
        ci: usize,
        entry: &CueEntry,
        previous: Option<&Found>,
    ) -> Option<Found> {
        let content = self.right_content(ci, entry, false)?;
        if entry.class == CueClass::Belief && !content.complement {
            return None;
        }
        let (source, source_kind, source_entity) = match previous {
            Some(p) => (p.source, p.source_kind, p.source_entity),
            None => {
                let (first, last) = self.subject_at_start(ci)?;
                let (kind, entity) =
                    self.sources
                        .classify(self.text, &self.tokens[first..=last], self.entities);
                (Some(self.span_of(first, last)), kind, entity)
            }
        };
        Some(Found {
            cue,
            source,
            source_entity,
            source_kind,
            content: Some(content.span),
            kind: content.kind,
            quote: content.quote,
            nestable: true,
            rule: "attr.shared-subject",
        })
    }

    /// The noun phrase opening the sentence (before token `limit`): a determiner and the
    /// words after it up to the first lower-case word that follows a non-determiner.
    fn subject_at_start(&self, limit: usize) -> Option<(usize, usize)> {
        let mut first = 0;
        while first < limit && (!self.tokens[first].word || self.is_quote_mark(first)) {
            first += 1;
        }
        if first >= limit {
            return None;
        }
        let mut last = first;
        let mut k = first + 1;
        while k < limit && self.tokens[k].word {
            let w = self.word(k);
            let after_determiner = self.has(k - 1, class::DETERMINERS);
            // A source's head noun after its modifiers belongs to it (`The Sanders campaign`,
            // `A Chinese official`, `His chief aide`), though written in lower case.
            let head = self.has(
                k,
                class::ANONYMOUS_SOURCE | class::DOCUMENT_SOURCE | class::ORGANISATION_SOURCE,
            );
            if !is_capitalised(w) && !after_determiner && !head || self.has(k, class::VERB_FORM) {
                break;
            }
            last = k;
            k += 1;
        }
        if self.sources.is_pronoun(self.text, &self.tokens[first]) {
            last = first;
        }
        Some((first, last))
    }

    /// `according to X, ...` and `..., according to X.`
    fn according_to(&self, cue: Span, ci: usize) -> Option<Found> {
        let after = self.token_from(cue.end);
        // The source runs to the next comma or the sentence end.
        let mut end = after;
        while end < self.tokens.len()
            && !self.is_punct(end, &[',', ';', '(', ')', '—', '–', ':'])
            && !self.is_quote_mark(end)
            && end - after < 25
        {
            end += 1;
        }
        while end > after && !self.tokens[end - 1].word {
            end -= 1;
        }
        if end <= after {
            return None;
        }
        let (kind, entity) =
            self.sources
                .classify(self.text, &self.tokens[after..end], self.entities);
        let source = self.span_of(after, end - 1);
        let at_start = (self.after_dateline()..ci)
            .all(|k| !self.tokens[k].word || self.is_word(k, &["but", "and", "yet", "so", "also"]));
        let content = if at_start {
            let mut from = end;
            while from < self.tokens.len() && !self.tokens[from].word && !self.is_quote_mark(from) {
                from += 1;
            }
            if from >= self.tokens.len() {
                return None;
            }
            self.trim_content(Span::new(self.tokens[from].span.start, self.sentence.end))?
        } else {
            let mut before = ci;
            while before > 0 && self.is_punct(before - 1, &[',', '(', '—', '–']) {
                before -= 1;
            }
            if before == 0 {
                return None;
            }
            let start = self.content_floor(before);
            self.trim_content(Span::new(
                self.tokens[start].span.start,
                self.tokens[before - 1].span.end,
            ))?
        };
        Some(Found {
            cue,
            source: Some(source),
            source_entity: entity,
            source_kind: kind,
            content: Some(content),
            kind: self.kind_of(content),
            quote: None,
            nestable: true,
            rule: "attr.according-to",
        })
    }

    /// A finite verb: the source to its left (or postposed), the content after or before.
    fn finite(
        &self,
        cue: Span,
        ci: usize,
        entry: &CueEntry,
        previous: Option<&Found>,
    ) -> Option<Found> {
        let mut left = self.skip_left(ci, class::AUXILIARIES_AND_ADVERBS, &[])?;
        if entry.roles == role::THIRD && ci > 0 && !self.singular_subject_before(ci - 1) {
            // `talking points`, `new claims`: an -s form after a common word is a plural noun.
            return None;
        }
        if self.is_punct(left, &[')']) {
            // `Harry Reid (D-Nev.) told`: the bracket is an aside.
            let open = (0..left).rev().find(|&k| self.is_punct(k, &['(']))?;
            left = self.skip_left(open, class::AUXILIARIES_AND_ADVERBS, &[])?;
        }
        if self.is_word(left, &["and", "but"]) && left > 0 {
            // `He endorsed Clinton, but told ...`: the verb shares the clause's subject.
            return self.shared_subject(cue, ci, entry, previous);
        }
        if self.tokens[left].word {
            return self.source_before_verb(cue, ci, left, entry);
        }
        if let Some(found) = self.appositive_subject(cue, ci, left, entry) {
            return Some(found);
        }
        // `,” said Dr. Amal Haddad` / `, said the ministry`: the source follows the verb.
        // A belief verb takes a postposed source only after a quotation (`,” reported Reuters`).
        if !(self.is_punct(left, &[',', '—', '–']) || self.is_quote_mark(left))
            || entry.class == CueClass::Belief && !self.is_quote_mark(left)
        {
            return None;
        }
        let (first, last) = noun_phrase_right(self.text, self.tokens, ci + 1)?;
        // The postposed source closes its clause: the sentence ends, or an appositive,
        // a time phrase or a second report follows.
        let closes = last + 1 >= self.tokens.len()
            || !self.tokens[last + 1].word && !self.is_punct(last + 1, &['$', '('])
            || self.has(last + 1, class::TIME_WORDS);
        if !closes || !self.is_punct(left, &[',']) && !self.is_quote_mark(left) {
            return None;
        }
        let content = self.content_before(ci)?;
        let (kind, entity) =
            self.sources
                .classify(self.text, &self.tokens[first..=last], self.entities);
        Some(Found {
            cue,
            source: Some(self.span_of(first, last)),
            source_entity: entity,
            source_kind: kind,
            content: Some(content.span),
            kind: content.kind,
            quote: content.quote,
            nestable: true,
            rule: if content.quote.is_some() {
                "attr.quote-then-cue"
            } else {
                "attr.content-then-cue"
            },
        })
    }

    /// Whether the sentence is a headline in title case (`Trump Says He Will Stay`), where
    /// a capitalised verb is still a verb.
    fn title_case(&self) -> bool {
        let (mut words, mut capitals) = (0, 0);
        for t in self.tokens.iter().filter(|t| t.word && t.span.len() > 3) {
            words += 1;
            capitals += usize::from(is_capitalised(t.span.of(self.text)));
        }
        words >= 3 && capitals * 4 >= words * 3
    }

    /// Whether the token before a third-person verb form can be its subject, rather than a
    /// modifier of a plural noun (`talking points`, `new claims`, `several calls`).
    fn singular_subject_before(&self, i: usize) -> bool {
        let w = self.word(i);
        !(w.ends_with("ing") || self.has(i, class::NOUN_MODIFIERS))
    }

    /// `Haddad, the agency's chief economist, said ...`: the appositive is left out and the
    /// name before it is the source.
    fn appositive_subject(
        &self,
        cue: Span,
        ci: usize,
        comma: usize,
        entry: &CueEntry,
    ) -> Option<Found> {
        if !self.is_punct(comma, &[',']) || comma < 3 {
            return None;
        }
        // The appositive runs back to the previous comma, over no verb of report.
        let reach = comma.saturating_sub(MAX_APPOSITIVE_TOKENS);
        let previous_comma = (reach..comma).rev().find(|&k| self.is_punct(k, &[',']))?;
        let apposition = &self.tokens[previous_comma + 1..comma];
        let relative = apposition
            .first()
            .is_some_and(|t| is_one_of(t.span.of(self.text), &["who", "which"]));
        let plain = relative
            || apposition.iter().all(|t| {
                let w = t.span.of(self.text);
                t.flags & class::VERB_FORM == 0 && !matches!(w, "\"" | "“" | "”" | ";" | ":")
            });
        if previous_comma < 1 || apposition.is_empty() || !plain {
            return None;
        }
        let (first, last) = noun_phrase_left(self.text, self.tokens, previous_comma - 1)?;
        // The name opens its clause: the sentence start, punctuation (an introductory
        // phrase ends with a comma) or a clause word.
        let opens_clause =
            first == 0 || !self.tokens[first - 1].word || self.has(first - 1, class::CLAUSE_WORDS);
        if !(relative || is_capitalised(self.word(last))) || !opens_clause {
            return None;
        }
        let content = match self.right_content(ci, entry, false) {
            Some(content) => content,
            None => self.content_before(first)?,
        };
        if entry.class == CueClass::Belief && !self.belief_complement(&content) {
            return None;
        }
        let (kind, entity) =
            self.sources
                .classify(self.text, &self.tokens[first..=last], self.entities);
        Some(Found {
            cue,
            source: Some(self.span_of(first, last)),
            source_entity: entity,
            source_kind: kind,
            content: Some(content.span),
            kind: content.kind,
            quote: content.quote,
            nestable: true,
            rule: "attr.appositive-subject",
        })
    }

    fn source_before_verb(
        &self,
        cue: Span,
        ci: usize,
        left: usize,
        entry: &CueEntry,
    ) -> Option<Found> {
        let mut rule = "attr.indirect";
        let (first, last) = if self.is_word(left, &["who", "which", "that"]) {
            // `Radio Nord, which said it had ...`: the antecedent is the source.
            let mut end = left.checked_sub(1)?;
            if self.is_punct(end, &[',']) {
                end = end.checked_sub(1)?;
            } else if self.is_word(left, &["that"]) {
                return None;
            }
            rule = "attr.relative-clause";
            noun_phrase_left(self.text, self.tokens, end)?
        } else {
            noun_phrase_left(self.text, self.tokens, left)?
        };
        let right = self.right_content(ci, entry, false);
        let from_right = right.is_some();
        let content = match right {
            Some(content) => content,
            None if rule != "attr.relative-clause" => {
                let content = self.content_before(first)?;
                if content.quote.is_some() {
                    rule = "attr.quote-then-cue";
                } else {
                    rule = "attr.content-then-cue";
                }
                content
            }
            None => return None,
        };
        if entry.class == CueClass::Belief && from_right && !self.belief_complement(&content) {
            return None;
        }
        if rule == "attr.indirect" && content.quote.is_some() {
            rule = "attr.cue-then-quote";
        }
        let mut content = content;
        if rule == "attr.relative-clause"
            && content.quote.is_none()
            && let Some(end) = self.relative_clause_end(content.span)
        {
            content.span = end;
            content.kind = self.kind_of(end);
        }
        let (kind, entity) =
            self.sources
                .classify(self.text, &self.tokens[first..=last], self.entities);
        Some(Found {
            cue,
            source: Some(self.span_of(first, last)),
            source_entity: entity,
            source_kind: kind,
            content: Some(content.span),
            kind: content.kind,
            quote: content.quote,
            nestable: true,
            rule,
        })
    }

    /// `Radio Nord, which said it had acted in good faith, plans to appeal`: the content
    /// of a relative clause ends at the comma after which the main clause's verb comes.
    fn relative_clause_end(&self, content: Span) -> Option<Span> {
        let first = self.token_from(content.start);
        let last = self.token_from(content.end);
        let comma = (first + 1..last.min(self.tokens.len().saturating_sub(1))).find(|&k| {
            self.is_punct(k, &[','])
                && self.tokens[k + 1].word
                && !is_capitalised(self.word(k + 1))
                && !self.has(k + 1, class::CLAUSE_OPENERS)
                && !self.has(k + 1, class::CONJUNCTIONS)
                && !self.has(k + 1, class::NOT_CONTENT_OPENERS)
                && !self.is_word(
                    k + 1,
                    &["including", "such", "like", "especially", "who", "which"],
                )
        })?;
        self.trim_content(Span::new(content.start, self.tokens[comma].span.start))
    }

    /// A belief verb reports only with a clause after it (`believe the seal was damaged`).
    fn belief_complement(&self, content: &Content) -> bool {
        if content.complement || content.quote.is_some() {
            return true;
        }
        let i = self.token_from(content.span.start);
        if i >= self.tokens.len() {
            return false;
        }
        let w = self.word(i);
        let subject_word = is_one_of(
            w,
            &[
                "he", "she", "they", "it", "we", "i", "you", "there", "if", "whether", "what",
                "why", "how", "when", "who", "this", "these", "those",
            ],
        );
        if subject_word || is_capitalised(w) && !self.has(i, class::DETERMINERS) {
            return true;
        }
        // `show support has fallen`: a finite auxiliary soon after shows a clause.
        (i + 1..self.tokens.len().min(i + 5)).any(|k| self.has(k, class::FINITE_AUXILIARIES))
    }

    /// What follows the verb at token `ci`, past `that`, a colon, the hearer and time
    /// phrases. `need_complement` asks for `that`, a colon or a quotation.
    fn right_content(&self, ci: usize, entry: &CueEntry, need_complement: bool) -> Option<Content> {
        let n = self.tokens.len();
        let mut j = ci + 1;
        if j < n
            && (self.is_word(j, &["out", "back"])
                || entry
                    .frames
                    .particles
                    .iter()
                    .any(|particle| self.is_word(j, &[particle.as_str()])))
        {
            j += 1;
        }
        let hearer_verb = entry.frames.hearer;
        // `that` or a colon within reach.
        let mut complement = None;
        for k in j..n.min(j + COMPLEMENT_REACH) {
            if self.tokens[k].word {
                if self.is_word(k, &["that"]) {
                    let intervening_ok = k == j || hearer_verb || self.adverbial_at(j);
                    if intervening_ok {
                        complement = Some(k + 1);
                    }
                    break;
                }
                continue;
            }
            if self.is_punct(k, &[':']) {
                complement = Some(k + 1);
                break;
            }
            if self.is_punct(k, &[',']) && k + 1 < n && self.is_quote_mark(k + 1) {
                // `told reporters in Nashua last week, “...”`
                if k == j || hearer_verb || self.adverbial_at(j) {
                    complement = Some(k + 1);
                }
                break;
            }
            if !self.is_punct(k, &[',']) {
                break;
            }
        }
        let mut start = match complement {
            Some(s) => s,
            None => {
                if need_complement && !(j < n && self.is_quote_mark(j)) {
                    return None;
                }
                let mut s = j;
                if hearer_verb && s < n && self.tokens[s].word {
                    s = self.skip_hearer(s);
                }
                self.skip_adverbials(s)
            }
        };
        while start < n && self.is_punct(start, &[',', ':', '-', '—', '–']) {
            start += 1;
        }
        if start >= n {
            return None;
        }
        // A quotation right there is the content.
        if self.is_quote_mark(start)
            && let Some((q, quotation)) = self
                .quotes()
                .find(|(_, q)| q.outer.start == self.tokens[start].span.start)
        {
            let span = quote_part(self.text, quotation, self.sentence)?;
            // Words after the quotation (other than a trailing cue) make it mixed.
            let rest_words = self.tokens[self.token_from(quotation.outer.end)..]
                .iter()
                .filter(|t| t.word)
                .count();
            if rest_words == 0 || quotation.runs_on {
                return Some(Content {
                    span,
                    kind: AttributionType::Direct,
                    quote: Some(q),
                    complement: true,
                });
            }
        }
        let first_word = self.word(start);
        if self.tokens[start].word && complement.is_none() {
            let infinitive = is_one_of(first_word, &["to"]) && !entry.frames.infinitive;
            // A preposition, a verb of being or a negation after the verb shows the cue was
            // a noun (`the final text is agreed`) or reports nothing (`asked not to be named`).
            let not_content = self.has(
                start,
                class::NOT_CONTENT_OPENERS | class::FINITE_AUXILIARIES,
            );
            let words = self.tokens[start..].iter().filter(|t| t.word).count();
            if infinitive || not_content || words < 2 {
                return None;
            }
        } else if !self.tokens[start].word && !self.is_quote_mark(start) {
            return None;
        }
        let end = self.content_end(start);
        let span = self.trim_content(Span::new(self.tokens[start].span.start, end))?;
        Some(Content {
            span,
            kind: self.kind_of(span),
            quote: None,
            complement: complement.is_some(),
        })
    }

    /// Skips time phrases and the medium of a report after a verb (`Tuesday`, `on Monday
    /// night`, `last week`, `in a statement`, `at a news conference`), and a comma after them.
    fn skip_adverbials(&self, from: usize) -> usize {
        let n = self.tokens.len();
        let mut s = from;
        loop {
            let before = s;
            while s < n && self.has(s, class::SKIPPED_TIME_WORDS) {
                s += 1;
            }
            if s + 1 < n
                && self.is_word(
                    s,
                    &[
                        "on", "last", "this", "next", "early", "late", "earlier", "later",
                    ],
                )
                && self.has(s + 1, class::TIME_NOUNS)
            {
                s += 2;
                while s < n && self.has(s, class::TIME_NOUNS) {
                    s += 1;
                }
            }
            if s < n && self.is_word(s, &["in", "at", "on", "during", "via", "through", "over"]) {
                // `in a statement`, `at a news conference`, `in an interview with CNN`
                let medium =
                    (s + 1..n.min(s + 5)).find(|&k| self.cues.is_report_noun(self.word(k)));
                if let Some(k) = medium {
                    s = k + 1;
                    if s + 1 < n
                        && self.is_word(s, &["with", "to", "on"])
                        && self.tokens[s + 1].word
                    {
                        s += 2;
                        while s < n && self.tokens[s].word && is_capitalised(self.word(s)) {
                            s += 1;
                        }
                    }
                }
            }
            while s < n && self.is_punct(s, &[',']) {
                s += 1;
            }
            if s == before {
                return s;
            }
        }
    }

    /// Whether token `j` opens a time or manner phrase (`on Monday`, `last week`, `again`)
    /// rather than an object.
    fn adverbial_at(&self, j: usize) -> bool {
        if self.is_punct(j, &[',']) {
            return true;
        }
        if self.is_word(j, &["this", "last", "next", "late", "early"]) {
            return j + 1 < self.tokens.len() && self.has(j + 1, class::TIME_NOUNS);
        }
        self.has(j, class::ADVERBIAL_OPENERS)
    }

    /// Skips the hearer of `told` (`reporters`, `the BBC`, `Smith`) and time phrases after it.
    fn skip_hearer(&self, s: usize) -> usize {
        let n = self.tokens.len();
        let mut k = s;
        if self.has(k, class::OBJECT_WORDS) {
            k += 1;
        } else if self.has(k, class::DETERMINERS) || is_capitalised(self.word(k)) {
            k += 1;
            while k < n
                && self.tokens[k].word
                && (is_capitalised(self.word(k))
                    || k - s < 3
                        && !self.has(k, class::CLAUSE_OPENERS)
                        && !self.is_word(k, &["that", "to"]))
            {
                k += 1;
            }
        }
        // `on Wednesday`, `in an interview`: up to the next comma-free clause opener.
        if k < n && self.is_word(k, &["on", "in", "at", "during", "last", "this"]) {
            let mut m = k + 1;
            while m < n && m - k < 5 && self.tokens[m].word && !self.is_word(m, &["that"]) {
                m += 1;
            }
            if m < n && self.is_word(m, &["that"]) {
                return m + 1;
            }
        }
        k
    }

    /// Where an indirect content after the verb ends: the sentence end, or before a
    /// trailing `, according to` or `, adding`.
    fn content_end(&self, start: usize) -> usize {
        let n = self.tokens.len();
        let quoted = |k: usize| {
            let at = self.tokens[k].span.start;
            self.quotes()
                .any(|(_, q)| q.inner.start <= at && at < q.inner.end)
        };
        for k in start + 1..n.saturating_sub(1) {
            // Where the reported clause ends and the writer's own words go on: a
            // semicolon, a contrast or an aside opened after a comma (`, but`, `, while`,
            // `, which`), or a second verb of report coordinated with the cue's (`said A
            // and added B`, `and called for`). Inside a quotation they are the speaker's.
            if k > start + 1 && !quoted(k) {
                let clause_ends = self.is_punct(k, &[';'])
                    || self.is_punct(k, &[','])
                        && self.tokens[k + 1].word
                        && self.has(k + 1, class::CLAUSE_BREAKERS)
                        // `, but that ...`: a second complement of the same verb.
                        && !(k + 2 < n && self.is_word(k + 2, &["that", "also"]))
                    || self.is_word(k, &["and"]) && self.reporting_verb_after(k + 1);
                if clause_ends {
                    return self.tokens[k].span.start;
                }
            }
            if self.is_punct(k, &[',', ';']) {
                let w = self.word(k + 1);
                let participle = w.ends_with("ing") && self.has(k + 1, class::VERB_FORM);
                // `, it was stated that`: a new report begins.
                let agentless = w.eq_ignore_ascii_case("it")
                    && k + 3 < n
                    && self.has(k + 2, class::BE_FORMS)
                    && self.has(k + 3, class::VERB_FORM);
                if w == "according" || participle || agentless {
                    return self.tokens[k].span.start;
                }
            }
        }
        self.sentence.end
    }

    /// Whether a verb of report opens at token `k`, past an adverb of sequence (`and also
    /// said`, `and then added`).
    fn reporting_verb_after(&self, k: usize) -> bool {
        let mut k = k;
        if k < self.tokens.len() && self.is_word(k, &["also", "then", "later"]) {
            k += 1;
        }
        k < self.tokens.len() && self.tokens[k].word && self.has(k, class::VERB_FORM)
    }

    /// The content before a postposed source or cue starting at token `boundary`: the
    /// quotation ending there, or the clause from the sentence start.
    fn content_before(&self, boundary: usize) -> Option<Content> {
        let mut b = boundary;
        while b > 0 && !self.tokens[b - 1].word {
            b -= 1;
        }
        if b == boundary || b == 0 {
            return None;
        }
        let punct = Span::new(self.tokens[b].span.start, self.tokens[boundary].span.start);
        let gap = punct.of(self.text);
        if !gap.contains([',', '"', '”', '“', '»', '’', '\'', '—', '?', '!']) {
            return None;
        }
        // A quotation closing in the punctuation run before the boundary.
        if let Some((q, quotation)) = self.quotes().find(|(_, q)| {
            q.outer.end > self.tokens[b - 1].span.start && q.outer.end <= punct.end
                || q.inner.end >= self.tokens[b - 1].span.start
                    && q.inner.end <= punct.end
                    && q.runs_on
        }) {
            let mut part = quote_part(self.text, quotation, self.sentence)?;
            if quotation.inner.start < self.sentence.start {
                // `“A. B,” he said.`: the quotation before the cue is one content; only
                // sentences after a cue continue it.
                part.start = quotation.inner.start;
            }
            let floor = self.tokens[self.content_floor(b)].span.start;
            let lead = Span::new(floor, quotation.outer.start.max(floor));
            let words_before = lead.of(self.text).chars().any(char::is_alphanumeric)
                && quotation.outer.start > floor;
            if words_before {
                let span = self.trim_content(Span::new(floor, part.end))?;
                return Some(Content {
                    span,
                    kind: AttributionType::Mixed,
                    quote: Some(q),
                    complement: false,
                });
            }
            return Some(Content {
                span: part,
                kind: AttributionType::Direct,
                quote: Some(q),
                complement: false,
            });
        }
        let start = self.content_floor(b);
        let span = self.trim_content(Span::new(
            self.tokens[start].span.start,
            self.tokens[b - 1].span.end,
        ))?;
        let words = self.tokens[start..b].iter().filter(|t| t.word).count();
        if words < 3 {
            return None;
        }
        Some(Content {
            span,
            kind: self.kind_of(span),
            quote: None,
            complement: false,
        })
    }

    /// The first token of content that ends before token `b`: the sentence start, skipping
    /// punctuation.
    fn content_floor(&self, b: usize) -> usize {
        let mut k = self.after_dateline();
        while k < b && !self.tokens[k].word && !self.is_quote_mark(k) {
            k += 1;
        }
        k.min(b.saturating_sub(1))
    }

    /// The first token after a dateline (`DUBLIN (Liffey News) — `) opening the sentence,
    /// or 0.
    fn after_dateline(&self) -> usize {
        let opens_with_capitals = self.tokens.first().is_some_and(|t| {
            let w = t.span.of(self.text);
            t.word
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        });
        if !opens_with_capitals {
            return 0;
        }
        (1..self.tokens.len().min(12))
            .find(|&k| self.is_punct(k, &['—', '–']))
            .map_or(0, |k| k + 1)
    }

    /// Trims space and trailing punctuation (not a closing quote mark) from a content span.
    fn trim_content(&self, span: Span) -> Option<Span> {
        let span = span.trim(self.text);
        let slice = span.of(self.text);
        let trimmed = slice.trim_end_matches(['.', ',', ';', ':', ' ', '—', '–', '-', '(']);
        let trimmed = trimmed.trim_start_matches([',', ':', ' ', '—', '–']);
        if !trimmed.chars().any(char::is_alphanumeric) {
            return None;
        }
        let lead = slice.len() - slice.trim_start_matches([',', ':', ' ', '—', '–']).len();
        Some(Span::new(
            span.start + lead,
            span.start + lead + trimmed.len(),
        ))
    }

    /// Direct when the content is one quotation, mixed when it holds a quoted fragment,
    /// else indirect.
    fn kind_of(&self, content: Span) -> AttributionType {
        for (_, q) in self.quotes() {
            if q.inner.overlaps(&content) {
                if q.outer.start <= content.start && content.end <= q.outer.end {
                    return AttributionType::Direct;
                }
                return AttributionType::Mixed;
            }
        }
        AttributionType::Indirect
    }

    /// The byte span of tokens `first..=last`.
    fn span_of(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }
}
