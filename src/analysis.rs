//! What the stages hand to the model builder: their findings in byte offsets.
//!
//! Kept out of the crate root so that the builder, which the root calls, does not import
//! the root back.

use std::fmt;

use crate::text::Span;
use crate::{attribution, hedge, ner};

/// What the stages found, in byte offsets, before conversion to the output model.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Lines of markup residue.
    pub noise: Vec<Span>,
    /// Sentence spans, ordered, not overlapping.
    pub sentences: Vec<Span>,
    /// Entities, ordered by start.
    pub entities: Vec<ner::EntityMention>,
    /// Attributions, ordered by cue start.
    pub attributions: Vec<attribution::AttributionMention>,
    /// Hedges, ordered by start.
    pub hedges: Vec<hedge::HedgeMention>,
}

/// A document ran past its time budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedOut;

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("document exceeded its time budget")
    }
}

impl std::error::Error for TimedOut {}
