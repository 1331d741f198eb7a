//! Quality thresholds (`--min METRIC=VALUE`): what CI holds a change to.
//!
//! A threshold names a figure the way the report does (`attributions.cue.f1`,
//! `entities.strict.PERSON.r`, `attributions.type_acc`) and is compared with that figure
//! rounded to four decimals, the precision the table and the report show, so that what a
//! reader sees and what the gate decides never disagree.

use super::metrics::{COUNTED_METRICS, ENTITIES_STRICT, RATIO_METRICS, ROLES, Scores};

/// A minimum a figure must reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    /// The figure's name.
    pub metric: String,
    /// The least acceptable value.
    pub min: f64,
}

/// How a threshold fared.
#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdOutcome {
    /// The threshold.
    pub threshold: Threshold,
    /// The figure, rounded as reported; `None` when it was not scored (no gold document
    /// has the layer), which fails the threshold.
    pub value: Option<f64>,
    /// Whether the figure reached the minimum.
    pub passed: bool,
}

/// Rounds a figure to the four decimals the table and report show.
pub fn rounded(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Whether a name denotes a figure the scorer can produce: a counted metric (including
/// `attributions.exact.<role>` and `entities.strict.<LABEL>`) with `.p`, `.r` or `.f1`, or
/// a share metric. Labels are checked later, against the labels actually scored.
pub fn is_known_metric(name: &str) -> bool {
    if RATIO_METRICS.contains(&name) {
        return true;
    }
    let Some((base, part)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(part, "p" | "r" | "f1") {
        return false;
    }
    if COUNTED_METRICS.contains(&base) {
        return true;
    }
    if let Some(role) = base.strip_prefix("attributions.exact.") {
        return ROLES.contains(&role);
    }
    base.strip_prefix(ENTITIES_STRICT)
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|label| !label.is_empty() && !label.contains('.'))
}

/// The entity label a per-label metric name refers to, if it is one.
pub fn label_of(name: &str) -> Option<&str> {
    let (base, _) = name.rsplit_once('.')?;
    base.strip_prefix(ENTITIES_STRICT)?.strip_prefix('.')
}

/// Parses `METRIC=VALUE`, refusing unknown metric names and values that are not numbers.
pub fn parse_threshold(spec: &str) -> Result<Threshold, String> {
    let (metric, value) = spec
        .split_once('=')
        .ok_or_else(|| format!("threshold `{spec}` is not METRIC=VALUE"))?;
    let metric = metric.trim();
    if !is_known_metric(metric) {
        return Err(format!(
            "unknown metric `{metric}` (see docs/eval.md; e.g. attributions.cue.f1, entities.strict.PERSON.r, attributions.type_acc)"
        ));
    }
    let min: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("threshold value `{value}` for {metric} is not a number"))?;
    if !min.is_finite() {
        return Err(format!(
            "threshold value `{value}` for {metric} is not finite"
        ));
    }
    Ok(Threshold {
        metric: metric.to_string(),
        min,
    })
}

/// Checks every threshold against the scores.
pub fn check(thresholds: &[Threshold], scores: &Scores) -> Vec<ThresholdOutcome> {
    thresholds
        .iter()
        .map(|t| {
            let value = scores.value_of(&t.metric).map(rounded);
            ThresholdOutcome {
                threshold: t.clone(),
                value,
                passed: value.is_some_and(|v| v >= t.min),
            }
        })
        .collect()
}
