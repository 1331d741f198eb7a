//! The compact annotation line, written directly instead of through serde.
//!
//! Rendering is the hottest part of a run after the stages themselves: the line is about
//! seven times the input, because the text is echoed and every span carries its own text.
//! serde_json writes it one escaped character at a time and grows its buffer as it goes;
//! this writer sizes the buffer once, writes keys as literals, integers with `itoa`, and
//! copies runs of bytes that need no escape eight at a time.
//!
//! A line is written either from an [`Annotation`] or, in a corpus run, straight from the
//! stages' [`Findings`]: then every span's text is a slice of the document text, which is
//! escaped once, and each span's text is copied from the escaped text already in the line.
//!
//! [`crate::model`] with its serde attributes stays the single definition of the output:
//! the item writers below follow it field for field (order, `skip_serializing_if`,
//! `null`s), the small and rare parts (`meta`, `summary`) still go through serde_json, and
//! tests pin the bytes to `serde_json::to_vec` for whole annotations and for every escape
//! class, and the lines from findings to the lines of their annotations.

use std::cell::Cell;

use serde_json::{Map, Value};

use crate::model::{
    Annotation, AttributionType, CueClass, EntityLabel, HedgeKind, SCHEMA_VERSION, SourceKind,
};
use crate::model_builder::Findings;
use crate::summary::Tally;
use crate::text::Span;
use crate::text_scan::{escape_mask, next_escape};

/// The annotation as one compact JSON line (with its `\n`), byte for byte what
/// `serde_json::to_vec` writes for it.
pub fn annotation_line(annotation: &Annotation) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimated_len(annotation));
    let w = &mut out;
    write_head(
        w,
        &Head {
            schema_version: &annotation.schema_version,
            id: &annotation.id,
            source: annotation.source.as_deref(),
            text: &annotation.text,
            offsets: &annotation.offsets,
            meta: annotation.meta.as_ref(),
        },
    );
    w.extend_from_slice(b",\"sentences\":");
    write_items(w, &annotation.sentences, |w, s| {
        write_sentence(w, s.id, bounded(s.start, s.end, &s.text));
    });
    w.extend_from_slice(b",\"noise\":");
    write_items(w, &annotation.noise, |w, n| {
        write_noise(w, bounded(n.start, n.end, &n.text), &n.kind);
    });
    w.extend_from_slice(b",\"entities\":");
    write_items(w, &annotation.entities, |w, e| {
        let span = bounded(e.start, e.end, &e.text);
        write_entity(w, Id::Text(&e.id), span, e.label, e.sentence, &e.rule);
    });
    w.extend_from_slice(b",\"attributions\":");
    write_items(w, &annotation.attributions, |w, a| {
        write_attribution(
            w,
            &AttributionItem {
                id: Id::Text(&a.id),
                sentence: a.sentence,
                kind: a.kind,
                source_kind: a.source_kind,
                cue_class: a.cue_class,
                cue: bounded(a.cue.start, a.cue.end, &a.cue.text),
                lemma: &a.cue.lemma,
                source: a.source.as_ref().map(|s| {
                    (
                        bounded(s.start, s.end, &s.text),
                        s.entity.as_deref().map(Id::Text),
                    )
                }),
                content: a.content.as_ref().map(|c| bounded(c.start, c.end, &c.text)),
                continues: a.continues.as_deref().map(Id::Text),
                rule: &a.rule,
            },
        );
    });
    w.extend_from_slice(b",\"hedges\":");
    write_items(w, &annotation.hedges, |w, h| {
        let span = bounded(h.start, h.end, &h.text);
        let attribution = h.attribution.as_deref().map(Id::Text);
        write_hedge(
            w,
            Id::Text(&h.id),
            span,
            h.kind,
            h.sentence,
            attribution,
            &h.rule,
        );
    });
    w.extend_from_slice(b",\"summary\":");
    write_serde(w, &annotation.summary);
    w.extend_from_slice(b"}\n");
    out
}

