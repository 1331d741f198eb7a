//! The output contract's invariants that a JSON Schema cannot state: spans inside the
//! text, `text` equal to the slice, lists ordered, ids unique, references resolving.
//!
//! `claimtag validate` runs these after the schema, on the parsed JSON (not the output
//! model), so that every problem can be reported at its JSON path even in files that do
//! not deserialise, and so that files written by other tools are checked the same way.

use std::collections::HashSet;

use serde_json::Value;

/// One broken invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer to the offending value (`/entities/3/text`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

/// The text, indexed in the document's offset unit.
enum UnitText {
    Codepoint(Vec<char>),
    Utf16(Vec<u16>),
}

impl UnitText {
    fn len(&self) -> u64 {
        match self {
            UnitText::Codepoint(c) => c.len() as u64,
            UnitText::Utf16(u) => u.len() as u64,
        }
    }

    /// The slice as text; `None` when it splits a surrogate pair.
    fn slice(&self, start: usize, end: usize) -> Option<String> {
        match self {
            UnitText::Codepoint(c) => Some(c[start..end].iter().collect()),
            UnitText::Utf16(u) => String::from_utf16(&u[start..end]).ok(),
        }
    }
}

/// Layers whose items are plain spans, ordered by `start`.
const SPAN_LAYERS: [&str; 4] = ["sentences", "noise", "entities", "hedges"];

/// Checks one annotation document; an error record (`"error"` present) has no spans and
/// only the schema applies to it.
pub fn check_document(doc: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(object) = doc.as_object() else {
        problems.push(problem("", "a document must be a JSON object"));
        return problems;
    };
    if object.contains_key("error") {
        return problems;
    }
    let text = object.get("text").and_then(Value::as_str);
    let unit = object
        .get("offsets")
        .and_then(Value::as_str)
        .unwrap_or("codepoint");
    let text = text.map(|t| match unit {
        "utf16" => UnitText::Utf16(t.encode_utf16().collect()),
        _ => UnitText::Codepoint(t.chars().collect()),
    });
    let checker = SpanChecker {
        text: text.as_ref(),
    };

    for layer in SPAN_LAYERS {
        let Some(items) = object.get(layer).and_then(Value::as_array) else {
            continue;
        };
        let mut previous: Option<(u64, u64)> = None;
        for (i, item) in items.iter().enumerate() {
            let path = format!("/{layer}/{i}");
            if let Some(span) = checker.check(item, &path, &mut problems) {
                if let Some((prev_start, prev_end)) = previous {
                    if span.0 < prev_start {
                        problems.push(problem(
                            format!("{path}/start"),
                            format!(
                                "{layer} not ordered by start: {} after {prev_start}",
                                span.0
                            ),
                        ));
                    } else if layer == "sentences" && span.0 < prev_end {
                        problems.push(problem(
                            format!("{path}/start"),
                            format!(
                                "sentence overlaps the previous one (which ends at {prev_end})"
                            ),
                        ));
                    }
                }
                previous = Some(span);
            }
        }
    }

    let attributions = object.get("attributions").and_then(Value::as_array);
    if let Some(items) = attributions {
        let mut previous_cue: Option<u64> = None;
        for (i, item) in items.iter().enumerate() {
            let path = format!("/attributions/{i}");
            match item.get("cue") {
                Some(cue) if !cue.is_null() => {
                    if let Some((start, _)) =
                        checker.check(cue, &format!("{path}/cue"), &mut problems)
                    {
                        if previous_cue.is_some_and(|p| start < p) {
                            problems.push(problem(
                                format!("{path}/cue/start"),
                                "attributions not ordered by cue start",
                            ));
                        }
                        previous_cue = Some(start);
                    }
                }
                _ => problems.push(problem(format!("{path}/cue"), "an attribution needs a cue")),
            }
            for role in ["source", "content"] {
                if let Some(span) = item.get(role).filter(|v| !v.is_null()) {
                    checker.check(span, &format!("{path}/{role}"), &mut problems);
                }
            }
        }
    }

    let ids = |layer: &str| -> HashSet<String> {
        object
            .get(layer)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.get("id"))
                    .map(id_text)
                    .collect()
            })
            .unwrap_or_default()
    };
    for layer in ["sentences", "entities", "attributions", "hedges"] {
        unique_ids(object.get(layer), layer, &mut problems);
    }
    let entity_ids = ids("entities");
    let attribution_ids = ids("attributions");
    if let Some(items) = attributions {
        for (i, item) in items.iter().enumerate() {
            reference(
                item.get("source").and_then(|s| s.get("entity")),
                &entity_ids,
                &format!("/attributions/{i}/source/entity"),
                "entity",
                &mut problems,
            );
            reference(
                item.get("continues"),
                &attribution_ids,
                &format!("/attributions/{i}/continues"),
                "attribution",
                &mut problems,
            );
        }
    }
    if let Some(items) = object.get("hedges").and_then(Value::as_array) {
        for (i, item) in items.iter().enumerate() {
            reference(
                item.get("attribution"),
                &attribution_ids,
                &format!("/hedges/{i}/attribution"),
                "attribution",
                &mut problems,
            );
        }
    }
    sentence_indices(object, &mut problems);
    problems
}

fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn unique_ids(items: Option<&Value>, layer: &str, problems: &mut Vec<Problem>) {
    let Some(items) = items.and_then(Value::as_array) else {
        return;
    };
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(id) = item.get("id") {
            let id = id_text(id);
            if !seen.insert(id.clone()) {
                problems.push(problem(
                    format!("/{layer}/{i}/id"),
                    format!("duplicate id `{id}` in {layer}"),
                ));
            }
        }
    }
}

fn reference(
    value: Option<&Value>,
    targets: &HashSet<String>,
    path: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return;
    };
    let id = id_text(value);
    if !targets.contains(&id) {
        problems.push(problem(
            path,
            format!("refers to {what} `{id}`, which does not exist"),
        ));
    }
}

/// Each item's `sentence` index names an existing sentence that holds the item's start
/// (an attribution's cue start; for a continued quotation, its content start).
fn sentence_indices(object: &serde_json::Map<String, Value>, problems: &mut Vec<Problem>) {
    let Some(sentences) = object.get("sentences").and_then(Value::as_array) else {
        return;
    };
    let bounds = |i: usize| -> Option<(u64, u64)> {
        let s = sentences.get(i)?;
        Some((s.get("start")?.as_u64()?, s.get("end")?.as_u64()?))
    };
    for (layer, start_of) in [
        ("entities", None),
        ("hedges", None),
        ("attributions", Some("cue")),
    ] {
        let Some(items) = object.get(layer).and_then(Value::as_array) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(index) = item.get("sentence") else {
                continue;
            };
            let path = format!("/{layer}/{i}/sentence");
            let Some(index) = index.as_u64().and_then(|x| usize::try_from(x).ok()) else {
                continue; // the schema reports a non-integer
            };
            let Some((s_start, s_end)) = bounds(index) else {
                problems.push(problem(
                    path,
                    format!(
                        "sentence {index} does not exist ({} sentences)",
                        sentences.len()
                    ),
                ));
                continue;
            };
            // A follow-on sentence of a continued quotation is placed by its content.
            let continued = item.get("continues").is_some_and(|c| !c.is_null());
            let anchor = match start_of {
                Some(_) if continued => item.get("content"),
                Some(role) => item.get(role),
                None => Some(item),
            };
            if let Some(start) = anchor.and_then(|a| a.get("start")).and_then(Value::as_u64)
                && (start < s_start || start >= s_end)
            {
                problems.push(problem(
                    path,
                    format!("sentence {index} [{s_start}, {s_end}) does not hold offset {start}"),
                ));
            }
        }
    }
}

struct SpanChecker<'t> {
    text: Option<&'t UnitText>,
}

impl SpanChecker<'_> {
    /// Checks one span object; returns its (start, end) when both are integers.
    fn check(&self, item: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<(u64, u64)> {
        let start = item.get("start").and_then(Value::as_u64);
        let end = item.get("end").and_then(Value::as_u64);
        let (Some(start), Some(end)) = (start, end) else {
            // Missing or non-integer offsets are the schema's to report; say it anyway
            // when the span is not even an object with numbers.
            if !item.is_object() {
                problems.push(problem(path, "a span must be an object with start and end"));
            } else {
                problems.push(problem(path, "start and end must be non-negative integers"));
            }
            return None;
        };
        if start >= end {
            problems.push(problem(
                format!("{path}/end"),
                format!("empty or reversed span: start {start} >= end {end}"),
            ));
        }
        if let Some(text) = self.text {
            if end > text.len() {
                problems.push(problem(
                    format!("{path}/end"),
                    format!("span ends at {end}, beyond the text ({} long)", text.len()),
                ));
            } else if start < end {
                let slice = text.slice(start as usize, end as usize);
                match (slice, item.get("text")) {
                    (None, _) => problems.push(problem(path, "span splits a surrogate pair")),
                    (Some(slice), Some(Value::String(written))) if *written != slice => problems
                        .push(problem(
                            format!("{path}/text"),
                            format!("text {written:?} differs from the slice {slice:?}"),
                        )),
                    _ => {}
                }
            }
        }
        Some((start, end))
    }
}
