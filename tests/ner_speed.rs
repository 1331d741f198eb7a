//! Throughput of the entity stage alone, apart from reading, segmenting and writing.
//!
//! Ignored by default (timing in a debug build means nothing). Run it with
//! `cargo test --release --test ner_speed -- --ignored --nocapture`; it reads the JSONL file
//! named by `CLAIMTAG_BENCH_JSONL` (field `text`), or else the project's own articles in
//! `corpus/articles/`, repeated to about 20 MB.

use std::time::Instant;

use claimtag::Lexicons;
use claimtag::ner::EntityRecognizer;
use claimtag::segment::Segmenter;
use claimtag::text::NoiseDetector;
use claimtag::tokens::{TokenLayer, Vocabulary};

fn texts() -> Vec<String> {
    if let Ok(path) = std::env::var("CLAIMTAG_BENCH_JSONL") {
        let data = std::fs::read_to_string(&path).expect("bench file readable");
        return data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect();
    }
    let mut articles = Vec::new();
    for entry in std::fs::read_dir("corpus/articles").expect("corpus/articles exists") {
        let path = entry.expect("dir entry").path();
        articles.push(std::fs::read_to_string(path).expect("article readable"));
    }
    let size: usize = articles.iter().map(String::len).sum::<usize>().max(1);
    let copies = 20_000_000 / size + 1;
    articles
        .iter()
        .cycle()
        .take(articles.len() * copies)
        .cloned()
        .collect()
}

/// CPU time of this thread so far, from `/proc/thread-self/schedstat` (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

#[test]
#[ignore = "timing: run in release with --ignored --nocapture"]
fn entity_stage_throughput() {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lexicons = Lexicons::built_in();
    let built = Instant::now();
    let mut vocabulary = Vocabulary::new();
    let recognizer = EntityRecognizer::new(&lexicons, &mut vocabulary).expect("recognizer builds");
    let layer = TokenLayer::new(&lexicons, vocabulary);
    let build_time = built.elapsed();
    let segmenter = Segmenter::new(&lexicons).expect("segmenter builds");
    let noise = NoiseDetector::new();
    let sentences: Vec<_> = texts
        .iter()
        .map(|t| segmenter.split(t, &noise.find(t)))
        .collect();
    // Best of five: the machine is shared, and the fastest run is the least disturbed.
    // On Linux the thread's own CPU time is read too, which other load does not inflate.
    let mut seconds = f64::MAX;
    let mut cpu_seconds = f64::MAX;
    let mut count = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        count = 0;
        for (text, sentences) in texts.iter().zip(&sentences) {
            // The token layer's pass is timed with the stage, which used to tokenize itself.
            let tokens = layer.tokenize(text, &[]);
            count += recognizer.recognize(&tokens, sentences).len();
        }
        seconds = seconds.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_seconds()) {
            cpu_seconds = cpu_seconds.min(b - a);
        }
    }
    if cpu_seconds < f64::MAX {
        println!(
            "entity stage, CPU time: {:.1} MB/s",
            bytes as f64 / 1e6 / cpu_seconds
        );
    }
    println!(
        "entity stage: {:.1} MB in {seconds:.3} s = {:.1} MB/s ({count} entities; built in {build_time:?})",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
    assert!(count > 0);
}
