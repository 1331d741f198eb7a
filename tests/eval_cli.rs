//! `claimtag eval` end to end: the table, the report (checked against its schema), the
//! error list, thresholds and exit codes, and agreement with `score.py` on the same files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_claimtag")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gold_dir() -> PathBuf {
    repo().join("corpus/gold")
}

fn claimtag(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .output()
        .expect("claimtag runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read_gold() -> Vec<Value> {
    let mut files: Vec<PathBuf> = fs::read_dir(gold_dir())
        .expect("corpus/gold exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_str(&fs::read_to_string(p).expect("read")).expect("json"))
        .collect()
}

fn write_jsonl(path: &Path, docs: &[Value]) {
    let mut text = String::new();
    for d in docs {
        text.push_str(&d.to_string());
        text.push('\n');
    }
    fs::write(path, text).expect("write fixture");
}

/// The gold with every other entity of each document removed: a clearly worse prediction.
fn degraded(gold: &[Value]) -> Vec<Value> {
    gold.iter()
        .map(|d| {
            let mut d = d.clone();
            let kept: Vec<Value> = d["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .step_by(2)
                .cloned()
                .collect();
            d["entities"] = Value::Array(kept);
            d
        })
        .collect()
}

#[test]
fn gold_against_itself_scores_one_everywhere() {
    let gold = gold_dir();
    let o = claimtag(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        gold.to_str().unwrap(),
        "--labels",
        "all",
        "--min",
        "attributions.cue.f1=1",
        "--min",
        "entities.strict.PERSON.f1=1",
        "--min",
        "attributions.type_acc=1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = stdout(&o);
    for metric in [
        "sentences.boundary",
        "entities.strict.DATE",
        "attributions.exact.content",
        "hedges.sentence",
        "attributions.source_kind_acc",
    ] {
        let line = table
            .lines()
            .find(|l| l.starts_with(metric))
            .unwrap_or_else(|| panic!("{metric} missing from\n{table}"));
        assert!(line.contains("1.000"), "{line}");
    }
}

#[test]
fn degraded_predictions_fail_thresholds_and_name_each_metric() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_jsonl(&pred, &degraded(&read_gold()));
    let gold = gold_dir();
    let report = dir.path().join("report.json");
    let o = claimtag(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        "--min",
        "entities.strict.f1=0.9",
        "--min",
        "entities.strict.r=0.9",
        "--min",
        "attributions.cue.f1=0.9",
        "--min",
        "entities.strict.p=0.99",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("FAILED entities.strict.f1"), "{err}");
    assert!(err.contains("FAILED entities.strict.r"), "{err}");
    // precision is untouched by dropping entities, and attributions are intact
    assert!(!err.contains("entities.strict.p"), "{err}");
    assert!(!err.contains("attributions.cue.f1"), "{err}");
    let report: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["passed"], json!(false));
    assert_eq!(report["metrics"]["entities.strict"]["p"], json!(1.0));
    assert!(report["metrics"]["entities.strict"]["r"].as_f64().unwrap() < 0.6);
}

#[test]
fn threshold_usage_errors_exit_2() {
    let gold = gold_dir();
    let g = gold.to_str().unwrap();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("unknown metric", vec!["--min", "attributions.speed.f1=0.5"]),
        ("no value", vec!["--min", "attributions.cue.f1"]),
        (
            "value not a number",
            vec!["--min", "attributions.cue.f1=high"],
        ),
        (
            "label not scored",
            vec!["--min", "entities.strict.DATE.f1=0.5"],
        ),
        ("bad map", vec!["--map", "GPE"]),
    ];
    for (name, extra) in cases {
        let mut args = vec!["eval", "--gold", g, "--pred", g];
        args.extend(extra);
        let o = claimtag(&args);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("claimtag eval:"), "{name}");
    }
}

#[test]
fn invalid_files_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &str)> = vec![
        ("broken json", "{\"id\": \"a\", "),
        ("no id", "{\"text\": \"x\", \"entities\": []}"),
        (
            "bad span",
            "{\"id\": \"a\", \"entities\": [{\"start\": \"x\", \"end\": 1}]}",
        ),
    ];
    for (name, content) in cases {
        let path = dir.path().join("bad.jsonl");
        fs::write(&path, format!("{content}\n")).unwrap();
        let o = claimtag(&[
            "eval",
            "--gold",
            path.to_str().unwrap(),
            "--pred",
            gold_dir().to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("bad.jsonl:1"), "{name}: {}", stderr(&o));
    }
}

