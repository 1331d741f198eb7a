//! The shallow syntax layer on sentences we wrote, news style: tags, noun phrases, verb
//! groups, clause edges, maximal noun phrases and lemmas, one table per rule family; then
//! odd input that must not panic.

use claimtag::syntax::{ClauseEdgeKind, MaximalNp, SentenceSyntax, SyntaxModel, Tag, clitic};
use std::sync::OnceLock;

fn model() -> &'static SyntaxModel {
    static MODEL: OnceLock<SyntaxModel> = OnceLock::new();
    MODEL.get_or_init(SyntaxModel::built_in)
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().collect()
}

fn texts(words: &[&str], spans: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<String> {
    spans.map(|r| words[r].join(" ")).collect()
}

#[test]
fn tags_of_news_sentences() {
    // (sentence, word, its tag): the first occurrence of the word.
    let cases: &[(&str, &str, Tag)] = &[
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            "said",
            Tag::VerbPast,
        ),
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            "'s",
            Tag::PartPos,
        ),
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            "that",
            Tag::Sconj,
        ),
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            "chief",
            Tag::Noun,
        ),
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            "Tuesday",
            Tag::Propn,
        ),
        (
            "The ministry has denied the report .",
            "denied",
            Tag::VerbPart,
        ),
        ("The ministry has denied the report .", "has", Tag::AuxPres3),
        ("She says the talks will resume .", "says", Tag::VerbPres3),
        ("She says the talks will resume .", "will", Tag::AuxModal),
        ("She says the talks will resume .", "talks", Tag::NounPl),
        ("Officials are saying little .", "saying", Tag::VerbGer),
        ("He wants to leave .", "to", Tag::PartTo),
        ("He went to Paris .", "to", Tag::Adp),
        ("They did not comment .", "not", Tag::PartNeg),
        (
            "The report , which was leaked , was wrong .",
            "which",
            Tag::PronWh,
        ),
        ("Their lawyer declined to comment .", "Their", Tag::PronPoss),
        ("About 200 people attended .", "200", Tag::Num),
        ("Prices rose 5 % in March .", "%", Tag::Sym),
        (
            "Yesterday Zorblaxians protested loudly .",
            "Zorblaxians",
            Tag::Propn,
        ),
        (
            "the regulator frobnicated the data",
            "frobnicated",
            Tag::VerbPast,
        ),
        ("a remarkably quick decision", "remarkably", Tag::Adv),
        ("“ We will fight , ” he said .", "”", Tag::Punct),
    ];
    for &(sentence, word, want) in cases {
        let w = words(sentence);
        let s = model().analyze(&w);
        let at = w.iter().position(|x| *x == word).expect("word in sentence");
        assert_eq!(s.tags()[at], want, "{word} in: {sentence}");
    }
}

#[test]
fn base_noun_phrases() {
    let cases: &[(&str, &[&str])] = &[
        (
            "The agency 's chief said on Tuesday that the plan failed .",
            &["The agency 's chief", "Tuesday", "the plan"],
        ),
        (
            "The agency's new chief resigned .",
            &["The agency's new chief"],
        ),
        (
            "The three senior European officials met the prime minister .",
            &["The three senior European officials", "the prime minister"],
        ),
        ("He gave the man a book .", &["He", "the man", "a book"]),
        (
            "About 200 people attended the rally .",
            &["About 200 people", "the rally"],
        ),
        ("The proposed law was rejected .", &["The proposed law"]),
        (
            "Reuters and the BBC reported it .",
            &["Reuters", "the BBC", "it"],
        ),
        ("All the witnesses spoke .", &["All the witnesses"]),
        ("His long-term goal is clear .", &["His long - term goal"]),
    ];
    for &(sentence, want) in cases {
        // The hyphenated case is tokenized with the hyphen apart, as EWT does.
        let sentence = sentence.replace("long-term", "long - term");
        let w = words(&sentence);
        let s = model().analyze(&w);
        let got = texts(&w, s.noun_phrases().map(|c| c.span.clone()));
        assert_eq!(got, want, "in: {sentence}");
        for np in s.noun_phrases() {
            assert!(
                np.span.contains(&np.head),
                "head inside its phrase: {sentence}"
            );
        }
    }
}

