//! `claimtag convert --to FORMAT`: rewrites annotation files already written (by
//! `annotate`, or by hand like the gold corpus) in another format, without annotating
//! again. Reads `.json` (one or more annotation objects) and `.jsonl`/`.jsonl.gz`/`.jsonl.zst`
//! files, directories of them, or JSONL on stdin. The summary is recomputed from the layers,
//! so hand-written files need none. Error records pass through as each format writes them.

use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::Value;

use claimtag::OffsetUnit;
use claimtag::formats::{Format, Options, OutputFile, Renderer};
use claimtag::io::{Compression, Input, InputKind, error_record, open_jsonl};
use claimtag::model::{Annotation, ErrorKind, ErrorRecord};

use super::exit_status::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};

/// Flags of `claimtag convert`.
#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// Annotation files (.json, .jsonl, .jsonl.gz, .jsonl.zst) or directories of them;
    /// `-` or nothing reads JSONL from stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Target format: json, brat, spacy, labelstudio, conll, html or dolma.
    #[arg(long = "to", value_name = "FORMAT")]
    to: String,
    /// Write one output per input under DIR (required by brat, html and dolma).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Offsets of json and labelstudio output: `codepoint` (Python) or `utf16` (JavaScript).
    #[arg(long, default_value = "codepoint", value_name = "UNIT")]
    offsets: String,
    /// Dolma attribute name (directory under `attributes/` and key prefix).
    #[arg(long, default_value = "claimtag", value_name = "NAME")]
    attribute_name: String,
}

/// One annotation file to convert.
struct Source {
    path: Option<PathBuf>,
    relative: PathBuf,
    /// A `.json` file: one document (or a few) written whole, not line by line.
    whole: bool,
}

/// Parses one record: an error record, or an annotation whose summary is recomputed.
pub fn parse_record(value: Value, origin: &str) -> Result<Annotation, ErrorRecord> {
    let id = value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or(origin)
        .to_string();
    if value.get("error").is_some() {
        return Err(
            serde_json::from_value::<ErrorRecord>(value).unwrap_or_else(|e| {
                error_record(
                    &id,
                    Some(origin.to_string()),
                    ErrorKind::Input,
                    e.to_string(),
                )
            }),
        );
    }
    let mut value = value;
    if let Some(object) = value.as_object_mut() {
        object.remove("summary");
    }
    match serde_json::from_value::<Annotation>(value) {
        Ok(mut annotation) => {
            annotation.summary = claimtag::summary::summarize(&annotation);
            Ok(annotation)
        }
        Err(e) => Err(error_record(
            &id,
            Some(origin.to_string()),
            ErrorKind::Input,
            format!("not an annotation: {e}"),
        )),
    }
}

fn kind_of(path: &Path) -> Option<(bool, Compression)> {
    let name = path.file_name()?.to_string_lossy();
    if name.ends_with(".json") {
        Some((true, Compression::None))
    } else if name.ends_with(".jsonl") {
        Some((false, Compression::None))
    } else if name.ends_with(".jsonl.gz") {
        Some((false, Compression::Gzip))
    } else if name.ends_with(".jsonl.zst") {
        Some((false, Compression::Zstd))
    } else {
        None
    }
}

fn discover(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    let stdin = || Source {
        path: None,
        relative: PathBuf::from("stdin.jsonl"),
        whole: false,
    };
    if paths.is_empty() {
        sources.push(stdin());
    }
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(stdin());
        } else if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = entry.map_err(|e| e.to_string())?;
                if !entry.file_type().is_file() {
                    continue;
                }
                if let Some((whole, _)) = kind_of(entry.path()) {
                    sources.push(Source {
                        path: Some(entry.path().to_path_buf()),
                        relative: entry
                            .path()
                            .strip_prefix(path)
                            .unwrap_or(entry.path())
                            .to_path_buf(),
                        whole,
                    });
                }
            }
        } else if path.is_file() {
            sources.push(Source {
                path: Some(path.clone()),
                relative: PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
                whole: kind_of(path).is_some_and(|(whole, _)| whole),
            });
        } else {
            return Err(format!(
                "cannot read {}: no such file or directory",
                path.display()
            ));
        }
    }
    Ok(sources)
}

