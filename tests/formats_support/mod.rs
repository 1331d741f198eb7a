//! Hand-built annotations for the format tests: the text holds emoji, a ZWJ family and
//! characters outside the Basic Multilingual Plane, so that any writer confusing bytes,
//! UTF-16 units and code points gets a span wrong.
#![allow(dead_code)]

use claimtag::model::Annotation;
use serde_json::{Value, json};

/// The sample article.
pub const TEXT: &str = "Mayor Ana Ruiz 😀 said the 𝒳 bridge would probably reopen.\n\n\"We are not done,\" she said. 👨‍👩‍👧 Officials allegedly knew.";

/// Code-point span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn s(text: &str, needle: &str, nth: usize) -> Value {
    let (start, end) = span(text, needle, nth);
    json!({"start": start, "end": end, "text": needle})
}

/// An annotation over `text` from a JSON skeleton whose spans are given as
/// `[needle, nth]`, with the summary computed as the annotator would.
pub fn annotation(text: &str, layers: Value) -> Annotation {
    let resolve = |v: &Value| {
        s(
            text,
            v[0].as_str().unwrap(),
            v[1].as_u64().unwrap() as usize,
        )
    };
    let mut sentences = Vec::new();
    for (i, v) in layers["sentences"].as_array().unwrap().iter().enumerate() {
        let mut sp = resolve(v);
        sp["id"] = json!(i);
        sentences.push(sp);
    }
    let sentence_of = |start: u64| {
        sentences
            .iter()
            .rposition(|sp| sp["start"].as_u64().unwrap() <= start)
            .unwrap_or(0)
    };
    let mut entities = Vec::new();
    for (i, v) in layers["entities"].as_array().unwrap().iter().enumerate() {
        let mut sp = resolve(v);
        sp["id"] = json!(format!("e{i}"));
        sp["label"] = v[2].clone();
        sp["sentence"] = json!(sentence_of(sp["start"].as_u64().unwrap()));
        entities.push(sp);
    }
    let mut attributions = Vec::new();
    for (i, v) in layers["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let cue = resolve(&v["cue"]);
        let sentence = sentence_of(cue["start"].as_u64().unwrap());
        let source = if v["source"].is_null() {
            Value::Null
        } else {
            let mut sp = resolve(&v["source"]);
            sp["entity"] = v.get("entity").cloned().unwrap_or(Value::Null);
            sp
        };
        let content = if v["content"].is_null() {
            Value::Null
        } else {
            resolve(&v["content"])
        };
        attributions.push(json!({
            "id": format!("a{i}"), "sentence": sentence, "type": v["type"],
            "source_kind": v["kind"], "cue": cue, "source": source, "content": content,
            "continues": v.get("continues").cloned().unwrap_or(Value::Null),
        }));
    }
    let mut hedges = Vec::new();
    for (i, v) in layers["hedges"].as_array().unwrap().iter().enumerate() {
        let mut sp = resolve(v);
        sp["id"] = json!(format!("h{i}"));
        sp["kind"] = v[2].clone();
        sp["sentence"] = json!(sentence_of(sp["start"].as_u64().unwrap()));
        sp["attribution"] = v.get(3).cloned().unwrap_or(Value::Null);
        hedges.push(sp);
    }
    let value = json!({
        "schema_version": "1.0.0", "id": "sample", "source": "sample.txt", "text": text,
        "offsets": "codepoint", "sentences": sentences, "noise": [], "entities": entities,
        "attributions": attributions, "hedges": hedges,
    });
    let mut annotation: Annotation = serde_json::from_value(value).expect("valid annotation");
    annotation.summary = claimtag::summary::summarize(&annotation);
    annotation
}

/// The sample article with every layer filled.
pub fn sample() -> Annotation {
    annotation(
        TEXT,
        json!({
            "sentences": [["Mayor Ana Ruiz 😀 said the 𝒳 bridge would probably reopen.", 0],
                          ["\"We are not done,\" she said.", 0],
                          ["👨‍👩‍👧 Officials allegedly knew.", 0]],
            "entities": [["Ana Ruiz", 0, "PERSON"], ["Officials", 0, "NORP"]],
            "attributions": [
                {"cue": ["said", 0], "source": ["Mayor Ana Ruiz", 0], "entity": "e0",
                 "content": ["the 𝒳 bridge would probably reopen", 0], "type": "indirect", "kind": "named"},
                {"cue": ["said", 1], "source": ["she", 0], "entity": "e0",
                 "content": ["We are not done,", 0], "type": "direct", "kind": "pronoun"},
                {"cue": ["knew", 0], "source": ["Officials", 0], "content": null,
                 "type": "indirect", "kind": "anonymous"}
            ],
            "hedges": [["would", 0, "modal", "a0"], ["probably", 0, "adverb", "a0"],
                       ["allegedly", 0, "adverb"]]
        }),
    )
}

/// The annotation re-expressed in UTF-16 units, as `--offsets utf16` writes it.
pub fn sample_utf16() -> Annotation {
    claimtag::formats::view::reexpress(&sample(), claimtag::OffsetUnit::Utf16)
}

/// Slices `text` by UTF-16 units, as JavaScript's `text.slice(start, end)` does.
pub fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("slice on surrogate boundaries")
}

/// Slices `text` by code points, as Python's `text[start:end]` does.
pub fn code_point_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