/// The line of the annotation that `findings` would become, with `source` and `meta` set:
/// the same bytes as [`annotation_line`] on [`Findings::into_annotation`], without building
/// the model.
pub(crate) fn findings_line(
    findings: &Findings<'_>,
    source: Option<&str>,
    meta: Option<&Map<String, Value>>,
) -> Vec<u8> {
    let text = findings.doc.text.as_str();
    let mut out = Vec::with_capacity(findings_len(findings));
    let w = &mut out;
    let written = write_head(
        w,
        &Head {
            schema_version: SCHEMA_VERSION,
            id: &findings.doc.id,
            source,
            text,
            offsets: findings.unit.as_str(),
            meta,
        },
    );
    let span = |span: Span| {
        let (start, end) = findings.bounds(span);
        Bounded {
            start,
            end,
            text: written.slice(span),
        }
    };
    let mut tally = Tally::default();
    let sentences = findings.written_sentences();
    tally.sentences(sentences.len());
    w.extend_from_slice(b",\"sentences\":");
    write_items(w, sentences.iter().enumerate(), |w, (id, &s)| {
        write_sentence(w, id, span(s));
    });
    w.extend_from_slice(b",\"noise\":");
    write_items(w, &findings.noise, |w, &n| {
        write_noise(w, span(n), "markup")
    });
    w.extend_from_slice(b",\"entities\":");
    write_items(w, findings.entities.iter().enumerate(), |w, (i, e)| {
        tally.entity(e.label);
        let sentence = findings.sentence_of(e.span.start);
        write_entity(
            w,
            Id::Numbered(b'e', i),
            span(e.span),
            e.label,
            sentence,
            &e.rule,
        );
    });
    w.extend_from_slice(b",\"attributions\":");
    write_items(w, findings.attributions.iter().enumerate(), |w, (i, a)| {
        tally.attribution(a.source_kind, a.kind);
        write_attribution(
            w,
            &AttributionItem {
                id: Id::Numbered(b'a', i),
                sentence: findings.attribution_sentence(a),
                kind: a.kind,
                source_kind: a.source_kind,
                cue_class: Some(a.cue_class),
                cue: span(a.cue),
                lemma: &a.lemma,
                source: a
                    .source
                    .map(|s| (span(s), a.source_entity.map(|e| Id::Numbered(b'e', e)))),
                content: a.content.map(span),
                continues: a.continues.map(|c| Id::Numbered(b'a', c)),
                rule: &a.rule,
            },
        );
    });
    w.extend_from_slice(b",\"hedges\":");
    write_items(w, findings.hedges.iter().enumerate(), |w, (i, h)| {
        let sentence = findings.sentence_of(h.span.start);
        tally.hedge(h.kind, sentence);
        let attribution = h.attribution.map(|a| Id::Numbered(b'a', a));
        write_hedge(
            w,
            Id::Numbered(b'h', i),
            span(h.span),
            h.kind,
            sentence,
            attribution,
            &h.rule,
        );
    });
    w.extend_from_slice(b",\"summary\":");
    write_summary(w, &mut tally);
    w.extend_from_slice(b"}\n");
    out
}

