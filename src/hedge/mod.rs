//! Hedges: words and phrases by which the writing keeps its distance from a claim.
//!
//! Every hedge phrase of every kind, and every phrase that looks like a hedge but is not
//! (`there is no doubt`), goes into ONE phrase trie, walked from the word starts of the
//! document. Each match is then judged by the rules of its lexicon entry, which look at a
//! few words either side within the sentence (`you may apply` is permission, `said it
//! would` a reported future), so the cost per document is one pass over its words plus a
//! bounded amount of work per match. Overlaps are resolved (earliest start, then longest
//! span; a non-hedge phrase cancels any hedge it overlaps), and each hedge is tied to the
//! attribution whose cue or content holds it.
//!
//! The lists are `hedge_<kind>` (kinds of the annotation guide), `hedge_non_hedge`, and
//! the context sets `hedge_context_<name>`; see `docs/hedges.md` for the entry syntax.

mod entry;
mod phrases;
pub mod words;

use crate::attribution::AttributionMention;
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::HedgeKind;
use crate::text::Span;
use crate::tokens::{Tokens, Vocabulary};

use entry::{Condition, Entry, SetTable, WordSet, any_matches, parse_entry, token_matches};
use phrases::PhraseTrie;
use words::{Word, WordWindow, words_after, words_before};

/// A hedge found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HedgeMention {
    /// The hedge cue.
    pub span: Span,
    /// Its family.
    pub kind: HedgeKind,
    /// Index (into the attribution list) of the attribution whose cue or content holds it.
    pub attribution: Option<usize>,
    /// Id of the lexicon entry or pattern that produced it.
    pub rule: String,
}

/// The list holding each kind's entries, in the order candidates are tried.
const KIND_LISTS: [(&str, HedgeKind); 7] = [
    ("hedge_agentless", HedgeKind::Agentless),
    ("hedge_weasel", HedgeKind::Weasel),
    ("hedge_reporting", HedgeKind::Reporting),
    ("hedge_epistemic", HedgeKind::Epistemic),
    ("hedge_adverb", HedgeKind::Adverb),
    ("hedge_modal", HedgeKind::Modal),
    ("hedge_approximator", HedgeKind::Approximator),
];

/// Phrases that hold a hedge word but are no hedge.
const NON_HEDGE_LIST: &str = "hedge_non_hedge";

/// Left context may skip one word from this set (or any `-ly` word).
const GAP_SET: &str = "gap";

/// A lexicon entry compiled for matching: `kind` is `None` for a non-hedge phrase.
struct Candidate {
    entry: Entry,
    kind: Option<HedgeKind>,
    rule: String,
}

/// Detects hedges; built once from the hedge lexicons.
pub struct HedgeDetector {
    phrases: PhraseTrie,
    /// For each phrase, the entries that search for it, most specific first.
    candidates: Vec<Vec<Candidate>>,
    /// For each pattern, how many words before and after the match its entries look at,
    /// so that a match whose entries need no context costs no window at all.
    reach: Vec<(usize, usize)>,
    sets: Vec<WordSet>,
    gap_set: Option<usize>,
}

/// An accepted match before overlaps are resolved.
#[derive(Clone, Copy, Debug)]
struct Found {
    span: Span,
    pattern: usize,
    candidate: usize,
}

/// The hedge stage with a token layer of its own, for callers that run it alone (tests,
/// benchmarks) on a text they have not tokenized.
pub struct StandaloneHedges {
    detector: HedgeDetector,
    layer: crate::tokens::TokenLayer,
}

impl StandaloneHedges {
    /// Compiles the hedge lexicons and a token layer for them.
    pub fn new(lexicons: &Lexicons) -> Result<StandaloneHedges, Error> {
        let mut vocabulary = Vocabulary::new();
        let detector = HedgeDetector::new(lexicons, &mut vocabulary)?;
        Ok(StandaloneHedges {
            detector,
            layer: crate::tokens::TokenLayer::new(lexicons, vocabulary),
        })
    }

    /// [`HedgeDetector::detect`] on `text`, tokenized here.
    pub fn detect(
        &self,
        text: &str,
        sentences: &[Span],
        attributions: &[AttributionMention],
    ) -> Vec<HedgeMention> {
        self.detector
            .detect(&self.layer.tokenize(text, &[]), sentences, attributions)
    }
}

