//! Shared body of the fuzz targets. The checks live in `checks.rs` so that the main
//! crate's `tests/fuzz_regressions.rs` can include the very same file.

pub mod checks;
