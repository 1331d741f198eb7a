//! Each writer on a hand-built annotation whose text has emoji, a ZWJ sequence and
//! characters outside the BMP: every span a writer emits must cover the same text as the
//! annotation's span, in the unit the target tool counts in.

mod formats_support;

use claimtag::OffsetUnit;
use claimtag::formats::{brat, conll, dolma, html, json, labelstudio, spacy};
use formats_support::{TEXT, code_point_slice, sample, sample_utf16, span, utf16_slice};

#[test]
fn writers_that_fix_their_unit_ignore_the_annotation_unit() {
    let (cp, u16) = (sample(), sample_utf16());
    assert_eq!(u16.offsets, "utf16");
    assert_ne!(
        cp.entities[1].start, u16.entities[1].start,
        "the sample must need conversion"
    );
    assert_eq!(brat::render(&cp), brat::render(&u16));
    assert_eq!(spacy::render(&cp), spacy::render(&u16));
    assert_eq!(conll::render(&cp), conll::render(&u16));
    assert_eq!(dolma::render(&cp, "x"), dolma::render(&u16, "x"));
    assert_eq!(html::page(&cp, None), html::page(&u16, None));
    for unit in [OffsetUnit::Codepoint, OffsetUnit::Utf16] {
        assert_eq!(
            labelstudio::render(&cp, unit),
            labelstudio::render(&u16, unit)
        );
    }
}

/// One brat text-bound line: id, type, fragments, text.
type TextBound = (String, String, Vec<(usize, usize)>, String);

/// Parses brat's text-bound lines.
fn text_bound(ann: &str) -> Vec<TextBound> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "T line has three columns: {line}");
            let (kind, offsets) = cols[1].split_once(' ').unwrap();
            let fragments = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once(' ').unwrap();
                    (s.parse().unwrap(), e.parse().unwrap())
                })
                .collect();
            (cols[0].into(), kind.into(), fragments, cols[2].into())
        })
        .collect()
}

#[test]
fn brat_lines_use_code_points_and_tie_roles_with_an_event() {
    let doc = brat::render(&sample());
    assert_eq!(doc.text, TEXT);
    let tbs = text_bound(&doc.ann);
    for (id, _, fragments, text) in &tbs {
        let pieces: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| code_point_slice(&doc.text, s, e))
            .collect();
        assert_eq!(&pieces.join(" "), text, "{id}");
    }
    let find = |kind: &str, text: &str| {
        tbs.iter()
            .find(|(_, k, _, t)| k == kind && t == text)
            .unwrap_or_else(|| panic!("no {kind} {text:?} in\n{}", doc.ann))
            .0
            .clone()
    };
    let cases = [
        ("PERSON", "Ana Ruiz"),
        ("NORP", "Officials"),
        ("Source", "Mayor Ana Ruiz"),
        ("Attribution", "said"),
        ("Content", "the 𝒳 bridge would probably reopen"),
        ("Hedge", "probably"),
    ];
    for (kind, text) in cases {
        find(kind, text);
    }
    let (source, content) = (
        find("Source", "Mayor Ana Ruiz"),
        find("Content", "the 𝒳 bridge would probably reopen"),
    );
    let events: Vec<&str> = doc.ann.lines().filter(|l| l.starts_with('E')).collect();
    assert_eq!(events.len(), 3);
    assert!(
        events[0].contains(&format!("Source:{source}"))
            && events[0].contains(&format!("Content:{content}"))
    );
    assert!(
        !events[2].contains("Content:"),
        "a null content has no argument"
    );
    let expected_lines = [
        "AttributionType E1 indirect",
        "SourceKind E1 named",
        "SourceKind E2 pronoun",
        "AttributionType E2 direct",
    ];
    for line in expected_lines {
        assert!(doc.ann.lines().any(|l| l.ends_with(line)), "missing {line}");
    }
    let person = find("PERSON", "Ana Ruiz");
    assert!(
        doc.ann
            .contains(&format!("RefersTo Arg1:{source} Arg2:{person}"))
    );
    let probably = find("Hedge", "probably");
    assert!(doc.ann.contains(&format!("HedgeKind {probably} adverb")));
    // Every type used is declared in annotation.conf.
    for (_, kind, _, _) in &tbs {
        assert!(
            brat::ANNOTATION_CONF
                .lines()
                .any(|l| l.split('\t').next() == Some(kind.as_str())),
            "{kind} undeclared"
        );
    }
}

