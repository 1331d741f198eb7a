//! brat standoff: a `.txt` with the document text and a `.ann` beside it, which brat and
//! the tools that read its format (spaCy projects, NLTK, PubAnnotation converters) load.
//!
//! - entities: `T1<TAB>PERSON 10 20<TAB>Jana Novak`;
//! - attributions: the cue is the trigger of an `Attribution` event whose `Source` and
//!   `Content` arguments are text-bound annotations of those types
//!   (`E1<TAB>Attribution:T7 Source:T6 Content:T8`), with the type and source kind as
//!   attributes of the event (`A1<TAB>AttributionType E1 indirect`), a `RefersTo` relation
//!   from the source to the entity it names, and a note on a continued quotation;
//! - hedges: `Hedge` text-bound annotations with a `HedgeKind` attribute.
//!
//! Offsets are code points into the `.txt` (brat's convention). A span that crosses a line
//! break is written as discontinuous fragments, one per line, because brat's text column
//! cannot hold a newline. [`ANNOTATION_CONF`] declares every type for brat's `annotation.conf`.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::view::{Range, Resolved};
use crate::model::Annotation;

/// brat's `annotation.conf` for claimtag's types, written next to the documents.
pub const ANNOTATION_CONF: &str = "\
# brat configuration for claimtag output (written by `claimtag ... --format brat`).
[entities]
PERSON
ORG
GPE
LOC
NORP
DATE
TIME
MONEY
PERCENT
QUANTITY
CARDINAL
Source
Content
Hedge

[relations]
RefersTo\tArg1:Source, Arg2:PERSON|ORG|GPE|NORP
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Attribution\tSource?:Source, Content?:Content

[attributes]
AttributionType\tArg:Attribution, Value:direct|indirect|mixed
SourceKind\tArg:Attribution, Value:named|anonymous|pronoun|document|agentless
HedgeKind\tArg:Hedge, Value:modal|adverb|epistemic|reporting|agentless|weasel|approximator
";

/// brat's `visual.conf`: colours that match the HTML view.
pub const VISUAL_CONF: &str = "\
[labels]
Attribution | Attribution | Cue
[drawing]
Source\tbgColor:#f4a259
Attribution\tbgColor:#e15554
Content\tbgColor:#b8d8f2
Hedge\tbgColor:#d4b8f0
PERSON\tbgColor:#9cc5a1
ORG\tbgColor:#c3d8a3
GPE\tbgColor:#f2e394
";

/// The two files of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BratDocument {
    /// Contents of the `.txt` file.
    pub text: String,
    /// Contents of the `.ann` file.
    pub ann: String,
}

/// Builds the `.txt` and `.ann` of one annotation.
pub fn render(annotation: &Annotation) -> BratDocument {
    let doc = Resolved::new(annotation);
    let mut ann = String::new();
    let mut next_t = 0usize;
    let mut next_a = 0usize;
    let mut text_bound = |ann: &mut String, label: &str, range: Range| -> String {
        next_t += 1;
        let id = format!("T{next_t}");
        let (offsets, covered) = fragments(&doc, range);
        let _ = writeln!(ann, "{id}\t{label} {offsets}\t{covered}");
        id
    };
    let mut entity_ids: HashMap<&str, String> = HashMap::new();
    for (range, entity) in &doc.entities {
        let id = text_bound(&mut ann, entity.label.as_str(), *range);
        entity_ids.insert(entity.id.as_str(), id);
    }
    let mut event_ids: HashMap<&str, String> = HashMap::new();
    let mut next_r = 0usize;
    let mut next_note = 0usize;
    for (n, a) in doc.attributions.iter().enumerate() {
        let at = a.attribution;
        let source = a.source.map(|r| text_bound(&mut ann, "Source", r));
        let trigger = text_bound(&mut ann, "Attribution", a.cue);
        let content = a.content.map(|r| text_bound(&mut ann, "Content", r));
        let event = format!("E{}", n + 1);
        let mut line = format!("{event}\tAttribution:{trigger}");
        if let Some(s) = &source {
            let _ = write!(line, " Source:{s}");
        }
        if let Some(c) = &content {
            let _ = write!(line, " Content:{c}");
        }
        let _ = writeln!(ann, "{line}");
        for (name, value) in [
            ("AttributionType", at.kind.as_str()),
            ("SourceKind", at.source_kind.as_str()),
        ] {
            next_a += 1;
            let _ = writeln!(ann, "A{next_a}\t{name} {event} {value}");
        }
        let linked = at.source.as_ref().and_then(|s| s.entity.as_deref());
        if let (Some(s), Some(entity)) = (&source, linked.and_then(|e| entity_ids.get(e))) {
            next_r += 1;
            let _ = writeln!(ann, "R{next_r}\tRefersTo Arg1:{s} Arg2:{entity}");
        }
        if let Some(first) = at.continues.as_deref() {
            next_note += 1;
            let first_event = event_ids.get(first).map_or(first, String::as_str);
            let _ = writeln!(
                ann,
                "#{next_note}\tAnnotatorNotes {event}\tcontinues {first_event} ({first})"
            );
        }
        event_ids.insert(at.id.as_str(), event);
    }
    for (range, hedge) in &doc.hedges {
        let id = text_bound(&mut ann, "Hedge", *range);
        next_a += 1;
        let _ = writeln!(ann, "A{next_a}\tHedgeKind {id} {}", hedge.kind.as_str());
    }
    BratDocument {
        text: annotation.text.clone(),
        ann,
    }
}

/// The offsets column (`start end`, or `s1 e1;s2 e2` across line breaks) and the text
/// column (fragments joined by a space, as brat writes them).
fn fragments(doc: &Resolved<'_>, range: Range) -> (String, String) {
    let slice = doc.view.slice(range);
    let mut offsets = Vec::new();
    let mut texts = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = range.start;
    let mut piece_byte = 0;
    for (byte, c) in slice.char_indices() {
        let line_break = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
        match (line_break, start) {
            (true, Some(s)) => {
                offsets.push(format!("{s} {at}"));
                texts.push(&slice[piece_byte..byte]);
                start = None;
            }
            (false, None) => {
                start = Some(at);
                piece_byte = byte;
            }
            _ => {}
        }
        at += 1;
    }
    if let Some(s) = start {
        offsets.push(format!("{s} {at}"));
        texts.push(&slice[piece_byte..]);
    }
    if offsets.is_empty() {
        // A span of line breaks only: keep it as is rather than lose it.
        return (format!("{} {}", range.start, range.end), String::new());
    }
    (offsets.join(";"), texts.join(" ").replace('\t', " "))
}
