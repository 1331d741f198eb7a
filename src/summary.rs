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

    pub(crate) fn finish(mut self) -> Summary {
        self.hedged.sort_unstable();
        self.hedged.dedup();
        let attributions: usize = self.by_type.iter().sum();
        let mut summary = Summary {
            sentences: self.sentences,
            hedged_sentences: self.hedged.len(),
            attributions,
            ..Summary::default()
        };
        if attributions > 0 {
            let named = self.by_source_kind[SourceKind::Named as usize];
            // Rounded so that the figure prints the same on every platform.
            let share = named as f64 / attributions as f64;
            summary.named_source_share = (share * 10_000.0).round() / 10_000.0;
        }
        summary.by_source_kind =
            named_counts(SOURCE_KINDS.map(SourceKind::as_str), self.by_source_kind);
        summary.by_type =
            named_counts(ATTRIBUTION_TYPES.map(AttributionType::as_str), self.by_type);
        summary.entities_by_label =
            named_counts(EntityLabel::ALL.map(EntityLabel::as_str), self.by_label);
        summary.hedges_by_kind =
            named_counts(HedgeKind::ALL.map(HedgeKind::as_str), self.by_hedge_kind);
        summary
    }
}

/// The non-zero counts, keyed by name.
fn named_counts<const N: usize>(names: [&str; N], counts: [usize; N]) -> BTreeMap<String, usize> {
    names
        .into_iter()
        .zip(counts)
        .filter(|&(_, count)| count > 0)
        .map(|(name, count)| (name.to_string(), count))
        .collect()
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
}
