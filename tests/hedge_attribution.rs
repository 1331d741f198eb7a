//! Hedges tied to the attribution whose cue or content holds them, tested with
//! hand-built attributions so the linking does not wait on the attribution stage.

use claimtag::Lexicons;
use claimtag::Span;
use claimtag::attribution::AttributionMention;
use claimtag::hedge::StandaloneHedges;
use claimtag::model::{AttributionType, CueClass, SourceKind};

/// An attribution whose cue and content are the first occurrences of the given words.
fn attribution(text: &str, cue: &str, content: Option<&str>) -> AttributionMention {
    let span_of = |needle: &str| {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    };
    AttributionMention {
        cue: span_of(cue),
        source: None,
        source_entity: None,
        content: content.map(span_of),
        kind: AttributionType::Indirect,
        source_kind: SourceKind::Anonymous,
        continues: None,
        rule: "test".to_string(),
        lemma: cue.to_lowercase().into(),
        cue_class: CueClass::Speech,
    }
}

#[test]
fn hedges_link_to_the_attribution_holding_them() {
    let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
    // text, attributions as (cue, content), expected (hedge cue, attribution index)
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, Option<&'a str>)],
        &'a [(&'a str, Option<usize>)],
    );
    let cases: &[Case] = &[
        // hedge inside the content
        (
            "Officials said the dam may fail.",
            &[("said", Some("the dam may fail"))],
            &[("may", Some(0))],
        ),
        // the hedge is the cue itself
        (
            "The article claimed that firms paid.",
            &[("claimed", Some("firms paid"))],
            &[("claimed", Some(0))],
        ),
        // hedge outside every attribution
        (
            "Perhaps it rained. Officials said the dam held.",
            &[("said", Some("the dam held"))],
            &[("Perhaps", None)],
        ),
        // no content: only the cue can hold a hedge
        (
            "Critics allegedly complained, he said.",
            &[("said", None)],
            &[("Critics", None), ("allegedly", None)],
        ),
        // nested: the inner attribution's content is tighter than the outer one
        (
            "He said officials told him the plan could fail.",
            &[
                ("said", Some("officials told him the plan could fail")),
                ("told", Some("the plan could fail")),
            ],
            &[("could", Some(1))],
        ),
        // content before its cue, second of two attributions
        (
            "Sales rose, she said. The firm probably lied, he added.",
            &[
                ("said", Some("Sales rose")),
                ("added", Some("The firm probably lied")),
            ],
            &[("probably", Some(1))],
        ),
    ];
    for (text, attributions, expected) in cases {
        let mentions: Vec<AttributionMention> = attributions
            .iter()
            .map(|(cue, content)| attribution(text, cue, *content))
            .collect();
        let found = detector.detect(text, &[Span::new(0, text.len())], &mentions);
        let got: Vec<(&str, Option<usize>)> = found
            .iter()
            .map(|h| (h.span.of(text), h.attribution))
            .collect();
        assert_eq!(got, *expected, "{text}");
    }
}
