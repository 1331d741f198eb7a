//! The words of one sentence as the frame rules read them, and the closed word classes they
//! test them against.
//!
//! The attribution rules look at a few words either side of a cue; they need words with
//! their byte spans, names with their abbreviation periods (`Dr.`, `U.S.`) kept whole, and a
//! possessive kept on its word (`Trump's`). The words are the token layer's tokens: a token
//! standing alone (spaces either side) is a word as it is, with the classes of its one
//! probe; only a run of tokens written together (`Trump` `'s`, `5` `%`, `U.S.` `-` `backed`)
//! is read again here, by the frames' own joining rules, which differ from the entity
//! rules' on possessives, `%`, `_`, `/` and `,`.

use crate::lexicon::Lexicons;
use crate::text::Span;
use crate::tokens::{self, GLUED, JOINED, PUNCT, Vocabulary};

/// A word (letters and digits, with inner apostrophes, hyphens and periods) or one
/// punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Where it lies in the document.
    pub span: Span,
    /// True for words, false for punctuation.
    pub word: bool,
    /// The closed word classes ([`class`]) the word belongs to, looked up once.
    pub flags: u32,
    /// Its first character: the punctuation mark itself for punctuation, so the frame
    /// rules test marks without decoding the text again.
    pub first: char,
}

/// Characters that join two word parts (`don't`, `ex-president`, `U.S`, `AT&T`).
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&' | '_')
}

/// Bits of [`Token::flags`]: one per closed word list, so the frame rules test a class
/// with one AND instead of scanning a list.
pub(crate) mod class {
    pub const CLAUSE_WORDS: u32 = 1 << 0;
    pub const AUXILIARIES_AND_ADVERBS: u32 = 1 << 1;
    pub const DETERMINERS: u32 = 1 << 2;
    pub const NP_PREPOSITIONS: u32 = 1 << 3;
    pub const BE_FORMS: u32 = 1 << 4;
    pub const ARTICLES: u32 = 1 << 5;
    pub const TIME_WORDS: u32 = 1 << 6;
    pub const ADVERBIAL_OPENERS: u32 = 1 << 7;
    pub const CLAUSE_OPENERS: u32 = 1 << 8;
    pub const OBJECT_WORDS: u32 = 1 << 9;
    pub const VERB_FORM: u32 = 1 << 10;
    pub const DISCOURSE_WORDS: u32 = 1 << 11;
    pub const NOT_CONTENT_OPENERS: u32 = 1 << 12;
    pub const FINITE_AUXILIARIES: u32 = 1 << 13;
    pub const CONJUNCTIONS: u32 = 1 << 14;
    pub const NOUN_MODIFIERS: u32 = 1 << 15;
    pub const SKIPPED_TIME_WORDS: u32 = 1 << 16;
    pub const TIME_NOUNS: u32 = 1 << 17;
    pub const MODIFYING_PARTICIPLES: u32 = 1 << 18;
    pub const PRONOUN: u32 = 1 << 19;
    /// Abbreviations that own a following period (`dr`, `inc`).
    pub const ABBREVIATION: u32 = 1 << 20;
    /// Head nouns of document sources (`report`, `statement`).
    pub const DOCUMENT_SOURCE: u32 = 1 << 21;
    /// Head nouns of anonymous sources (`official`, `spokesperson`).
    pub const ANONYMOUS_SOURCE: u32 = 1 << 22;
    /// Head nouns of organisations that are named sources when definite (`ministry`).
    pub const ORGANISATION_SOURCE: u32 = 1 << 23;
    /// Words that open another clause between a source and a verb (`who`, `and`).
    pub const CLAUSE_LINKS: u32 = 1 << 24;
    /// Particles PARC counts in the cue when the content follows them (`called for`).
    pub const VERB_PARTICLES: u32 = 1 << 25;
    /// Words before a quotation that make it a title (`the article "..."`).
    pub const TITLE_WORDS: u32 = 1 << 26;
    /// Words that, after a comma, open a clause of the writer's own (`, but`, `, while`).
    pub const CLAUSE_BREAKERS: u32 = 1 << 27;
}