#[test]
fn report_follows_its_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/eval-report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_jsonl(&pred, &degraded(&read_gold()));
    let runs: Vec<(&str, Vec<String>)> = vec![
        (
            "with pred and thresholds",
            vec![
                "--pred".into(),
                pred.display().to_string(),
                "--min".into(),
                "hedges.cue.f1=0.5".into(),
                "--map".into(),
                "GPE=LOC".into(),
            ],
        ),
        ("claimtag itself", vec![]),
    ];
    for (name, extra) in runs {
        let report = dir.path().join("report.json");
        let mut args: Vec<String> = vec![
            "eval".into(),
            "--gold".into(),
            gold_dir().display().to_string(),
            "--report".into(),
            report.display().to_string(),
        ];
        args.extend(extra);
        let o = Command::new(binary()).args(&args).output().unwrap();
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{name}: {}",
            stderr(&o)
        );
        let value: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(
            value["documents"]["gold"],
            json!(read_gold().len()),
            "{name}"
        );
    }
}

#[test]
fn errors_file_names_document_span_sentence_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let gold = read_gold();
    let mut pred = degraded(&gold);
    // A spurious entity carrying a rule id, to be blamed in the error list.
    let first_sentence = pred[0]["sentences"][0].clone();
    let spurious = json!({"id": "e999", "start": first_sentence["start"], "end": first_sentence["end"],
        "text": first_sentence["text"], "label": "ORG", "sentence": 0, "rule": "ner.test.spurious"});
    pred[0]["entities"].as_array_mut().unwrap().push(spurious);
    let pred_path = dir.path().join("pred.jsonl");
    write_jsonl(&pred_path, &pred);
    let errors = dir.path().join("errors.jsonl");
    let o = claimtag(&[
        "eval",
        "--gold",
        gold_dir().to_str().unwrap(),
        "--pred",
        pred_path.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records: Vec<Value> = fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let fp = records
        .iter()
        .find(|r| r["error"] == "false_positive" && r["metric"] == "entities.strict")
        .expect("the spurious entity is listed");
    assert_eq!(fp["rule"], json!("ner.test.spurious"));
    assert_eq!(fp["document"], gold[0]["id"]);
    assert_eq!(fp["layer"], json!("entities"));
    assert_eq!(fp["text"], first_sentence["text"]);
    assert_eq!(fp["sentence"]["text"], first_sentence["text"]);
    let fns: Vec<&Value> = records
        .iter()
        .filter(|r| r["error"] == "false_negative" && r["layer"] == "entities")
        .collect();
    let dropped: usize = gold
        .iter()
        .map(|d| {
            d["entities"]
                .as_array()
                .unwrap()
                .iter()
                .skip(1)
                .step_by(2)
                .filter(|e| {
                    ["PERSON", "ORG", "GPE", "LOC", "NORP"].contains(&e["label"].as_str().unwrap())
                })
                .count()
        })
        .sum();
    assert_eq!(fns.len(), dropped);
    for r in &fns {
        // the sentence shown holds the missed entity
        let text = r["text"].as_str().unwrap();
        assert!(
            r["sentence"]["text"].as_str().unwrap().contains(text),
            "{r}"
        );
    }
}

// ---- agreement with score.py -------------------------------------------------------------

fn score_py() -> Option<PathBuf> {
    let path = std::env::var_os("CLAIMTAG_SCORE_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/eval/score.py"));
    if !path.exists() {
        println!(
            "skipped: score.py not found at {} (set CLAIMTAG_SCORE_PY)",
            path.display()
        );
        return None;
    }
    match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => Some(path),
        _ => {
            println!("skipped: python3 is not available");
            None
        }
    }
}

/// A deterministic pseudo-random sequence, so perturbations are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Moves a span (object or array form) by `delta`, unless that leaves the text.
fn shift(span: &mut Value, delta: i64, len: i64) {
    let (s, e) = match span {
        Value::Array(a) if a.len() >= 2 => (a[0].as_i64().unwrap(), a[1].as_i64().unwrap()),
        Value::Object(o) => (o["start"].as_i64().unwrap(), o["end"].as_i64().unwrap()),
        _ => return,
    };
    if s + delta < 0 || e + delta > len {
        return;
    }
    match span {
        Value::Array(a) => {
            a[0] = json!(s + delta);
            a[1] = json!(e + delta);
        }
        Value::Object(o) => {
            o.insert("start".into(), json!(s + delta));
            o.insert("end".into(), json!(e + delta));
        }
        _ => {}
    }
}

