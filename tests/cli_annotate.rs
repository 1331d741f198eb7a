//! The `annotate` command end to end: every input shape, every bad input, exit codes,
//! determinism. Every record printed is checked against the schema by `common::records`.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

use common::{records, run, run_in};
use serde_json::Value;

const ARTICLE: &str = "Port Talks Stall\n\nBy Jana Novak\n\nDr. Amal Haddad said the talks had stalled. \"We are not done,\" she said.\n";

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_text_file_is_one_document_named_after_its_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("port.txt"), ARTICLE).unwrap();
    let out = run_in(dir.path(), &["annotate", "port.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["port"]);
    assert_eq!(recs[0]["source"], "port.txt");
    let sentences: Vec<&str> = recs[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        sentences,
        [
            "Port Talks Stall",
            "By Jana Novak",
            "Dr. Amal Haddad said the talks had stalled.",
            "\"We are not done,\" she said."
        ]
    );
}

#[test]
fn directories_are_walked_in_sorted_order_with_every_input_kind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    fs::create_dir_all(root.join("b/nested")).unwrap();
    fs::write(root.join("b/nested/z.txt"), "Zed.").unwrap();
    fs::write(root.join("a.txt"), "Aye.").unwrap();
    fs::write(root.join("ignored.md"), "Not read.").unwrap();
    fs::write(
        root.join("c.jsonl"),
        "{\"id\":\"c1\",\"text\":\"One.\"}\n{\"id\":\"c2\",\"text\":\"Two.\"}\n",
    )
    .unwrap();
    fs::write(
        root.join("d.jsonl.gz"),
        gzip(b"{\"id\":\"d1\",\"text\":\"Gz.\"}\n"),
    )
    .unwrap();
    fs::write(
        root.join("e.jsonl.zst"),
        zstd::encode_all(&b"{\"id\":\"e1\",\"text\":\"Zst.\"}\n"[..], 3).unwrap(),
    )
    .unwrap();
    let out = run_in(dir.path(), &["annotate", "in"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        ids(&records(&out.stdout)),
        ["a", "b/nested/z", "c1", "c2", "d1", "e1"]
    );
}

#[test]
fn jsonl_fields_are_renamed_carried_and_defaulted() {
    let input = "{\"doc_id\":\"x\",\"body\":\"Hello there.\",\"url\":\"http://e.org\",\"lang\":\"en\"}\n{\"body\":\"No id here.\"}\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("s.jsonl"), input).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "annotate",
            "--id-field",
            "doc_id",
            "--text-field",
            "body",
            "s.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["x", "s.jsonl:2"]);
    assert_eq!(recs[0]["meta"]["url"], "http://e.org");
    assert_eq!(recs[0]["meta"]["lang"], "en");
    assert_eq!(recs[0]["text"], "Hello there.");
}

#[test]
fn stdin_is_read_as_jsonl_with_and_without_dash() {
    for args in [&["annotate"][..], &["annotate", "-"][..]] {
        let out = run(
            args,
            b"{\"id\":\"s\",\"text\":\"From stdin.\"}\n{\"text\":\"Second.\"}\n",
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(ids(&records(&out.stdout)), ["s", "<stdin>:2"]);
    }
}

#[test]
fn out_dir_mirrors_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(root.join("sub/a.txt"), "One sentence.").unwrap();
    fs::write(
        root.join("shard.jsonl.gz"),
        gzip(b"{\"id\":\"q\",\"text\":\"Hi.\"}\n"),
    )
    .unwrap();
    let out = run_in(dir.path(), &["annotate", "--out", "out", "in"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "nothing on stdout under --out");
    let single: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/sub/a.json")).unwrap())
            .unwrap();
    common::assert_valid(&single);
    assert_eq!(single["id"], "sub/a");
    let shard = fs::read(dir.path().join("out/shard.jsonl")).unwrap();
    assert_eq!(ids(&records(&shard)), ["q"]);
    let leftovers: Vec<_> = walk(&dir.path().join("out"))
        .into_iter()
        .filter(|p| p.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn layers_select_what_is_computed() {
    let input = format!("{}\n", serde_json::json!({"id": "l", "text": ARTICLE}));
    let none = records(&run(&["annotate", "--layers", "none"], input.as_bytes()).stdout);
    assert!(none[0]["sentences"].as_array().unwrap().is_empty());
    assert_eq!(none[0]["text"], ARTICLE);
    let sentences = records(&run(&["annotate", "--layers", "sentences"], input.as_bytes()).stdout);
    assert_eq!(sentences[0]["sentences"].as_array().unwrap().len(), 4);
    assert!(sentences[0]["entities"].as_array().unwrap().is_empty());
}

#[test]
fn invalid_utf8_is_an_encoding_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt"), b"Caf\xe9 au lait. Fine.").unwrap();
    let strict = run_in(dir.path(), &["annotate", "bad.txt"], b"");
    assert_eq!(strict.status.code(), Some(1));
    let recs = records(&strict.stdout);
    assert_eq!(recs[0]["error"]["kind"], "encoding");
    assert_eq!(recs[0]["id"], "bad");
    assert!(String::from_utf8_lossy(&strict.stderr).contains("1 of 1 documents failed"));
    let lossy = run_in(dir.path(), &["annotate", "--lossy", "bad.txt"], b"");
    assert_eq!(lossy.status.code(), Some(0));
    let recs = records(&lossy.stdout);
    assert_eq!(recs[0]["text"], "Caf\u{fffd} au lait. Fine.");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn invalid_utf8_inside_a_jsonl_line_fails_only_that_line() {
    let mut input = b"{\"id\":\"a\",\"text\":\"Caf".to_vec();
    input.extend_from_slice(b"\xff\"}\n{\"id\":\"b\",\"text\":\"Good.\"}\n");
    let out = run(&["annotate"], &input);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(recs[0]["error"]["kind"], "encoding");
    assert_eq!(recs[1]["id"], "b");
}

#[test]
fn an_empty_document_is_a_valid_annotation_without_sentences() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.txt"), "  \n\n \t\n").unwrap();
    let out = run_in(dir.path(), &["annotate", "empty.txt", "blank.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    for rec in records(&out.stdout) {
        assert!(rec.get("error").is_none());
        assert!(rec["sentences"].as_array().unwrap().is_empty());
    }
    let empty_stdin = run(&["annotate"], b"");
    assert_eq!(empty_stdin.status.code(), Some(0));
    assert!(empty_stdin.stdout.is_empty());
}

#[test]
fn a_binary_file_is_refused_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    let out = run_in(dir.path(), &["annotate", "image.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out.stdout)[0]["error"]["kind"], "binary");
}

#[test]
fn documents_over_max_bytes_are_too_large_and_the_rest_go_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), "Word. ".repeat(100)).unwrap();
    fs::write(dir.path().join("small.txt"), "Tiny.").unwrap();
    let big_line = serde_json::json!({"id": "big", "text": "x".repeat(500)}).to_string();
    fs::write(
        dir.path().join("s.jsonl"),
        format!("{big_line}\n{{\"id\":\"ok\",\"text\":\"Ok.\"}}\n"),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "annotate",
            "--max-bytes",
            "100",
            "big.txt",
            "small.txt",
            "s.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["big", "small", "s.jsonl:1", "ok"]);
    assert_eq!(recs[0]["error"]["kind"], "too_large");
    assert_eq!(recs[2]["error"]["kind"], "too_large");
    assert!(recs[1].get("error").is_none() && recs[3].get("error").is_none());
}

#[test]
fn a_broken_jsonl_line_is_reported_with_its_number_and_later_lines_are_annotated() {
    let input = "{\"id\":\"1\",\"text\":\"First.\"}\n{\"id\":\"2\",\"text\":\n[1,2]\n{\"id\":\"4\"}\n{\"id\":\"5\",\"text\":\"Fifth.\"}\n";
    let out = run(&["annotate"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 5);
    assert_eq!(recs[1]["error"]["kind"], "input");
    assert!(
        recs[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 2")
    );
    assert_eq!(recs[1]["id"], "<stdin>:2");
    assert_eq!(recs[2]["error"]["kind"], "input");
    assert_eq!(recs[3]["error"]["kind"], "input");
    assert_eq!(recs[3]["id"], "4");
    assert_eq!(recs[4]["sentences"][0]["text"], "Fifth.");
}

#[test]
fn unreadable_paths_are_io_errors_and_the_rest_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("a.txt"), "Fine.").unwrap();
    std::os::unix::fs::symlink(root.join("missing-target.txt"), root.join("b.txt")).unwrap();
    let out = run_in(dir.path(), &["annotate", "does-not-exist.txt", "in"], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["error"]["kind"], "io");
    assert_eq!(recs[0]["id"], "does-not-exist.txt");
    assert_eq!(recs[1]["id"], "a");
    assert_eq!(recs[2]["error"]["kind"], "io");
    assert!(String::from_utf8_lossy(&out.stderr).contains("failed"));
}

#[test]
fn usage_errors_exit_2_with_a_message_on_stderr() {
    for args in [
        &["annotate", "--layers", "sentences,bogus"][..],
        &["annotate", "--threads", "0"][..],
        &["annotate", "--offsets", "bytes"][..],
        &["annotate", "--no-such-flag"][..],
        &["annotate", "--lexicon", "/nonexistent/lexicon.json"][..],
        &["frobnicate"][..],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(out.stdout.is_empty(), "no data on stdout for {args:?}");
        assert!(!out.stderr.is_empty(), "a message for {args:?}");
    }
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let mut input = String::new();
    for i in 0..600 {
        let text = format!("{ARTICLE}\nParagraph {i} adds a line. \"Quote {i},\" said Mr. Kim.");
        input.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        input.push('\n');
    }
    let one = run(&["annotate", "--threads", "1"], input.as_bytes());
    let two = run(&["annotate", "--threads", "2"], input.as_bytes());
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(records(&one.stdout).len(), 600);
    assert!(
        one.stdout == two.stdout,
        "outputs differ between 1 and 2 threads"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&serde_json::json!({"id": i.to_string(), "text": ARTICLE}).to_string());
        input.push('\n');
    }
    let mut child = Command::new(common::binary())
        .arg("annotate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    writer.join().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "nothing on stderr, got {stderr}");
}

#[test]
fn the_seed_article_keeps_markup_lines_out_of_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Officials said the port reopened.\n\nclass = “cf”>\n\n<div class=\"x\">\n\nThe ministry agreed.\n";
    fs::write(dir.path().join("seed.txt"), text).unwrap();
    let recs = records(&run_in(dir.path(), &["annotate", "seed.txt"], b"").stdout);
    let noise: Vec<&str> = recs[0]["noise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(noise, ["class = “cf”>", "<div class=\"x\">"]);
    for sentence in recs[0]["sentences"].as_array().unwrap() {
        assert!(!sentence["text"].as_str().unwrap().contains("class"));
    }
}

#[test]
fn a_document_over_its_time_budget_gets_a_timeout_record() {
    let input = "{\"id\":\"a\",\"text\":\"Officials said the port reopened.\"}\n{\"id\":\"b\",\"text\":\"More.\"}\n";
    let out = run(&["annotate", "--doc-timeout", "0"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(ids(&recs), ["a", "b"]);
    assert!(recs.iter().all(|r| r["error"]["kind"] == "timeout"));
    let generous = run(&["annotate", "--doc-timeout", "3600"], input.as_bytes());
    let plain = run(&["annotate"], input.as_bytes());
    assert_eq!(generous.status.code(), Some(0));
    assert!(
        generous.stdout == plain.stdout,
        "a generous budget changes nothing"
    );
    let negative = run(&["annotate", "--doc-timeout", "-1"], input.as_bytes());
    assert_eq!(negative.status.code(), Some(2));
}