/// The [`crate::model::Summary`] that `tally` finishes into, as serde_json writes it.
fn write_summary(w: &mut Vec<u8>, tally: &mut Tally) {
    fn write_counts(w: &mut Vec<u8>, counts: impl Iterator<Item = (&'static str, usize)>) {
        w.push(b'{');
        for (i, (name, count)) in counts.enumerate() {
            if i > 0 {
                w.push(b',');
            }
            write_str(w, name);
            w.push(b':');
            write_usize(w, count);
        }
        w.push(b'}');
    }
    w.extend_from_slice(b"{\"sentences\":");
    write_usize(w, tally.sentence_count());
    w.extend_from_slice(b",\"hedged_sentences\":");
    write_usize(w, tally.hedged_sentences());
    w.extend_from_slice(b",\"attributions\":");
    write_usize(w, tally.attributions());
    w.extend_from_slice(b",\"by_source_kind\":");
    write_counts(w, tally.by_source_kind());
    w.extend_from_slice(b",\"by_type\":");
    write_counts(w, tally.by_type());
    w.extend_from_slice(b",\"entities_by_label\":");
    write_counts(w, tally.by_label());
    w.extend_from_slice(b",\"hedges_by_kind\":");
    write_counts(w, tally.by_hedge_kind());
    w.extend_from_slice(b",\"named_source_share\":");
    write_serde(w, &tally.named_source_share());
    w.push(b'}');
}

/// Room for keys, numbers and rule names of one item, in the estimates of a line's length.
const PER_ITEM: usize = 160;

/// An upper estimate of the line's length in the common case (few escapes), so that the
/// buffer is allocated once: every text, plus room for the keys and numbers of each item.
fn estimated_len(annotation: &Annotation) -> usize {
    let texts: usize = annotation
        .sentences
        .iter()
        .map(|s| s.text.len())
        .sum::<usize>()
        + annotation.noise.iter().map(|n| n.text.len()).sum::<usize>()
        + annotation
            .entities
            .iter()
            .map(|e| e.text.len())
            .sum::<usize>()
        + annotation
            .hedges
            .iter()
            .map(|h| h.text.len())
            .sum::<usize>()
        + annotation
            .attributions
            .iter()
            .map(|a| {
                a.cue.text.len()
                    + a.source.as_ref().map_or(0, |s| s.text.len())
                    + a.content.as_ref().map_or(0, |c| c.text.len())
            })
            .sum::<usize>();
    let items = annotation.sentences.len()
        + annotation.noise.len()
        + annotation.entities.len()
        + annotation.attributions.len() * 3
        + annotation.hedges.len();
    annotation.text.len() + texts + items * PER_ITEM + 1024
}

/// [`estimated_len`] for the line of `findings`, from the spans' byte lengths.
fn findings_len(findings: &Findings<'_>) -> usize {
    let span_bytes = |spans: &mut dyn Iterator<Item = Span>| spans.map(|s| s.len()).sum::<usize>();
    let texts = span_bytes(&mut findings.written_sentences().iter().copied())
        + span_bytes(&mut findings.noise.iter().copied())
        + span_bytes(&mut findings.entities.iter().map(|e| e.span))
        + span_bytes(&mut findings.hedges.iter().map(|h| h.span))
        + span_bytes(
            &mut findings
                .attributions
                .iter()
                .flat_map(|a| [Some(a.cue), a.source, a.content].into_iter().flatten()),
        );
    let items = findings.written_sentences().len()
        + findings.noise.len()
        + findings.entities.len()
        + findings.attributions.len() * 3
        + findings.hedges.len();
    findings.doc.text.len() + texts + items * PER_ITEM + 1024
}

/// The fields before the layers.
struct Head<'a> {
    schema_version: &'a str,
    id: &'a str,
    source: Option<&'a str>,
    text: &'a str,
    offsets: &'a str,
    meta: Option<&'a Map<String, Value>>,
}

/// Writes `{"schema_version":...,"meta":...` and returns where the text went.
fn write_head(w: &mut Vec<u8>, head: &Head<'_>) -> WrittenText {
    w.extend_from_slice(b"{\"schema_version\":");
    write_str(w, head.schema_version);
    w.extend_from_slice(b",\"id\":");
    write_str(w, head.id);
    if let Some(source) = head.source {
        w.extend_from_slice(b",\"source\":");
        write_str(w, source);
    }
    w.extend_from_slice(b",\"text\":");
    let mut written = WrittenText {
        start: w.len() + 1,
        escapes: Vec::new(),
        cursor: Cell::new(0),
    };
    let mut extra = 0;
    write_escaped(w, head.text, |at, longer| {
        extra += longer;
        written.escapes.push((at, extra));
    });
    w.extend_from_slice(b",\"offsets\":");
    write_str(w, head.offsets);
    if let Some(meta) = head.meta {
        w.extend_from_slice(b",\"meta\":");
        write_serde(w, meta);
    }
    written
}

