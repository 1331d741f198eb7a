//! The metrics: gold and predicted documents in, counts per metric out.
//!
//! Every definition is a port of `score.py` (the independent scorer the project is
//! measured with), line for line where order matters: greedy one-to-one matching takes gold
//! items in order and gives each the first unused prediction that fits; attribution cues
//! are matched best content agreement first. `docs/eval.md` states each definition in words.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use super::document::{AttributionItem, EntityItem, EvalDocument, HedgeItem, ItemSpan};
use super::scoring_text::ScoringText;

/// Sentence boundaries: sentence ends, trailing space trimmed, the document end excluded.
pub const SENTENCES_BOUNDARY: &str = "sentences.boundary";
/// Entities with exact span and label.
pub const ENTITIES_STRICT: &str = "entities.strict";
/// Entities overlapping with the same label.
pub const ENTITIES_LENIENT: &str = "entities.lenient";
/// Entities with exact span, any label.
pub const ENTITIES_UNTYPED: &str = "entities.untyped";
/// Attributions found by their cue.
pub const ATTRIBUTIONS_CUE: &str = "attributions.cue";
/// Attributions whose cue, source and content all agree.
pub const ATTRIBUTIONS_FULL: &str = "attributions.full";
/// Hedge cues found by overlap.
pub const HEDGES_CUE: &str = "hedges.cue";
/// Sentences holding a hedge.
pub const HEDGES_SENTENCE: &str = "hedges.sentence";
/// Mean content token F1 over attribution pairs matched by cue.
pub const CONTENT_TOKEN_F1: &str = "attributions.content_token_f1_on_matched";
/// Share of matched attribution pairs whose sources agree.
pub const SOURCE_ACCURACY: &str = "attributions.source_acc_on_matched";
/// Share of matched pairs with both source kinds given whose kinds are equal.
pub const SOURCE_KIND_ACCURACY: &str = "attributions.source_kind_acc";
/// Share of matched pairs with both types given whose types are equal.
pub const TYPE_ACCURACY: &str = "attributions.type_acc";

/// The attribution roles scored exactly (`attributions.exact.<role>`).
pub const ROLES: [&str; 3] = ["cue", "source", "content"];

/// Metrics counted as precision / recall / F1, other than the per-label and per-role ones.
pub const COUNTED_METRICS: [&str; 8] = [
    SENTENCES_BOUNDARY,
    ENTITIES_STRICT,
    ENTITIES_LENIENT,
    ENTITIES_UNTYPED,
    ATTRIBUTIONS_CUE,
    ATTRIBUTIONS_FULL,
    HEDGES_CUE,
    HEDGES_SENTENCE,
];

/// Metrics that are a single share rather than precision and recall.
pub const RATIO_METRICS: [&str; 4] = [
    CONTENT_TOKEN_F1,
    SOURCE_ACCURACY,
    SOURCE_KIND_ACCURACY,
    TYPE_ACCURACY,
];

/// Which entity labels are scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelFilter {
    /// These labels (after mapping).
    Only(BTreeSet<String>),
    /// Every label found in the gold documents (after mapping).
    AllInGold,
}

impl LabelFilter {
    /// `score.py`'s default: the name layers (`PERSON,ORG,GPE,LOC,NORP`).
    pub fn names() -> LabelFilter {
        LabelFilter::Only(
            ["PERSON", "ORG", "GPE", "LOC", "NORP"]
                .into_iter()
                .map(str::to_string)
                .collect(),
        )
    }
}

/// How to score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Entity labels scored.
    pub labels: LabelFilter,
    /// Label renaming applied to gold and predictions alike (`GPE` -> `LOC`).
    pub label_map: BTreeMap<String, String>,
    /// Whether to list every false positive and false negative.
    pub collect_errors: bool,
}

impl Default for ScoreOptions {
    fn default() -> ScoreOptions {
        ScoreOptions {
            labels: LabelFilter::names(),
            label_map: BTreeMap::new(),
            collect_errors: false,
        }
    }
}

/// True positives, false positives and false negatives of one metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched, non-optional gold items.
    pub tp: usize,
    /// Predictions left unmatched.
    pub fp: usize,
    /// Non-optional gold items left unmatched.
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// A share: `sum / n` (hits over trials, or the sum of per-pair scores).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ratio {
    /// Hits, or the sum of the scores averaged.
    pub sum: f64,
    /// Trials.
    pub n: usize,
}

