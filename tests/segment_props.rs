//! Properties of the splitter on arbitrary text built from the characters its rules look
//! at: it never panics, and its spans are ordered, non-overlapping, trimmed, on character
//! boundaries, inside the text and outside the noise lines.

use claimtag::Lexicons;
use claimtag::segment::Segmenter;
use claimtag::text::NoiseDetector;
use proptest::prelude::*;
use std::sync::LazyLock;

/// Built once: a segmenter and a noise detector cost more than a case.
static SEGMENTER: LazyLock<Segmenter> =
    LazyLock::new(|| Segmenter::new(&Lexicons::built_in()).expect("built-in lists load"));
static NOISE: LazyLock<NoiseDetector> = LazyLock::new(NoiseDetector::new);

/// Pieces the rules care about, glued at random.
const PIECES: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    ".",
    "?",
    "!",
    "…",
    "...",
    ". . .",
    ":",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "[1]",
    "[...]",
    "•",
    "⁃",
    "1.",
    "2.)",
    "a)",
    "b.",
    "Mr.",
    "U.S.",
    "Co.",
    "I.",
    "The",
    "He",
    "said",
    "asked",
    "Image:",
    "word",
    "Word",
    "x",
    "É",
    "ß",
    "日本",
    "😀",
    "1,000",
    "2.7",
    "www.a.com",
    "a@b.c",
    "-",
    "—",
    "By ",
    "ZAGREB",
    "<div>",
    "class = “cf”>",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_well_formed(text in text_strategy()) {
        let noise = NOISE.find(&text);
        let sentences = SEGMENTER.split(&text, &noise);
        let mut last_end = 0;
        for s in &sentences {
            prop_assert!(s.start >= last_end && s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let covered = s.of(&text);
            prop_assert_eq!(covered, covered.trim());
            prop_assert!(noise.iter().all(|n| !n.overlaps(s)));
            last_end = s.end;
        }
    }
}
