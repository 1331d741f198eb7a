//! `claimtag annotate`: read inputs, annotate in parallel, write in input order.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use claimtag::formats::{Format, OutputFile, Renderer};
use claimtag::io::{
    Input, InputDocument, InputKind, JsonlLines, RawLine, ReadOptions, Record, discover,
    error_record, open_jsonl, parse_jsonl_line, read_text_file,
};
use claimtag::model::{ErrorKind, ErrorRecord};
use claimtag::{Annotator, Config, Layers, OffsetUnit};

use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

/// Bytes of stdout buffered: small records (error records, short documents) are gathered
/// into one write, while an annotation line, usually longer (it is several times its
/// input), goes out in a write of its own instead of being copied into the buffer first.
const STDOUT_BUFFER: usize = 8 * 1024;

/// Exit status of the `--fail-after` test hook, distinct from every status users see.
const EXIT_TEST_HOOK: i32 = 3;

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
    /// With --out: skip inputs whose output file is already complete (a rerun after an
    /// interruption picks up where the last run stopped).
    #[arg(long, requires = "out")]
    resume: bool,
    /// No progress bar, no summary, no failure count on stderr (the exit status still says).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// TEST HOOK, not for users: stop the process abruptly after writing N records, leaving
    /// the current output unfinished, as a kill would. Exit status 3.
    #[arg(long, hide = true, value_name = "N")]
    fail_after: Option<u64>,
    /// Give up on a document that takes longer than this many seconds (decimals allowed):
    /// it gets a `timeout` error record and the run goes on. Off by default, because a
    /// budget makes the outcome depend on the machine's speed.
    #[arg(long, value_name = "SECONDS")]
    doc_timeout: Option<f64>,
}

/// Documents handed to the worker pool at once: enough to keep every core busy between
/// hand-offs, few enough that memory is bounded by the batches in flight, not by the input.
const BATCH_DOCUMENTS: usize = 1024;
/// Input bytes per batch. At most five batches live at once (one being read, one queued for
/// the workers, one being annotated, one queued for the writer, one being written), so peak
/// memory is a few times this, whatever the size of the input.
const BATCH_BYTES: usize = 2 * 1024 * 1024;
/// Batches waiting between reader and workers, and between workers and writer: one each
/// lets every stage run while its neighbours work.
const QUEUED_BATCHES: usize = 1;

struct Settings {
    annotator: Annotator,
    renderer: Renderer,
    read: ReadOptions,
    out: Option<PathBuf>,
    resume: bool,
    quiet: bool,
    fail_after: Option<u64>,
    doc_timeout: Option<Duration>,
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
    let doc_timeout = match args.doc_timeout {
        None => None,
        Some(seconds) => Some(Duration::try_from_secs_f64(seconds).map_err(|_| {
            format!("--doc-timeout must be a number of seconds >= 0, not {seconds}")
        })?),
    };
    let user_lexicons = super::user_lexicons::read_user_lexicons(&args.lexicon)?;
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
        claimtag::formats::Options {
            offsets,
            ..Default::default()
        },
        args.out.as_deref(),
    )?;
    Ok(Settings {
        annotator,
        renderer,
        read: ReadOptions {
            id_field: args.id_field.clone(),
            text_field: args.text_field.clone(),
            max_bytes: args.max_bytes,
            lossy: args.lossy,
        },
        out: args.out.clone(),
        resume: args.resume,
        quiet: args.quiet,
        fail_after: args.fail_after,
        doc_timeout,
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
        // Named threads show each stage's share in `perf report --sort comm` and `top -H`.
        .thread_name(|i| format!("claimtag-work{i}"))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("claimtag: cannot start worker threads: {e}");
            return EXIT_USAGE;
        }
    };
    let inputs = without_outputs(discover(&args.paths), settings.out.as_deref());
    let progress = if settings.quiet || !io::stderr().is_terminal() {
        None
    } else {
        Some(Progress::new(inputs.len() as u64))
    };
    let started = Instant::now();
    let tally = match pipeline(&settings, &pool, inputs, progress.as_ref()) {
        Ok(tally) => tally,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_OK,
        Err(e) => {
            if let Some(progress) = &progress {
                progress.bar.abandon();
            }
            eprintln!("claimtag: {e}");
            return EXIT_SOME_FAILED;
        }
    };
    if let Some(progress) = &progress {
        progress.bar.finish_and_clear();
        eprintln!("claimtag: {}", tally.summary_line(started.elapsed()));
    } else if tally.failed > 0 && !settings.quiet {
        eprintln!(
            "claimtag: {} of {} documents failed (see their error records)",
            tally.failed, tally.documents
        );
    }
    if tally.failed > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