#[test]
fn verb_groups_and_lemmas() {
    // (sentence, verb groups, lemma of each group's head)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "The ministry has denied the report .",
            &["has denied"],
            &["deny"],
        ),
        (
            "The minister has not yet denied it .",
            &["has not yet denied"],
            &["deny"],
        ),
        (
            "The president had not yet denied it .",
            &["had not yet denied"],
            &["deny"],
        ),
        (
            "He also said the plan would fail .",
            &["also said", "would fail"],
            &["say", "fail"],
        ),
        (
            "Activists called on the government .",
            &["called on"],
            &["call"],
        ),
        (
            "She pointed out that prices rose .",
            &["pointed out", "rose"],
            &["point", "rise"],
        ),
        ("The report was leaked .", &["was leaked"], &["leak"]),
        ("They didn't comment .", &["didn't comment"], &["comment"]),
        ("The claim is false .", &["is"], &["be"]),
        (
            "The rebels , according to witnesses , surrendered .",
            &["according to", "surrendered"],
            &["accord", "surrender"],
        ),
    ];
    for &(sentence, want, lemmas) in cases {
        let w = words(sentence);
        let s = model().analyze(&w);
        let got = texts(&w, s.verb_groups().map(|c| c.span.clone()));
        assert_eq!(got, want, "in: {sentence}");
        let got_lemmas: Vec<String> = s
            .verb_groups()
            .map(|c| model().lemma(&w, &s, c.head).into_owned())
            .collect();
        assert_eq!(got_lemmas, lemmas, "lemmas in: {sentence}");
    }
    let w = words("They did not comment , and he never called .");
    let s = model().analyze(&w);
    let negated: Vec<bool> = s.verb_groups().map(|c| c.negated).collect();
    assert_eq!(negated, [true, true]);
    let w = words("Activists called on the government .");
    let s = model().analyze(&w);
    assert_eq!(s.verb_group_list()[0].particle, Some(2));
}

#[test]
fn clause_edges() {
    use ClauseEdgeKind::*;
    let cases: &[(&str, &[(&str, ClauseEdgeKind)])] = &[
        (
            "He said that the plan failed , while others disagreed .",
            &[
                ("that", Complementizer),
                (",", Comma),
                ("while", Subordinator),
            ],
        ),
        (
            "The report , which was leaked , was wrong .",
            &[(",", Comma), ("which", Relative), (",", Comma)],
        ),
        (
            "Officials who spoke declined , but aides confirmed it .",
            &[("who", Relative), (",", Comma), ("but", Coordinator)],
        ),
        (
            "He resigned because the probe widened .",
            &[("because", Subordinator)],
        ),
        (
            "The verdict : guilty ; the sentence – life .",
            &[(":", Colon), (";", Semicolon), ("–", Dash)],
        ),
        (
            "“ We will fight , ” he said .",
            &[("“", QuoteOpen), (",", Comma), ("”", QuoteClose)],
        ),
        (
            "\" We will fight \" ( he said ) .",
            &[
                ("\"", QuoteOpen),
                ("\"", QuoteClose),
                ("(", BracketOpen),
                (")", BracketClose),
            ],
        ),
    ];
    for &(sentence, want) in cases {
        let w = words(sentence);
        let s = model().analyze(&w);
        let got: Vec<(&str, ClauseEdgeKind)> =
            s.clause_edges().iter().map(|e| (w[e.at], e.kind)).collect();
        assert_eq!(got, want, "in: {sentence}");
    }
    // `clause_end`: the complement opened by `that` ends before `while`, not at the comma.
    let w = words("He said that the plan failed , while others disagreed .");
    let s = model().analyze(&w);
    assert_eq!(w[s.clause_end(2)], "while");
    assert_eq!(s.clause_end(9), w.len());
}

#[test]
fn maximal_noun_phrases() {
    // (sentence, first word of the base phrase, options, maximal phrase)
    let cases: &[(&str, &str, MaximalNp, &str)] = &[
        (
            "The head of the agency 's legal team said it .",
            "The",
            MaximalNp::ALL,
            "The head of the agency 's legal team",
        ),
        (
            "“ We will fight , ” said John Smith , the agency 's chief .",
            "John",
            MaximalNp::ALL,
            "John Smith , the agency 's chief",
        ),
        (
            "“ We will fight , ” said John Smith , the agency 's chief .",
            "John",
            MaximalNp::SOURCE,
            "John Smith",
        ),
        (
            "John Smith , the head of the agency , said it .",
            "John",
            MaximalNp::ALL,
            "John Smith , the head of the agency",
        ),
        (
            "Smith , Jones and Brown said it .",
            "Smith",
            MaximalNp::ALL,
            "Smith",
        ),
        (
            "Reuters and the BBC reported it .",
            "Reuters",
            MaximalNp::SOURCE,
            "Reuters and the BBC",
        ),
    ];
    for &(sentence, first, opts, want) in cases {
        let w = words(sentence);
        let s = model().analyze(&w);
        let k = s
            .noun_phrases()
            .position(|c| w[c.span.start] == first)
            .expect("base phrase");
        let got = model().maximal_np(&w, &s, k, opts);
        assert_eq!(w[got].join(" "), want, "in: {sentence}");
    }
    let w = words("He left .");
    let s = model().analyze(&w);
    assert_eq!(model().maximal_np(&w, &s, 99, MaximalNp::ALL), 0..0);
    assert_eq!(s.noun_phrase_at(0), Some(0));
    assert_eq!(s.noun_phrase_at(1), None);
    assert_eq!(s.verb_group_at(1), Some(0));
}

#[test]
fn attached_clitics_follow_their_stem() {
    let w = words("The agency’s chief didn’t comment .");
    let s = model().analyze(&w);
    assert_eq!(s.clitics()[1], clitic::POSSESSIVE);
    assert_eq!(s.clitics()[3], clitic::NEGATION);
    assert_eq!(s.tags()[1], Tag::Noun);
    assert!(s.tags()[3].is_aux(), "{:?}", s.tags()[3]);
    assert_eq!(
        texts(&w, s.noun_phrases().map(|c| c.span.clone())),
        ["The agency’s chief"]
    );
    assert!(s.verb_group_list()[0].negated);
}

