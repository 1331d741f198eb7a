//! Readers at the edge of the pipeline: paths, directories, JSONL shards, stdin.
//!
//! Every input document becomes exactly one [`Record`]: a document to annotate, or an
//! error record that takes its place in the output, so a corpus run never loses a document
//! silently.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::document::Document;
use crate::model::{ErrorInfo, ErrorKind, ErrorRecord, SCHEMA_VERSION};

mod flat;

/// How documents are read.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// JSONL field holding the id.
    pub id_field: String,
    /// JSONL field holding the text.
    pub text_field: String,
    /// Documents (and JSONL lines) larger than this are refused with `too_large`.
    pub max_bytes: u64,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the document.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            id_field: "id".to_string(),
            text_field: "text".to_string(),
            max_bytes: 64 * 1024 * 1024,
            lossy: false,
        }
    }
}

/// Compression of a JSONL input, told by its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain text.
    None,
    /// `.gz`
    Gzip,
    /// `.zst`
    Zstd,
}

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// One document (`.txt`).
    Text,
    /// One document a line.
    Jsonl(Compression),
}

/// One input: a file found on the command line or under a directory, or stdin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The file to read; `None` for stdin.
    pub path: Option<PathBuf>,
    /// Path relative to the argument it was found under: the document id of a `.txt`
    /// (without extension) and the mirrored name under `--out`.
    pub relative: PathBuf,
    /// What the input holds.
    pub kind: InputKind,
}

impl Input {
    /// The name shown in `source` fields and messages.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }

    /// The output file name under `--out`: `.json` for a text input, `.jsonl` for a shard.
    pub fn output_relative(&self) -> PathBuf {
        let name = self.relative.to_string_lossy();
        let stem = strip_input_extension(&name);
        match self.kind {
            InputKind::Text => PathBuf::from(format!("{stem}.json")),
            InputKind::Jsonl(_) => PathBuf::from(format!("{stem}.jsonl")),
        }
    }
}

fn strip_input_extension(name: &str) -> &str {
    for ext in [".jsonl.gz", ".jsonl.zst", ".jsonl", ".txt"] {
        if let Some(stem) = name.strip_suffix(ext) {
            return stem;
        }
    }
    name
}

/// The kind of a file from its name; `None` for files a directory walk skips.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy();
    if name.ends_with(".txt") {
        Some(InputKind::Text)
    } else if name.ends_with(".jsonl") {
        Some(InputKind::Jsonl(Compression::None))
    } else if name.ends_with(".jsonl.gz") {
        Some(InputKind::Jsonl(Compression::Gzip))
    } else if name.ends_with(".jsonl.zst") {
        Some(InputKind::Jsonl(Compression::Zstd))
    } else {
        None
    }
}

/// Expands command-line paths into inputs, in order: each argument in turn, directories
/// walked recursively in sorted order. A path that cannot be read becomes an `io` error.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<Input, ErrorRecord>> {
    let mut inputs = Vec::new();
    if paths.is_empty() {
        inputs.push(Ok(stdin_input()));
    }
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(stdin_input()));
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                inputs.push(Err(io_error(path, &e)));
                continue;
            }
        };
        if metadata.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        if let Some(kind) = kind_of(entry.path()) {
                            let relative = entry
                                .path()
                                .strip_prefix(path)
                                .unwrap_or(entry.path())
                                .to_path_buf();
                            inputs.push(Ok(Input {
                                path: Some(entry.path().to_path_buf()),
                                relative,
                                kind,
                            }));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().unwrap_or(path).to_path_buf();
                        let message = e.to_string();
                        inputs.push(Err(error_record(
                            &at.display().to_string(),
                            Some(at.display().to_string()),
                            ErrorKind::Io,
                            message,
                        )));
                    }
                }
            }
        } else {
            // A file named directly is read by its extension; anything else is one text.
            let kind = kind_of(path).unwrap_or(InputKind::Text);
            let relative = PathBuf::from(path.file_name().unwrap_or(path.as_os_str()));
            inputs.push(Ok(Input {
                path: Some(path.clone()),
                relative,
                kind,
            }));
        }
    }
    inputs
}

fn stdin_input() -> Input {
    Input {
        path: None,
        relative: PathBuf::from("stdin.jsonl"),
        kind: InputKind::Jsonl(Compression::None),
    }
}

