//! Attributions: for each reported claim, its cue, source and content (after PARC 3.0).
//!
//! The extractor works in three steps, all linear in the document:
//! 1. one word-by-word pass ([`cues`]) finds every cue candidate (reporting and belief verbs
//!    in all their forms, phrases like `according to`) together with the quote marks and
//!    newlines;
//! 2. the quote marks are paired into quotations ([`quotes`]), robust to missing, stray
//!    and wrongly turned marks;
//! 3. each sentence holding a cue candidate is tokenized once and the candidate is read
//!    against the frames of news syntax ([`frames`]): quotation then cue, cue then
//!    quotation, indirect speech with or without `that`, `according to`, relative clauses,
//!    participles (`, adding that`), agentless passives (`it was stated that`, `is said
//!    to`). Quotations running over several sentences or paragraphs then give each
//!    follow-on sentence its own attribution, linked to the first.
//!
//! Sources are classified by their head noun and by the entities inside them
//! ([`source`]); a pronoun source is linked to the speaker it stands for.

mod cues;
mod frames;
mod quotes;
mod source;
mod words;

use std::collections::HashSet;
use std::sync::Arc;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::{AttributionType, CueClass, EntityLabel, SourceKind};
use crate::ner::EntityMention;
use crate::text::{Span, sentence_index};
use crate::tokens::{Tokens, Vocabulary};

use cues::CueLexicon;
use frames::{Found, SentenceFrames};
use quotes::Quotation;
use source::SourceLexicon;

/// Sentences longer than this (in bytes) are not searched: a "sentence" of that size is a
/// run of text without punctuation (a table, a list), where the frames would only guess.
const MAX_SENTENCE_BYTES: usize = 4000;

/// How many sentences back a pronoun source may look for the speaker it stands for.
const PRONOUN_REACH: usize = 3;

/// An attribution found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributionMention {
    /// The words that signal the report.
    pub cue: Span,
    /// Who is reported, when the text names anybody.
    pub source: Option<Span>,
    /// Index (into the entity list) of the entity the source names or stands for.
    pub source_entity: Option<usize>,
    /// What is reported.
    pub content: Option<Span>,
    /// Direct, indirect or mixed.
    pub kind: AttributionType,
    /// What sort of source it is.
    pub source_kind: SourceKind,
    /// For a continued quotation: index of the attribution it continues.
    pub continues: Option<usize>,
    /// Id of the pattern that produced it.
    pub rule: String,
    /// The lemma of the reporting verb (`say`), or the cue phrase (`according to`).
    pub lemma: Arc<str>,
    /// What kind of report the cue makes.
    pub cue_class: CueClass,
}

/// Extracts attributions; built once from the cue lexicons.
pub struct AttributionExtractor {
    cues: CueLexicon,
    sources: SourceLexicon,
}

/// An attribution being assembled, before ordering fixes the final indices.
#[derive(Clone, Debug)]
struct Draft {
    mention: AttributionMention,
    /// The quotation its content is, when it is one.
    quote: Option<usize>,
    /// The draft it continues (index into the draft list).
    root: Option<usize>,
}

impl AttributionExtractor {
    /// Compiles the cue lexicons and patterns, and adds the frames' word classes and the
    /// one-word cues to the vocabulary of the token layer.
    pub fn new(
        lexicons: &Lexicons,
        vocabulary: &mut Vocabulary,
    ) -> Result<AttributionExtractor, Error> {
        let abbreviations: HashSet<String> = lexicons
            .all_abbreviations()
            .map(|a| a.trim_end_matches('.').to_lowercase())
            .collect();
        let cues = CueLexicon::new(lexicons, vocabulary)?;
        let sources = SourceLexicon::new(lexicons)?;
        words::add_classes(
            vocabulary,
            lexicons,
            &[
                (&cues.verb_forms, words::class::VERB_FORM),
                (&abbreviations, words::class::ABBREVIATION),
                (&sources.pronouns, words::class::PRONOUN),
                (&sources.documents, words::class::DOCUMENT_SOURCE),
                (&sources.anonymous, words::class::ANONYMOUS_SOURCE),
                (&sources.organisations, words::class::ORGANISATION_SOURCE),
            ],
        );
        Ok(AttributionExtractor { cues, sources })
    }

