//! What changed between two runs: the annotations that appeared, disappeared or changed,
//! per document and layer, each with the rule responsible.
//!
//! This is what a reviewer reads on a pull request that touches a rule or a lexicon. Items
//! are keyed by span (an attribution by its cue), so an entity whose label changed, or an
//! attribution whose source moved, shows as one change rather than a removal plus an
//! addition. Items sharing a key are paired in list order. Everything is sorted, so the
//! same two runs always give the same diff.

use std::collections::BTreeMap;

use super::document::{EvalDocument, ItemSpan};
use super::scoring_text::ScoringText;

/// The layers a diff covers, in the order they are shown.
pub const LAYERS: [&str; 4] = ["sentences", "entities", "attributions", "hedges"];

/// What happened to an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Only in the new run.
    Appeared,
    /// Only in the old run.
    Disappeared,
    /// Same span in both, different label, kind or roles.
    Changed,
}

impl ChangeKind {
    /// The name written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Appeared => "appeared",
            ChangeKind::Disappeared => "disappeared",
            ChangeKind::Changed => "changed",
        }
    }

    /// The one-character mark of the text output.
    pub fn mark(self) -> char {
        match self {
            ChangeKind::Appeared => '+',
            ChangeKind::Disappeared => '-',
            ChangeKind::Changed => '~',
        }
    }
}

/// An annotation as the diff compares it: its key span, what else defines it, its rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffItem {
    /// Its span (an attribution's cue).
    pub span: ItemSpan,
    /// The covered text.
    pub text: String,
    /// Everything compared besides the span, as a readable line (`ORG`,
    /// `indirect named source "the ministry" content "..."`).
    pub detail: String,
    /// The rule that produced it, if the file says.
    pub rule: Option<String>,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Layer name (one of [`LAYERS`]).
    pub layer: &'static str,
    /// What happened.
    pub kind: ChangeKind,
    /// The old annotation (absent when it appeared).
    pub old: Option<DiffItem>,
    /// The new annotation (absent when it disappeared).
    pub new: Option<DiffItem>,
}

impl Change {
    /// The rule a change is filed under: the new item's, or the old one's when it vanished.
    pub fn rule(&self) -> &str {
        self.new
            .as_ref()
            .and_then(|i| i.rule.as_deref())
            .or_else(|| self.old.as_ref().and_then(|i| i.rule.as_deref()))
            .unwrap_or("(no rule)")
    }

    /// The span a change is shown at.
    pub fn span(&self) -> ItemSpan {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or(ItemSpan::new(0, 0), |i| i.span)
    }
}

/// The changes in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDiff {
    /// Document id.
    pub id: String,
    /// `Some("old")` / `Some("new")` when the document is only in one run.
    pub only_in: Option<&'static str>,
    /// Changes, by layer, then span.
    pub changes: Vec<Change>,
}

/// Counts of changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    /// Annotations only in the new run.
    pub appeared: usize,
    /// Annotations only in the old run.
    pub disappeared: usize,
    /// Annotations whose label, kind or roles changed.
    pub changed: usize,
}

impl ChangeCounts {
    /// Counts one change.
    pub fn add(&mut self, kind: ChangeKind) {
        match kind {
            ChangeKind::Appeared => self.appeared += 1,
            ChangeKind::Disappeared => self.disappeared += 1,
            ChangeKind::Changed => self.changed += 1,
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.appeared + self.disappeared + self.changed == 0
    }
}

/// The diff of two runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunDiff {
    /// Documents with at least one change, in the old run's order, then new-only ones.
    pub documents: Vec<DocumentDiff>,
    /// Documents compared (in either run).
    pub compared: usize,
    /// Counts per layer.
    pub by_layer: BTreeMap<&'static str, ChangeCounts>,
    /// Counts per rule.
    pub by_rule: BTreeMap<String, ChangeCounts>,
}

