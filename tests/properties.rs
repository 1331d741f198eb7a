//! Property tests: whatever the text, every span the annotator writes tells the truth about
//! it. Runs over arbitrary Unicode and over generated news-like text (quotes, abbreviations,
//! numbers, stray marks), which reaches far more of the rules than random characters do.

use claimtag::model::Annotation;
use claimtag::{Annotator, Config, Document};
use proptest::prelude::*;

fn annotator() -> &'static Annotator {
    static ANNOTATOR: std::sync::OnceLock<Annotator> = std::sync::OnceLock::new();
    ANNOTATOR.get_or_init(|| Annotator::new(Config::default()).expect("default config builds"))
}

/// Checks one span given as (start, end, text) in code points.
fn check_span(chars: &[char], start: usize, end: usize, text: &str, what: &str) {
    assert!(start < end, "{what}: empty or inverted span {start}..{end}");
    assert!(
        end <= chars.len(),
        "{what}: span {start}..{end} past the end ({})",
        chars.len()
    );
    let slice: String = chars[start..end].iter().collect();
    assert_eq!(slice, text, "{what}: text differs from the slice");
}

fn check_invariants(annotation: &Annotation) {
    let chars: Vec<char> = annotation.text.chars().collect();
    let mut previous_end = 0;
    for sentence in &annotation.sentences {
        check_span(
            &chars,
            sentence.start,
            sentence.end,
            &sentence.text,
            "sentence",
        );
        assert!(
            sentence.start >= previous_end,
            "sentences overlap or are out of order"
        );
        assert_eq!(sentence.text.trim(), sentence.text, "sentence not trimmed");
        previous_end = sentence.end;
    }
    for noise in &annotation.noise {
        check_span(&chars, noise.start, noise.end, &noise.text, "noise");
        for sentence in &annotation.sentences {
            assert!(
                sentence.end <= noise.start || noise.end <= sentence.start,
                "a sentence overlaps a noise line"
            );
        }
    }
    let mut last = 0;
    for entity in &annotation.entities {
        check_span(&chars, entity.start, entity.end, &entity.text, "entity");
        assert!(entity.start >= last, "entities out of order");
        last = entity.start;
        assert!(entity.sentence < annotation.sentences.len().max(1));
    }
    for attribution in &annotation.attributions {
        let cue = &attribution.cue;
        check_span(&chars, cue.start, cue.end, &cue.text, "cue");
        assert!(
            annotation
                .sentences
                .iter()
                .any(|s| s.start <= cue.start && cue.end <= s.end),
            "cue {:?} lies in no sentence",
            cue.text
        );
        if let Some(source) = &attribution.source {
            check_span(&chars, source.start, source.end, &source.text, "source");
        }
        if let Some(content) = &attribution.content {
            check_span(&chars, content.start, content.end, &content.text, "content");
        }
    }
    let mut last = 0;
    for hedge in &annotation.hedges {
        check_span(&chars, hedge.start, hedge.end, &hedge.text, "hedge");
        assert!(hedge.start >= last, "hedges out of order");
        last = hedge.start;
    }
    let ids: std::collections::BTreeSet<&str> =
        annotation.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        annotation.entities.len(),
        "entity ids not unique"
    );
}

/// Pieces of news text, glued at random: enough structure to fire every rule family.
fn news_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The",
        "minister",
        "said",
        "told reporters",
        "that",
        "according to",
        "officials",
        "Dr.",
        "Amal",
        "Haddad",
        "U.S.",
        "D.C.",
        "Inc.",
        "Jan.",
        "5",
        "$2.7",
        "billion",
        "40%",
        "may",
        "allegedly",
        "it was stated",
        "is said to",
        "some experts",
        "about",
        "300",
        "Northwind",
        "Shipping",
        "Ltd.",
        "(CIA)",
        "Central",
        "Intelligence",
        "Agency",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "'",
        ",",
        ".",
        "?",
        "!",
        "…",
        "...",
        ":",
        ";",
        "—",
        "(",
        ")",
        "\n",
        "\n\n",
        "class = “cf”>",
        "<div>",
        "he",
        "she",
        "they",
        "claimed",
        "believes",
        "suggests",
        "In",
        "the",
        "statement",
        "study",
        "e-mail",
        "http://example.org/a.b",
        "a.m.",
        "3.5",
        "😀",
        "\u{200d}",
        "\u{feff}",
        "\r\n",
        "\r",
        "\t",
        "\u{a0}",
        "é",
        "\u{301}",
        "שלום",
        "مرحبا",
    ])
}

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((news_piece(), prop::bool::ANY), 0..120).prop_map(|pieces| {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_truthful_on_arbitrary_unicode(text in any::<String>()) {
        check_invariants(&annotator().annotate(&Document::new("p", text)));
    }

    #[test]
    fn spans_are_truthful_on_news_like_text(text in news_text()) {
        check_invariants(&annotator().annotate(&Document::new("p", text)));
    }

    #[test]
    fn annotation_is_a_pure_function_of_the_text(text in news_text()) {
        let first = annotator().annotate(&Document::new("p", text.clone()));
        let second = Annotator::new(Config::default()).unwrap().annotate(&Document::new("p", text));
        prop_assert_eq!(first, second);
    }
}

#[test]
fn output_is_identical_for_one_and_two_threads_on_generated_text() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut input = String::new();
    for i in 0..300 {
        let text = news_text().new_tree(&mut runner).unwrap().current();
        input.push_str(&serde_json::json!({"id": i.to_string(), "text": text}).to_string());
        input.push('\n');
    }
    let run = |threads: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimtag"))
            .args(["annotate", "--threads", threads])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let data = input.clone();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(data.as_bytes()).unwrap();
        });
        let output = child.wait_with_output().unwrap();
        writer.join().unwrap();
        output.stdout
    };
    let one = run("1");
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 300);
    assert!(one == run("2"), "outputs differ between 1 and 2 threads");
}
