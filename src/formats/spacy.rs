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

use serde::Serialize;
use serde_json::{Value, json};

use super::tokens::{Token, tokenize};
use super::view::{Range, Resolved};
use crate::model::Annotation;

/// A `Doc.to_json()` object, typed so that serialising a long document does not build a
/// JSON tree first.
#[derive(Serialize)]
pub struct SpacyDoc<'a> {
    text: &'a str,
    ents: Vec<Ent<'a>>,
    sents: Vec<Sent>,
    tokens: Vec<Tok>,
    spans: SpanGroups<'a>,
    claimtag: Value,
}

#[derive(Serialize)]
struct Ent<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct Sent {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Tok {
    id: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SpanGroups<'a> {
    attributions: Vec<Span<'a>>,
    hedges: Vec<Span<'a>>,
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    kb_id: &'a str,
}

/// The `Doc.to_json()`-shaped object for one annotation, as JSON.
pub fn render(annotation: &Annotation) -> Value {
    serde_json::to_value(document(annotation)).unwrap_or(Value::Null)
}

/// The `Doc.to_json()`-shaped object for one annotation.
pub fn document(annotation: &Annotation) -> SpacyDoc<'_> {
    let doc = Resolved::new(annotation);
    let view = &doc.view;
    let trim = |r: Range| view.trim(r);

    let sents: Vec<Sent> = doc
        .sentences
        .iter()
        .filter_map(|&r| trim(r))
        .map(|r| Sent {
            start: r.start,
            end: r.end,
        })
        .collect();
    let ents: Vec<Ent> = doc
        .flat_entities()
        .into_iter()
        .filter_map(|(r, e)| {
            let r = trim(r)?;
            Some(Ent {
                start: r.start,
                end: r.end,
                label: e.label.as_str(),
            })
        })
        .collect();
    let mut attributions: Vec<Span> = Vec::new();
    for a in &doc.attributions {
        let id = a.attribution.id.as_str();
        let roles = [
            ("SOURCE", a.source),
            ("CUE", Some(a.cue)),
            ("CONTENT", a.content),
        ];
        for (label, range) in roles {
            if let Some(r) = range.and_then(trim) {
                attributions.push(Span {
                    start: r.start,
                    end: r.end,
                    label,
                    kb_id: id,
                });
            }
        }
    }
    let hedges: Vec<Span> = doc
        .hedges
        .iter()
        .filter_map(|(r, h)| {
            let r = trim(*r)?;
            Some(Span {
                start: r.start,
                end: r.end,
                label: h.kind.as_str(),
                kb_id: h.id.as_str(),
            })
        })
        .collect();

    let mut boundaries = Vec::new();
    let all = sents
        .iter()
        .map(|s| (s.start, s.end))
        .chain(ents.iter().map(|e| (e.start, e.end)))
        .chain(attributions.iter().chain(&hedges).map(|s| (s.start, s.end)));
    for (start, end) in all {
        boundaries.push(start);
        boundaries.push(end);
    }
    let tokens = spacy_tokens(view.text, &tokenize(view, &boundaries))
        .iter()
        .enumerate()
        .map(|(id, t)| Tok {
            id,
            start: t.range.start,
            end: t.range.end,
        })
        .collect();
    let claimtag = extras(&doc);
    SpacyDoc {
        text: &annotation.text,
        ents,
        sents,
        tokens,
        spans: SpanGroups {
            attributions,
            hedges,
        },
        claimtag,
    }
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