/// The lexicon list behind each closed word class: the frame rules test a class bit, the
/// words are data (`src/lexicon/data/attribution_*.txt`, extendable with `--lexicon`).
pub(crate) const CLASS_LISTS: &[(&str, u32)] = &[
    ("attribution_clause_words", class::CLAUSE_WORDS),
    (
        "attribution_auxiliaries_and_adverbs",
        class::AUXILIARIES_AND_ADVERBS,
    ),
    ("attribution_determiners", class::DETERMINERS),
    ("attribution_np_prepositions", class::NP_PREPOSITIONS),
    ("attribution_be_forms", class::BE_FORMS),
    ("attribution_articles", class::ARTICLES),
    ("attribution_time_words", class::TIME_WORDS),
    ("attribution_adverbial_openers", class::ADVERBIAL_OPENERS),
    ("attribution_clause_openers", class::CLAUSE_OPENERS),
    ("attribution_object_words", class::OBJECT_WORDS),
    ("attribution_discourse_words", class::DISCOURSE_WORDS),
    (
        "attribution_not_content_openers",
        class::NOT_CONTENT_OPENERS,
    ),
    ("attribution_finite_auxiliaries", class::FINITE_AUXILIARIES),
    ("attribution_conjunctions", class::CONJUNCTIONS),
    ("attribution_noun_modifiers", class::NOUN_MODIFIERS),
    ("attribution_skipped_time_words", class::SKIPPED_TIME_WORDS),
    ("attribution_time_nouns", class::TIME_NOUNS),
    (
        "attribution_modifying_participles",
        class::MODIFYING_PARTICIPLES,
    ),
    ("attribution_clause_links", class::CLAUSE_LINKS),
    ("attribution_verb_particles", class::VERB_PARTICLES),
    ("attribution_title_words", class::TITLE_WORDS),
    ("attribution_clause_breakers", class::CLAUSE_BREAKERS),
];

/// Adds the closed word classes of the frame rules ([`CLASS_LISTS`]) and the lexicon word
/// sets of `extra`, each with its class bit (the verb forms of the cue lexicons, the source
/// pronouns and nouns, the abbreviations without their period), to the vocabulary, in any
/// ASCII case.
pub(crate) fn add_classes(
    vocabulary: &mut Vocabulary,
    lexicons: &Lexicons,
    extra: &[(&std::collections::HashSet<String>, u32)],
) {
    for (name, bit) in CLASS_LISTS {
        for word in lexicons.list(name) {
            vocabulary.add_caseless(word, *bit);
        }
    }
    for (words, bit) in extra {
        for word in *words {
            vocabulary.add_caseless(word, *bit);
        }
    }
}

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    Space,
    Alphanumeric,
    Other,
    /// The first byte of a multi-byte character: decoded and classified by `char` methods.
    NonAscii,
}

/// [`ByteKind`] by byte value, so the hot loops classify a byte with one load.
const BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphanumeric() {
            ByteKind::Alphanumeric
        } else if (c as char).is_whitespace() {
            ByteKind::Space
        } else {
            ByteKind::Other
        };
        b += 1;
    }
    kinds
};

/// The words of a sentence from its tokens (in `out`, cleared first).
pub(crate) fn sentence_words(
    text: &str,
    tokens: &[tokens::Token],
    vocabulary: &Vocabulary,
    out: &mut Vec<Token>,
) {
    out.clear();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut run_end = i + 1;
        while run_end < tokens.len() && tokens[run_end].flags & GLUED != 0 {
            run_end += 1;
        }
        if run_end == i + 1 && t.flags & JOINED == 0 {
            let (first, _) = char_at(text, t.start);
            out.push(Token {
                span: Span::new(t.start, t.end),
                word: t.flags & PUNCT == 0,
                flags: if t.flags & PUNCT == 0 { t.classes } else { 0 },
                first,
            });
        } else {
            let run = Span::new(t.start, tokens[run_end - 1].end);
            split_run(text, run, vocabulary, out);
        }
        i = run_end;
    }
}

/// Splits `run`, tokens written together, into words by the frames' joining rules,
/// appending to `out`.
///
/// ASCII letters, digits and spaces are classified by table; only other characters are
/// decoded.
pub(crate) fn split_run(text: &str, run: Span, vocabulary: &Vocabulary, out: &mut Vec<Token>) {
    let s = run.of(text);
    let bytes = s.as_bytes();
    let base = run.start;
    let mut i = 0;
    while i < bytes.len() {
        let (kind, c, len) = match BYTE_KINDS[usize::from(bytes[i])] {
            ByteKind::Space => {
                i += 1;
                continue;
            }
            ByteKind::NonAscii => {
                let (c, len) = char_at(s, i);
                let kind = if c.is_whitespace() {
                    ByteKind::Space
                } else if c.is_alphanumeric() {
                    ByteKind::Alphanumeric
                } else {
                    ByteKind::Other
                };
                (kind, c, len)
            }
            kind => (kind, char::from(bytes[i]), 1),
        };
        match kind {
            ByteKind::Space => {
                i += len;
                continue;
            }
            ByteKind::Alphanumeric => {}
            _ => {
                out.push(Token {
                    span: Span::new(base + i, base + i + len),
                    word: false,
                    flags: 0,
                    first: c,
                });
                i += len;
                continue;
            }
        }
        let start = i;
        let starts_with_digit = c.is_ascii_digit();
        let mut end = i + len;
        loop {
            while end < bytes.len() && BYTE_KINDS[usize::from(bytes[end])] == ByteKind::Alphanumeric
            {
                end += 1;
            }
            // Most words end at a space or a mark that cannot join: no decoding.
            if end >= bytes.len() || !MAY_JOIN[usize::from(bytes[end])] {
                break;
            }
            let (d, d_len) = char_at(s, end);
            let joins = if d.is_alphanumeric() {
                true
            } else if d == '%' {
                bytes[end - 1].is_ascii_digit()
            } else if is_joiner(d) || d == ',' && starts_with_digit {
                end + d_len < bytes.len() && char_at(s, end + d_len).0.is_alphanumeric()
            } else {
                false
            };
            if !joins {
                break;
            }
            end += d_len;
        }
        let mut flags = vocabulary.classes_of(&bytes[start..end]);
        if bytes.get(end) == Some(&b'.') && keeps_period(&s[start..end], flags) {
            end += 1;
            flags = vocabulary.classes_of(&bytes[start..end]);
        }
        out.push(Token {
            span: Span::new(base + start, base + end),
            word: true,
            flags,
            first: c,
        });
        i = end;
    }
}

