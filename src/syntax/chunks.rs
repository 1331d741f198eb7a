//! Chunks and clause edges from the tags: base noun phrases, verb groups, the tokens
//! where a clause may open or close, and the maximal noun phrase around a base one.
//!
//! Everything here is a left-to-right pass over the tags with a look-ahead of one or two
//! tokens: the stages call it for every sentence, and a chart or a search would cost more
//! than the tagger itself for little gain on news prose.

use std::ops::Range;

use super::tags::Tag;
use super::{Chunk, ChunkKind, ClauseEdge, ClauseEdgeKind, SyntaxModel, clitic};

/// Tags a base noun phrase may open with.
fn opens_np(tags: &[Tag], i: usize) -> bool {
    match tags[i] {
        Tag::Det | Tag::PronPoss | Tag::Adj | Tag::Num | Tag::Noun | Tag::NounPl | Tag::Propn => {
            true
        }
        // `about 20 people`, `very large crowds`.
        Tag::Adv => matches!(tags.get(i + 1), Some(Tag::Adj | Tag::Num)),
        _ => false,
    }
}

fn is_nominal(tag: Tag) -> bool {
    matches!(tag, Tag::Noun | Tag::NounPl | Tag::Propn | Tag::Num)
}

/// Whether `tag` can follow a possessor inside the same phrase (`the agency's [new] chief`).
fn continues_after_possessor(tag: Option<&Tag>) -> bool {
    matches!(
        tag,
        Some(
            Tag::Adj
                | Tag::Num
                | Tag::Noun
                | Tag::NounPl
                | Tag::Propn
                | Tag::Adv
                | Tag::VerbGer
                | Tag::VerbPart
        )
    )
}

fn is_hyphen(word: &str) -> bool {
    matches!(word, "-" | "\u{2010}" | "\u{2011}")
}

/// Base noun phrases: determiners, possessors (`the agency's`), adjectives, numbers and
/// compounds up to the last nominal; a pronoun alone. Appended to `out` in order.
pub(super) fn noun_phrases(tags: &[Tag], words: &[&str], flags: &[u8], out: &mut Vec<Chunk>) {
    let n = tags.len();
    let mut i = 0;
    while i < n {
        if matches!(tags[i], Tag::Pron | Tag::PronWh) {
            out.push(Chunk::np(i..i + 1, i));
            i += 1;
            continue;
        }
        if !opens_np(tags, i) {
            i += 1;
            continue;
        }
        let mut last_head: Option<usize> = None;
        // Whether a modifier (adjective, number, participle) was seen since the last
        // determiner or possessor: participles modify only after one (`the proposed law`).
        let mut modified = false;
        let mut j = i;
        while j < n {
            let tag = tags[j];
            // Right after a noun (not a number: `three senior officials`).
            let after_head = last_head.is_some_and(|h| h + 1 == j && tags[h] != Tag::Num);
            let ok = match tag {
                Tag::Det => last_head.is_none() && !modified,
                Tag::PronPoss => last_head.is_none() && !modified,
                Tag::Adj => !after_head,
                Tag::Num => true,
                Tag::Noun | Tag::NounPl | Tag::Propn => true,
                Tag::Adv => !after_head && matches!(tags.get(j + 1), Some(Tag::Adj | Tag::Num)),
                Tag::VerbPart | Tag::VerbGer => {
                    j > i
                        && !after_head
                        && matches!(tags.get(j + 1), Some(Tag::Noun | Tag::NounPl | Tag::Adj))
                }
                Tag::PartPos => {
                    last_head.is_some_and(|h| h + 1 == j)
                        && continues_after_possessor(tags.get(j + 1))
                }
                Tag::Punct => {
                    j > i
                        && is_hyphen(words[j])
                        && matches!(
                            tags.get(j + 1),
                            Some(Tag::Noun | Tag::NounPl | Tag::Propn | Tag::Adj | Tag::Num)
                        )
                }
                _ => false,
            };
            if !ok {
                break;
            }
            if is_nominal(tag) {
                last_head = Some(j);
                if flags[j] & clitic::POSSESSIVE != 0 {
                    // `agency's` as one token: a possessor; what follows continues the phrase.
                    if !continues_after_possessor(tags.get(j + 1)) {
                        j += 1;
                        break;
                    }
                    last_head = None;
                    modified = false;
                }
            } else if tag == Tag::PartPos {
                last_head = None;
                modified = false;
            } else if matches!(tag, Tag::Adj | Tag::VerbPart | Tag::VerbGer) {
                modified = true;
            }
            j += 1;
        }
        match last_head {
            Some(h) => {
                out.push(Chunk::np(i..h + 1, h));
                i = h + 1;
            }
            None => {
                // A possessor whose possessum did not follow still names something.
                let end = (i..j)
                    .rev()
                    .find(|&k| is_nominal(tags[k]))
                    .map_or(0, |k| k + 1);
                if end > i {
                    out.push(Chunk::np(i..end, end - 1));
                    i = end;
                } else {
                    i = j.max(i + 1);
                }
            }
        }
    }
}

