//! The metric definitions, one table per layer: each case is a gold and a predicted
//! document and the counts `score.py` gives for them (worked out from its definitions).

use claimtag::eval::metrics::{LabelFilter, ScoreOptions, Scores, score};
use claimtag::eval::thresholds::{is_known_metric, parse_threshold};
use claimtag::eval::{EvalDocument, ItemSpan};
use serde_json::{Value, json};

/// Code-point span of the `nth` occurrence of `needle` (offsets computed, never typed).
fn at_nth(text: &str, needle: &str, nth: usize) -> Value {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
        .0;
    let start = text[..byte].chars().count();
    json!([start, start + needle.chars().count()])
}

fn at(text: &str, needle: &str) -> Value {
    at_nth(text, needle, 0)
}

/// tp, fp, fn of one metric.
type Triple = (usize, usize, usize);
/// The items of one layer.
type Items = Vec<Value>;
/// name, gold items, predicted items, counts of two metrics.
/// name, --map, --labels, strict counts, per-label metrics present.
type MappingCase = (
    &'static str,
    &'static str,
    &'static [&'static str],
    Triple,
    &'static [&'static str],
);
type TwoMetricCase = (&'static str, Items, Items, Triple, Triple);

fn doc(value: Value) -> EvalDocument {
    EvalDocument::from_json(&value).expect("fixture parses")
}

fn run(gold: Value, pred: Value, options: &ScoreOptions) -> Scores {
    score(&[doc(gold)], &[doc(pred)], options)
}

fn counts(scores: &Scores, metric: &str) -> (usize, usize, usize) {
    let c = scores
        .counts
        .get(metric)
        .unwrap_or_else(|| panic!("{metric} not scored: {:?}", scores.counts.keys()));
    (c.tp, c.fp, c.fn_)
}

const TEXT: &str = "Dr. Amal Haddad met Northwind Shipping in Paris. She said the deal may close.";

fn entity(needle: &str, label: &str) -> Value {
    let span = at(TEXT, needle);
    json!({"start": span[0], "end": span[1], "label": label})
}

fn optional(mut item: Value) -> Value {
    item["optional"] = json!(true);
    item
}

#[test]
fn entity_matching() {
    let haddad = || entity("Amal Haddad", "PERSON");
    let cases: Vec<(&str, Items, Items, [Triple; 3])> = vec![
        // name, gold, pred, [strict, lenient, untyped]
        ("exact", vec![haddad()], vec![haddad()], [(1, 0, 0); 3]),
        (
            "wrong label",
            vec![haddad()],
            vec![entity("Amal Haddad", "ORG")],
            [(0, 1, 1), (0, 1, 1), (1, 0, 0)],
        ),
        (
            "longer span",
            vec![haddad()],
            vec![entity("Dr. Amal Haddad", "PERSON")],
            [(0, 1, 1), (1, 0, 0), (0, 1, 1)],
        ),
        (
            "missed",
            vec![haddad(), entity("Paris", "GPE")],
            vec![haddad()],
            [(1, 0, 1), (1, 0, 1), (1, 0, 1)],
        ),
        (
            "spurious",
            vec![haddad()],
            vec![haddad(), entity("Paris", "GPE")],
            [(1, 1, 0), (1, 1, 0), (1, 1, 0)],
        ),
        (
            "optional found",
            vec![optional(haddad())],
            vec![haddad()],
            [(0, 0, 0); 3],
        ),
        (
            "optional missed",
            vec![optional(haddad())],
            vec![],
            [(0, 0, 0); 3],
        ),
        (
            "unscored label ignored",
            vec![entity("Paris", "DATE")],
            vec![entity("Paris", "DATE")],
            [(0, 0, 0); 3],
        ),
        // one prediction cannot match two gold items: the first gold item takes it
        (
            "one to one",
            vec![entity("Amal", "PERSON"), entity("Haddad", "PERSON")],
            vec![haddad()],
            [(0, 1, 2), (1, 0, 1), (0, 1, 2)],
        ),
    ];
    for (name, gold, pred, [strict, lenient, untyped]) in cases {
        let scores = run(
            json!({"id": "d", "text": TEXT, "entities": gold}),
            json!({"id": "d", "entities": pred}),
            &ScoreOptions::default(),
        );
        assert_eq!(counts(&scores, "entities.strict"), strict, "{name}: strict");
        assert_eq!(
            counts(&scores, "entities.lenient"),
            lenient,
            "{name}: lenient"
        );
        assert_eq!(
            counts(&scores, "entities.untyped"),
            untyped,
            "{name}: untyped"
        );
    }
}

#[test]
fn labels_are_mapped_and_restricted() {
    let gold = json!({"id": "d", "text": TEXT, "entities": [entity("Paris", "GPE"), entity("Amal Haddad", "PERSON")]});
    let pred =
        json!({"id": "d", "entities": [entity("Paris", "LOC"), entity("Amal Haddad", "PERSON")]});
    let cases: Vec<MappingCase> = vec![
        // name, map, labels, strict, per-label metrics present
        (
            "no map",
            "",
            &["PERSON", "GPE", "LOC"],
            (1, 1, 1),
            &["GPE", "LOC", "PERSON"],
        ),
        (
            "GPE=LOC",
            "GPE=LOC",
            &["PERSON", "GPE", "LOC"],
            (2, 0, 0),
            &["LOC", "PERSON"],
        ),
        ("only LOC", "GPE=LOC", &["LOC"], (1, 0, 0), &["LOC"]),
    ];
    for (name, map, labels, strict, per_label) in cases {
        let options = ScoreOptions {
            labels: LabelFilter::Only(labels.iter().map(|l| l.to_string()).collect()),
            label_map: map
                .split(',')
                .filter_map(|kv| kv.split_once('='))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            collect_errors: false,
        };
        let scores = run(gold.clone(), pred.clone(), &options);
        assert_eq!(counts(&scores, "entities.strict"), strict, "{name}");
        let scored: Vec<&str> = scores
            .counts
            .keys()
            .filter_map(|k| k.strip_prefix("entities.strict."))
            .collect();
        assert_eq!(scored, per_label, "{name}: per-label metrics");
    }
    // `all`: every label the gold uses
    let options = ScoreOptions {
        labels: LabelFilter::AllInGold,
        ..ScoreOptions::default()
    };
    let scores = run(gold, pred, &options);
    assert_eq!(scores.labels.iter().collect::<Vec<_>>(), ["GPE", "PERSON"]);
}

#[test]
fn sentence_boundaries() {
    let text = "One here.  Two there.\nThree.  ";
    let s = |a: &str, b: &str| {
        let start = at(text, a)[0].clone();
        let end = at(text, b)[1].clone();
        json!([start, end])
    };
    let cases: Vec<(&str, Items, Items, Triple)> = vec![
        // the document end (trailing space trimmed) is never counted
        (
            "same",
            vec![s("One", "here."), s("Two", "there."), s("Three", "Three.")],
            vec![s("One", "here."), s("Two", "there."), s("Three", "Three.")],
            (2, 0, 0),
        ),
        (
            "trailing space trimmed",
            vec![s("One", "here.")],
            vec![json!([0, at(text, "here.  ")[1]])],
            (1, 0, 0),
        ),
        (
            "missed split",
            vec![s("One", "here."), s("Two", "there.")],
            vec![s("One", "there.")],
            (1, 0, 1),
        ),
        (
            "extra split",
            vec![s("One", "there.")],
            vec![s("One", "here."), s("Two", "there.")],
            (1, 1, 0),
        ),
    ];
    for (name, gold, pred, expected) in cases {
        let scores = run(
            json!({"id": "d", "text": text, "sentences": gold}),
            json!({"id": "d", "sentences": pred}),
            &ScoreOptions::default(),
        );
        assert_eq!(counts(&scores, "sentences.boundary"), expected, "{name}");
    }
}

const QUOTE: &str = "“We will not sign,” the minister said on Monday. “Not this year.” Critics claimed that the plan was late, officials said.";

fn attribution(cue: &str, source: Option<&str>, content: Option<&str>, kind: &str) -> Value {
    json!({
        "cue": at(QUOTE, cue),
        "source": source.map(|s| at(QUOTE, s)),
        "content": content.map(|c| at(QUOTE, c)),
        "type": kind,
        "source_kind": "named",
    })
}

#[test]
fn attribution_matching() {
    let said = || {
        attribution(
            "said",
            Some("the minister"),
            Some("We will not sign"),
            "direct",
        )
    };
    let cases: Vec<TwoMetricCase> = vec![
        // name, gold, pred, cue counts, full counts
        ("exact", vec![said()], vec![said()], (1, 0, 0), (1, 0, 0)),
        (
            "cue overlaps, source missing",
            vec![said()],
            vec![attribution(
                "said on",
                None,
                Some("We will not sign"),
                "direct",
            )],
            (1, 0, 0),
            (0, 1, 1),
        ),
        (
            "content half right",
            vec![said()],
            vec![attribution(
                "said",
                Some("minister"),
                Some("We will"),
                "direct",
            )],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "content wrong",
            vec![said()],
            vec![attribution(
                "said",
                Some("minister"),
                Some("Not this year"),
                "direct",
            )],
            (1, 0, 0),
            (0, 1, 1),
        ),
        // different cue words, contents overlap, cues start within 40 code points
        (
            "near cue",
            vec![said()],
            vec![attribution(
                "minister",
                Some("the"),
                Some("We will not sign"),
                "direct",
            )],
            (1, 0, 0),
            (1, 0, 0),
        ),
        // contents overlap but the cues are more than 40 code points apart
        (
            "far cue",
            vec![said()],
            vec![attribution(
                "late",
                Some("Critics"),
                Some("We will not sign"),
                "direct",
            )],
            (0, 1, 1),
            (0, 1, 1),
        ),
        (
            "optional gold matched",
            vec![optional(said())],
            vec![said()],
            (0, 0, 0),
            (0, 0, 0),
        ),
        (
            "optional gold missed",
            vec![optional(said())],
            vec![],
            (0, 0, 0),
            (0, 0, 0),
        ),
        (
            "agentless both",
            vec![attribution(
                "said",
                None,
                Some("We will not sign"),
                "direct",
            )],
            vec![attribution(
                "said",
                None,
                Some("We will not sign"),
                "direct",
            )],
            (1, 0, 0),
            (1, 0, 0),
        ),
    ];
    for (name, gold, pred, cue, full) in cases {
        let scores = run(
            json!({"id": "d", "text": QUOTE, "attributions": gold}),
            json!({"id": "d", "attributions": pred}),
            &ScoreOptions::default(),
        );
        assert_eq!(counts(&scores, "attributions.cue"), cue, "{name}: cue");
        assert_eq!(counts(&scores, "attributions.full"), full, "{name}: full");
    }
}

#[test]
fn shared_cue_is_matched_by_best_content() {
    // A quotation continued over two sentences: two gold attributions share the cue `said`.
    // The prediction only has the second part; it must pair with the gold item whose content
    // agrees, not with the first gold item in order.
    let first = attribution(
        "said",
        Some("the minister"),
        Some("We will not sign"),
        "direct",
    );
    let second = attribution(
        "said",
        Some("the minister"),
        Some("Not this year"),
        "direct",
    );
    let scores = run(
        json!({"id": "d", "text": QUOTE, "attributions": [first, second.clone()]}),
        json!({"id": "d", "attributions": [second]}),
        &ScoreOptions::default(),
    );
    assert_eq!(counts(&scores, "attributions.cue"), (1, 0, 1));
    assert_eq!(counts(&scores, "attributions.full"), (1, 0, 1));
    assert_eq!(
        scores.value_of("attributions.content_token_f1_on_matched"),
        Some(1.0)
    );
}

#[test]
fn exact_roles_ignore_surrounding_punctuation() {
    let gold = attribution(
        "said",
        Some("the minister"),
        Some("We will not sign"),
        "direct",
    );
    let cases: Vec<(&str, Value, [Triple; 3])> = vec![
        // name, predicted, [cue, source, content]
        ("identical", gold.clone(), [(1, 0, 0); 3]),
        (
            "quote marks kept",
            attribution(
                "said",
                Some("the minister"),
                Some("“We will not sign,”"),
                "direct",
            ),
            [(1, 0, 0); 3],
        ),
        (
            "source too long",
            attribution(
                "said",
                Some("” the minister"),
                Some("We will not sign"),
                "direct",
            ),
            [(1, 0, 0); 3],
        ),
        (
            "source differs",
            attribution("said", Some("minister"), Some("We will not sign"), "direct"),
            [(1, 0, 0), (0, 1, 1), (1, 0, 0)],
        ),
        (
            "no source",
            attribution("said", None, Some("We will not sign"), "direct"),
            [(1, 0, 0), (0, 0, 1), (1, 0, 0)],
        ),
    ];
    for (name, pred, expected) in cases {
        let scores = run(
            json!({"id": "d", "text": QUOTE, "attributions": [gold.clone()]}),
            json!({"id": "d", "attributions": [pred]}),
            &ScoreOptions::default(),
        );
        for (role, want) in ["cue", "source", "content"].iter().zip(expected) {
            assert_eq!(
                counts(&scores, &format!("attributions.exact.{role}")),
                want,
                "{name}: {role}"
            );
        }
    }
}

#[test]
fn type_and_source_kind_accuracy() {
    let gold = vec![
        attribution(
            "said",
            Some("the minister"),
            Some("We will not sign"),
            "direct",
        ),
        attribution(
            "claimed",
            Some("Critics"),
            Some("the plan was late"),
            "indirect",
        ),
    ];
    let mut wrong_type = attribution(
        "claimed",
        Some("Critics"),
        Some("the plan was late"),
        "direct",
    );
    wrong_type["source_kind"] = json!("anonymous");
    let pred = vec![gold[0].clone(), wrong_type];
    let scores = run(
        json!({"id": "d", "text": QUOTE, "attributions": gold}),
        json!({"id": "d", "attributions": pred}),
        &ScoreOptions::default(),
    );
    assert_eq!(scores.value_of("attributions.type_acc"), Some(0.5));
    assert_eq!(scores.value_of("attributions.source_kind_acc"), Some(0.5));
    assert_eq!(
        scores.value_of("attributions.source_acc_on_matched"),
        Some(1.0)
    );
}

#[test]
fn hedges_cue_and_sentence() {
    let text = "It may rain. Perhaps it will not. Roughly half agree.";
    let sentences = json!([
        at(text, "It may rain."),
        at(text, "Perhaps it will not."),
        at(text, "Roughly half agree.")
    ]);
    let h = |w: &str| json!({"start": at(text, w)[0], "end": at(text, w)[1]});
    let cases: Vec<TwoMetricCase> = vec![
        // name, gold, pred, cue, sentence
        (
            "same",
            vec![h("may"), h("Perhaps")],
            vec![h("may"), h("Perhaps")],
            (2, 0, 0),
            (2, 0, 0),
        ),
        (
            "other word, same sentence",
            vec![h("may")],
            vec![h("rain")],
            (0, 1, 1),
            (1, 0, 0),
        ),
        (
            "overlap counts",
            vec![h("Perhaps")],
            vec![h("Perhaps it")],
            (1, 0, 0),
            (1, 0, 0),
        ),
        (
            "two in one sentence",
            vec![h("may")],
            vec![h("may"), h("rain")],
            (1, 1, 0),
            (1, 0, 0),
        ),
        (
            "missed sentence",
            vec![h("may"), h("Roughly")],
            vec![h("may")],
            (1, 0, 1),
            (1, 0, 1),
        ),
        // an optional hedge: its sentence is neither rewarded nor penalised
        (
            "optional",
            vec![optional(h("Roughly"))],
            vec![h("Roughly")],
            (0, 0, 0),
            (0, 0, 0),
        ),
        (
            "optional beside a required one",
            vec![h("Perhaps"), optional(h("not"))],
            vec![h("not")],
            (0, 0, 1),
            (1, 0, 0),
        ),
    ];
    for (name, gold, pred, cue, sentence) in cases {
        let scores = run(
            json!({"id": "d", "text": text, "sentences": sentences, "hedges": gold}),
            json!({"id": "d", "hedges": pred}),
            &ScoreOptions::default(),
        );
        assert_eq!(counts(&scores, "hedges.cue"), cue, "{name}: cue");
        assert_eq!(
            counts(&scores, "hedges.sentence"),
            sentence,
            "{name}: sentence"
        );
    }
}

#[test]
fn layers_missing_from_gold_are_not_scored_and_missing_documents_count_as_empty() {
    let gold = vec![
        doc(json!({"id": "a", "text": TEXT, "entities": [entity("Paris", "GPE")]})),
        doc(json!({"id": 7, "text": TEXT, "entities": [entity("Paris", "GPE")]})),
    ];
    let pred = vec![doc(
        json!({"id": "7", "entities": [entity("Paris", "GPE")], "hedges": []}),
    )];
    let scores = score(&gold, &pred, &ScoreOptions::default());
    assert_eq!(scores.missing_in_pred, ["a"]);
    assert_eq!(counts(&scores, "entities.strict"), (1, 0, 1));
    assert!(!scores.counts.contains_key("hedges.cue"));
    assert!(!scores.counts.contains_key("sentences.boundary"));
}

#[test]
fn spans_are_read_in_both_forms() {
    let cases: Vec<(&str, Value, Option<ItemSpan>)> = vec![
        (
            "object",
            json!({"start": 3, "end": 9, "text": "x"}),
            Some(ItemSpan::new(3, 9)),
        ),
        ("array", json!([3, 9]), Some(ItemSpan::new(3, 9))),
        ("null", Value::Null, None),
    ];
    for (name, span, expected) in cases {
        let d = doc(json!({"id": "d", "attributions": [{"cue": [0, 1], "source": span}]}));
        assert_eq!(d.attributions.unwrap()[0].source, expected, "{name}");
    }
    for bad in [
        json!({"id": "d", "entities": [{"start": "x", "end": 2}]}),
        json!({"entities": []}),
        json!({"id": "d", "sentences": "no"}),
    ] {
        assert!(
            EvalDocument::from_json(&bad).is_err(),
            "{bad} should be refused"
        );
    }
}

#[test]
fn token_f1_uses_python_word_characters() {
    use claimtag::eval::scoring_text::ScoringText;
    let cases: Vec<(&str, &str, &str, &str, f64)> = vec![
        // name, text, gold needle, pred needle, F1
        ("same", "Ibáñez said so", "Ibáñez said", "Ibáñez said", 1.0),
        (
            "half",
            "alpha beta gamma delta",
            "alpha beta",
            "beta gamma",
            0.5,
        ),
        (
            "cut word is another token",
            "alpha beta",
            "alpha",
            "alph",
            0.0,
        ),
        (
            "punctuation ignored",
            "“yes,” he said",
            "“yes,”",
            "yes",
            1.0,
        ),
        (
            "underscore is a word character",
            "a_b c",
            "a_b",
            "a_b c",
            2.0 / 3.0,
        ),
        ("digits", "½ of 20 people", "20 people", "of 20", 0.5),
    ];
    for (name, text, g, p, expected) in cases {
        let scoring = ScoringText::new(text);
        let span = |needle: &str| {
            let v = at(text, needle);
            Some(ItemSpan::new(
                v[0].as_i64().unwrap(),
                v[1].as_i64().unwrap(),
            ))
        };
        let f1 = scoring.token_f1(span(g), span(p));
        assert!((f1 - expected).abs() < 1e-9, "{name}: {f1} != {expected}");
    }
}

#[test]
fn threshold_names() {
    let cases: Vec<(&str, bool)> = vec![
        ("attributions.cue.f1", true),
        ("attributions.full.p", true),
        ("entities.strict.PERSON.r", true),
        ("attributions.exact.source.f1", true),
        ("attributions.type_acc", true),
        ("hedges.sentence.f1", true),
        ("sentences.boundary.f1", true),
        ("attributions.cue", false),
        ("attributions.cue.tp", false),
        ("attributions.exact.speaker.f1", false),
        ("entities.strict..f1", false),
        ("entities.fuzzy.f1", false),
        ("", false),
    ];
    for (name, known) in cases {
        assert_eq!(is_known_metric(name), known, "{name}");
    }
    assert!(parse_threshold("attributions.cue.f1=0.9").is_ok());
    for bad in [
        "attributions.cue.f1",
        "attributions.cue.f1=high",
        "nope.f1=0.5",
    ] {
        assert!(parse_threshold(bad).is_err(), "{bad}");
    }
}

mod properties {
    use super::*;
    use claimtag::eval::scoring_text::ScoringText;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "é", " ", ".", "_", "1", "“", "\n", "ß", "\u{301}",
            ]),
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    fn span() -> impl Strategy<Value = Value> {
        (-5i64..70, -2i64..20).prop_map(|(s, l)| json!([s, s + l]))
    }

    fn items() -> impl Strategy<Value = Vec<Value>> {
        prop::collection::vec((span(), span(), any::<bool>()), 0..8).prop_map(|v| {
            v.into_iter()
                .map(|(a, b, optional)| {
                    json!({"start": a[0], "end": a[1], "label": "PERSON", "optional": optional,
                           "cue": a, "content": b, "source": if optional { Value::Null } else { b.clone() }})
                })
                .collect()
        })
    }

    proptest! {
        /// Any spans, inside the text or not, reversed or empty: scoring gives figures, never
        /// a panic, and every figure is a share.
        #[test]
        fn scoring_never_panics(text in text(), gold in items(), pred in items(), sentences in prop::collection::vec(span(), 0..6)) {
            let g = doc(json!({"id": "d", "text": text, "sentences": sentences, "entities": gold,
                               "attributions": gold, "hedges": gold}));
            let p = doc(json!({"id": "d", "sentences": sentences, "entities": pred,
                               "attributions": pred, "hedges": pred}));
            let options = ScoreOptions { collect_errors: true, ..ScoreOptions::default() };
            let scores = score(&[g], &[p], &options);
            for name in scores.metric_names() {
                let v = scores.value_of(&name).unwrap();
                prop_assert!((0.0..=1.0).contains(&v), "{} = {}", name, v);
            }
        }

        /// Tokens of a span are what `\w+` finds in the slice (Python's definition).
        #[test]
        fn tokens_are_word_runs_of_the_slice(text in text(), s in -3i64..65, l in -2i64..30) {
            let scoring = ScoringText::new(&text);
            let chars: Vec<char> = text.chars().collect();
            let len = chars.len() as i64;
            let (start, end) = (s.clamp(0, len), (s + l).clamp(s.clamp(0, len), len));
            let word = regex::Regex::new(r"^[\p{L}\p{N}_]$").unwrap();
            let is_word = |c: char| word.is_match(c.encode_utf8(&mut [0u8; 4]));
            let mut expected = Vec::new();
            let mut i = start;
            while i < end {
                if is_word(chars[i as usize]) {
                    let run_start = i;
                    while i < end && is_word(chars[i as usize]) {
                        i += 1;
                    }
                    expected.push((run_start, i));
                } else {
                    i += 1;
                }
            }
            prop_assert_eq!(scoring.tokens(Some(ItemSpan::new(s, s + l))), expected);
        }
    }
}
