//! `claimtag validate`: one corruption a line, each to be reported with its file, document
//! id and JSON path; valid files pass.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

fn claimtag(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtag"))
        .args(args)
        .output()
        .expect("claimtag runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A valid annotation document with every layer filled: a gold file of the corpus, with
/// its summary completed to what the schema asks of claimtag's own output.
fn valid_document() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/gold/sava-floods.json");
    let mut doc: Value =
        serde_json::from_str(&fs::read_to_string(path).expect("gold file")).unwrap();
    let summary = doc["summary"].as_object_mut().expect("summary");
    for (key, value) in [
        ("entities_by_label", json!({})),
        ("hedges_by_kind", json!({})),
        ("named_source_share", json!(0.0)),
    ] {
        summary.entry(key).or_insert(value);
    }
    doc
}

fn first_with_source(doc: &Value) -> usize {
    doc["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| !a["source"].is_null())
        .expect("an attribution with a source")
}

type Corruption = (&'static str, fn(&mut Value), &'static str, &'static str);

#[test]
fn each_broken_invariant_is_reported_at_its_path() {
    let cases: Vec<Corruption> = vec![
        // name, corruption, JSON path, message fragment
        (
            "text differs from slice",
            |d| d["entities"][0]["text"] = json!("XX"),
            "/entities/0/text",
            "differs from the slice",
        ),
        (
            "span beyond the text",
            |d| d["entities"][0]["end"] = json!(100_000),
            "/entities/0/end",
            "beyond the text",
        ),
        (
            "empty span",
            |d| d["entities"][1]["start"] = d["entities"][1]["end"].clone(),
            "/entities/1/end",
            "empty or reversed",
        ),
        (
            "unordered list",
            |d| d["entities"].as_array_mut().unwrap().swap(0, 1),
            "/entities/1/start",
            "not ordered",
        ),
        (
            "duplicate id",
            |d| d["hedges"][1]["id"] = d["hedges"][0]["id"].clone(),
            "/hedges/1/id",
            "duplicate id",
        ),
        (
            "dangling entity",
            |d| {
                let i = first_with_source(d);
                d["attributions"][i]["source"]["entity"] = json!("e999");
            },
            "/source/entity",
            "entity `e999`, which does not exist",
        ),
        (
            "dangling continuation",
            |d| d["attributions"][0]["continues"] = json!("a999"),
            "/attributions/0/continues",
            "does not exist",
        ),
        (
            "dangling hedge attribution",
            |d| d["hedges"][0]["attribution"] = json!("a999"),
            "/hedges/0/attribution",
            "does not exist",
        ),
        (
            "sentence out of range",
            |d| d["entities"][0]["sentence"] = json!(999),
            "/entities/0/sentence",
            "does not exist",
        ),
        (
            "wrong sentence",
            |d| d["entities"][0]["sentence"] = json!(5),
            "/entities/0/sentence",
            "does not hold",
        ),
        (
            "overlapping sentences",
            |d| {
                let s = d["sentences"][0]["end"].as_u64().unwrap();
                d["sentences"][1]["start"] = json!(s - 1);
            },
            "/sentences/1/start",
            "overlaps the previous",
        ),
        (
            "unknown label (schema)",
            |d| d["entities"][0]["label"] = json!("FOO"),
            "/entities/0/label",
            "FOO",
        ),
        (
            "missing text (schema)",
            |d| {
                d.as_object_mut().unwrap().remove("text");
            },
            "/",
            "\"text\" is a required property",
        ),
        (
            "bad offset type (schema)",
            |d| d["hedges"][0]["start"] = json!("3"),
            "/hedges/0/start",
            "integer",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, corrupt, path, fragment) in cases {
        let mut doc = valid_document();
        corrupt(&mut doc);
        let file = dir.path().join("doc.json");
        fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        let o = claimtag(&["validate", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        let line = out
            .lines()
            .find(|l| l.contains(fragment))
            .unwrap_or_else(|| panic!("{name}: no problem mentions {fragment:?}:\n{out}"));
        assert!(
            line.starts_with(&format!("{}: sava-floods: ", file.display())),
            "{name}: {line}"
        );
        assert!(
            line.contains(&format!("{path}: ")) || line.contains(&format!("{path}/")),
            "{name}: {line}"
        );
    }
}

#[test]
fn valid_files_pass_and_jsonl_problems_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = valid_document();
    let single = dir.path().join("good.json");
    fs::write(&single, good.to_string()).unwrap();
    let o = claimtag(&["validate", single.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );

    // claimtag's own output, including an error record, is valid
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/articles/sava-floods.txt");
    let missing = dir.path().join("missing.txt");
    let annotated = claimtag(&[
        "annotate",
        article.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    let output = dir.path().join("out.jsonl");
    fs::write(&output, &annotated.stdout).unwrap();
    let o = claimtag(&["validate", output.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );

    let mut bad = good.clone();
    bad["id"] = json!("second");
    bad["entities"][2]["text"] = json!("nope");
    let shard = dir.path().join("shard.jsonl");
    fs::write(&shard, format!("{good}\n{bad}\nnot json\n")).unwrap();
    let o = claimtag(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains(&format!(
            "{}:2: second: /entities/2/text: ",
            shard.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}:3: invalid JSON", shard.display())),
        "{out}"
    );
}

#[test]
fn schema_can_be_replaced_and_a_bad_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.json");
    fs::write(&doc, valid_document().to_string()).unwrap();
    let strict = dir.path().join("strict.json");
    fs::write(
        &strict,
        json!({"type": "object", "required": ["licence"]}).to_string(),
    )
    .unwrap();
    let o = claimtag(&[
        "validate",
        "--schema",
        strict.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("\"licence\" is a required property"));
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{").unwrap();
    let o = claimtag(&[
        "validate",
        "--schema",
        broken.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn utf16_offsets_are_checked_in_utf16_units() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("emoji.txt");
    fs::write(
        &article,
        "Officials said 😀 that rents may rise. Nobody else did.\n",
    )
    .unwrap();
    let annotated = claimtag(&["annotate", "--offsets", "utf16", article.to_str().unwrap()]);
    assert_eq!(annotated.status.code(), Some(0));
    let mut doc: Value = serde_json::from_slice(&annotated.stdout).unwrap();
    let file = dir.path().join("doc.json");
    fs::write(&file, doc.to_string()).unwrap();
    let o = claimtag(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    // the first sentence's end written in code points: one short of its UTF-16 end
    let end = doc["sentences"][0]["end"].as_u64().unwrap();
    doc["sentences"][0]["end"] = json!(end - 1);
    fs::write(&file, doc.to_string()).unwrap();
    let o = claimtag(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("/sentences/0/text: text"),
        "{}",
        text(&o.stdout)
    );
}