/// Where the escaped document text lies in the line being written: a span of the text is
/// the same bytes escaped on its own (escapes are per char), so its string is a copy.
struct WrittenText {
    /// Position in the line of the text's first byte (after the opening quote).
    start: usize,
    /// Each escaped byte of the text, with the bytes its escapes added up to it.
    escapes: Vec<(usize, usize)>,
    /// Escapes before the offset looked up last: spans come mostly in text order, so
    /// the next lookup is usually a step or two away from there.
    cursor: Cell<usize>,
}

impl WrittenText {
    /// Where byte `offset` of the text is in the line.
    #[inline]
    fn position(&self, offset: usize) -> usize {
        // A few steps from the last lookup, or a binary search when the span is further.
        const STEPS: usize = 8;
        let escapes = &self.escapes;
        let mut before = self.cursor.get();
        let mut steps = 0;
        while steps < STEPS && before < escapes.len() && escapes[before].0 < offset {
            before += 1;
            steps += 1;
        }
        while steps < STEPS && before > 0 && escapes[before - 1].0 >= offset {
            before -= 1;
            steps += 1;
        }
        if steps == STEPS {
            before = escapes.partition_point(|&(at, _)| at < offset);
        }
        self.cursor.set(before);
        let extra = before.checked_sub(1).map_or(0, |i| escapes[i].1);
        self.start + offset + extra
    }

    fn slice(&self, span: Span) -> SpanText<'static> {
        SpanText::Written(self.position(span.start), self.position(span.end))
    }
}

/// The text of a span: a string to escape, or bytes of the line already escaped.
#[derive(Clone, Copy)]
enum SpanText<'a> {
    Raw(&'a str),
    /// `line[start..end]`, escaped and without quotes.
    Written(usize, usize),
}

/// A span as written: its bounds in the output unit and its text.
#[derive(Clone, Copy)]
struct Bounded<'a> {
    start: usize,
    end: usize,
    text: SpanText<'a>,
}

fn bounded(start: usize, end: usize, text: &str) -> Bounded<'_> {
    Bounded {
        start,
        end,
        text: SpanText::Raw(text),
    }
}

/// An item id: the model's string, or a layer's letter and the item's index (`e12`).
#[derive(Clone, Copy)]
enum Id<'a> {
    Text(&'a str),
    Numbered(u8, usize),
}

/// An attribution's fields, as both kinds of line have them.
struct AttributionItem<'a> {
    id: Id<'a>,
    sentence: usize,
    kind: AttributionType,
    source_kind: SourceKind,
    /// Absent only in a document read from schema 1.0.0, as is an empty lemma.
    cue_class: Option<CueClass>,
    cue: Bounded<'a>,
    lemma: &'a str,
    source: Option<(Bounded<'a>, Option<Id<'a>>)>,
    content: Option<Bounded<'a>>,
    continues: Option<Id<'a>>,
    rule: &'a str,
}

/// `[a,b,...]` with each item written by `item`.
fn write_items<I: IntoIterator>(
    w: &mut Vec<u8>,
    items: I,
    mut item: impl FnMut(&mut Vec<u8>, I::Item),
) {
    w.push(b'[');
    for (i, value) in items.into_iter().enumerate() {
        if i > 0 {
            w.push(b',');
        }
        item(w, value);
    }
    w.push(b']');
}

fn write_sentence(w: &mut Vec<u8>, id: usize, span: Bounded<'_>) {
    w.extend_from_slice(b"{\"id\":");
    write_usize(w, id);
    w.push(b',');
    write_bounded(w, span);
    w.push(b'}');
}

fn write_noise(w: &mut Vec<u8>, span: Bounded<'_>, kind: &str) {
    w.extend_from_slice(b"{\"start\":");
    write_usize(w, span.start);
    w.extend_from_slice(b",\"end\":");
    write_usize(w, span.end);
    w.extend_from_slice(b",\"kind\":");
    write_str(w, kind);
    w.extend_from_slice(b",\"text\":");
    write_span_text(w, span.text);
    w.push(b'}');
}

fn write_entity(
    w: &mut Vec<u8>,
    id: Id<'_>,
    span: Bounded<'_>,
    label: EntityLabel,
    sentence: usize,
    rule: &str,
) {
    w.extend_from_slice(b"{\"id\":");
    write_id(w, id);
    w.push(b',');
    write_bounded(w, span);
    w.extend_from_slice(b",\"label\":\"");
    w.extend_from_slice(label.as_str().as_bytes());
    w.extend_from_slice(b"\",\"sentence\":");
    write_usize(w, sentence);
    write_rule(w, rule);
    w.push(b'}');
}

