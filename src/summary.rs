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
///
/// Counts go into small arrays indexed by the enums first, and only the non-zero ones into
/// the output maps, so that each name is allocated once per document, not once per item.
pub fn summarize(annotation: &Annotation) -> Summary {
    let mut summary = Summary {
        sentences: annotation.sentences.len(),
        attributions: annotation.attributions.len(),
        ..Summary::default()
    };
    let mut hedged: Vec<usize> = annotation.hedges.iter().map(|h| h.sentence).collect();
    hedged.sort_unstable();
    hedged.dedup();
    summary.hedged_sentences = hedged.len();
    let mut by_source_kind = [0usize; SOURCE_KINDS.len()];
    let mut by_type = [0usize; ATTRIBUTION_TYPES.len()];
    for attribution in &annotation.attributions {
        by_source_kind[attribution.source_kind as usize] += 1;
        by_type[attribution.kind as usize] += 1;
    }
    if !annotation.attributions.is_empty() {
        let named = by_source_kind[SourceKind::Named as usize];
        // Rounded so that the figure prints the same on every platform.
        let share = named as f64 / annotation.attributions.len() as f64;
        summary.named_source_share = (share * 10_000.0).round() / 10_000.0;
    }
    let mut by_label = [0usize; EntityLabel::ALL.len()];
    for entity in &annotation.entities {
        by_label[entity.label as usize] += 1;
    }
    let mut by_hedge_kind = [0usize; HedgeKind::ALL.len()];
    for hedge in &annotation.hedges {
        by_hedge_kind[hedge.kind as usize] += 1;
    }
    summary.by_source_kind = named_counts(SOURCE_KINDS.map(SourceKind::as_str), by_source_kind);
    summary.by_type = named_counts(ATTRIBUTION_TYPES.map(AttributionType::as_str), by_type);
    summary.entities_by_label = named_counts(EntityLabel::ALL.map(EntityLabel::as_str), by_label);
    summary.hedges_by_kind = named_counts(HedgeKind::ALL.map(HedgeKind::as_str), by_hedge_kind);
    summary
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