/// An error record for a document that could not be annotated.
pub fn error_record(
    id: &str,
    source: Option<String>,
    kind: ErrorKind,
    message: impl Into<String>,
) -> ErrorRecord {
    ErrorRecord {
        schema_version: SCHEMA_VERSION.to_string(),
        id: id.to_string(),
        source,
        error: ErrorInfo {
            kind,
            message: message.into(),
        },
    }
}

fn io_error(path: &Path, e: &io::Error) -> ErrorRecord {
    let name = path.display().to_string();
    error_record(
        &name,
        Some(name.clone()),
        ErrorKind::Io,
        format!("cannot read {name}: {e}"),
    )
}

/// A document ready to annotate, with what the output carries along.
#[derive(Clone, Debug, PartialEq)]
pub struct InputDocument {
    /// Id and text.
    pub doc: Document,
    /// Where it came from.
    pub source: String,
    /// Other input fields, carried to `meta`.
    pub meta: Option<Map<String, Value>>,
}

/// One input document's fate: annotate it, or write the error in its place.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// A readable document.
    Document(InputDocument),
    /// A document that cannot be annotated.
    Failed(ErrorRecord),
}

/// The id of a text file: its relative path without `.txt`, with `/` separators.
pub fn text_id(relative: &Path) -> String {
    let name = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    strip_input_extension(&name).to_string()
}

/// Bytes that mark a file as binary: a NUL, as git and grep decide, within the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Turns bytes into text under the options: `Err` carries the error kind and message.
fn decode(bytes: Vec<u8>, options: &ReadOptions) -> Result<String, (ErrorKind, String)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if options.lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err((
            ErrorKind::Encoding,
            format!(
                "invalid UTF-8 at byte {} (use --lossy to replace bad bytes)",
                e.utf8_error().valid_up_to()
            ),
        )),
    }
}

/// Reads a `.txt` input as one document.
pub fn read_text_file(input: &Input, options: &ReadOptions) -> Record {
    let id = text_id(&input.relative);
    let source = input.display_name();
    let fail = |kind, message: String| {
        Record::Failed(error_record(&id, Some(source.clone()), kind, message))
    };
    let Some(path) = &input.path else {
        return fail(ErrorKind::Io, "text input needs a path".to_string());
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(ErrorKind::Io, format!("cannot read {source}: {e}")),
    };
    // Read at most one byte past the limit, so a huge file costs no more than the limit.
    let mut bytes = Vec::new();
    if let Err(e) = file.take(options.max_bytes + 1).read_to_end(&mut bytes) {
        return fail(ErrorKind::Io, format!("cannot read {source}: {e}"));
    }
    if bytes.len() as u64 > options.max_bytes {
        return fail(
            ErrorKind::TooLarge,
            format!(
                "document is larger than --max-bytes ({} bytes)",
                options.max_bytes
            ),
        );
    }
    if looks_binary(&bytes) {
        return fail(
            ErrorKind::Binary,
            "file looks binary (it holds NUL bytes)".to_string(),
        );
    }
    match decode(bytes, options) {
        Ok(text) => Record::Document(InputDocument {
            doc: Document::new(id, text),
            source,
            meta: None,
        }),
        Err((kind, message)) => fail(kind, message),
    }
}

/// Opens a JSONL input (decompressing by extension) as a buffered reader.
pub fn open_jsonl(input: &Input) -> io::Result<Box<dyn BufRead + Send>> {
    let Some(path) = &input.path else {
        return Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())));
    };
    let file = File::open(path)?;
    let reader: Box<dyn BufRead + Send> = match input.kind {
        InputKind::Jsonl(Compression::Gzip) => Box::new(BufReader::new(
            flate2::read::MultiGzDecoder::new(BufReader::new(file)),
        )),
        InputKind::Jsonl(Compression::Zstd) => {
            Box::new(BufReader::new(zstd::stream::read::Decoder::new(file)?))
        }
        _ => Box::new(BufReader::with_capacity(1 << 16, file)),
    };
    Ok(reader)
}

/// One JSONL line as read, not yet parsed: the reading thread only splits lines (and
/// decompresses), and leaves parsing to the worker threads, so that one reader keeps many
/// workers busy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    /// 1-based line number in its input (blank lines count), for fallback ids and messages.
    pub line_number: usize,
    /// The line without its newline, cut at `max_bytes + 1` bytes.
    pub bytes: Vec<u8>,
    /// The full length of the line on input, newline included, even when `bytes` was cut.
    pub full_len: usize,
}

/// Splits a JSONL input into raw lines, never holding more than one line (capped at
/// `max_bytes + 1`) in memory. Blank lines are skipped; a read error ends the input with
/// one `io` error record, since the documents after it cannot be counted.
pub struct JsonlLines<R> {
    reader: R,
    name: String,
    max_bytes: u64,
    line_number: usize,
    failed: bool,
}

