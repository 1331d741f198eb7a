//! The body of every fuzz target, and the invariants it checks, in one file shared by the
//! fuzz crate and by `tests/fuzz_regressions.rs` in the main crate (included there with
//! `#[path]`), so a crashing input replays as a plain `cargo test` with exactly the checks
//! the fuzzer ran.
//!
//! A check fails by panicking, which is what libFuzzer records as a crash.

use std::io::BufReader;
use std::sync::OnceLock;

use claimtag::io::{JsonlReader, ReadOptions, Record};
use claimtag::model::Annotation;
use claimtag::{Analysis, Annotator, Config, Document, OffsetUnit, Span};

/// One annotator per offset unit, built once per process: building compiles every
/// lexicon, which would otherwise dominate each run.
fn annotator(unit: OffsetUnit) -> &'static Annotator {
    static CODEPOINT: OnceLock<Annotator> = OnceLock::new();
    static UTF16: OnceLock<Annotator> = OnceLock::new();
    let cell = match unit {
        OffsetUnit::Codepoint => &CODEPOINT,
        OffsetUnit::Utf16 => &UTF16,
    };
    cell.get_or_init(|| {
        Annotator::new(Config {
            offsets: unit,
            ..Config::default()
        })
        .expect("the default configuration builds")
    })
}

/// Target `annotate_bytes`: the bytes as a document, strictly when they are UTF-8 and
/// always through lossy decoding (what `--lossy` does), with every layer on.
pub fn annotate_bytes(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check_text(text, true);
    } else {
        check_text(&String::from_utf8_lossy(data), false);
    }
}

/// Annotates `text` and checks the stages' byte spans, the written code-point spans, the
/// UTF-16 spans (when `utf16` and the text is not ASCII, where the units differ) and the
/// JSON round trip.
pub fn check_text(text: &str, utf16: bool) {
    let analysis = annotator(OffsetUnit::Codepoint).analyze(text);
    check_analysis(text, &analysis);
    let doc = Document::new("fuzz", text);
    let annotation = annotator(OffsetUnit::Codepoint).annotate(&doc);
    check_annotation(&annotation);
    check_json(&annotation);
    if utf16 && !text.is_ascii() {
        let annotation = annotator(OffsetUnit::Utf16).annotate(&doc);
        check_annotation(&annotation);
    }
}

/// A stage's span: non-empty, inside the text, on char boundaries.
fn check_byte_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start < span.end,
        "{what}: empty or inverted byte span {span:?}"
    );
    assert!(
        span.end <= text.len(),
        "{what}: byte span {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: byte span {span:?} cuts a character"
    );
}

/// The stages' findings, in bytes, against the contracts their doc comments state.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    for &span in &analysis.noise {
        check_byte_span(text, span, "noise");
    }
    let mut previous_end = 0;
    for &span in &analysis.sentences {
        check_byte_span(text, span, "sentence");
        assert!(
            span.start >= previous_end,
            "sentence {span:?} overlaps or precedes the one before (ending at {previous_end})"
        );
        previous_end = span.end;
        assert!(
            !analysis.noise.iter().any(|noise| noise.overlaps(&span)),
            "sentence {span:?} overlaps a noise line"
        );
    }
    let in_a_sentence = |span: &Span| analysis.sentences.iter().any(|s| s.contains(span));
    let mut previous: Option<Span> = None;
    for entity in &analysis.entities {
        check_byte_span(text, entity.span, "entity");
        assert!(
            in_a_sentence(&entity.span),
            "entity {:?} ({}) lies in no sentence",
            entity.span,
            entity.rule
        );
        if let Some(previous) = previous {
            assert!(
                previous.end <= entity.span.start,
                "entities {previous:?} and {:?} overlap or are out of order",
                entity.span
            );
        }
        previous = Some(entity.span);
    }
    let mut previous_cue = 0;
    for (i, attribution) in analysis.attributions.iter().enumerate() {
        check_byte_span(text, attribution.cue, "cue");
        assert!(
            in_a_sentence(&attribution.cue),
            "cue {:?} ({}) lies in no sentence",
            attribution.cue,
            attribution.rule
        );
        assert!(
            attribution.cue.start >= previous_cue,
            "attributions not ordered by cue start"
        );
        previous_cue = attribution.cue.start;
        if let Some(source) = attribution.source {
            check_byte_span(text, source, "source");
        }
        if let Some(content) = attribution.content {
            check_byte_span(text, content, "content");
        }
        if let Some(entity) = attribution.source_entity {
            assert!(
                entity < analysis.entities.len(),
                "attribution {i} names entity {entity} of {}",
                analysis.entities.len()
            );
        }
        if let Some(first) = attribution.continues {
            assert!(
                first < i,
                "attribution {i} continues {first}, which is not before it"
            );
        }
    }
    let mut previous_start = 0;
    for hedge in &analysis.hedges {
        check_byte_span(text, hedge.span, "hedge");
        assert!(
            hedge.span.start >= previous_start,
            "hedges not ordered by start"
        );
        previous_start = hedge.span.start;
        if let Some(a) = hedge.attribution {
            assert!(
                a < analysis.attributions.len(),
                "hedge {:?} names attribution {a} of {}",
                hedge.span,
                analysis.attributions.len()
            );
        }
    }
}

