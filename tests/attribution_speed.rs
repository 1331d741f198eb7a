//! Throughput of the attribution stage alone, on a text given by the
//! `CLAIMTAG_BENCH_TEXT` environment variable (a plain UTF-8 file of articles).
//!
//! Ignored by default, since a speed figure needs a release build and real text:
//! `CLAIMTAG_BENCH_TEXT=articles.txt cargo test --release --test attribution_speed -- --ignored --nocapture`

use std::time::Instant;

use claimtag::Lexicons;
use claimtag::attribution::AttributionExtractor;
use claimtag::segment::Segmenter;
use claimtag::text::NoiseDetector;
use claimtag::tokens::{TokenLayer, Vocabulary};

/// CPU time of this thread in seconds, from `/proc` (clock ticks of 1/100 s).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

#[test]
#[ignore = "speed figure: needs --release and CLAIMTAG_BENCH_TEXT"]
fn attribution_stage_throughput() {
    let Ok(path) = std::env::var("CLAIMTAG_BENCH_TEXT") else {
        eprintln!("CLAIMTAG_BENCH_TEXT not set");
        return;
    };
    let text = std::fs::read_to_string(path).expect("bench text is readable");
    let lexicons = Lexicons::built_in();
    let noise = NoiseDetector::new().find(&text);
    let sentences = Segmenter::new(&lexicons)
        .expect("segmenter builds")
        .split(&text, &noise);
    let mut vocabulary = Vocabulary::new();
    let extractor =
        AttributionExtractor::new(&lexicons, &mut vocabulary).expect("extractor builds");
    let layer = TokenLayer::new(&lexicons, vocabulary);
    let rounds = 20;
    let mut found = 0;
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    for _ in 0..rounds {
        // The token layer's pass is timed with the stage, which used to scan the text itself.
        found = extractor
            .extract(&layer.tokenize(&text, &noise), &sentences, &[])
            .len();
    }
    let seconds = start.elapsed().as_secs_f64() / f64::from(rounds);
    let megabytes = text.len() as f64 / 1e6;
    eprintln!(
        "attribution stage: {found} attributions in {megabytes:.1} MB, {:.1} MB/s wall",
        megabytes / seconds
    );
    // On a loaded machine the wall clock counts other processes' time too; the thread's
    // own CPU time (Linux only) gives the stage's cost.
    if let (Some(before), Some(after)) = (cpu_start, thread_cpu_seconds()) {
        let cpu = (after - before) / f64::from(rounds);
        eprintln!("attribution stage: {:.1} MB/s of CPU time", megabytes / cpu);
    }
    assert!(found > 0);
}
