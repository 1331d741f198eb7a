//! Sentence splitting, one table per rule family of the annotation guide: each line is a
//! text and the sentences a careful reader finds in it (`|` separates them).

use claimtag::Lexicons;
use claimtag::segment::Segmenter;
use claimtag::text::NoiseDetector;

fn split(text: &str) -> Vec<String> {
    let segmenter = Segmenter::new(&Lexicons::built_in()).expect("built-in lists load");
    let noise = NoiseDetector::new().find(text);
    segmenter
        .split(text, &noise)
        .iter()
        .map(|s| s.of(text).to_string())
        .collect()
}

fn check(family: &str, cases: &[(&str, &str)]) {
    for (text, expected) in cases {
        let expected: Vec<&str> = expected.split(" | ").collect();
        assert_eq!(split(text), expected, "{family}: {text:?}");
    }
}

#[test]
#[rustfmt::skip]
fn terminal_punctuation() {
    check("terminators", &[
        ("Hello World. My name is Jonas.", "Hello World. | My name is Jonas."),
        ("What is it? It is here!", "What is it? | It is here!"),
        ("Hello?! Is that you?", "Hello?! | Is that you?"),
        ("She works at Yahoo! in the accounting department.", "She works at Yahoo! in the accounting department."),
        ("It rose. 2019 was worse.", "It rose. | 2019 was worse."),
        ("Hello world.Today is Tuesday.Mr. Smith came.", "Hello world. | Today is Tuesday. | Mr. Smith came."),
        ("by companies like Google. , Amazon or Microsoft in a few days. it was noted.", "by companies like Google. , Amazon or Microsoft in a few days. it was noted."),
        ("It ended. - Matthew Ingram", "It ended. - Matthew Ingram"),
    ]);
}

#[test]
#[rustfmt::skip]
fn abbreviations_and_initials() {
    check("abbreviations", &[
        ("Dr. Amal Haddad spoke. She left.", "Dr. Amal Haddad spoke. | She left."),
        ("Paul J. Adeyemi said so.", "Paul J. Adeyemi said so."),
        ("Let's ask Jane and co. They should know.", "Let's ask Jane and co. | They should know."),
        ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.", "They closed the deal with Pitt, Briggs & Co. | It closed yesterday."),
        ("Shares of Acme Inc. Chairman Lee rose.", "Shares of Acme Inc. Chairman Lee rose."),
        ("It was in Washington, D.C. The event ended.", "It was in Washington, D.C. | The event ended."),
        ("I live in the U.S. How about you?", "I live in the U.S. | How about you?"),
        ("She told reporters in Washington, D.C. Officials said the talks stalled.", "She told reporters in Washington, D.C. | Officials said the talks stalled."),
        ("The U.S. Army said so.", "The U.S. Army said so."),
        ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", "We make a good team, you and I. | Did you see Albert I. Jones yesterday?"),
        ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.", "At 5 a.m. Mr. Smith went to the bank. | He left the bank at 6 P.M. | Mr. Smith then went to the store."),
        ("He was No. 1 on the list. Gen. Smith agreed.", "He was No. 1 on the list. | Gen. Smith agreed."),
        ("He arrived on Jan. 5 and left.", "He arrived on Jan. 5 and left."),
        ("Use tools (e.g. The Programming Historian) daily.", "Use tools (e.g. The Programming Historian) daily."),
        ("K.C. Maurer, chief financial officer, spoke.", "K.C. Maurer, chief financial officer, spoke."),
        ("Joshua Norton (c. 1818 – 1880) was born.", "Joshua Norton (c. 1818 – 1880) was born."),
    ]);
}

#[test]
#[rustfmt::skip]
fn numbers_urls_and_emails() {
    check("numbers", &[
        ("It cost $2.7 billion. Then more.", "It cost $2.7 billion. | Then more."),
        ("You can find it at N°. 1026.253.553. That is where the treasure is.", "You can find it at N°. 1026.253.553. | That is where the treasure is."),
        ("Her email is Jane.Doe@example.com. I sent her an email.", "Her email is Jane.Doe@example.com. | I sent her an email."),
        ("See http://www.example.com/Page.Html?x=1. Then go.", "See http://www.example.com/Page.Html?x=1. | Then go."),
        ("He bought 1,000.That is a lot.", "He bought 1,000. | That is a lot."),
    ]);
}