fn write_attribution(w: &mut Vec<u8>, attribution: &AttributionItem<'_>) {
    w.extend_from_slice(b"{\"id\":");
    write_id(w, attribution.id);
    w.extend_from_slice(b",\"sentence\":");
    write_usize(w, attribution.sentence);
    w.extend_from_slice(b",\"type\":\"");
    w.extend_from_slice(attribution.kind.as_str().as_bytes());
    w.extend_from_slice(b"\",\"source_kind\":\"");
    w.extend_from_slice(attribution.source_kind.as_str().as_bytes());
    w.push(b'"');
    if let Some(class) = attribution.cue_class {
        w.extend_from_slice(b",\"cue_class\":\"");
        w.extend_from_slice(class.as_str().as_bytes());
        w.push(b'"');
    }
    w.extend_from_slice(b",\"cue\":{");
    write_bounded(w, attribution.cue);
    if !attribution.lemma.is_empty() {
        w.extend_from_slice(b",\"lemma\":");
        write_str(w, attribution.lemma);
    }
    w.extend_from_slice(b"},\"source\":");
    match attribution.source {
        Some((span, entity)) => {
            w.push(b'{');
            write_bounded(w, span);
            w.extend_from_slice(b",\"entity\":");
            write_optional_id(w, entity);
            w.push(b'}');
        }
        None => w.extend_from_slice(b"null"),
    }
    w.extend_from_slice(b",\"content\":");
    match attribution.content {
        Some(span) => {
            w.push(b'{');
            write_bounded(w, span);
            w.push(b'}');
        }
        None => w.extend_from_slice(b"null"),
    }
    w.extend_from_slice(b",\"continues\":");
    write_optional_id(w, attribution.continues);
    write_rule(w, attribution.rule);
    w.push(b'}');
}

fn write_hedge(
    w: &mut Vec<u8>,
    id: Id<'_>,
    span: Bounded<'_>,
    kind: HedgeKind,
    sentence: usize,
    attribution: Option<Id<'_>>,
    rule: &str,
) {
    w.extend_from_slice(b"{\"id\":");
    write_id(w, id);
    w.push(b',');
    write_bounded(w, span);
    w.extend_from_slice(b",\"kind\":\"");
    w.extend_from_slice(kind.as_str().as_bytes());
    w.extend_from_slice(b"\",\"sentence\":");
    write_usize(w, sentence);
    w.extend_from_slice(b",\"attribution\":");
    write_optional_id(w, attribution);
    write_rule(w, rule);
    w.push(b'}');
}

/// `"start":S,"end":E,"text":T`.
fn write_bounded(w: &mut Vec<u8>, span: Bounded<'_>) {
    w.extend_from_slice(b"\"start\":");
    write_usize(w, span.start);
    w.extend_from_slice(b",\"end\":");
    write_usize(w, span.end);
    w.extend_from_slice(b",\"text\":");
    write_span_text(w, span.text);
}

fn write_span_text(w: &mut Vec<u8>, text: SpanText<'_>) {
    match text {
        SpanText::Raw(text) => write_str(w, text),
        SpanText::Written(start, end) => {
            w.push(b'"');
            w.extend_from_within(start..end);
            w.push(b'"');
        }
    }
}

fn write_id(w: &mut Vec<u8>, id: Id<'_>) {
    match id {
        Id::Text(id) => write_str(w, id),
        Id::Numbered(letter, index) => {
            w.push(b'"');
            w.push(letter);
            write_usize(w, index);
            w.push(b'"');
        }
    }
}

fn write_optional_id(w: &mut Vec<u8>, id: Option<Id<'_>>) {
    match id {
        Some(id) => write_id(w, id),
        None => w.extend_from_slice(b"null"),
    }
}

