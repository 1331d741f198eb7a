//! The annotation document: the types that are serialised as output.
//!
//! They mirror `schemas/annotation.schema.json` field for field, so that a change here is a
//! change to the contract with downstream tools. Offsets are Unicode code points (end
//! exclusive), because Python consumers slice `text[start:end]` without conversion.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Bumped on any rename or removal of a field (additions keep the major version).
pub const SCHEMA_VERSION: &str = "1.1.0";

/// One annotated document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Version of the output contract this document follows.
    pub schema_version: String,
    /// The document's identifier, as read or derived from its path.
    pub id: String,
    /// Where the document came from (a path, or `<stdin>`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The document text every offset points into.
    pub text: String,
    /// The unit of every `start`/`end` in this document: `codepoint` or `utf16`.
    pub offsets: String,
    /// Input fields other than id and text, carried through untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Map<String, serde_json::Value>>,
    /// Sentences in text order.
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    /// Lines of markup residue that no layer annotates.
    #[serde(default)]
    pub noise: Vec<Noise>,
    /// Named entities and numeric expressions.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Reported claims: cue, source and content.
    #[serde(default)]
    pub attributions: Vec<Attribution>,
    /// Words and phrases by which the writing keeps its distance from a claim.
    #[serde(default)]
    pub hedges: Vec<Hedge>,
    /// Counts over the layers above.
    #[serde(default)]
    pub summary: Summary,
}

/// A sentence span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Position in the document's sentence list.
    pub id: usize,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A line of markup residue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Noise {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// What kind of residue it is; `markup` for now.
    pub kind: String,
    /// The covered text.
    pub text: String,
}

/// A named entity or numeric expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e0`, `e1`, ... in text order.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// OntoNotes label.
    pub label: EntityLabel,
    /// Index of the sentence holding the entity.
    pub sentence: usize,
    /// The pattern or lexicon entry that produced it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// Entity labels, after the OntoNotes conventions spaCy uses.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
}

impl EntityLabel {
    /// Every label, in schema order.
    pub const ALL: [EntityLabel; 11] = [
        EntityLabel::Person,
        EntityLabel::Org,
        EntityLabel::Gpe,
        EntityLabel::Loc,
        EntityLabel::Norp,
        EntityLabel::Date,
        EntityLabel::Time,
        EntityLabel::Money,
        EntityLabel::Percent,
        EntityLabel::Quantity,
        EntityLabel::Cardinal,
    ];

    /// The label as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Loc => "LOC",
            EntityLabel::Norp => "NORP",
            EntityLabel::Date => "DATE",
            EntityLabel::Time => "TIME",
            EntityLabel::Money => "MONEY",
            EntityLabel::Percent => "PERCENT",
            EntityLabel::Quantity => "QUANTITY",
            EntityLabel::Cardinal => "CARDINAL",
        }
    }

    /// Parses an output label name.
    pub fn parse(name: &str) -> Option<EntityLabel> {
        EntityLabel::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// A plain span with its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// The cue of an attribution: its span and the lemma of its reporting verb or phrase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CueSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text (with auxiliaries and particles: `has also said`).
    pub text: String,
    /// The lemma of the reporting verb (`say` for `has also said`) or the phrase itself
    /// (`according to`), lower case; empty in documents of schema 1.0.0, and then left
    /// out when the document is written again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lemma: String,
}

/// What kind of report a cue makes; users filter on it, since news corpora mark more than
/// speech.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// A speech act: `said`, `told`, `denied`, `according to`.
    #[default]
    Speech,
    /// A state of mind: `believes`, `thinks`, `fears`.
    Belief,
    /// A finding or a showing: `a poll shows`, `the report found`.
    Evidence,
    /// A plan or commitment: `plans to`, `wants`, `vowed to`.
    Intention,
}

impl CueClass {
    /// The name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Belief => "belief",
            CueClass::Evidence => "evidence",
            CueClass::Intention => "intention",
        }
    }

    /// The class named `name` as written in output.
    pub fn from_name(name: &str) -> Option<CueClass> {
        [
            CueClass::Speech,
            CueClass::Belief,
            CueClass::Evidence,
            CueClass::Intention,
        ]
        .into_iter()
        .find(|c| c.as_str() == name)
    }
}

/// The source span of an attribution, linked to the entity it names or stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// Id of the PERSON/ORG entity the source names, or a pronoun refers to.
    #[serde(default)]
    pub entity: Option<String>,
}

