//! The per-document summary: sentences, hedged sentences, attributions by source kind and
//! by type, entities by label, hedges by kind, and the share of named sources.

use claimtag::model::Annotation;
use claimtag::summary::summarize;
use claimtag::{Annotator, Config, Document};
use serde_json::json;

#[test]
fn summary_counts_every_layer() {
    let text = "A said x. B said y. It may rain.";
    let span = |s: usize, e: usize| json!({"start": s, "end": e, "text": &text[s..e]});
    let attribution = |id: &str, kind: &str, source_kind: &str| {
        json!({"id": id, "sentence": 0, "type": kind, "source_kind": source_kind,
               "cue": span(2, 6), "source": null, "content": null})
    };
    let hedge = |id: &str, sentence: usize, kind: &str| json!({"id": id, "start": 26, "end": 29, "text": "may", "kind": kind, "sentence": sentence});
    let entity = |id: &str, label: &str| json!({"id": id, "start": 0, "end": 1, "text": "A", "label": label, "sentence": 0});
    let annotation: Annotation = serde_json::from_value(json!({
        "schema_version": "1.0.0", "id": "d", "text": text, "offsets": "codepoint",
        "sentences": [
            {"id": 0, "start": 0, "end": 9, "text": &text[0..9]},
            {"id": 1, "start": 10, "end": 19, "text": &text[10..19]},
            {"id": 2, "start": 20, "end": 32, "text": &text[20..32]}
        ],
        "entities": [entity("e0", "PERSON"), entity("e1", "PERSON"), entity("e2", "ORG")],
        "attributions": [
            attribution("a0", "indirect", "named"),
            attribution("a1", "direct", "named"),
            attribution("a2", "indirect", "anonymous")
        ],
        "hedges": [hedge("h0", 2, "modal"), hedge("h1", 2, "adverb"), hedge("h2", 0, "modal")]
    }))
    .expect("annotation fixture parses");
    let summary = summarize(&annotation);
    assert_eq!(summary.sentences, 3);
    assert_eq!(summary.hedged_sentences, 2);
    assert_eq!(summary.attributions, 3);
    assert_eq!(summary.by_source_kind.get("named"), Some(&2));
    assert_eq!(summary.by_source_kind.get("anonymous"), Some(&1));
    assert_eq!(summary.by_type.get("indirect"), Some(&2));
    assert_eq!(summary.by_type.get("direct"), Some(&1));
    assert_eq!(summary.entities_by_label.get("PERSON"), Some(&2));
    assert_eq!(summary.entities_by_label.get("ORG"), Some(&1));
    assert_eq!(summary.hedges_by_kind.get("modal"), Some(&2));
    assert_eq!(summary.hedges_by_kind.get("adverb"), Some(&1));
    assert_eq!(summary.named_source_share, 0.6667);
}

#[test]
fn summary_of_an_empty_document_is_zero() {
    let annotation: Annotation = serde_json::from_value(json!({
        "schema_version": "1.0.0", "id": "d", "text": "", "offsets": "codepoint"
    }))
    .expect("annotation fixture parses");
    let summary = summarize(&annotation);
    assert_eq!(summary.sentences, 0);
    assert_eq!(summary.hedged_sentences, 0);
    assert_eq!(summary.named_source_share, 0.0);
    assert!(summary.by_source_kind.is_empty());
}

#[test]
fn annotated_documents_count_their_hedged_sentences() {
    let annotator = Annotator::new(Config::default()).expect("default config builds");
    // text, sentences, hedged sentences
    let cases = [
        (
            "The plan may fail. The plan failed. It is believed the plan failed.",
            3,
            2,
        ),
        ("The plan failed.", 1, 0),
        ("Perhaps it failed, perhaps not.", 1, 1),
    ];
    for (text, sentences, hedged) in cases {
        let annotation = annotator.annotate(&Document::new("d", text));
        assert_eq!(annotation.summary.sentences, sentences, "{text}");
        assert_eq!(annotation.summary.hedged_sentences, hedged, "{text}");
    }
}
