//! Output formats other tools read: brat, spaCy, Label Studio, CoNLL, Dolma attributes,
//! and HTML pages for people, besides claimtag's own JSON.
//!
//! Each format is a submodule of pure functions from an [`Annotation`] (plus options) to
//! bytes or to the contents of files; this module adds what both `annotate` and `convert`
//! need around them: parsing a format name, naming output files, and writing the formats
//! that take several files per document (brat: `.txt` + `.ann`; html: a page per document
//! and an `index.html`). [`Renderer::render`] is safe to call from many threads at once.

pub mod brat;
pub mod conll;
pub mod dolma;
pub mod html;
pub mod json;
pub mod labelstudio;
pub mod spacy;
pub mod tokens;
pub mod view;

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;

use crate::document::OffsetUnit;
use crate::io::{Input, InputKind};
use crate::model::{Annotation, ErrorRecord};
use crate::model_builder::Findings;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// claimtag's annotation JSON (the output contract).
    Json,
    /// brat standoff `.txt` + `.ann` per document.
    Brat,
    /// JSONL in the shape of spaCy's `Doc.to_json()`.
    Spacy,
    /// Label Studio import tasks with predictions (JSONL, one task a line).
    LabelStudio,
    /// CoNLL-2003-style token/BIO lines.
    Conll,
    /// One HTML page per document and an index page.
    Html,
    /// Dolma attribute rows, one per input row.
    Dolma,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Brat,
        Format::Spacy,
        Format::LabelStudio,
        Format::Conll,
        Format::Html,
        Format::Dolma,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Brat => "brat",
            Format::Spacy => "spacy",
            Format::LabelStudio => "labelstudio",
            Format::Conll => "conll",
            Format::Html => "html",
            Format::Dolma => "dolma",
        }
    }

    /// Parses a command-line format name.
    pub fn parse(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format `{name}` (expected {})", names.join(", "))
            })
    }

    /// Whether the format writes files per document (or per input shard) and so needs
    /// `--out DIR` rather than stdout.
    pub fn needs_out_dir(self) -> bool {
        matches!(self, Format::Brat | Format::Html | Format::Dolma)
    }

    /// Whether documents are written to files of their own rather than to the stream.
    fn writes_document_files(self) -> bool {
        matches!(self, Format::Brat | Format::Html)
    }
}

/// Settings of the writers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Offset unit for formats that leave the choice to the user (json, labelstudio);
    /// brat, spaCy and Dolma are always code points, as those tools require.
    pub offsets: OffsetUnit,
    /// Dolma attribute name: the directory under `attributes/` and the key prefix.
    pub attribute_name: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            offsets: OffsetUnit::Codepoint,
            attribute_name: "claimtag".to_string(),
        }
    }
}

/// Renders annotations in one format for a whole run, and writes the files a format keeps
/// beside the stream (per-document files, index pages, tool configurations).
pub struct Renderer {
    format: Format,
    options: Options,
    out: Option<PathBuf>,
    index: Mutex<Vec<html::IndexEntry>>,
}

