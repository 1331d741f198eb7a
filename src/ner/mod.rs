//! Named entities and numeric expressions, from gazetteers and patterns.

use crate::Error;
use crate::lexicon::Lexicons;
use crate::model::EntityLabel;
use crate::text::Span;

/// An entity found in the text, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// The name itself (no title, no leading `the`, no possessive).
    pub span: Span,
    /// Its label.
    pub label: EntityLabel,
    /// Id of the pattern or lexicon entry that produced it.
    pub rule: String,
}

/// Recognises entities; built once from the gazetteers.
pub struct EntityRecognizer {}

impl EntityRecognizer {
    /// Compiles the gazetteers and patterns.
    pub fn new(_lexicons: &Lexicons) -> Result<EntityRecognizer, Error> {
        Ok(EntityRecognizer {})
    }

    /// Entities in `text`, ordered by start, not overlapping, each inside one sentence.
    pub fn recognize(&self, _text: &str, _sentences: &[Span]) -> Vec<EntityMention> {
        Vec::new()
    }
}
