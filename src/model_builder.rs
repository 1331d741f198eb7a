//! Turns the stages' byte-offset findings into the output model, converting every offset
//! to the output unit in one pass over the text.

use crate::attribution::AttributionMention;
use crate::model::{
    Annotation, Attribution, Entity, Hedge, Noise, SCHEMA_VERSION, Sentence, SourceSpan, TextSpan,
};
use crate::text::{OffsetMap, Span, sentence_index};
use crate::{Analysis, Document, Layers, OffsetUnit};

/// Collects offsets first, converts them all at once, then hands them out in the same order.
struct Offsets {
    bytes: Vec<usize>,
    converted: Vec<usize>,
    next: usize,
}

impl Offsets {
    fn push(&mut self, span: Span) {
        self.bytes.push(span.start);
        self.bytes.push(span.end);
    }

    fn take(&mut self) -> (usize, usize) {
        let pair = (self.converted[self.next], self.converted[self.next + 1]);
        self.next += 2;
        pair
    }
}

pub(crate) fn build(
    doc: &Document,
    analysis: Analysis,
    layers: Layers,
    unit: OffsetUnit,
) -> Annotation {
    let text = doc.text.as_str();
    let Analysis {
        noise,
        sentences,
        entities,
        attributions,
        hedges,
    } = analysis;
    let entities = if layers.entities {
        entities
    } else {
        Vec::new()
    };
    let attributions = if layers.attributions {
        attributions
    } else {
        Vec::new()
    };

    // Offsets are pushed and taken in exactly the same order below.
    let span_count =
        noise.len() + sentences.len() + entities.len() + attributions.len() * 3 + hedges.len();
    let mut offsets = Offsets {
        bytes: Vec::with_capacity(2 * span_count),
        converted: Vec::new(),
        next: 0,
    };
    for span in noise.iter().chain(&sentences) {
        offsets.push(*span);
    }
    for entity in &entities {
        offsets.push(entity.span);
    }
    for attribution in &attributions {
        offsets.push(attribution.cue);
        attribution.source.into_iter().for_each(|s| offsets.push(s));
        attribution
            .content
            .into_iter()
            .for_each(|s| offsets.push(s));
    }
    for hedge in &hedges {
        offsets.push(hedge.span);
    }
    offsets.converted = OffsetMap::new(unit == OffsetUnit::Utf16).convert_all(text, &offsets.bytes);

    // The mentions are consumed, so that their rule names move into the model uncopied.
    let noise = noise
        .iter()
        .map(|span| {
            let (start, end) = offsets.take();
            Noise {
                start,
                end,
                kind: "markup".to_string(),
                text: span.of(text).to_string(),
            }
        })
        .collect();
    let sentence_list: Vec<Sentence> = sentences
        .iter()
        .enumerate()
        .map(|(id, span)| {
            let (start, end) = offsets.take();
            Sentence {
                id,
                start,
                end,
                text: span.of(text).to_string(),
            }
        })
        .collect();
    let entity_list: Vec<Entity> = entities
        .into_iter()
        .enumerate()
        .map(|(i, mention)| {
            let (start, end) = offsets.take();
            Entity {
                id: numbered_id('e', i),
                start,
                end,
                text: mention.span.of(text).to_string(),
                label: mention.label,
                sentence: sentence_index(&sentences, mention.span.start),
                rule: mention.rule,
            }
        })
        .collect();
    let attribution_list: Vec<Attribution> = attributions
        .into_iter()
        .enumerate()
        .map(|(i, mention)| {
            let mut text_span = |span: Span| {
                let (start, end) = offsets.take();
                TextSpan {
                    start,
                    end,
                    text: span.of(text).to_string(),
                }
            };
            let cue = text_span(mention.cue);
            let source = mention.source.map(|span| {
                let TextSpan { start, end, text } = text_span(span);
                SourceSpan {
                    start,
                    end,
                    text,
                    entity: mention.source_entity.map(|e| numbered_id('e', e)),
                }
            });
            let content = mention.content.map(text_span);
            Attribution {
                id: numbered_id('a', i),
                sentence: attribution_sentence(&sentences, &mention),
                kind: mention.kind,
                source_kind: mention.source_kind,
                cue,
                source,
                content,
                continues: mention.continues.map(|c| numbered_id('a', c)),
                rule: mention.rule,
            }
        })
        .collect();
    let hedge_list: Vec<Hedge> = hedges
        .into_iter()
        .enumerate()
        .map(|(i, mention)| {
            let (start, end) = offsets.take();
            Hedge {
                id: numbered_id('h', i),
                start,
                end,
                text: mention.span.of(text).to_string(),
                kind: mention.kind,
                sentence: sentence_index(&sentences, mention.span.start),
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
        sentences: if layers.sentences {
            sentence_list
        } else {
            Vec::new()
        },
        noise,
        entities: entity_list,
        attributions: attribution_list,
        hedges: hedge_list,
        summary: Default::default(),
    };
    annotation.summary = crate::summary::summarize(&annotation);
    annotation
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