impl Renderer {
    /// A renderer writing under `out` (required by the formats that write files).
    pub fn new(format: Format, options: Options, out: Option<&Path>) -> Result<Renderer, String> {
        if format.needs_out_dir() && out.is_none() {
            return Err(format!(
                "--format {} writes several files and needs --out DIR",
                format.name()
            ));
        }
        if options.attribute_name.is_empty()
            || !options
                .attribute_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(format!(
                "attribute name `{}` must be non-empty ASCII letters, digits, `_` or `-`",
                options.attribute_name
            ));
        }
        Ok(Renderer {
            format,
            options,
            out: out.map(Path::to_path_buf),
            index: Mutex::new(Vec::new()),
        })
    }

    /// The format rendered.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The bytes written to the stream (stdout, or the per-input output file) for one
    /// annotation. For brat and html the document's own files are written here, and the
    /// stream gets a manifest line `{"id", "files": [...]}` (or an error record when a file
    /// could not be written), so no document disappears silently.
    pub fn render(&self, annotation: &Annotation, pretty: bool) -> Vec<u8> {
        match self.format {
            Format::Json => {
                if view::DocView::unit_of(annotation) == self.options.offsets {
                    annotation_json(annotation, pretty)
                } else {
                    annotation_json(&view::reexpress(annotation, self.options.offsets), pretty)
                }
            }
            Format::Spacy => to_json(&spacy::document(annotation), false),
            Format::LabelStudio => to_json(
                &labelstudio::render(annotation, self.options.offsets),
                false,
            ),
            Format::Conll => conll::render(annotation).into_bytes(),
            Format::Dolma => to_json(
                &dolma::render(annotation, &self.options.attribute_name),
                false,
            ),
            Format::Brat | Format::Html => match self.write_document_files(annotation) {
                Ok(files) => to_json(&json!({"id": annotation.id, "files": files}), false),
                Err(e) => to_json(
                    &crate::io::error_record(
                        &annotation.id,
                        annotation.source.clone(),
                        crate::model::ErrorKind::Io,
                        format!("cannot write the {} files: {e}", self.format.name()),
                    ),
                    false,
                ),
            },
        }
    }

    /// [`Renderer::render`] for a document annotated in this run, with the `source` and
    /// `meta` its annotation carries. The compact JSON line is written from the findings
    /// directly; every other output is rendered from the model they make.
    ///
    /// Public because the command line, which lives in the binary, writes every document
    /// of a corpus run through it.
    pub fn render_findings(
        &self,
        findings: Findings<'_>,
        source: String,
        meta: Option<serde_json::Map<String, serde_json::Value>>,
        pretty: bool,
    ) -> Vec<u8> {
        if self.format == Format::Json && !pretty && findings.unit == self.options.offsets {
            return json::findings_line(&findings, Some(&source), meta.as_ref());
        }
        let mut annotation = findings.into_annotation();
        annotation.source = Some(source);
        annotation.meta = meta;
        self.render(&annotation, pretty)
    }

    /// The bytes written in place of a document that could not be annotated: the error
    /// record itself, except in Dolma (an empty row keeps the row order) and CoNLL (a
    /// comment line, which CoNLL readers skip).
    pub fn render_error(&self, error: &ErrorRecord, pretty: bool) -> Vec<u8> {
        match self.format {
            Format::Dolma => to_json(&dolma::render_error(error), false),
            Format::Conll => format!(
                "# error {} {}: {}\n\n",
                error.id,
                error.error.kind.as_str(),
                error.error.message.replace('\n', " ")
            )
            .into_bytes(),
            Format::Html => {
                self.remember(html::IndexEntry {
                    href: None,
                    id: error.id.clone(),
                    summary: None,
                    error: Some(format!(
                        "{}: {}",
                        error.error.kind.as_str(),
                        error.error.message
                    )),
                });
                to_json(error, false)
            }
            _ => to_json(error, pretty),
        }
    }

    /// The stream file of an input under `--out`, relative to the output directory.
    pub fn output_relative(&self, input: &Input) -> PathBuf {
        self.output_for(&input.relative, matches!(input.kind, InputKind::Text))
    }

    /// The stream file for an input at `relative` (a `.txt` document when `single`, else a
    /// shard): `json` keeps claimtag's names, Dolma mirrors the input path under
    /// `attributes/<name>/` (same name, same compression, as Dolma's mixer expects), the
    /// others add their own extension.
    pub fn output_for(&self, relative: &Path, single: bool) -> PathBuf {
        let name = relative.to_string_lossy().replace('\\', "/");
        let stem = strip_extension(&name);
        let file = match self.format {
            Format::Json if single => format!("{stem}.json"),
            Format::Json => format!("{stem}.jsonl"),
            Format::Spacy => format!("{stem}.spacy.jsonl"),
            Format::LabelStudio => format!("{stem}.labelstudio.jsonl"),
            Format::Conll => format!("{stem}.conll"),
            Format::Brat | Format::Html => format!("{stem}.manifest.jsonl"),
            Format::Dolma if single => {
                format!("attributes/{}/{stem}.jsonl", self.options.attribute_name)
            }
            Format::Dolma => format!("attributes/{}/{name}", self.options.attribute_name),
        };
        safe_relative(&file)
    }

    /// Writes what a run leaves beside the documents: brat's `annotation.conf` and
    /// `visual.conf`, Label Studio's `label_config.xml`, the html `index.html`.
    pub fn finish(&self) -> io::Result<()> {
        let Some(out) = &self.out else {
            return Ok(());
        };
        match self.format {
            Format::Brat => {
                write_atomically(
                    &out.join("annotation.conf"),
                    brat::ANNOTATION_CONF.as_bytes(),
                )?;
                write_atomically(&out.join("visual.conf"), brat::VISUAL_CONF.as_bytes())
            }
            Format::LabelStudio => write_atomically(
                &out.join("label_config.xml"),
                labelstudio::LABEL_CONFIG.as_bytes(),
            ),
            Format::Html => {
                let mut entries = self
                    .index
                    .lock()
                    .map(|e| e.clone())
                    .unwrap_or_else(|poisoned| poisoned.into_inner().clone());
                entries.sort_by(|a, b| (&a.href, &a.id).cmp(&(&b.href, &b.id)));
                write_atomically(&out.join("index.html"), html::index(&entries).as_bytes())
            }
            _ => Ok(()),
        }
    }

    fn remember(&self, entry: html::IndexEntry) {
        match self.index.lock() {
            Ok(mut entries) => entries.push(entry),
            Err(poisoned) => poisoned.into_inner().push(entry),
        }
    }

    /// Writes a document's own files and returns their paths relative to the output dir.
    fn write_document_files(&self, annotation: &Annotation) -> io::Result<Vec<String>> {
        let out = self
            .out
            .as_ref()
            .ok_or_else(|| io::Error::other("no output directory"))?;
        debug_assert!(self.format.writes_document_files());
        let stem = document_stem(&annotation.id);
        let stem_str = stem.to_string_lossy().replace('\\', "/");
        match self.format {
            Format::Brat => {
                let files = brat::render(annotation);
                let txt = format!("{stem_str}.txt");
                let ann = format!("{stem_str}.ann");
                write_atomically(&out.join(&txt), files.text.as_bytes())?;
                write_atomically(&out.join(&ann), files.ann.as_bytes())?;
                Ok(vec![txt, ann])
            }
            _ => {
                let page = format!("{stem_str}.html");
                let depth = stem.components().count().saturating_sub(1);
                let index_href = format!("{}index.html", "../".repeat(depth));
                let html = html::page(annotation, Some(&index_href));
                write_atomically(&out.join(&page), html.as_bytes())?;
                self.remember(html::IndexEntry::of(annotation, page.clone()));
                Ok(vec![page])
            }
        }
    }
}

