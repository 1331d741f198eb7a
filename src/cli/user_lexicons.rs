//! Reading the `--lexicon` files that `annotate` and `eval` both take, in a leaf module so
//! that neither reaches up into `mod.rs` for it.

/// Reads `--lexicon` files in order; the message names the file that failed.
pub fn read_user_lexicons(
    paths: &[std::path::PathBuf],
) -> Result<Vec<claimtag::UserLexicon>, String> {
    paths
        .iter()
        .map(|path| claimtag::UserLexicon::read(path).map_err(|e| e.to_string()))
        .collect()
}
