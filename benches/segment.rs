//! Throughput of sentence splitting alone, on a generated news corpus of over 50 MB.
//!
//! The corpus is built in-process from sentence templates (abbreviations, initials, quotes
//! with attributions, numbers and decimals, ellipses, citations, headlines, bylines and
//! datelines on their own lines), so the benchmark needs no data files and measures the
//! splitter on the shapes it meets in news. Besides criterion's report, one plain timed pass
//! prints the MB/s figure the issue asks for.

use std::hint::black_box;
use std::time::Instant;

use claimtag::Lexicons;
use claimtag::segment::Segmenter;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Corpus size in bytes.
const CORPUS_BYTES: usize = 52 * 1024 * 1024;

const HEADLINES: &[&str] = &[
    "Port Strike Ends After Nine Days",
    "Minister Resigns Over Leaked Audit",
    "Floods Force Thousands From Homes Along the Sava",
    "Tech Giants Face New Rules on Data Sharing",
];
const BYLINES: &[&str] = &[
    "By Jane Doe",
    "By Amal Haddad and Paul J. Adeyemi",
    "Staff and agencies",
];
const DATELINES: &[&str] = &[
    "BALTIMORE (AP) — ",
    "WASHINGTON — ",
    "LONDON, Jan. 5 (Reuters) - ",
    "",
    "",
];
const SENTENCES: &[&str] = &[
    "The port reopened on Monday after dock workers accepted a 3.5% pay rise.",
    "Dr. Amal Haddad, who led the inquiry, said the audit was never meant to be public.",
    "\"We will not accept these terms,\" said Mr. Smith, a union official.",
    "\"Are you sure?\" he asked. \"The ships are already waiting.\"",
    "Shares of Acme Inc. fell 4.2 percent to $12.75 in New York.",
    "The U.S. Department of Commerce filed the petition in September.",
    "Officials in Washington, D.C. declined to comment on the report.",
    "It was in Washington, D.C. The event ended without incident.",
    "According to the ministry, about 1,200 people were evacuated by 6 p.m. on Sunday.",
    "The company, founded by John F. Kennedy Jr. and partners, employs 4,000 people.",
    "“This was a harbinger of what will happen,” the official said.",
    "Critics argue the plan is, at best, incomplete . . . and at worst dangerous.",
    "The figures were revised twice [2] and remain disputed.",
    "Talks will resume on Jan. 12 at the U.N. headquarters in New York.",
    "Prof. Li Wei of Tsinghua University called the findings “deeply worrying.”",
    "Visit www.example.com/report or write to press@example.org for details.",
    "No decision has been taken yet, the spokeswoman said.",
    "The fund, worth €2.7 billion, was approved by 312 votes to 45.",
    "What happens next is unclear!",
    "Some residents said they had waited hours... Others left before dawn.",
];

/// A deterministic generator, so every run measures the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// News articles of a few kilobytes each, to `bytes` in total.
fn corpus(bytes: usize) -> Vec<String> {
    let mut rng = Lcg(42);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut doc = String::with_capacity(4096);
        doc.push_str(HEADLINES[rng.next(HEADLINES.len())]);
        doc.push('\n');
        doc.push_str(BYLINES[rng.next(BYLINES.len())]);
        doc.push_str("\n\n");
        doc.push_str(DATELINES[rng.next(DATELINES.len())]);
        for paragraph in 0..8 + rng.next(8) {
            if paragraph > 0 {
                doc.push_str("\n\n");
            }
            for s in 0..1 + rng.next(4) {
                if s > 0 {
                    doc.push(' ');
                }
                doc.push_str(SENTENCES[rng.next(SENTENCES.len())]);
            }
        }
        total += doc.len();
        docs.push(doc);
    }
    docs
}

fn split_all(segmenter: &Segmenter, docs: &[String]) -> usize {
    docs.iter().map(|d| segmenter.split(d, &[]).len()).sum()
}

fn bench(c: &mut Criterion) {
    let docs = corpus(CORPUS_BYTES);
    let bytes: usize = docs.iter().map(String::len).sum();
    let segmenter = Segmenter::new(&Lexicons::built_in()).expect("built-in lists load");
    let started = Instant::now();
    let sentences = split_all(&segmenter, &docs);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "segment: {:.1} MB in {} documents, {} sentences, {:.3} s: {:.1} MB/s on one thread",
        bytes as f64 / 1e6,
        docs.len(),
        sentences,
        seconds,
        bytes as f64 / 1e6 / seconds
    );
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("split_news_corpus", |b| {
        b.iter(|| split_all(&segmenter, black_box(&docs)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
