//! Checking annotation documents against the output schema and the output contract.
//!
//! `claimtag validate` and the Python package both judge documents here, so that a
//! document is valid or not wherever it is checked.

use serde_json::Value;

use super::contract::check_document;

/// The output schema, embedded so that `validate` needs no file beside the binary.
pub const EMBEDDED_SCHEMA: &str = include_str!("../../schemas/annotation.schema.json");

/// The schema, and when its root is a `oneOf` (annotation or error record), one validator
/// per branch: a document matching no branch is reported against the branch it comes
/// closest to (an annotation unless it has `error`), so that the messages point inside the document instead of repeating it.
pub struct SchemaValidator {
    whole: jsonschema::Validator,
    branches: Vec<jsonschema::Validator>,
}

/// The embedded schema, compiled: what `claimtag validate` checks against by default.
pub fn embedded_schema() -> SchemaValidator {
    compile_schema(EMBEDDED_SCHEMA, "the embedded schema")
        .unwrap_or_else(|e| unreachable!("the embedded schema compiles (tested): {e}"))
}

/// Compiles a schema given as text; `name` names it in the error.
pub fn compile_schema(text: &str, name: &str) -> Result<SchemaValidator, String> {
    let schema: Value =
        serde_json::from_str(text).map_err(|e| format!("{name} is not JSON: {e}"))?;
    let compile = |schema: &Value| {
        jsonschema::validator_for(schema).map_err(|e| format!("{name} is not a valid schema: {e}"))
    };
    let whole = compile(&schema)?;
    let mut branches = Vec::new();
    if let Some(Value::Array(options)) = schema.get("oneOf") {
        for option in options {
            let mut branch = schema.clone();
            if let Some(object) = branch.as_object_mut() {
                object.remove("oneOf");
                object.insert("allOf".to_string(), Value::Array(vec![option.clone()]));
            }
            branches.push(compile(&branch)?);
        }
    }
    Ok(SchemaValidator { whole, branches })
}

/// Longest message shown for one problem: some schema messages quote the whole instance.
const MAX_MESSAGE_CHARS: usize = 240;

fn shortened(message: String) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}...", &message[..cut]),
        None => message,
    }
}

fn schema_problems(validator: &jsonschema::Validator, doc: &Value) -> Vec<(String, String)> {
    validator
        .iter_errors(doc)
        .map(|e| (e.instance_path().to_string(), shortened(e.to_string())))
        .collect()
}

/// Every problem of one document: schema errors first, then broken invariants, each as
/// (JSON pointer, message).
pub fn document_problems(validator: &SchemaValidator, doc: &Value) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    if !validator.whole.is_valid(doc) {
        // A record is an error record exactly when it has `error`: a branch that demands
        // the field from a document without it is the wrong branch, whatever its count.
        let demands_error = |problems: &Vec<(String, String)>| {
            problems.iter().any(|(path, message)| {
                path.is_empty() && message.contains("\"error\" is a required")
            })
        };
        problems = validator
            .branches
            .iter()
            .map(|branch| schema_problems(branch, doc))
            .filter(|p| !p.is_empty() && !demands_error(p))
            .min_by_key(Vec::len)
            .unwrap_or_else(|| schema_problems(&validator.whole, doc));
    }
    problems.extend(check_document(doc).into_iter().map(|p| (p.path, p.message)));
    problems
}

/// The problems of one document against the embedded schema and the output contract, as
/// (JSON pointer, message) pairs: empty when the document is valid. The schema is compiled
/// once.
pub fn validate_document(doc: &Value) -> Vec<(String, String)> {
    static SCHEMA: std::sync::OnceLock<SchemaValidator> = std::sync::OnceLock::new();
    document_problems(SCHEMA.get_or_init(embedded_schema), doc)
}

#[cfg(test)]
mod tests {
    use super::validate_document;
    use crate::{Annotator, Config, Document};

    #[test]
    fn validate_document_accepts_an_annotation_and_names_a_broken_span() {
        let annotator = Annotator::new(Config::default()).unwrap();
        let annotation =
            annotator.annotate(&Document::new("d", "Officials said the port reopened."));
        let mut doc = serde_json::to_value(&annotation).unwrap();
        assert_eq!(validate_document(&doc), Vec::<(String, String)>::new());
        doc["attributions"][0]["cue"]["text"] = "nope".into();
        let problems = validate_document(&doc);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "/attributions/0/cue/text");
    }
}
