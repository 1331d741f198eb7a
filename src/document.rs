//! What goes into the annotator: a document and the settings it is annotated with.
//!
//! Plain types, below every stage and every front end, so that the readers (`io`), the
//! writers (`formats`) and the model builder share them without importing the crate root.

use crate::error::Error;
use crate::lexicon::UserLexicon;

/// One input document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Identifier carried to the output.
    pub id: String,
    /// The text to annotate.
    pub text: String,
}

impl Document {
    /// A document from its id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// Which layers to compute and write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    /// Sentence spans.
    pub sentences: bool,
    /// Named entities and numeric expressions.
    pub entities: bool,
    /// Attributions.
    pub attributions: bool,
    /// Hedges.
    pub hedges: bool,
}

impl Layers {
    /// Every layer.
    pub const ALL: Layers = Layers {
        sentences: true,
        entities: true,
        attributions: true,
        hedges: true,
    };
    /// No layer: the document is read and written back, as a speed floor.
    pub const NONE: Layers = Layers {
        sentences: false,
        entities: false,
        attributions: false,
        hedges: false,
    };

    /// Parses `sentences,entities,...`, `all` or `none`.
    pub fn parse(spec: &str) -> Result<Layers, Error> {
        let mut layers = Layers::NONE;
        for name in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match name {
                "all" => layers = Layers::ALL,
                "none" => {}
                "sentences" => layers.sentences = true,
                "entities" => layers.entities = true,
                "attributions" => layers.attributions = true,
                "hedges" => layers.hedges = true,
                other => {
                    return Err(Error::config(format!(
                        "unknown layer `{other}` (expected sentences, entities, attributions, hedges, all or none)"
                    )));
                }
            }
        }
        Ok(layers)
    }

    /// Whether any layer needs the text segmented (every layer works within sentences).
    pub(crate) fn needs_sentences(self) -> bool {
        self.sentences || self.entities || self.attributions || self.hedges
    }

    /// Sources are classified by the entities they contain, and hedges are tied to the
    /// attributions they sit in, so later layers pull in earlier ones.
    pub(crate) fn needs_entities(self) -> bool {
        self.entities || self.attributions || self.hedges
    }

    pub(crate) fn needs_attributions(self) -> bool {
        self.attributions || self.hedges
    }
}

/// Offsets unit of the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points (Python string indices): the default.
    #[default]
    Codepoint,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

impl OffsetUnit {
    /// The unit as written in the `offsets` field.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Codepoint => "codepoint",
            OffsetUnit::Utf16 => "utf16",
        }
    }
}

/// Settings fixed for the annotator's lifetime.
#[derive(Clone, Debug)]
pub struct Config {
    /// Layers to compute and write.
    pub layers: Layers,
    /// User lexicons added to the built-in ones.
    pub user_lexicons: Vec<UserLexicon>,
    /// Unit of the output offsets.
    pub offsets: OffsetUnit,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            layers: Layers::ALL,
            user_lexicons: Vec::new(),
            offsets: OffsetUnit::Codepoint,
        }
    }
}
