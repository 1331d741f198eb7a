//! The word lists the splitter consults, as bits in the one [`Vocabulary`] of every stage.
//!
//! The splitter looks words up only around candidate boundaries (the word before a period,
//! the word after a quotation), a few times a sentence, so its lists need no per-token
//! probe: each list sets one [`Entry::segment`](crate::tokens::Entry::segment) bit of the
//! word as written, and a look-up is one exact probe of a borrowed slice of the text.
//! Case-insensitive matching of an abbreviation's first letter is done by adding both
//! spellings when the lists are added.

use std::sync::Arc;

use crate::lexicon::Lexicons;
use crate::tokens::Vocabulary;

/// `abbreviations`: may end a sentence only before a sentence starter.
const ABBREVIATION: u8 = 1;
/// `abbreviations_titles`: never end a sentence inside a paragraph.
const TITLE: u8 = 1 << 1;
/// `sentence_starters`: capitalised words that open sentences.
const STARTER: u8 = 1 << 2;
/// `quote_speech_verbs`: verbs of an attribution following a quotation.
const SPEECH_VERB: u8 = 1 << 3;
/// `line_continuation_words`: words a wrapped line may end with; lower case.
const CONTINUATION: u8 = 1 << 4;
/// `list_labels`: words labelling a numbered item (`Figure 1.`).
const LIST_LABEL: u8 = 1 << 5;
/// `credit_labels`: words opening a caption's credit line (`Image:`).
const CREDIT_LABEL: u8 = 1 << 6;

/// Adds the splitter's lists to `vocabulary`.
pub(crate) fn add_lists(lexicons: &Lexicons, vocabulary: &mut Vocabulary) {
    let list = |name: &str| lexicons.list(name).iter().map(String::as_str);
    let mut exact = |name: &str, bit: u8| {
        for entry in list(name) {
            vocabulary.add(entry, 0).segment |= bit;
        }
    };
    exact("sentence_starters", STARTER);
    exact("quote_speech_verbs", SPEECH_VERB);
    exact("line_continuation_words", CONTINUATION);
    exact("list_labels", LIST_LABEL);
    exact("credit_labels", CREDIT_LABEL);
    for (name, bit) in [
        ("abbreviations", ABBREVIATION),
        ("abbreviations_titles", TITLE),
    ] {
        // Without the final period, each also with its first ASCII letter's case flipped,
        // so `co.` in the text matches the listed `Co.`.
        for entry in list(name) {
            let bare = entry.trim().trim_end_matches('.');
            let Some(first) = bare.bytes().next() else {
                continue;
            };
            if first.is_ascii_alphabetic() {
                let mut flipped = bare.as_bytes().to_vec();
                flipped[0] ^= 0x20;
                let flipped = String::from_utf8(flipped).expect("ASCII case keeps UTF-8");
                vocabulary.add(&flipped, 0).segment |= bit;
            }
            vocabulary.add(bare, 0).segment |= bit;
        }
    }
}

/// One of the splitter's lists.
pub(crate) struct WordList {
    vocabulary: Arc<Vocabulary>,
    bit: u8,
}

impl WordList {
    /// Whether `word`, as written, is on the list.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.vocabulary.segment_of(word) & self.bit != 0
    }
}

/// Every list the splitter reads, by role.
pub(crate) struct Words {
    pub(crate) abbreviations: WordList,
    pub(crate) titles: WordList,
    pub(crate) starters: WordList,
    pub(crate) speech_verbs: WordList,
    pub(crate) continuation: WordList,
    pub(crate) list_labels: WordList,
    pub(crate) credit_labels: WordList,
}

impl Words {
    /// The lists in `vocabulary`, which [`add_lists`] filled.
    pub(crate) fn reading(vocabulary: Arc<Vocabulary>) -> Words {
        let list = |bit| WordList {
            vocabulary: Arc::clone(&vocabulary),
            bit,
        };
        Words {
            abbreviations: list(ABBREVIATION),
            titles: list(TITLE),
            starters: list(STARTER),
            speech_verbs: list(SPEECH_VERB),
            continuation: list(CONTINUATION),
            list_labels: list(LIST_LABEL),
            credit_labels: list(CREDIT_LABEL),
        }
    }
}
