//! `claimtag annotate`: read inputs, annotate in parallel, write in input order.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;

use crate::formats::{Format, OutputFile, Renderer};
use crate::io::{
    Input, InputKind, JsonlReader, ReadOptions, Record, discover, open_jsonl, read_text_file,
};
use crate::model::ErrorRecord;
use crate::{Annotator, Config, Layers, OffsetUnit, UserLexicon};

use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

/// Flags of `claimtag annotate`.
#[derive(Args, Debug)]
pub struct AnnotateArgs {
    /// Files or directories to read; `-` or nothing reads JSONL from stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write one output file per input under DIR (mirroring relative paths) instead of stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Layers to compute: a comma-separated list of sentences, entities, attributions,
    /// hedges; `all` (default) or `none` (read and write only).
    #[arg(long, default_value = "all", value_name = "LIST")]
    layers: String,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Documents larger than this many bytes get a `too_large` error record.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    max_bytes: u64,
    /// Replace invalid UTF-8 with U+FFFD and annotate, instead of an `encoding` error.
    #[arg(long)]
    lossy: bool,
    /// A user lexicon (JSON, see schemas/lexicon.schema.json) adding to the built-in lists.
    /// Repeatable; applied in order.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Unit of output offsets: `codepoint` (Python) or `utf16` (JavaScript).
    #[arg(long, default_value = "codepoint", value_name = "UNIT")]
    offsets: String,
    /// Output format: json (default), brat, spacy, labelstudio, conll, html or dolma
    /// (brat, html and dolma write files and need --out). See docs/formats.md.
    #[arg(long, default_value = "json", value_name = "FORMAT")]
    format: String,
}

/// Documents annotated together: large enough to keep every core busy, small enough that
/// memory stays bounded by the batch, not by the input.
const BATCH_DOCUMENTS: usize = 512;
const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// Where annotated records go.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        writer: OutputFile,
        temporary: PathBuf,
        target: PathBuf,
    },
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { writer, .. } => writer,
        }
    }

    /// Flushes, and for a file moves it from its temporary name into place, so that a
    /// file under its final name is always complete.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File {
                writer,
                temporary,
                target,
            } => {
                writer.finish()?;
                fs::rename(&temporary, &target)
            }
        }
    }
}

struct Settings {
    annotator: Annotator,
    read: ReadOptions,
    out: Option<PathBuf>,
    renderer: Renderer,
}

fn settings(args: &AnnotateArgs) -> Result<Settings, String> {
    let layers = Layers::parse(&args.layers).map_err(|e| e.to_string())?;
    let offsets = match args.offsets.as_str() {
        "codepoint" => OffsetUnit::Codepoint,
        "utf16" => OffsetUnit::Utf16,
        other => {
            return Err(format!(
                "unknown offsets unit `{other}` (codepoint or utf16)"
            ));
        }
    };
    let mut user_lexicons = Vec::new();
    for path in &args.lexicon {
        let json = fs::read_to_string(path)
            .map_err(|e| format!("cannot read lexicon {}: {e}", path.display()))?;
        user_lexicons.push(
            UserLexicon::from_json(&json, &path.display().to_string())
                .map_err(|e| e.to_string())?,
        );
    }
    let annotator = Annotator::new(Config {
        layers,
        user_lexicons,
        offsets,
    })
    .map_err(|e| e.to_string())?;
    if args.threads == Some(0) {
        return Err("--threads must be at least 1".to_string());
    }
    let renderer = Renderer::new(
        Format::parse(&args.format)?,
        crate::formats::Options {
            offsets,
            ..Default::default()
        },
        args.out.as_deref(),
    )?;
    Ok(Settings {
        renderer,
        annotator,
        read: ReadOptions {
            id_field: args.id_field.clone(),
            text_field: args.text_field.clone(),
            max_bytes: args.max_bytes,
            lossy: args.lossy,
        },
        out: args.out.clone(),
    })
}

/// Runs `annotate` and returns the exit status.
pub fn run(args: AnnotateArgs) -> u8 {
    let settings = match settings(&args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("claimtag: {message}");
            return EXIT_USAGE;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("claimtag: cannot start worker threads: {e}");
            return EXIT_USAGE;
        }
    };
    let mut run = Run {
        settings: &settings,
        pool: &pool,
        failed: 0,
        documents: 0,
    };
    match run.all(&args.paths) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_OK,
        Err(e) => {
            eprintln!("claimtag: {e}");
            return EXIT_SOME_FAILED;
        }
    }
    if run.failed > 0 {
        eprintln!(
            "claimtag: {} of {} documents failed (see their error records)",
            run.failed, run.documents
        );
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

struct Run<'a> {
    settings: &'a Settings,
    pool: &'a rayon::ThreadPool,
    failed: usize,
    documents: usize,
}