/// Drops inputs found inside the `--out` directory: with `--out corpus/annotated corpus/`,
/// a rerun must not annotate the annotations of the last run.
fn without_outputs(
    inputs: Vec<Result<Input, ErrorRecord>>,
    out: Option<&Path>,
) -> Vec<Result<Input, ErrorRecord>> {
    let Some(out) = out.and_then(|out| fs::canonicalize(out).ok()) else {
        return inputs;
    };
    inputs
        .into_iter()
        .filter(|input| match input {
            Ok(Input {
                path: Some(path), ..
            }) => !fs::canonicalize(path).is_ok_and(|path| path.starts_with(&out)),
            _ => true,
        })
        .collect()
}

/// Work for the pool, in input order, with the marks that tell the writer where each
/// input's output begins and ends.
enum Task {
    /// An input begins; its output goes to this file under `--out`, or to stdout (`None`).
    Open(Option<PathBuf>),
    /// A JSONL line, parsed by the worker (parsing is most of the reading cost).
    Line { line: RawLine, source: Arc<str> },
    /// A document read whole, or an error record standing in for a document.
    Record {
        record: Record,
        pretty: bool,
        input_bytes: u64,
    },
    /// The current input is done.
    Close,
    /// An input skipped by `--resume`: its output is complete.
    Skipped,
}

/// What the writer does, in order: a [`Task`] once annotated and rendered.
enum Step {
    Open(Option<PathBuf>),
    Write {
        rendered: Vec<u8>,
        failed: bool,
        input_bytes: u64,
    },
    Close,
    Skipped,
}

/// Reader, workers and writer run at once so that reading and decompressing, annotating,
/// and writing overlap; bounded queues between them keep memory to a few batches, and the
/// pool's ordered collect keeps the output in input order whatever the number of threads.
/// When one end stops (a write error, a closed pipe), the queues close and the others stop.
fn pipeline(
    settings: &Settings,
    pool: &rayon::ThreadPool,
    inputs: Vec<Result<Input, ErrorRecord>>,
    progress: Option<&Progress>,
) -> io::Result<Tally> {
    std::thread::scope(|scope| {
        let (task_sender, task_receiver) = sync_channel::<Vec<Task>>(QUEUED_BATCHES);
        let (step_sender, step_receiver) = sync_channel::<Vec<Step>>(QUEUED_BATCHES);
        let reader = std::thread::Builder::new()
            .name("claimtag-read".to_string())
            .spawn_scoped(scope, move || read_inputs(settings, inputs, task_sender))?;
        let writer = std::thread::Builder::new()
            .name("claimtag-write".to_string())
            .spawn_scoped(scope, move || {
                write_steps(settings, step_receiver, progress)
            })?;
        for batch in task_receiver {
            let steps: Vec<Step> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|task| annotate_task(settings, task))
                    .collect()
            });
            if step_sender.send(steps).is_err() {
                break;
            }
        }
        drop(step_sender);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread failed")));
        // The reader only stops early because the workers stopped; the writer says why.
        let _ = reader.join();
        let tally = written?;
        // Files a format keeps beside the documents (index pages, tool configurations).
        settings.renderer.finish()?;
        Ok(tally)
    })
}

/// Collects tasks into batches and sends each when full; `Err` means nobody listens any
/// more and reading should stop.
struct Batcher {
    sender: SyncSender<Vec<Task>>,
    tasks: Vec<Task>,
    documents: usize,
    bytes: usize,
}

struct Stopped;

