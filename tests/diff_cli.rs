//! `claimtag diff`: per document, what appeared, disappeared or changed between two runs,
//! counted per layer and grouped by rule, as text and as JSON.

use std::fs;
use std::process::{Command, Output};

use claimtag::eval::EvalDocument;
use claimtag::eval::diff::{ChangeKind, diff_runs};
use serde_json::{Value, json};

fn claimtag(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtag"))
        .args(args)
        .output()
        .expect("claimtag runs")
}

const TEXT: &str = "Officials said Maria Lopez may resign. Lopez denied it.";

/// Code-point span of `needle`; `Lopez` alone means its second, stand-alone mention.
fn span(needle: &str) -> (usize, usize) {
    let nth = usize::from(needle == "Lopez");
    let byte = TEXT
        .match_indices(needle)
        .nth(nth)
        .expect("needle in text")
        .0;
    let start = TEXT[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn entity(needle: &str, label: &str, rule: &str) -> Value {
    let (start, end) = span(needle);
    json!({"start": start, "end": end, "text": needle, "label": label, "rule": rule})
}

fn hedge(needle: &str, kind: &str, rule: &str) -> Value {
    let (start, end) = span(needle);
    json!({"start": start, "end": end, "text": needle, "kind": kind, "rule": rule})
}

fn attribution(cue: &str, source: Option<&str>, content: &str, rule: &str) -> Value {
    let s = |n: &str| {
        let (start, end) = span(n);
        json!({"start": start, "end": end, "text": n})
    };
    json!({"cue": s(cue), "source": source.map(s), "content": s(content), "type": "indirect",
           "source_kind": "anonymous", "rule": rule})
}

fn document(id: &str, entities: Vec<Value>, attributions: Vec<Value>, hedges: Vec<Value>) -> Value {
    json!({"id": id, "text": TEXT, "sentences": [[0, 38], [39, 55]],
           "entities": entities, "attributions": attributions, "hedges": hedges})
}

fn old_run() -> Vec<Value> {
    vec![
        document(
            "d1",
            vec![
                entity("Maria Lopez", "PERSON", "ner.person.given-family"),
                entity("Lopez", "ORG", "ner.org.gazetteer"),
            ],
            vec![attribution(
                "said",
                Some("Officials"),
                "Maria Lopez may resign",
                "attr.source-cue-content",
            )],
            vec![hedge("may", "modal", "hedge.lexicon.may")],
        ),
        document("gone", vec![], vec![], vec![]),
    ]
}

fn new_run() -> Vec<Value> {
    vec![
        document(
            "d1",
            // the second Lopez relabelled, a new entity, the hedge gone, the source dropped
            vec![
                entity("Maria Lopez", "PERSON", "ner.person.given-family"),
                entity("Lopez", "PERSON", "ner.person.short-mention"),
                entity("Officials", "NORP", "ner.norp.test"),
            ],
            vec![attribution(
                "said",
                None,
                "Maria Lopez may resign",
                "attr.cue-content",
            )],
            vec![],
        ),
        document("new", vec![], vec![], vec![]),
    ]
}

#[test]
fn changes_are_classified_per_layer_and_rule() {
    let parse = |docs: Vec<Value>| -> Vec<EvalDocument> {
        docs.iter()
            .map(|d| EvalDocument::from_json(d).unwrap())
            .collect()
    };
    let diff = diff_runs(&parse(old_run()), &parse(new_run()));
    assert_eq!(diff.compared, 3);
    let ids: Vec<(&str, Option<&str>)> = diff
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.only_in))
        .collect();
    assert_eq!(
        ids,
        [("d1", None), ("gone", Some("old")), ("new", Some("new"))]
    );
    let changes: Vec<(&str, ChangeKind, &str)> = diff.documents[0]
        .changes
        .iter()
        .map(|c| (c.layer, c.kind, c.rule()))
        .collect();
    assert_eq!(
        changes,
        [
            ("entities", ChangeKind::Appeared, "ner.norp.test"),
            ("entities", ChangeKind::Changed, "ner.person.short-mention"),
            ("attributions", ChangeKind::Changed, "attr.cue-content"),
            ("hedges", ChangeKind::Disappeared, "hedge.lexicon.may"),
        ]
    );
    let entities = diff.by_layer["entities"];
    assert_eq!(
        (entities.appeared, entities.disappeared, entities.changed),
        (1, 0, 1)
    );
    // d1's sentences are unchanged; those of the documents in one run only are counted
    let sentences = diff.by_layer["sentences"];
    assert_eq!(
        (sentences.appeared, sentences.disappeared, sentences.changed),
        (2, 2, 0)
    );
    assert_eq!(diff.by_rule["hedge.lexicon.may"].disappeared, 1);
}

#[test]
fn text_and_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.jsonl");
    let new = dir.path().join("new.jsonl");
    let lines = |docs: Vec<Value>| docs.iter().map(|d| format!("{d}\n")).collect::<String>();
    fs::write(&old, lines(old_run())).unwrap();
    fs::write(&new, lines(new_run())).unwrap();

    let o = claimtag(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for expected in [
        "== d1",
        "  entities: +1 -0 ~1",
        "+ [0, 9) \"Officials\" NORP  (ner.norp.test)",
        "~ [39, 44) \"Lopez\" ORG -> PERSON  (ner.org.gazetteer -> ner.person.short-mention)",
        "- [27, 30) \"may\" modal  (hedge.lexicon.may)",
        "== gone (only in old)",
        "== new (only in new)",
        "3 documents compared, 3 with changes",
        "by rule:",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }

    let o = claimtag(&[
        "diff",
        "--json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(
        report["by_layer"]["attributions"],
        json!({"appeared": 0, "disappeared": 0, "changed": 1})
    );
    let change = &report["documents"][0]["changes"][2];
    assert_eq!(change["layer"], json!("attributions"));
    assert_eq!(change["old"]["rule"], json!("attr.source-cue-content"));
    assert!(
        change["old"]["detail"]
            .as_str()
            .unwrap()
            .contains("source \"Officials\" [0, 9)")
    );

    // the same run twice: nothing to report, and --exit-code stays 0
    let o = claimtag(&[
        "diff",
        "--exit-code",
        old.to_str().unwrap(),
        old.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 documents compared, 0 with changes"));
    let o = claimtag(&[
        "diff",
        "--exit-code",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // an unreadable run is an invalid input
    let o = claimtag(&[
        "diff",
        old.to_str().unwrap(),
        dir.path().join("nope.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}
