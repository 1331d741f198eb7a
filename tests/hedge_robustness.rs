//! Hedge detection on any input: no panic, spans on char boundaries, ordered, inside a
//! sentence; and user lexicons extend or trim the hedge lists at run time.

use claimtag::hedge::StandaloneHedges;
use claimtag::model::HedgeKind;
use claimtag::{Lexicons, Span, UserLexicon};
use proptest::prelude::*;

/// Words that trigger entries and their context rules, mixed with odd characters.
const PIECES: &[&str] = &[
    "may", "May", "could", "would", "said", "it", "is", "'s", "n't", "not", "clear", "about",
    "200", "some", "critics", "believed", "’", "é", "—", "\u{0}", "\n\n", ".", ",", " ", "-",
    "appears", "to", "no", "doubt", "whether", "so", "that", "you", "1990s", "x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_gives_ordered_spans_inside_sentences(
        picks in proptest::collection::vec(0..PIECES.len(), 0..60),
        cut in 0usize..100,
    ) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        // Two sentences split at an arbitrary char boundary.
        let mut middle = (cut * text.len() / 100).min(text.len());
        while !text.is_char_boundary(middle) {
            middle -= 1;
        }
        let sentences = [Span::new(0, middle), Span::new(middle, text.len())];
        let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
        let hedges = detector.detect(&text, &sentences, &[]);
        let mut last_end = 0;
        for hedge in &hedges {
            prop_assert!(hedge.span.start < hedge.span.end);
            prop_assert!(text.is_char_boundary(hedge.span.start) && text.is_char_boundary(hedge.span.end));
            prop_assert!(hedge.span.start >= last_end);
            prop_assert!(sentences.iter().any(|s| s.contains(&hedge.span)));
            last_end = hedge.span.end;
        }
    }
}

#[test]
fn user_lexicons_add_and_remove_hedge_entries() {
    // user lexicon JSON, text, expected (cue, kind) list
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, HedgeKind)]);
    let cases: &[Case] = &[
        (
            r#"{"add": {"hedge_weasel": ["some insiders"]}}"#,
            "Some insiders expect a sale.",
            &[("Some insiders", HedgeKind::Weasel)],
        ),
        (
            r#"{"remove": {"hedge_approximator": ["about | next=$number"]}}"#,
            "About 200 people came.",
            &[],
        ),
        (
            r#"{"add": {"hedge_context_permission": ["shareholders"]}}"#,
            "Shareholders may vote by post.",
            &[],
        ),
        (
            r#"{"add": {"hedge_modal": ["must | next=have"]}}"#,
            "The ship must have sunk.",
            &[("must", HedgeKind::Modal)],
        ),
    ];
    for (json, text, expected) in cases {
        let user = UserLexicon::from_json(json, "test").expect("user lexicon parses");
        let lexicons = Lexicons::with_user(&[user]).expect("lists exist");
        let detector = StandaloneHedges::new(&lexicons).expect("entries compile");
        let found: Vec<(&str, HedgeKind)> = detector
            .detect(text, &[Span::new(0, text.len())], &[])
            .iter()
            .map(|h| (h.span.of(text), h.kind))
            .collect();
        assert_eq!(found, *expected, "{json}");
    }
}

#[test]
fn malformed_user_entries_fail_when_the_detector_is_built() {
    let cases = [
        r#"{"add": {"hedge_modal": ["may | !prev=$nosuchset"]}}"#,
        r#"{"add": {"hedge_modal": ["may | beside=you"]}}"#,
        r#"{"add": {"hedge_agentless": ["it $be"]}}"#,
    ];
    for json in cases {
        let user = UserLexicon::from_json(json, "test").expect("user lexicon parses");
        let lexicons = Lexicons::with_user(&[user]).expect("lists exist");
        assert!(StandaloneHedges::new(&lexicons).is_err(), "{json}");
    }
}
