//! `claimtag validate`: check annotation files against the JSON Schema and the output
//! contract's invariants, naming the file, the document id and the JSON path of every
//! problem, so that a broken file is fixed where it is broken.

use std::fs;
use std::path::PathBuf;

use clap::Args;
use serde_json::Value;

use claimtag::eval::contract::check_document;

use super::eval::{LoadedValue, load_values};
use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

/// The output schema, embedded so that `validate` needs no file beside the binary.
const EMBEDDED_SCHEMA: &str = include_str!("../../schemas/annotation.schema.json");

/// Flags of `claimtag validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Annotation files (.json, .jsonl, .jsonl.gz, .jsonl.zst) or directories of them.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Validate against this JSON Schema instead of the embedded annotation schema.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
    /// Print at most this many problems per document (all are counted).
    #[arg(long, default_value_t = 20, value_name = "N")]
    max_problems: usize,
}

/// The schema, and when its root is a `oneOf` (annotation or error record), one validator
/// per branch: a document matching no branch is reported against the branch it comes
/// closest to (an annotation unless it has `error`), so that the messages point inside the document instead of repeating it.
pub struct SchemaValidator {
    whole: jsonschema::Validator,
    branches: Vec<jsonschema::Validator>,
}

fn load_schema(args: &ValidateArgs) -> Result<SchemaValidator, String> {
    let (text, name) = match &args.schema {
        Some(path) => (
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            path.display().to_string(),
        ),
        None => (
            EMBEDDED_SCHEMA.to_string(),
            "the embedded schema".to_string(),
        ),
    };
    let schema: Value =
        serde_json::from_str(&text).map_err(|e| format!("{name} is not JSON: {e}"))?;
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

/// Runs `validate` and returns the exit status.
pub fn run(args: ValidateArgs) -> u8 {
    let validator = match load_schema(&args) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("claimtag validate: {message}");
            return EXIT_USAGE;
        }
    };
    let loaded = load_values(&args.paths);
    let mut invalid_documents = 0usize;
    let mut problem_count = loaded.problems.len();
    for problem in &loaded.problems {
        println!("{problem}");
    }
    for LoadedValue { origin, value } in &loaded.values {
        let problems = document_problems(&validator, value);
        if problems.is_empty() {
            continue;
        }
        invalid_documents += 1;
        problem_count += problems.len();
        let id = value
            .get("id")
            .map(|id| match id {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_else(|| "(no id)".to_string());
        for (path, message) in problems.iter().take(args.max_problems) {
            let path = if path.is_empty() { "/" } else { path };
            println!("{origin}: {id}: {path}: {message}");
        }
        if problems.len() > args.max_problems {
            println!(
                "{origin}: {id}: ... and {} more problems",
                problems.len() - args.max_problems
            );
        }
    }
    let documents = loaded.values.len();
    if problem_count == 0 {
        eprintln!("claimtag validate: {documents} documents valid");
        EXIT_OK
    } else {
        eprintln!(
            "claimtag validate: {problem_count} problems in {} of {documents} documents{}",
            invalid_documents,
            if loaded.problems.is_empty() {
                String::new()
            } else {
                format!(", {} unreadable inputs", loaded.problems.len())
            }
        );
        EXIT_SOME_FAILED
    }
}
