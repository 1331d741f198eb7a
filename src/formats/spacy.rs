//! spaCy: one JSON object per document in the shape of `Doc.to_json()`, so that
//! `Doc(nlp.vocab).from_json(obj)` rebuilds a `Doc` with the entities in `doc.ents`,
//! sentence starts, and two span groups: `doc.spans["attributions"]` (one span per role,
//! labelled `SOURCE`, `CUE` or `CONTENT`, with the attribution id as `kb_id`) and
//! `doc.spans["hedges"]` (labelled with the hedge kind, hedge id as `kb_id`). What spaCy has
//! no slot for (document id, attribution type and source kind, links) rides along under a
//! top-level `claimtag` key, which `from_json` ignores (an `_` entry would need a custom
//! extension registered before loading).
//!
//! Offsets are code points whatever the annotation's unit, because that is what spaCy's
//! `char_span` takes. Tokens follow spaCy's own whitespace convention (a single space after
//! a word is its trailing space, any other whitespace run is a token) so that `from_json`
//! accepts them; spans are trimmed of surrounding whitespace, which spaCy cannot represent.

use serde_json::{Map, Value, json};

use super::tokens::{Token, tokenize};
use super::view::{Range, Resolved};

/// The `Doc.to_json()`-shaped object for one annotation.
pub fn render(annotation: &crate::model::Annotation) -> Value {
    let doc = Resolved::new(annotation);
    let view = &doc.view;
    let trim = |r: Range| view.trim(r);

    let sentences: Vec<Range> = doc.sentences.iter().filter_map(|&r| trim(r)).collect();
    let entities: Vec<(Range, &str)> = doc
        .flat_entities()
        .into_iter()
        .filter_map(|(r, e)| Some((trim(r)?, e.label.as_str())))
        .collect();
    let mut attribution_spans: Vec<(Range, &str, &str)> = Vec::new();
    for a in &doc.attributions {
        let id = a.attribution.id.as_str();
        let roles = [
            ("SOURCE", a.source),
            ("CUE", Some(a.cue)),
            ("CONTENT", a.content),
        ];
        for (label, range) in roles {
            if let Some(range) = range.and_then(trim) {
                attribution_spans.push((range, label, id));
            }
        }
    }
    let hedges: Vec<(Range, &str, &str)> = doc
        .hedges
        .iter()
        .filter_map(|(r, h)| Some((trim(*r)?, h.kind.as_str(), h.id.as_str())))
        .collect();

    let mut boundaries = Vec::new();
    let all_ranges = sentences
        .iter()
        .chain(entities.iter().map(|(r, _)| r))
        .chain(attribution_spans.iter().map(|(r, _, _)| r))
        .chain(hedges.iter().map(|(r, _, _)| r));
    for r in all_ranges {
        boundaries.push(r.start);
        boundaries.push(r.end);
    }
    let tokens = spacy_tokens(view.text, &tokenize(view, &boundaries));

    let span = |r: &Range, label: &str, kb_id: &str| json!({"start": r.start, "end": r.end, "label": label, "kb_id": kb_id});
    let mut out = Map::new();
    out.insert("text".into(), Value::String(annotation.text.clone()));
    out.insert(
        "ents".into(),
        entities
            .iter()
            .map(|(r, label)| json!({"start": r.start, "end": r.end, "label": label}))
            .collect(),
    );
    out.insert(
        "sents".into(),
        sentences
            .iter()
            .map(|r| json!({"start": r.start, "end": r.end}))
            .collect(),
    );
    out.insert(
        "tokens".into(),
        tokens
            .iter()
            .enumerate()
            .map(|(i, t)| json!({"id": i, "start": t.range.start, "end": t.range.end}))
            .collect(),
    );
    let mut spans = Map::new();
    spans.insert(
        "attributions".into(),
        attribution_spans
            .iter()
            .map(|(r, label, id)| span(r, label, id))
            .collect(),
    );
    spans.insert(
        "hedges".into(),
        hedges
            .iter()
            .map(|(r, kind, id)| span(r, kind, id))
            .collect(),
    );
    out.insert("spans".into(), Value::Object(spans));
    out.insert("claimtag".into(), extras(&doc));
    Value::Object(out)
}

/// What spaCy's shape has no field for: the document id and the attribution records.
fn extras(doc: &Resolved<'_>) -> Value {
    let attributions: Vec<Value> = doc
        .attributions
        .iter()
        .map(|a| {
            let at = a.attribution;
            json!({
                "id": at.id,
                "type": at.kind.as_str(),
                "source_kind": at.source_kind.as_str(),
                "source_entity": at.source.as_ref().and_then(|s| s.entity.clone()),
                "continues": at.continues,
            })
        })
        .collect();
    json!({
        "id": doc.annotation.id,
        "attributions": attributions,
        "summary": doc.annotation.summary,
    })
}

/// Drops the whitespace that spaCy stores as a word's trailing space (one `' '` right after
/// a non-space token) and keeps the rest of each whitespace run as a token, exactly as
/// `spacy.util.get_words_and_spaces` rebuilds them.
fn spacy_tokens(text: &str, tokens: &[Token]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut previous_is_word = false;
    for token in tokens {
        if !token.space {
            out.push(*token);
            previous_is_word = true;
            continue;
        }
        let mut range = token.range;
        let starts_with_space = text
            .get(range.byte_start..)
            .is_some_and(|rest| rest.starts_with(' '));
        if previous_is_word && starts_with_space {
            range.start += 1;
            range.byte_start += 1;
        }
        if range.start < range.end {
            out.push(Token { range, space: true });
        }
        previous_is_word = false;
    }
    out
}