/// One reported claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// `a0`, `a1`, ... in order of the cue.
    pub id: String,
    /// Index of the sentence holding the cue.
    pub sentence: usize,
    /// Direct, indirect or mixed.
    #[serde(rename = "type")]
    pub kind: AttributionType,
    /// What sort of source is reported.
    pub source_kind: SourceKind,
    /// What kind of report the cue makes (since 1.1.0; absent from a 1.0.0 document, and
    /// then left out when the document is written again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_class: Option<CueClass>,
    /// The words that signal the report, with the reporting verb's lemma.
    pub cue: CueSpan,
    /// Who is reported; null when the text names nobody.
    pub source: Option<SourceSpan>,
    /// What is reported, without enclosing quote marks or `that`.
    pub content: Option<TextSpan>,
    /// For a quotation continued over several sentences: the id of its first attribution.
    #[serde(default)]
    pub continues: Option<String>,
    /// The pattern that produced it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// How the content is reported.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionType {
    Direct,
    Indirect,
    Mixed,
}

impl AttributionType {
    /// The name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionType::Direct => "direct",
            AttributionType::Indirect => "indirect",
            AttributionType::Mixed => "mixed",
        }
    }
}

/// Who the source is, as far as the text tells.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Named,
    Anonymous,
    Pronoun,
    Document,
    Agentless,
}

impl SourceKind {
    /// The name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Pronoun => "pronoun",
            SourceKind::Document => "document",
            SourceKind::Agentless => "agentless",
        }
    }
}

/// A hedge cue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hedge {
    /// `h0`, `h1`, ... in text order.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// Which family of hedge it is.
    pub kind: HedgeKind,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// Id of the attribution whose cue or content holds the hedge.
    #[serde(default)]
    pub attribution: Option<String>,
    /// The lexicon entry or pattern that produced it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// Families of hedges, as the annotation guide defines them.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HedgeKind {
    Modal,
    Adverb,
    Epistemic,
    Reporting,
    Agentless,
    Weasel,
    Approximator,
}

impl HedgeKind {
    /// Every kind, in schema order.
    pub const ALL: [HedgeKind; 7] = [
        HedgeKind::Modal,
        HedgeKind::Adverb,
        HedgeKind::Epistemic,
        HedgeKind::Reporting,
        HedgeKind::Agentless,
        HedgeKind::Weasel,
        HedgeKind::Approximator,
    ];

    /// The name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            HedgeKind::Modal => "modal",
            HedgeKind::Adverb => "adverb",
            HedgeKind::Epistemic => "epistemic",
            HedgeKind::Reporting => "reporting",
            HedgeKind::Agentless => "agentless",
            HedgeKind::Weasel => "weasel",
            HedgeKind::Approximator => "approximator",
        }
    }

    /// Parses an output kind name.
    pub fn parse(name: &str) -> Option<HedgeKind> {
        HedgeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Per-document counts, so that corpus statistics need no second pass over the layers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of sentences.
    pub sentences: usize,
    /// Sentences holding at least one hedge.
    pub hedged_sentences: usize,
    /// Number of attributions.
    pub attributions: usize,
    /// Attributions per source kind.
    pub by_source_kind: BTreeMap<String, usize>,
    /// Attributions per type.
    pub by_type: BTreeMap<String, usize>,
    /// Entities per label.
    pub entities_by_label: BTreeMap<String, usize>,
    /// Hedges per kind.
    pub hedges_by_kind: BTreeMap<String, usize>,
    /// Share of attributions whose source is named (0 when there are none).
    pub named_source_share: f64,
}

/// What is written in place of an annotation when a document cannot be annotated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Version of the output contract.
    pub schema_version: String,
    /// The document's id, or the best stand-in (`<file>:<line>`) when none could be read.
    pub id: String,
    /// Where the document came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The kind and explanation of a per-document failure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Machine-readable kind.
    pub kind: ErrorKind,
    /// Human-readable explanation.
    pub message: String,
}

/// Why a document could not be annotated.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The bytes are not UTF-8 (and `--lossy` was not given).
    Encoding,
    /// The input looks like a binary file, not text.
    Binary,
    /// The document is larger than `--max-bytes`.
    TooLarge,
    /// A JSONL line could not be parsed, or lacks its text field.
    Input,
    /// The path could not be read.
    Io,
    /// The document exceeded its time budget.
    Timeout,
}

impl ErrorKind {
    /// The kind as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Encoding => "encoding",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Input => "input",
            ErrorKind::Io => "io",
            ErrorKind::Timeout => "timeout",
        }
    }
}
