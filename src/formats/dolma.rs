//! Dolma attributes: one row per document row, in the same order, shaped
//! `{"id", "source", "attributes": {"<name>__claimtag__<type>": [[start, end, score], ...]}}`
//! so that Dolma's mixer can filter or mix on them next to the documents they describe.
//!
//! Spans are code points (Dolma's convention), score 1.0 for a found span. Document-level
//! figures are a single span over the whole text whose score is the figure
//! (`..._attribution_count`, `..._named_source_share`, `..._hedged_sentence_share`). Every key
//! is present in every row, empty when nothing was found, so downstream filters need no
//! special case. A row that could not be annotated keeps its place with no attributes.

use serde_json::{Map, Value, json};

use super::view::{Range, Resolved};
use crate::model::{Annotation, EntityLabel, ErrorRecord, HedgeKind};

/// The Dolma `source` of a row: the input row's own `source` field when it had one (it is
/// carried in `meta`), else where claimtag read it from.
fn source_of(annotation: &Annotation) -> Value {
    annotation
        .meta
        .as_ref()
        .and_then(|m| m.get("source"))
        .cloned()
        .or_else(|| annotation.source.clone().map(Value::String))
        .unwrap_or(Value::Null)
}

/// The attribute row of one annotation, keys prefixed with `name`.
pub fn render(annotation: &Annotation, name: &str) -> Value {
    let doc = Resolved::new(annotation);
    let mut attributes = Map::new();
    let key = |what: &str| format!("{name}__claimtag__{what}");
    let spans = |ranges: &mut dyn Iterator<Item = Range>| -> Value {
        ranges.map(|r| json!([r.start, r.end, 1.0])).collect()
    };
    attributes.insert(key("sentence"), spans(&mut doc.sentences.iter().copied()));
    for label in EntityLabel::ALL {
        let mut ranges = doc
            .entities
            .iter()
            .filter(|(_, e)| e.label == label)
            .map(|(r, _)| *r);
        attributes.insert(
            key(&format!("entity_{}", label.as_str().to_lowercase())),
            spans(&mut ranges),
        );
    }
    attributes.insert(
        key("attribution_cue"),
        spans(&mut doc.attributions.iter().map(|a| a.cue)),
    );
    attributes.insert(
        key("attribution_source"),
        spans(&mut doc.attributions.iter().filter_map(|a| a.source)),
    );
    attributes.insert(
        key("attribution_content"),
        spans(&mut doc.attributions.iter().filter_map(|a| a.content)),
    );
    for kind in HedgeKind::ALL {
        let mut ranges = doc
            .hedges
            .iter()
            .filter(|(_, h)| h.kind == kind)
            .map(|(r, _)| *r);
        attributes.insert(key(&format!("hedge_{}", kind.as_str())), spans(&mut ranges));
    }
    let whole = doc.view.len_chars();
    let summary = &annotation.summary;
    let hedged_share = if summary.sentences == 0 {
        0.0
    } else {
        let share = summary.hedged_sentences as f64 / summary.sentences as f64;
        (share * 10_000.0).round() / 10_000.0
    };
    for (what, value) in [
        ("attribution_count", summary.attributions as f64),
        ("named_source_share", summary.named_source_share),
        ("hedged_sentence_share", hedged_share),
    ] {
        attributes.insert(key(what), json!([[0, whole, value]]));
    }
    json!({
        "id": annotation.id,
        "source": source_of(annotation),
        "attributes": attributes,
    })
}

/// The row that keeps a failed document's place: same id, no attributes.
pub fn render_error(error: &ErrorRecord) -> Value {
    json!({
        "id": error.id,
        "source": error.source,
        "attributes": {},
    })
}
