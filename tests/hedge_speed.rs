//! Throughput of the hedge stage, next to the sentence splitter on the same text, so the
//! stage's share of the pipeline can be read on a busy machine. Ignored by default (it
//! measures, it does not check); run with
//! `cargo test --release --test hedge_speed -- --ignored --nocapture`; set
//! `HEDGE_BENCH_JSONL=FILE` to measure on the `text` fields of a JSONL file instead of the
//! built-in paragraph.

use std::time::Instant;

use claimtag::Lexicons;
use claimtag::hedge::StandaloneHedges;
use claimtag::segment::Segmenter;

/// News-like prose written for this benchmark, with hedges at a realistic density.
const PARAGRAPH: &str = "The ministry said on Tuesday that about 200 workers may lose their jobs \
when the plant closes. Critics claimed the decision was made in secret, and it is believed that \
some officials knew of the plan for months. The company, which employs roughly 3,000 people in \
the region, would not comment. Analysts said the closure could reduce output by 12 percent, \
although it is not clear whether the figures include part-time staff. \"We will fight this,\" a \
union leader told reporters. The mayor, who was elected in May, reportedly met the board last \
week.\n\n";

#[test]
#[ignore]
fn hedge_stage_throughput() {
    let lexicons = Lexicons::built_in();
    let detector = StandaloneHedges::new(&lexicons).expect("built-in lexicons compile");
    let segmenter = Segmenter::new(&lexicons).expect("segmenter builds");
    let text = match std::env::var("HEDGE_BENCH_JSONL") {
        Ok(path) => std::fs::read_to_string(&path)
            .expect("benchmark file readable")
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|doc| doc.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n\n"),
        Err(_) => PARAGRAPH.repeat(8_000),
    };
    let sentences = segmenter.split(&text, &[]);
    let megabytes = text.len() as f64 / 1e6;
    let rounds = 5;
    let mut found = 0;
    let started = Instant::now();
    for _ in 0..rounds {
        found += segmenter.split(&text, &[]).len();
    }
    let split_rate = megabytes * rounds as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    for _ in 0..rounds {
        found += detector.detect(&text, &sentences, &[]).len();
    }
    let hedge_rate = megabytes * rounds as f64 / started.elapsed().as_secs_f64();
    println!(
        "{megabytes:.1} MB x {rounds}: segmenter {split_rate:.0} MB/s, hedges {hedge_rate:.0} MB/s ({found} items)"
    );
    assert!(found > 0);
}
