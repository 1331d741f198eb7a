//! Per-document counts, computed from the finished layers.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Annotation, SourceKind, Summary};

/// Counts sentences, hedged sentences, attributions by kind and type, entities by label.
pub fn summarize(annotation: &Annotation) -> Summary {
    let mut summary = Summary {
        sentences: annotation.sentences.len(),
        attributions: annotation.attributions.len(),
        ..Summary::default()
    };
    let hedged: BTreeSet<usize> = annotation.hedges.iter().map(|h| h.sentence).collect();
    summary.hedged_sentences = hedged.len();
    let mut named = 0usize;
    for attribution in &annotation.attributions {
        *summary
            .by_source_kind
            .entry(attribution.source_kind.as_str().to_string())
            .or_default() += 1;
        *summary
            .by_type
            .entry(attribution.kind.as_str().to_string())
            .or_default() += 1;
        named += usize::from(attribution.source_kind == SourceKind::Named);
    }
    if !annotation.attributions.is_empty() {
        // Rounded so that the figure prints the same on every platform.
        let share = named as f64 / annotation.attributions.len() as f64;
        summary.named_source_share = (share * 10_000.0).round() / 10_000.0;
    }
    summary.entities_by_label = count(annotation.entities.iter().map(|e| e.label.as_str()));
    summary.hedges_by_kind = count(annotation.hedges.iter().map(|h| h.kind.as_str()));
    summary
}

fn count<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for name in names {
        *counts.entry(name.to_string()).or_default() += 1;
    }
    counts
}
