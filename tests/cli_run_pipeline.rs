//! The parallel run loop seen from outside: output in input order, byte-identical whatever
//! the number of threads, one record per input document, quiet stderr off a terminal, and
//! a closed pipe ending the run quietly.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;

fn claimtag() -> Command {
    Command::new(common::binary())
}

/// Runs the binary in `dir` through the shared harness, which also fails on a panic.
fn run(args: &[&str], dir: &Path) -> Output {
    common::run_in(dir, args, b"")
}

/// A shard of `count` news-like documents of varied length, with a bad line every 97
/// documents (invalid JSON, a non-string text, invalid UTF-8 in turn) so that error records
/// must keep their place in the order.
fn shard(count: usize, seed: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..count {
        let n = seed * 100_000 + i;
        match n % 97 {
            13 => out.extend_from_slice(b"{\"id\": broken\n"),
            41 => out.extend_from_slice(format!("{{\"id\":\"d{n}\",\"text\":{n}}}\n").as_bytes()),
            77 => {
                out.extend_from_slice(format!("{{\"id\":\"d{n}\",\"text\":\"bad ").as_bytes());
                out.extend_from_slice(&[0xff, 0xfe]);
                out.extend_from_slice(b"\"}\n");
            }
            _ => {
                let sentences = 1 + n % 23;
                let text: Vec<String> = (0..sentences)
                    .map(|s| {
                        format!(
                            "Dr. Alvarez said on Monday that the plan {} cost {} million dollars. \\\"It may fail,\\\" she added.",
                            if s % 2 == 0 { "could" } else { "will" },
                            n + s
                        )
                    })
                    .collect();
                out.extend_from_slice(
                    format!(
                        "{{\"id\":\"d{n}\",\"url\":\"u{n}\",\"text\":\"{}\"}}\n",
                        text.join(" ")
                    )
                    .as_bytes(),
                );
            }
        }
    }
    out
}

fn ids(output: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            value["id"].as_str().unwrap_or("").to_string()
        })
        .collect()
}

#[test]
fn threads_one_and_two_give_byte_identical_output_in_input_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let documents = 2500;
    fs::write(dir.path().join("in.jsonl"), shard(documents, 1)).expect("write input");
    for layers in ["all", "none", "sentences", "entities,hedges"] {
        let one = run(
            &["annotate", "--threads", "1", "--layers", layers, "in.jsonl"],
            dir.path(),
        );
        let two = run(
            &["annotate", "--threads", "2", "--layers", layers, "in.jsonl"],
            dir.path(),
        );
        assert_eq!(
            one.status.code(),
            Some(1),
            "{layers}: bad lines fail the run"
        );
        assert_eq!(two.status.code(), Some(1), "{layers}");
        assert!(one.stdout == two.stdout, "{layers}: outputs differ");
        let found = ids(&one.stdout);
        assert_eq!(found.len(), documents, "{layers}: one record per document");
        for (line, id) in found.iter().enumerate() {
            let n = 100_000 + line;
            let expected = if n % 97 == 13 || n % 97 == 77 {
                format!("in.jsonl:{}", line + 1)
            } else {
                format!("d{n}")
            };
            assert_eq!(id, &expected, "{layers}: record {line} out of order");
        }
    }
}

#[test]
fn out_dir_is_identical_across_threads_for_every_input_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("nested")).expect("mkdir");
    fs::write(input.join("a.jsonl"), shard(700, 2)).expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&shard(600, 3)).expect("gzip");
    fs::write(input.join("nested/b.jsonl.gz"), gz.finish().expect("gzip")).expect("write");
    for i in 0..30 {
        fs::write(
            input.join(format!("nested/t{i:02}.txt")),
            format!("Officials said {i} bridges may close. \"We will see,\" Ms. Okafor said."),
        )
        .expect("write");
    }
    let one = run(
        &["annotate", "--threads", "1", "--out", "one", "in"],
        dir.path(),
    );
    let two = run(
        &["annotate", "--threads", "2", "--out", "two", "in"],
        dir.path(),
    );
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(two.status.code(), Some(1));
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(dir.path().join("one")).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir.path().join("one"))
                .expect("under one");
            let other = fs::read(dir.path().join("two").join(relative)).expect("same file");
            assert!(
                fs::read(entry.path()).expect("read") == other,
                "{} differs",
                relative.display()
            );
            names.push(relative.display().to_string());
        }
    }
    assert_eq!(names.len(), 32, "{names:?}");
    assert!(names.contains(&"a.jsonl".to_string()));
    assert!(names.contains(&"nested/b.jsonl".to_string()));
    assert!(names.contains(&"nested/t07.json".to_string()));
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    let b = fs::read(dir.path().join("one/nested/b.jsonl")).expect("read");
    assert_eq!(ids(&b).len(), 600);
}

#[test]
fn stderr_stays_quiet_off_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("good.jsonl"),
        "{\"id\":\"a\",\"text\":\"One. Two.\"}\n",
    )
    .expect("write");
    fs::write(dir.path().join("bad.jsonl"), shard(20, 0)).expect("write");
    // (args, exit status, what stderr holds)
    let cases: [(&[&str], i32, &str); 5] = [
        (&["annotate", "good.jsonl"], 0, ""),
        (&["annotate", "--quiet", "good.jsonl"], 0, ""),
        (
            &["annotate", "bad.jsonl"],
            1,
            "claimtag: 1 of 20 documents failed (see their error records)\n",
        ),
        (&["annotate", "-q", "bad.jsonl"], 1, ""),
        (&["annotate", "--resume", "good.jsonl"], 2, "--out"),
    ];
    for (args, status, stderr) in cases {
        let output = run(args, dir.path());
        assert_eq!(output.status.code(), Some(status), "{args:?}");
        let text = String::from_utf8_lossy(&output.stderr);
        if stderr.is_empty() {
            assert!(text.is_empty(), "{args:?}: {text}");
        } else {
            assert!(text.contains(stderr), "{args:?}: {text}");
        }
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("in.jsonl"), shard(20_000, 5)).expect("write");
    let mut child = claimtag()
        .args(["annotate", "--layers", "none", "--threads", "2", "in.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 4096];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn output_streams_while_input_is_still_arriving() {
    // Memory is bounded by the documents in flight only if records leave before the input
    // ends: send more than one batch on stdin, keep it open, and wait for output.
    let mut child = claimtag()
        .args(["annotate", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = child.stdout.take().expect("stdout");
    let (release_sender, release_receiver) = std::sync::mpsc::channel::<()>();
    let feeder = std::thread::spawn(move || {
        stdin.write_all(&shard(3000, 9)).expect("feed");
        stdin.flush().expect("flush");
        // Hold stdin open until the test has seen output; a timeout means none came.
        let released = release_receiver
            .recv_timeout(std::time::Duration::from_secs(60))
            .is_ok();
        stdin
            .write_all(b"{\"id\":\"last\",\"text\":\"The end.\"}\n")
            .expect("feed the last line");
        released
    });
    let mut first = [0u8; 64];
    stdout
        .read_exact(&mut first)
        .expect("output before the input ends");
    assert!(first.starts_with(b"{\"schema_version\""));
    let _ = release_sender.send(());
    assert!(
        feeder.join().expect("feeder"),
        "no output until the input ended"
    );
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("rest");
    child.wait().expect("wait");
    let mut all = first.to_vec();
    all.extend_from_slice(&rest);
    let found = ids(&all);
    assert_eq!(found.len(), 3001);
    assert_eq!(found.last().map(String::as_str), Some("last"));
}