    /// Attributions in `text`, ordered by cue start.
    pub fn extract(
        &self,
        tokens: &Tokens<'_>,
        sentences: &[Span],
        entities: &[EntityMention],
    ) -> Vec<AttributionMention> {
        let text = tokens.text();
        let scan = self.cues.scan(tokens);
        let quotations = quotes::pair(text, &scan.marks, tokens.vocabulary());
        let mut drafts: Vec<Draft> = Vec::new();
        let mut quote_owner: Vec<Option<usize>> = vec![None; quotations.len()];
        let mut sentence_words = Vec::new();
        // Each finding with the index of its cue entry.
        let mut found_here: Vec<(Found, usize)> = Vec::new();
        let mut next_cue = 0;
        for sentence in sentences {
            while next_cue < scan.cues.len() && scan.cues[next_cue].span.start < sentence.start {
                next_cue += 1;
            }
            let first_cue = next_cue;
            while next_cue < scan.cues.len() && scan.cues[next_cue].span.end <= sentence.end {
                next_cue += 1;
            }
            if first_cue == next_cue || sentence.len() > MAX_SENTENCE_BYTES {
                continue;
            }
            words::sentence_words(
                text,
                &tokens.within(*sentence),
                tokens.vocabulary(),
                &mut sentence_words,
            );
            let first_quote = quotations.partition_point(|q| q.outer.end <= sentence.start);
            let last_quote = quotations.partition_point(|q| q.outer.start < sentence.end);
            let frames = SentenceFrames {
                text,
                sentence: *sentence,
                tokens: &sentence_words,
                quotations: &quotations,
                quote_range: first_quote..last_quote.max(first_quote),
                cues: &self.cues,
                sources: &self.sources,
                entities,
            };
            found_here.clear();
            for hit in &scan.cues[first_cue..next_cue] {
                if let Some(found) = frames.analyse(hit, found_here.last().map(|(f, _)| f)) {
                    found_here.push((found, hit.entry));
                }
            }
            // A report inside the content of another (`said he believes ...`) is part of
            // what is reported, not a claim of the text's own.
            let nested = |f: &Found| {
                found_here.iter().any(|(outer, _)| {
                    f.nestable
                        && outer.content.is_some_and(|c| c.contains(&f.cue))
                        && !f.cue.contains(&outer.cue)
                })
            };
            let kept: Vec<(Found, usize)> = found_here
                .iter()
                .filter(|(f, _)| !nested(f))
                .cloned()
                .collect();
            for (found, entry) in kept {
                if let Some(q) = found.quote {
                    if quote_owner[q].is_some() {
                        continue;
                    }
                    quote_owner[q] = Some(drafts.len());
                }
                drafts.push(draft_of(found, &self.cues.entries[entry]));
            }
        }
        continue_quotations(
            text,
            sentences,
            &quotations,
            &scan.cues,
            &mut quote_owner,
            &mut drafts,
        );
        self.link_pronouns(text, sentences, entities, &mut drafts);
        finish(drafts)
    }

    /// Points pronoun sources at the speaker they stand for: the source of the previous
    /// attribution within a few sentences when that is a person, else the nearest
    /// preceding PERSON entity.
    fn link_pronouns(
        &self,
        text: &str,
        sentences: &[Span],
        entities: &[EntityMention],
        drafts: &mut [Draft],
    ) {
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&i| drafts[i].mention.cue.start);
        let mut previous: Option<usize> = None;
        for &i in &order {
            if drafts[i].root.is_some() {
                continue;
            }
            let mention = &drafts[i].mention;
            if mention.source_kind == SourceKind::Pronoun
                && let Some(source) = mention.source
            {
                let pronoun = source.of(text).to_lowercase();
                let personal = matches!(pronoun.as_str(), "he" | "she" | "i");
                let sentence = sentence_index(sentences, source.start);
                let speaker = previous.map(|p| &drafts[p].mention).filter(|p| {
                    sentence.saturating_sub(sentence_index(sentences, p.cue.start)) <= PRONOUN_REACH
                        && matches!(
                            p.source_kind,
                            SourceKind::Named | SourceKind::Anonymous | SourceKind::Pronoun
                        )
                });
                let entity = match speaker {
                    Some(p) => p.source_entity.filter(|&e| {
                        let person = entities[e].label == EntityLabel::Person;
                        person == personal
                    }),
                    None if personal => entities
                        [..entities.partition_point(|e| e.span.end <= source.start)]
                        .iter()
                        .rposition(|e| e.label == EntityLabel::Person),
                    None => None,
                };
                drafts[i].mention.source_entity = entity;
            }
            previous = Some(i);
        }
    }
}