#[test]
fn long_sentences_tag_like_short_ones() {
    // A sentence past 64 positions takes the general rule path; copies of one clause in
    // the same context must get the same tags either way.
    let clause = words(
        "the minister said that the plan would not work and officials called on him to resign .",
    );
    let n = clause.len();
    let three: Vec<&str> = clause.iter().cycle().take(3 * n).copied().collect();
    let five: Vec<&str> = clause.iter().cycle().take(5 * n).copied().collect();
    assert!(
        3 * n + 4 <= 64 && 5 * n + 4 > 64,
        "the test must straddle the two paths"
    );
    let short = model().analyze(&three);
    let long = model().analyze(&five);
    assert_eq!(&short.tags()[n..2 * n], &long.tags()[n..2 * n]);
    assert_eq!(&long.tags()[n..2 * n], &long.tags()[2 * n..3 * n]);
}

#[test]
fn odd_input_does_not_panic() {
    let emoji = ["\u{1F600}", "\u{1F44D}\u{1F3FD}", "said", "\u{200D}"];
    let punct = [
        "!", "?", "...", "“", "”", "'", "\"", "-", "(", ")", ":", ";", ",", "'s", "n't",
    ];
    let long: Vec<&str> = [
        "The", "agency", "'s", "chief", "said", "that", "it", "failed", ",",
    ]
    .iter()
    .cycle()
    .take(10_000)
    .copied()
    .collect();
    let weird = [
        "",
        " ",
        "\t",
        "'",
        "’s",
        "n’t",
        "A",
        "ÉTATS-UNIS",
        "İstanbul",
        "ß",
        "1,2,3",
        "http://x.y",
        "a@b.c",
        "\u{0301}",
    ];
    let mut reused = SentenceSyntax::default();
    for input in [&[][..], &emoji[..], &punct[..], &long[..], &weird[..]] {
        let s = model().analyze(input);
        assert_eq!(s.tags().len(), input.len());
        assert_eq!(s.clitics().len(), input.len());
        for c in s.noun_phrases().chain(s.verb_groups()) {
            assert!(c.span.start < c.span.end && c.span.end <= input.len());
            assert!(c.span.contains(&c.head));
        }
        for k in 0..s.noun_phrase_list().len().min(50) {
            let r = model().maximal_np(input, &s, k, MaximalNp::ALL);
            assert!(r.end <= input.len());
        }
        for i in 0..input.len().min(50) {
            let _ = model().lemma(input, &s, i);
            assert!(s.clause_end(i) <= input.len());
        }
        // Reusing one analysis gives what a fresh one gives.
        model().analyze_into(input, &mut reused);
        assert_eq!(reused.tags(), s.tags());
        assert_eq!(reused.noun_phrase_list(), s.noun_phrase_list());
    }
    assert_eq!(model().analyze(&long).tags().len(), 10_000);
    // A mismatched slice is refused, not indexed out of range.
    let s = model().analyze(&["He", "left"]);
    assert_eq!(model().maximal_np(&["He"], &s, 0, MaximalNp::ALL), 0..0);
    assert_eq!(model().lemma(&["He"], &s, 5), "");
}

#[test]
fn all_tags_round_trip_their_names() {
    for tag in claimtag::syntax::ALL_TAGS {
        assert_eq!(Tag::parse(tag.as_str()), Some(tag));
        assert_eq!(
            claimtag::syntax::Upos::parse(tag.upos().as_str()),
            Some(tag.upos())
        );
    }
    assert_eq!(Tag::parse("NOPE"), None);
}

mod random_input {
    use super::{MaximalNp, model};
    use proptest::prelude::*;

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[A-Za-z]{1,8}('s|n't|’s|'re)?",
            proptest::sample::select(vec![
                "the", "said", "that", "'s", "n't", ",", "“", "”", "\"", "-", "of", "and", "has",
                "not",
            ])
            .prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any tokens at all, across both rule paths (up to and past 64 positions): no
        /// panic, one tag per token, chunks inside the sentence and holding their heads.
        #[test]
        fn any_tokens_analyse_without_panic(tokens in proptest::collection::vec(token(), 0..90)) {
            let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let s = model().analyze(&words);
            prop_assert_eq!(s.tags().len(), words.len());
            for c in s.noun_phrases().chain(s.verb_groups()) {
                prop_assert!(c.span.start < c.span.end && c.span.end <= words.len());
                prop_assert!(c.span.contains(&c.head));
            }
            for k in 0..s.noun_phrase_list().len() {
                let r = model().maximal_np(&words, &s, k, MaximalNp::ALL);
                prop_assert!(r.start <= r.end && r.end <= words.len());
            }
            for i in 0..words.len() {
                let _ = model().lemma(&words, &s, i);
            }
        }
    }
}
