//! The user-lexicon schema: it accepts the documented example, rejects malformed files, and
//! every list the attribution stage reads is a built-in list a user lexicon may name.

use claimtag::{Lexicons, UserLexicon};
use serde_json::{Value, json};

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/lexicon.schema.json"
    ))
    .expect("schema file is readable");
    serde_json::from_str(&text).expect("schema is JSON")
}

#[test]
fn schema_accepts_good_lexicons_and_rejects_bad_ones() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let cases: &[(Value, bool)] = &[
        (schema["examples"][0].clone(), true),
        (json!({}), true),
        (
            json!({"add": {"reporting_verbs": ["opine opines opined opined opining"]}}),
            true,
        ),
        (json!({"adds": {}}), false),
        (json!({"add": {"reporting_verbs": "say"}}), false),
        (json!({"add": {"reporting_verbs": [""]}}), false),
        (json!({"add": {"Reporting Verbs": ["say"]}}), false),
    ];
    for (instance, valid) in cases {
        assert_eq!(validator.is_valid(instance), *valid, "instance {instance}");
    }
}

#[test]
fn the_documented_example_loads() {
    let example = schema()["examples"][0].to_string();
    let user = UserLexicon::from_json(&example, "example").expect("example parses");
    let lexicons = Lexicons::with_user(&[user]).expect("example names known lists");
    assert!(
        lexicons
            .list("anonymous_sources")
            .iter()
            .any(|e| e == "whistleblower")
    );
    assert!(
        !lexicons
            .list("belief_verbs")
            .iter()
            .any(|e| e.starts_with("figure "))
    );
}

#[test]
fn attribution_lists_are_built_in() {
    let lexicons = Lexicons::built_in();
    for name in [
        "reporting_verbs",
        "belief_verbs",
        "reporting_phrases",
        "reporting_nouns",
        "anonymous_sources",
        "document_sources",
        "organisation_sources",
        "source_pronouns",
    ] {
        assert!(!lexicons.list(name).is_empty(), "list {name}");
    }
}
