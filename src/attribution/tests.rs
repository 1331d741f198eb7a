//! Table-driven tests of the attribution frames: one construction a line, each written
//! for this project.

use super::*;
use crate::segment::Segmenter;
use crate::text::NoiseDetector;

/// Renders every attribution as `cue | source | content | type | source_kind | continues`.
fn attributions(text: &str) -> Vec<String> {
    let lexicons = Lexicons::built_in();
    let sentences = Segmenter::new(&lexicons)
        .unwrap()
        .split(text, &NoiseDetector::new().find(text));
    let mut vocabulary = crate::tokens::Vocabulary::new();
    let extractor = AttributionExtractor::new(&lexicons, &mut vocabulary).unwrap();
    let layer = crate::tokens::TokenLayer::new(&lexicons, vocabulary);
    extractor
        .extract(&layer.tokenize(text, &[]), &sentences, &[])
        .iter()
        .map(|a| render(text, a))
        .collect()
}

fn render(text: &str, a: &AttributionMention) -> String {
    format!(
        "{} | {} | {} | {} | {}{}",
        a.cue.of(text),
        a.source.map_or("-", |s| s.of(text)),
        a.content.map_or("-", |s| s.of(text)),
        a.kind.as_str(),
        a.source_kind.as_str(),
        a.continues
            .map_or(String::new(), |c| format!(" | continues {c}")),
    )
}

fn check(cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(attributions(text), *expected, "text {text:?}");
    }
}

#[test]
fn quotation_then_cue() {
    check(&[
        (
            "“Prices will rise,” said Dr. Amal Haddad.",
            &["said | Dr. Amal Haddad | Prices will rise | direct | named"],
        ),
        (
            "\"Prices will rise,\" he said.",
            &["said | he | Prices will rise | direct | pronoun"],
        ),
        (
            "“Exports fell,” the ministry said in a statement.",
            &["said | the ministry | Exports fell | direct | named"],
        ),
        (
            "“Why now?” asked one resident.",
            &["asked | one resident | Why now? | direct | anonymous"],
        ),
        (
            "‘We are ready,’ the coach said.",
            &["said | the coach | We are ready | direct | anonymous"],
        ),
        (
            "«Nous restons», said Marie Dubois.",
            &["said | Marie Dubois | Nous restons | direct | named"],
        ),
    ]);
}

#[test]
fn cue_then_quotation() {
    check(&[
        (
            "The minister said: “We will not retreat.”",
            &["said | The minister | We will not retreat. | direct | anonymous"],
        ),
        (
            "Lena Park told the court: \"I saw nothing.\"",
            &["told | Lena Park | I saw nothing. | direct | named"],
        ),
        (
            "The mayor said, “The bridge stays open.”",
            &["said | The mayor | The bridge stays open. | direct | anonymous"],
        ),
    ]);
}

#[test]
fn indirect_speech() {
    check(&[
        (
            "The company said that profits fell by a third.",
            &["said | The company | profits fell by a third | indirect | named"],
        ),
        (
            "The company said profits fell by a third.",
            &["said | The company | profits fell by a third | indirect | named"],
        ),
        (
            "Tom Berg told reporters on Wednesday that the talks had failed.",
            &["told | Tom Berg | the talks had failed | indirect | named"],
        ),
        (
            "Officials said on Monday that the road would reopen.",
            &["said | Officials | the road would reopen | indirect | anonymous"],
        ),
        (
            "The plan will fail, critics warned.",
            &["warned | critics | The plan will fail | indirect | anonymous"],
        ),
        (
            "The plan will fail, warned Ana Ruiz.",
            &["warned | Ana Ruiz | The plan will fail | indirect | named"],
        ),
        (
            "Some analysts believe the rally will not last.",
            &["believe | Some analysts | the rally will not last | indirect | anonymous"],
        ),
    ]);
}

#[test]
fn according_to_in_both_positions() {
    check(&[
        (
            "According to the union, wages have not risen in years.",
            &["According to | the union | wages have not risen in years | indirect | named"],
        ),
        (
            "Wages have not risen in years, according to the union.",
            &["according to | the union | Wages have not risen in years | indirect | named"],
        ),
        (
            "Sales fell 4 percent, according to a report by the Retail Council.",
            &[
                "according to | a report by the Retail Council | Sales fell 4 percent | indirect | document",
            ],
        ),
    ]);
}