/// An output file that compresses according to its final name (`.gz`, `.zst`), so that a
/// Dolma attribute file has the same name and encoding as the shard it describes.
pub enum OutputFile {
    /// Uncompressed.
    Plain(io::BufWriter<fs::File>),
    /// gzip.
    Gzip(flate2::write::GzEncoder<io::BufWriter<fs::File>>),
    /// zstd.
    Zstd(zstd::Encoder<'static, io::BufWriter<fs::File>>),
}

impl OutputFile {
    /// Creates `path`, compressed as the extension of `target` says (`path` may be a
    /// temporary name for `target`).
    pub fn create(path: &Path, target: &Path) -> io::Result<OutputFile> {
        let file = io::BufWriter::with_capacity(1 << 16, fs::File::create(path)?);
        let name = target.to_string_lossy();
        Ok(if name.ends_with(".gz") {
            OutputFile::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            ))
        } else if name.ends_with(".zst") {
            OutputFile::Zstd(zstd::Encoder::new(file, 3)?)
        } else {
            OutputFile::Plain(file)
        })
    }

    /// Ends the compressed stream and flushes everything to the file.
    pub fn finish(self) -> io::Result<()> {
        match self {
            OutputFile::Plain(mut w) => w.flush(),
            OutputFile::Gzip(w) => w.finish()?.flush(),
            OutputFile::Zstd(w) => w.finish()?.flush(),
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            OutputFile::Plain(w) => w.write(buf),
            OutputFile::Gzip(w) => w.write(buf),
            OutputFile::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Plain(w) => w.flush(),
            OutputFile::Gzip(w) => w.flush(),
            OutputFile::Zstd(w) => w.flush(),
        }
    }
}

/// An annotation in claimtag's JSON: the compact line by the direct writer (the hot path of
/// every corpus run), the indented form through serde_json.
fn annotation_json(annotation: &Annotation, pretty: bool) -> Vec<u8> {
    if pretty {
        to_json(annotation, true)
    } else {
        json::annotation_line(annotation)
    }
}

fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> Vec<u8> {
    let mut out = if pretty {
        serde_json::to_vec_pretty(value)
    } else {
        serde_json::to_vec(value)
    }
    .unwrap_or_else(|e| {
        serde_json::to_vec(&json!({"error": {"kind": "io", "message": e.to_string()}}))
            .unwrap_or_default()
    });
    out.push(b'\n');
    out
}

