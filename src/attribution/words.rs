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
}

/// Adds the closed lists of the frame rules and the lexicon word sets of `lexicon`, each
/// with its class bit (the verb forms of the cue lexicons, the source pronouns and nouns,
/// the abbreviations without their period), to the vocabulary, in any ASCII case.
pub(crate) fn add_classes(
    vocabulary: &mut Vocabulary,
    lexicon: &[(&std::collections::HashSet<String>, u32)],
) {
    use super::frames as f;
    use super::source as s;
    let lists: &[(&[&str], u32)] = &[
        (CLAUSE_WORDS, class::CLAUSE_WORDS),
        (AUXILIARIES_AND_ADVERBS, class::AUXILIARIES_AND_ADVERBS),
        (DETERMINERS, class::DETERMINERS),
        (NP_PREPOSITIONS, class::NP_PREPOSITIONS),
        (BE_FORMS, class::BE_FORMS),
        (ARTICLES, class::ARTICLES),
        (TIME_WORDS, class::TIME_WORDS),
        (ADVERBIAL_OPENERS, class::ADVERBIAL_OPENERS),
        (CLAUSE_OPENERS, class::CLAUSE_OPENERS),
        (OBJECT_WORDS, class::OBJECT_WORDS),
        (s::DISCOURSE_WORDS, class::DISCOURSE_WORDS),
        (f::NOT_CONTENT_OPENERS, class::NOT_CONTENT_OPENERS),
        (f::FINITE_AUXILIARIES, class::FINITE_AUXILIARIES),
        (f::CONJUNCTIONS, class::CONJUNCTIONS),
        (f::NOUN_MODIFIERS, class::NOUN_MODIFIERS),
        (f::SKIPPED_TIME_WORDS, class::SKIPPED_TIME_WORDS),
        (f::TIME_NOUNS, class::TIME_NOUNS),
        (s::MODIFYING_PARTICIPLES, class::MODIFYING_PARTICIPLES),
    ];
    for (list, bit) in lists {
        for word in *list {
            vocabulary.add_caseless(word, *bit);
        }
    }
    for (words, bit) in lexicon {
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

/// Determiners and quantifiers that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "most", "all", "both", "each", "every",
    "no", "other", "another", "his", "her", "its", "their", "our", "my", "your", "one", "few",
    "more", "numerous", "dozens",
];

/// Articles, possessives and demonstratives: a verb form after one is a noun (`the
/// emails`, `a report`).
pub(crate) const ARTICLES: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
];

/// Prepositions that may join a modifier to a source noun (`officials in Tromsø`).
pub(crate) const NP_PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "on", "among", "between", "within", "inside", "by",
    "near", "across", "to", "behind", "under", "outside",
];

/// Words that end a noun phrase when walking left from a verb: clause links, auxiliaries,
/// verbs of being, negation.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "why",
    "how",
    "if",
    "because",
    "as",
    "since",
    "though",
    "although",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "than",
    "then",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "not",
    "n't",
    "never",
    "there",
    "here",
    "after",
    "before",
    "until",
    "unless",
    "whether",
    "about",
    "like",
    "just",
    "even",
    "only",
    "also",
    "yet",
    "said",
    "says",
    "say",
    "told",
    "according",
    "it's",
    "it’s",
    "he's",
    "he’s",
    "she's",
    "she’s",
    "they're",
    "they’re",
    "we're",
    "we’re",
    "i'm",
    "i’m",
    "don't",
    "don’t",
    "doesn't",
    "doesn’t",
    "didn't",
    "didn’t",
    "won't",
    "won’t",
    "wouldn't",
    "wouldn’t",
    "can't",
    "can’t",
    "isn't",
    "isn’t",
    "wasn't",
    "wasn’t",
    "whereas",
    "instead",
    "thus",
    "however",
    "therefore",
    "meanwhile",
    "moreover",
    "furthermore",
    "nevertheless",
    "indeed",
    "anyway",
    "still",
    "again",
    "too",
    "very",
    "really",
    "already",
    "now",
    "once",
    "ago",
    "into",
    "onto",
    "upon",
    "against",
    "without",
    "through",
    "during",
    "over",
    "via",
    "per",
    "whoever",
    "whatever",
    "everything",
    "nothing",
    "something",
    "anything",
    "this",
    "it",
    "them",
    "him",
    "us",
    "me",
];

/// Words that may sit between a source and its verb (`has also said`, `had previously
/// warned`) or between a be-form and a participle (`is widely believed`).
pub(crate) const AUXILIARIES_AND_ADVERBS: &[&str] = &[
    "isn't",
    "isn’t",
    "wasn't",
    "wasn’t",
    "aren't",
    "aren’t",
    "keeps",
    "kept",
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "will",
    "would",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "not",
    "never",
    "once",
    "again",
    "then",
    "now",
    "still",
    "recently",
    "reportedly",
    "often",
    "already",
    "just",
    "even",
    "long",
    "since",
    "first",
    "last",
    "earlier",
    "widely",
    "generally",
    "further",
    "too",
    "always",
    "frequently",
    "openly",
    "apparently",
    "allegedly",
    "explicitly",
    "flatly",
    "simply",
    "finally",
    "initially",
    "originally",
    "separately",
    "subsequently",
    "immediately",
    "quickly",
    "angrily",
    "firmly",
    "clearly",
    "strongly",
    "broadly",
    "falsely",
    "correctly",
    "wrongly",
    "rightly",
    "privately",
    "bluntly",
    "shall",
    "should",
    "must",
    "can",
    "didn't",
    "didn’t",
    "doesn't",
    "doesn’t",
    "don't",
    "don’t",
    "hasn't",
    "hasn’t",
    "haven't",
    "haven’t",
    "ha",
    "n't",
    "is",
    "are",
    "was",
    "were",
    "been",
];

/// Forms of `be` that make a participle passive.
pub(crate) const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "’s", "'s", "isn't", "wasn't", "isn’t",
    "wasn’t",
];

/// Pronouns that are objects, never sources.
pub(crate) const OBJECT_WORDS: &[&str] = &[
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "reporters",
    "journalists",
    "lawmakers",
    "supporters",
    "voters",
    "colleagues",
    "members",
    "listeners",
    "viewers",
    "readers",
    "audiences",
    "crowds",
    "students",
    "staff",
];

/// Words of time and place that may follow a reporting verb before its complement
/// (`said Tuesday that`, `told reporters on Wednesday that`).
pub(crate) const ADVERBIAL_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "again",
    "also",
    "recently",
    "previously",
    "separately",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "repeatedly",
    "publicly",
    "privately",
    "flatly",
    "bluntly",
    "simply",
    "then",
    "too",
    "late",
    "early",
    "over",
    "via",
    "through",
    "while",
    "when",
    "afterward",
    "afterwards",
    "shortly",
    "once",
    "back",
    "out",
    ",",
];

/// Weekdays and other time words that end a postposed source (`said Smith Tuesday`).
pub(crate) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "adding",
    "who",
    "which",
    "via",
    "through",
    "told",
    "according",
    "and",
    "but",
];

/// Subject pronouns, determiners and other words that can open a complement clause.
pub(crate) const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those", "the", "a",
    "an", "some", "many", "most", "all", "no", "none", "his", "her", "their", "its", "our", "my",
    "your", "if", "whether", "what", "why", "how", "when", "who", "nobody", "everyone", "anyone",
    "nothing", "such", "both", "neither", "each", "every", "more", "fewer", "less", "about",
    "only",
];

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
