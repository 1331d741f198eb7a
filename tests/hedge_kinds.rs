//! Hedge detection by kind: one table per kind of the annotation guide, each holding the
//! uses that ARE hedges and the look-alike uses that are not (`may` of permission, `could`
//! of past ability, `would` of reported future, `there is no doubt`), one case a line.
//! Every sentence here was written for these tests.

use claimtag::Lexicons;
use claimtag::Span;
use claimtag::hedge::StandaloneHedges;
use claimtag::model::HedgeKind;

/// The hedges of `text`, taken as one sentence, as (cue text, kind) pairs.
fn hedges(detector: &StandaloneHedges, text: &str) -> Vec<(String, HedgeKind)> {
    let sentence = Span::new(0, text.len());
    detector
        .detect(text, &[sentence], &[])
        .into_iter()
        .map(|h| (h.span.of(text).to_string(), h.kind))
        .collect()
}

/// Runs a table: each case is a sentence and the cues expected in it (empty: no hedge).
fn check(kind: HedgeKind, cases: &[(&str, &[&str])]) {
    let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
    for (text, expected) in cases {
        let found = hedges(&detector, text);
        let cues: Vec<&str> = found
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(cue, _)| cue.as_str())
            .collect();
        assert_eq!(
            cues, *expected,
            "{kind:?} in {text:?} (all found: {found:?})"
        );
    }
}

#[test]
fn modal_hedges_are_epistemic_uses_only() {
    check(
        HedgeKind::Modal,
        &[
            ("The new tariff may increase the cost of steel.", &["may"]),
            (
                "Officials fear the bridge might collapse in a storm.",
                &["might"],
            ),
            (
                "The delay could cost the port its biggest client.",
                &["could"],
            ),
            ("A cut in rates would help exporters most.", &["would"]),
            ("The virus may well spread to the coast.", &["may well"]),
            // `may` of permission, and the month
            ("You may apply for the grant until Friday.", &[]),
            ("Applicants may submit one essay each.", &[]),
            ("Under the new rules, pupils may choose any school.", &[]),
            ("These images may not be used without permission.", &[]),
            ("The vote was held in May after a long delay.", &[]),
            // `could` of past ability
            ("She could not swim as a child.", &[]),
            ("From the roof he could see the harbour.", &[]),
            ("They moved so that the children could attend school.", &[]),
            ("In the 1990s, the firm could sell every chip it made.", &[]),
            ("Diplomats said the figure could still be cut.", &["could"]),
            // `would` of reported future and of habit or narrative
            ("The company said it would open a plant in Ohio.", &[]),
            ("He promised that the government would cut taxes.", &[]),
            (
                "A spokesman said the board accepted the ruling and would study it.",
                &[],
            ),
            ("As a boy he would often walk to the river.", &[]),
            ("Years later she would become the party's leader.", &[]),
            // `might` the noun
            ("The country showed its military might at the parade.", &[]),
        ],
    );
}

#[test]
fn adverb_hedges() {
    check(
        HedgeKind::Adverb,
        &[
            ("The minister allegedly took bribes.", &["allegedly"]),
            (
                "The fire was reportedly started by a candle.",
                &["reportedly"],
            ),
            ("The talks will probably resume next week.", &["probably"]),
            ("Perhaps the figures were wrong.", &["Perhaps"]),
            ("Turnout is likely to fall.", &["likely"]),
            ("The outcome is most likely a recount.", &["most likely"]),
            (
                "The letter was supposedly written in 1920.",
                &["supposedly"],
            ),
            ("The rule applies to every member.", &[]),
        ],
    );
}

#[test]
fn epistemic_hedges_and_negated_certainty() {
    check(
        HedgeKind::Epistemic,
        &[
            ("The data suggests a slowdown.", &["suggests"]),
            ("The team appears to have lost its lead.", &["appears"]),
            ("It seems the deal is off.", &["seems"]),
            ("Many residents believe the water is unsafe.", &["believe"]),
            (
                "It is unclear whether the mayor will run.",
                &["It is unclear", "whether"],
            ),
            (
                "It is possible that the ship sank.",
                &["It is possible that"],
            ),
            (
                "It is not clear whether the law applies.",
                &["not clear", "whether"],
            ),
            ("The cause is not certain.", &["not certain"]),
            ("Doubts remain over the budget.", &["Doubts"]),
            // not hedges: an affirmed certainty, a negated doubt, `appear` of presence
            ("There is no doubt that the dam held.", &[]),
            ("It is clear that the dam held.", &[]),
            ("The dam held, without doubt.", &[]),
            ("The singer appears in the second act.", &[]),
            ("The fund appears too small to matter.", &["appears"]),
            (
                "The firm declined to comment on whether it would appeal.",
                &[],
            ),
            ("Please reply as soon as possible.", &[]),
        ],
    );
}

