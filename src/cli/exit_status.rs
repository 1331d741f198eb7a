//! The exit statuses of every subcommand, in a leaf module: the subcommands import them
//! from here rather than from `mod.rs`, which imports the subcommands, so the files of
//! `src/cli/` form no circle.

/// Exit status when every document was annotated.
pub const EXIT_OK: u8 = 0;
/// Exit status when some documents failed (each has its error record).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status for usage and configuration errors.
pub const EXIT_USAGE: u8 = 2;