fn is_negation(tag: Tag, word: &str, flags: u8) -> bool {
    tag == Tag::PartNeg
        || flags & clitic::NEGATION != 0
        || word.eq_ignore_ascii_case("never")
        || word.eq_ignore_ascii_case("not")
}

/// Verb groups: adverbs, auxiliaries and negation up to the main verb (`has not yet
/// denied`, `also said`), then its particle (`called on`, `pointed out`). A group without
/// a lexical verb ends at its last auxiliary (the copula `is`).
pub(super) fn verb_groups(
    model: &SyntaxModel,
    tags: &[Tag],
    words: &[&str],
    flags: &[u8],
    lemmas: &[u32],
    out: &mut Vec<Chunk>,
) {
    let n = tags.len();
    let mut i = 0;
    while i < n {
        if !matches!(tags[i].upos(), super::Upos::Verb | super::Upos::Aux)
            && !matches!(tags[i], Tag::Adv | Tag::PartNeg)
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut head: Option<usize> = None;
        let mut last_aux: Option<usize> = None;
        let mut last_neg: Option<usize> = None;
        while j < n {
            let tag = tags[j];
            if tag.is_verb() && !model.acts_as_aux(tags, words, lemmas, j) {
                head = Some(j);
                j += 1;
                break;
            }
            if tag.is_aux() || tag.is_verb() {
                last_aux = Some(j);
            } else if is_negation(tag, words[j], flags[j]) {
                last_neg = Some(j);
            } else if tag != Tag::Adv {
                break;
            }
            j += 1;
        }
        let end = match (head, last_aux) {
            (Some(h), _) => h + 1,
            (None, Some(a)) => last_neg.filter(|&g| g > a).unwrap_or(a) + 1,
            (None, None) => {
                i = j.max(i + 1);
                continue;
            }
        };
        // Leading adverbs belong only when they lead into the group (`also said`), which
        // they do by construction; a group made of adverbs alone was skipped above.
        let mut end = end;
        let mut particle = None;
        if let Some(h) = head
            && let Some(&next) = tags.get(end)
        {
            let phrasal = next == Tag::Adp && model.is_phrasal(words, lemmas, h, end);
            if next == Tag::AdpPrt || phrasal {
                particle = Some(end);
                end += 1;
            }
        }
        let head = head.or(last_aux).unwrap_or(i);
        let negated = (i..end).any(|k| is_negation(tags[k], words[k], flags[k]));
        out.push(Chunk {
            span: i..end,
            kind: ChunkKind::VerbGroup,
            head,
            negated,
            particle,
        });
        i = end;
    }
}