#[test]
#[rustfmt::skip]
fn ellipses() {
    check("ellipses", &[
        ("I never meant that.... She left the store.", "I never meant that.... | She left the store."),
        ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."),
        ("One habit was weakened . . . was that of compounds. . . . The practice was not abandoned. . . .", "One habit was weakened . . . was that of compounds. | . . . The practice was not abandoned. . . ."),
        ("End with a period . . . . Next sentence.", "End with a period . . . . | Next sentence."),
        ("\"Bohr [...] used the analogy of stairways [...]\" (Smith 55).", "\"Bohr [...] used the analogy of stairways [...]\" (Smith 55)."),
        ("The projections are consistent [...] However, more is unknown.", "The projections are consistent [...] | However, more is unknown."),
        ("“... Tyler! Flynn!”", "“... Tyler! | Flynn!”"),
        ("I don’t know … A spider?", "I don’t know … A spider?"),
    ]);
}

#[test]
#[rustfmt::skip]
fn quotations() {
    check("quotations", &[
        ("\"We won,\" he said. \"Good.\"", "\"We won,\" he said. | \"Good.\""),
        ("\"Did we win?\" he asked.", "\"Did we win?\" he asked."),
        ("“Are you ready?” Mom asked.", "“Are you ready?” Mom asked."),
        ("“Sorry!” I say.", "“Sorry!” I say."),
        ("“We won.” Then we left.", "“We won.” | Then we left."),
        ("“We won. We are happy,” he said.", "“We won. | We are happy,” he said."),
        ("'It is late.' She left.", "'It is late.' | She left."),
        ("«Il pleut.» He left.", "«Il pleut.» | He left."),
        ("around the world. ” It provides a lot.", "around the world. ” | It provides a lot."),
        ("the target people. ”The article lists claims.", "the target people. ” | The article lists claims."),
        ("the data is returned after processing. “", "the data is returned after processing. “"),
        ("He said: “China grew. “This was a harbinger,” he said.", "He said: “China grew. | “This was a harbinger,” he said."),
        ("A \" stray mark. Then more. And more.", "A \" stray mark. | Then more. | And more."),
    ]);
}

#[test]
#[rustfmt::skip]
fn citations_and_brackets() {
    check("citations", &[
        ("He died in 2014. [4] His work lives on. [5][6]", "He died in 2014. [4] | His work lives on. [5][6]"),
        ("It was unclear. [citation needed] Later it changed.", "It was unclear. [citation needed] | Later it changed."),
        ("It ended (in 1965). (See the table.)", "It ended (in 1965). | (See the table.)"),
        ("She starred in Viva Maria! (1965), a hit.", "She starred in Viva Maria! (1965), a hit."),
    ]);
}

#[test]
#[rustfmt::skip]
fn lines_and_layout() {
    check("layout", &[
        ("Headline Without Stop\n\nBody text here.", "Headline Without Stop | Body text here."),
        ("Headline Without Stop\r\rBody text here.\rMore text.", "Headline Without Stop | Body text here. | More text."),
        ("Headline Without Stop\r\nBody text here.", "Headline Without Stop | Body text here."),
        ("Port Strike Ends\nBy Jane Doe\nBALTIMORE (AP) — The port reopened on Monday.", "Port Strike Ends | By Jane Doe | BALTIMORE (AP) — The port reopened on Monday."),
        ("BALTIMORE (AP) — The port reopened. Ships moved.", "BALTIMORE (AP) — The port reopened. | Ships moved."),
        ("SAN JOSE, Calif. (Pacific Ledger) — Kestrel Labs Inc., the chipmaker, cut jobs.", "SAN JOSE, Calif. (Pacific Ledger) — Kestrel Labs Inc., the chipmaker, cut jobs."),
        ("He moved to Boston, Mass. The move was quick.", "He moved to Boston, Mass. | The move was quick."),
        ("Rents rose.\n\n<div class=\"related\"><a href=\"/housing\">More on housing</a></div>\n\nThey fell.", "Rents rose. | They fell."),
        ("This is a sentence\ncut off in the middle because pdf.", "This is a sentence\ncut off in the middle because pdf."),
        ("It was a cold \nnight in the city.", "It was a cold \nnight in the city."),
        ("features\ncontact manager\nevents, activities\n", "features | contact manager | events, activities"),
        ("The minister said that the plan would go to the\nParliament next week.", "The minister said that the plan would go to the\nParliament next week."),
        ("Floods force evacuations along the Sava as rain keeps falling\nZAGREB — Rescue teams evacuated some 300 families on Sunday.", "Floods force evacuations along the Sava as rain keeps falling | ZAGREB — Rescue teams evacuated some 300 families on Sunday."),
        ("Floods force evacuations along the Sava as rain keeps falling\nRescue teams evacuated some 300 families from villages along the river on Sunday after two days of rain.", "Floods force evacuations along the Sava as rain keeps falling | Rescue teams evacuated some 300 families from villages along the river on Sunday after two days of rain."),
        ("The ministry said on Sunday that rescue teams had evacuated\nSome 300 families were moved.", "The ministry said on Sunday that rescue teams had evacuated\nSome 300 families were moved."),
        ("Port reopens\nBy Jane Doe and Li Wei\nThe port reopened.", "Port reopens | By Jane Doe and Li Wei | The port reopened."),
        ("Before.\n\nclass = “cf”>\n\nAfter.", "Before. | After."),
        ("Black Widow and Captain America Image: Nick Moreau.", "Black Widow and Captain America | Image: Nick Moreau."),
    ]);
}