impl<R: BufRead> JsonlLines<R> {
    /// Lines of `reader`; `name` is used in the `source` and fallback id of a read error.
    pub fn new(reader: R, name: String, max_bytes: u64) -> JsonlLines<R> {
        JsonlLines {
            reader,
            name,
            max_bytes,
            line_number: 0,
            failed: false,
        }
    }

    /// Reads one line into `buffer`, keeping at most `max_bytes + 1` bytes of it.
    /// Returns `Ok(None)` at end of input and `Ok(Some(full_len))` otherwise.
    fn read_line(&mut self, buffer: &mut Vec<u8>) -> io::Result<Option<usize>> {
        let cap = usize::try_from(self.max_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let mut total = 0usize;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(if total == 0 { None } else { Some(total) });
            }
            let (chunk, done) = match memchr::memchr(b'\n', available) {
                Some(p) => (&available[..p], Some(p + 1)),
                None => (available, None),
            };
            let room = cap.saturating_sub(buffer.len());
            buffer.extend_from_slice(&chunk[..chunk.len().min(room)]);
            total += chunk.len();
            let consumed = done.unwrap_or(chunk.len());
            self.reader.consume(consumed);
            if done.is_some() {
                // Count the newline so that a blank line is not mistaken for end of input.
                return Ok(Some(total + 1));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlLines<R> {
    type Item = Result<RawLine, ErrorRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            self.line_number += 1;
            let mut bytes = Vec::new();
            match self.read_line(&mut bytes) {
                Ok(None) => return None,
                Ok(Some(full_len)) => {
                    // A blank line within the limit is skipped; `bytes` holds the line
                    // without its `\n` (cut at `max_bytes + 1`), so a final line without
                    // `\n` is judged like any other.
                    let blank = bytes.iter().all(|b| b.is_ascii_whitespace());
                    if blank && bytes.len() as u64 <= self.max_bytes {
                        continue;
                    }
                    let end = trim_line_end(&bytes).len();
                    bytes.truncate(end);
                    return Some(Ok(RawLine {
                        line_number: self.line_number,
                        bytes,
                        full_len,
                    }));
                }
                Err(e) => {
                    self.failed = true;
                    let id = format!("{}:{}", self.name, self.line_number);
                    return Some(Err(error_record(
                        &id,
                        Some(self.name.clone()),
                        ErrorKind::Io,
                        format!("read error at line {}: {e}", self.line_number),
                    )));
                }
            }
        }
    }
}

/// Parses one JSONL line into a document, or the error record that takes its place.
/// `name` is the input's display name: the `source` of the output and the stem of fallback
/// ids (`name:line`).
pub fn parse_jsonl_line(line: &RawLine, name: &str, options: &ReadOptions) -> Record {
    let fallback = format!("{name}:{}", line.line_number);
    let fail = |kind, message: String| {
        Record::Failed(error_record(
            &fallback,
            Some(name.to_string()),
            kind,
            message,
        ))
    };
    let bytes = trim_line_end(&line.bytes);
    if line.full_len as u64 > options.max_bytes.saturating_add(1)
        || bytes.len() as u64 > options.max_bytes
    {
        return fail(
            ErrorKind::TooLarge,
            format!(
                "line {} is larger than --max-bytes ({} bytes)",
                line.line_number, options.max_bytes
            ),
        );
    }
    let decoded;
    let text_line = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) if options.lossy => {
            decoded = String::from_utf8_lossy(bytes).into_owned();
            decoded.as_str()
        }
        Err(e) => {
            return fail(
                ErrorKind::Encoding,
                format!(
                    "line {}: invalid UTF-8 at byte {} (use --lossy to replace bad bytes)",
                    line.line_number,
                    e.valid_up_to()
                ),
            );
        }
    };
    let parsed = match flat::parse_flat_object(text_line) {
        Some(map) => Ok(Value::Object(map)),
        None => serde_json::from_str::<Value>(text_line),
    };
    let mut object = match parsed {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            return fail(
                ErrorKind::Input,
                format!("line {}: not a JSON object", line.line_number),
            );
        }
        Err(e) => {
            return fail(
                ErrorKind::Input,
                format!("line {}: invalid JSON: {e}", line.line_number),
            );
        }
    };
    let id = match object.remove(&options.id_field) {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback.clone(),
    };
    let problem = match object.remove(&options.text_field) {
        Some(Value::String(text)) => {
            return Record::Document(InputDocument {
                doc: Document::new(id, text),
                source: name.to_string(),
                meta: if object.is_empty() {
                    None
                } else {
                    Some(object)
                },
            });
        }
        Some(_) => format!(
            "line {}: field `{}` is not a string",
            line.line_number, options.text_field
        ),
        None => format!(
            "line {}: no `{}` field",
            line.line_number, options.text_field
        ),
    };
    Record::Failed(error_record(
        &id,
        Some(name.to_string()),
        ErrorKind::Input,
        problem,
    ))
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    &line[..end]
}

