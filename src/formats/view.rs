//! One annotation seen through code-point and byte offsets at once.
//!
//! An [`Annotation`] carries offsets in the unit it was written with (`codepoint` or
//! `utf16`); every writer needs byte offsets to slice the text, and most targets want code
//! points (brat, spaCy, Dolma) while JavaScript tools want UTF-16 units. [`DocView`] indexes
//! the text once per document, so each span is resolved in O(log n) without rescanning, and
//! a span that does not fit the text (outside it, backwards, inside a surrogate pair) is
//! dropped here, once, instead of panicking in a writer.

use crate::document::OffsetUnit;
use crate::model::{Annotation, Attribution, Entity, Hedge};

/// A span resolved in every unit a writer may need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// Start in code points.
    pub start: usize,
    /// End in code points (exclusive).
    pub end: usize,
    /// Start in bytes of the UTF-8 text.
    pub byte_start: usize,
    /// End in bytes (exclusive).
    pub byte_end: usize,
}

/// The text with, for every code point, its byte and UTF-16 offset.
pub struct DocView<'a> {
    /// The document text.
    pub text: &'a str,
    /// `(byte, utf16)` at each code-point index, plus one entry for the end of the text.
    positions: Vec<(usize, usize)>,
    /// The unit the annotation's offsets are in.
    unit: OffsetUnit,
}

impl<'a> DocView<'a> {
    /// Indexes `text`, whose offsets are in `unit`.
    pub fn new(text: &'a str, unit: OffsetUnit) -> DocView<'a> {
        let mut positions = Vec::with_capacity(text.len() + 1);
        let mut utf16 = 0;
        for (byte, c) in text.char_indices() {
            positions.push((byte, utf16));
            utf16 += c.len_utf16();
        }
        positions.push((text.len(), utf16));
        DocView {
            text,
            positions,
            unit,
        }
    }

    /// The unit named by an annotation's `offsets` field (code points unless `utf16`).
    pub fn unit_of(annotation: &Annotation) -> OffsetUnit {
        if annotation.offsets == "utf16" {
            OffsetUnit::Utf16
        } else {
            OffsetUnit::Codepoint
        }
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.positions.len() - 1
    }

    /// Code-point index of an offset in the annotation's unit; `None` when it is outside
    /// the text or splits a surrogate pair.
    fn code_point(&self, offset: usize) -> Option<usize> {
        match self.unit {
            OffsetUnit::Codepoint => (offset <= self.len_chars()).then_some(offset),
            OffsetUnit::Utf16 => self
                .positions
                .binary_search_by_key(&offset, |&(_, u)| u)
                .ok(),
        }
    }

    /// Resolves `start..end` given in the annotation's unit; `None` for an empty,
    /// backwards or out-of-text span.
    pub fn resolve(&self, start: usize, end: usize) -> Option<Range> {
        let start = self.code_point(start)?;
        let end = self.code_point(end)?;
        (start < end).then(|| self.range(start, end))
    }

    /// The range between two code-point indices (callers keep them in the text).
    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start,
            end,
            byte_start: self.positions[start].0,
            byte_end: self.positions[end].0,
        }
    }

    /// Code-point index of a byte offset on a character boundary.
    pub fn code_point_of_byte(&self, byte: usize) -> usize {
        self.positions
            .partition_point(|&(b, _)| b < byte)
            .min(self.len_chars())
    }

    /// An offset in code points re-expressed in `unit`.
    pub fn offset_in(&self, code_point: usize, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Codepoint => code_point,
            OffsetUnit::Utf16 => self.positions[code_point.min(self.len_chars())].1,
        }
    }

    /// The text of a range.
    pub fn slice(&self, range: Range) -> &'a str {
        self.text
            .get(range.byte_start..range.byte_end)
            .unwrap_or("")
    }

    /// The range with leading and trailing whitespace removed; `None` when nothing is left.
    /// Tools that align spans to tokens cannot start or end a span in whitespace.
    pub fn trim(&self, range: Range) -> Option<Range> {
        let slice = self.slice(range);
        let trimmed_start = slice.len() - slice.trim_start_matches(is_space).len();
        let trimmed = slice.trim_matches(is_space);
        if trimmed.is_empty() {
            return None;
        }
        let byte_start = range.byte_start + trimmed_start;
        let byte_end = byte_start + trimmed.len();
        Some(self.range(
            self.code_point_of_byte(byte_start),
            self.code_point_of_byte(byte_end),
        ))
    }
}