/// `,"rule":R`, left out when empty (`skip_serializing_if = "String::is_empty"`).
fn write_rule(w: &mut Vec<u8>, rule: &str) {
    if !rule.is_empty() {
        w.extend_from_slice(b",\"rule\":");
        write_str(w, rule);
    }
}

/// Decimal digits, written as arrays of a constant length: a copy of constant size
/// compiles to a few moves where one of the digits' own length calls `memcpy`, and offsets
/// are written hundreds of thousands of times a megabyte. Below 10 000 (ids, sentence
/// numbers, and offsets in all but long documents) the digits are one or two pairs from
/// a table, as `itoa` takes them.
fn write_usize(w: &mut Vec<u8>, value: usize) {
    let pair = |n: usize| [PAIRS[2 * n], PAIRS[2 * n + 1]];
    if value < 100 {
        if value < 10 {
            w.push(b'0' + value as u8);
        } else {
            w.extend_from_slice(&pair(value));
        }
    } else if value < 10_000 {
        let ([a, b], [c, d]) = (pair(value / 100), pair(value % 100));
        if value < 1_000 {
            w.extend_from_slice(&[b, c, d]);
        } else {
            w.extend_from_slice(&[a, b, c, d]);
        }
    } else {
        write_large_usize(w, value);
    }
}

