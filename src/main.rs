//! The `claimtag` binary: flags and subcommands over the library's public API.
//!
//! The command line lives here, not in the library, so the library's API is only what
//! every front end needs (the `Annotator`, the model, the formats, readers, eval) and no
//! stage can reach up into the CLI.

mod cli;

/// mimalloc rather than the system allocator: building and rendering an annotation makes
/// and frees many small strings and vectors, and glibc's malloc/free spent about 15% of a
/// run's instructions on them. Only the binary sets it, so the library leaves the choice
/// to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
