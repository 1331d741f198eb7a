//! `claimtag eval`: score predictions (or claimtag itself) against gold annotations, print
//! a table, write a JSON report and an error list, and hold the figures to thresholds.
//!
//! Also home to the loader of annotation documents that `validate` and `diff` share: a
//! path is a `.json` file (one document or a list), a JSONL file (optionally `.gz`/`.zst`),
//! or a directory walked in sorted order for both; every document keeps where it came from
//! (file and line) so that problems can be pointed at.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use serde_json::{Value, json};

use claimtag::eval::document::{EvalDocument, ItemSpan, dedup_by_id};
use claimtag::eval::metrics::{
    COUNTED_METRICS, LabelFilter, RATIO_METRICS, ScoreOptions, Scores, ScoringError, score,
};
use claimtag::eval::scoring_text::ScoringText;
use claimtag::eval::thresholds::{
    Threshold, ThresholdOutcome, check, label_of, parse_threshold, rounded,
};
use claimtag::io::{Compression, Input, InputKind, kind_of, open_jsonl};
use claimtag::{Annotator, Config, Document};

use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

/// Flags of `claimtag eval`.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold annotations: a .json file (a document or a list), a .jsonl file, or a directory
    /// of them. Documents are paired with predictions by `id`.
    #[arg(long, value_name = "GOLD")]
    gold: PathBuf,
    /// Predicted annotations, in the same forms. Without it, claimtag annotates the gold
    /// documents' `text` itself and scores that.
    #[arg(long, value_name = "PRED")]
    pred: Option<PathBuf>,
    /// Entity labels to score, comma-separated (after --map), or `all` for every label the
    /// gold uses.
    #[arg(long, default_value = "PERSON,ORG,GPE,LOC,NORP", value_name = "LIST")]
    labels: String,
    /// Rename labels on both sides before scoring: `GPE=LOC`, or several comma-separated
    /// (`GPE=LOC,FAC=LOC`). Repeatable.
    #[arg(long = "map", value_name = "FROM=TO")]
    label_map: Vec<String>,
    /// Write the figures as JSON (see schemas/eval-report.schema.json).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Write every false positive and false negative as JSONL: document, layer, span,
    /// text, sentence and the rule of the predicted item.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Fail (exit 1) unless METRIC reaches VALUE, e.g. `attributions.cue.f1=0.9`.
    /// Repeatable; every metric that falls short is named.
    #[arg(long = "min", value_name = "METRIC=VALUE")]
    min: Vec<String>,
    /// A user lexicon for the annotator when it runs itself (no --pred). Repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// Where a document was read from: a file, and its line (JSONL) or list position (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file, as given or found under a directory.
    pub file: String,
    /// 1-based line of a JSONL file.
    pub line: Option<usize>,
    /// Position in a JSON list.
    pub index: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(index) = self.index {
            write!(f, "[{index}]")?;
        }
        Ok(())
    }
}

/// A parsed JSON document and where it came from.
pub struct LoadedValue {
    /// Where it was read.
    pub origin: Origin,
    /// The parsed value.
    pub value: Value,
}

/// What a path held: the documents read, and the problems met (unreadable files,
/// malformed JSON), each naming its place.
#[derive(Default)]
pub struct Loaded {
    /// Documents in reading order.
    pub values: Vec<LoadedValue>,
    /// `place: message` lines.
    pub problems: Vec<String>,
}

/// The files under a path: itself, or the annotation files found in a directory walk.
fn files_under(path: &Path, loaded: &mut Loaded) -> Vec<PathBuf> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            loaded.problems.push(format!("{}: {e}", path.display()));
            return Vec::new();
        }
    };
    if !metadata.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let name = entry.file_name().to_string_lossy();
                if name.ends_with(".json")
                    || matches!(kind_of(entry.path()), Some(InputKind::Jsonl(_)))
                {
                    files.push(entry.path().to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => loaded.problems.push(format!("{}: {e}", path.display())),
        }
    }
    files
}

/// Reads every annotation document under the paths.
pub fn load_values(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    for path in paths {
        for file in files_under(path, &mut loaded) {
            let name = file.display().to_string();
            match kind_of(&file) {
                Some(InputKind::Jsonl(compression)) => {
                    load_jsonl(&file, compression, &name, &mut loaded)
                }
                _ => load_json(&file, &name, &mut loaded),
            }
        }
    }
    loaded
}

fn load_json(file: &Path, name: &str, loaded: &mut Loaded) {
    let origin = |index| Origin {
        file: name.to_string(),
        line: None,
        index,
    };
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            loaded.problems.push(format!("{name}: {e}"));
            return;
        }
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Array(items)) => {
            for (i, value) in items.into_iter().enumerate() {
                loaded.values.push(LoadedValue {
                    origin: origin(Some(i)),
                    value,
                });
            }
        }
        Ok(value) => loaded.values.push(LoadedValue {
            origin: origin(None),
            value,
        }),
        Err(e) => loaded.problems.push(format!("{name}: invalid JSON: {e}")),
    }
}

