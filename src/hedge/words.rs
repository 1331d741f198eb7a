//! Sentence-local word windows around a lexicon match.
//!
//! Hedge rules look at a few words either side of a match (`you may`, `could not`,
//! `said it would`), never at whole sentences, so the cost per match is bounded: a window
//! stops at the sentence edge, after a fixed number of words, or after a fixed number of
//! bytes (a pathological run of letters cannot make one match expensive). Contractions
//! are split the way the rules need them: `isn't` gives `is` + `n't`, `it's` gives `it` +
//! `'s`.

/// Most words a window holds.
pub const WINDOW_WORDS: usize = 12;

/// How far (in bytes) a window looks from the match before it gives up.
const WINDOW_BYTES: usize = 160;

/// A word of the text: its slice and byte bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written.
    pub text: &'t str,
    /// First byte.
    pub start: usize,
}

/// Words on one side of a match, nearest first.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordWindow<'t> {
    words: [Word<'t>; WINDOW_WORDS],
    len: usize,
}

impl<'t> WordWindow<'t> {
    /// The words, nearest to the match first.
    pub fn words(&self) -> &[Word<'t>] {
        &self.words[..self.len]
    }

    fn push(&mut self, word: Word<'t>) -> bool {
        if self.len < WINDOW_WORDS {
            self.words[self.len] = word;
            self.len += 1;
        }
        self.len < WINDOW_WORDS
    }
}

/// Characters that continue a word (`so-called`, `isn't`); a lexicon match must not have
/// one on either side.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_'
}

/// [`is_word_char`] for each ASCII byte; bytes from 0x80 up are decoded instead.
static ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'_');
        b += 1;
    }
    table
};