/// The text as the output unit sees it, so that a span's text can be cut out by unit.
pub enum Units {
    /// Byte offset of every code-point boundary, the text's end included.
    Codepoint(Vec<usize>),
    /// The UTF-16 code units.
    Utf16(Vec<u16>),
}

impl Units {
    /// The units of `text` in the unit `annotation.offsets` names.
    pub fn of(annotation: &Annotation) -> Units {
        let text = annotation.text.as_str();
        if annotation.offsets == "utf16" {
            Units::Utf16(text.encode_utf16().collect())
        } else {
            let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            bounds.push(text.len());
            Units::Codepoint(bounds)
        }
    }

    /// Number of units in the text.
    fn len(&self) -> usize {
        match self {
            Units::Codepoint(bounds) => bounds.len() - 1,
            Units::Utf16(units) => units.len(),
        }
    }

    /// The text of span `start..end`, or why there is none (out of range, inverted, or
    /// splitting a surrogate pair).
    fn slice(&self, text: &str, start: usize, end: usize) -> Result<String, String> {
        if start >= end {
            return Err(format!("empty or inverted span {start}..{end}"));
        }
        if end > self.len() {
            return Err(format!("span {start}..{end} past the end ({})", self.len()));
        }
        match self {
            Units::Codepoint(bounds) => Ok(text[bounds[start]..bounds[end]].to_string()),
            Units::Utf16(units) => String::from_utf16(&units[start..end])
                .map_err(|_| format!("span {start}..{end} splits a surrogate pair")),
        }
    }
}

fn check_span(
    annotation: &Annotation,
    units: &Units,
    start: usize,
    end: usize,
    text: &str,
    what: &str,
) {
    match units.slice(&annotation.text, start, end) {
        Ok(slice) => assert_eq!(
            slice, text,
            "{what} {start}..{end}: text differs from the slice"
        ),
        Err(message) => panic!("{what}: {message}"),
    }
}

/// The written annotation: every span tells the truth about the text in the output unit;
/// sentences are ordered and disjoint; each cue lies in the sentence the attribution names.
pub fn check_annotation(annotation: &Annotation) {
    let units = &Units::of(annotation);
    let mut previous_end = 0;
    for sentence in &annotation.sentences {
        check_span(
            annotation,
            units,
            sentence.start,
            sentence.end,
            &sentence.text,
            "sentence",
        );
        assert!(
            sentence.start >= previous_end,
            "sentences overlap or are out of order"
        );
        previous_end = sentence.end;
    }
    for noise in &annotation.noise {
        check_span(
            annotation,
            units,
            noise.start,
            noise.end,
            &noise.text,
            "noise",
        );
    }
    let mut previous_start = 0;
    for entity in &annotation.entities {
        check_span(
            annotation,
            units,
            entity.start,
            entity.end,
            &entity.text,
            "entity",
        );
        assert!(entity.start >= previous_start, "entities out of order");
        previous_start = entity.start;
        let sentence = annotation.sentences.get(entity.sentence);
        assert!(
            sentence.is_some_and(|s| s.start <= entity.start && entity.end <= s.end),
            "entity {:?} is not inside its sentence {}",
            entity.text,
            entity.sentence
        );
    }
    let attribution_ids: Vec<&str> = annotation
        .attributions
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    for attribution in &annotation.attributions {
        let cue = &attribution.cue;
        check_span(annotation, units, cue.start, cue.end, &cue.text, "cue");
        assert!(
            annotation
                .sentences
                .iter()
                .any(|s| s.start <= cue.start && cue.end <= s.end),
            "cue {:?} lies in no sentence",
            cue.text
        );
        assert!(
            attribution.sentence < annotation.sentences.len(),
            "attribution {} names sentence {} of {}",
            attribution.id,
            attribution.sentence,
            annotation.sentences.len()
        );
        if let Some(source) = &attribution.source {
            check_span(
                annotation,
                units,
                source.start,
                source.end,
                &source.text,
                "source",
            );
            if let Some(entity) = &source.entity {
                assert!(
                    annotation.entities.iter().any(|e| &e.id == entity),
                    "source names missing entity {entity}"
                );
            }
        }
        if let Some(content) = &attribution.content {
            check_span(
                annotation,
                units,
                content.start,
                content.end,
                &content.text,
                "content",
            );
        }
        if let Some(first) = &attribution.continues {
            assert!(
                attribution_ids.contains(&first.as_str()),
                "attribution {} continues missing {first}",
                attribution.id
            );
        }
    }
    let mut previous_start = 0;
    for hedge in &annotation.hedges {
        check_span(
            annotation,
            units,
            hedge.start,
            hedge.end,
            &hedge.text,
            "hedge",
        );
        assert!(hedge.start >= previous_start, "hedges out of order");
        previous_start = hedge.start;
        if let Some(a) = &hedge.attribution {
            assert!(
                attribution_ids.contains(&a.as_str()),
                "hedge names missing {a}"
            );
        }
    }
}