fn load_jsonl(file: &Path, compression: Compression, name: &str, loaded: &mut Loaded) {
    let input = Input {
        path: Some(file.to_path_buf()),
        relative: PathBuf::from(name),
        kind: InputKind::Jsonl(compression),
    };
    let reader = match open_jsonl(&input) {
        Ok(r) => r,
        Err(e) => {
            loaded.problems.push(format!("{name}: {e}"));
            return;
        }
    };
    for (i, line) in reader.split(b'\n').enumerate() {
        let origin = Origin {
            file: name.to_string(),
            line: Some(i + 1),
            index: None,
        };
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                loaded.problems.push(format!("{origin}: {e}"));
                return;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Value>(&line) {
            Ok(value) => loaded.values.push(LoadedValue { origin, value }),
            Err(e) => loaded.problems.push(format!("{origin}: invalid JSON: {e}")),
        }
    }
}

/// Reads annotation documents for scoring or diffing; problems are `place: message` lines.
pub fn load_documents(path: &Path) -> (Vec<EvalDocument>, Vec<String>) {
    let loaded = load_values(&[path.to_path_buf()]);
    let mut problems = loaded.problems;
    let mut documents = Vec::with_capacity(loaded.values.len());
    for LoadedValue { origin, value } in loaded.values {
        match EvalDocument::from_json(&value) {
            Ok(doc) => documents.push(doc),
            Err(e) => problems.push(format!("{origin}: {e}")),
        }
    }
    (dedup_by_id(documents), problems)
}

struct Settings {
    options: ScoreOptions,
    thresholds: Vec<Threshold>,
}

/// Parses `A=B,C=D` specs (each flag may hold several pairs).
fn parse_label_map(specs: &[String]) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for spec in specs {
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (from, to) = pair
                .split_once('=')
                .ok_or_else(|| format!("label mapping `{pair}` is not FROM=TO"))?;
            map.insert(from.trim().to_string(), to.trim().to_string());
        }
    }
    Ok(map)
}

fn settings(args: &EvalArgs) -> Result<Settings, String> {
    let label_map = parse_label_map(&args.label_map)?;
    let labels = if args.labels.trim() == "all" {
        LabelFilter::AllInGold
    } else {
        let labels: BTreeSet<String> = args
            .labels
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        LabelFilter::Only(labels)
    };
    let thresholds = args
        .min
        .iter()
        .map(|spec| parse_threshold(spec))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Settings {
        options: ScoreOptions {
            labels,
            label_map,
            collect_errors: args.errors.is_some(),
        },
        thresholds,
    })
}

/// Annotates the gold documents' texts with claimtag itself.
fn annotate_gold(gold: &[EvalDocument], lexicons: &[PathBuf]) -> Result<Vec<EvalDocument>, String> {
    let user_lexicons = super::user_lexicons::read_user_lexicons(lexicons)?;
    let annotator = Annotator::new(Config {
        user_lexicons,
        ..Config::default()
    })
    .map_err(|e| e.to_string())?;
    let without_text: Vec<String> = gold
        .iter()
        .filter(|g| g.text.is_none())
        .map(|g| g.id.clone())
        .collect();
    if !without_text.is_empty() {
        eprintln!(
            "claimtag eval: {} gold documents have no text to annotate: {}",
            without_text.len(),
            preview(&without_text)
        );
    }
    gold.par_iter()
        .filter_map(|g| g.text.as_ref().map(|text| (g, text)))
        .map(|(g, text)| {
            let annotation = annotator.annotate(&Document::new(g.id.clone(), text.clone()));
            let value = serde_json::to_value(&annotation)
                .map_err(|e| format!("{}: cannot serialise the annotation: {e}", g.id))?;
            EvalDocument::from_json(&value).map_err(|e| format!("{}: {e}", g.id))
        })
        .collect()
}