impl Batcher {
    fn push(&mut self, task: Task) -> Result<(), Stopped> {
        match &task {
            Task::Line { line, .. } => {
                self.documents += 1;
                self.bytes += line.bytes.len();
            }
            Task::Record { input_bytes, .. } => {
                self.documents += 1;
                self.bytes += usize::try_from(*input_bytes).unwrap_or(usize::MAX);
            }
            Task::Open(_) | Task::Close | Task::Skipped => {}
        }
        self.tasks.push(task);
        if self.documents >= BATCH_DOCUMENTS || self.bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Stopped> {
        self.documents = 0;
        self.bytes = 0;
        if self.tasks.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.tasks, Vec::with_capacity(BATCH_DOCUMENTS));
        self.sender.send(batch).map_err(|_| Stopped)
    }
}

/// The reading thread: walks the inputs in order, reads and decompresses them, and turns
/// them into tasks. Every document becomes exactly one task, so exactly one output record.
fn read_inputs(
    settings: &Settings,
    inputs: Vec<Result<Input, ErrorRecord>>,
    sender: SyncSender<Vec<Task>>,
) -> Result<(), Stopped> {
    let mut batcher = Batcher {
        sender,
        tasks: Vec::with_capacity(BATCH_DOCUMENTS),
        documents: 0,
        bytes: 0,
    };
    let to_files = settings.out.is_some();
    for input in inputs {
        let output = match &input {
            Ok(input) => settings.renderer.output_relative(input),
            Err(record) => error_output_relative(record),
        };
        if let Some(out) = &settings.out
            && settings.resume
            && out.join(&output).is_file()
        {
            batcher.push(Task::Skipped)?;
            continue;
        }
        batcher.push(Task::Open(settings.out.as_ref().map(|_| output)))?;
        match input {
            Err(record) => batcher.push(Task::Record {
                record: Record::Failed(record),
                pretty: false,
                input_bytes: 0,
            })?,
            Ok(input) => read_input(settings, &input, to_files, &mut batcher)?,
        }
        batcher.push(Task::Close)?;
    }
    batcher.flush()
}

fn read_input(
    settings: &Settings,
    input: &Input,
    to_files: bool,
    batcher: &mut Batcher,
) -> Result<(), Stopped> {
    match input.kind {
        InputKind::Text => {
            let record = read_text_file(input, &settings.read);
            let input_bytes = match &record {
                Record::Document(d) => d.doc.text.len() as u64,
                Record::Failed(_) => 0,
            };
            batcher.push(Task::Record {
                record,
                pretty: to_files,
                input_bytes,
            })
        }
        InputKind::Jsonl(_) => {
            let name = input.display_name();
            let reader = match open_jsonl(input) {
                Ok(reader) => reader,
                Err(e) => {
                    let record = error_record(
                        &name,
                        Some(name.clone()),
                        ErrorKind::Io,
                        format!("cannot read {name}: {e}"),
                    );
                    return batcher.push(Task::Record {
                        record: Record::Failed(record),
                        pretty: false,
                        input_bytes: 0,
                    });
                }
            };
            let source: Arc<str> = Arc::from(name.as_str());
            for line in JsonlLines::new(reader, name, settings.read.max_bytes) {
                let task = match line {
                    Ok(line) => Task::Line {
                        line,
                        source: Arc::clone(&source),
                    },
                    Err(record) => Task::Record {
                        record: Record::Failed(record),
                        pretty: false,
                        input_bytes: 0,
                    },
                };
                batcher.push(task)?;
            }
            Ok(())
        }
    }
}

/// Where the error record of an input that could not be opened goes under `--out`.
fn error_output_relative(record: &ErrorRecord) -> PathBuf {
    let name = Path::new(&record.id)
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("input"));
    PathBuf::from(format!("{}.json", name.display()))
}

/// A worker's share: parse, annotate and render one task.
fn annotate_task(settings: &Settings, task: Task) -> Step {
    match task {
        Task::Open(target) => Step::Open(target),
        Task::Close => Step::Close,
        Task::Skipped => Step::Skipped,
        Task::Line { line, source } => {
            let input_bytes = line.full_len as u64;
            let record = parse_jsonl_line(&line, &source, &settings.read);
            drop(line);
            annotate_record(settings, record, false, input_bytes)
        }
        Task::Record {
            record,
            pretty,
            input_bytes,
        } => annotate_record(settings, record, pretty, input_bytes),
    }
}