/// A draft from a frame's finding for a cue of `entry`.
fn draft_of(found: Found, entry: &cues::CueEntry) -> Draft {
    Draft {
        mention: AttributionMention {
            cue: found.cue,
            source: found.source,
            source_entity: found.source_entity,
            content: found.content,
            kind: found.kind,
            source_kind: found.source_kind,
            continues: None,
            rule: found.rule.to_string(),
            lemma: entry.lemma.clone(),
            cue_class: entry.report_class,
        },
        quote: found.quote,
        root: None,
    }
}

/// The part of a quotation inside one sentence, trimmed, without a trailing comma.
fn quote_part(text: &str, quotation: &Quotation, sentence: Span) -> Option<Span> {
    let start = quotation.inner.start.max(sentence.start);
    let end = quotation.inner.end.min(sentence.end);
    if start >= end {
        return None;
    }
    let mut span = Span::new(start, end).trim(text);
    // Marks of the quotation inside the sentence are not content.
    let slice = span.of(text);
    let trimmed = slice
        .trim_start_matches(['"', '“', '”', '«', '»', '„', ' '])
        .trim_end_matches(['"', '“', '”', '«', '»', '„', ',', ' ']);
    if trimmed.is_empty() {
        return None;
    }
    let lead = slice.len()
        - slice
            .trim_start_matches(['"', '“', '”', '«', '»', '„', ' '])
            .len();
    span = Span::new(span.start + lead, span.start + lead + trimmed.len());
    span.of(text)
        .chars()
        .any(char::is_alphanumeric)
        .then_some(span)
}

/// Gives every sentence of an attributed quotation beyond the cue's own sentence an
/// attribution of its own, and carries a speaker over to the quotations that follow
/// without a new cue: in the next sentence of the same paragraph, or in the next paragraph
/// when the quotation ran on past its paragraph's end.
fn continue_quotations(
    text: &str,
    sentences: &[Span],
    quotations: &[Quotation],
    cues: &[cues::CueHit],
    quote_owner: &mut [Option<usize>],
    drafts: &mut Vec<Draft>,
) {
    let mut last_owned: Option<usize> = None;
    for q in 0..quotations.len() {
        let quotation = &quotations[q];
        if quotation.title {
            continue;
        }
        if quote_owner[q].is_none()
            && let Some(p) = last_owned
            && let Some(root) = quote_owner[p]
            && drafts[root].mention.kind != AttributionType::Indirect
        {
            let previous = &quotations[p];
            let between =
                &text[previous.outer.end.min(quotation.outer.start)..quotation.outer.start];
            let breaks = between.matches('\n').count();
            let sentence = sentence_index(sentences, quotation.outer.start);
            let previous_sentence = sentence_index(sentences, previous.inner.end.saturating_sub(1));
            let starts_sentence = sentences.get(sentence).is_some_and(|s| {
                s.start >= quotation.outer.start.saturating_sub(1)
                    && s.start <= quotation.inner.start
            });
            let follows = if breaks == 0 {
                starts_sentence && sentence <= previous_sentence + 1
            } else {
                previous.runs_on && starts_sentence && between.trim().is_empty()
            };
            if follows {
                let root = drafts[root].root.unwrap_or(root);
                quote_owner[q] = Some(root);
                add_continuations(text, sentences, quotation, q, root, None, drafts);
            }
        }
        if quote_owner[q].is_none()
            && let Some(root) = reported_before(text, sentences, quotation, cues, drafts)
        {
            quote_owner[q] = Some(root);
            add_continuations(text, sentences, quotation, q, root, None, drafts);
        }
        if let Some(owner) = quote_owner[q] {
            if drafts[owner].quote == Some(q) && drafts[owner].root.is_none() {
                let cue_sentence = sentence_index(sentences, drafts[owner].mention.cue.start);
                add_continuations(
                    text,
                    sentences,
                    quotation,
                    q,
                    owner,
                    Some(cue_sentence),
                    drafts,
                );
            }
            last_owned = Some(q);
        }
    }
}

