//! What every entity list must satisfy on any input: ordered, not overlapping, inside one
//! sentence, on character boundaries, and no panic, including on all-caps, mixed-script
//! and punctuation-heavy text that the pattern rules slice through.

use std::sync::OnceLock;

use claimtag::{Annotator, Config};
use proptest::prelude::*;

fn annotator() -> &'static Annotator {
    static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
    ANNOTATOR.get_or_init(|| Annotator::new(Config::default()).expect("built-in lexicons load"))
}

fn assert_invariants(text: &str) {
    let analysis = annotator().analyze(text);
    let mut last_end = 0;
    for e in &analysis.entities {
        assert!(e.span.start < e.span.end, "{text:?}: empty span {e:?}");
        assert!(
            e.span.start >= last_end,
            "{text:?}: overlap or disorder at {e:?}"
        );
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(
            analysis.sentences.iter().any(|s| s.contains(&e.span)),
            "{text:?}: {e:?} crosses a sentence"
        );
        assert!(!e.rule.is_empty());
        last_end = e.span.end;
    }
}

#[test]
fn hand_picked_awkward_inputs_keep_the_invariants() {
    let cases = [
        "",
        "   ",
        "A",
        "$",
        "$ billion",
        "€",
        "Jan.",
        "U.S.",
        "'s",
        "’s Haddad’s",
        "PARIS — ÉCOLE NORMALE SUPÉRIEURE (ENS) ŁÓDŹ İSTANBUL",
        "ŁÓDŹ, Poland — Mayor Zieliński said 3,5 % of İstanbul's…",
        "Dr. Dr. Dr. President President",
        "of of of and & and",
        "Northwind Shipping Ltd.'s Ltd. Inc. S.A.",
        "10:30 p.m. 10: 5 km km 2.7bn $2.7bn €40m 1990s mid-2020",
        "(CIA) (CIA (CIA)",
        "Ministry of of the",
        "THE THE THE THE THE THE",
        "São Paulo and Zürich AG and Ærø",
        "\u{feff}Title\u{200b} Case\u{a0}Names Here",
    ];
    for text in cases {
        assert_invariants(text);
    }
}

#[test]
fn a_very_long_sentence_is_handled() {
    let text =
        "Amal Haddad of Northwind Shipping Ltd. met Paul J. Adeyemi in Rotterdam ".repeat(3_000);
    assert_invariants(&text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_news_like_text_keeps_the_invariants(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Amal"), Just("Haddad"), Just("HADDAD"), Just("of"), Just("the"), Just("and"),
                Just("&"), Just("Ltd."), Just("Inc."), Just("S.A."), Just("Ministry"), Just("(CIA)"),
                Just("President"), Just("Dr."), Just("J."), Just("'s"), Just("’s"), Just("$"),
                Just("2.7"), Just("billion"), Just("percent"), Just("%"), Just("Jan."), Just("5,"),
                Just("2019"), Just("last"), Just("Tuesday"), Just("km"), Just("."), Just(","),
                Just("\n"), Just("\n\n"), Just("“"), Just("”"), Just("ŁÓDŹ"), Just("Zürich"),
                Just("said"), Just("—"), Just(":"), Just("10:30"), Just("p.m."), Just("New"),
                Just("York"), Just("NATO"), Just("U.S."), Just("three"), Just("One"),
            ],
            0..60,
        ),
        glue in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("  ")], 60),
    ) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push_str(glue[i % glue.len()]);
        }
        assert_invariants(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        assert_invariants(&text);
    }
}