/// Whether the char ending at byte `i` is a word char, and its length.
fn word_char_before(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => (ASCII_WORD[usize::from(b)], 1),
        _ => {
            let c = prev_char(text, i);
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// Whether the char starting at byte `i` is a word char, and its length.
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (ASCII_WORD[usize::from(b)], 1),
        _ => {
            let c = next_char(text, i);
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// Characters that glue a match to its neighbour, so that `mayor` holds no `may` and
/// `thought-provoking` no `thought`. Apostrophes are left out so that a quoted `'may'`
/// still counts.
pub fn joins_words(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Up to `max` words before byte `pos`, not crossing `floor`; nearest first.
pub fn words_before(text: &str, floor: usize, pos: usize, max: usize) -> WordWindow<'_> {
    let mut window = WordWindow::default();
    let max = max.min(WINDOW_WORDS);
    let limit = floor.max(pos.saturating_sub(WINDOW_BYTES));
    let mut i = pos;
    while window.len < max {
        // Skip what separates words.
        while i > limit {
            let (word, len) = word_char_before(text, i);
            if word {
                break;
            }
            i -= len;
        }
        let end = i;
        while i > limit {
            let (word, len) = word_char_before(text, i);
            if !word {
                break;
            }
            i -= len;
        }
        if i == end || (i == limit && limit > floor) {
            // Nothing left, or a word cut by the byte limit: stop rather than guess.
            break;
        }
        let (first, second) = split_word(text, i, end);
        let keep_going = match second {
            Some(suffix) => window.push(suffix) && window.push(first),
            None => window.push(first),
        };
        if !keep_going || window.len >= max {
            break;
        }
    }
    window.len = window.len.min(max);
    window
}

/// Up to `max` words after byte `pos`, not crossing `ceiling`; nearest first.
pub fn words_after(text: &str, pos: usize, ceiling: usize, max: usize) -> WordWindow<'_> {
    let mut window = WordWindow::default();
    let max = max.min(WINDOW_WORDS);
    let limit = ceiling
        .min(pos.saturating_add(WINDOW_BYTES))
        .min(text.len());
    let mut i = pos.min(limit);
    while window.len < max {
        while i < limit {
            let (word, len) = word_char_at(text, i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        while i < limit {
            let (word, len) = word_char_at(text, i);
            if !word {
                break;
            }
            i += len;
        }
        if i == start || (i == limit && limit < ceiling.min(text.len())) {
            break;
        }
        let (first, second) = split_word(text, start, i);
        let keep_going = match second {
            Some(suffix) => window.push(first) && window.push(suffix),
            None => window.push(first),
        };
        if !keep_going || window.len >= max {
            break;
        }
    }
    window.len = window.len.min(max);
    window
}

/// Trims quote marks and hyphens at the edges, then splits `n't` and `'s` off the end.
fn split_word(text: &str, start: usize, end: usize) -> (Word<'_>, Option<Word<'_>>) {
    let raw = &text[start..end];
    // Words open and close with a letter or digit far more often than not.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let (start, word) = if plain(raw.as_bytes().first()) && plain(raw.as_bytes().last()) {
        (start, raw)
    } else {
        let trimmed_start = raw.trim_start_matches(['\'', '’', '-']);
        let start = start + (raw.len() - trimmed_start.len());
        (start, trimmed_start.trim_end_matches(['\'', '’', '-']))
    };
    // Every suffix below is an apostrophe (`'`, or `’`, whose last byte is 0x99) and then
    // `t`, `s` or `re`: most words stop here.
    let bytes = word.as_bytes();
    let apostrophe_at =
        |back: usize| bytes.len() > back && matches!(bytes[bytes.len() - 1 - back], b'\'' | 0x99);
    let may_have_suffix = match bytes.last().map(|b| b | 0x20) {
        Some(b't' | b's') => apostrophe_at(1),
        Some(b'e') => bytes.len() > 2 && bytes[bytes.len() - 2] | 0x20 == b'r' && apostrophe_at(2),
        _ => false,
    };
    if !may_have_suffix {
        return (Word { text: word, start }, None);
    }
    for suffix in ["n't", "n’t", "'s", "’s", "'re", "’re"] {
        if word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        {
            let cut = word.len() - suffix.len();
            let stem = Word {
                text: &word[..cut],
                start,
            };
            let tail = Word {
                text: &word[cut..],
                start: start + cut,
            };
            return (stem, Some(tail));
        }
    }
    (Word { text: word, start }, None)
}

/// True when two words are the same, ignoring ASCII case and the apostrophe's shape.
pub fn same_word(lexicon_word: &str, text_word: &str) -> bool {
    if text_word.is_ascii() {
        // The common case: a length check, then a byte comparison.
        return lexicon_word.eq_ignore_ascii_case(text_word);
    }
    let mut a = lexicon_word.chars();
    let mut b = text_word.chars().map(|c| if c == '’' { '\'' } else { c });
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Longest word [`lookup_key`] folds without allocating.
pub const KEY_BYTES: usize = 32;

/// `word` lower-cased (ASCII) with `’` as `'`, written into `buffer`: the form set members
/// are stored in. `None` for a word longer than the buffer (no set holds such words).
pub fn lookup_key<'b>(word: &str, buffer: &'b mut [u8; KEY_BYTES]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        let key = buffer.get_mut(..bytes.len())?;
        for (to, from) in key.iter_mut().zip(bytes) {
            *to = from.to_ascii_lowercase();
        }
        return Some(key);
    }
    let mut len = 0;
    for c in word.chars() {
        let c = if c == '’' {
            '\''
        } else {
            c.to_ascii_lowercase()
        };
        let width = c.len_utf8();
        if len + width > KEY_BYTES {
            return None;
        }
        c.encode_utf8(&mut buffer[len..len + width]);
        len += width;
    }
    Some(&buffer[..len])
}

/// The char ending at byte `i` (ASCII without decoding, the common case).
fn prev_char(text: &str, i: usize) -> char {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => b as char,
        _ => text[..i].chars().next_back().unwrap_or(' '),
    }
}

/// The char starting at byte `i` (ASCII without decoding, the common case).
fn next_char(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        _ => text[i..].chars().next().unwrap_or(' '),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(window: &WordWindow<'t>) -> Vec<&'t str> {
        window.words().iter().map(|w| w.text).collect()
    }

    #[test]
    fn windows_stop_at_sentence_bounds_and_split_contractions() {
        let cases: &[(&str, usize, usize, usize, &[&str])] = &[
            // text, floor, pos, max, expected words before pos (nearest first)
            (
                "He said it's not",
                0,
                16,
                5,
                &["not", "'s", "it", "said", "He"],
            ),
            ("Prior. It isn't clear", 7, 16, 5, &["n't", "is", "It"]),
            ("\"Some 'experts' say", 0, 19, 2, &["say", "experts"]),
        ];
        for (text, floor, pos, max, expected) in cases {
            let before = words_before(text, *floor, *pos, *max);
            assert_eq!(texts(&before), *expected, "{text}");
        }
        let after = words_after("may not be used.", 3, 16, 3);
        assert_eq!(texts(&after), vec!["not", "be", "used"]);
        let after = words_after("couldn't go", 0, 11, 3);
        assert_eq!(texts(&after), vec!["could", "n't", "go"]);
    }

    #[test]
    fn windows_give_up_on_endless_words() {
        let text = format!("{} may", "x".repeat(1000));
        let before = words_before(&text, 0, text.len() - 3, 3);
        assert!(before.words().is_empty());
    }

    #[test]
    fn words_compare_without_case_or_apostrophe_shape() {
        assert!(same_word("n't", "N’T"));
        assert!(!same_word("may", "mayor"));
    }
}