#[test]
fn relative_clauses_and_participles() {
    check(&[
        (
            "Radio Nord, which said it had acted in good faith, will appeal.",
            &["said | Radio Nord | it had acted in good faith | indirect | named"],
        ),
        (
            "The mayor resigned on Friday, saying she had lost the council's trust.",
            &["saying | The mayor | she had lost the council's trust | indirect | anonymous"],
        ),
        (
            "Ivo Petrov said the port was closed, adding that ships were waiting.",
            &[
                "said | Ivo Petrov | the port was closed | indirect | named",
                "adding | Ivo Petrov | ships were waiting | indirect | named",
            ],
        ),
    ]);
}

#[test]
fn mixed_quotations() {
    check(&[
        (
            "Piotr Nowak wrote that the plan was \"dead on arrival\" in its current form.",
            &[
                "wrote | Piotr Nowak | the plan was \"dead on arrival\" in its current form | mixed | named",
            ],
        ),
        (
            "A guest claimed that votes had been “lost on purpose” by staff.",
            &["claimed | A guest | votes had been “lost on purpose” by staff | mixed | anonymous"],
        ),
    ]);
}

#[test]
fn agentless_passives() {
    check(&[
        (
            "It was stated that the dam was safe.",
            &["It was stated | - | the dam was safe | indirect | agentless"],
        ),
        (
            "It is believed that two men escaped.",
            &["It is believed | - | two men escaped | indirect | agentless"],
        ),
        (
            "The owner is said to have approved the plan.",
            &[
                "is said to | - | The owner is said to have approved the plan | indirect | agentless",
            ],
        ),
        (
            "In the statement, it was noted that exports had doubled.",
            &["it was noted | the statement | exports had doubled | indirect | document"],
        ),
        ("The bridge was closed. It was noted.", &[]),
        ("He was asked about the vote.", &[]),
    ]);
}

#[test]
fn document_sources() {
    check(&[
        (
            "The article claimed that the firm hid its losses.",
            &["claimed | The article | the firm hid its losses | indirect | document"],
        ),
        (
            "A 2021 study by the institute suggests that rents will rise.",
            &["suggests | A 2021 study by the institute | rents will rise | indirect | document"],
        ),
        (
            "The emails show the warnings were ignored.",
            &["show | The emails | the warnings were ignored | indirect | document"],
        ),
        (
            "Recent polls show support has fallen.",
            &["show | Recent polls | support has fallen | indirect | document"],
        ),
    ]);
}

#[test]
fn postposed_sources_leave_appositives_out() {
    check(&[
        (
            "“Cargo is moving elsewhere,” said Dr. Amal Haddad, the agency's chief economist.",
            &["said | Dr. Amal Haddad | Cargo is moving elsewhere | direct | named"],
        ),
        (
            "Haddad, the agency's chief economist, said the cost was high.",
            &["said | Haddad | the cost was high | indirect | named"],
        ),
    ]);
}

#[test]
fn continued_quotations() {
    check(&[
        (
            "Ana Ruiz said: “We stay. We fight.”",
            &[
                "said | Ana Ruiz | We stay. | direct | named",
                "said | Ana Ruiz | We fight. | direct | named | continues 0",
            ],
        ),
        (
            "“We stay,” said Ana Ruiz. “We fight.”",
            &[
                "said | Ana Ruiz | We stay | direct | named",
                "said | Ana Ruiz | We fight. | direct | named | continues 0",
            ],
        ),
        (
            "Ana Ruiz said: “We stay.\n\n“We fight.”",
            &[
                "said | Ana Ruiz | We stay. | direct | named",
                "said | Ana Ruiz | We fight. | direct | named | continues 0",
            ],
        ),
        // a closed quotation in the next paragraph, after an indirect report: nobody's
        (
            "Ana Ruiz said they would stay.\n\n“We fight.”",
            &["said | Ana Ruiz | they would stay | indirect | named"],
        ),
    ]);
}

