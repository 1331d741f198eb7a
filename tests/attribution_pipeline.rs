//! Attributions through the whole pipeline (segmenter, recognizer, extractor, output
//! model): the constructions news writes, with the broken quote marks it leaves, and the
//! user lexicons that extend the cue lists without a rebuild.

use claimtag::model::Annotation;
use claimtag::{Annotator, Config, Document, UserLexicon};
use proptest::prelude::*;

fn annotate_with(config: Config, text: &str) -> Annotation {
    Annotator::new(config)
        .expect("annotator builds")
        .annotate(&Document::new("t", text))
}

/// `cue | source | content | type | source_kind | continues` per attribution.
fn rows(annotation: &Annotation) -> Vec<String> {
    annotation
        .attributions
        .iter()
        .map(|a| {
            format!(
                "{} | {} | {} | {} | {} | {}",
                a.cue.text,
                a.source.as_ref().map_or("-", |s| s.text.as_str()),
                a.content.as_ref().map_or("-", |c| c.text.as_str()),
                a.kind.as_str(),
                a.source_kind.as_str(),
                a.continues.as_deref().unwrap_or("-"),
            )
        })
        .collect()
}

/// An article written for this test with the faults converted news carries: a quotation
/// whose closing mark is missing, a closing mark used as an opening one, an opening mark
/// used as a closing one, a title and a scare quote in marks, and a report with no content.
const BROKEN_MARKS_ARTICLE: &str = "\
Port strike spreads to second terminal

A report titled “Cranes Without Crews” was published by the Harbour Council on Monday.

The union said: “We have waited long enough. “Nobody listens to us,” a crane operator said.

In the report, it was stated that ”automation will cut 400 jobs by 2028. “

The city banned night shifts on the grounds of “protecting residents.”

A spokesperson for the operator declined to comment.

Dr. Lina Osei, the council's chief economist, said the port could lose €40 million.
";

#[test]
fn broken_quote_marks_are_paired_and_only_reports_come_out() {
    let annotation = annotate_with(Config::default(), BROKEN_MARKS_ARTICLE);
    assert_eq!(
        rows(&annotation),
        [
            "said | The union | We have waited long enough. | direct | named | -",
            "said | a crane operator | Nobody listens to us | direct | anonymous | -",
            "it was stated | the report | automation will cut 400 jobs by 2028. | direct | document | -",
            "said | Dr. Lina Osei | the port could lose €40 million | indirect | named | -",
        ]
    );
}

#[test]
fn quotations_over_sentences_and_paragraphs_continue_the_first_attribution() {
    let text = "Mara Lind said: “We will appeal. The ruling ignores the facts.\n\n\
                “We expect to win.”\n\nThe court did not comment.";
    let annotation = annotate_with(Config::default(), text);
    assert_eq!(
        rows(&annotation),
        [
            "said | Mara Lind | We will appeal. | direct | named | -",
            "said | Mara Lind | The ruling ignores the facts. | direct | named | a0",
            "said | Mara Lind | We expect to win. | direct | named | a0",
        ]
    );
    // Every continuation points at an attribution that has no `continues` itself.
    for a in &annotation.attributions {
        if let Some(root) = &a.continues {
            let root = annotation.attributions.iter().find(|r| &r.id == root);
            assert!(root.is_some_and(|r| r.continues.is_none()));
        }
    }
}

#[test]
fn a_user_lexicon_adds_a_reporting_verb_without_a_rebuild() {
    let text = "The mayor grumbled that the budget was too small.";
    assert!(rows(&annotate_with(Config::default(), text)).is_empty());
    let lexicon = UserLexicon::from_json(
        r#"{"add": {"reporting_verbs": ["grumble grumbles grumbled grumbled grumbling"]}}"#,
        "test",
    )
    .expect("lexicon parses");
    let config = Config {
        user_lexicons: vec![lexicon],
        ..Config::default()
    };
    assert_eq!(
        rows(&annotate_with(config, text)),
        ["grumbled | The mayor | the budget was too small | indirect | anonymous | -"]
    );
}

#[test]
fn a_user_lexicon_removes_a_reporting_verb() {
    let lexicon = UserLexicon::from_json(
        r#"{"remove": {"reporting_verbs": ["claim claims claimed claimed claiming"]}}"#,
        "test",
    )
    .expect("lexicon parses");
    let config = Config {
        user_lexicons: vec![lexicon],
        ..Config::default()
    };
    let text = "The article claimed that the firm hid its losses.";
    assert!(rows(&annotate_with(config, text)).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text, however broken, gives attributions whose spans lie in the text, in cue
    /// order, with continuation links that point backwards or forwards to real ids.
    #[test]
    fn any_text_gives_well_formed_attributions(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("said"), Just("told reporters that"), Just("according to"), Just("“"),
                Just("”"), Just("\""), Just("'"), Just("‘"), Just("’"), Just("«"), Just("»"),
                Just("''"), Just(","), Just(". "), Just("\n\n"), Just("it was stated that"),
                Just("is said to"), Just("The ministry"), Just("he"), Just("which"), Just("é"),
                Just("Dr. Amal Haddad"), Just("the report"), Just(" "), Just("—"), Just("("),
            ],
            0..60,
        )
    ) {
        let text: String = parts.join(" ");
        let annotation = annotate_with(Config::default(), &text);
        let chars: Vec<char> = text.chars().collect();
        let mut last_cue = 0;
        for a in &annotation.attributions {
            prop_assert!(a.cue.start >= last_cue);
            last_cue = a.cue.start;
            for span in [Some((a.cue.start, a.cue.end, &a.cue.text)),
                         a.content.as_ref().map(|c| (c.start, c.end, &c.text)),
                         a.source.as_ref().map(|s| (s.start, s.end, &s.text))].into_iter().flatten() {
                prop_assert!(span.0 < span.1 && span.1 <= chars.len());
                let slice: String = chars[span.0..span.1].iter().collect();
                prop_assert_eq!(&slice, span.2);
            }
            if let Some(root) = &a.continues {
                prop_assert!(annotation.attributions.iter().any(|r| &r.id == root));
            }
        }
    }
}
