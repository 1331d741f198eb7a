//! Entities feed attribution: a source naming a PERSON or ORG is `named` and points to that
//! entity; a personal pronoun points to the person it stands for.

use claimtag::{Annotator, Config, Document};

/// (text, source text, source kind, text of the entity the source points to)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, Option<&str>)] = &[
    ("Foreign Minister Lena M. Kowalski said the border would stay open.", "Foreign Minister Lena M. Kowalski", "named", Some("Lena M. Kowalski")),
    ("Northwind Shipping Ltd. said it had paused sailings.", "Northwind Shipping Ltd.", "named", Some("Northwind Shipping Ltd.")),
    ("Paul J. Adeyemi arrived late. \"We are ready,\" he said.", "he", "pronoun", Some("Paul J. Adeyemi")),
    ("Officials said the port had reopened.", "Officials", "anonymous", None),
    ("The report claimed that exports fell.", "The report", "document", None),
];

#[test]
fn sources_link_to_the_entities_they_name() {
    let annotator = Annotator::new(Config::default()).unwrap();
    for (text, source, kind, entity) in CASES {
        let annotation = annotator.annotate(&Document::new("t", *text));
        let attribution = annotation
            .attributions
            .iter()
            .find(|a| a.source.as_ref().is_some_and(|s| s.text == *source))
            .unwrap_or_else(|| panic!("no attribution with source {source:?} in {text:?}"));
        assert_eq!(attribution.source_kind.as_str(), *kind, "{text}");
        let linked = attribution
            .source
            .as_ref()
            .and_then(|s| s.entity.as_ref())
            .map(|id| {
                annotation
                    .entities
                    .iter()
                    .find(|e| &e.id == id)
                    .unwrap()
                    .text
                    .as_str()
            });
        assert_eq!(linked, *entity, "{text}");
    }
}
