//! The compact annotation line, written directly instead of through serde.
//!
//! Rendering is the hottest part of a run after the stages themselves: the line is about
//! seven times the input, because the text is echoed and every span carries its own text.
//! serde_json writes it one escaped character at a time and grows its buffer as it goes;
//! this writer sizes the buffer once, writes keys as literals, integers with `itoa`, and
//! copies runs of bytes that need no escape eight at a time.
//!
//! [`crate::model`] with its serde attributes stays the single definition of the output:
//! this writer follows it field for field (order, `skip_serializing_if`, `null`s), the
//! small and rare parts (`meta`, `summary`) still go through serde_json, and tests pin the
//! bytes to `serde_json::to_vec` for whole annotations and for every escape class.

use crate::model::{Annotation, Attribution, Entity, Hedge, Noise, Sentence, SourceSpan, TextSpan};

/// The annotation as one compact JSON line (with its `\n`), byte for byte what
/// `serde_json::to_vec` writes for it.
pub fn annotation_line(annotation: &Annotation) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimated_len(annotation));
    let w = &mut out;
    w.extend_from_slice(b"{\"schema_version\":");
    write_str(w, &annotation.schema_version);
    w.extend_from_slice(b",\"id\":");
    write_str(w, &annotation.id);
    if let Some(source) = &annotation.source {
        w.extend_from_slice(b",\"source\":");
        write_str(w, source);
    }
    w.extend_from_slice(b",\"text\":");
    write_str(w, &annotation.text);
    w.extend_from_slice(b",\"offsets\":");
    write_str(w, &annotation.offsets);
    if let Some(meta) = &annotation.meta {
        w.extend_from_slice(b",\"meta\":");
        write_serde(w, meta);
    }
    w.extend_from_slice(b",\"sentences\":");
    write_list(w, &annotation.sentences, write_sentence);
    w.extend_from_slice(b",\"noise\":");
    write_list(w, &annotation.noise, write_noise);
    w.extend_from_slice(b",\"entities\":");
    write_list(w, &annotation.entities, write_entity);
    w.extend_from_slice(b",\"attributions\":");
    write_list(w, &annotation.attributions, write_attribution);
    w.extend_from_slice(b",\"hedges\":");
    write_list(w, &annotation.hedges, write_hedge);
    w.extend_from_slice(b",\"summary\":");
    write_serde(w, &annotation.summary);
    w.extend_from_slice(b"}\n");
    out
}

/// An upper estimate of the line's length in the common case (few escapes), so that the
/// buffer is allocated once: every text, plus room for the keys and numbers of each item.
fn estimated_len(annotation: &Annotation) -> usize {
    const PER_ITEM: usize = 160;
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

/// `[a,b,...]` with each item written by `item`.
fn write_list<T>(w: &mut Vec<u8>, items: &[T], item: fn(&mut Vec<u8>, &T)) {
    w.push(b'[');
    for (i, value) in items.iter().enumerate() {
        if i > 0 {
            w.push(b',');
        }
        item(w, value);
    }
    w.push(b']');
}

fn write_sentence(w: &mut Vec<u8>, sentence: &Sentence) {
    w.extend_from_slice(b"{\"id\":");
    write_usize(w, sentence.id);
    write_bounds_and_text(w, sentence.start, sentence.end, &sentence.text);
    w.push(b'}');
}

fn write_noise(w: &mut Vec<u8>, noise: &Noise) {
    w.extend_from_slice(b"{\"start\":");
    write_usize(w, noise.start);
    w.extend_from_slice(b",\"end\":");
    write_usize(w, noise.end);
    w.extend_from_slice(b",\"kind\":");
    write_str(w, &noise.kind);
    w.extend_from_slice(b",\"text\":");
    write_str(w, &noise.text);
    w.push(b'}');
}

fn write_entity(w: &mut Vec<u8>, entity: &Entity) {
    w.extend_from_slice(b"{\"id\":");
    write_str(w, &entity.id);
    write_bounds_and_text(w, entity.start, entity.end, &entity.text);
    w.extend_from_slice(b",\"label\":\"");
    w.extend_from_slice(entity.label.as_str().as_bytes());
    w.extend_from_slice(b"\",\"sentence\":");
    write_usize(w, entity.sentence);
    write_rule(w, &entity.rule);
    w.push(b'}');
}

fn write_attribution(w: &mut Vec<u8>, attribution: &Attribution) {
    w.extend_from_slice(b"{\"id\":");
    write_str(w, &attribution.id);
    w.extend_from_slice(b",\"sentence\":");
    write_usize(w, attribution.sentence);
    w.extend_from_slice(b",\"type\":\"");
    w.extend_from_slice(attribution.kind.as_str().as_bytes());
    w.extend_from_slice(b"\",\"source_kind\":\"");
    w.extend_from_slice(attribution.source_kind.as_str().as_bytes());
    w.extend_from_slice(b"\",\"cue\":");
    write_text_span(w, &attribution.cue);
    w.extend_from_slice(b",\"source\":");
    match &attribution.source {
        Some(source) => write_source_span(w, source),
        None => w.extend_from_slice(b"null"),
    }
    w.extend_from_slice(b",\"content\":");
    match &attribution.content {
        Some(content) => write_text_span(w, content),
        None => w.extend_from_slice(b"null"),
    }
    w.extend_from_slice(b",\"continues\":");
    write_optional_str(w, attribution.continues.as_deref());
    write_rule(w, &attribution.rule);
    w.push(b'}');
}

fn write_text_span(w: &mut Vec<u8>, span: &TextSpan) {
    w.push(b'{');
    write_start_end_text(w, span.start, span.end, &span.text);
    w.push(b'}');
}

fn write_source_span(w: &mut Vec<u8>, span: &SourceSpan) {
    w.push(b'{');
    write_start_end_text(w, span.start, span.end, &span.text);
    w.extend_from_slice(b",\"entity\":");
    write_optional_str(w, span.entity.as_deref());
    w.push(b'}');
}

fn write_hedge(w: &mut Vec<u8>, hedge: &Hedge) {
    w.extend_from_slice(b"{\"id\":");
    write_str(w, &hedge.id);
    write_bounds_and_text(w, hedge.start, hedge.end, &hedge.text);
    w.extend_from_slice(b",\"kind\":\"");
    w.extend_from_slice(hedge.kind.as_str().as_bytes());
    w.extend_from_slice(b"\",\"sentence\":");
    write_usize(w, hedge.sentence);
    w.extend_from_slice(b",\"attribution\":");
    write_optional_str(w, hedge.attribution.as_deref());
    write_rule(w, &hedge.rule);
    w.push(b'}');
}

/// `,"start":S,"end":E,"text":T`, after a first field.
fn write_bounds_and_text(w: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    w.push(b',');
    write_start_end_text(w, start, end, text);
}

/// `"start":S,"end":E,"text":T`.
fn write_start_end_text(w: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    w.extend_from_slice(b"\"start\":");
    write_usize(w, start);
    w.extend_from_slice(b",\"end\":");
    write_usize(w, end);
    w.extend_from_slice(b",\"text\":");
    write_str(w, text);
}

/// `,"rule":R`, left out when empty (`skip_serializing_if = "String::is_empty"`).
fn write_rule(w: &mut Vec<u8>, rule: &str) {
    if !rule.is_empty() {
        w.extend_from_slice(b",\"rule\":");
        write_str(w, rule);
    }
}

fn write_optional_str(w: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => write_str(w, value),
        None => w.extend_from_slice(b"null"),
    }
}