/// Runs `eval` and returns the exit status.
pub fn run(args: EvalArgs) -> u8 {
    let settings = match settings(&args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("claimtag eval: {message}");
            return EXIT_USAGE;
        }
    };
    let (gold, problems) = load_documents(&args.gold);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("claimtag eval: {p}");
        }
        eprintln!(
            "claimtag eval: the gold set is invalid ({} problems)",
            problems.len()
        );
        return EXIT_SOME_FAILED;
    }
    if gold.is_empty() {
        eprintln!(
            "claimtag eval: no gold documents in {}",
            args.gold.display()
        );
        return EXIT_SOME_FAILED;
    }
    let pred = match &args.pred {
        Some(path) => {
            let (pred, problems) = load_documents(path);
            if !problems.is_empty() {
                for p in &problems {
                    eprintln!("claimtag eval: {p}");
                }
                eprintln!(
                    "claimtag eval: the predictions are invalid ({} problems)",
                    problems.len()
                );
                return EXIT_SOME_FAILED;
            }
            pred
        }
        None => match annotate_gold(&gold, &args.lexicon) {
            Ok(pred) => pred,
            Err(message) => {
                eprintln!("claimtag eval: {message}");
                return EXIT_USAGE;
            }
        },
    };
    let scores = score(&gold, &pred, &settings.options);

    // A per-label threshold must name a label that was scored.
    for t in &settings.thresholds {
        if let Some(label) = label_of(&t.metric)
            && !scores.labels.contains(label)
        {
            eprintln!(
                "claimtag eval: unknown metric `{}`: label {label} is not scored (scored: {})",
                t.metric,
                scores.labels.iter().cloned().collect::<Vec<_>>().join(", ")
            );
            return EXIT_USAGE;
        }
    }
    let outcomes = check(&settings.thresholds, &scores);

    if !scores.missing_in_pred.is_empty() {
        eprintln!(
            "claimtag eval: {} gold documents have no prediction (scored as empty): {}",
            scores.missing_in_pred.len(),
            preview(&scores.missing_in_pred)
        );
    }
    print!("{}", table(&scores, &outcomes));

    let gold_path = args.gold.display().to_string();
    let pred_path = args.pred.as_ref().map(|p| p.display().to_string());
    if let Some(path) = &args.report {
        let report = report_json(
            &scores,
            &outcomes,
            &gold_path,
            pred_path.as_deref(),
            &settings.options,
        );
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        if let Err(e) = fs::write(path, text) {
            eprintln!("claimtag eval: cannot write {}: {e}", path.display());
            return EXIT_SOME_FAILED;
        }
    }
    if let Some(path) = &args.errors
        && let Err(e) = write_errors(path, &scores.errors, &gold, &pred)
    {
        eprintln!("claimtag eval: cannot write {}: {e}", path.display());
        return EXIT_SOME_FAILED;
    }
    let failed: Vec<&ThresholdOutcome> = outcomes.iter().filter(|o| !o.passed).collect();
    for o in &failed {
        match o.value {
            Some(v) => eprintln!(
                "claimtag eval: FAILED {} = {v:.4}, below the minimum {}",
                o.threshold.metric, o.threshold.min
            ),
            None => eprintln!(
                "claimtag eval: FAILED {}: not scored (no gold document has that layer)",
                o.threshold.metric
            ),
        }
    }
    if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

fn preview(ids: &[String]) -> String {
    let mut shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    if ids.len() > 5 {
        shown.push("...");
    }
    shown.join(", ")
}

/// The figures in the order the table shows them: each layer's headline first.
fn ordered_metric_names(scores: &Scores) -> Vec<&str> {
    let mut wanted: Vec<String> = Vec::new();
    for name in COUNTED_METRICS {
        wanted.push(name.to_string());
        if name == "entities.untyped" {
            wanted.extend(scores.labels.iter().map(|l| format!("entities.strict.{l}")));
        }
        if name == "attributions.full" {
            wanted.extend(
                claimtag::eval::metrics::ROLES
                    .iter()
                    .map(|r| format!("attributions.exact.{r}")),
            );
        }
    }
    wanted.extend(scores.counts.keys().cloned());
    let mut names: Vec<&str> = Vec::new();
    for name in &wanted {
        if let Some((key, _)) = scores.counts.get_key_value(name.as_str())
            && !names.contains(&key.as_str())
        {
            names.push(key.as_str());
        }
    }
    names
}