impl Ratio {
    fn add(&mut self, value: f64) {
        self.sum += value;
        self.n += 1;
    }

    /// The share; `None` when there were no trials (the metric is then not reported).
    pub fn value(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// Which way an item is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorSide {
    /// Predicted, not in the gold.
    FalsePositive,
    /// In the gold, not predicted.
    FalseNegative,
}

impl ErrorSide {
    /// The name written in error files.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorSide::FalsePositive => "false_positive",
            ErrorSide::FalseNegative => "false_negative",
        }
    }
}

/// One false positive or false negative, with what a rule author needs to find it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringError {
    /// Document id.
    pub document: String,
    /// The metric it counted against (`entities.strict`, `attributions.cue`, ...).
    pub metric: &'static str,
    /// False positive or false negative.
    pub side: ErrorSide,
    /// The item's span (for an attribution, its cue; for a boundary, the sentence ending there).
    pub span: ItemSpan,
    /// Label, attribution type or hedge kind, when the item has one.
    pub label: Option<String>,
    /// The rule of the predicted item: of the false positive itself, or for a false
    /// negative the prediction that came closest (overlapping it), if any.
    pub rule: Option<String>,
    /// What else is known: the near miss, the role that disagreed.
    pub note: Option<String>,
}

/// Counts per metric over a set of documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Precision/recall metrics by name, only those scored (a layer no gold document has is
    /// absent).
    pub counts: BTreeMap<String, Counts>,
    /// Share metrics by name (see [`RATIO_METRICS`]).
    pub ratios: BTreeMap<&'static str, Ratio>,
    /// The entity labels scored, after mapping.
    pub labels: BTreeSet<String>,
    /// Gold documents scored.
    pub gold_documents: usize,
    /// Ids of gold documents without a prediction (scored as if nothing were predicted).
    pub missing_in_pred: Vec<String>,
    /// False positives and negatives, when asked for, in gold document order.
    pub errors: Vec<ScoringError>,
}

impl Scores {
    fn counts(&mut self, name: &str) -> &mut Counts {
        if !self.counts.contains_key(name) {
            self.counts.insert(name.to_string(), Counts::default());
        }
        self.counts.get_mut(name).expect("inserted above")
    }

    fn ratio(&mut self, name: &'static str) -> &mut Ratio {
        self.ratios.entry(name).or_default()
    }

    /// Every metric that can be named in a threshold for these scores: `<counted>.p|r|f1`
    /// and the share metrics.
    pub fn metric_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for name in self.counts.keys() {
            for part in ["p", "r", "f1"] {
                names.push(format!("{name}.{part}"));
            }
        }
        names.extend(
            self.ratios
                .iter()
                .filter(|(_, r)| r.n > 0)
                .map(|(n, _)| n.to_string()),
        );
        names
    }

    /// The value of a threshold metric name, `None` when it was not scored.
    pub fn value_of(&self, metric: &str) -> Option<f64> {
        if let Some(ratio) = self.ratios.get(metric) {
            return ratio.value();
        }
        let (name, part) = metric.rsplit_once('.')?;
        let counts = self.counts.get(name)?;
        match part {
            "p" => Some(counts.precision()),
            "r" => Some(counts.recall()),
            "f1" => Some(counts.f1()),
            _ => None,
        }
    }
}

