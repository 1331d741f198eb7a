//! Per-document counts, computed from the finished layers.

use std::collections::BTreeMap;

use crate::model::{Annotation, AttributionType, EntityLabel, HedgeKind, SourceKind, Summary};

/// Every source kind, indexed by discriminant, for counting in a fixed array.
const SOURCE_KINDS: [SourceKind; 5] = [
    SourceKind::Named,
    SourceKind::Anonymous,
    SourceKind::Pronoun,
    SourceKind::Document,
    SourceKind::Agentless,
];
/// Every attribution type, indexed by discriminant.
const ATTRIBUTION_TYPES: [AttributionType; 3] = [
    AttributionType::Direct,
    AttributionType::Indirect,
    AttributionType::Mixed,
];

// The same, in the order of their names: the order of the summary's maps (`BTreeMap`s).
const SOURCE_KINDS_BY_NAME: [SourceKind; 5] = [
    SourceKind::Agentless,
    SourceKind::Anonymous,
    SourceKind::Document,
    SourceKind::Named,
    SourceKind::Pronoun,
];
const LABELS_BY_NAME: [EntityLabel; 11] = [
    EntityLabel::Cardinal,
    EntityLabel::Date,
    EntityLabel::Gpe,
    EntityLabel::Loc,
    EntityLabel::Money,
    EntityLabel::Norp,
    EntityLabel::Org,
    EntityLabel::Percent,
    EntityLabel::Person,
    EntityLabel::Quantity,
    EntityLabel::Time,
];
const HEDGE_KINDS_BY_NAME: [HedgeKind; 7] = [
    HedgeKind::Adverb,
    HedgeKind::Agentless,
    HedgeKind::Approximator,
    HedgeKind::Epistemic,
    HedgeKind::Modal,
    HedgeKind::Reporting,
    HedgeKind::Weasel,
];

/// Counts sentences, hedged sentences, attributions by kind and type, entities by label.
pub fn summarize(annotation: &Annotation) -> Summary {
    let mut tally = Tally::default();
    tally.sentences(annotation.sentences.len());
    for attribution in &annotation.attributions {
        tally.attribution(attribution.source_kind, attribution.kind);
    }
    for entity in &annotation.entities {
        tally.entity(entity.label);
    }
    for hedge in &annotation.hedges {
        tally.hedge(hedge.kind, hedge.sentence);
    }
    tally.finish()
}

/// The counts of a [`Summary`], gathered item by item, so that a writer rendering the
/// layers as it goes gets the summary without a second pass.
///
/// Counts go into small arrays indexed by the enums, and only the non-zero ones into the
/// output maps, so that each name is allocated once per document, not once per item.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    sentences: usize,
    hedged: Vec<usize>,
    by_source_kind: [usize; SOURCE_KINDS.len()],
    by_type: [usize; ATTRIBUTION_TYPES.len()],
    by_label: [usize; EntityLabel::ALL.len()],
    by_hedge_kind: [usize; HedgeKind::ALL.len()],
}

impl Tally {
    pub(crate) fn sentences(&mut self, count: usize) {
        self.sentences = count;
    }

    pub(crate) fn attribution(&mut self, source_kind: SourceKind, kind: AttributionType) {
        self.by_source_kind[source_kind as usize] += 1;
        self.by_type[kind as usize] += 1;
    }

    pub(crate) fn entity(&mut self, label: EntityLabel) {
        self.by_label[label as usize] += 1;
    }

    pub(crate) fn hedge(&mut self, kind: HedgeKind, sentence: usize) {
        self.by_hedge_kind[kind as usize] += 1;
        self.hedged.push(sentence);
    }

    /// Sentences holding at least one hedge.
    pub(crate) fn hedged_sentences(&mut self) -> usize {
        self.hedged.sort_unstable();
        self.hedged.dedup();
        self.hedged.len()
    }

    pub(crate) fn sentence_count(&self) -> usize {
        self.sentences
    }

    pub(crate) fn attributions(&self) -> usize {
        self.by_type.iter().sum()
    }

    /// Share of attributions whose source is named, rounded so that the figure prints the
    /// same on every platform (0 when there are none).
    pub(crate) fn named_source_share(&self) -> f64 {
        let attributions = self.attributions();
        if attributions == 0 {
            return 0.0;
        }
        let named = self.by_source_kind[SourceKind::Named as usize];
        let share = named as f64 / attributions as f64;
        (share * 10_000.0).round() / 10_000.0
    }

    /// The non-zero counts per source kind, in the order of the names.
    pub(crate) fn by_source_kind(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let count = |kind: SourceKind| (kind.as_str(), self.by_source_kind[kind as usize]);
        SOURCE_KINDS_BY_NAME
            .into_iter()
            .map(count)
            .filter(|&(_, n)| n > 0)
    }

    /// The non-zero counts per attribution type, in the order of the names.
    pub(crate) fn by_type(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let count = |kind: AttributionType| (kind.as_str(), self.by_type[kind as usize]);
        ATTRIBUTION_TYPES
            .into_iter()
            .map(count)
            .filter(|&(_, n)| n > 0)
    }

    /// The non-zero counts per entity label, in the order of the names.
    pub(crate) fn by_label(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let count = |label: EntityLabel| (label.as_str(), self.by_label[label as usize]);
        LABELS_BY_NAME
            .into_iter()
            .map(count)
            .filter(|&(_, n)| n > 0)
    }

    /// The non-zero counts per hedge kind, in the order of the names.
    pub(crate) fn by_hedge_kind(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let count = |kind: HedgeKind| (kind.as_str(), self.by_hedge_kind[kind as usize]);
        HEDGE_KINDS_BY_NAME
            .into_iter()
            .map(count)
            .filter(|&(_, n)| n > 0)
    }

    pub(crate) fn finish(mut self) -> Summary {
        let owned =
            |counts: &mut dyn Iterator<Item = (&'static str, usize)>| -> BTreeMap<String, usize> {
                counts.map(|(name, n)| (name.to_string(), n)).collect()
            };
        Summary {
            sentences: self.sentences,
            hedged_sentences: self.hedged_sentences(),
            attributions: self.attributions(),
            by_source_kind: owned(&mut self.by_source_kind()),
            by_type: owned(&mut self.by_type()),
            entities_by_label: owned(&mut self.by_label()),
            hedges_by_kind: owned(&mut self.by_hedge_kind()),
            named_source_share: self.named_source_share(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_arrays_are_indexed_by_discriminant() {
        for (i, kind) in SOURCE_KINDS.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
        }
        for (i, kind) in ATTRIBUTION_TYPES.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
        }
        for (i, label) in EntityLabel::ALL.into_iter().enumerate() {
            assert_eq!(label as usize, i);
        }
        for (i, kind) in HedgeKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
        }
    }

    #[test]
    fn the_name_orders_are_sorted_and_complete() {
        fn check<T: Copy>(by_name: &[T], all: &[T], name: fn(T) -> &'static str) {
            let names: Vec<&str> = by_name.iter().map(|&x| name(x)).collect();
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
            let mut every: Vec<&str> = all.iter().map(|&x| name(x)).collect();
            every.sort_unstable();
            assert_eq!(names, every);
        }
        check(&SOURCE_KINDS_BY_NAME, &SOURCE_KINDS, SourceKind::as_str);
        check(
            &ATTRIBUTION_TYPES,
            &ATTRIBUTION_TYPES,
            AttributionType::as_str,
        );
        check(&LABELS_BY_NAME, &EntityLabel::ALL, EntityLabel::as_str);
        check(&HEDGE_KINDS_BY_NAME, &HedgeKind::ALL, HedgeKind::as_str);
    }
}
