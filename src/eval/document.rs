//! Annotation documents as the quality gates read them: loosely, the way `score.py` does.
//!
//! Gold sets come from elsewhere (public corpora, hand-written files) and do not all follow
//! our schema: spans may be `{start, end}` objects or `[start, end]` arrays, ids may be
//! numbers, a layer may be missing (then it is not scored) and gold items may be marked
//! `"optional": true`. This reader accepts all of that and keeps only what the metrics and
//! `diff` need, so that scoring never depends on the strict output model.

use serde_json::Value;

/// A span in the document's offset unit, as written (Python `int()` of each end).
///
/// Kept signed and unchecked: the scorer must give the same figures as `score.py` on any
/// file it accepts, and `claimtag validate` is the place that rejects bad spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemSpan {
    /// Start offset.
    pub start: i64,
    /// End offset (exclusive).
    pub end: i64,
}

impl ItemSpan {
    /// A span from its ends.
    pub fn new(start: i64, end: i64) -> ItemSpan {
        ItemSpan { start, end }
    }

    /// Whether the two spans share at least one position (`score.py`'s `overlap`).
    pub fn overlaps(self, other: ItemSpan) -> bool {
        self.end.min(other.end) > self.start.max(other.start)
    }
}

/// An entity as scored: span, label, and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityItem {
    /// The entity's span.
    pub span: ItemSpan,
    /// Its label as written (mapping is applied when scoring).
    pub label: String,
    /// A gold item that is neither rewarded nor penalised.
    pub optional: bool,
    /// The rule that produced a predicted item, when the file says.
    pub rule: Option<String>,
}

/// An attribution as scored: its three role spans, type and source kind.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionItem {
    /// The cue span (the contract says it is never null, but gold sets may omit it).
    pub cue: Option<ItemSpan>,
    /// The source span; `None` when null or absent.
    pub source: Option<ItemSpan>,
    /// The content span; `None` when null or absent.
    pub content: Option<ItemSpan>,
    /// `direct`, `indirect` or `mixed`, when given (empty strings count as absent).
    pub kind: Option<String>,
    /// `source_kind`, or else the source object's `kind`, when given.
    pub source_kind: Option<String>,
    /// A gold item that is neither rewarded nor penalised.
    pub optional: bool,
    /// The rule that produced a predicted item, when the file says.
    pub rule: Option<String>,
}

/// A hedge cue as scored.
#[derive(Clone, Debug, PartialEq)]
pub struct HedgeItem {
    /// The cue span.
    pub span: ItemSpan,
    /// Its kind, when given.
    pub kind: Option<String>,
    /// A gold item that is neither rewarded nor penalised.
    pub optional: bool,
    /// The rule that produced a predicted item, when the file says.
    pub rule: Option<String>,
}

/// One document's layers. A layer is `None` when the document does not have it, which
/// for a gold document means the layer is not scored there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalDocument {
    /// The id documents are paired by (numbers are written as text).
    pub id: String,
    /// The text offsets point into, when the document carries it.
    pub text: Option<String>,
    /// Sentence spans.
    pub sentences: Option<Vec<ItemSpan>>,
    /// Entities.
    pub entities: Option<Vec<EntityItem>>,
    /// Attributions.
    pub attributions: Option<Vec<AttributionItem>>,
    /// Hedges.
    pub hedges: Option<Vec<HedgeItem>>,
}

/// Why a JSON value could not be read as a document, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    /// JSON pointer to the offending value (`/entities/3/start`).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", display_path(&self.path), self.message)
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "/" } else { path }
}

fn error(path: &str, message: impl Into<String>) -> DocumentError {
    DocumentError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// JSON truthiness, as Python's `bool()` sees a parsed value: `optional` is read that way.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The id of a document value as `score.py` writes it (`str(d["id"])`).
pub fn id_of(value: &Value) -> Option<String> {
    match value.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        _ => None,
    }
}

fn offset(value: &Value, path: &str) -> Result<i64, DocumentError> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i)
            } else if let Some(x) = n.as_f64().filter(|x| x.is_finite()) {
                // Python's int() truncates toward zero; `as` does the same and saturates.
                Ok(x.trunc() as i64)
            } else {
                Err(error(path, "offset is not a representable number"))
            }
        }
        _ => Err(error(path, "offset must be a number")),
    }
}