/// The indirect report a cue-less quotation opening a paragraph goes on with: `The article
/// claimed that ...` and then, as the next paragraph, `“Chinese technology companies play a
/// key role ...”`, a passage quoted from the article. Only a document's report is
/// continued so: a document is quoted by setting its words off, a person by a quotation
/// with a cue, so a cue-less quotation after a person's paraphrase stays nobody's. The
/// report must be the last sentence of the paragraph before, and the quotation must start
/// its paragraph. No cue
/// candidate may sit in the quotation's sentences: a `said` there that the frames did not
/// take is more likely the quotation's own cue, missed, than a sign it has none.
fn reported_before(
    text: &str,
    sentences: &[Span],
    quotation: &Quotation,
    cues: &[cues::CueHit],
    drafts: &[Draft],
) -> Option<usize> {
    let sentence = sentence_index(sentences, quotation.outer.start);
    let opens_sentence = sentences
        .get(sentence)
        .is_some_and(|s| s.start == quotation.outer.start);
    let previous = sentence.checked_sub(1).and_then(|p| sentences.get(p))?;
    if !opens_sentence || previous.end > quotation.outer.start {
        return None;
    }
    let between = &text[previous.end..quotation.outer.start];
    if !between.contains('\n') || !between.trim().is_empty() {
        return None;
    }
    let last = sentence_index(sentences, quotation.inner.end.saturating_sub(1));
    let reach = sentences.get(last).map_or(quotation.outer.end, |s| s.end);
    let first_cue = cues.partition_point(|c| c.span.start < quotation.outer.start);
    if cues.get(first_cue).is_some_and(|c| c.span.start < reach) {
        return None;
    }
    drafts.iter().rposition(|d| {
        let m = &d.mention;
        d.root.is_none()
            && m.kind == AttributionType::Indirect
            && m.source_kind == SourceKind::Document
            && m.source.is_some()
            && previous.contains(&m.cue)
            && m.content.is_some_and(|c| c.end + 2 >= previous.end)
    })
}

/// Adds one continuation attribution per sentence of `quotation` (only those after the
/// sentence `after` when given).
fn add_continuations(
    text: &str,
    sentences: &[Span],
    quotation: &Quotation,
    q: usize,
    root: usize,
    after: Option<usize>,
    drafts: &mut Vec<Draft>,
) {
    let first = sentence_index(sentences, quotation.inner.start);
    let mut s = first;
    while s < sentences.len() && sentences[s].start < quotation.inner.end {
        if after.is_none_or(|a| s > a)
            && let Some(content) = quote_part(text, quotation, sentences[s])
        {
            let base = &drafts[root].mention;
            let mention = AttributionMention {
                cue: base.cue,
                source: base.source,
                source_entity: base.source_entity,
                content: Some(content),
                kind: AttributionType::Direct,
                source_kind: base.source_kind,
                continues: None,
                rule: "attr.continued-quote".to_string(),
                lemma: base.lemma.clone(),
                cue_class: base.cue_class,
            };
            drafts.push(Draft {
                mention,
                quote: Some(q),
                root: Some(root),
            });
        }
        s += 1;
    }
}

/// Orders the drafts by cue (then content) and turns draft links into final indices.
fn finish(drafts: Vec<Draft>) -> Vec<AttributionMention> {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| {
        let m = &drafts[i].mention;
        (m.cue.start, m.content.map_or(0, |c| c.start), i)
    });
    let mut position = vec![0; drafts.len()];
    for (final_index, &i) in order.iter().enumerate() {
        position[i] = final_index;
    }
    order
        .iter()
        .map(|&i| {
            let mut mention = drafts[i].mention.clone();
            mention.continues = drafts[i].root.map(|r| position[r]);
            mention
        })
        .collect()
}

#[cfg(test)]
mod tests;