fn annotate_record(settings: &Settings, record: Record, pretty: bool, input_bytes: u64) -> Step {
    let (rendered, failed) = match record {
        Record::Document(InputDocument { doc, source, meta }) => {
            match settings.annotator.findings(&doc, settings.doc_timeout) {
                Ok(findings) => (
                    settings
                        .renderer
                        .render_findings(findings, source, meta, pretty),
                    false,
                ),
                Err(timed_out) => {
                    let error = error_record(
                        &doc.id,
                        Some(source),
                        ErrorKind::Timeout,
                        format!("{timed_out} (--doc-timeout)"),
                    );
                    (settings.renderer.render_error(&error, pretty), true)
                }
            }
        }
        Record::Failed(error) => (settings.renderer.render_error(&error, pretty), true),
    };
    Step::Write {
        rendered,
        failed,
        input_bytes,
    }
}

/// Counts of a run, for the exit status, the progress bar and the closing summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tally {
    documents: u64,
    failed: u64,
    input_bytes: u64,
    inputs_done: u64,
    inputs_skipped: u64,
}

impl Tally {
    fn rates(&self, elapsed: Duration) -> (f64, f64, f64) {
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let megabytes = self.input_bytes as f64 / 1e6;
        (
            megabytes,
            megabytes / seconds,
            self.documents as f64 / seconds,
        )
    }

    /// The one line printed at the end of a run on a terminal.
    fn summary_line(&self, elapsed: Duration) -> String {
        let (megabytes, mb_per_second, docs_per_second) = self.rates(elapsed);
        let mut line = format!(
            "{} documents, {} failed, {megabytes:.1} MB in {:.1} s ({mb_per_second:.1} MB/s, {docs_per_second:.0} docs/s)",
            self.documents,
            self.failed,
            elapsed.as_secs_f64()
        );
        if self.inputs_skipped > 0 {
            line.push_str(&format!(
                "; {} inputs skipped, already complete",
                self.inputs_skipped
            ));
        }
        line
    }
}

/// The progress bar on a terminal's stderr: inputs done out of all, with documents, MB,
/// MB/s and errors so far.
struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    fn new(inputs: u64) -> Progress {
        let bar = ProgressBar::new(inputs);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{bar:24}] {pos}/{len} inputs  {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn show(&self, tally: &Tally) {
        let (megabytes, mb_per_second, _) = tally.rates(self.started.elapsed());
        self.bar.set_position(tally.inputs_done);
        self.bar.set_message(format!(
            "{} docs  {megabytes:.1} MB  {mb_per_second:.1} MB/s  {} errors",
            tally.documents, tally.failed
        ));
    }
}

/// An output file being written: under a temporary name until complete, so that a file
/// under its final name is always whole, and `--resume` can trust it. Compression follows
/// the final name (a Dolma attribute file is compressed like its shard).
struct PendingOutput {
    writer: OutputFile,
    temporary: PathBuf,
    target: PathBuf,
}

impl PendingOutput {
    fn create(out: &Path, relative: &Path) -> io::Result<PendingOutput> {
        let target = out.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut temporary = target.clone().into_os_string();
        temporary.push(".tmp");
        let temporary = PathBuf::from(temporary);
        Ok(PendingOutput {
            writer: OutputFile::create(&temporary, &target)?,
            temporary,
            target,
        })
    }

    /// Flushes and moves the file into place; the rename is atomic, so an interrupted run
    /// leaves either the whole file or only its temporary.
    fn finish(self) -> io::Result<()> {
        let PendingOutput {
            writer,
            temporary,
            target,
        } = self;
        writer.finish()?;
        // A shard's output is worth the cost of reaching the disk before it counts as
        // complete (a power cut must not leave an empty file that --resume trusts); the
        // small `.json` of one text file is not: thousands of syncs would cost more than
        // annotating them again.
        if !target.to_string_lossy().ends_with(".json") {
            fs::File::open(&temporary)?.sync_data()?;
        }
        fs::rename(&temporary, &target)
    }
}

