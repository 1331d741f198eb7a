//! Turns the stages' byte-offset findings into output: [`Findings`] holds them with the
//! offset conversion ready, and becomes either the [`Annotation`] model or, on the hot path
//! of a corpus run, the JSON line written straight from the text (see
//! [`crate::formats::json`]), without copying every span's text into a `String` first.

use crate::analysis::Analysis;
use crate::attribution::AttributionMention;
use crate::document::{Document, Layers, OffsetUnit};
use crate::hedge::HedgeMention;
use crate::model::{
    Annotation, Attribution, CueSpan, Entity, Hedge, Noise, SCHEMA_VERSION, Sentence, SourceSpan,
    TextSpan,
};
use crate::ner::EntityMention;
use crate::text::{OffsetMap, Span, sentence_index};

/// One document's findings in byte offsets, with what turns them into output offsets.
///
/// Public, but opaque, because the command line (a separate crate, the binary) writes a
/// corpus run's JSON lines from the findings with [`crate::formats::Renderer::render_findings`]
/// rather than from the model, which would copy every span's text first.
pub struct Findings<'d> {
    pub(crate) doc: &'d Document,
    pub(crate) unit: OffsetUnit,
    offsets: OffsetMap<'d>,
    /// Every sentence: the other layers are placed in them even when they are not written.
    sentences: Vec<Span>,
    write_sentences: bool,
    pub(crate) noise: Vec<Span>,
    pub(crate) entities: Vec<EntityMention>,
    pub(crate) attributions: Vec<AttributionMention>,
    pub(crate) hedges: Vec<HedgeMention>,
}

