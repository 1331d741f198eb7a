//! Inputs the fuzz targets (fuzz/, see docs/fuzzing.md) once crashed on, replayed through
//! the very checks the fuzzer runs (`fuzz/src/checks.rs`, included below), so a fixed crash
//! stays fixed under plain `cargo test` without nightly or libFuzzer.
//!
//! To add a case: minimise the crash (`cargo fuzz tmin <target> <artifact>`), paste the
//! bytes as a byte-string literal into the table of its target, one line each.

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

/// Cases for the `annotate_bytes` target: (what broke, input bytes).
const ANNOTATE_BYTES: &[(&str, &[u8])] = &[];

/// Cases for the `jsonl_input` target: (what broke, input bytes; the first two bytes are
/// the reader options, see `checks::jsonl_options`).
const JSONL_INPUT: &[(&str, &[u8])] = &[];

#[test]
fn annotate_bytes_regressions() {
    for (what, input) in ANNOTATE_BYTES {
        println!("annotate_bytes: {what}");
        checks::annotate_bytes(input);
    }
}

#[test]
fn jsonl_input_regressions() {
    for (what, input) in JSONL_INPUT {
        println!("jsonl_input: {what}");
        checks::jsonl_input(input);
    }
}
