//! Hedges: words and phrases by which the writing keeps its distance from a claim.

use crate::Error;
use crate::attribution::AttributionMention;
use crate::lexicon::Lexicons;
use crate::model::HedgeKind;
use crate::text::Span;

/// A hedge found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HedgeMention {
    /// The hedge cue.
    pub span: Span,
    /// Its family.
    pub kind: HedgeKind,
    /// Index (into the attribution list) of the attribution whose cue or content holds it.
    pub attribution: Option<usize>,
    /// Id of the lexicon entry or pattern that produced it.
    pub rule: String,
}

/// Detects hedges; built once from the hedge lexicons.
pub struct HedgeDetector {}

impl HedgeDetector {
    /// Compiles the hedge lexicons.
    pub fn new(_lexicons: &Lexicons) -> Result<HedgeDetector, Error> {
        Ok(HedgeDetector {})
    }

    /// Hedges in `text`, ordered by start.
    pub fn detect(
        &self,
        _text: &str,
        _sentences: &[Span],
        _attributions: &[AttributionMention],
    ) -> Vec<HedgeMention> {
        Vec::new()
    }
}