#[test]
fn brat_splits_spans_across_line_breaks_into_fragments() {
    let text = "First line ends\nsecond 😀 line.";
    let annotation = formats_support::annotation(
        text,
        serde_json::json!({
            "sentences": [["First line ends\nsecond 😀 line.", 0]],
            "entities": [], "attributions": [],
            "hedges": [["ends\nsecond 😀", 0, "weasel"]]
        }),
    );
    let doc = brat::render(&annotation);
    let tbs = text_bound(&doc.ann);
    assert_eq!(tbs[0].2, vec![(11, 15), (16, 24)]);
    assert_eq!(tbs[0].3, "ends second 😀");
}

#[test]
fn labelstudio_offsets_follow_the_chosen_unit() {
    let annotation = sample();
    let cases = [
        (OffsetUnit::Codepoint, "codepoint"),
        (OffsetUnit::Utf16, "utf16"),
    ];
    for (unit, name) in cases {
        let task = labelstudio::render(&annotation, unit);
        assert_eq!(task["data"]["text"], TEXT);
        assert_eq!(task["data"]["offsets"], name);
        let results = task["predictions"][0]["result"].as_array().unwrap();
        assert_eq!(results.len(), 2 + 8 + 3, "entities + roles + hedges");
        for r in results {
            assert_eq!(
                (
                    r["from_name"].as_str(),
                    r["to_name"].as_str(),
                    r["type"].as_str()
                ),
                (Some("label"), Some("text"), Some("labels"))
            );
            let (s, e) = (
                r["value"]["start"].as_u64().unwrap() as usize,
                r["value"]["end"].as_u64().unwrap() as usize,
            );
            let slice = match unit {
                OffsetUnit::Codepoint => code_point_slice(TEXT, s, e),
                OffsetUnit::Utf16 => utf16_slice(TEXT, s, e),
            };
            assert_eq!(r["value"]["text"].as_str().unwrap(), slice);
            let label = r["value"]["labels"][0].as_str().unwrap();
            assert!(
                labelstudio::LABEL_CONFIG.contains(&format!("value=\"{label}\"")),
                "{label} not in the config"
            );
        }
    }
}