/// Runs `convert` and returns the exit status.
pub fn run(args: ConvertArgs) -> u8 {
    let setup = || -> Result<(Renderer, Vec<Source>), String> {
        let format = Format::parse(&args.to)?;
        let offsets = match args.offsets.as_str() {
            "codepoint" => OffsetUnit::Codepoint,
            "utf16" => OffsetUnit::Utf16,
            other => {
                return Err(format!(
                    "unknown offsets unit `{other}` (codepoint or utf16)"
                ));
            }
        };
        let options = Options {
            offsets,
            attribute_name: args.attribute_name.clone(),
        };
        let renderer = Renderer::new(format, options, args.out.as_deref())?;
        Ok((renderer, discover(&args.paths)?))
    };
    let (renderer, sources) = match setup() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("claimtag: {message}");
            return EXIT_USAGE;
        }
    };
    let mut failed = 0usize;
    let mut stdout = BufWriter::new(io::stdout());
    for source in &sources {
        let result = match &args.out {
            None => convert(&renderer, source, &mut stdout, &mut failed),
            Some(out) => {
                let target = out.join(renderer.output_for(&source.relative, source.whole));
                to_file(&renderer, source, &target, &mut failed)
            }
        };
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_OK,
            Err(e) => {
                eprintln!("claimtag: {e}");
                return EXIT_SOME_FAILED;
            }
        }
    }
    if let Err(e) = stdout.flush().and_then(|()| renderer.finish())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("claimtag: {e}");
        return EXIT_SOME_FAILED;
    }
    if failed > 0 {
        eprintln!("claimtag: {failed} records were error records or could not be read");
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

fn to_file(
    renderer: &Renderer,
    source: &Source,
    target: &Path,
    failed: &mut usize,
) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut temporary = target.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut file = OutputFile::create(&temporary, target)?;
    convert(renderer, source, &mut file, failed)?;
    file.finish()?;
    fs::rename(&temporary, target)
}

fn convert(
    renderer: &Renderer,
    source: &Source,
    out: &mut dyn Write,
    failed: &mut usize,
) -> io::Result<()> {
    let name = source
        .path
        .as_ref()
        .map_or("<stdin>".to_string(), |p| p.display().to_string());
    let mut emit =
        |record: Result<Annotation, ErrorRecord>, out: &mut dyn Write| -> io::Result<()> {
            match record {
                Ok(annotation) => out.write_all(&renderer.render(&annotation, false)),
                Err(error) => {
                    *failed += 1;
                    out.write_all(&renderer.render_error(&error, false))
                }
            }
        };
    let unreadable = |e: io::Error| {
        Err(error_record(
            &name,
            Some(name.clone()),
            ErrorKind::Io,
            format!("cannot read {name}: {e}"),
        ))
    };
    if source.whole {
        let mut text = String::new();
        let read = fs::File::open(source.path.as_ref().map_or(Path::new(""), |p| p.as_path()))
            .and_then(|mut f| f.read_to_string(&mut text));
        if let Err(e) = read {
            return emit(unreadable(e), out);
        }
        for (n, value) in serde_json::Deserializer::from_str(&text)
            .into_iter::<Value>()
            .enumerate()
        {
            let origin = format!("{name}:{}", n + 1);
            let record = value
                .map_err(|e| {
                    error_record(&origin, Some(name.clone()), ErrorKind::Input, e.to_string())
                })
                .and_then(|v| parse_record(v, &origin));
            emit(record, out)?;
        }
        return Ok(());
    }
    let input = Input {
        path: source.path.clone(),
        relative: source.relative.clone(),
        kind: InputKind::Jsonl(
            source
                .path
                .as_deref()
                .and_then(kind_of)
                .map_or(Compression::None, |(_, c)| c),
        ),
    };
    let reader = match open_jsonl(&input) {
        Ok(r) => r,
        Err(e) => return emit(unreadable(e), out),
    };
    for (n, line) in reader.lines().enumerate() {
        let origin = format!("{name}:{}", n + 1);
        let line = match line {
            Ok(line) => line,
            Err(e) => return emit(unreadable(e), out),
        };
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str::<Value>(&line)
            .map_err(|e| error_record(&origin, Some(name.clone()), ErrorKind::Input, e.to_string()))
            .and_then(|v| parse_record(v, &origin));
        emit(record, out)?;
    }
    Ok(())
}