/// The readable table: P, R, F1 and counts per metric, then the shares, then thresholds.
fn table(scores: &Scores, outcomes: &[ThresholdOutcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} gold documents, {} missing in predictions",
        scores.gold_documents,
        scores.missing_in_pred.len()
    );
    let _ = writeln!(
        out,
        "{:<42} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "metric", "P", "R", "F1", "tp", "fp", "fn"
    );
    for name in ordered_metric_names(scores) {
        let c = &scores.counts[name];
        let _ = writeln!(
            out,
            "{:<42} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>7} {:>7}",
            name,
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    for name in RATIO_METRICS {
        if let Some(ratio) = scores.ratios.get(name)
            && let Some(value) = ratio.value()
        {
            let _ = writeln!(
                out,
                "{name:<42} {value:>6.3}  (over {} matched pairs)",
                ratio.n
            );
        }
    }
    if !outcomes.is_empty() {
        let _ = writeln!(out, "thresholds:");
        for o in outcomes {
            let value = o
                .value
                .map_or("not scored".to_string(), |v| format!("{v:.4}"));
            let _ = writeln!(
                out,
                "  {} {} = {} (min {})",
                if o.passed { "ok  " } else { "FAIL" },
                o.threshold.metric,
                value,
                o.threshold.min
            );
        }
    }
    out
}

fn report_json(
    scores: &Scores,
    outcomes: &[ThresholdOutcome],
    gold: &str,
    pred: Option<&str>,
    options: &ScoreOptions,
) -> Value {
    let mut metrics = serde_json::Map::new();
    for name in ordered_metric_names(scores) {
        let c = &scores.counts[name];
        metrics.insert(
            name.to_string(),
            json!({
                "p": rounded(c.precision()), "r": rounded(c.recall()), "f1": rounded(c.f1()),
                "tp": c.tp, "fp": c.fp, "fn": c.fn_,
            }),
        );
    }
    let mut ratios = serde_json::Map::new();
    for name in RATIO_METRICS {
        if let Some(r) = scores.ratios.get(name)
            && let Some(value) = r.value()
        {
            ratios.insert(name.to_string(), json!({"value": rounded(value), "n": r.n}));
        }
    }
    let thresholds: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            json!({
                "metric": o.threshold.metric,
                "min": o.threshold.min,
                "value": o.value,
                "passed": o.passed,
            })
        })
        .collect();
    json!({
        "claimtag_version": env!("CARGO_PKG_VERSION"),
        "gold": gold,
        "pred": pred,
        "labels": scores.labels,
        "label_map": options.label_map,
        "documents": {
            "gold": scores.gold_documents,
            "missing_in_pred": scores.missing_in_pred.len(),
            "missing_ids": scores.missing_in_pred,
        },
        "metrics": metrics,
        "ratios": ratios,
        "thresholds": thresholds,
        "passed": outcomes.iter().all(|o| o.passed),
    })
}

/// A document's text and the sentences errors are shown in (gold's, else predicted).
struct ErrorContext {
    text: ScoringText,
    sentences: Vec<ItemSpan>,
}

impl ErrorContext {
    /// The sentence holding an offset; without sentences, the line holding it, bounded.
    fn sentence_at(&self, offset: i64) -> ItemSpan {
        let at = self.sentences.partition_point(|s| s.start <= offset);
        if at > 0 && self.sentences[at - 1].end > offset {
            return self.sentences[at - 1];
        }
        const REACH: i64 = 200;
        let mut start = offset.clamp(0, self.text.len());
        while start > 0 && offset - start < REACH && self.text.char_at(start - 1) != Some('\n') {
            start -= 1;
        }
        let mut end = offset.clamp(0, self.text.len());
        while end < self.text.len() && end - offset < REACH && self.text.char_at(end) != Some('\n')
        {
            end += 1;
        }
        ItemSpan::new(start, end)
    }
}

fn write_errors(
    path: &Path,
    errors: &[ScoringError],
    gold: &[EvalDocument],
    pred: &[EvalDocument],
) -> std::io::Result<()> {
    let gold_by_id: HashMap<&str, &EvalDocument> =
        gold.iter().map(|d| (d.id.as_str(), d)).collect();
    let pred_by_id: HashMap<&str, &EvalDocument> =
        pred.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut contexts: HashMap<&str, ErrorContext> = HashMap::new();
    let mut out = std::io::BufWriter::new(fs::File::create(path)?);
    for error in errors {
        let context = contexts.entry(error.document.as_str()).or_insert_with(|| {
            let g = gold_by_id.get(error.document.as_str()).copied();
            let p = pred_by_id.get(error.document.as_str()).copied();
            let text = g
                .and_then(|g| g.text.as_deref().filter(|t| !t.is_empty()))
                .or_else(|| p.and_then(|p| p.text.as_deref()))
                .unwrap_or("");
            let mut sentences = g
                .and_then(|g| g.sentences.clone())
                .or_else(|| p.and_then(|p| p.sentences.clone()))
                .unwrap_or_default();
            sentences.sort();
            ErrorContext {
                text: ScoringText::new(text),
                sentences,
            }
        });
        let sentence = context.sentence_at(error.span.start);
        let layer = error.metric.split('.').next().unwrap_or(error.metric);
        let record = json!({
            "document": error.document,
            "layer": layer,
            "metric": error.metric,
            "error": error.side.as_str(),
            "start": error.span.start,
            "end": error.span.end,
            "text": context.text.slice(error.span),
            "label": error.label,
            "rule": error.rule,
            "sentence": {
                "start": sentence.start,
                "end": sentence.end,
                "text": context.text.slice(sentence),
            },
            "note": error.note,
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
