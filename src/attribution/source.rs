//! Sources: finding the noun phrase of whoever is reported, and saying what sort it is.
//!
//! Without a parser, a source is read off the words beside the cue: walking left from the
//! verb over nouns, names, determiners and the prepositions that tie modifiers to a noun
//! (`officials in Tromsø`), or right from the verb in a postposed source (`said Dr. Amal
//! Haddad, the agency's chief economist`), stopping at clause words and punctuation. Its
//! kind comes from its head noun, looked up in the source lexicons, and from the entities
//! the recognizer found inside it.

use std::collections::HashSet;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::{EntityLabel, SourceKind};
use crate::ner::EntityMention;
use crate::text::Span;

use super::words::{Token, class, is_capitalised, is_one_of, strip_possessive};

/// Longest source, in tokens, that the walks accept; longer runs are not noun phrases.
const MAX_SOURCE_TOKENS: usize = 14;

/// The source lexicons, lower-cased.
///
/// Tokens carry their membership as class bits ([`class::PRONOUN`],
/// [`class::DOCUMENT_SOURCE`], ...), looked up once when tokenizing; the sets answer for
/// the words those bits cannot (possessives, words with non-ASCII letters, whose lexicon
/// form is their full Unicode lower case).
pub(crate) struct SourceLexicon {
    pub anonymous: HashSet<String>,
    pub documents: HashSet<String>,
    pub organisations: HashSet<String>,
    pub pronouns: HashSet<String>,
}

impl SourceLexicon {
    /// Reads the `anonymous_sources`, `document_sources`, `organisation_sources` and
    /// `source_pronouns` lists.
    pub fn new(lexicons: &Lexicons) -> Result<SourceLexicon, Error> {
        let set = |name: &str| -> HashSet<String> {
            lexicons
                .list(name)
                .iter()
                .map(|e| e.to_lowercase())
                .collect()
        };
        Ok(SourceLexicon {
            anonymous: set("anonymous_sources"),
            documents: set("document_sources"),
            organisations: set("organisation_sources"),
            pronouns: set("source_pronouns"),
        })
    }

    /// True when `token` is a subject pronoun that can be a source.
    pub fn is_pronoun(&self, text: &str, token: &Token) -> bool {
        let word = token.span.of(text);
        if token.word && word.is_ascii() {
            return token.flags & class::PRONOUN != 0;
        }
        self.pronouns.contains(&word.to_lowercase())
    }

    /// The source classes ([`class::DOCUMENT_SOURCE`], [`class::ANONYMOUS_SOURCE`],
    /// [`class::ORGANISATION_SOURCE`]) of the head `token` without its possessive ending.
    fn head_classes(&self, text: &str, token: &Token) -> u32 {
        let word = token.span.of(text);
        let head = strip_possessive(word);
        if token.word && head.len() == word.len() && word.is_ascii() {
            // ASCII lower case is the full lower case: the token's own bits answer.
            return token.flags;
        }
        let head = head.to_lowercase();
        let mut classes = 0;
        for (set, bit) in [
            (&self.documents, class::DOCUMENT_SOURCE),
            (&self.anonymous, class::ANONYMOUS_SOURCE),
            (&self.organisations, class::ORGANISATION_SOURCE),
        ] {
            if set.contains(&head) {
                classes |= bit;
            }
        }
        classes
    }

    /// Classifies the source made of `tokens`; returns its kind and, when an entity names
    /// its head, the entity's index.
    pub fn classify(
        &self,
        text: &str,
        tokens: &[Token],
        entities: &[EntityMention],
    ) -> (SourceKind, Option<usize>) {
        let Some(first) = tokens.first() else {
            return (SourceKind::Agentless, None);
        };
        let word = |t: &Token| t.span.of(text);
        if tokens.len() == 1 && self.is_pronoun(text, first) {
            return (SourceKind::Pronoun, None);
        }
        let head = head_index(text, tokens);
        let head_classes = self.head_classes(text, &tokens[head]);
        if head_classes & class::DOCUMENT_SOURCE != 0 {
            return (SourceKind::Document, None);
        }
        if head_classes & class::ANONYMOUS_SOURCE != 0 {
            return (SourceKind::Anonymous, None);
        }
        let head_region = Span::new(first.span.start, tokens[head].span.end);
        // Entities are ordered and do not overlap, so only the few around the head are
        // looked at: a scan of the whole list per source would be quadratic in long texts.
        let from = entities.partition_point(|e| e.span.end <= head_region.start);
        let to = entities.partition_point(|e| e.span.start < head_region.end);
        let entity = entities[from..to.max(from)]
            .iter()
            .enumerate()
            .map(|(i, e)| (from + i, e))
            .filter(|(_, e)| {
                matches!(
                    e.label,
                    EntityLabel::Person | EntityLabel::Org | EntityLabel::Gpe
                ) && e.span.overlaps(&head_region)
            })
            .max_by_key(|(_, e)| (e.label != EntityLabel::Gpe, e.span.end))
            .map(|(i, _)| i);
        if entity.is_some() {
            return (SourceKind::Named, entity);
        }
        let head_text = word(&tokens[head]);
        let at_start_only = head == 0;
        if is_capitalised(head_text)
            && !(at_start_only && tokens[head].flags & class::DETERMINERS != 0)
            && head_text.chars().any(char::is_alphabetic)
        {
            return (SourceKind::Named, None);
        }
        let definite = is_one_of(word(first), &["the", "its", "their", "this", "that"])
            || tokens[..head].iter().any(|t| {
                let w = word(t);
                w.ends_with("'s") || w.ends_with("’s")
            });
        if definite && head_classes & class::ORGANISATION_SOURCE != 0 {
            return (SourceKind::Named, None);
        }
        (SourceKind::Anonymous, None)
    }
}

