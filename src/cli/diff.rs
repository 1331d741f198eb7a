//! `claimtag diff OLD NEW`: what a change did to the annotations of a corpus, document by
//! document, with counts per layer and per rule — what a reviewer reads on a pull request.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use claimtag::eval::diff::{Change, ChangeCounts, DiffItem, RunDiff, diff_runs};

use super::eval::load_documents;
use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED};

/// Flags of `claimtag diff`.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier run: annotation files (.json, .jsonl) or a directory of them.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later run, in the same forms.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Write the diff as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Exit 1 when anything changed (as `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
}

/// Runs `diff` and returns the exit status.
pub fn run(args: DiffArgs) -> u8 {
    let mut runs = Vec::new();
    for path in [&args.old, &args.new] {
        let (documents, problems) = load_documents(path);
        if !problems.is_empty() {
            for p in &problems {
                eprintln!("claimtag diff: {p}");
            }
            return EXIT_SOME_FAILED;
        }
        runs.push(documents);
    }
    let diff = diff_runs(&runs[0], &runs[1]);
    if args.json {
        let mut text = serde_json::to_string_pretty(&diff_json(&diff)).unwrap_or_default();
        text.push('\n');
        print!("{text}");
    } else {
        print!("{}", diff_text(&diff));
    }
    let changed = diff.by_layer.values().any(|c| !c.is_empty())
        || diff.documents.iter().any(|d| d.only_in.is_some());
    if args.exit_code && changed {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

fn counts_text(c: &ChangeCounts) -> String {
    format!("+{} -{} ~{}", c.appeared, c.disappeared, c.changed)
}

fn item_text(item: &DiffItem) -> String {
    let mut out = format!("[{}, {}) {:?}", item.span.start, item.span.end, item.text);
    if !item.detail.is_empty() {
        let _ = write!(out, " {}", item.detail);
    }
    out
}

fn change_text(change: &Change) -> String {
    let rule_of = |item: &DiffItem| item.rule.clone();
    let body = match (&change.old, &change.new) {
        (Some(old), Some(new)) => {
            let rules = match (rule_of(old), rule_of(new)) {
                (Some(o), Some(n)) if o != n => format!("  ({o} -> {n})"),
                (_, Some(r)) | (Some(r), None) => format!("  ({r})"),
                (None, None) => String::new(),
            };
            format!("{} -> {}{rules}", item_text(old), new.detail)
        }
        (Some(item), None) | (None, Some(item)) => match &item.rule {
            Some(rule) => format!("{}  ({rule})", item_text(item)),
            None => item_text(item),
        },
        (None, None) => String::new(),
    };
    format!("{} {}", change.kind.mark(), body)
}

/// The readable diff: per document its changes by layer, then totals per layer and rule.
fn diff_text(diff: &RunDiff) -> String {
    let mut out = String::new();
    for doc in &diff.documents {
        let note = match doc.only_in {
            Some(run) => format!(" (only in {run})"),
            None => String::new(),
        };
        let _ = writeln!(out, "== {}{note}", doc.id);
        let mut layer = "";
        for change in &doc.changes {
            if change.layer != layer {
                layer = change.layer;
                let mut counts = ChangeCounts::default();
                for c in doc.changes.iter().filter(|c| c.layer == layer) {
                    counts.add(c.kind);
                }
                let _ = writeln!(out, "  {layer}: {}", counts_text(&counts));
            }
            // A document in one run only is summed up, not listed item by item.
            if doc.only_in.is_none() {
                let _ = writeln!(out, "    {}", change_text(change));
            }
        }
    }
    let changed_documents = diff.documents.len();
    let _ = writeln!(
        out,
        "{} documents compared, {changed_documents} with changes",
        diff.compared
    );
    for (layer, counts) in &diff.by_layer {
        let _ = writeln!(out, "  {layer:<14} {}", counts_text(counts));
    }
    if !diff.by_rule.is_empty() {
        let _ = writeln!(out, "by rule:");
        for (rule, counts) in &diff.by_rule {
            let _ = writeln!(out, "  {rule:<40} {}", counts_text(counts));
        }
    }
    out
}

fn item_json(item: &Option<DiffItem>) -> Value {
    match item {
        None => Value::Null,
        Some(i) => json!({
            "start": i.span.start, "end": i.span.end, "text": i.text,
            "detail": i.detail, "rule": i.rule,
        }),
    }
}

fn counts_json(c: &ChangeCounts) -> Value {
    json!({"appeared": c.appeared, "disappeared": c.disappeared, "changed": c.changed})
}

fn diff_json(diff: &RunDiff) -> Value {
    let documents: Vec<Value> = diff
        .documents
        .iter()
        .map(|d| {
            let changes: Vec<Value> = d
                .changes
                .iter()
                .map(|c| {
                    json!({
                        "layer": c.layer,
                        "change": c.kind.as_str(),
                        "rule": c.rule(),
                        "old": item_json(&c.old),
                        "new": item_json(&c.new),
                    })
                })
                .collect();
            json!({"id": d.id, "only_in": d.only_in, "changes": changes})
        })
        .collect();
    let by_layer: serde_json::Map<String, Value> = diff
        .by_layer
        .iter()
        .map(|(k, v)| (k.to_string(), counts_json(v)))
        .collect();
    let by_rule: serde_json::Map<String, Value> = diff
        .by_rule
        .iter()
        .map(|(k, v)| (k.clone(), counts_json(v)))
        .collect();
    json!({
        "compared": diff.compared,
        "documents": documents,
        "by_layer": by_layer,
        "by_rule": by_rule,
    })
}