/// Tokens where a clause may open or close, in order.
pub(super) fn clause_edges(
    model: &SyntaxModel,
    tags: &[Tag],
    words: &[&str],
    out: &mut Vec<ClauseEdge>,
) {
    let mut straight_quotes = 0usize;
    for (at, (&tag, &word)) in tags.iter().zip(words).enumerate() {
        let kind = match tag {
            Tag::Sconj if word.eq_ignore_ascii_case("that") => Some(ClauseEdgeKind::Complementizer),
            Tag::Sconj => Some(ClauseEdgeKind::Subordinator),
            Tag::Adv if model.is_subordinator(word) => Some(ClauseEdgeKind::Subordinator),
            Tag::PronWh => Some(ClauseEdgeKind::Relative),
            Tag::PronPoss if word.eq_ignore_ascii_case("whose") => Some(ClauseEdgeKind::Relative),
            Tag::Cconj if model.is_coordinator(word) => Some(ClauseEdgeKind::Coordinator),
            Tag::Punct | Tag::Sym | Tag::X => match word {
                ":" => Some(ClauseEdgeKind::Colon),
                ";" => Some(ClauseEdgeKind::Semicolon),
                "," => Some(ClauseEdgeKind::Comma),
                "-" | "--" | "---" | "\u{2013}" | "\u{2014}" | "\u{2015}" => {
                    Some(ClauseEdgeKind::Dash)
                }
                "\u{201c}" | "\u{2018}" | "``" | "\u{201e}" | "\u{00ab}" => {
                    Some(ClauseEdgeKind::QuoteOpen)
                }
                "\u{201d}" | "\u{2019}" | "''" | "\u{00bb}" => Some(ClauseEdgeKind::QuoteClose),
                "\"" | "'" => {
                    // A straight quote says nothing of its side: alternate within the
                    // sentence, opening first, which is right for balanced quotations.
                    straight_quotes += 1;
                    Some(if straight_quotes % 2 == 1 {
                        ClauseEdgeKind::QuoteOpen
                    } else {
                        ClauseEdgeKind::QuoteClose
                    })
                }
                "(" | "[" | "{" => Some(ClauseEdgeKind::BracketOpen),
                ")" | "]" | "}" => Some(ClauseEdgeKind::BracketClose),
                _ => None,
            },
            _ => None,
        };
        if let Some(kind) = kind {
            out.push(ClauseEdge { at, kind });
        }
    }
}

/// Options of [`SyntaxModel::maximal_np`]: which attachments widen a base noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaximalNp {
    /// `the head of the agency`: `of` followed by a noun phrase, repeatedly.
    pub of_chains: bool,
    /// `X, the agency's chief,`: a comma-enclosed noun phrase (or one closing the sentence).
    pub appositives: bool,
    /// `X and Y`, `X or Y`.
    pub coordination: bool,
}

impl MaximalNp {
    /// Every attachment.
    pub const ALL: MaximalNp = MaximalNp {
        of_chains: true,
        appositives: true,
        coordination: true,
    };
    /// What a source span wants: `of` chains and coordination, no appositive.
    pub const SOURCE: MaximalNp = MaximalNp {
        of_chains: true,
        appositives: false,
        coordination: true,
    };
}

/// The noun phrase starting exactly at `at`, if any (index into `nps`).
fn np_starting_at(nps: &[Chunk], at: usize) -> Option<&Chunk> {
    nps.binary_search_by_key(&at, |c| c.span.start)
        .ok()
        .map(|k| &nps[k])
}

/// Extends `span` over `of` chains (and coordination, when asked) to the right.
fn extend_of_and_coordination(
    nps: &[Chunk],
    words: &[&str],
    mut end: usize,
    opts: MaximalNp,
) -> usize {
    loop {
        let Some(&word) = words.get(end) else {
            return end;
        };
        let joins = (opts.of_chains && word.eq_ignore_ascii_case("of"))
            || (opts.coordination
                && (word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or")));
        match np_starting_at(nps, end + 1) {
            Some(next) if joins => end = next.span.end,
            _ => return end,
        }
    }
}

fn closes_appositive(word: Option<&&str>) -> bool {
    match word {
        None => true,
        Some(w) => matches!(
            *w,
            "," | "." | ";" | ":" | "!" | "?" | ")" | "-" | "--" | "\u{2013}" | "\u{2014}"
        ),
    }
}

/// The maximal noun phrase built on the base noun phrase `nps[k]`.
pub(super) fn maximal_np(
    nps: &[Chunk],
    tags: &[Tag],
    words: &[&str],
    k: usize,
    opts: MaximalNp,
) -> Range<usize> {
    let Some(base) = nps.get(k) else {
        return 0..0;
    };
    let start = base.span.start;
    let mut end = extend_of_and_coordination(nps, words, base.span.end, opts);
    if opts.appositives
        && words.get(end) == Some(&",")
        && let Some(next) = np_starting_at(nps, end + 1)
    {
        let inner = MaximalNp {
            coordination: false,
            ..opts
        };
        let app_end = extend_of_and_coordination(nps, words, next.span.end, inner);
        let is_list = words
            .get(app_end + 1)
            .is_some_and(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"));
        let pronoun = tags.get(next.head).is_some_and(|t| t.is_pronoun());
        if closes_appositive(words.get(app_end)) && !is_list && !pronoun {
            end = app_end;
        }
    }
    start..end
}
