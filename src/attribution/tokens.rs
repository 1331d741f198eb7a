//! Word and punctuation tokens of one sentence, and the closed word classes the frame rules
//! test them against.
//!
//! The attribution rules look at a few words either side of a cue; they need words with
//! their byte spans, names with their abbreviation periods (`Dr.`, `U.S.`) kept whole, and
//! nothing more, so tokenizing costs one pass over the sentence.

use std::collections::{HashMap, HashSet};

use crate::text::Span;

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
}

/// FNV-1a: for the short words looked up per token it is several times faster than the
/// default SipHash, and the keys are our own lists, so flooding is no concern.
#[derive(Clone, Copy, Default)]
pub(crate) struct FnvBuildHasher;

/// The running state of [`FnvBuildHasher`].
pub(crate) struct FnvHasher(u64);

impl std::hash::BuildHasher for FnvBuildHasher {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The word classes of every listed word, lower-cased, built once.
pub(crate) struct WordClasses {
    map: HashMap<Box<[u8]>, u32, FnvBuildHasher>,
}

impl WordClasses {
    /// Indexes the closed lists, the verb forms of the cue lexicons and the source pronouns.
    pub fn new(verb_forms: &HashSet<String>, pronouns: &HashSet<String>) -> WordClasses {
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
        let mut map: HashMap<Box<[u8]>, u32, FnvBuildHasher> = HashMap::default();
        let mut add = |word: &str, bit: u32| {
            let key = word.to_ascii_lowercase().into_bytes().into_boxed_slice();
            *map.entry(key).or_default() |= bit;
        };
        for (list, bit) in lists {
            for word in *list {
                add(word, *bit);
            }
        }
        for form in verb_forms {
            add(form, class::VERB_FORM);
        }
        for pronoun in pronouns {
            add(pronoun, class::PRONOUN);
        }
        WordClasses { map }
    }

    /// The classes of `word`, ignoring ASCII case.
    fn of(&self, word: &str) -> u32 {
        const LONGEST: usize = 24;
        if word.len() > LONGEST {
            return 0;
        }
        let mut lower = [0u8; LONGEST];
        for (slot, b) in lower.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        self.map.get(&lower[..word.len()]).copied().unwrap_or(0)
    }
}

/// Splits `sentence` into tokens, appending to `out` (cleared first).
pub(crate) fn tokenize(
    text: &str,
    sentence: Span,
    abbreviations: &HashSet<String>,
    classes: &WordClasses,
    out: &mut Vec<Token>,
) {
    out.clear();
    let s = sentence.of(text);
    let bytes = s.as_bytes();
    let base = sentence.start;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(s, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(base + i, base + i + len),
                word: false,
                flags: 0,
            });
            i += len;
            continue;
        }
        let start = i;
        let starts_with_digit = c.is_ascii_digit();
        let mut end = i + len;
        while end < bytes.len() {
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
        if bytes.get(end) == Some(&b'.') && keeps_period(&s[start..end], abbreviations) {
            end += 1;
        }
        out.push(Token {
            span: Span::new(base + start, base + end),
            word: true,
            flags: classes.of(&s[start..end]),
        });
        i = end;
    }
}

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

/// Whether a word before a period is an abbreviation or initial that owns the period.
fn keeps_period(word: &str, abbreviations: &HashSet<String>) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    if first.is_some_and(char::is_uppercase) && chars.next().is_none() {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    word.len() <= 6 && {
        let mut lower = [0u8; 6];
        for (slot, b) in lower.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&lower[..word.len()]).is_ok_and(|w| abbreviations.contains(w))
    }
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

    #[test]
    fn tokens_keep_names_and_abbreviations_whole() {
        let abbreviations: HashSet<String> = ["dr".to_string()].into_iter().collect();
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
        ];
        let mut out = Vec::new();
        let classes = WordClasses::new(&HashSet::new(), &HashSet::new());
        for (text, expected) in cases {
            tokenize(
                text,
                Span::new(0, text.len()),
                &abbreviations,
                &classes,
                &mut out,
            );
            let words: Vec<&str> = out.iter().map(|t| t.span.of(text)).collect();
            assert_eq!(words, *expected, "text {text:?}");
        }
    }
}