/// Greedy one-to-one matching: each gold item in order takes the first unused prediction
/// that fits. Returns (gold index, prediction index) pairs.
fn greedy_pairs<G, P>(
    gold: &[G],
    pred: &[P],
    fits: impl Fn(&G, &P) -> bool,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && fits(g, &pred[pi])) {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// The same matching when "fits" is equality of a key: the first unused prediction with the
/// gold item's key is the front of that key's queue, so no scan is needed.
fn greedy_pairs_by_key<G, P, K: std::hash::Hash + Eq>(
    gold: &[G],
    pred: &[P],
    gold_key: impl Fn(&G) -> K,
    pred_key: impl Fn(&P) -> K,
) -> Vec<(usize, usize)> {
    let mut queues: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (pi, p) in pred.iter().enumerate() {
        queues.entry(pred_key(p)).or_default().push_back(pi);
    }
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = queues.get_mut(&gold_key(g)).and_then(VecDeque::pop_front) {
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// Which gold and predicted items a matching left unmatched, and the counts it gives.
struct Matching {
    counts: (usize, usize, usize),
    unmatched_gold: Vec<usize>,
    unmatched_pred: Vec<usize>,
}

fn counts_of(pairs: &[(usize, usize)], gold_optional: &[bool], pred_len: usize) -> Matching {
    let mut gold_matched = vec![false; gold_optional.len()];
    let mut pred_matched = vec![false; pred_len];
    let mut tp = 0;
    for &(gi, pi) in pairs {
        gold_matched[gi] = true;
        pred_matched[pi] = true;
        if !gold_optional[gi] {
            tp += 1;
        }
    }
    let unmatched_gold: Vec<usize> = (0..gold_optional.len())
        .filter(|&gi| !gold_matched[gi] && !gold_optional[gi])
        .collect();
    let unmatched_pred: Vec<usize> = (0..pred_len).filter(|&pi| !pred_matched[pi]).collect();
    Matching {
        counts: (tp, unmatched_pred.len(), unmatched_gold.len()),
        unmatched_gold,
        unmatched_pred,
    }
}

/// An entity after label mapping, kept only when its label is scored.
struct ScoredEntity<'a> {
    span: ItemSpan,
    optional: bool,
    label: &'a str,
    rule: Option<&'a str>,
}

fn scored_entity<'a>(
    e: &'a EntityItem,
    optional: bool,
    map: &'a BTreeMap<String, String>,
    labels: &BTreeSet<String>,
) -> Option<ScoredEntity<'a>> {
    let label = mapped(&e.label, map);
    labels.contains(label).then_some(ScoredEntity {
        span: e.span,
        optional,
        label,
        rule: e.rule.as_deref(),
    })
}

fn mapped<'a>(label: &'a str, map: &'a BTreeMap<String, String>) -> &'a str {
    map.get(label).map_or(label, String::as_str)
}

/// Scores predictions against gold documents, paired by id. Gold documents are taken in
/// order; a gold id missing from the predictions is scored against an empty document.
pub fn score(gold: &[EvalDocument], pred: &[EvalDocument], options: &ScoreOptions) -> Scores {
    let by_id: HashMap<&str, &EvalDocument> = pred.iter().map(|d| (d.id.as_str(), d)).collect();
    let labels: BTreeSet<String> = match &options.labels {
        LabelFilter::Only(labels) => labels
            .iter()
            .map(|l| mapped(l, &options.label_map).to_string())
            .collect(),
        LabelFilter::AllInGold => gold
            .iter()
            .flat_map(|d| d.entities.iter().flatten())
            .map(|e| mapped(&e.label, &options.label_map).to_string())
            .filter(|l| !l.is_empty())
            .collect(),
    };
    let mut scores = Scores {
        labels,
        gold_documents: gold.len(),
        ..Scores::default()
    };
    let empty = EvalDocument::default();
    for g in gold {
        let p = match by_id.get(g.id.as_str()) {
            Some(p) => *p,
            None => {
                scores.missing_in_pred.push(g.id.clone());
                &empty
            }
        };
        let text = g
            .text
            .as_deref()
            .filter(|t| !t.is_empty())
            .or(p.text.as_deref())
            .unwrap_or("");
        let doc = DocumentScorer {
            id: &g.id,
            text: ScoringText::new(text),
            gold: g,
            pred: p,
            options,
        };
        doc.score_into(&mut scores);
    }
    scores
}

struct DocumentScorer<'a> {
    id: &'a str,
    text: ScoringText,
    gold: &'a EvalDocument,
    pred: &'a EvalDocument,
    options: &'a ScoreOptions,
}

