//! The formats end to end through the binary: `convert` over the gold corpus (every layer
//! filled), `annotate --format` on real output, both offset units on text with emoji and
//! characters outside the BMP, Dolma shards, and the page rendered in a real browser.

mod common;
mod formats_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{records, run, run_in};
use formats_support::{code_point_slice, utf16_slice};
use serde_json::Value;

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/gold")
}

fn gold() -> Vec<Value> {
    let mut paths: Vec<PathBuf> = fs::read_dir(gold_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the gold corpus is in corpus/gold");
    paths
        .iter()
        .map(|p| serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn convert_gold(format: &str, out: &Path) {
    let gold = gold_dir();
    let result = run(
        &[
            "convert",
            "--to",
            format,
            "--out",
            out.to_str().unwrap(),
            gold.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn span_text(text: &str, start: &Value, end: &Value) -> String {
    code_point_slice(
        text,
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    )
}

#[test]
fn gold_converts_to_brat_with_every_layer() {
    let out = tempfile::tempdir().unwrap();
    convert_gold("brat", out.path());
    assert!(out.path().join("annotation.conf").is_file());
    assert!(out.path().join("visual.conf").is_file());
    for doc in gold() {
        let id = doc["id"].as_str().unwrap();
        let text = fs::read_to_string(out.path().join(format!("{id}.txt"))).unwrap();
        assert_eq!(text, doc["text"].as_str().unwrap());
        let ann = fs::read_to_string(out.path().join(format!("{id}.ann"))).unwrap();
        let mut entities = 0;
        let mut hedges = 0;
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (kind, offsets) = cols[1].split_once(' ').unwrap();
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once(' ').unwrap();
                    code_point_slice(&text, s.parse().unwrap(), e.parse().unwrap())
                })
                .collect();
            assert_eq!(pieces.join(" "), cols[2], "{id}: {line}");
            entities += usize::from(kind.chars().all(|c| c.is_ascii_uppercase()));
            hedges += usize::from(kind == "Hedge");
        }
        let events = ann.lines().filter(|l| l.starts_with('E')).count();
        assert_eq!(entities, doc["entities"].as_array().unwrap().len(), "{id}");
        assert_eq!(
            events,
            doc["attributions"].as_array().unwrap().len(),
            "{id}"
        );
        assert_eq!(hedges, doc["hedges"].as_array().unwrap().len(), "{id}");
    }
}

#[test]
fn gold_converts_to_conll_bio_tags() {
    let gold_path = gold_dir();
    let result = run(
        &["convert", "--to", "conll", gold_path.to_str().unwrap()],
        b"",
    );
    assert_eq!(result.status.code(), Some(0));
    let out = String::from_utf8(result.stdout).unwrap();
    let gold = gold();
    assert_eq!(out.matches("-DOCSTART-").count(), gold.len());
    let begins = out.lines().filter(|l| l.contains(" B-")).count();
    let entities: usize = gold
        .iter()
        .map(|d| d["entities"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        begins, entities,
        "one B- tag per (non-overlapping) gold entity"
    );
    let mut previous = "O".to_string();
    for line in out
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
    {
        let tag = line.rsplit(' ').next().unwrap();
        if let Some(label) = tag.strip_prefix("I-") {
            assert!(previous.ends_with(label), "I- after {previous}: {line}");
        }
        previous = tag.to_string();
    }
}

#[test]
fn gold_converts_to_labelstudio_tasks() {
    let out = tempfile::tempdir().unwrap();
    convert_gold("labelstudio", out.path());
    assert!(
        fs::read_to_string(out.path().join("label_config.xml"))
            .unwrap()
            .contains("<Labels name=\"label\" toName=\"text\">")
    );
    for doc in gold() {
        let id = doc["id"].as_str().unwrap();
        let tasks = lines(&out.path().join(format!("{id}.labelstudio.jsonl")));
        assert_eq!(tasks.len(), 1);
        let text = tasks[0]["data"]["text"].as_str().unwrap();
        let results = tasks[0]["predictions"][0]["result"].as_array().unwrap();
        let roles: usize = doc["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| 1 + usize::from(!a["source"].is_null()) + usize::from(!a["content"].is_null()))
            .sum();
        let expected = doc["entities"].as_array().unwrap().len()
            + roles
            + doc["hedges"].as_array().unwrap().len();
        assert_eq!(results.len(), expected, "{id}");
        for r in results {
            assert_eq!(
                span_text(text, &r["value"]["start"], &r["value"]["end"]),
                r["value"]["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn gold_converts_to_dolma_rows_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shard-00.jsonl");
    let gold = gold();
    let mut body: String = gold.iter().map(|d| format!("{d}\n")).collect();
    body.push_str("{\"not\": \"an annotation\"}\n");
    fs::write(&shard, body).unwrap();
    let out = dir.path().join("out");
    let result = run(
        &[
            "convert",
            "--to",
            "dolma",
            "--out",
            out.to_str().unwrap(),
            shard.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(result.status.code(), Some(1), "the bad row is reported");
    let rows = lines(&out.join("attributes/claimtag/shard-00.jsonl"));
    assert_eq!(rows.len(), gold.len() + 1, "one row per input row");
    for (row, doc) in rows.iter().zip(&gold) {
        assert_eq!(row["id"], doc["id"]);
        let text = doc["text"].as_str().unwrap();
        let persons = row["attributes"]["claimtag__claimtag__entity_person"]
            .as_array()
            .unwrap();
        let gold_persons: Vec<&str> = doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["label"] == "PERSON")
            .map(|e| e["text"].as_str().unwrap())
            .collect();
        let got: Vec<String> = persons
            .iter()
            .map(|s| span_text(text, &s[0], &s[1]))
            .collect();
        assert_eq!(got, gold_persons);
    }
    assert_eq!(rows[gold.len()]["attributes"], serde_json::json!({}));
}

const SPACY_CHECK: &str = r#"
import json, sys
try:
    import spacy
    from spacy.tokens import Doc
except ImportError as e:
    print("SKIP", e); sys.exit(0)
nlp = spacy.blank("en")
n = 0
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        obj = json.loads(line)
        doc = Doc(nlp.vocab).from_json(obj, validate=True)
        assert doc.text == obj["text"]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e["start"], e["end"], e["label"]) for e in obj["ents"]]
        for group in ("attributions", "hedges"):
            got = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[group]]
            assert got == [(s["start"], s["end"], s["label"], s["kb_id"]) for s in obj["spans"][group]], group
        assert {s["start"] for s in obj["sents"]} <= {t.idx for t in doc if t.is_sent_start}
        n += 1
print("LOADED", n)
"#;

/// Loads spaCy JSONL files into real `Doc`s; `None` (with the reason printed) when spaCy is
/// not installed.
fn load_in_spacy(files: &[PathBuf]) -> Option<usize> {
    let output = match Command::new("python3")
        .arg("-c")
        .arg(SPACY_CHECK)
        .args(files)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipping the spaCy load: python3 not runnable: {e}");
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "spaCy rejected the output:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    if let Some(reason) = stdout.strip_prefix("SKIP") {
        println!("skipping the spaCy load: spacy is not importable:{reason}");
        return None;
    }
    stdout
        .trim()
        .strip_prefix("LOADED ")
        .map(|n| n.parse().unwrap())
}

#[test]
fn gold_converts_to_spacy_docs_that_spacy_loads() {
    let out = tempfile::tempdir().unwrap();
    convert_gold("spacy", out.path());
    let gold = gold();
    let files: Vec<PathBuf> = gold
        .iter()
        .map(|d| {
            out.path()
                .join(format!("{}.spacy.jsonl", d["id"].as_str().unwrap()))
        })
        .collect();
    for (file, doc) in files.iter().zip(&gold) {
        let obj = &lines(file)[0];
        assert_eq!(
            obj["ents"].as_array().unwrap().len(),
            doc["entities"].as_array().unwrap().len()
        );
        assert_eq!(
            obj["spans"]["hedges"].as_array().unwrap().len(),
            doc["hedges"].as_array().unwrap().len()
        );
    }
    if let Some(loaded) = load_in_spacy(&files) {
        assert_eq!(loaded, gold.len());
    }
}

#[test]
fn json_round_trips_through_utf16_offsets() {
    let gold_path = gold_dir();
    let to_utf16 = run(
        &[
            "convert",
            "--to",
            "json",
            "--offsets",
            "utf16",
            gold_path.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(to_utf16.status.code(), Some(0));
    let utf16 = records(&to_utf16.stdout);
    assert!(utf16.iter().all(|r| r["offsets"] == "utf16"));
    let back = run(&["convert", "--to", "json"], &to_utf16.stdout);
    let back = records(&back.stdout);
    for (converted, original) in back.iter().zip(gold()) {
        for layer in ["sentences", "entities", "attributions", "hedges"] {
            assert_eq!(
                converted[layer], original[layer],
                "{layer} of {}",
                original["id"]
            );
        }
    }
}

/// Text a browser, a Python script and a Rust program count differently.
const WIDE: &str = "Rain 🌧️ hit 𝔊ermany 😀 hard. The 👩‍🔬 team left at dawn. 𝒳 marks the spot.";

#[test]
fn annotate_writes_both_offset_units_on_wide_characters() {
    let input = serde_json::json!({"id": "wide", "text": WIDE}).to_string();
    let mut sentences_by_unit = Vec::new();
    for unit in ["codepoint", "utf16"] {
        let out = run(&["annotate", "--offsets", unit], input.as_bytes());
        assert_eq!(out.status.code(), Some(0));
        let record = &records(&out.stdout)[0];
        assert_eq!(record["offsets"], unit);
        let sentences = record["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), 3, "{record}");
        for s in sentences {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let slice = if unit == "utf16" {
                utf16_slice(WIDE, start, end)
            } else {
                code_point_slice(WIDE, start, end)
            };
            assert_eq!(slice, s["text"].as_str().unwrap(), "{unit}");
        }
        sentences_by_unit.push(sentences.clone());
    }
    assert_ne!(
        sentences_by_unit[0][1]["start"], sentences_by_unit[1][1]["start"],
        "the units differ on this text"
    );

    // Writers that fix their unit write code points even under --offsets utf16.
    let dir = tempfile::tempdir().unwrap();
    let spacy = run(
        &["annotate", "--offsets", "utf16", "--format", "spacy"],
        input.as_bytes(),
    );
    let doc: Value = serde_json::from_slice(&spacy.stdout).unwrap();
    let sents: Vec<String> = doc["sents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| span_text(WIDE, &s["start"], &s["end"]))
        .collect();
    assert_eq!(sents[2], "𝒳 marks the spot.");
    let file = dir.path().join("wide.spacy.jsonl");
    fs::write(&file, &spacy.stdout).unwrap();
    load_in_spacy(&[file]);
    let out = dir.path().join("out");
    let dolma = run(
        &[
            "annotate",
            "--offsets",
            "utf16",
            "--format",
            "dolma",
            "--out",
            out.to_str().unwrap(),
        ],
        input.as_bytes(),
    );
    assert_eq!(dolma.status.code(), Some(0));
    let row = &lines(&out.join("attributes/claimtag/stdin.jsonl"))[0];
    let spans = row["attributes"]["claimtag__claimtag__sentence"]
        .as_array()
        .unwrap();
    assert_eq!(
        span_text(WIDE, &spans[1][0], &spans[1][1]),
        "The 👩‍🔬 team left at dawn."
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn annotate_dolma_mirrors_shards_one_row_per_input_row() {
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("documents");
    fs::create_dir_all(documents.join("cc/part")).unwrap();
    let rows = [
        r#"{"id":"d1","text":"Officials said the bridge would reopen.","source":"common-crawl"}"#,
        r#"{"id":"d2","nottext":"missing"}"#,
        r#"{"id":"d3","text":"It rained. 😀 Then 𝒳 it stopped."}"#,
    ];
    let body = rows.join("\n") + "\n";
    fs::write(
        documents.join("cc/part/0000.jsonl.gz"),
        gzip(body.as_bytes()),
    )
    .unwrap();
    fs::write(documents.join("plain.jsonl"), &body).unwrap();
    let out = dir.path().join("out");
    let result = run_in(
        dir.path(),
        &[
            "annotate",
            "--format",
            "dolma",
            "--out",
            out.to_str().unwrap(),
            "documents",
        ],
        b"",
    );
    assert_eq!(result.status.code(), Some(1), "d2 has no text");
    let gz = fs::read(out.join("attributes/claimtag/cc/part/0000.jsonl.gz")).unwrap();
    let mut text = String::new();
    use std::io::Read;
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .unwrap();
    let plain = fs::read_to_string(out.join("attributes/claimtag/plain.jsonl")).unwrap();
    let parsed: Vec<Value> = plain
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let from_gz: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let attributes = |rows: &[Value]| {
        rows.iter()
            .map(|r| (r["id"].clone(), r["attributes"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        attributes(&from_gz),
        attributes(&parsed),
        "same rows whatever the compression"
    );
    let ids: Vec<&str> = parsed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["d1", "d2", "d3"]);
    assert_eq!(
        parsed[0]["source"], "common-crawl",
        "the row's own source is kept"
    );
    assert_eq!(parsed[1]["attributes"], serde_json::json!({}));
    let spans = parsed[2]["attributes"]["claimtag__claimtag__sentence"]
        .as_array()
        .unwrap();
    let d3 = "It rained. 😀 Then 𝒳 it stopped.";
    let last = spans.last().unwrap();
    assert_eq!(
        last[1].as_u64(),
        Some(d3.chars().count() as u64),
        "code points, not bytes or UTF-16 units"
    );
    assert!(span_text(d3, &last[0], &last[1]).ends_with("𝒳 it stopped."));
}

#[test]
fn formats_that_write_files_refuse_stdout() {
    for format in ["brat", "html", "dolma"] {
        let out = run(
            &["annotate", "--format", format],
            b"{\"id\":\"a\",\"text\":\"A.\"}\n",
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
    }
    let out = run(&["annotate", "--format", "pdf"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn annotate_html_writes_pages_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in/sub")).unwrap();
    fs::write(
        dir.path().join("in/a.txt"),
        "Floods rose. Officials said so.",
    )
    .unwrap();
    fs::write(dir.path().join("in/sub/b.txt"), "It <b>rained</b>. 😀").unwrap();
    let result = run_in(
        dir.path(),
        &["annotate", "--format", "html", "--out", "out", "in"],
        b"",
    );
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let index = fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(
        index.contains(r#"<a href="a.html">a</a>"#)
            && index.contains(r#"<a href="sub/b.html">sub/b</a>"#),
        "{index}"
    );
    let page = fs::read_to_string(dir.path().join("out/sub/b.html")).unwrap();
    assert!(
        page.contains("It &lt;b&gt;rained&lt;/b&gt;. 😀"),
        "text is escaped"
    );
    assert!(page.contains(r#"href="../index.html""#));
}

#[test]
fn a_gold_page_renders_in_headless_chromium() {
    if !Path::new("/usr/bin/chromium").exists() {
        println!(
            "skipping the browser test: /usr/bin/chromium is not installed (tests/browser/render.sh installs it)"
        );
        return;
    }
    let out = tempfile::tempdir().unwrap();
    convert_gold("html", out.path());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/render.sh");
    let shots = out.path().join("shots");
    let result = Command::new("bash")
        .arg(script)
        .arg(out.path().join("sava-floods.html"))
        .arg(&shots)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    if result.status.code() == Some(77) {
        println!("skipping the browser test: {log}");
        return;
    }
    assert!(result.status.success(), "render.sh failed:\n{log}");
    assert!(log.contains("colours sampled"), "{log}");
    assert!(fs::metadata(shots.join("screenshot.png")).unwrap().len() > 10_000);
}