/// The annotation serialises to JSON and reads back unchanged (no NaN share, no lone
/// surrogate, nothing serde cannot carry).
pub fn check_json(annotation: &Annotation) {
    let json = serde_json::to_string(annotation).expect("an annotation always serialises");
    let back: Annotation = serde_json::from_str(&json).expect("the JSON written reads back");
    assert_eq!(&back, annotation, "JSON round trip changed the annotation");
}

/// Reader options and buffer size taken from the first two bytes of a `jsonl_input` case:
/// byte 0 bit 0 turns `lossy` on, byte 0 >> 1 is the read buffer's capacity minus one
/// (1 to 128 bytes, so lines straddle buffer refills), byte 1 is `max_bytes` (0 to 255,
/// small so the size limit is hit often). Cases shorter than two bytes are skipped.
pub fn jsonl_options(data: &[u8]) -> Option<(ReadOptions, usize, &[u8])> {
    let [flags, max_bytes, rest @ ..] = data else {
        return None;
    };
    let options = ReadOptions {
        max_bytes: u64::from(*max_bytes),
        lossy: flags & 1 == 1,
        ..ReadOptions::default()
    };
    Some((options, usize::from(flags >> 1) + 1, rest))
}

/// How many records `JsonlReader` must yield for `input`: one per line, where lines are
/// the pieces between `\n` bytes (a final piece without `\n` counts, the empty piece after
/// a final `\n` does not), except blank lines (ASCII whitespace only) of at most
/// `max_bytes` bytes, which are skipped. A blank line longer than the limit is refused with
/// `too_large` like any other, so nothing in the input goes unreported.
pub fn expected_jsonl_records(input: &[u8], max_bytes: u64) -> usize {
    let mut lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|last| last.is_empty()) {
        lines.pop();
    }
    lines
        .iter()
        .filter(|line| {
            let blank = line.iter().all(u8::is_ascii_whitespace);
            !(blank && line.len() as u64 <= max_bytes)
        })
        .count()
}

/// Target `jsonl_input`: the bytes as a JSONL shard, read under options taken from the
/// first two bytes. Checks that one record comes out per non-blank line, that the size of
/// the read buffer changes nothing, that no document over the limit gets through, and
/// annotates every document read.
pub fn jsonl_input(data: &[u8]) {
    let Some((options, capacity, input)) = jsonl_options(data) else {
        return;
    };
    let (max_bytes, lossy) = (options.max_bytes, options.lossy);
    let records: Vec<Record> =
        JsonlReader::new(input, "fuzz.jsonl".to_string(), options.clone()).collect();
    let expected = expected_jsonl_records(input, max_bytes);
    assert_eq!(
        records.len(),
        expected,
        "{} records for {expected} non-blank lines",
        records.len()
    );
    let refilled: Vec<Record> = JsonlReader::new(
        BufReader::with_capacity(capacity, input),
        "fuzz.jsonl".to_string(),
        options,
    )
    .collect();
    assert!(
        refilled == records,
        "a {capacity}-byte read buffer changes the records"
    );
    for record in &records {
        if let Record::Document(document) = record {
            // Lossy decoding turns each bad byte into U+FFFD, three bytes long.
            let limit = if lossy { 3 * max_bytes } else { max_bytes };
            assert!(
                document.doc.text.len() as u64 <= limit,
                "a document of {} bytes passed max_bytes {max_bytes}",
                document.doc.text.len()
            );
            check_text(&document.doc.text, false);
        }
    }
}