/// The head of a source: the last word before its first modifier (a preposition, a
/// relative pronoun, a participle, a comma).
pub(crate) fn head_index(text: &str, tokens: &[Token]) -> usize {
    for (i, t) in tokens.iter().enumerate().skip(1) {
        let w = t.span.of(text);
        let after_article = tokens[i - 1].flags & class::ARTICLES != 0;
        let lower_participle = !is_capitalised(w)
            && !after_article
            && ((w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4
                || is_one_of(
                    w,
                    &["seen", "made", "sent", "held", "led", "run", "written"],
                ));
        if !t.word
            || t.flags & class::NP_PREPOSITIONS != 0
            || is_one_of(w, &["who", "which", "that", "whose"])
            || lower_participle
        {
            return i - 1;
        }
    }
    tokens.len() - 1
}

/// The source noun phrase ending at token `last` (walking left), as a token range.
pub(crate) fn noun_phrase_left(
    text: &str,
    tokens: &[Token],
    last: usize,
) -> Option<(usize, usize)> {
    let word = |i: usize| tokens[i].span.of(text);
    let has = |i: usize, c: u32| tokens[i].flags & c != 0;
    // A verb form after an article is a noun (`the emails`), so it does not stop the walk.
    // The classes are tested first: most words are in neither, and then the text is not
    // read at all.
    let is_stop_at = |i: usize| {
        // Mid-sentence capitals are name parts; a capitalised verb form opening the
        // sentence inside a noun phrase is a noun (`Reports`, `Emails`).
        let capitalised = || tokens[i].first.is_uppercase();
        has(i, class::CLAUSE_WORDS)
            && !(capitalised() && i > 0 && tokens[i - 1].word)
            && !is_acronym(word(i))
            || has(i, class::VERB_FORM)
                && !(i > 0 && has(i - 1, class::ARTICLES))
                && !(i == 0 && capitalised())
    };
    let is_stop = |i: usize| has(i, class::CLAUSE_WORDS | class::VERB_FORM);
    if tokens[last].word && has(last, class::PRONOUN) {
        return Some((last, last));
    }
    if !tokens[last].word
        || is_stop_at(last)
        || is_one_of(word(last), &["him", "her", "them", "us", "me", "whom"])
        || has(last, class::NP_PREPOSITIONS)
    {
        return None;
    }
    let mut first = last;
    let mut k = last;
    while k > 0 {
        let j = k - 1;
        let t = tokens[j];
        let w = word(j);
        if !t.word {
            // A possessive mark after a plural (`officials’ union`) stays inside.
            let possessive = matches!(w, "’" | "'")
                && j > 0
                && tokens[j - 1].word
                && word(j - 1).ends_with('s')
                && tokens[j - 1].span.end == t.span.start;
            if !possessive {
                break;
            }
        } else if is_one_of(w, &["and", "&"]) {
            // `Smith and Jones`: both sides names.
            if !(j > 0 && is_capitalised(word(j - 1)) && is_capitalised(word(k))) {
                break;
            }
        } else if is_stop_at(j) || has(j, class::PRONOUN) && !is_capitalised(w) && !is_acronym(w) {
            break;
        } else if is_verb_like(w, t.flags) && !(j > 0 && has(j - 1, class::DETERMINERS)) {
            // `the company ignored repeated warnings`: a past form after a noun is a verb,
            // unless it is a participle that modifies a source (`a study published ...`).
            break;
        } else if has(j, class::NP_PREPOSITIONS) {
            // A preposition stays only between two nominal words (`two of the people`).
            let quantity = j > 0 && is_one_of(w, &["of"]) && has(j - 1, class::DETERMINERS);
            // A capitalised verb form opening the sentence is a noun (`Emails between ...`).
            let noun_at_start = j == 1 && is_capitalised(word(0));
            let attaches = j > 0
                && tokens[j - 1].word
                && (noun_at_start || !is_stop(j - 1))
                && (quantity || !has(j - 1, class::DETERMINERS))
                && !has(j - 1, class::NP_PREPOSITIONS);
            if !attaches {
                break;
            }
        }
        first = j;
        k = j;
        if last - first >= MAX_SOURCE_TOKENS {
            return None;
        }
    }
    // A determiner inside the run starts the phrase unless a preposition or possessive
    // ties it to what comes before (`the head of the union`).
    for p in (first + 1..=last).rev() {
        if has(p, class::DETERMINERS) && tokens[p].word {
            let tied = has(p - 1, class::NP_PREPOSITIONS) || !tokens[p - 1].word;
            if !tied {
                first = p;
                break;
            }
        }
    }
    // Discourse words and a leading prepositional opener are not part of the source.
    while first < last && has(first, class::DISCOURSE_WORDS) {
        first += 1;
        // `In Paris the minister said`: skip the opener's object too.
        if has(first - 1, class::NP_PREPOSITIONS)
            && first < last
            && is_capitalised(word(first))
            && (first + 1..=last).any(|p| has(p, class::DETERMINERS))
        {
            while first < last && !has(first, class::DETERMINERS) {
                first += 1;
            }
        }
    }
    if has(first, class::DISCOURSE_WORDS) && first == last {
        return None;
    }
    Some((first, last))
}

/// A lower-case past form that is not a known source-modifying participle.
fn is_verb_like(word: &str, flags: u32) -> bool {
    !is_capitalised(word)
        && word.len() > 4
        && word.ends_with("ed")
        && flags & class::MODIFYING_PARTICIPLES == 0
}

/// An all-capitals word of two letters or more (`US`, `IT`): a name, never a pronoun.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// The postposed source starting at token `from` (`said Dr. Amal Haddad, ...`).
pub(crate) fn noun_phrase_right(
    text: &str,
    tokens: &[Token],
    from: usize,
) -> Option<(usize, usize)> {
    let word = |i: usize| tokens[i].span.of(text);
    let has = |i: usize, c: u32| tokens[i].flags & c != 0;
    let mut last = None;
    let mut i = from;
    while i < tokens.len() && i - from < MAX_SOURCE_TOKENS {
        let t = tokens[i];
        let w = word(i);
        if !t.word {
            break;
        }
        // Mid-sentence capitals are name parts (`Will Doyle`, `May Chen`).
        let after_article = i > from && has(i - 1, class::ARTICLES);
        let stop = has(i, class::TIME_WORDS)
            || !is_capitalised(w)
                && (has(i, class::CLAUSE_WORDS) || has(i, class::VERB_FORM) && !after_article);
        if stop {
            break;
        }
        if has(i, class::NP_PREPOSITIONS) && last.is_none() {
            return None;
        }
        last = Some(i);
        i += 1;
    }
    let last = last?;
    // A trailing preposition belongs to what follows.
    let mut end = last;
    while end > from && has(end, class::NP_PREPOSITIONS) {
        end -= 1;
    }
    Some((from, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::words::{add_classes, split_run};
    use crate::tokens::Vocabulary;

    fn lexicon() -> SourceLexicon {
        SourceLexicon::new(&Lexicons::built_in()).unwrap()
    }

    #[test]
    fn source_kinds_follow_the_head_noun() {
        let cases: &[(&str, SourceKind)] = &[
            ("he", SourceKind::Pronoun),
            ("They", SourceKind::Pronoun),
            ("Dr. Amal Haddad", SourceKind::Named),
            ("The article", SourceKind::Document),
            ("a 2021 survey by the same group", SourceKind::Document),
            ("Emails between senior managers", SourceKind::Document),
            ("A spokesperson for the agency", SourceKind::Anonymous),
            ("three people briefed on the talks", SourceKind::Anonymous),
            ("Election officials in Tromsø", SourceKind::Anonymous),
            ("the ministry", SourceKind::Named),
            ("Some analysts", SourceKind::Anonymous),
            ("a guest", SourceKind::Anonymous),
            ("The consumer group Consumo Justo", SourceKind::Named),
        ];
        let lexicon = lexicon();
        let mut vocabulary = Vocabulary::new();
        add_classes(
            &mut vocabulary,
            &Lexicons::built_in(),
            &[
                (&lexicon.pronouns, class::PRONOUN),
                (&lexicon.documents, class::DOCUMENT_SOURCE),
                (&lexicon.anonymous, class::ANONYMOUS_SOURCE),
                (&lexicon.organisations, class::ORGANISATION_SOURCE),
            ],
        );
        let mut tokens = Vec::new();
        for (source, expected) in cases {
            tokens.clear();
            split_run(source, Span::new(0, source.len()), &vocabulary, &mut tokens);
            let (kind, _) = lexicon.classify(source, &tokens, &[]);
            assert_eq!(kind, *expected, "source {source:?}");
        }
    }
}
