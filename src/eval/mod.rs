//! Quality gates: the metrics behind `claimtag eval`, the change lists behind `claimtag
//! diff`, and the contract checks behind `claimtag validate`.
//!
//! Teams run claimtag in CI and need to see what a change to a rule or a lexicon did to
//! quality before it merges. Everything here is pure (parsed JSON in, figures out, no I/O),
//! so the command line, tests and other front ends share one definition of every figure.
//! The metrics reproduce `score.py`, the project's independent scorer, exactly; the
//! definitions in words are in `docs/eval.md`.

pub mod contract;
pub mod diff;
pub mod document;
pub mod metrics;
pub mod scoring_text;
pub mod thresholds;
pub mod validate;

pub use document::{EvalDocument, ItemSpan};
pub use metrics::{Counts, LabelFilter, Ratio, ScoreOptions, Scores, score};