#[test]
fn not_attributions() {
    check(&[
        (
            "An article titled “Tech Giants Win” was published in May.",
            &[],
        ),
        (
            "The court banned the apps on the grounds of “protecting national security.”",
            &[],
        ),
        ("The spokesman declined to comment.", &[]),
        ("The so-called plan was dropped.", &[]),
    ]);
}

/// One case per bug found while measuring; each failed before its fix.
#[test]
fn regressions() {
    check(&[
        // a plural subject that also names a hearer (`members`, `voters`)
        (
            "Several cast members said the host had been rude.",
            &["said | Several cast members | the host had been rude | indirect | anonymous"],
        ),
        // a verb form after an article inside a postposed source is a noun
        (
            "“It is triggered by a failure to vote,” said the ruling.",
            &["said | the ruling | It is triggered by a failure to vote | direct | document"],
        ),
        // a capitalised verb form opening the sentence is a noun
        (
            "Emails between senior managers show the warnings were ignored.",
            &[
                "show | Emails between senior managers | the warnings were ignored | indirect | document",
            ],
        ),
        // title-case headlines keep their verbs
        (
            "Mayor Says She Will Stay In Office",
            &["Says | Mayor | She Will Stay In Office | indirect | named"],
        ),
        // `state` is a noun far more often than a verb
        (
            "The New York state attorney general is reviewing the case.",
            &[],
        ),
        // `too` opens a clause
        (
            "Mike Pence says too much is made of the tweets.",
            &["says | Mike Pence | too much is made of the tweets | indirect | named"],
        ),
        // a bracketed aside between source and verb
        (
            "Harry Reid (D-Nev.) told reporters that the law was broken.",
            &["told | Harry Reid | the law was broken | indirect | named"],
        ),
        // doubled apostrophes as quotation marks
        (
            "''I'm fine with it,'' Mr. Hoekstra said.",
            &["said | Mr. Hoekstra | I'm fine with it | direct | named"],
        ),
        // a belief inside reported content is part of it
        (
            "Mr. Clarke said he realized that the problems were old.",
            &["said | Mr. Clarke | he realized that the problems were old | indirect | named"],
        ),
        // plural nouns that share a form with a verb
        ("Those talking points were repeated by new claims.", &[]),
        // a product recall is no report
        ("Vela Foods is recalling some 300,000 cans of tuna.", &[]),
        // the content of a relative clause ends where the main clause goes on
        (
            "Solmar Ferries, which said it had found no evidence, has hired a second firm.",
            &["said | Solmar Ferries | it had found no evidence | indirect | named"],
        ),
        // a dateline is not content
        (
            "DUBLIN (Liffey News) — Rents rose 11 percent, according to a report.",
            &["according to | a report | Rents rose 11 percent | indirect | document"],
        ),
        // a multi-sentence quotation before its cue is one content
        (
            "“We stay. We fight,” said Ana Ruiz.",
            &["said | Ana Ruiz | We stay. We fight | direct | named"],
        ),
    ]);
}

/// PARC 3.0 cue spans: the verb group between source and verb, and a particle right
/// before the content; an aside or a relative pronoun in the gap keeps the verb alone.
#[test]
fn cue_is_the_verb_group() {
    check(&[
        (
            "The ministry has also said that exports fell.",
            &["has also said | The ministry | exports fell | indirect | named"],
        ),
        (
            "Haddad did not deny that prices rose.",
            &["did not deny | Haddad | prices rose | indirect | named"],
        ),
        (
            "The union called for a new vote on the contract.",
            &["called for | The union | a new vote on the contract | indirect | named"],
        ),
        (
            "Radio Nord, which said it had acted in good faith, plans to appeal.",
            &["said | Radio Nord | it had acted in good faith | indirect | named"],
        ),
        (
            "He told reporters that the talks had failed.",
            &["told | He | the talks had failed | indirect | pronoun"],
        ),
    ]);
}