impl<'d> Findings<'d> {
    /// The findings of `analysis` on `doc`, keeping only the layers to write.
    pub(crate) fn new(
        doc: &'d Document,
        analysis: Analysis,
        layers: Layers,
        unit: OffsetUnit,
    ) -> Findings<'d> {
        let Analysis {
            noise,
            sentences,
            mut entities,
            mut attributions,
            hedges,
        } = analysis;
        if !layers.entities {
            entities.clear();
        }
        if !layers.attributions {
            attributions.clear();
        }
        Findings {
            doc,
            unit,
            offsets: OffsetMap::new(&doc.text, unit == OffsetUnit::Utf16),
            sentences,
            write_sentences: layers.sentences,
            noise,
            entities,
            attributions,
            hedges,
        }
    }

    /// The sentences written to the output (none when the layer is off).
    pub(crate) fn written_sentences(&self) -> &[Span] {
        if self.write_sentences {
            &self.sentences
        } else {
            &[]
        }
    }

    /// A span's bounds in the output unit.
    pub(crate) fn bounds(&self, span: Span) -> (usize, usize) {
        (
            self.offsets.convert(span.start),
            self.offsets.convert(span.end),
        )
    }

    /// Index of the sentence holding byte `offset`.
    pub(crate) fn sentence_of(&self, offset: usize) -> usize {
        sentence_index(&self.sentences, offset)
    }

    /// Index of the sentence an attribution belongs to.
    pub(crate) fn attribution_sentence(&self, mention: &AttributionMention) -> usize {
        attribution_sentence(&self.sentences, mention)
    }

    /// The output model; mentions are consumed, so that their rule names move into it.
    pub(crate) fn into_annotation(self) -> Annotation {
        let Findings {
            doc,
            unit,
            offsets,
            sentences: all_sentences,
            write_sentences,
            noise,
            entities,
            attributions,
            hedges,
        } = self;
        let text = doc.text.as_str();
        let bounds = |span: Span| (offsets.convert(span.start), offsets.convert(span.end));
        let sentence_of = |offset: usize| sentence_index(&all_sentences, offset);
        let noise = noise
            .iter()
            .map(|&span| {
                let (start, end) = bounds(span);
                Noise {
                    start,
                    end,
                    kind: "markup".to_string(),
                    text: span.of(text).to_string(),
                }
            })
            .collect();
        let sentences = if write_sentences {
            all_sentences
                .iter()
                .enumerate()
                .map(|(id, &span)| {
                    let (start, end) = bounds(span);
                    Sentence {
                        id,
                        start,
                        end,
                        text: span.of(text).to_string(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let entities = entities
            .into_iter()
            .enumerate()
            .map(|(i, mention)| {
                let (start, end) = bounds(mention.span);
                Entity {
                    id: numbered_id('e', i),
                    start,
                    end,
                    text: mention.span.of(text).to_string(),
                    label: mention.label,
                    sentence: sentence_of(mention.span.start),
                    rule: mention.rule,
                }
            })
            .collect();
        let text_span = |span: Span| {
            let (start, end) = bounds(span);
            TextSpan {
                start,
                end,
                text: span.of(text).to_string(),
            }
        };
        let attributions = attributions
            .into_iter()
            .enumerate()
            .map(|(i, mention)| Attribution {
                id: numbered_id('a', i),
                sentence: attribution_sentence(&all_sentences, &mention),
                kind: mention.kind,
                source_kind: mention.source_kind,
                cue_class: Some(mention.cue_class),
                cue: {
                    let TextSpan { start, end, text } = text_span(mention.cue);
                    CueSpan {
                        start,
                        end,
                        text,
                        lemma: mention.lemma.to_string(),
                    }
                },
                source: mention.source.map(|span| {
                    let TextSpan { start, end, text } = text_span(span);
                    SourceSpan {
                        start,
                        end,
                        text,
                        entity: mention.source_entity.map(|e| numbered_id('e', e)),
                    }
                }),
                content: mention.content.map(text_span),
                continues: mention.continues.map(|c| numbered_id('a', c)),
                rule: mention.rule,
            })
            .collect();
        let hedges = hedges
            .into_iter()
            .enumerate()
            .map(|(i, mention)| {
                let (start, end) = bounds(mention.span);
                Hedge {
                    id: numbered_id('h', i),
                    start,
                    end,
                    text: mention.span.of(text).to_string(),
                    kind: mention.kind,
                    sentence: sentence_of(mention.span.start),
                    attribution: mention.attribution.map(|a| numbered_id('a', a)),
                    rule: mention.rule,
                }
            })
            .collect();
        let mut annotation = Annotation {
            schema_version: SCHEMA_VERSION.to_string(),
            id: doc.id.clone(),
            source: None,
            text: doc.text.clone(),
            offsets: unit.as_str().to_string(),
            meta: None,
            sentences,
            noise,
            entities,
            attributions,
            hedges,
            summary: Default::default(),
        };
        annotation.summary = crate::summary::summarize(&annotation);
        annotation
    }
}

/// The output model of `analysis` on `doc`.
pub(crate) fn build(
    doc: &Document,
    analysis: Analysis,
    layers: Layers,
    unit: OffsetUnit,
) -> Annotation {
    Findings::new(doc, analysis, layers, unit).into_annotation()
}

/// An output id such as `e12`: a layer's letter and the item's index in its list, written
/// without `format!`, which is several times slower for these few bytes.
fn numbered_id(letter: char, index: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(index);
    let mut id = String::with_capacity(1 + digits.len());
    id.push(letter);
    id.push_str(digits);
    id
}

/// The sentence an attribution belongs to: the one holding its cue, except for a continued
/// quotation, whose follow-on sentences share the first one's cue and belong to the
/// sentence holding their own content.
fn attribution_sentence(sentences: &[Span], mention: &AttributionMention) -> usize {
    let anchor = match (mention.continues, mention.content) {
        (Some(_), Some(content)) => content.start,
        _ => mention.cue.start,
    };
    sentence_index(sentences, anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_ids_match_the_formatted_ones() {
        for index in [0, 7, 10, 99, 12_345, usize::MAX] {
            assert_eq!(numbered_id('e', index), format!("e{index}"));
        }
    }
}