/// Two decimal digits for each value below 100.
const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// [`write_usize`] from 10 000 up, kept out of line so that the short cases need no stack
/// frame: the pairs go into the middle of a scratch array, then a fixed 20 bytes (room
/// for any `usize`) from the first digit are copied and the line cut back to the digits.
#[inline(never)]
fn write_large_usize(w: &mut Vec<u8>, value: usize) {
    const ROOM: usize = 20;
    let mut scratch = [0u8; 2 * ROOM];
    let mut first = ROOM;
    let mut rest = value;
    while rest >= 100 {
        let pair = (rest % 100) * 2;
        rest /= 100;
        first -= 2;
        scratch[first..first + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if rest >= 10 {
        let pair = rest * 2;
        first -= 2;
        scratch[first..first + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        first -= 1;
        scratch[first] = b'0' + rest as u8;
    }
    let window: &[u8; ROOM] = scratch[first..first + ROOM]
        .try_into()
        .expect("a window of ROOM bytes");
    let end = w.len() + (ROOM - first);
    w.extend_from_slice(window);
    w.truncate(end);
}

/// The rare and small parts (`meta`, `summary`) keep serde_json's own rendering.
fn write_serde<T: serde::Serialize + ?Sized>(w: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *w, value).expect("serialising to memory cannot fail");
}

/// A JSON string, escaped as serde_json escapes it: `\"`, `\\`, the short forms `\b \t \n
/// \f \r`, `\u00XX` (lower-case hex) for the other control bytes, everything else as is
/// (non-ASCII and U+2028/U+2029 included).
pub fn write_str(w: &mut Vec<u8>, value: &str) {
    // Short strings (ids, rule names, map keys) are most of the calls: copied into a
    // 16-byte window, tested with two masks and written through a copy of constant size
    // when nothing needs escaping.
    const WINDOW: usize = 16;
    let bytes = value.as_bytes();
    let len = bytes.len();
    if len <= WINDOW {
        let mut window = [0u8; WINDOW];
        window[..len].copy_from_slice(bytes);
        // The padding is zeros, which the masks flag as control bytes: only the first
        // `len` lanes count (a spurious lane never lies below a real match).
        let lanes = |n: usize| {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        };
        let low = escape_mask(u64::from_le_bytes(window[..8].try_into().expect("8 bytes")));
        let high = escape_mask(u64::from_le_bytes(window[8..].try_into().expect("8 bytes")));
        if low & lanes(len) | high & lanes(len.saturating_sub(8)) == 0 {
            w.push(b'"');
            let end = w.len() + len;
            w.extend_from_slice(&window);
            w.truncate(end);
            w.push(b'"');
            return;
        }
    }
    write_escaped(w, value, |_, _| {});
}

/// [`write_str`], telling `escaped` the position in `value` of each byte it escapes and
/// how many bytes longer its escape is.
fn write_escaped(w: &mut Vec<u8>, value: &str, mut escaped: impl FnMut(usize, usize)) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = value.as_bytes();
    w.push(b'"');
    let mut copied = 0;
    while let Some(at) = next_escape(bytes, copied) {
        w.extend_from_slice(&bytes[copied..at]);
        let byte = bytes[at];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0C => b"\\f",
            b'\r' => b"\\r",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ],
        };
        w.extend_from_slice(escape);
        escaped(at, escape.len() - 1);
        copied = at + 1;
    }
    w.extend_from_slice(&bytes[copied..]);
    w.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Annotator, Config, Document, Layers, OffsetUnit};

    #[test]
    fn lines_from_findings_are_the_lines_of_their_annotations() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/articles");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        // Escapes of every kind in the text and inside spans, and chars of every width.
        let escapes: String = (0u8..0x20)
            .map(char::from)
            .chain("\"\\/\u{7f}é€😀\u{2028}\u{2029}".chars())
            .collect();
        texts.push(format!(
            "{escapes} The mayor said \"{escapes}\" today.\n\nIt may rain, \"officials said.\""
        ));
        texts.push("\"Prices will probably rise,\" Ana Ruiz said.\t\"😀\"".to_string());
        texts.push(String::new());
        let meta = serde_json::json!({"url": "https://x/\u{2028}", "n": [1.5e3, null]});
        let meta = meta.as_object();
        let layer_sets = [Layers::ALL, Layers::parse("entities,hedges").unwrap()];
        for unit in [OffsetUnit::Codepoint, OffsetUnit::Utf16] {
            for layers in layer_sets {
                let annotator = Annotator::new(Config {
                    offsets: unit,
                    layers,
                    ..Config::default()
                })
                .unwrap();
                for text in &texts {
                    let doc = Document::new("id\"1", text.clone());
                    let findings = annotator.findings(&doc, None).unwrap();
                    let ours = findings_line(&findings, Some("src\\x"), meta);
                    let mut annotation = findings.into_annotation();
                    annotation.source = Some("src\\x".to_string());
                    annotation.meta = meta.cloned();
                    let mut expected = serde_json::to_vec(&annotation).unwrap();
                    expected.push(b'\n');
                    assert!(
                        ours == expected,
                        "{}\n{}",
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&expected)
                    );
                }
            }
        }
    }

    #[test]
    fn integers_are_written_as_format_writes_them() {
        let mut values = vec![0, 1, 9, 10, 99, 100, 101, usize::MAX, usize::MAX / 10];
        values.extend((0..20).map(|p| 10usize.pow(p)));
        values.extend((1..20).map(|p| 10usize.pow(p) - 1));
        values.extend((0..2000).map(|i| i * 7919));
        values.extend((0..200_000).map(|i| i * 499));
        values.extend((0..10_000).chain(99_990_000..100_010_000));
        for value in values {
            let mut ours = b"x".to_vec();
            write_usize(&mut ours, value);
            assert_eq!(ours, format!("x{value}").into_bytes());
        }
    }

    #[test]
    fn every_byte_escapes_as_serde_json_escapes_it_at_every_lane() {
        for byte in 0u8..=0x7F {
            let c = char::from(byte);
            for position in 0..17 {
                let mut text = "a".repeat(position);
                text.push(c);
                text.push_str("é\u{2028}b\u{2029}");
                let mut ours = Vec::new();
                write_str(&mut ours, &text);
                assert_eq!(
                    ours,
                    serde_json::to_vec(&text).unwrap(),
                    "byte {byte:#04x} at {position}"
                );
            }
        }
    }

    #[test]
    fn short_strings_of_every_length_escape_as_serde_json_escapes_them() {
        for len in 0..=17 {
            for last in ["x", "\"", "\\", "\u{0}", "\u{1f}", "é", "\n"] {
                for text in ["y".repeat(len), "y".repeat(len.saturating_sub(1)) + last] {
                    let mut ours = Vec::new();
                    write_str(&mut ours, &text);
                    assert_eq!(ours, serde_json::to_vec(&text).unwrap(), "{text:?}");
                }
            }
        }
    }
}
