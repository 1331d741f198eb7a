//! The `claimtag` binary: a thin shell over the library's command line.

/// mimalloc rather than the system allocator: building and rendering an annotation makes
/// and frees many small strings and vectors, and glibc's malloc/free spent about 15% of a
/// run's instructions on them. Only the binary sets it, so the library leaves the choice
/// to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimtag::cli::run()
}
