//! The command line: flags are parsed once into validated settings, then each subcommand
//! runs on the library. Data goes to stdout, messages to stderr; the exit status is 0 when
//! every document succeeded, 1 when some failed (each with its record), 2 for usage errors.

mod annotate;
mod convert;
mod diff;
mod eval;
mod exit_status;
mod user_lexicons;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use exit_status::{EXIT_OK, EXIT_USAGE};

#[derive(Parser, Debug)]
#[command(
    name = "claimtag",
    version,
    about = "Annotates news articles: sentences, entities, attributions (who says what) and hedges."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Annotate documents: .txt files, JSONL shards (.jsonl, .jsonl.gz, .jsonl.zst),
    /// directories of them, or JSONL on stdin.
    Annotate(annotate::AnnotateArgs),
    /// Score annotations against gold ones (or claimtag itself, without --pred); thresholds
    /// with --min make it a CI gate.
    Eval(eval::EvalArgs),
    /// Check annotation files against the schema and the output contract's invariants.
    Validate(validate::ValidateArgs),
    /// List the annotations that appeared, disappeared or changed between two runs.
    Diff(diff::DiffArgs),
    /// Rewrite annotation files (JSON/JSONL) in another format: brat, spacy, labelstudio,
    /// conll, html, dolma, or json with other offsets.
    Convert(convert::ConvertArgs),
}

/// Runs the command line and returns the process exit status.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage_error = e.use_stderr();
            let _ = e.print();
            return ExitCode::from(if usage_error { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let status = match cli.command {
        Command::Annotate(args) => annotate::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Convert(args) => convert::run(args),
    };
    ExitCode::from(status)
}