/// Reads JSONL documents one line at a time: [`JsonlLines`] and [`parse_jsonl_line`] in one
/// iterator, for callers that do not spread parsing over threads.
pub struct JsonlReader<R> {
    lines: JsonlLines<R>,
    name: String,
    options: ReadOptions,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`; `name` is used in `source` fields and fallback ids.
    pub fn new(reader: R, name: String, options: ReadOptions) -> JsonlReader<R> {
        JsonlReader {
            lines: JsonlLines::new(reader, name.clone(), options.max_bytes),
            name,
            options,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        Some(match self.lines.next()? {
            Ok(line) => parse_jsonl_line(&line, &self.name, &self.options),
            Err(record) => Record::Failed(record),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, options: ReadOptions) -> Vec<Record> {
        JsonlReader::new(input.as_bytes(), "f.jsonl".to_string(), options).collect()
    }

    #[test]
    fn jsonl_lines_become_documents_or_errors() {
        let records = read_all(
            "{\"id\":\"a\",\"text\":\"One.\",\"url\":\"u\"}\n\n{broken\n{\"text\":\"Two.\"}\n{\"id\":7,\"text\":3}\n",
            ReadOptions::default(),
        );
        assert_eq!(records.len(), 4);
        match &records[0] {
            Record::Document(d) => {
                assert_eq!(d.doc.id, "a");
                assert_eq!(d.meta.as_ref().unwrap()["url"], "u");
            }
            other => panic!("unexpected {other:?}"),
        }
        match &records[1] {
            Record::Failed(e) => {
                assert_eq!(e.error.kind, ErrorKind::Input);
                assert_eq!(e.id, "f.jsonl:3");
                assert!(e.error.message.contains("line 3"));
            }
            other => panic!("unexpected {other:?}"),
        }
        match &records[2] {
            Record::Document(d) => assert_eq!(d.doc.id, "f.jsonl:4"),
            other => panic!("unexpected {other:?}"),
        }
        match &records[3] {
            Record::Failed(e) => assert_eq!((e.id.as_str(), e.error.kind), ("7", ErrorKind::Input)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn oversized_lines_are_refused_and_the_next_line_is_read() {
        let options = ReadOptions {
            max_bytes: 30,
            ..ReadOptions::default()
        };
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(100));
        let records = read_all(
            &format!("{long}\n{{\"id\":\"ok\",\"text\":\"Hi.\"}}\n"),
            options,
        );
        assert_eq!(records.len(), 2);
        assert!(matches!(&records[0], Record::Failed(e) if e.error.kind == ErrorKind::TooLarge));
        assert!(matches!(&records[1], Record::Document(d) if d.doc.id == "ok"));
    }

    #[test]
    fn blank_lines_are_skipped_only_within_the_limit() {
        let options = ReadOptions {
            max_bytes: 4,
            ..ReadOptions::default()
        };
        // (input, records expected): a blank line longer than the limit is refused whether
        // or not it ends with a newline.
        let cases = [
            ("   ", 0),
            ("   \n  \n", 0),
            ("       ", 1),
            ("       \n", 1),
            ("\r\n       \n   ", 1),
        ];
        for (input, expected) in cases {
            let records = read_all(input, options.clone());
            assert_eq!(records.len(), expected, "{input:?}");
            for record in records {
                assert!(
                    matches!(&record, Record::Failed(e) if e.error.kind == ErrorKind::TooLarge),
                    "{input:?}: {record:?}"
                );
            }
        }
    }

    #[test]
    fn input_names_map_to_ids_and_outputs() {
        assert_eq!(text_id(Path::new("news/a.txt")), "news/a");
        let input = Input {
            path: None,
            relative: PathBuf::from("shards/x.jsonl.gz"),
            kind: InputKind::Jsonl(Compression::Gzip),
        };
        assert_eq!(input.output_relative(), PathBuf::from("shards/x.jsonl"));
    }
}