/// Gold with some items marked optional, and predictions with items dropped, moved,
/// relabelled and added: every matching rule gets exercised.
fn perturb(gold: &[Value], seed: u64) -> (Vec<Value>, Vec<Value>) {
    let mut rng = Lcg(seed);
    let mut golds = Vec::new();
    let mut preds = Vec::new();
    for d in gold {
        if rng.below(20) == 0 {
            golds.push(d.clone());
            continue; // a document missing from the predictions
        }
        let len = d["text"].as_str().map_or(0, |t| t.chars().count()) as i64;
        let mut g = d.clone();
        let mut p = json!({"id": d["id"].clone()});
        if let Some(sentences) = d["sentences"]
            .as_array()
            .filter(|s| s.first().is_some_and(|x| !x.is_string()))
        {
            p["sentences"] = Value::Array(
                sentences
                    .iter()
                    .filter(|_| rng.below(10) != 0)
                    .cloned()
                    .collect(),
            );
        }
        for layer in ["entities", "attributions", "hedges"] {
            let Some(items) = d[layer].as_array() else {
                continue;
            };
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if rng.below(12) == 0 {
                    g[layer][i]["optional"] = json!(true);
                }
                let roll = rng.below(100);
                if roll < 15 {
                    continue;
                }
                let mut item = item.clone();
                match layer {
                    "entities" => {
                        if roll < 30 {
                            let delta = [-1, 1, 2][rng.below(3) as usize];
                            shift(&mut item, delta, len);
                        } else if roll < 40 {
                            item["label"] =
                                json!(["PERSON", "ORG", "GPE", "LOC"][rng.below(4) as usize]);
                        }
                    }
                    "attributions" => {
                        if roll < 30 {
                            let delta = [-45, -30, -5, 5, 30, 45][rng.below(6) as usize];
                            shift(&mut item["cue"], delta, len);
                        } else if roll < 45 && !item["content"].is_null() {
                            let delta = [-20, 2, 20][rng.below(3) as usize];
                            shift(&mut item["content"], delta, len);
                        } else if roll < 55 {
                            item["source"] = Value::Null;
                        }
                        if rng.below(5) == 0 {
                            item["type"] =
                                json!(["direct", "indirect", "mixed"][rng.below(3) as usize]);
                        }
                        item["source_kind"] = json!(["named", "anonymous"][rng.below(2) as usize]);
                    }
                    _ => {
                        let delta = [0, 0, 2, -7][rng.below(4) as usize];
                        shift(&mut item, delta, len);
                    }
                }
                out.push(item);
            }
            if layer == "hedges" && rng.below(3) == 0 && len > 3 {
                out.push(json!([0, 3]));
            }
            p[layer] = Value::Array(out);
        }
        golds.push(g);
        preds.push(p);
    }
    (golds, preds)
}