fn write_usize(w: &mut Vec<u8>, value: usize) {
    w.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// The rare and small parts (`meta`, `summary`) keep serde_json's own rendering.
fn write_serde<T: serde::Serialize + ?Sized>(w: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *w, value).expect("serialising to memory cannot fail");
}

/// Bytes with every lane set to `byte`.
const fn lanes(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// High bit of every byte lane of `word` that is zero. Lanes above a zero lane may be
/// flagged spuriously (the borrow of the subtraction), never lanes below it.
const fn zero_lanes(word: u64) -> u64 {
    word.wrapping_sub(lanes(1)) & !word & lanes(0x80)
}

/// A mask whose lowest set bit is the high bit of the first byte of `chunk` (little-endian
/// order) that JSON must escape: a control byte, `"` or `\`. Bits above the first match may
/// be spurious, so only the lowest one is meaningful; zero means the chunk needs no escape.
fn escape_mask(chunk: u64) -> u64 {
    let below_space = chunk.wrapping_sub(lanes(0x20)) & !chunk & lanes(0x80);
    below_space | zero_lanes(chunk ^ lanes(b'"')) | zero_lanes(chunk ^ lanes(b'\\'))
}

/// Position of the first byte of `bytes` at or after `from` that needs escaping.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("an 8-byte slice"));
        let mask = escape_mask(word);
        if mask != 0 {
            return Some(at + (mask.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|i| at + i)
}

/// A JSON string, escaped as serde_json escapes it: `\"`, `\\`, the short forms `\b \t \n
/// \f \r`, `\u00XX` (lower-case hex) for the other control bytes, everything else as is
/// (non-ASCII and U+2028/U+2029 included).
pub fn write_str(w: &mut Vec<u8>, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = value.as_bytes();
    w.push(b'"');
    let mut copied = 0;
    while let Some(at) = next_escape(bytes, copied) {
        w.extend_from_slice(&bytes[copied..at]);
        let byte = bytes[at];
        match byte {
            b'"' => w.extend_from_slice(b"\\\""),
            b'\\' => w.extend_from_slice(b"\\\\"),
            0x08 => w.extend_from_slice(b"\\b"),
            b'\t' => w.extend_from_slice(b"\\t"),
            b'\n' => w.extend_from_slice(b"\\n"),
            0x0C => w.extend_from_slice(b"\\f"),
            b'\r' => w.extend_from_slice(b"\\r"),
            _ => w.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]),
        }
        copied = at + 1;
    }
    w.extend_from_slice(&bytes[copied..]);
    w.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_first_escape_is_found_past_spurious_lanes() {
        // A quote followed by bytes whose borrows could flag later lanes: only the first
        // match counts, and every later one is found in turn.
        let text = "ab\"\u{1}\"\\\u{1f}!x y\"zz\n";
        let bytes = text.as_bytes();
        let naive: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i] < 0x20 || bytes[i] == b'"' || bytes[i] == b'\\')
            .collect();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = next_escape(bytes, from) {
            found.push(at);
            from = at + 1;
        }
        assert_eq!(found, naive);
    }
}