/// By byte value: whether the character starting with it may join two word parts, so that
/// the tokenizer must look at it (joiners, `%`, `,`, and all non-ASCII characters).
const MAY_JOIN: [bool; 256] = {
    let mut may = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        may[b] = true;
        b += 1;
    }
    let joiners = b"'-.&_%,";
    let mut j = 0;
    while j < joiners.len() {
        may[joiners[j] as usize] = true;
        j += 1;
    }
    may
};

/// The character at byte `i` of `s` (a char boundary) and its length, ASCII first.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        s[i..]
            .chars()
            .next()
            .map_or((' ', 1), |c| (c, c.len_utf8()))
    }
}

/// Whether a word before a period is an abbreviation or initial that owns the period;
/// `flags` are the word's classes.
fn keeps_period(word: &str, flags: u32) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    if first.is_some_and(char::is_uppercase) && chars.next().is_none() {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    word.len() <= 6 && flags & class::ABBREVIATION != 0
}

/// True when `word` equals one of `list`, ignoring ASCII case.
pub(crate) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// True when the word starts with an upper-case letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The word without a possessive ending (`Trump's` -> `Trump`).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::tokens::TokenLayer;

    fn layer() -> TokenLayer {
        let mut vocabulary = Vocabulary::new();
        vocabulary.add_caseless("dr", class::ABBREVIATION);
        TokenLayer::new(&Lexicons::built_in(), vocabulary)
    }

    fn words<'t>(layer: &TokenLayer, text: &'t str) -> Vec<&'t str> {
        let tokens = layer.tokenize(text, &[]);
        let mut out = Vec::new();
        sentence_words(text, tokens.all(), layer.vocabulary(), &mut out);
        out.iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn words_keep_names_abbreviations_and_possessives_whole() {
        let layer = layer();
        let cases: &[(&str, &[&str])] = &[
            (
                "Dr. Amal Haddad said.",
                &["Dr.", "Amal", "Haddad", "said", "."],
            ),
            ("the U.S. official", &["the", "U.S.", "official"]),
            (
                "“We don’t,” he said",
                &["“", "We", "don’t", ",", "”", "he", "said"],
            ),
            ("officials’ union", &["officials", "’", "union"]),
            (
                "cost $2.7 billion, 30,000 jobs",
                &["cost", "$", "2.7", "billion", ",", "30,000", "jobs"],
            ),
            ("Paul J. Adeyemi", &["Paul", "J.", "Adeyemi"]),
            ("Trump's aide", &["Trump's", "aide"]),
            ("up 5% on 9/11", &["up", "5%", "on", "9", "/", "11"]),
            (
                "snake_case DR. dr. x,y 1,2345",
                &["snake_case", "DR.", "dr.", "x", ",", "y", "1,2345"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(words(&layer, text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn words_from_tokens_equal_the_frames_rules_over_the_whole_text() {
        let layer = layer();
        let texts = [
            "He said: “It’s over,” and left.",
            "A.B.C. co-op's 3.5%-rise (x/y) -- e.g. foo_bar 1,2,3 Zürich’s 'quoted' end.",
            "said.He said,he SaId it. J.R.R. Tolkien's U.S.-backed",
            "emoji 😀 and combining e\u{301} and \u{a0}non-breaking",
        ];
        for text in texts {
            let mut whole = Vec::new();
            split_run(
                text,
                Span::new(0, text.len()),
                layer.vocabulary(),
                &mut whole,
            );
            let tokens = layer.tokenize(text, &[]);
            let mut from_tokens = Vec::new();
            sentence_words(text, tokens.all(), layer.vocabulary(), &mut from_tokens);
            assert_eq!(from_tokens, whole, "text {text:?}");
        }
    }
}
