//! Linear time on hostile shapes: each shape is annotated at 1 MB and at 4 MB, and the
//! time per byte is printed for both. A linear pipeline gives a ratio near 1 (4x the input,
//! 4x the time); a quadratic rule would show a ratio near 4.
//!
//! Run: `cargo bench --bench hostile`.

use std::hint::black_box;
use std::time::Instant;

use claimtag::{Annotator, Config, Document};

/// Builds a hostile text of about the given size in bytes.
type MakeText = fn(usize) -> String;

fn shapes() -> Vec<(&'static str, MakeText)> {
    vec![
        ("paragraph without a sentence end", |n| {
            "word ".repeat(n / 5)
        }),
        ("quote marks only", |n| "\"".repeat(n)),
        ("curly quotes, unbalanced", |n| "“a ".repeat(n / 5)),
        ("nested brackets", |n| {
            format!("{}x{}", "(".repeat(n / 2), ")".repeat(n / 2))
        }),
        ("abbreviations in a row", |n| {
            "Dr. Mr. U.S. Inc. ".repeat(n / 18)
        }),
        ("capitalised words without end", |n| {
            "Northwind Shipping Company ".repeat(n / 27)
        }),
        ("reporting verbs without content", |n| {
            "said told claimed ".repeat(n / 18)
        }),
        ("news sentences", |n| {
            "\"We will appeal,\" said Dr. Amal Haddad, who allegedly may leave. ".repeat(n / 66)
        }),
        ("blank lines", |n| "\n\n".repeat(n / 2)),
        ("NUL bytes", |n| "\0".repeat(n)),
    ]
}

fn seconds_for(annotator: &Annotator, text: &str) -> f64 {
    let doc = Document::new("bench", text);
    // Best of three, to keep a busy machine from reading as non-linearity.
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(annotator.annotate(black_box(&doc)));
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let annotator = Annotator::new(Config::default()).expect("default config builds");
    const SMALL: usize = 1 << 20;
    const LARGE: usize = 4 << 20;
    println!(
        "{:<36} {:>12} {:>12} {:>8}",
        "shape", "MB/s @1MB", "MB/s @4MB", "ratio"
    );
    for (name, make) in shapes() {
        let small = make(SMALL);
        let large = make(LARGE);
        let t_small = seconds_for(&annotator, &small);
        let t_large = seconds_for(&annotator, &large);
        let per_byte_small = t_small / small.len() as f64;
        let per_byte_large = t_large / large.len() as f64;
        println!(
            "{:<36} {:>12.1} {:>12.1} {:>8.2}",
            name,
            small.len() as f64 / t_small / 1e6,
            large.len() as f64 / t_large / 1e6,
            per_byte_large / per_byte_small
        );
    }
}