impl HedgeDetector {
    /// Compiles the hedge lexicons into one phrase trie, and marks the phrases' first words
    /// in the vocabulary of the token layer; a malformed entry is an error.
    pub fn new(lexicons: &Lexicons, vocabulary: &mut Vocabulary) -> Result<HedgeDetector, Error> {
        let mut table = SetTable::new(lexicons);
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        let lists = KIND_LISTS
            .iter()
            .map(|(name, kind)| (*name, Some(*kind)))
            .chain(std::iter::once((NON_HEDGE_LIST, None)));
        for (name, kind) in lists {
            for line in lexicons.list(name) {
                let entry = parse_entry(line, &mut table)?;
                let rule = match kind {
                    Some(kind) => format!("hedge.{}.{}", kind.as_str(), entry.slug),
                    None => format!("hedge.non-hedge.{}", entry.slug),
                };
                let index = match patterns.iter().position(|p| *p == entry.phrase) {
                    Some(index) => index,
                    None => {
                        patterns.push(entry.phrase.clone());
                        candidates.push(Vec::new());
                        patterns.len() - 1
                    }
                };
                candidates[index].push(Candidate { entry, kind, rule });
            }
        }
        // Entries with more left context are more specific; the sort is stable, so list
        // order breaks ties.
        for list in &mut candidates {
            list.sort_by_key(|c| std::cmp::Reverse(c.entry.left.len()));
        }
        // The gap set is optional: without it, only `-ly` words may fill the gap.
        let gap_list = format!("hedge_context_{GAP_SET}");
        let gap_set = if lexicons.names().any(|n| n == gap_list) {
            Some(table.resolve(GAP_SET, &gap_list)?)
        } else {
            None
        };
        let reach = candidates
            .iter()
            .map(|list| {
                list.iter().fold((0, 0), |(before, after), c| {
                    let left = if c.entry.left.is_empty() {
                        0
                    } else {
                        c.entry.left.len() + 1
                    };
                    let (mut b, mut a) = (left, 0);
                    for condition in &c.entry.conditions {
                        if condition.place.is_after() {
                            a = a.max(condition.place.reach());
                        } else {
                            b = b.max(left + condition.place.reach());
                        }
                    }
                    (before.max(b), after.max(a))
                })
            })
            .collect();
        for head in PhraseTrie::heads(&patterns) {
            vocabulary.add_hedge(head, phrases::PHRASE_HEAD);
        }
        Ok(HedgeDetector {
            phrases: PhraseTrie::new(&patterns),
            candidates,
            reach,
            sets: table.into_sets(),
            gap_set,
        })
    }

    /// Hedges in `text`, ordered by start.
    pub fn detect(
        &self,
        tokens: &Tokens<'_>,
        sentences: &[Span],
        attributions: &[AttributionMention],
    ) -> Vec<HedgeMention> {
        let mut found: Vec<Found> = Vec::new();
        let mut blocked: Vec<Span> = Vec::new();
        let text = tokens.text();
        let mut cursor = SentenceCursor::new(sentences);
        self.phrases
            .for_each_token_match(tokens, |start, end, pattern| {
                let Some(sentence) = cursor.holding(start, end) else {
                    return;
                };
                let Some((candidate, span)) = self.judge(text, sentence, start, end, pattern)
                else {
                    return;
                };
                if self.candidates[pattern][candidate].kind.is_some() {
                    found.push(Found {
                        span,
                        pattern,
                        candidate,
                    });
                } else {
                    blocked.push(span);
                }
            });
        let blocked = merge_spans(blocked);
        found.retain(|f| !overlaps_any(&blocked, f.span));
        found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end), f.pattern));
        let mut hedges: Vec<HedgeMention> = Vec::new();
        let mut last_end = 0usize;
        for f in found {
            if !hedges.is_empty() && f.span.start < last_end {
                continue;
            }
            let candidate = &self.candidates[f.pattern][f.candidate];
            let Some(kind) = candidate.kind else {
                continue;
            };
            last_end = f.span.end;
            hedges.push(HedgeMention {
                span: f.span,
                kind,
                attribution: None,
                rule: candidate.rule.clone(),
            });
        }
        link_attributions(&mut hedges, attributions);
        hedges
    }

    /// The first candidate of `pattern` whose rules hold at the match `start..end` in
    /// `sentence`, with the span it covers. (Kept out of line so that profiles show the
    /// phrase scan and the judging apart.)
    #[inline(never)]
    fn judge(
        &self,
        text: &str,
        sentence: Span,
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<(usize, Span)> {
        let list = self.candidates.get(pattern)?;
        let (before_reach, after_reach) = self.reach.get(pattern).copied().unwrap_or((0, 0));
        let before = if before_reach > 0 {
            words_before(text, sentence.start, start, before_reach)
        } else {
            WordWindow::default()
        };
        let after = if after_reach > 0 {
            words_after(text, end, sentence.end, after_reach)
        } else {
            WordWindow::default()
        };
        list.iter().enumerate().find_map(|(index, candidate)| {
            let span = self.accept(
                &candidate.entry,
                text,
                start,
                end,
                before.words(),
                after.words(),
            )?;
            Some((index, span))
        })
    }

    /// The hedge's span when the entry's left context and conditions hold at this match;
    /// `before` and `after` are the words around the match, nearest first.
    fn accept(
        &self,
        entry: &Entry,
        text: &str,
        start: usize,
        end: usize,
        before: &[Word<'_>],
        after: &[Word<'_>],
    ) -> Option<Span> {
        if entry.lower && !text[start..].starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
        let (span_start, rest) = self.match_left(entry, before, start)?;
        let mut positive_seen = false;
        let mut positive_held = false;
        for condition in &entry.conditions {
            let held = self.holds(condition, rest, after);
            if condition.negated {
                if held {
                    return None;
                }
            } else {
                positive_seen = true;
                positive_held |= held;
            }
        }
        if positive_seen && !positive_held {
            return None;
        }
        Some(Span::new(span_start, end))
    }

    /// Matches the left context against the words before the match (nearest first),
    /// allowing one gap word between it and the phrase. Returns where the span starts and
    /// the words before the span.
    fn match_left<'w, 't>(
        &self,
        entry: &Entry,
        before: &'w [Word<'t>],
        start: usize,
    ) -> Option<(usize, &'w [Word<'t>])> {
        let needed = entry.left.len();
        if needed == 0 {
            return Some((start, before));
        }
        for gap in [0usize, 1] {
            if gap == 1 && !before.first().is_some_and(|w| self.is_gap_word(w.text)) {
                break;
            }
            let Some(words) = before.get(gap..gap + needed) else {
                continue;
            };
            // `words` runs nearest first; the left context is in text order.
            let fits = entry
                .left
                .iter()
                .rev()
                .zip(words)
                .all(|(t, w)| token_matches(t, w.text, &self.sets));
            if fits {
                let first = words[needed - 1];
                return Some((first.start, &before[gap + needed..]));
            }
        }
        None
    }

    fn is_gap_word(&self, word: &str) -> bool {
        (word.len() > 3 && word.to_ascii_lowercase().ends_with("ly"))
            || self
                .gap_set
                .and_then(|i| self.sets.get(i))
                .is_some_and(|s| s.contains(word))
    }

    fn holds(&self, condition: &Condition, before: &[Word<'_>], after: &[Word<'_>]) -> bool {
        let side = if condition.place.is_after() {
            after
        } else {
            before
        };
        let reach = condition.place.reach().min(side.len());
        any_matches(&condition.tokens, &side[..reach], &self.sets)
    }
}

