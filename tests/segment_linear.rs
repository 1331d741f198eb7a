//! The splitter's work grows linearly with its input, whatever the input holds: every
//! pathological shape below is split at two sizes, and the work counter the splitter reports
//! (bytes examined, candidates) must stay within a constant per input byte and grow in
//! proportion to the size. A counter, not a stopwatch, so the test is exact on any machine.

use claimtag::Lexicons;
use claimtag::segment::{Segmenter, SplitWork};

/// Pathological inputs: a name and a unit repeated to the wanted size.
const SHAPES: &[(&str, &str)] = &[
    ("paragraph without sentence end", "word and more words "),
    ("straight quote marks", "\""),
    ("curly quote marks", "“”"),
    ("stray closing quotes after ends", "end. ” "),
    ("quoted sentences", "“Yes.” "),
    ("lower-case continuations", "a. "),
    ("initials", "A. "),
    ("abbreviations", "Mr. Co. U.S. "),
    ("spaced ellipses", ". . . "),
    ("ellipsis characters", "… "),
    ("editorial omissions", "[...] "),
    ("citation markers", "x. [1] "),
    ("item markers", "1. "),
    ("bullets", "• "),
    ("single line breaks", "x\n"),
    ("one long token", "a.a"),
    ("credit labels", "Image: "),
    ("glued sentences", "end.Next"),
    ("question runs", "?!"),
];

fn work(segmenter: &Segmenter, unit: &str, size: usize) -> (usize, SplitWork) {
    let text = unit.repeat(size / unit.len());
    let (sentences, work) = segmenter.split_measured(&text, &[]);
    assert!(sentences.iter().all(|s| s.end <= text.len()));
    (text.len(), work)
}

#[test]
fn work_is_linear_for_every_pathological_shape() {
    let segmenter = Segmenter::new(&Lexicons::built_in()).unwrap();
    for (name, unit) in SHAPES {
        let (small_len, small) = work(&segmenter, unit, 250_000);
        let (large_len, large) = work(&segmenter, unit, 1_000_000);
        for (len, w) in [(small_len, small), (large_len, large)] {
            assert!(w.bytes_examined >= len, "{name}: the scan reads every byte");
            assert!(
                w.bytes_examined <= 12 * len,
                "{name}: {w:?} for {len} bytes"
            );
            assert!(w.candidates <= len, "{name}: {w:?} for {len} bytes");
        }
        let ratio = large.bytes_examined as f64 / small.bytes_examined as f64;
        let size_ratio = large_len as f64 / small_len as f64;
        assert!(
            (ratio / size_ratio - 1.0).abs() < 0.05,
            "{name}: work grew {ratio:.2}x for {size_ratio:.2}x the input"
        );
    }
}

#[test]
fn ten_megabytes_without_a_sentence_end_is_one_pass() {
    let segmenter = Segmenter::new(&Lexicons::built_in()).unwrap();
    let text = "the port stayed closed while talks went on ".repeat(10_000_000 / 44);
    let (sentences, work) = segmenter.split_measured(&text, &[]);
    assert_eq!(sentences.len(), 1);
    assert!(work.bytes_examined <= text.len() + 16, "{work:?}");
}

#[test]
fn a_hundred_thousand_quote_marks_do_not_swallow_or_stall() {
    let segmenter = Segmenter::new(&Lexicons::built_in()).unwrap();
    let text = format!("{}She left. He stayed.", "\"".repeat(100_000));
    let (sentences, work) = segmenter.split_measured(&text, &[]);
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[1].of(&text), "He stayed.");
    assert!(work.bytes_examined <= 2 * text.len(), "{work:?}");
}
