//! claimtag: sentences, entities, attributions (who says what) and hedges in news articles.
//!
//! The core is pure: [`Annotator::annotate`] takes a [`Document`] and returns an
//! [`model::Annotation`], with no I/O and no global state, so the same annotator serves the
//! command line, tests, benchmarks and other front ends, from many threads at once.
//! Everything expensive (lexicons compiled into automata, regexes) is built once in
//! [`Annotator::new`] and shared read-only afterwards.
//!
//! Stages run one way, each owning one question, and all work in byte offsets; the
//! conversion to code points happens once, when the [`model::Annotation`] is built.
#![deny(missing_docs)]

pub mod attribution;
pub mod error;
pub mod eval;
pub mod fast_hash;
pub mod formats;
pub mod hedge;
pub mod io;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod segment;
pub mod summary;
pub mod syntax;
pub mod text;
pub mod text_scan;
pub mod tokens;

use std::fmt;
use std::time::{Duration, Instant};

pub use error::Error;
pub use lexicon::{Lexicons, UserLexicon};
pub use model::Annotation;
pub use model_builder::Findings;
pub use text::Span;

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
    fn needs_sentences(self) -> bool {
        self.sentences || self.entities || self.attributions || self.hedges
    }

    /// Sources are classified by the entities they contain, and hedges are tied to the
    /// attributions they sit in, so later layers pull in earlier ones.
    fn needs_entities(self) -> bool {
        self.entities || self.attributions || self.hedges
    }

    fn needs_attributions(self) -> bool {
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

/// The annotation pipeline, built once and shared across threads.
pub struct Annotator {
    layers: Layers,
    offsets: OffsetUnit,
    noise_detector: text::NoiseDetector,
    token_layer: tokens::TokenLayer,
    segmenter: segment::Segmenter,
    recognizer: ner::EntityRecognizer,
    extractor: attribution::AttributionExtractor,
    hedge_detector: hedge::HedgeDetector,
}

impl Annotator {
    /// Compiles lexicons and patterns; fails on a malformed user lexicon.
    pub fn new(config: Config) -> Result<Annotator, Error> {
        let lexicons = Lexicons::with_user(&config.user_lexicons)?;
        // Each stage adds its word lists to the one vocabulary the token layer probes.
        let mut vocabulary = tokens::Vocabulary::new();
        let recognizer = ner::EntityRecognizer::new(&lexicons, &mut vocabulary)?;
        let extractor = attribution::AttributionExtractor::new(&lexicons, &mut vocabulary)?;
        let hedge_detector = hedge::HedgeDetector::new(&lexicons, &mut vocabulary)?;
        Ok(Annotator {
            layers: config.layers,
            offsets: config.offsets,
            noise_detector: text::NoiseDetector::new(),
            token_layer: tokens::TokenLayer::new(&lexicons, vocabulary),
            segmenter: segment::Segmenter::new(&lexicons)?,
            recognizer,
            extractor,
            hedge_detector,
        })
    }

    /// The layers this annotator writes.
    pub fn layers(&self) -> Layers {
        self.layers
    }

    /// Runs the stages on a text and returns their findings in byte offsets.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_until(text, None)
            .unwrap_or_else(|TimedOut| unreachable!("no deadline was set"))
    }

    /// Runs the stages, giving up between two stages once `deadline` has passed.
    ///
    /// Every stage is linear in the text, so checking between stages bounds the overrun by
    /// one stage's time without threading a clock through the inner loops.
    fn analyze_until(&self, text: &str, deadline: Option<Instant>) -> Result<Analysis, TimedOut> {
        let check = || match deadline {
            Some(deadline) if Instant::now() >= deadline => Err(TimedOut),
            _ => Ok(()),
        };
        let mut analysis = Analysis::default();
        let layers = self.layers;
        if !layers.needs_sentences() {
            return Ok(analysis);
        }
        analysis.noise = self.noise_detector.find(text);
        analysis.sentences = self.segmenter.split(text, &analysis.noise);
        if !layers.needs_entities() {
            check()?;
            return Ok(analysis);
        }
        check()?;
        let tokens = self.token_layer.tokenize(text, &analysis.noise);
        analysis.entities = self.recognizer.recognize(&tokens, &analysis.sentences);
        if layers.needs_attributions() {
            check()?;
            analysis.attributions =
                self.extractor
                    .extract(&tokens, &analysis.sentences, &analysis.entities);
        }
        if layers.hedges {
            check()?;
            analysis.hedges =
                self.hedge_detector
                    .detect(&tokens, &analysis.sentences, &analysis.attributions);
        }
        check()?;
        Ok(analysis)
    }

    /// Annotates one document.
    pub fn annotate(&self, doc: &Document) -> Annotation {
        let analysis = self.analyze(&doc.text);
        model_builder::build(doc, analysis, self.layers, self.offsets)
    }

    /// Annotates one document unless it takes longer than `budget`, so that one
    /// pathological document cannot stall a corpus run. The outcome depends on the clock,
    /// so a run that sets a budget is deterministic only for documents well within it.
    pub fn annotate_within(
        &self,
        doc: &Document,
        budget: Duration,
    ) -> Result<Annotation, TimedOut> {
        let deadline = Instant::now().checked_add(budget);
        let analysis = self.analyze_until(&doc.text, deadline)?;
        Ok(model_builder::build(
            doc,
            analysis,
            self.layers,
            self.offsets,
        ))
    }
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

mod model_builder;