/// Runs score.py and `claimtag eval` on the same files and checks every figure score.py
/// prints: counts exactly, shares within 0.001.
fn assert_agree(score_py: &Path, gold: &Path, pred: &Path, extra: &[&str], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let py_json = dir.path().join("py.json");
    let rs_json = dir.path().join("rs.json");
    let py = Command::new("python3")
        .arg(score_py)
        .arg(gold)
        .arg(pred)
        .arg("--json")
        .arg(&py_json)
        .args(extra)
        .output()
        .expect("python3 runs");
    assert!(
        py.status.success(),
        "{what}: score.py failed: {}",
        stderr(&py)
    );
    let mut args: Vec<String> = vec!["eval".into(), "--gold".into(), gold.display().to_string()];
    if pred.as_os_str() != "" {
        args.extend(["--pred".into(), pred.display().to_string()]);
    }
    args.extend(["--report".into(), rs_json.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let rs = Command::new(binary()).args(&args).output().unwrap();
    assert_eq!(rs.status.code(), Some(0), "{what}: {}", stderr(&rs));
    compare_reports(
        &serde_json::from_str(&fs::read_to_string(&py_json).unwrap()).unwrap(),
        &serde_json::from_str(&fs::read_to_string(&rs_json).unwrap()).unwrap(),
        what,
    );
}

fn compare_reports(py: &Value, rs: &Value, what: &str) {
    let mut compared = 0;
    for (name, figure) in py.as_object().unwrap() {
        if name == "documents" {
            assert_eq!(figure["gold"], rs["documents"]["gold"], "{what}: documents");
            assert_eq!(
                figure["missing_in_pred"], rs["documents"]["missing_in_pred"],
                "{what}: missing"
            );
            continue;
        }
        compared += 1;
        if let Some(row) = figure.as_object() {
            let ours = &rs["metrics"][name];
            assert!(
                ours.is_object(),
                "{what}: {name} missing from claimtag's report"
            );
            for count in ["tp", "fp", "fn"] {
                assert_eq!(row[count], ours[count], "{what}: {name}.{count}");
            }
            for share in ["p", "r", "f1"] {
                let (a, b) = (row[share].as_f64().unwrap(), ours[share].as_f64().unwrap());
                assert!(
                    (a - b).abs() <= 0.001,
                    "{what}: {name}.{share}: score.py {a}, claimtag {b}"
                );
            }
        } else {
            let a = figure.as_f64().unwrap();
            let b = rs["ratios"][name]["value"]
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: {name} missing from claimtag's report"));
            assert!(
                (a - b).abs() <= 0.001,
                "{what}: {name}: score.py {a}, claimtag {b}"
            );
        }
    }
    // and nothing score.py leaves out is made up
    let ours = rs["metrics"].as_object().unwrap().len() + rs["ratios"].as_object().unwrap().len();
    assert_eq!(
        ours, compared,
        "{what}: claimtag reports figures score.py does not"
    );
    println!("{what}: {compared} figures agree");
}

#[test]
fn agrees_with_score_py_on_perturbed_corpus() {
    let Some(score_py) = score_py() else { return };
    let dir = tempfile::tempdir().unwrap();
    for seed in [1, 2, 3] {
        let (gold, pred) = perturb(&read_gold(), seed);
        let gold_path = dir.path().join("gold.jsonl");
        let pred_path = dir.path().join("pred.jsonl");
        write_jsonl(&gold_path, &gold);
        write_jsonl(&pred_path, &pred);
        assert_agree(
            &score_py,
            &gold_path,
            &pred_path,
            &[],
            &format!("corpus seed {seed}"),
        );
        assert_agree(
            &score_py,
            &gold_path,
            &pred_path,
            &[
                "--labels",
                "PERSON,ORG,GPE,LOC,DATE",
                "--map",
                "GPE=LOC,NORP=ORG",
            ],
            &format!("corpus seed {seed}, mapped"),
        );
    }
}

#[test]
fn agrees_with_score_py_when_claimtag_annotates_itself() {
    let Some(score_py) = score_py() else { return };
    let dir = tempfile::tempdir().unwrap();
    // What `eval` without --pred scores is what `annotate` writes for the gold texts.
    let inputs: Vec<Value> = read_gold()
        .iter()
        .map(|d| json!({"id": d["id"], "text": d["text"]}))
        .collect();
    let input = dir.path().join("input.jsonl");
    write_jsonl(&input, &inputs);
    let annotated = claimtag(&["annotate", input.to_str().unwrap()]);
    assert_eq!(annotated.status.code(), Some(0), "{}", stderr(&annotated));
    let pred = dir.path().join("pred.jsonl");
    fs::write(&pred, &annotated.stdout).unwrap();
    let gold = gold_dir();
    let dir2 = tempfile::tempdir().unwrap();
    let py_json = dir2.path().join("py.json");
    let py = Command::new("python3")
        .arg(&score_py)
        .arg(&gold)
        .arg(&pred)
        .arg("--json")
        .arg(&py_json)
        .output()
        .unwrap();
    assert!(py.status.success(), "{}", stderr(&py));
    let rs_json = dir2.path().join("rs.json");
    let rs = claimtag(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--report",
        rs_json.to_str().unwrap(),
    ]);
    assert_eq!(rs.status.code(), Some(0), "{}", stderr(&rs));
    compare_reports(
        &serde_json::from_str(&fs::read_to_string(&py_json).unwrap()).unwrap(),
        &serde_json::from_str(&fs::read_to_string(&rs_json).unwrap()).unwrap(),
        "claimtag on the corpus",
    );
}

#[test]
fn agrees_with_score_py_on_shared_dev_sets() {
    let Some(score_py) = score_py() else { return };
    let dev = std::env::var_os("CLAIMTAG_EVAL_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/eval/dev"));
    let sets: Vec<(&str, Vec<&str>)> = vec![
        (
            "gum_dev.jsonl",
            vec!["--map", "GPE=LOC,FAC=LOC", "--labels", "PERSON,ORG,LOC"],
        ),
        ("polnear_dev.jsonl", vec![]),
        ("szeged_wiki_dev.jsonl", vec![]),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in sets {
        let path = dev.join(name);
        let Ok(text) = fs::read_to_string(&path) else {
            println!("skipped {name}: not found under {}", dev.display());
            continue;
        };
        let gold: Vec<Value> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // The dev file is the gold, read in place (never copied); only the perturbed
        // predictions are written, to a temporary directory.
        let (_, pred) = perturb(&gold, 7);
        let gold_path = path;
        let pred_path = dir.path().join("pred.jsonl");
        write_jsonl(&pred_path, &pred);
        assert_agree(&score_py, &gold_path, &pred_path, &extra, name);
    }
}
