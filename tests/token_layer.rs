//! The token layer through its public API: what a token is on real-world Unicode, what the
//! one probe returns, and that a huge line is tokenized whole and in linear time.

use claimtag::Lexicons;
use claimtag::tokens::{CAP, GLUED, JOINED, LOWER, PUNCT, QUOTE, TokenLayer, Vocabulary};

fn layer() -> TokenLayer {
    let mut vocabulary = Vocabulary::new();
    vocabulary.add("Reuters", 1);
    vocabulary.add_caseless("said", 2);
    vocabulary.add_hedge("allegedly", 4);
    TokenLayer::new(&Lexicons::built_in(), vocabulary)
}

fn words(layer: &TokenLayer, text: &str) -> Vec<String> {
    layer
        .tokenize(text, &[])
        .all()
        .iter()
        .map(|t| t.text(text).to_string())
        .collect()
}

#[test]
#[rustfmt::skip]
fn unicode_text_splits_where_a_reader_sees_words() {
    let layer = layer();
    let cases: &[(&str, &[&str])] = &[
        // Curly quotes are tokens of their own, glued or not.
        ("“Yes,” she said.", &["“", "Yes", ",", "”", "she", "said", "."]),
        ("‘no’", &["‘", "no", "’"]),
        // A non-breaking space separates words like a space.
        ("10\u{a0}km away", &["10", "km", "away"]),
        ("Mr.\u{a0}Haddad", &["Mr.", "Haddad"]),
        // Combining marks stay with their letter.
        ("Zu\u{308}rich and Ame\u{301}lie", &["Zu\u{308}rich", "and", "Ame\u{301}lie"]),
        // Emoji are symbols, not parts of words.
        ("great 👍 news", &["great", "👍", "news"]),
        ("ok👍", &["ok", "👍"]),
        // Right-to-left script: words of letters like any other.
        ("قال المتحدث", &["قال", "المتحدث"]),
        ("שלום עולם.", &["שלום", "עולם", "."]),
    ];
    for (text, expected) in cases {
        assert_eq!(words(&layer, text), *expected, "{text:?}");
    }
}

#[test]
fn tokens_are_ordered_inside_the_text_on_char_boundaries() {
    let layer = layer();
    let text = "“Zu\u{308}rich,” 👍 قال\u{a0}Mr.\u{200b}X — it's 1,200.";
    let tokens = layer.tokenize(text, &[]);
    let mut last = 0;
    for t in tokens.all() {
        assert!(
            t.start >= last && t.start < t.end && t.end <= text.len(),
            "{t:?}"
        );
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{t:?}"
        );
        assert!(!t.text(text).chars().any(char::is_whitespace), "{t:?}");
        last = t.end;
    }
}

#[test]
fn one_probe_fills_every_stage_s_fields_and_shapes() {
    let layer = layer();
    let text = "Reuters SAID,allegedly reuters";
    let tokens = layer.tokenize(text, &[]);
    let got: Vec<(&str, u32, u32, u8, bool, bool)> = tokens
        .all()
        .iter()
        .map(|t| {
            (
                t.text(text),
                t.lex,
                t.classes,
                t.hedge,
                t.is(GLUED),
                t.is(PUNCT),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // Entity bits only as written; caseless fields in any case.
            ("Reuters", 1, 0, 0, false, false),
            ("SAID", 0, 2, 0, false, false),
            (",", 0, 0, 0, true, true),
            ("allegedly", 0, 0, 4, true, false),
            ("reuters", 0, 0, 0, false, false),
        ]
    );
    let flags: Vec<u16> = tokens
        .all()
        .iter()
        .map(|t| t.flags & (CAP | LOWER))
        .collect();
    assert_eq!(flags, [CAP, CAP, 0, LOWER, LOWER]);
    let zurich = "Zürich";
    let t = layer.tokenize(zurich, &[]).all()[0];
    assert!(
        t.is(CAP | JOINED),
        "a non-ASCII letter marks the word JOINED"
    );
}

#[test]
fn a_ten_megabyte_line_is_tokenized_whole() {
    let layer = layer();
    let unit = "Reuters said the plan allegedly failed, 1,200 “jobs” lost; ";
    let text = unit.repeat(10_000_000 / unit.len() + 1);
    assert!(text.len() >= 10_000_000 && !text.contains('\n'));
    let tokens = layer.tokenize(&text, &[]);
    let per_unit = layer.tokenize(unit, &[]).all().len();
    assert_eq!(tokens.all().len(), per_unit * (10_000_000 / unit.len() + 1));
    assert_eq!(
        tokens.all().last().map(|t| t.end),
        text.trim_end().len().into()
    );
    let said = tokens.all().iter().filter(|t| t.classes == 2).count();
    assert_eq!(said, 10_000_000 / unit.len() + 1);
    // One word with no break at all: one token, not a panic or a quadratic scan.
    let word = "a".repeat(10_000_000);
    let tokens = layer.tokenize(&word, &[]);
    assert_eq!(tokens.all().len(), 1);
}

/// Every stage asks the token's shape whether it quotes, so the layer alone decides which
/// marks do: straight and curly double quotes, curly singles, guillemets, but not the ASCII
/// apostrophe, a dash or an ellipsis.
#[test]
fn quote_marks_carry_the_quote_shape() {
    let layer = layer();
    let text = "\"a\" “b” ‘c’ «d» it's — …";
    let quoting: Vec<(&str, bool)> = layer
        .tokenize(text, &[])
        .all()
        .iter()
        .filter(|t| t.is(PUNCT))
        .map(|t| (t.text(text), t.is(QUOTE)))
        .collect();
    assert_eq!(
        quoting,
        [
            ("\"", true),
            ("\"", true),
            ("“", true),
            ("”", true),
            ("‘", true),
            ("’", true),
            ("«", true),
            ("»", true),
            ("—", false),
            ("…", false),
        ]
    );
}