/// Every attribution carries its verb's lemma and the class of report, the continuations
/// of a quotation those of their first sentence.
#[test]
fn cue_lemma_and_class() {
    let cases: &[(&str, &[(&str, CueClass)])] = &[
        (
            "The ministry has also said that exports fell.",
            &[("say", CueClass::Speech)],
        ),
        (
            "Critics believe that the fence is useless.",
            &[("believe", CueClass::Belief)],
        ),
        (
            "The report found that rents rose.",
            &[("find", CueClass::Evidence)],
        ),
        (
            "The mayor vowed to rebuild the bridge.",
            &[("vow", CueClass::Intention)],
        ),
        (
            "Rents rose, according to the survey.",
            &[("according to", CueClass::Speech)],
        ),
        (
            "“We are ready,” the coach said. “We will win.”",
            &[("say", CueClass::Speech), ("say", CueClass::Speech)],
        ),
    ];
    let lexicons = Lexicons::built_in();
    let segmenter = Segmenter::new(&lexicons).unwrap();
    let mut vocabulary = crate::tokens::Vocabulary::new();
    let extractor = AttributionExtractor::new(&lexicons, &mut vocabulary).unwrap();
    let layer = crate::tokens::TokenLayer::new(&lexicons, vocabulary);
    for (text, expected) in cases {
        let sentences = segmenter.split(text, &NoiseDetector::new().find(text));
        let found: Vec<(String, CueClass)> = extractor
            .extract(&layer.tokenize(text, &[]), &sentences, &[])
            .iter()
            .map(|a| (a.lemma.to_string(), a.cue_class))
            .collect();
        let expected: Vec<(String, CueClass)> =
            expected.iter().map(|(l, c)| (l.to_string(), *c)).collect();
        assert_eq!(found, expected, "text {text:?}");
    }
}

/// A cue-less quotation opening the paragraph after an indirect report goes on with that
/// document source (the seed article's first quotation belongs to "The article"); one with
/// a cue candidate of its own, or in the same paragraph, does not (nor one after a person's
/// paraphrase: see `continued_quotations`).
#[test]
fn quotation_after_an_indirect_report() {
    check(&[
        (
            "The article claimed that the firms shared data.\n\n“The firms play a key role.”",
            &[
                "claimed | The article | the firms shared data | indirect | document",
                "claimed | The article | The firms play a key role. | direct | document | continues 0",
            ],
        ),
        (
            "The article claimed that the firms shared data.\n\n“The firms play a key role,” said one voice.",
            &[
                "claimed | The article | the firms shared data | indirect | document",
                "said | one voice | The firms play a key role | direct | anonymous",
            ],
        ),
        (
            "The article claimed that the firms shared data.\n\n“The firms play a key role,” in the said report.",
            &["claimed | The article | the firms shared data | indirect | document"],
        ),
        (
            "The article claimed that the firms shared data. “The firms play a key role.”",
            &["claimed | The article | the firms shared data | indirect | document"],
        ),
    ]);
}

/// The content of an indirect report ends where its clause does: at a semicolon, a contrast
/// of the writer's after a comma, or a second verb of report; a second complement (`, but
/// that`) and a relative clause on a noun of the content stay in it, as do the speaker's
/// own words inside a quotation.
#[test]
fn content_ends_with_its_clause() {
    check(&[
        (
            "The mayor said the bridge would reopen; the council disagreed.",
            &["said | The mayor | the bridge would reopen | indirect | anonymous"],
        ),
        (
            "The mayor said the bridge would reopen, while critics doubt it.",
            &["said | The mayor | the bridge would reopen | indirect | anonymous"],
        ),
        (
            "Haddad said prices would rise and called for calm.",
            &["said | Haddad | prices would rise | indirect | named"],
        ),
        (
            "Haddad said prices had peaked, but that wages lagged.",
            &["said | Haddad | prices had peaked, but that wages lagged | indirect | named"],
        ),
        (
            "Haddad said the plant in Austin, which opened in 2021, would close.",
            &[
                "said | Haddad | the plant in Austin, which opened in 2021, would close | indirect | named",
            ],
        ),
    ]);
}

/// A participle's source is the sentence's opening noun phrase, with its lower-case head
/// noun, and the participle's cue is not stretched back over the main verb.
#[test]
fn participle_subjects_keep_their_head() {
    check(&[
        (
            "The Sanders campaign countered by suggesting that the debate move to April.",
            &["suggesting | The Sanders campaign | the debate move to April | indirect | named"],
        ),
        (
            "A Chinese official laughed, saying that Japan should be careful.",
            &["saying | A Chinese official | Japan should be careful | indirect | anonymous"],
        ),
    ]);
}
