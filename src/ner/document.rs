//! The document-level pass over name candidates: later short mentions take the label of
//! the full mention (`Haddad` after `Amal Haddad`, `Northwind Shipping` after
//! `Northwind Shipping Ltd.`), and a capital that only marks a sentence start is kept
//! only when the document shows the word is a name.
//!
//! It runs after every sentence has been scanned, so a short mention is labelled whether it
//! comes before or after the full one; the work is one hash map over the candidates.

use super::fast_hash::{FastMap as HashMap, FastSet as HashSet};

use super::names::{NameCandidate, Votes};
use crate::model::EntityLabel;

/// Rules whose full mentions are sure enough to label later short forms.
const LICENSING_RULES: &[&str] = &[
    "ner.person.title",
    "ner.person.given-name",
    "ner.person.initials",
    "ner.person.surname",
    "ner.person.role",
    "ner.org.suffix",
    "ner.org.team",
];

/// A resolved name: byte span, label, rule.
pub type ResolvedName = (usize, usize, EntityLabel, &'static str);

fn last_word(name: &str) -> Option<&str> {
    name.rsplit_once(' ').map(|(_, last)| last)
}

fn first_word(name: &str) -> Option<&str> {
    name.split_once(' ').map(|(first, _)| first)
}

/// Labels and filters the candidates of one document, in order.
pub fn resolve(text: &str, candidates: &[NameCandidate]) -> Vec<ResolvedName> {
    // Full mentions and the short forms they license.
    // Sized once for the document: growing a table rehashes every name in it.
    let n = candidates.len();
    let mut known: HashMap<&str, (EntityLabel, &'static str)> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut short: HashMap<&str, EntityLabel> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut strong_words: HashSet<&str> = HashSet::with_capacity_and_hasher(n, Default::default());
    // Context votes of every mention, added up per name.
    let mut votes: HashMap<&str, Votes> = HashMap::default();
    for c in candidates {
        let name = &text[c.start..c.end];
        if !c.weak {
            strong_words.insert(name);
        }
        if c.votes.total() > 0 {
            votes.entry(name).or_default().add(c.votes);
        }
        let Some(label) = c.label else { continue };
        known.entry(name).or_insert((label, c.rule));
        if !LICENSING_RULES.contains(&c.rule) {
            continue;
        }
        match label {
            EntityLabel::Person if c.words >= 2 => {
                if let Some(last) = last_word(name) {
                    short.entry(last).or_insert(label);
                }
                if let Some(first) = first_word(name)
                    && !first.ends_with('.')
                {
                    short.entry(first).or_insert(label);
                }
            }
            EntityLabel::Org if c.rule == "ner.org.suffix" => {
                if let Some((without, _)) = name.rsplit_once(' ') {
                    short.entry(without.trim_end_matches(',')).or_insert(label);
                    if let Some(first) = first_word(without) {
                        short.entry(first).or_insert(label);
                    }
                    short.entry(without).or_insert(label);
                }
            }
            EntityLabel::Org if c.rule == "ner.org.team" => {
                // `the Red Sox`, `the Sox` after `Boston Red Sox`: the nickname without
                // the place.
                let mut rest = name;
                while let Some((_, tail)) = rest.split_once(' ') {
                    short.entry(tail).or_insert(label);
                    rest = tail;
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        let name = &text[c.start..c.end];
        // A person's surname seen in full elsewhere outranks a list guess for the bare word
        // (`Jordan` after `Michael Jordan`).
        if c.words == 1
            && let Some(&label) = short.get(name)
            && (c.label.is_none() || c.rule.starts_with("ner.gazetteer."))
        {
            out.push((c.start, c.end, label, "ner.document.short-mention"));
            continue;
        }
        if let Some(label) = c.label {
            let overruled = votes.get(name).and_then(|v| overruling_label(c, label, v));
            match overruled {
                Some(other) => out.push((c.start, c.end, other, "ner.document.context")),
                None => out.push((c.start, c.end, label, c.rule)),
            }
            continue;
        }
        if let Some(&(label, _)) = known.get(name) {
            out.push((c.start, c.end, label, "ner.document.same-name"));
            continue;
        }
        if let Some(&label) = short.get(name) {
            out.push((c.start, c.end, label, "ner.document.short-mention"));
            continue;
        }
        // Weak capitals need the word seen capitalised mid-sentence somewhere else.
        if c.weak && !strong_words.contains(name) {
            continue;
        }
        if let Some(label) = votes.get(name).and_then(Votes::winner) {
            out.push((c.start, c.end, label, "ner.document.context"));
            continue;
        }
    }
    out
}

/// The label the document's votes give a one-word name in place of the list guess
/// `label`, when the guess is one a context can overrule (`Paris` the city when the
/// document says `Paris claims` and `Paris's father`, `Scientology` guessed a person):
/// the other label needs at least two votes and more than twice the votes of the guess.
fn overruling_label(c: &NameCandidate, label: EntityLabel, votes: &Votes) -> Option<EntityLabel> {
    if c.words != 1 || !c.overridable {
        return None;
    }
    let winner = votes.winner()?;
    let (theirs, ours) = (votes.of(winner), votes.of(label));
    (winner != label && theirs >= 2 && theirs > 2 * ours).then_some(winner)
}
