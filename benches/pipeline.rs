//! Criterion benches for the hot stages of a corpus run, each reported in MB/s of input
//! text so they compare with the end-to-end figures of `benches/run.sh`: JSONL parsing
//! (done on the workers), the annotation pipeline at growing depth, and JSON rendering.
//!
//! Run: `cargo bench --bench pipeline` (add `-- --quick` for a fast look).

use std::hint::black_box;

use claimtag::io::{RawLine, ReadOptions, parse_jsonl_line};
use claimtag::{Annotator, Config, Document, Layers};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// News-like articles written from templates (the same shapes as `benches/gen_corpus.py`),
/// deterministic, about 5 KB each.
fn articles(count: usize) -> Vec<String> {
    let people = [
        "Maria Alvarez",
        "Dr. James Okafor",
        "Aisha Haddad",
        "Sen. Chen Iyer",
    ];
    let orgs = [
        "Castel Bank",
        "the Ministry of Transport",
        "Orbis Mining Corp.",
    ];
    let hedges = ["may", "could", "is likely to", "reportedly"];
    (0..count)
        .map(|a| {
            let mut text = String::from("Rail project divides the council\n\n");
            for s in 0..40 {
                let n = a * 40 + s;
                let person = people[n % people.len()];
                let org = orgs[n % orgs.len()];
                let hedge = hedges[n % hedges.len()];
                let sentence = match n % 5 {
                    0 => format!("\"The plan {hedge} cost {n} million dollars,\" {person} said. "),
                    1 => format!("{person} told reporters that the strike {hedge} end soon. "),
                    2 => format!(
                        "According to {org}, unemployment rose to {}.{}% in March. ",
                        n % 30,
                        n % 10
                    ),
                    3 => format!("{org} did not respond to a request for comment on Monday. "),
                    _ => {
                        format!("Critics say the merger {hedge} force job cuts in Port Ellis.\n\n")
                    }
                };
                text.push_str(&sentence);
            }
            text
        })
        .collect()
}

fn total_bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn bench_parse(c: &mut Criterion) {
    let texts = articles(50);
    let options = ReadOptions::default();
    let lines: Vec<RawLine> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let json = serde_json::json!({"id": format!("d{i}"), "url": "u", "text": text});
            let bytes = serde_json::to_vec(&json).unwrap_or_default();
            RawLine {
                line_number: i + 1,
                full_len: bytes.len() + 1,
                bytes,
            }
        })
        .collect();
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(total_bytes(&texts)));
    group.bench_function("parse_jsonl_line", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(parse_jsonl_line(line, "bench.jsonl", &options));
            }
        })
    });
    group.finish();
}

fn bench_annotate(c: &mut Criterion) {
    let texts = articles(50);
    let documents: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), t.clone()))
        .collect();
    let mut group = c.benchmark_group("annotate");
    group.throughput(Throughput::Bytes(total_bytes(&texts)));
    for layers in ["none", "sentences", "entities", "attributions", "all"] {
        let annotator = match Layers::parse(layers).map(|layers| {
            Annotator::new(Config {
                layers,
                ..Config::default()
            })
        }) {
            Ok(Ok(annotator)) => annotator,
            _ => panic!("built-in configuration `{layers}` must build"),
        };
        group.bench_function(layers, |b| {
            b.iter(|| {
                for doc in &documents {
                    black_box(annotator.annotate(doc));
                }
            })
        });
    }
    group.finish();
}

fn bench_render(c: &mut Criterion) {
    let texts = articles(50);
    let annotator = Annotator::new(Config::default()).expect("default configuration builds");
    let annotations: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| annotator.annotate(&Document::new(format!("d{i}"), t.clone())))
        .collect();
    let mut group = c.benchmark_group("write");
    group.throughput(Throughput::Bytes(total_bytes(&texts)));
    group.bench_function("render_json", |b| {
        b.iter(|| {
            for annotation in &annotations {
                black_box(serde_json::to_vec(annotation).unwrap_or_default());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_parse, bench_annotate, bench_render);
criterion_main!(benches);
