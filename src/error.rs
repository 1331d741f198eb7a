//! The library's one error type, in a module of its own so that every stage can import it
//! from below instead of reaching up to the crate root (imports point down the flow; see
//! `docs/architecture.md`).
//!
//! An error means the annotator could not be built: annotating a document never fails
//! (a per-document failure is a value, `model::ErrorRecord`, written in the document's
//! place). The type is small and opaque, after the regex and aho-corasick crates: a kind to
//! branch on and a message to show, with no variants of the internals to keep stable.

use std::fmt;

/// The annotator cannot be built: a setting or a lexicon is malformed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What was wrong, for callers that react differently to a bad setting (the caller's own
/// fault, fixed by changing a flag) and a bad lexicon (a data file to correct).
///
/// Not to be confused with `model::ErrorKind`, which classifies the per-document error
/// records of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A setting of [`crate::Config`] or its textual form (for example a layer name).
    Config,
    /// A built-in or user lexicon: bad JSON, an unknown list, or an entry its stage
    /// cannot compile.
    Lexicon,
}

impl Error {
    /// A bad setting, with the given explanation.
    pub fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config,
            message: message.into(),
        }
    }

    /// A bad lexicon or lexicon entry, with the given explanation.
    pub fn lexicon(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Lexicon,
            message: message.into(),
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

/// The message alone, with no kind prefix, so the command line prints what it printed
/// before errors had kinds.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_set_the_kind_and_display_shows_only_the_message() {
        let cases = [
            (
                Error::config("unknown layer `x`"),
                ErrorKind::Config,
                "unknown layer `x`",
            ),
            (
                Error::lexicon("lexicon a.json: eof"),
                ErrorKind::Lexicon,
                "lexicon a.json: eof",
            ),
        ];
        for (error, kind, shown) in cases {
            assert_eq!(error.kind(), kind, "{shown}");
            assert_eq!(error.to_string(), shown);
        }
    }
}