/// Compares two runs, pairing documents by id.
pub fn diff_runs(old: &[EvalDocument], new: &[EvalDocument]) -> RunDiff {
    let new_by_id: BTreeMap<&str, &EvalDocument> = new.iter().map(|d| (d.id.as_str(), d)).collect();
    let old_ids: std::collections::HashSet<&str> = old.iter().map(|d| d.id.as_str()).collect();
    let empty = EvalDocument::default();
    let mut run = RunDiff::default();
    let pairs = old
        .iter()
        .map(|o| (o, new_by_id.get(o.id.as_str()).copied()))
        .map(|(o, n)| (o.id.as_str(), Some(o), n))
        .chain(
            new.iter()
                .filter(|n| !old_ids.contains(n.id.as_str()))
                .map(|n| (n.id.as_str(), None, Some(n))),
        );
    for (id, o, n) in pairs {
        run.compared += 1;
        let only_in = match (o, n) {
            (Some(_), None) => Some("old"),
            (None, Some(_)) => Some("new"),
            _ => None,
        };
        let changes = diff_documents(o.unwrap_or(&empty), n.unwrap_or(&empty));
        for change in &changes {
            run.by_layer
                .entry(change.layer)
                .or_default()
                .add(change.kind);
            run.by_rule
                .entry(change.rule().to_string())
                .or_default()
                .add(change.kind);
        }
        if !changes.is_empty() || only_in.is_some() {
            run.documents.push(DocumentDiff {
                id: id.to_string(),
                only_in,
                changes,
            });
        }
    }
    run
}

/// The changes between two versions of one document.
pub fn diff_documents(old: &EvalDocument, new: &EvalDocument) -> Vec<Change> {
    let old_text = ScoringText::new(old.text.as_deref().unwrap_or(""));
    let new_text = ScoringText::new(new.text.as_deref().unwrap_or(""));
    let mut changes = Vec::new();
    for layer in LAYERS {
        let old_items = items_of(old, &old_text, layer);
        let new_items = items_of(new, &new_text, layer);
        diff_layer(layer, old_items, new_items, &mut changes);
    }
    changes
}

fn quoted(text: &ScoringText, span: Option<ItemSpan>) -> String {
    match span {
        None => "null".to_string(),
        Some(s) => format!("{:?} [{}, {})", text.slice(s), s.start, s.end),
    }
}

fn items_of(doc: &EvalDocument, text: &ScoringText, layer: &str) -> Vec<DiffItem> {
    let item = |span: ItemSpan, detail: String, rule: Option<&String>| DiffItem {
        span,
        text: text.slice(span),
        detail,
        rule: rule.cloned(),
    };
    match layer {
        "sentences" => doc
            .sentences
            .iter()
            .flatten()
            .map(|s| item(*s, String::new(), None))
            .collect(),
        "entities" => doc
            .entities
            .iter()
            .flatten()
            .map(|e| item(e.span, e.label.clone(), e.rule.as_ref()))
            .collect(),
        "attributions" => doc
            .attributions
            .iter()
            .flatten()
            .filter_map(|a| {
                let key = a.cue.or(a.content)?;
                let detail = format!(
                    "{} {} source {} content {}",
                    a.kind.as_deref().unwrap_or("-"),
                    a.source_kind.as_deref().unwrap_or("-"),
                    quoted(text, a.source),
                    quoted(text, a.content)
                );
                Some(item(key, detail, a.rule.as_ref()))
            })
            .collect(),
        _ => doc
            .hedges
            .iter()
            .flatten()
            .map(|h| item(h.span, h.kind.clone().unwrap_or_default(), h.rule.as_ref()))
            .collect(),
    }
}

fn diff_layer(
    layer: &'static str,
    old: Vec<DiffItem>,
    new: Vec<DiffItem>,
    changes: &mut Vec<Change>,
) {
    let mut by_span: BTreeMap<ItemSpan, (Vec<DiffItem>, Vec<DiffItem>)> = BTreeMap::new();
    for item in old {
        by_span.entry(item.span).or_default().0.push(item);
    }
    for item in new {
        by_span.entry(item.span).or_default().1.push(item);
    }
    for (_, (olds, mut news)) in by_span {
        // Identical items first, so that a change is reported only where nothing equal
        // is left to pair with.
        let mut unpaired_old = Vec::new();
        for o in olds {
            match news.iter().position(|n| n.detail == o.detail) {
                Some(at) => {
                    news.remove(at);
                }
                None => unpaired_old.push(o),
            }
        }
        let mut olds = unpaired_old.into_iter();
        let mut news = news.into_iter();
        loop {
            let change = match (olds.next(), news.next()) {
                (None, None) => break,
                (Some(o), Some(n)) => (ChangeKind::Changed, Some(o), Some(n)),
                (Some(o), None) => (ChangeKind::Disappeared, Some(o), None),
                (None, Some(n)) => (ChangeKind::Appeared, None, Some(n)),
            };
            changes.push(Change {
                layer,
                kind: change.0,
                old: change.1,
                new: change.2,
            });
        }
    }
}
