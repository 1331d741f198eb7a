//! `claimtag validate`: check annotation files against the JSON Schema and the output
//! contract's invariants, naming the file, the document id and the JSON path of every
//! problem, so that a broken file is fixed where it is broken.

use std::fs;
use std::path::PathBuf;

use clap::Args;
use serde_json::Value;

use claimtag::eval::validate::{
    EMBEDDED_SCHEMA, SchemaValidator, compile_schema, document_problems,
};

use super::eval::{LoadedValue, load_values};
use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

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
    compile_schema(&text, &name)
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