impl DocumentScorer<'_> {
    fn score_into(&self, scores: &mut Scores) {
        if let Some(gold) = &self.gold.sentences {
            self.sentences(gold, scores);
        }
        if let Some(gold) = &self.gold.entities {
            self.entities(gold, scores);
        }
        if let Some(gold) = &self.gold.attributions {
            self.attributions(gold, scores);
        }
        if let Some(gold) = &self.gold.hedges {
            self.hedges(gold, scores);
        }
    }

    fn error(
        &self,
        metric: &'static str,
        side: ErrorSide,
        span: ItemSpan,
        label: Option<&str>,
        rule: Option<&str>,
        note: Option<String>,
    ) -> ScoringError {
        ScoringError {
            document: self.id.to_string(),
            metric,
            side,
            span,
            label: label.map(str::to_string),
            rule: rule.map(str::to_string),
            note,
        }
    }

    fn sentences(&self, gold: &[ItemSpan], scores: &mut Scores) {
        let end_of_doc = self.text.trim_end(0, self.text.len());
        let boundaries = |spans: &[ItemSpan]| -> BTreeMap<i64, ItemSpan> {
            let mut ends = BTreeMap::new();
            for s in spans {
                let end = self.text.trim_end(s.start, s.end);
                if end != end_of_doc {
                    ends.entry(end).or_insert(*s);
                }
            }
            ends
        };
        let gold_ends = boundaries(gold);
        let pred_ends = boundaries(self.pred.sentences.as_deref().unwrap_or(&[]));
        let tp = gold_ends
            .keys()
            .filter(|e| pred_ends.contains_key(e))
            .count();
        let fp = pred_ends.len() - tp;
        let fn_ = gold_ends.len() - tp;
        scores.counts(SENTENCES_BOUNDARY).add(tp, fp, fn_);
        if self.options.collect_errors {
            for (end, span) in &pred_ends {
                if !gold_ends.contains_key(end) {
                    let e = self.error(
                        SENTENCES_BOUNDARY,
                        ErrorSide::FalsePositive,
                        *span,
                        None,
                        None,
                        Some(format!("predicted a sentence end at {end}")),
                    );
                    scores.errors.push(e);
                }
            }
            for (end, span) in &gold_ends {
                if !pred_ends.contains_key(end) {
                    let e = self.error(
                        SENTENCES_BOUNDARY,
                        ErrorSide::FalseNegative,
                        *span,
                        None,
                        None,
                        Some(format!("missed the sentence end at {end}")),
                    );
                    scores.errors.push(e);
                }
            }
        }
    }

    fn entities(&self, gold: &[EntityItem], scores: &mut Scores) {
        let map = &self.options.label_map;
        let labels = &scores.labels;
        let ge: Vec<ScoredEntity> = gold
            .iter()
            .filter_map(|e| scored_entity(e, e.optional, map, labels))
            .collect();
        let pe: Vec<ScoredEntity> = self
            .pred
            .entities
            .iter()
            .flatten()
            .filter_map(|e| scored_entity(e, false, map, labels))
            .collect();
        let gold_optional: Vec<bool> = ge.iter().map(|e| e.optional).collect();

        let strict = greedy_pairs_by_key(&ge, &pe, |g| (g.span, g.label), |p| (p.span, p.label));
        let strict = counts_of(&strict, &gold_optional, pe.len());
        let lenient = greedy_pairs(&ge, &pe, |g, p| {
            g.span.overlaps(p.span) && g.label == p.label
        });
        let lenient = counts_of(&lenient, &gold_optional, pe.len());
        let untyped = greedy_pairs_by_key(&ge, &pe, |g| g.span, |p| p.span);
        let untyped = counts_of(&untyped, &gold_optional, pe.len());
        for (name, matching) in [
            (ENTITIES_STRICT, &strict),
            (ENTITIES_LENIENT, &lenient),
            (ENTITIES_UNTYPED, &untyped),
        ] {
            let (tp, fp, fn_) = matching.counts;
            scores.counts(name).add(tp, fp, fn_);
        }
        let labels: Vec<String> = scores.labels.iter().cloned().collect();
        for label in &labels {
            let gl: Vec<&ScoredEntity> = ge.iter().filter(|e| e.label == label).collect();
            let pl: Vec<&ScoredEntity> = pe.iter().filter(|e| e.label == label).collect();
            let pairs = greedy_pairs_by_key(&gl, &pl, |g| g.span, |p| p.span);
            let optional: Vec<bool> = gl.iter().map(|e| e.optional).collect();
            let (tp, fp, fn_) = counts_of(&pairs, &optional, pl.len()).counts;
            scores
                .counts(&format!("{ENTITIES_STRICT}.{label}"))
                .add(tp, fp, fn_);
        }
        if self.options.collect_errors {
            for &pi in &strict.unmatched_pred {
                let p = &pe[pi];
                let near = ge.iter().find(|g| g.span.overlaps(p.span));
                let note = near.map(|g| {
                    format!(
                        "gold has {} [{}, {}) {:?}",
                        g.label,
                        g.span.start,
                        g.span.end,
                        self.text.slice(g.span)
                    )
                });
                let e = self.error(
                    ENTITIES_STRICT,
                    ErrorSide::FalsePositive,
                    p.span,
                    Some(p.label),
                    p.rule,
                    note,
                );
                scores.errors.push(e);
            }
            for &gi in &strict.unmatched_gold {
                let g = &ge[gi];
                let near = pe.iter().find(|p| p.span.overlaps(g.span));
                let note = near.map(|p| {
                    format!(
                        "predicted {} [{}, {}) {:?}",
                        p.label,
                        p.span.start,
                        p.span.end,
                        self.text.slice(p.span)
                    )
                });
                let e = self.error(
                    ENTITIES_STRICT,
                    ErrorSide::FalseNegative,
                    g.span,
                    Some(g.label),
                    near.and_then(|p| p.rule),
                    note,
                );
                scores.errors.push(e);
            }
        }
    }

    /// Whether a predicted attribution finds a gold one: the cues overlap, or the contents
    /// overlap and the cues start at most 40 code points apart.
    fn cue_fits(gold: &AttributionItem, pred: &AttributionItem) -> bool {
        let cues_overlap = matches!((gold.cue, pred.cue), (Some(g), Some(p)) if g.overlaps(p));
        if cues_overlap {
            return true;
        }
        let contents_overlap =
            matches!((gold.content, pred.content), (Some(g), Some(p)) if g.overlaps(p));
        let cues_near =
            matches!((gold.cue, pred.cue), (Some(g), Some(p)) if (g.start - p.start).abs() <= 40);
        contents_overlap && cues_near
    }

    fn attributions(&self, ga: &[AttributionItem], scores: &mut Scores) {
        let pa: &[AttributionItem] = self.pred.attributions.as_deref().unwrap_or(&[]);
        // Best pairs first: where several attributions share a cue (a quotation continued
        // over sentences), the pair whose contents agree most is matched.
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (gi, g) in ga.iter().enumerate() {
            for (pi, p) in pa.iter().enumerate() {
                if Self::cue_fits(g, p) {
                    candidates.push((self.text.token_f1(g.content, p.content), gi, pi));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gold_used = vec![false; ga.len()];
        let mut pred_used = vec![false; pa.len()];
        let mut pairs = Vec::new();
        for &(content_f1, gi, pi) in &candidates {
            if !gold_used[gi] && !pred_used[pi] {
                gold_used[gi] = true;
                pred_used[pi] = true;
                pairs.push((gi, pi, content_f1));
            }
        }
        let gold_optional: Vec<bool> = ga.iter().map(|a| a.optional).collect();
        let plain_pairs: Vec<(usize, usize)> = pairs.iter().map(|&(g, p, _)| (g, p)).collect();
        let cue = counts_of(&plain_pairs, &gold_optional, pa.len());
        let (tp, fp, fn_) = cue.counts;
        scores.counts(ATTRIBUTIONS_CUE).add(tp, fp, fn_);

        let mut full_tp = 0;
        let mut wrong_roles = Vec::new();
        for &(gi, pi, content_f1) in &pairs {
            let (g, p) = (&ga[gi], &pa[pi]);
            if g.optional {
                continue;
            }
            let source_ok = match (g.source, p.source) {
                (None, None) => true,
                (Some(gs), Some(ps)) => gs.overlaps(ps),
                _ => false,
            };
            scores
                .ratio(SOURCE_ACCURACY)
                .add(if source_ok { 1.0 } else { 0.0 });
            scores.ratio(CONTENT_TOKEN_F1).add(content_f1);
            if let (Some(gk), Some(pk)) = (&g.source_kind, &p.source_kind) {
                scores
                    .ratio(SOURCE_KIND_ACCURACY)
                    .add(if gk == pk { 1.0 } else { 0.0 });
            }
            if let (Some(gt), Some(pt)) = (&g.kind, &p.kind) {
                scores
                    .ratio(TYPE_ACCURACY)
                    .add(if gt == pt { 1.0 } else { 0.0 });
            }
            if source_ok && content_f1 >= 0.5 {
                full_tp += 1;
            } else {
                wrong_roles.push((gi, pi, source_ok, content_f1));
            }
        }
        // Role spans scored on their own, exact up to surrounding punctuation and space.
        for role in ROLES {
            let role_of = |a: &AttributionItem| match role {
                "cue" => a.cue,
                "source" => a.source,
                _ => a.content,
            };
            let stripped =
                |items: &mut dyn Iterator<Item = &AttributionItem>| -> HashSet<ItemSpan> {
                    items
                        .filter_map(|a| role_of(a).map(|s| self.text.strip_punctuation(s)))
                        .collect()
                };
            let gold_set = stripped(&mut ga.iter().filter(|a| !a.optional));
            let optional_set = stripped(&mut ga.iter().filter(|a| a.optional));
            let mut pred_set = stripped(&mut pa.iter());
            pred_set.retain(|s| !optional_set.contains(s) || gold_set.contains(s));
            let tp = gold_set.intersection(&pred_set).count();
            scores.counts(&format!("attributions.exact.{role}")).add(
                tp,
                pred_set.len() - tp,
                gold_set.len() - tp,
            );
        }
        let n_gold = ga.iter().filter(|a| !a.optional).count();
        let n_pred = pa.len() - pairs.iter().filter(|&&(gi, _, _)| ga[gi].optional).count();
        scores
            .counts(ATTRIBUTIONS_FULL)
            .add(full_tp, n_pred - full_tp, n_gold - full_tp);

        if self.options.collect_errors {
            for &pi in &cue.unmatched_pred {
                let p = &pa[pi];
                let e = self.attribution_error(
                    ATTRIBUTIONS_CUE,
                    ErrorSide::FalsePositive,
                    p,
                    None,
                    None,
                );
                scores.errors.extend(e);
            }
            for &gi in &cue.unmatched_gold {
                let g = &ga[gi];
                let e = self.attribution_error(
                    ATTRIBUTIONS_CUE,
                    ErrorSide::FalseNegative,
                    g,
                    None,
                    None,
                );
                scores.errors.extend(e);
            }
            for (gi, pi, source_ok, content_f1) in wrong_roles {
                let (g, p) = (&ga[gi], &pa[pi]);
                let mut why = Vec::new();
                if !source_ok {
                    why.push(format!(
                        "source {} vs gold {}",
                        self.describe(p.source),
                        self.describe(g.source)
                    ));
                }
                if content_f1 < 0.5 {
                    why.push(format!("content token F1 {content_f1:.2}"));
                }
                let note = why.join("; ");
                let fp = self.attribution_error(
                    ATTRIBUTIONS_FULL,
                    ErrorSide::FalsePositive,
                    p,
                    p.rule.as_deref(),
                    Some(note.clone()),
                );
                let fn_ = self.attribution_error(
                    ATTRIBUTIONS_FULL,
                    ErrorSide::FalseNegative,
                    g,
                    p.rule.as_deref(),
                    Some(note),
                );
                scores.errors.extend(fp.into_iter().chain(fn_));
            }
        }
    }

    fn describe(&self, span: Option<ItemSpan>) -> String {
        match span {
            None => "null".to_string(),
            Some(s) => format!("{:?}", self.text.slice(s)),
        }
    }

    /// An attribution error is reported at its cue (or, lacking one, its content).
    fn attribution_error(
        &self,
        metric: &'static str,
        side: ErrorSide,
        a: &AttributionItem,
        rule: Option<&str>,
        note: Option<String>,
    ) -> Option<ScoringError> {
        let span = a.cue.or(a.content)?;
        let rule = match side {
            ErrorSide::FalsePositive => a.rule.as_deref(),
            ErrorSide::FalseNegative => rule,
        };
        let note = note.or_else(|| {
            Some(format!(
                "source {}, content {}",
                self.describe(a.source),
                self.describe(a.content)
            ))
        });
        Some(self.error(metric, side, span, a.kind.as_deref(), rule, note))
    }

    fn hedges(&self, gh: &[HedgeItem], scores: &mut Scores) {
        let ph: &[HedgeItem] = self.pred.hedges.as_deref().unwrap_or(&[]);
        let pairs = greedy_pairs(gh, ph, |g, p| g.span.overlaps(p.span));
        let gold_optional: Vec<bool> = gh.iter().map(|h| h.optional).collect();
        let cue = counts_of(&pairs, &gold_optional, ph.len());
        let (tp, fp, fn_) = cue.counts;
        scores.counts(HEDGES_CUE).add(tp, fp, fn_);
        if let Some(sentences) = &self.gold.sentences {
            let holding = |hedges: &mut dyn Iterator<Item = &HedgeItem>| -> BTreeSet<usize> {
                let hedges: Vec<ItemSpan> = hedges.map(|h| h.span).collect();
                sentences_overlapping(sentences, &hedges)
            };
            let gold_set = holding(&mut gh.iter().filter(|h| !h.optional));
            let optional_set = holding(&mut gh.iter().filter(|h| h.optional));
            let mut pred_set = holding(&mut ph.iter());
            pred_set.retain(|s| !optional_set.contains(s) || gold_set.contains(s));
            let tp = gold_set.intersection(&pred_set).count();
            scores
                .counts(HEDGES_SENTENCE)
                .add(tp, pred_set.len() - tp, gold_set.len() - tp);
        }
        if self.options.collect_errors {
            for &pi in &cue.unmatched_pred {
                let p = &ph[pi];
                let e = self.error(
                    HEDGES_CUE,
                    ErrorSide::FalsePositive,
                    p.span,
                    p.kind.as_deref(),
                    p.rule.as_deref(),
                    None,
                );
                scores.errors.push(e);
            }
            for &gi in &cue.unmatched_gold {
                let g = &gh[gi];
                let e = self.error(
                    HEDGES_CUE,
                    ErrorSide::FalseNegative,
                    g.span,
                    g.kind.as_deref(),
                    None,
                    None,
                );
                scores.errors.push(e);
            }
        }
    }
}

/// Indices of the sentences that overlap at least one of the spans. Sentences are sorted
/// once by start so each span looks only at the sentences that begin before it ends; the
/// scan back stops early when sentences do not overlap each other (the usual case).
fn sentences_overlapping(sentences: &[ItemSpan], spans: &[ItemSpan]) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by_key(|&i| (sentences[i].start, i));
    // Longest end seen so far along the sorted order: lets the scan back stop once no
    // earlier sentence can reach the span.
    let mut reach = Vec::with_capacity(order.len());
    let mut furthest = i64::MIN;
    for &i in &order {
        furthest = furthest.max(sentences[i].end);
        reach.push(furthest);
    }
    let mut found = BTreeSet::new();
    for span in spans {
        let before_end = order.partition_point(|&i| sentences[i].start < span.end);
        for k in (0..before_end).rev() {
            if reach[k] <= span.start {
                break;
            }
            let i = order[k];
            if sentences[i].overlaps(*span) {
                found.insert(i);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spans() -> impl Strategy<Value = Vec<ItemSpan>> {
        prop::collection::vec((-3i64..40, 0i64..12), 0..25).prop_map(|v| {
            v.into_iter()
                .map(|(s, l)| ItemSpan::new(s, s + l))
                .collect()
        })
    }

    proptest! {
        /// The keyed matching is an optimisation of the greedy scan, never a different answer.
        #[test]
        fn keyed_matching_equals_the_greedy_scan(gold in spans(), pred in spans()) {
            let keyed = greedy_pairs_by_key(&gold, &pred, |g| *g, |p| *p);
            let scanned = greedy_pairs(&gold, &pred, |g, p| g == p);
            prop_assert_eq!(keyed, scanned);
        }

        /// The sorted sweep finds exactly the sentences a scan of every pair finds, even for
        /// overlapping, unordered or empty sentences.
        #[test]
        fn sentence_sweep_equals_the_pairwise_scan(sentences in spans(), hedges in spans()) {
            let swept = sentences_overlapping(&sentences, &hedges);
            let scanned: BTreeSet<usize> = (0..sentences.len())
                .filter(|&i| hedges.iter().any(|h| sentences[i].overlaps(*h)))
                .collect();
            prop_assert_eq!(swept, scanned);
        }
    }
}
