//! Shared helpers for integration tests: run the real binary, and check every record it
//! prints against the published schema, so that no test can pass on invalid output.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_claimtag")
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/annotation.schema.json"))
                .expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    })
}

/// Panics with every schema violation of `record`.
pub fn assert_valid(record: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations: {errors:#?}\nrecord: {record}"
    );
    check_invariants(record);
}

/// The contract's invariants the schema cannot express: spans inside the text, on
/// code-point boundaries, `text` equal to the slice, lists ordered by start.
pub fn check_invariants(record: &Value) {
    let Some(text) = record.get("text").and_then(Value::as_str) else {
        return;
    };
    if record["offsets"] != "codepoint" {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let check_span = |span: &Value, what: &str| {
        let start = span["start"].as_u64().unwrap() as usize;
        let end = span["end"].as_u64().unwrap() as usize;
        assert!(
            start < end && end <= chars.len(),
            "{what}: bad span {start}..{end}"
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(
            span["text"].as_str().unwrap(),
            slice,
            "{what}: text differs from slice"
        );
    };
    for layer in ["sentences", "noise", "entities", "hedges"] {
        let items = record[layer].as_array().unwrap();
        let mut last = 0;
        for item in items {
            check_span(item, layer);
            let start = item["start"].as_u64().unwrap();
            assert!(start >= last, "{layer} not ordered by start");
            last = start;
        }
    }
    for attribution in record["attributions"].as_array().unwrap() {
        for role in ["cue", "source", "content"] {
            if !attribution[role].is_null() {
                check_span(&attribution[role], role);
            }
        }
    }
}

/// Parses stdout as JSONL and validates every record.
pub fn records(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    text.lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("each line is JSON");
            assert_valid(&record);
            record
        })
        .collect()
}

/// Runs the binary with `args` in `dir`, feeding `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("binary runs");
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked: {stderr}"
    );
    output
}

/// Runs the binary with `args` in the current directory.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(Path::new("."), args, stdin)
}