/// Whitespace as Python's `str.isspace` sees it, which is what spaCy uses to rebuild a text
/// from its words: Unicode White_Space plus the four ASCII information separators.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// An attribution with its roles resolved.
pub struct ResolvedAttribution<'a> {
    /// The attribution as written.
    pub attribution: &'a Attribution,
    /// The cue (an attribution without a usable cue is dropped).
    pub cue: Range,
    /// The source, when present and valid.
    pub source: Option<Range>,
    /// The content, when present and valid.
    pub content: Option<Range>,
}

/// Every layer of an annotation with its spans resolved; invalid spans are left out.
pub struct Resolved<'a> {
    /// The annotation.
    pub annotation: &'a Annotation,
    /// The indexed text.
    pub view: DocView<'a>,
    /// Sentence ranges, in order.
    pub sentences: Vec<Range>,
    /// Noise line ranges.
    pub noise: Vec<Range>,
    /// Entities with their ranges, in order.
    pub entities: Vec<(Range, &'a Entity)>,
    /// Attributions with their role ranges.
    pub attributions: Vec<ResolvedAttribution<'a>>,
    /// Hedges with their ranges.
    pub hedges: Vec<(Range, &'a Hedge)>,
}

impl<'a> Resolved<'a> {
    /// Indexes the text and resolves every span of `annotation`.
    pub fn new(annotation: &'a Annotation) -> Resolved<'a> {
        let view = DocView::new(&annotation.text, DocView::unit_of(annotation));
        let sentences = annotation
            .sentences
            .iter()
            .filter_map(|s| view.resolve(s.start, s.end))
            .collect();
        let noise = annotation
            .noise
            .iter()
            .filter_map(|n| view.resolve(n.start, n.end))
            .collect();
        let entities = annotation
            .entities
            .iter()
            .filter_map(|e| Some((view.resolve(e.start, e.end)?, e)))
            .collect();
        let attributions = annotation
            .attributions
            .iter()
            .filter_map(|a| {
                Some(ResolvedAttribution {
                    attribution: a,
                    cue: view.resolve(a.cue.start, a.cue.end)?,
                    source: a.source.as_ref().and_then(|s| view.resolve(s.start, s.end)),
                    content: a
                        .content
                        .as_ref()
                        .and_then(|c| view.resolve(c.start, c.end)),
                })
            })
            .collect();
        let hedges = annotation
            .hedges
            .iter()
            .filter_map(|h| Some((view.resolve(h.start, h.end)?, h)))
            .collect();
        Resolved {
            annotation,
            view,
            sentences,
            noise,
            entities,
            attributions,
            hedges,
        }
    }

    /// Entities that do not overlap an earlier one, for formats that allow one label per
    /// token (BIO tags, spaCy `doc.ents`).
    pub fn flat_entities(&self) -> Vec<(Range, &'a Entity)> {
        let mut sorted = self.entities.clone();
        sorted.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut flat: Vec<(Range, &Entity)> = Vec::with_capacity(sorted.len());
        for (range, entity) in sorted {
            if flat.last().is_none_or(|(last, _)| last.end <= range.start) {
                flat.push((range, entity));
            }
        }
        flat
    }
}

/// The annotation with every offset re-expressed in `unit` (spans that do not fit the text
/// are kept unchanged, so nothing is silently lost).
pub fn reexpress(annotation: &Annotation, unit: OffsetUnit) -> Annotation {
    let mut out = annotation.clone();
    if DocView::unit_of(annotation) == unit {
        out.offsets = unit.as_str().to_string();
        return out;
    }
    let view = DocView::new(&annotation.text, DocView::unit_of(annotation));
    let convert = |start: &mut usize, end: &mut usize| {
        if let Some(range) = view.resolve(*start, *end) {
            *start = view.offset_in(range.start, unit);
            *end = view.offset_in(range.end, unit);
        }
    };
    for s in &mut out.sentences {
        convert(&mut s.start, &mut s.end);
    }
    for n in &mut out.noise {
        convert(&mut n.start, &mut n.end);
    }
    for e in &mut out.entities {
        convert(&mut e.start, &mut e.end);
    }
    for a in &mut out.attributions {
        convert(&mut a.cue.start, &mut a.cue.end);
        if let Some(s) = &mut a.source {
            convert(&mut s.start, &mut s.end);
        }
        if let Some(c) = &mut a.content {
            convert(&mut c.start, &mut c.end);
        }
    }
    for h in &mut out.hedges {
        convert(&mut h.start, &mut h.end);
    }
    out.offsets = unit.as_str().to_string();
    out
}
