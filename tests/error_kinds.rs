//! The kind of the error an annotator cannot be built with: callers branch on it (a bad flag
//! is the caller's to fix, a bad lexicon is a data file to correct), so every stage that
//! rejects a lexicon entry must say Lexicon, and the messages stay what they were.

use claimtag::error::ErrorKind;
use claimtag::{Annotator, Config, Layers, UserLexicon};

/// The error of an annotator built with one user entry added to one list.
fn error_adding(list: &str, entry: &str) -> claimtag::Error {
    let json = serde_json::json!({ "add": { list: [entry] } }).to_string();
    let user = UserLexicon::from_json(&json, "user.json").expect("well-formed lexicon file");
    match Annotator::new(Config {
        user_lexicons: vec![user],
        ..Config::default()
    }) {
        Ok(_) => panic!("`{entry}` added to {list} was accepted"),
        Err(error) => error,
    }
}

#[test]
fn bad_lexicon_entries_are_lexicon_errors_in_every_stage() {
    let cases = [
        ("abbrevs", "X.", "unknown lexicon list `abbrevs`"),
        ("reporting_phrases", "said so!", "cue lexicon: `said so!`"),
        ("ner_date_words", "Fooday\tbogus", "unknown kind `bogus`"),
        (
            "ner_number_words",
            "umpteen\tmany",
            "bad value for `umpteen`",
        ),
        ("ner_loc_heads", "Gulch\tPLANET", "unknown label `PLANET`"),
        (
            "hedge_adverb",
            "maybe | around=you",
            "unknown condition `around`",
        ),
    ];
    for (list, entry, message) in cases {
        let error = error_adding(list, entry);
        assert_eq!(error.kind(), ErrorKind::Lexicon, "{list}: {error}");
        assert!(error.to_string().contains(message), "{list}: {error}");
    }
}

#[test]
fn malformed_lexicon_json_is_a_lexicon_error() {
    let error = UserLexicon::from_json(r#"{"adds": {}}"#, "user.json").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Lexicon);
    assert!(
        error.to_string().starts_with("lexicon user.json: "),
        "{error}"
    );
}

#[test]
fn an_unknown_layer_is_a_config_error() {
    let error = Layers::parse("sentences,paragraphs").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert_eq!(
        error.to_string(),
        "unknown layer `paragraphs` (expected sentences, entities, attributions, hedges, all or none)"
    );
}
