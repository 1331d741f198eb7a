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

mod analysis;
pub mod attribution;
mod document;
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

use std::time::{Duration, Instant};

pub use analysis::{Analysis, TimedOut};
pub use document::{Config, Document, Layers, OffsetUnit};
pub use error::Error;
pub use lexicon::{Lexicons, UserLexicon};
pub use model::Annotation;
pub use model_builder::Findings;
pub use text::Span;

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
        segment::Segmenter::add_lists(&lexicons, &mut vocabulary);
        let vocabulary = std::sync::Arc::new(vocabulary);
        Ok(Annotator {
            layers: config.layers,
            offsets: config.offsets,
            noise_detector: text::NoiseDetector::new(),
            segmenter: segment::Segmenter::reading(std::sync::Arc::clone(&vocabulary)),
            token_layer: tokens::TokenLayer::new(&lexicons, vocabulary),
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

impl Annotator {
    /// Runs the stages on `doc` (giving up once `budget` has passed, if one is given) and
    /// stops short of the model: a caller that writes JSON lines renders the findings
    /// directly, any other turns them [`Findings::into_annotation`].
    ///
    /// Public for the command line's hot path (see [`Findings`]); other callers want
    /// [`Annotator::annotate`] or [`Annotator::annotate_within`].
    pub fn findings<'d>(
        &self,
        doc: &'d Document,
        budget: Option<Duration>,
    ) -> Result<Findings<'d>, TimedOut> {
        let deadline = budget.and_then(|budget| Instant::now().checked_add(budget));
        let analysis = self.analyze_until(&doc.text, deadline)?;
        Ok(Findings::new(doc, analysis, self.layers, self.offsets))
    }
}

mod model_builder;