/// Finds the sentence holding a match. Matches arrive almost in text order, so the cursor
/// walks forward from the last sentence found and falls back to a binary search only when
/// a match starts before it.
struct SentenceCursor<'s> {
    sentences: &'s [Span],
    current: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(sentences: &'s [Span]) -> SentenceCursor<'s> {
        SentenceCursor {
            sentences,
            current: 0,
        }
    }

    /// The sentence that holds the whole match, if any (matches in noise lines or across a
    /// sentence boundary are dropped).
    fn holding(&mut self, start: usize, end: usize) -> Option<Span> {
        let sentences = self.sentences;
        if sentences.get(self.current).is_some_and(|s| start < s.start) {
            self.current = sentences
                .partition_point(|s| s.start <= start)
                .saturating_sub(1);
        }
        while self.current + 1 < sentences.len() && sentences[self.current + 1].start <= start {
            self.current += 1;
        }
        let sentence = *sentences.get(self.current)?;
        (sentence.start <= start && end <= sentence.end).then_some(sentence)
    }
}

/// Sorted, merged copies of `spans`.
fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// True when `span` overlaps one of the sorted, disjoint `spans`.
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let index = spans.partition_point(|s| s.end <= span.start);
    spans.get(index).is_some_and(|s| s.start < span.end)
}

/// Ties each hedge (ordered by start) to the attribution whose cue or content holds it:
/// a cue before a content, then the tightest span, then the first attribution.
///
/// One sweep over the cue and content spans sorted by start, keeping only the spans that
/// are still open, so the work stays linear in practice (spans nest only shallowly).
fn link_attributions(hedges: &mut [HedgeMention], attributions: &[AttributionMention]) {
    if attributions.is_empty() {
        return;
    }
    // (span, is_content, attribution index)
    let mut holders: Vec<(Span, bool, usize)> = Vec::with_capacity(attributions.len() * 2);
    for (index, attribution) in attributions.iter().enumerate() {
        holders.push((attribution.cue, false, index));
        if let Some(content) = attribution.content {
            holders.push((content, true, index));
        }
    }
    holders.sort_unstable_by_key(|(span, _, index)| (span.start, *index));
    let mut open: Vec<(Span, bool, usize)> = Vec::new();
    let mut next = 0usize;
    for hedge in hedges.iter_mut() {
        while next < holders.len() && holders[next].0.start <= hedge.span.start {
            open.push(holders[next]);
            next += 1;
        }
        open.retain(|(span, _, _)| span.end > hedge.span.start);
        hedge.attribution = open
            .iter()
            .filter(|(span, _, _)| span.contains(&hedge.span))
            .min_by_key(|(span, is_content, index)| (*is_content, span.len(), *index))
            .map(|(_, _, index)| *index);
    }
}
