//! Hostile input: the shapes of broken text a corpus run meets. Each is annotated without
//! panic, and every span of the result is checked against the schema and the text.
//! Time linearity is shown by `benches/hostile.rs`, not asserted on a wall clock here.

mod common;

use claimtag::{Annotator, Config, Document};
use serde_json::Value;

fn annotate(text: &str) -> Value {
    static ANNOTATOR: std::sync::OnceLock<Annotator> = std::sync::OnceLock::new();
    let annotator = ANNOTATOR.get_or_init(|| Annotator::new(Config::default()).unwrap());
    let annotation = annotator.annotate(&Document::new("hostile", text));
    let value = serde_json::to_value(&annotation).unwrap();
    common::assert_valid(&value);
    value
}

fn sentence_texts(value: &Value) -> Vec<String> {
    value["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

const PARAGRAPH: &str = "Dr. Amal Haddad, the agency's chief economist, said on Tuesday that exports \
    may fall by about 4.5% this year. \"We are watching the port closely,\" she told reporters in \
    Washington, D.C. Officials said the talks were allegedly stalled.\n\n";

#[test]
fn a_fifty_megabyte_document() {
    let text = PARAGRAPH.repeat(50 * 1024 * 1024 / PARAGRAPH.len() + 1);
    let value = annotate(&text);
    let sentences = value["sentences"].as_array().unwrap().len();
    assert!(sentences > 500_000, "{sentences} sentences");
}

#[test]
fn a_ten_megabyte_line_without_a_sentence_end() {
    let text = "word ".repeat(2 * 1024 * 1024);
    let value = annotate(&text);
    assert_eq!(value["sentences"].as_array().unwrap().len(), 1);
}

#[test]
fn a_ten_megabyte_jsonl_line_through_the_cli() {
    let text = "The council said the fund was empty. ".repeat(10 * 1024 * 1024 / 37);
    let line = format!(
        "{}\n{{\"id\":\"after\",\"text\":\"Next.\"}}\n",
        serde_json::json!({"id": "big", "text": text})
    );
    let out = common::run(&["annotate", "--layers", "sentences"], line.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let records = common::records(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["id"], "after");
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for mark in ["\"", "“", "”", "'", "«"] {
        let text = format!("He said {} and left. Then she spoke.", mark.repeat(100_000));
        let value = annotate(&text);
        assert!(!sentence_texts(&value).is_empty());
    }
    let alternating = "\"a\" ".repeat(50_000);
    annotate(&alternating);
}

#[test]
fn deeply_nested_brackets() {
    let text = format!(
        "{}inside{} The end.",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    annotate(&text);
    let mixed = "([{«“".repeat(20_000);
    annotate(&mixed);
}

#[test]
fn nul_bytes_and_control_characters() {
    let text = "Officials said\0 the port\u{1} reopened.\0\0 He said so.\u{7f}";
    let value = annotate(text);
    assert!(!sentence_texts(&value).is_empty());
}

#[test]
fn crlf_and_cr_only_line_ends_separate_lines() {
    for newline in ["\r\n", "\r"] {
        let text = format!("Port Reopens{newline}{newline}The port reopened on Monday.{newline}");
        let value = annotate(&text);
        assert_eq!(
            sentence_texts(&value),
            ["Port Reopens", "The port reopened on Monday."],
            "line end {newline:?}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_sentence() {
    let value = annotate("\u{feff}The port reopened. It was calm.");
    assert_eq!(
        sentence_texts(&value),
        ["The port reopened.", "It was calm."]
    );
}

#[test]
fn right_to_left_scripts_combining_marks_emoji_and_joiners() {
    let cases = [
        "שלום עולם. זה משפט שני.",
        "قال الوزير إن الميناء أعيد فتحه. وأضاف أن العمل مستمر.",
        "Cafe\u{301} owners said prices rose. Re\u{301}sume\u{301} later.",
        "The family 👨\u{200d}👩\u{200d}👧\u{200d}👦 said they were happy 😀. Then 🇺🇦 flags flew.",
        "Zero\u{200b}width\u{200c}joiners\u{200d} everywhere. Done.",
        "\u{202e}reversed text\u{202c} said the officials. Fine.",
    ];
    for text in cases {
        let value = annotate(text);
        assert!(!sentence_texts(&value).is_empty(), "{text:?}");
    }
}

#[test]
fn every_unicode_space() {
    let spaces = [
        '\u{9}', '\u{b}', '\u{c}', '\u{20}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
        '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}',
        '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}',
        '\u{3000}',
    ];
    for space in spaces {
        let text = format!("The minister{space}said{space}so. The{space}port{space}closed.{space}");
        let value = annotate(&text);
        let sentences = sentence_texts(&value);
        assert!(!sentences.is_empty(), "space U+{:04X}", space as u32);
        for sentence in &sentences {
            assert_eq!(
                sentence.trim(),
                sentence,
                "space U+{:04X} kept at an edge",
                space as u32
            );
        }
    }
}

#[test]
fn a_time_budget_turns_a_slow_document_into_a_timeout() {
    let annotator = Annotator::new(Config::default()).unwrap();
    let doc = Document::new("slow", PARAGRAPH.repeat(2_000));
    let outcome = annotator.annotate_within(&doc, std::time::Duration::ZERO);
    assert_eq!(outcome.unwrap_err(), claimtag::TimedOut);
    let generous = annotator.annotate_within(&doc, std::time::Duration::from_secs(3600));
    assert_eq!(generous.unwrap(), annotator.annotate(&doc));
}
