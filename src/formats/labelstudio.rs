//! Label Studio: one import task per document with the annotation as a prediction, so that
//! reviewers open pre-labelled text and correct it. Entities, the three attribution roles
//! and hedges are `labels` results on one `Labels` control (`label`) over one `Text` object
//! (`text`); the labelling configuration that matches is [`LABEL_CONFIG`].
//!
//! Label Studio's text offsets count code points since its frontend stopped using
//! JavaScript string lengths; the unit follows `--offsets` so that older versions (UTF-16)
//! can be served too. Result ids are stable (`e0`, `a0-cue`, `h0`), so a re-import of the
//! same document gives the same ids.

use serde_json::{Value, json};

use super::view::{Range, Resolved};
use crate::document::OffsetUnit;
use crate::model::Annotation;

/// The Label Studio labelling configuration matching the tasks' `from_name`/`to_name`.
pub const LABEL_CONFIG: &str = r##"<View>
  <Labels name="label" toName="text">
    <Label value="PERSON" background="#7aa6ff"/>
    <Label value="ORG" background="#a0d468"/>
    <Label value="GPE" background="#ffce54"/>
    <Label value="LOC" background="#f6bb42"/>
    <Label value="NORP" background="#ac92ec"/>
    <Label value="DATE" background="#48cfad"/>
    <Label value="TIME" background="#37bc9b"/>
    <Label value="MONEY" background="#8cc152"/>
    <Label value="PERCENT" background="#4fc1e9"/>
    <Label value="QUANTITY" background="#3bafda"/>
    <Label value="CARDINAL" background="#ccd1d9"/>
    <Label value="SOURCE" background="#e9573f"/>
    <Label value="CUE" background="#da4453"/>
    <Label value="CONTENT" background="#fc6e51"/>
    <Label value="HEDGE" background="#967adc"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"##;

/// The import task for one annotation, offsets in `unit`.
pub fn render(annotation: &Annotation, unit: OffsetUnit) -> Value {
    let doc = Resolved::new(annotation);
    let view = &doc.view;
    let mut results = Vec::new();
    let mut push = |id: String, range: Range, label: &str, meta: Option<String>| {
        let mut result = json!({
            "id": id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": view.offset_in(range.start, unit),
                "end": view.offset_in(range.end, unit),
                "text": view.slice(range),
                "labels": [label],
            },
        });
        if let Some(text) = meta {
            result["meta"] = json!({ "text": [text] });
        }
        results.push(result);
    };
    for (range, entity) in &doc.entities {
        push(entity.id.clone(), *range, entity.label.as_str(), None);
    }
    for a in &doc.attributions {
        let at = a.attribution;
        let note = format!(
            "{} ({}, {} source)",
            at.id,
            at.kind.as_str(),
            at.source_kind.as_str()
        );
        if let Some(source) = a.source {
            push(
                format!("{}-source", at.id),
                source,
                "SOURCE",
                Some(note.clone()),
            );
        }
        push(format!("{}-cue", at.id), a.cue, "CUE", Some(note.clone()));
        if let Some(content) = a.content {
            push(format!("{}-content", at.id), content, "CONTENT", Some(note));
        }
    }
    for (range, hedge) in &doc.hedges {
        push(
            hedge.id.clone(),
            *range,
            "HEDGE",
            Some(hedge.kind.as_str().to_string()),
        );
    }
    json!({
        "data": {
            "text": annotation.text,
            "id": annotation.id,
            "offsets": unit.as_str(),
        },
        "predictions": [{
            "model_version": concat!("claimtag-", env!("CARGO_PKG_VERSION")),
            "result": results,
        }],
    })
}
