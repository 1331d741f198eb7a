//! `--out DIR` runs survive interruption: outputs appear under their final name only when
//! complete, `--resume` skips those, and a run stopped midway then resumed leaves exactly
//! the files an uninterrupted run writes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

mod common;

fn claimtag() -> Command {
    Command::new(common::binary())
}

/// Runs the binary in `dir` through the shared harness, which also fails on a panic.
fn run(args: &[&str], dir: &Path) -> Output {
    common::run_in(dir, args, b"")
}

/// `shards` JSONL inputs of `documents` each, plus a few text files.
fn write_inputs(dir: &Path, shards: usize, documents: usize) {
    let input = dir.join("in");
    fs::create_dir_all(input.join("texts")).expect("mkdir");
    for s in 0..shards {
        let mut shard = String::new();
        for d in 0..documents {
            shard.push_str(&format!(
                "{{\"id\":\"s{s}-d{d}\",\"text\":\"The council said on Tuesday that {d} homes may flood. \\\"We are ready,\\\" Mayor Lindqvist said. Critics allegedly disagree.\"}}\n"
            ));
        }
        fs::write(input.join(format!("shard-{s:03}.jsonl")), shard).expect("write");
    }
    for t in 0..3 {
        fs::write(
            input.join(format!("texts/t{t}.txt")),
            format!("Police said {t} people were hurt."),
        )
        .expect("write");
    }
}

/// Every file under `root` by relative path, with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(root)
                .expect("under root")
                .to_path_buf();
            (relative, fs::read(e.path()).expect("read"))
        })
        .collect()
}

fn temporaries(root: &Path) -> usize {
    tree(root)
        .keys()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .count()
}

#[test]
fn a_run_stopped_midway_resumes_to_the_uninterrupted_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_inputs(dir.path(), 6, 200);
    let full = run(&["annotate", "--out", "full", "in"], dir.path());
    assert_eq!(full.status.code(), Some(0));
    let expected = tree(&dir.path().join("full"));
    assert_eq!(expected.len(), 9);
    // (records written before the stop, complete outputs left, threads of the resumed run);
    // 1000 and 1203 stop after the last record of an input, before its rename.
    let cases = [
        (1, 0, "1"),
        (450, 2, "2"),
        (1000, 4, "1"),
        (1201, 6, "1"),
        (1203, 8, "2"),
    ];
    for (stop_after, complete, threads) in cases {
        let out = format!("out-{stop_after}");
        let stopped = run(
            &[
                "annotate",
                "--out",
                &out,
                "--fail-after",
                &stop_after.to_string(),
                "in",
            ],
            dir.path(),
        );
        assert_eq!(stopped.status.code(), Some(3), "stop after {stop_after}");
        let left = tree(&dir.path().join(&out));
        let finished: Vec<_> = left
            .keys()
            .filter(|p| !p.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert_eq!(
            finished.len(),
            complete,
            "stop after {stop_after}: {left:?}"
        );
        for name in &finished {
            assert_eq!(left[*name], expected[*name], "{}", name.display());
        }
        let resumed = run(
            &[
                "annotate",
                "--out",
                &out,
                "--resume",
                "--threads",
                threads,
                "in",
            ],
            dir.path(),
        );
        assert_eq!(resumed.status.code(), Some(0), "stop after {stop_after}");
        assert!(
            tree(&dir.path().join(&out)) == expected,
            "stop after {stop_after}: resumed output differs"
        );
    }
}

#[test]
fn resume_skips_complete_outputs_and_a_plain_run_rewrites_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_inputs(dir.path(), 2, 10);
    assert_eq!(
        run(&["annotate", "--out", "out", "in"], dir.path())
            .status
            .code(),
        Some(0)
    );
    let marked = dir.path().join("out/shard-000.jsonl");
    let original = fs::read(&marked).expect("read");
    // (extra flags, whether the marked file keeps the mark)
    let cases: [(&[&str], bool); 2] = [(&["--resume"], true), (&[], false)];
    for (flags, kept) in cases {
        fs::write(&marked, b"marker\n").expect("mark");
        let mut args = vec!["annotate", "--out", "out"];
        args.extend_from_slice(flags);
        args.push("in");
        assert_eq!(run(&args, dir.path()).status.code(), Some(0), "{flags:?}");
        let now = fs::read(&marked).expect("read");
        if kept {
            assert_eq!(now, b"marker\n", "{flags:?}");
        } else {
            assert_eq!(now, original, "{flags:?}");
        }
    }
}

#[test]
fn a_killed_process_resumes_to_the_uninterrupted_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_inputs(dir.path(), 40, 600);
    let full = run(
        &["annotate", "--out", "full", "--threads", "2", "in"],
        dir.path(),
    );
    assert_eq!(full.status.code(), Some(0));
    let expected = tree(&dir.path().join("full"));
    let out = dir.path().join("killed");
    let mut child = claimtag()
        .args(["annotate", "--out", "killed", "--threads", "1", "in"])
        .current_dir(dir.path())
        .spawn()
        .expect("spawn");
    // Kill as soon as the first output is complete, as an operator or a scheduler would.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let done = out.join("shard-000.jsonl").is_file();
        if done || Instant::now() > deadline {
            break;
        }
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let status = child.wait().expect("wait");
    let partial = tree(&out);
    let complete = partial
        .keys()
        .filter(|p| !p.to_string_lossy().ends_with(".tmp"))
        .count();
    // 39 shards remain when the first is complete: the kill lands long before the end.
    assert!(!status.success(), "the run was killed, not finished");
    assert!(complete < expected.len(), "killed before the end");
    for (name, bytes) in &partial {
        if !name.to_string_lossy().ends_with(".tmp") {
            assert!(&expected[name] == bytes, "{} is incomplete", name.display());
        }
    }
    let resumed = run(
        &[
            "annotate",
            "--out",
            "killed",
            "--resume",
            "--threads",
            "2",
            "in",
        ],
        dir.path(),
    );
    assert_eq!(resumed.status.code(), Some(0));
    assert_eq!(temporaries(&out), 0);
    assert!(tree(&out) == expected, "resumed output differs");
}

#[test]
fn an_out_dir_inside_the_input_dir_is_not_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_inputs(dir.path(), 3, 20);
    assert_eq!(
        run(&["annotate", "--out", "outside", "in"], dir.path())
            .status
            .code(),
        Some(0)
    );
    let expected = tree(&dir.path().join("outside"));
    // (flags of each run in turn): a plain run, then a resumed one, then a plain one again.
    let cases: [&[&str]; 3] = [&[], &["--resume"], &[]];
    for flags in cases {
        let mut args = vec!["annotate", "--out", "in/annotated"];
        args.extend_from_slice(flags);
        args.push("in");
        assert_eq!(run(&args, dir.path()).status.code(), Some(0), "{flags:?}");
        assert!(
            tree(&dir.path().join("in/annotated")) == expected,
            "{flags:?}: outputs were read back as inputs"
        );
    }
}