fn strip_extension(name: &str) -> &str {
    for ext in [
        ".jsonl.gz",
        ".jsonl.zst",
        ".jsonl",
        ".json.gz",
        ".json.zst",
        ".json",
        ".txt",
    ] {
        if let Some(stem) = name.strip_suffix(ext) {
            return stem;
        }
    }
    name
}

/// A relative path that cannot leave the output directory: `..`, root and prefix
/// components are dropped.
fn safe_relative(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

/// FNV-1a, for a short stable suffix that keeps distinct ids apart after sanitising.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The file stem of a document's own files, from its id: `/` keeps making directories
/// (a text file's id is its relative path), other characters outside `[A-Za-z0-9._-]`
/// become `_`, and when anything had to change a hash of the id is appended so that two
/// ids never share a file.
pub fn document_stem(id: &str) -> PathBuf {
    let mut changed = false;
    let mut parts: Vec<String> = Vec::new();
    for part in id.split('/') {
        let mut clean: String = part
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    changed = true;
                    '_'
                }
            })
            .collect();
        if clean.len() > 120 {
            clean.truncate(120);
            changed = true;
        }
        if clean.is_empty() || clean.chars().all(|c| c == '.') {
            changed = true;
            clean = "_".repeat(clean.len().max(1));
        }
        parts.push(clean);
    }
    if changed && let Some(last) = parts.last_mut() {
        last.push_str(&format!("-{:08x}", fnv1a(id) as u32));
    }
    parts.iter().collect()
}

/// Writes a file under a temporary name and renames it into place, so a file under its
/// final name is always complete.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_stems_are_safe_and_distinct() {
        let cases: &[(&str, &str)] = &[
            ("port", "port"),
            ("b/nested/z", "b/nested/z"),
            ("doc-17_a.v2", "doc-17_a.v2"),
            ("../etc/passwd", "__/etc/passwd-"),
            ("a b", "a_b-"),
            ("", "_-"),
            ("Zürich", "Z_rich-"),
        ];
        for (id, prefix) in cases {
            let stem = document_stem(id).to_string_lossy().replace('\\', "/");
            assert!(stem.starts_with(prefix), "{id:?} -> {stem}");
            assert!(
                !Path::new(&stem)
                    .components()
                    .any(|c| matches!(c, Component::ParentDir)),
                "{id:?} escapes: {stem}"
            );
        }
        assert_ne!(document_stem("a b"), document_stem("a_b"));
        assert_ne!(document_stem("a b"), document_stem("a:b"));
    }

    #[test]
    fn output_names_follow_the_format() {
        let cases: &[(Format, &str, bool, &str)] = &[
            (Format::Json, "a.txt", true, "a.json"),
            (Format::Json, "d/s.jsonl.gz", false, "d/s.jsonl"),
            (Format::Spacy, "s.jsonl", false, "s.spacy.jsonl"),
            (
                Format::LabelStudio,
                "s.jsonl.zst",
                false,
                "s.labelstudio.jsonl",
            ),
            (Format::Conll, "a.txt", true, "a.conll"),
            (Format::Brat, "s.jsonl", false, "s.manifest.jsonl"),
            (
                Format::Dolma,
                "d/s.jsonl.gz",
                false,
                "attributes/claimtag/d/s.jsonl.gz",
            ),
            (Format::Dolma, "a.txt", true, "attributes/claimtag/a.jsonl"),
            (
                Format::Dolma,
                "../x.jsonl",
                false,
                "attributes/claimtag/x.jsonl",
            ),
        ];
        let out = tempfile::tempdir().unwrap();
        for (format, input, single, expected) in cases {
            let renderer = Renderer::new(*format, Options::default(), Some(out.path())).unwrap();
            let got = renderer.output_for(Path::new(input), *single);
            assert_eq!(got, PathBuf::from(expected), "{format:?} {input}");
        }
    }

    #[test]
    fn formats_writing_files_need_an_output_directory() {
        for format in Format::ALL {
            let made = Renderer::new(format, Options::default(), None);
            assert_eq!(made.is_err(), format.needs_out_dir(), "{format:?}");
        }
        let bad_name = Options {
            attribute_name: "a/b".into(),
            ..Options::default()
        };
        assert!(Renderer::new(Format::Json, bad_name, None).is_err());
    }
}