impl Run<'_> {
    fn all(&mut self, paths: &[PathBuf]) -> io::Result<()> {
        let mut stdout = match self.settings.out {
            None => Some(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            ))),
            Some(_) => None,
        };
        for input in discover(paths) {
            match input {
                Ok(input) => match &mut stdout {
                    Some(sink) => self.input(&input, sink)?,
                    None => {
                        let mut sink =
                            self.file_sink(&self.settings.renderer.output_relative(&input))?;
                        self.input(&input, &mut sink)?;
                        sink.finish()?;
                    }
                },
                Err(record) => {
                    let rendered = vec![self.render_error(&record)];
                    match &mut stdout {
                        Some(sink) => self.write(sink, rendered)?,
                        None => {
                            let name = Path::new(&record.id)
                                .file_name()
                                .map(PathBuf::from)
                                .unwrap_or_else(|| PathBuf::from("input"));
                            let mut sink =
                                self.file_sink(&PathBuf::from(format!("{}.json", name.display())))?;
                            self.write(&mut sink, rendered)?;
                            sink.finish()?;
                        }
                    }
                }
            }
        }
        if let Some(sink) = stdout {
            sink.finish()?;
        }
        self.settings.renderer.finish()
    }

    fn file_sink(&self, relative: &Path) -> io::Result<Sink> {
        let out = self
            .settings
            .out
            .as_ref()
            .expect("file sinks only under --out");
        let target = out.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = target.with_extension(format!(
            "{}.tmp",
            target.extension().map_or("", |e| e.to_str().unwrap_or(""))
        ));
        Ok(Sink::File {
            writer: OutputFile::create(&temporary, &target)?,
            temporary,
            target,
        })
    }

    fn input(&mut self, input: &Input, sink: &mut Sink) -> io::Result<()> {
        match input.kind {
            InputKind::Text => {
                let record = read_text_file(input, &self.settings.read);
                let pretty = matches!(sink, Sink::File { .. });
                let rendered = self.render_batch(vec![record], pretty);
                self.write(sink, rendered)
            }
            InputKind::Jsonl(_) => {
                let reader = match open_jsonl(input) {
                    Ok(r) => r,
                    Err(e) => {
                        let name = input.display_name();
                        let record = crate::io::error_record(
                            &name,
                            Some(name.clone()),
                            crate::model::ErrorKind::Io,
                            format!("cannot read {name}: {e}"),
                        );
                        let rendered = vec![self.render_error(&record)];
                        return self.write(sink, rendered);
                    }
                };
                let records =
                    JsonlReader::new(reader, input.display_name(), self.settings.read.clone());
                let mut batch = Vec::new();
                let mut batch_bytes = 0;
                for record in records {
                    if let Record::Document(d) = &record {
                        batch_bytes += d.doc.text.len();
                    }
                    batch.push(record);
                    if batch.len() >= BATCH_DOCUMENTS || batch_bytes >= BATCH_BYTES {
                        let rendered = self.render_batch(std::mem::take(&mut batch), false);
                        self.write(sink, rendered)?;
                        batch_bytes = 0;
                    }
                }
                let rendered = self.render_batch(batch, false);
                self.write(sink, rendered)
            }
        }
    }

    /// Annotates and serialises a batch in parallel; the order of the output is the order
    /// of the batch, whatever the number of threads.
    fn render_batch(&mut self, batch: Vec<Record>, pretty: bool) -> Vec<Vec<u8>> {
        self.documents += batch.len();
        self.failed += batch
            .iter()
            .filter(|r| matches!(r, Record::Failed(_)))
            .count();
        let annotator = &self.settings.annotator;
        let renderer = &self.settings.renderer;
        self.pool.install(|| {
            batch
                .into_par_iter()
                .map(|record| match record {
                    Record::Document(input) => {
                        let mut annotation = annotator.annotate(&input.doc);
                        annotation.source = Some(input.source);
                        annotation.meta = input.meta;
                        renderer.render(&annotation, pretty)
                    }
                    Record::Failed(error) => renderer.render_error(&error, pretty),
                })
                .collect()
        })
    }

    fn render_error(&mut self, record: &ErrorRecord) -> Vec<u8> {
        self.documents += 1;
        self.failed += 1;
        self.settings.renderer.render_error(record, false)
    }

    fn write(&mut self, sink: &mut Sink, rendered: Vec<Vec<u8>>) -> io::Result<()> {
        let writer = sink.writer();
        for line in rendered {
            writer.write_all(&line)?;
        }
        Ok(())
    }
}