#[test]
fn conll_tags_entities_bio_one_sentence_per_block() {
    let out = conll::render(&sample());
    assert!(out.starts_with("-DOCSTART- -X- -X- O\n\n"));
    let blocks: Vec<&str> = out.trim_end().split("\n\n").skip(1).collect();
    assert_eq!(blocks.len(), 3, "{out}");
    let cases = [
        ("Mayor", "O"),
        ("Ana", "B-PERSON"),
        ("Ruiz", "I-PERSON"),
        ("😀", "O"),
        ("𝒳", "O"),
        ("Officials", "B-NORP"),
        ("👨‍👩‍👧", "O"),
        ("\"", "O"),
    ];
    for (token, tag) in cases {
        let line = format!("{token} {tag}");
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
    for line in out.lines().filter(|l| !l.is_empty()) {
        assert_eq!(
            line.split(' ').count(),
            if line.starts_with("-DOCSTART-") { 4 } else { 2 },
            "{line:?}"
        );
    }
}

#[test]
fn dolma_rows_hold_code_point_spans_with_scores() {
    let row = dolma::render(&sample(), "claims");
    assert_eq!(row["id"], "sample");
    assert_eq!(row["source"], "sample.txt");
    let attributes = row["attributes"].as_object().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("claims__claimtag__entity_person", &["Ana Ruiz"]),
        ("claims__claimtag__entity_norp", &["Officials"]),
        ("claims__claimtag__entity_org", &[]),
        (
            "claims__claimtag__attribution_cue",
            &["said", "said", "knew"],
        ),
        (
            "claims__claimtag__attribution_source",
            &["Mayor Ana Ruiz", "she", "Officials"],
        ),
        (
            "claims__claimtag__attribution_content",
            &["the 𝒳 bridge would probably reopen", "We are not done,"],
        ),
        ("claims__claimtag__hedge_adverb", &["probably", "allegedly"]),
        ("claims__claimtag__hedge_modal", &["would"]),
        ("claims__claimtag__hedge_weasel", &[]),
    ];
    for (key, texts) in cases {
        let spans = attributes[*key]
            .as_array()
            .unwrap_or_else(|| panic!("{key}"));
        let got: Vec<String> = spans
            .iter()
            .map(|s| {
                assert_eq!(s[2], 1.0);
                code_point_slice(
                    TEXT,
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        assert_eq!(got, *texts, "{key}");
    }
    let whole = TEXT.chars().count();
    let share = &attributes["claims__claimtag__named_source_share"][0];
    assert_eq!(
        (share[0].as_u64(), share[1].as_u64()),
        (Some(0), Some(whole as u64))
    );
    assert!((share[2].as_f64().unwrap() - 0.3333).abs() < 1e-9);
    assert_eq!(attributes["claims__claimtag__attribution_count"][0][2], 3.0);
}

#[test]
fn spacy_json_has_doc_to_json_shape_with_span_groups() {
    let doc = spacy::render(&sample());
    assert_eq!(doc["text"], TEXT);
    let tokens = doc["tokens"].as_array().unwrap();
    let mut last_end = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t["id"], i);
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert!(s >= last_end && e > s);
        let gap = code_point_slice(TEXT, last_end, s);
        assert!(
            gap.is_empty() || gap == " ",
            "only a single space is left between tokens: {gap:?}"
        );
        last_end = e;
    }
    let ents: Vec<(String, String)> = doc["ents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                code_point_slice(
                    TEXT,
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                ),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        ents,
        [
            ("Ana Ruiz".to_string(), "PERSON".to_string()),
            ("Officials".into(), "NORP".into())
        ]
    );
    let group = |name: &str| -> Vec<(String, String, String)> {
        doc["spans"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    code_point_slice(
                        TEXT,
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    ),
                    s["label"].as_str().unwrap().into(),
                    s["kb_id"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let attributions = group("attributions");
    assert_eq!(attributions.len(), 8);
    assert_eq!(
        attributions[0],
        ("Mayor Ana Ruiz".into(), "SOURCE".into(), "a0".into())
    );
    assert_eq!(attributions[1], ("said".into(), "CUE".into(), "a0".into()));
    assert_eq!(
        group("hedges")[0],
        ("would".into(), "modal".into(), "h0".into())
    );
    assert_eq!(doc["sents"].as_array().unwrap().len(), 3);
    assert_eq!(doc["claimtag"]["attributions"][1]["source_kind"], "pronoun");
}

/// Checks that every `<span ...>` is closed in order, i.e. the markup nests.
fn assert_balanced(page: &str) {
    let mut depth: i64 = 0;
    let mut rest = page;
    while let Some(at) = rest
        .find("<span")
        .into_iter()
        .chain(rest.find("</span>"))
        .min()
    {
        if rest[at..].starts_with("</span>") {
            depth -= 1;
            assert!(depth >= 0, "a span closes twice");
            rest = &rest[at + 7..];
        } else {
            depth += 1;
            rest = &rest[at + 5..];
        }
    }
    assert_eq!(depth, 0, "unclosed spans");
}

#[test]
fn html_page_is_self_contained_escaped_and_nested() {
    let mut annotation = sample();
    annotation.id = "<script>alert(1)</script>".into();
    let page = html::page(&annotation, Some("index.html"));
    assert_balanced(&page);
    assert!(!page.contains("<script>alert"), "ids are escaped");
    for forbidden in ["http://", "https://", "<link", "src="] {
        assert!(
            !page.contains(forbidden),
            "page refers outside itself: {forbidden}"
        );
    }
    let cases = [
        r#"class="attr attr-source" data-attr="a0""#,
        r#"class="attr attr-cue" data-attr="a0""#,
        r#"class="attr attr-content" data-attr="a0""#,
        r#"class="ent ent-PERSON""#,
        r#"class="hedge hedge-modal""#,
        "a0 · indirect · named source&#10;source: Mayor Ana Ruiz&#10;cue: said&#10;content: the 𝒳 bridge would probably reopen",
        r#"<table class="summary">"#,
        "👨‍👩‍👧",
    ];
    for needle in cases {
        assert!(page.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn html_closes_and_reopens_crossing_spans() {
    let text = "alpha beta gamma delta";
    let annotation = formats_support::annotation(
        text,
        serde_json::json!({
            "sentences": [[text, 0]],
            "entities": [["beta gamma", 0, "ORG"]],
            "attributions": [{"cue": ["delta", 0], "source": null, "content": ["alpha beta", 0],
                              "type": "indirect", "kind": "agentless"}],
            "hedges": [["gamma delta", 0, "weasel"]]
        }),
    );
    let page = html::page(&annotation, None);
    assert_balanced(&page);
    let article = &page[page.find("<article").unwrap()..page.find("</article>").unwrap()];
    let visible: String = {
        let mut out = String::new();
        let mut in_tag = false;
        for c in article.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    assert_eq!(
        visible.trim_start_matches(|c| c != 'a'),
        text,
        "text survives splitting"
    );
    assert!(
        article.matches(r#"class="ent ent-ORG""#).count() >= 2,
        "the crossed entity is reopened"
    );
}

#[test]
fn html_index_lists_documents_and_errors() {
    let annotation = sample();
    let entries = [
        html::IndexEntry::of(&annotation, "sample.html".into()),
        html::IndexEntry {
            href: None,
            id: "broken".into(),
            summary: None,
            error: Some("encoding: not UTF-8".into()),
        },
    ];
    let page = html::index(&entries);
    assert!(page.contains(r#"<a href="sample.html">sample</a>"#));
    assert!(page.contains("encoding: not UTF-8"));
    assert!(page.contains("2 documents"));
}

#[test]
fn spans_in_utf16_cover_the_same_text_as_in_code_points() {
    let (cp, u16) = (sample(), sample_utf16());
    let pairs = cp
        .entities
        .iter()
        .zip(&u16.entities)
        .map(|(a, b)| ((a.start, a.end), (b.start, b.end), &a.text));
    for ((cs, ce), (us, ue), text) in pairs {
        assert_eq!(&code_point_slice(TEXT, cs, ce), text);
        assert_eq!(&utf16_slice(TEXT, us, ue), text);
    }
    let (s, _) = span(TEXT, "Officials", 0);
    assert_eq!(
        u16.entities[1].start - s,
        1 + 1 + 3,
        "😀 and 𝒳 take one unit more each, the family one more per person"
    );
}

/// The direct JSON writer must write exactly what serde_json writes for the model, which
/// stays the one definition of the output: whole corpus articles with `source` and `meta`
/// set, in both offset units, and texts holding every escape class.
#[test]
fn the_json_line_is_serde_json_byte_for_byte() {
    let mut annotations = Vec::new();
    for unit in [OffsetUnit::Codepoint, OffsetUnit::Utf16] {
        let annotator = claimtag::Annotator::new(claimtag::Config {
            offsets: unit,
            ..claimtag::Config::default()
        })
        .unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/articles");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        assert!(!paths.is_empty());
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut annotation = annotator.annotate(&claimtag::Document::new("art\"id", text));
            annotation.source = Some(path.display().to_string());
            let meta = serde_json::json!({"url": "https://x/\u{2028}", "n": 1.5e3, "tags": ["a", null], "z": {}});
            annotation.meta = meta.as_object().cloned();
            annotations.push(annotation);
        }
        // Every control byte, quote, backslash, DEL, non-ASCII and the line separators
        // JavaScript treats as line ends, in the text, in span texts and in ids and rules.
        let escapes: String = (0u8..0x20)
            .map(char::from)
            .chain("\"\\/\u{7f}é€😀\u{2028}\u{2029}".chars())
            .collect();
        let text = format!(
            "{escapes} The mayor said \"{escapes}\" today.\n\nIt may rain, \"officials said.\""
        );
        let mut annotation = annotator.annotate(&claimtag::Document::new(escapes.clone(), text));
        assert!(!annotation.sentences.is_empty());
        annotation.entities.push(claimtag::model::Entity {
            id: escapes.clone(),
            start: 0,
            end: 1,
            text: escapes.clone(),
            label: claimtag::model::EntityLabel::Person,
            sentence: 0,
            rule: escapes.clone(),
        });
        annotations.push(annotation);
    }
    annotations.push(sample());
    annotations.push(sample_utf16());
    for annotation in &annotations {
        let mut expected = serde_json::to_vec(annotation).unwrap();
        expected.push(b'\n');
        let ours = json::annotation_line(annotation);
        assert!(
            ours == expected,
            "{}:\n{}\n{}",
            annotation.id,
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&expected)
        );
    }
}

mod no_panic {
    //! Any text, any spans (also out of range, backwards, or splitting a surrogate pair in
    //! UTF-16): every writer returns, HTML stays nested, spaCy tokens stay in order.
    use super::*;
    use claimtag::model::Annotation;
    use proptest::prelude::*;

    fn annotation(text: String, spans: Vec<(usize, usize)>, utf16: bool) -> Annotation {
        let labels = ["PERSON", "ORG", "DATE"];
        let kinds = ["modal", "weasel"];
        let span = |(s, e): (usize, usize)| serde_json::json!({"start": s, "end": e, "text": ""});
        let entities: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| serde_json::json!({"id": format!("e{i}"), "start": s, "end": e, "text": "", "label": labels[i % 3], "sentence": 0}))
            .collect();
        let hedges: Vec<_> = spans
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &(s, e))| serde_json::json!({"id": format!("h{i}"), "start": s, "end": e, "text": "", "kind": kinds[i % 2], "sentence": 0}))
            .collect();
        let attributions: Vec<_> = spans
            .chunks(3)
            .enumerate()
            .map(|(i, c)| serde_json::json!({
                "id": format!("a{i}"), "sentence": 0, "type": "direct", "source_kind": "named",
                "cue": span(c[0]), "source": c.get(1).map(|&x| span(x)), "content": c.get(2).map(|&x| span(x)),
                "continues": if i > 0 { Some("a0") } else { None }}))
            .collect();
        let sentences: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| serde_json::json!({"id": i, "start": s, "end": e, "text": ""}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "schema_version": "1.0.0", "id": "p/../q r", "text": text,
            "offsets": if utf16 { "utf16" } else { "codepoint" },
            "sentences": sentences, "noise": [], "entities": entities,
            "attributions": attributions, "hedges": hedges,
        }))
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn writers_never_panic(
            text in "[a-z .,'\"\n\t😀𝒳é\u{200d}\r-]{0,40}",
            spans in proptest::collection::vec((0usize..50, 0usize..50), 0..8),
            utf16 in any::<bool>(),
        ) {
            let annotation = annotation(text, spans, utf16);
            let _ = brat::render(&annotation);
            let _ = conll::render(&annotation);
            let _ = dolma::render(&annotation, "x");
            let _ = labelstudio::render(&annotation, OffsetUnit::Utf16);
            assert_balanced(&html::page(&annotation, None));
            let doc = spacy::render(&annotation);
            let mut last = 0;
            for t in doc["tokens"].as_array().unwrap() {
                let (s, e) = (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap());
                prop_assert!(s >= last && e > s);
                last = e;
            }
        }
    }
}

#[test]
fn html_greys_out_noise_lines() {
    let text = "Real news.\n<div>ad</div>\nMore news.";
    let mut annotation = formats_support::annotation(
        text,
        serde_json::json!({
            "sentences": [["Real news.", 0], ["More news.", 0]],
            "entities": [], "attributions": [], "hedges": []
        }),
    );
    let (start, end) = span(text, "<div>ad</div>", 0);
    annotation.noise.push(claimtag::model::Noise {
        start,
        end,
        kind: "markup".into(),
        text: "<div>ad</div>".into(),
    });
    let page = html::page(&annotation, None);
    assert!(page.contains(
        r#"<span class="noise" title="markup residue">&lt;div&gt;ad&lt;/div&gt;</span>"#
    ));
}
