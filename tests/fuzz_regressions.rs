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
/// No crash found yet (see docs/fuzzing.md); until one is, the table guards the shapes at
/// the edges of the checks themselves, so the replay path is exercised.
const ANNOTATE_BYTES: &[(&str, &[u8])] = &[
    ("empty input", b""),
    ("lone invalid byte, lossy", b"\xff"),
    ("truncated 3-byte sequence at the end", b"He said \xe2\x80"),
    ("encoded surrogate, lossy", b"\xed\xa0\x80 x."),
    ("astral char", b"\xf0\x9f\x98\x80 \"Hi,\" he said."),
    ("CR-only, BOM", b"\xef\xbb\xbfOne.\rTwo, he said.\r"),
];

/// Cases for the `jsonl_input` target: (what broke, input bytes; the first two bytes are
/// the reader options, see `checks::jsonl_options`).
const JSONL_INPUT: &[(&str, &[u8])] = &[
    // A final blank line one byte over max_bytes, without `\n`, was skipped silently while
    // the same line with `\n` was refused as too_large (src/io/mod.rs, JsonlReader::next).
    ("as found: max_bytes 9, 10 tabs", b",\t\t\t\t\t\t\t\t\t\t\t"),
    ("minimal: max_bytes 0, 1 space", b"\x00\x00 "),
    ("the same line with its newline", b"\x00\x00 \n"),
    ("blank lines within the limit", b"\x00\x02  \n\t\n\r\n  "),
];

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