/// The writing end: applies steps in order to stdout or to files under `--out`.
struct Writer<'a> {
    settings: &'a Settings,
    stdout: Option<BufWriter<io::StdoutLock<'static>>>,
    file: Option<PendingOutput>,
    tally: Tally,
}

impl Writer<'_> {
    fn apply(&mut self, step: Step) -> io::Result<()> {
        match step {
            Step::Open(target) => {
                if let (Some(out), Some(relative)) = (&self.settings.out, target) {
                    self.file = Some(PendingOutput::create(out, &relative)?);
                }
            }
            Step::Write {
                rendered,
                failed,
                input_bytes,
            } => {
                self.write_record(&rendered)?;
                self.tally.documents += 1;
                self.tally.failed += u64::from(failed);
                self.tally.input_bytes += input_bytes;
                if self.settings.fail_after == Some(self.tally.documents) {
                    self.stop_as_if_killed();
                }
            }
            Step::Close => {
                if let Some(file) = self.file.take() {
                    file.finish()?;
                }
                self.tally.inputs_done += 1;
            }
            Step::Skipped => {
                self.tally.inputs_done += 1;
                self.tally.inputs_skipped += 1;
            }
        }
        Ok(())
    }

    /// Writes one rendered record to the current output.
    fn write_record(&mut self, rendered: &[u8]) -> io::Result<()> {
        if let Some(file) = &mut self.file {
            file.writer.write_all(rendered)
        } else {
            let stdout = self.stdout.get_or_insert_with(|| {
                BufWriter::with_capacity(STDOUT_BUFFER, io::stdout().lock())
            });
            stdout.write_all(rendered)
        }
    }

    /// The `--fail-after` test hook: what is written so far reaches the disk, the current
    /// output stays under its temporary name, and the process ends without cleanup.
    fn stop_as_if_killed(&mut self) -> ! {
        if let Some(file) = &mut self.file {
            let _ = file.writer.flush();
        }
        if let Some(stdout) = &mut self.stdout {
            let _ = stdout.flush();
        }
        std::process::exit(EXIT_TEST_HOOK);
    }

    fn finish(mut self) -> io::Result<Tally> {
        if let Some(file) = self.file.take() {
            file.finish()?;
        }
        if let Some(mut stdout) = self.stdout.take() {
            stdout.flush()?;
        }
        Ok(self.tally)
    }
}

/// The writing thread.
fn write_steps(
    settings: &Settings,
    receiver: Receiver<Vec<Step>>,
    progress: Option<&Progress>,
) -> io::Result<Tally> {
    let mut writer = Writer {
        settings,
        stdout: None,
        file: None,
        tally: Tally::default(),
    };
    for batch in receiver {
        for step in batch {
            writer.apply(step)?;
        }
        if let Some(progress) = progress {
            progress.show(&writer.tally);
        }
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_reports_counts_rates_and_skips() {
        let cases = [
            (
                Tally {
                    documents: 10,
                    failed: 1,
                    input_bytes: 4_000_000,
                    inputs_done: 2,
                    inputs_skipped: 0,
                },
                2.0,
                "10 documents, 1 failed, 4.0 MB in 2.0 s (2.0 MB/s, 5 docs/s)",
            ),
            (
                Tally {
                    documents: 0,
                    failed: 0,
                    input_bytes: 0,
                    inputs_done: 3,
                    inputs_skipped: 3,
                },
                0.5,
                "0 documents, 0 failed, 0.0 MB in 0.5 s (0.0 MB/s, 0 docs/s); 3 inputs skipped, already complete",
            ),
        ];
        for (tally, seconds, expected) in cases {
            assert_eq!(
                tally.summary_line(Duration::from_secs_f64(seconds)),
                expected
            );
        }
    }

    #[test]
    fn error_outputs_are_named_after_the_missing_file() {
        let cases = [("/no/such/dir/a.jsonl", "a.jsonl.json"), ("", "input.json")];
        for (id, expected) in cases {
            let record = error_record(id, None, ErrorKind::Io, "gone");
            assert_eq!(error_output_relative(&record), PathBuf::from(expected));
        }
    }
}