#[test]
fn reporting_hedges() {
    check(
        HedgeKind::Reporting,
        &[
            (
                "The article claimed that private firms paid the fees.",
                &["claimed"],
            ),
            ("The group claims the vote was rigged.", &["claims"]),
            ("The alleged fraud cost the city millions.", &["alleged"]),
            (
                "The allegations were denied by the board.",
                &["allegations"],
            ),
            ("Rumored talks lifted the shares.", &["Rumored"]),
            ("Prices rose on market rumors.", &[]),
            // entitlements and takings, not doubtful reports
            ("Insurance claims rose after the flood.", &[]),
            ("The storm claimed the lives of six people.", &[]),
            ("The rebels claimed responsibility for the blast.", &[]),
        ],
    );
}

#[test]
fn agentless_hedges() {
    check(
        HedgeKind::Agentless,
        &[
            ("It was stated that the plant is safe.", &["It was stated"]),
            ("It is believed the boat left at dawn.", &["It is believed"]),
            (
                "It is widely believed the boat left at dawn.",
                &["It is widely believed"],
            ),
            (
                "The painter is said to have burned his letters.",
                &["is said to"],
            ),
            (
                "It was noted that the accounts were late.",
                &["It was noted"],
            ),
            ("The bridge is considered unsafe.", &["is considered"]),
            ("It's thought the fire began upstairs.", &["It's thought"]),
            // a named source, or `said` without the passive
            ("The mayor said to reporters that the plant is safe.", &[]),
            ("The inspector stated that the plant is safe.", &[]),
        ],
    );
}

#[test]
fn weasel_hedges() {
    check(
        HedgeKind::Weasel,
        &[
            ("Some experts warn of a bubble.", &["Some experts"]),
            ("Critics say the plan favours the rich.", &["Critics"]),
            ("Many believe the election was stolen.", &["Many believe"]),
            ("Some analysts expect a rate cut.", &["Some analysts"]),
            (
                "The film is regarded by some as a classic.",
                &["regarded by some"],
            ),
            ("Three economists at the bank expect a rate cut.", &[]),
        ],
    );
}

#[test]
fn approximator_hedges_only_before_numbers() {
    check(
        HedgeKind::Approximator,
        &[
            ("About 200 people attended the rally.", &["About"]),
            ("The repairs cost roughly $2 million.", &["roughly"]),
            (
                "Approximately 40 percent of voters agreed.",
                &["Approximately"],
            ),
            ("Some 30 ships were waiting offshore.", &["Some"]),
            ("The march drew around two thousand people.", &["around"]),
            (
                "Exports reached roughly double the 2022 figure.",
                &["roughly"],
            ),
            // not before a number
            ("The report is about the budget.", &[]),
            ("Some ships were waiting offshore.", &[]),
            ("She walked around the square.", &[]),
        ],
    );
}

#[test]
fn hedges_are_ordered_and_do_not_overlap() {
    let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
    let cases = [
        "It is believed that some 40 critics may have allegedly claimed it.",
        "Perhaps, perhaps, perhaps it could be so, it seems, roughly 3 times.",
        "may",
        "",
        "é may é",
    ];
    for text in cases {
        let found = detector.detect(text, &[Span::new(0, text.len())], &[]);
        for pair in found.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{text:?}: {found:?}"
            );
        }
        for hedge in &found {
            assert!(
                !hedge.rule.is_empty() && hedge.rule.starts_with("hedge."),
                "{hedge:?}"
            );
        }
    }
}

#[test]
fn hedges_outside_sentences_are_not_reported() {
    let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
    let text = "<div class=x>may</div>\n\nThe plan may fail.";
    let sentence_start = text.find("The").unwrap_or(0);
    let found = detector.detect(text, &[Span::new(sentence_start, text.len())], &[]);
    let cues: Vec<&str> = found.iter().map(|h| h.span.of(text)).collect();
    assert_eq!(cues, vec!["may"]);
    assert!(found[0].span.start > sentence_start);
}

#[test]
fn rule_ids_name_kind_and_entry() {
    let detector = StandaloneHedges::new(&Lexicons::built_in()).expect("built-in lexicons compile");
    let cases = [
        ("The plan may fail.", "hedge.modal.may"),
        (
            "It is believed the plan failed.",
            "hedge.agentless.it-be-believed",
        ),
        ("About 20 people came.", "hedge.approximator.about"),
        ("Critics disagree.", "hedge.weasel.critics"),
    ];
    for (text, rule) in cases {
        let found = detector.detect(text, &[Span::new(0, text.len())], &[]);
        let rules: Vec<&str> = found.iter().map(|h| h.rule.as_str()).collect();
        assert_eq!(rules, vec![rule], "{text}");
    }
}