/// Reads a span written as `{start, end}` or `[start, end]`; `None` for null.
pub fn span_of(value: &Value, path: &str) -> Result<Option<ItemSpan>, DocumentError> {
    match value {
        Value::Null => Ok(None),
        Value::Array(items) if items.len() >= 2 => Ok(Some(ItemSpan::new(
            offset(&items[0], &format!("{path}/0"))?,
            offset(&items[1], &format!("{path}/1"))?,
        ))),
        Value::Object(map) => {
            let start = map
                .get("start")
                .ok_or_else(|| error(path, "span lacks `start`"))?;
            let end = map
                .get("end")
                .ok_or_else(|| error(path, "span lacks `end`"))?;
            Ok(Some(ItemSpan::new(
                offset(start, &format!("{path}/start"))?,
                offset(end, &format!("{path}/end"))?,
            )))
        }
        _ => Err(error(
            path,
            "expected a span: {\"start\", \"end\"} or [start, end]",
        )),
    }
}

fn required_span(value: &Value, path: &str) -> Result<ItemSpan, DocumentError> {
    span_of(value, path)?.ok_or_else(|| error(path, "span must not be null"))
}

fn string_field(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn optional_flag(value: &Value) -> bool {
    value.get("optional").is_some_and(truthy)
}

/// The items of a layer: `None` when the key is absent or null.
fn layer<'v>(
    doc: &'v Value,
    key: &str,
) -> Result<Option<impl Iterator<Item = (String, &'v Value)>>, DocumentError> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => {
            let key = key.to_string();
            Ok(Some(
                items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (format!("/{key}/{i}"), item)),
            ))
        }
        Some(_) => Err(error(&format!("/{key}"), "layer must be a list")),
    }
}

impl EvalDocument {
    /// Reads a document from a parsed JSON value.
    pub fn from_json(value: &Value) -> Result<EvalDocument, DocumentError> {
        if !value.is_object() {
            return Err(error("", "a document must be a JSON object"));
        }
        let id = id_of(value).ok_or_else(|| error("/id", "missing or non-scalar `id`"))?;
        let text = value
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string);
        let sentences = match layer(value, "sentences")? {
            None => None,
            Some(items) => Some(
                items
                    .map(|(path, item)| required_span(item, &path))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let entities = match layer(value, "entities")? {
            None => None,
            Some(items) => Some(
                items
                    .map(|(path, item)| {
                        Ok(EntityItem {
                            span: required_span(item, &path)?,
                            label: item
                                .get("label")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string(),
                            optional: optional_flag(item),
                            rule: string_field(item, "rule"),
                        })
                    })
                    .collect::<Result<Vec<_>, DocumentError>>()?,
            ),
        };
        let attributions = match layer(value, "attributions")? {
            None => None,
            Some(items) => Some(
                items
                    .map(|(path, item)| attribution_of(item, &path))
                    .collect::<Result<Vec<_>, DocumentError>>()?,
            ),
        };
        let hedges = match layer(value, "hedges")? {
            None => None,
            Some(items) => Some(
                items
                    .map(|(path, item)| {
                        Ok(HedgeItem {
                            span: required_span(item, &path)?,
                            kind: string_field(item, "kind"),
                            optional: optional_flag(item),
                            rule: string_field(item, "rule"),
                        })
                    })
                    .collect::<Result<Vec<_>, DocumentError>>()?,
            ),
        };
        Ok(EvalDocument {
            id,
            text,
            sentences,
            entities,
            attributions,
            hedges,
        })
    }
}

fn attribution_of(item: &Value, path: &str) -> Result<AttributionItem, DocumentError> {
    if !item.is_object() {
        return Err(error(path, "an attribution must be an object"));
    }
    let role = |name: &str| match item.get(name) {
        None => Ok(None),
        Some(v) => span_of(v, &format!("{path}/{name}")),
    };
    let source_kind = string_field(item, "source_kind").or_else(|| {
        item.get("source")
            .filter(|s| s.is_object())
            .and_then(|s| string_field(s, "kind"))
    });
    Ok(AttributionItem {
        cue: role("cue")?,
        source: role("source")?,
        content: role("content")?,
        kind: string_field(item, "type"),
        source_kind,
        optional: optional_flag(item),
        rule: string_field(item, "rule"),
    })
}

/// Keeps one document per id the way a Python dict does: the position of the first
/// occurrence, the value of the last.
pub fn dedup_by_id(documents: Vec<EvalDocument>) -> Vec<EvalDocument> {
    let mut position: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(documents.len());
    let mut out: Vec<EvalDocument> = Vec::with_capacity(documents.len());
    for doc in documents {
        match position.get(&doc.id) {
            Some(&at) => out[at] = doc,
            None => {
                position.insert(doc.id.clone(), out.len());
                out.push(doc);
            }
        }
    }
    out
}