#[test]
#[rustfmt::skip]
fn lists() {
    check("lists", &[
        ("1.) The first item 2.) The second item", "1.) The first item | 2.) The second item"),
        ("1.) The first item. 2.) The second item.", "1.) The first item. | 2.) The second item."),
        ("1) The first item 2) The second item", "1) The first item | 2) The second item"),
        ("1. The first item 2. The second item", "1. The first item | 2. The second item"),
        ("• 9. The first item • 10. The second item", "• 9. The first item | • 10. The second item"),
        ("⁃9. The first item ⁃10. The second item", "⁃9. The first item | ⁃10. The second item"),
        ("a. The first item b. The second item c. The third list item", "a. The first item | b. The second item | c. The third list item"),
        ("Steps:\n- Mix the flour\n- Bake it", "Steps: | - Mix the flour | - Bake it"),
        ("2.1. Institutional Structure\n\nText follows.", "2.1. Institutional Structure | Text follows."),
        ("Figure 1. Original and mutant application.", "Figure 1. Original and mutant application."),
        ("There are reasons: 1) cost and 2) time.", "There are reasons: 1) cost and 2) time."),
    ]);
}

#[test]
#[rustfmt::skip]
fn spans_are_trimmed_ordered_and_inside_the_text() {
    let texts = [
        "  Lead.  \n\n  Next one!  ",
        "“”’. . ” “ ' \" ..",
        "…\n\n.\n!\n?",
        "a\u{a0}. B",
        "Ünïcödé. Ärger… Ja.",
    ];
    let segmenter = Segmenter::new(&Lexicons::built_in()).unwrap();
    for text in texts {
        let sentences = segmenter.split(text, &[]);
        let mut last_end = 0;
        for s in &sentences {
            assert!(
                s.start >= last_end && s.start < s.end && s.end <= text.len(),
                "{text:?}"
            );
            let covered = s.of(text);
            assert_eq!(covered, covered.trim(), "{text:?}");
            last_end = s.end;
        }
    }
}

/// The annotator's splitter reads its lists from the vocabulary every stage shares: a user
/// lexicon reaches it there.
#[test]
fn the_annotators_splitter_reads_the_shared_vocabulary() {
    use claimtag::{Annotator, Config, Document, Layers, UserLexicon};
    let sentences = |config: Config, text: &str| -> Vec<String> {
        let annotator = Annotator::new(config).expect("annotator builds");
        let annotation = annotator.annotate(&Document::new("d", text));
        annotation
            .sentences
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    };
    let all = || Config {
        layers: Layers::parse("all").expect("layers parse"),
        ..Config::default()
    };
    let text = "We met the Admr. Smith stayed home.";
    assert_eq!(
        sentences(all(), text),
        ["We met the Admr.", "Smith stayed home."]
    );
    let lexicon = UserLexicon::from_json(r#"{"add": {"abbreviations_titles": ["Admr."]}}"#, "test")
        .expect("lexicon parses");
    let with_user = Config {
        user_lexicons: vec![lexicon],
        ..all()
    };
    assert_eq!(sentences(with_user, text), [text]);
}
