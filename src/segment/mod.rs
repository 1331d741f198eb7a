//! Sentence segmentation: where one sentence of a news article ends and the next begins.
//!
//! Sentences are the unit every other layer works in, and a wrong split cuts a quotation off
//! its speaker, so the rules follow the annotation guide (`docs/sentences.md` lists them):
//!
//! - Blank lines and noise lines are hard boundaries; inside a paragraph a single line break
//!   ends a sentence only when the line does not look like wrapped running text, so
//!   headlines, bylines, datelines and list items on lines of their own stand alone.
//! - A sentence ends at `.`, `?`, `!` or an ellipsis together with the closing quotes and
//!   brackets (and citation markers like `[4]`) after it, when what follows can start a
//!   sentence: an upper-case letter, a digit or an opening quote. Stray closing quotes after
//!   the end stay with the sentence they close.
//! - Abbreviations, initials and dotted acronyms end a sentence only before a usual sentence
//!   opener (`& Co. It closed`, `the U.S. How about`); titles (`Dr.`) never do. A quotation
//!   closed by `?`/`!` and followed by its attribution (`"Ready?" Mom asked.`) goes on.
//! - Item markers (`1.`, `2.)`, `Figure 3.`) are not sentence ends; inline numbered lists
//!   split at each next number.
//!
//! The scan jumps (with `memchr`) between a handful of ASCII bytes (`.?!`,
//! newline) `:` and the lead byte of the few multi-byte marks (`…`, bullets); every rule looks
//! at a bounded window around a candidate, so the work is linear in the input whatever it
//! holds. [`SplitWork`] counts that work for tests and benchmarks.

mod lists;
mod words;

use std::sync::Arc;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::text::Span;
use crate::text_scan::ByteSetScanner;
use crate::tokens::Vocabulary;

use words::Words;

/// Splits text into sentences; built once from the segmentation word lists.
pub struct Segmenter {
    words: Words,
}

/// The work one call of [`Segmenter::split_measured`] did, so tests and benchmarks can
/// check that it grows linearly with the input rather than trusting a stopwatch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SplitWork {
    /// Bytes read, counting the main scan once and every look-around window again.
    pub bytes_examined: usize,
    /// Candidate boundaries examined (terminators, line breaks, bullets).
    pub candidates: usize,
}

/// Longest word looked at behind a period (abbreviations, initials, URLs).
const WORD_WINDOW: usize = 40;
/// Longest stretch looked at behind a line break to judge the line.
const LINE_WINDOW: usize = 200;
/// Longest stretch looked at after a quotation for its attribution.
const ATTRIBUTION_WINDOW: usize = 48;
/// Longest citation marker (`[citation needed]`).
const CITATION_WINDOW: usize = 32;

/// Bytes the main scan stops at: terminators, line ends (`\n`, `\r`), `:` and the lead
/// byte of `…`, `‼`, `⁉` and the bullets.
const STOP: &[u8] = b".?!\n\r:\xE2";

/// Marks that close a quotation or a bracket and stay with the sentence they end.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Quote marks of any kind.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›'
    )
}

/// Marks that open a quotation or a bracket before a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '„' | '‚' | '‹' | '(' | '[' | '{' | '¿' | '¡'
    )
}

impl Segmenter {
    /// A segmenter using the `abbreviations`, `abbreviations_titles`, `sentence_starters`,
    /// `quote_speech_verbs`, `line_continuation_words` and `list_labels` lists.
    pub fn new(lexicons: &Lexicons) -> Result<Segmenter, Error> {
        let mut vocabulary = Vocabulary::new();
        Segmenter::add_lists(lexicons, &mut vocabulary);
        Ok(Segmenter::reading(Arc::new(vocabulary)))
    }

    /// Adds the splitter's lists to the vocabulary the stages share, so that the annotator
    /// keeps one word table: see [`Segmenter::reading`].
    pub fn add_lists(lexicons: &Lexicons, vocabulary: &mut Vocabulary) {
        words::add_lists(lexicons, vocabulary);
    }

    /// A segmenter reading its lists from `vocabulary`, which [`Segmenter::add_lists`]
    /// filled.
    pub fn reading(vocabulary: Arc<Vocabulary>) -> Segmenter {
        Segmenter {
            words: Words::reading(vocabulary),
        }
    }

    /// Sentence spans of `text`: ordered, trimmed, non-overlapping, outside the `noise`
    /// lines (which must be ordered).
    pub fn split(&self, text: &str, noise: &[Span]) -> Vec<Span> {
        self.split_measured(text, noise).0
    }

    /// [`Segmenter::split`], also reporting the work done.
    pub fn split_measured(&self, text: &str, noise: &[Span]) -> (Vec<Span>, SplitWork) {
        let mut sentences = Vec::new();
        let mut work = SplitWork::default();
        for_each_block(text, noise, &mut work, |block, work| {
            let mut scan = BlockScan {
                words: &self.words,
                text,
                bytes: text.as_bytes(),
                block_start: block.start,
                end: block.end,
                start: block.start,
                out: &mut sentences,
                work,
            };
            scan.run();
        });
        (sentences, work)
    }
}

/// Calls `f` for each paragraph: the stretches between blank lines and noise lines,
/// trimmed and non-empty.
fn for_each_block(
    text: &str,
    noise: &[Span],
    work: &mut SplitWork,
    mut f: impl FnMut(Span, &mut SplitWork),
) {
    let bytes = text.as_bytes();
    let mut emit = |start: usize, end: usize, work: &mut SplitWork| {
        let span = Span::new(start, end).trim(text);
        if !span.is_empty() {
            f(span, work);
        }
    };
    let mut noise = noise.iter().peekable();
    let mut block_start = 0;
    let mut line_start = 0;
    while line_start < bytes.len() {
        // Lines end at `\n`, `\r\n` or a lone `\r`.
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[line_start..])
            .map_or(bytes.len(), |p| line_start + p);
        let crlf = bytes.get(line_end) == Some(&b'\r') && bytes.get(line_end + 1) == Some(&b'\n');
        let next_line = (line_end + 1 + usize::from(crlf)).min(bytes.len());
        // `all` stops at the first visible byte, so this costs little on prose lines.
        let blank = bytes[line_start..line_end]
            .iter()
            .all(u8::is_ascii_whitespace);
        while noise.peek().is_some_and(|n| n.end <= line_start) {
            noise.next();
        }
        let is_noise = noise
            .peek()
            .is_some_and(|n| n.start >= line_start && n.end <= line_end.max(n.start));
        if blank || is_noise {
            emit(block_start, line_start, work);
            block_start = next_line;
        }
        work.bytes_examined += 1;
        line_start = line_end + 1 + usize::from(crlf);
    }
    if block_start < bytes.len() {
        emit(block_start, bytes.len(), work);
    }
}

/// What a run of terminators at a candidate looks like.
struct Run {
    /// One past the last terminator of the run.
    end: usize,
    /// Periods in the run, an ellipsis character counting three.
    dots: usize,
    /// Whether the run holds `?` or `!`.
    other: bool,
    /// Whether the dots are spaced (`. . .`).
    spaced: bool,
}

impl Run {
    /// `...`, `…`, `. . .` and longer runs of dots.
    fn is_ellipsis(&self) -> bool {
        self.dots >= 3 && !self.other
    }

    /// A lone period, the case abbreviations and initials are about.
    fn is_single_period(&self, at: usize) -> bool {
        self.dots == 1 && !self.other && self.end == at + 1
    }
}

/// How the word before a period behaves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum WordKind {
    /// A plain word: the period ends the sentence.
    Ordinary,
    /// A title or `e.g.`: the period never ends the sentence.
    Title,
    /// An abbreviation, initial or dotted acronym: ends it only before a sentence opener.
    Abbreviation,
}

/// The scan of one paragraph; `start` is where the current sentence began.
struct BlockScan<'a, 'w> {
    words: &'a Words,
    text: &'a str,
    bytes: &'a [u8],
    block_start: usize,
    end: usize,
    start: usize,
    out: &'a mut Vec<Span>,
    work: &'w mut SplitWork,
}

impl BlockScan<'_, '_> {
    fn run(&mut self) {
        self.work.bytes_examined += self.end - self.block_start;
        let items = lists::inline_item_starts(self.bytes, self.block_start, self.end);
        let mut items = items.into_iter().peekable();
        let mut stops = ByteSetScanner::new(STOP, &self.bytes[..self.end]);
        let mut i = self.block_start;
        while i < self.end {
            // A rule may have moved past an item start (an omission, a glued word).
            while items.peek().is_some_and(|&item| item < i) {
                items.next();
            }
            let limit = items.peek().copied().unwrap_or(self.end);
            let p = stops.find(i).map_or(limit, |p| p.min(limit));
            if p >= limit {
                if limit < self.end {
                    items.next();
                    self.emit(limit, limit);
                    i = limit;
                    continue;
                }
                break;
            }
            self.work.candidates += 1;
            i = match self.bytes[p] {
                b'\n' => self.line_break(p),
                // A lone `\r` ends a line; in `\r\n` the `\n` does.
                b'\r' if self.bytes.get(p + 1) != Some(&b'\n') => self.line_break(p),
                b'\r' => p + 1,
                b':' => self.colon(p),
                0xE2 => self.multibyte(p),
                _ => self.terminator(p),
            };
        }
        self.emit(self.end, self.end);
    }

    /// Closes the current sentence at `end` and starts the next one at `next`.
    fn emit(&mut self, end: usize, next: usize) {
        let mut sentence = Span::new(self.start, end.max(self.start));
        // Usually the bounds already sit on visible ASCII; trim only otherwise.
        let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
        if !(visible(self.bytes.get(sentence.start))
            && visible(self.bytes.get(sentence.end.wrapping_sub(1))))
        {
            sentence = sentence.trim(self.text);
        }
        if !sentence.is_empty() {
            self.out.push(sentence);
        }
        self.start = next;
    }

    fn char_at(&self, pos: usize) -> char {
        if pos < self.end && self.bytes[pos].is_ascii() {
            return char::from(self.bytes[pos]);
        }
        self.text
            .get(pos..self.end)
            .and_then(|s| s.chars().next())
            .unwrap_or(' ')
    }

    /// Past the spaces (and line breaks, and no-break spaces) from `pos`.
    fn skip_space(&mut self, pos: usize) -> usize {
        let mut i = pos;
        while i < self.end {
            match self.bytes[i] {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => i += 1,
                0xC2 if self.bytes.get(i + 1) == Some(&0xA0) => i += 2,
                _ => break,
            }
        }
        self.work.bytes_examined += i - pos;
        i
    }

    fn is_space_at(&self, pos: usize) -> bool {
        match self.bytes.get(pos) {
            Some(b) if b.is_ascii_whitespace() => true,
            Some(0xC2) => self.bytes.get(pos + 1) == Some(&0xA0),
            _ => false,
        }
    }

    /// A lead byte of a multi-byte mark: an ellipsis or `‼` ends like a period, a bullet
    /// after a space opens a list item.
    fn multibyte(&mut self, p: usize) -> usize {
        let c = self.char_at(p);
        match c {
            '…' | '‼' | '⁉' | '⁈' | '⁇' => self.terminator(p),
            _ if lists::is_bullet(c) => {
                let after_space = p == self.block_start || self.is_space_at(p - 1);
                if after_space && !self.only_openers_between(self.start, p) {
                    self.emit(p, p);
                }
                p + c.len_utf8()
            }
            _ => p + c.len_utf8().max(1),
        }
    }

    /// The terminators starting at `t`: `.`, `?`, `!`, `…`, spaced dots.
    fn parse_run(&self, t: usize) -> Run {
        let b = self.bytes;
        let mut run = Run {
            end: t,
            dots: 0,
            other: false,
            spaced: false,
        };
        let mut j = t;
        while j < self.end {
            match b[j] {
                b'.' => {
                    run.dots += 1;
                    j += 1;
                }
                b'?' | b'!' => {
                    run.other = true;
                    j += 1;
                }
                b' ' if run.dots >= 1 && !run.other && b.get(j + 1) == Some(&b'.') => {
                    run.spaced = true;
                    j += 1;
                }
                0xE2 => match self.char_at(j) {
                    '…' => {
                        run.dots += 3;
                        j += 3;
                    }
                    '‼' | '⁉' | '⁈' | '⁇' => {
                        run.other = true;
                        j += 3;
                    }
                    _ => break,
                },
                _ => break,
            }
            run.end = j;
        }
        // A trailing space taken for spacing (`. . x`) is not part of the run.
        run
    }

    /// Decides the candidate at terminator `t`; returns where the scan goes on.
    fn terminator(&mut self, t: usize) -> usize {
        let run = self.parse_run(t);
        self.work.bytes_examined += run.end - t;
        let b = self.bytes;
        // Editorial omissions `[...]`, `(…)` are never sentence ends.
        if run.is_ellipsis()
            && t > 0
            && matches!(b[t - 1], b'[' | b'(')
            && matches!(b.get(run.end), Some(b']' | b')'))
        {
            // An omission before a capital stood for the end of a sentence.
            let after = run.end + 1;
            if self.is_space_at(after) {
                let next = self.skip_space(after);
                if next < self.end && self.char_at(next).is_uppercase() {
                    self.emit(after, next);
                    return next;
                }
            }
            return after;
        }
        let mut close = run.end;
        let mut quoted = false;
        while close < self.end {
            let c = self.char_at(close);
            if !is_closer(c) {
                break;
            }
            quoted |= is_quote(c);
            close += c.len_utf8();
        }
        self.work.bytes_examined += close - run.end;
        if close >= self.end {
            return self.end;
        }
        if !self.is_space_at(close) {
            if run.is_single_period(t) && close == run.end && self.glued_boundary(t) {
                self.emit(t + 1, t + 1);
            }
            return close.max(t + 1);
        }
        let mut next = self.skip_space(close);
        if next >= self.end {
            return self.end;
        }
        // An ellipsis or a mark opening the sentence (`“... Tyler!`), an item marker.
        if self.only_openers_between(self.start, t) {
            return next;
        }
        if run.is_single_period(t) && self.is_item_marker(t) {
            return next;
        }
        let detached = self.is_space_at(t.saturating_sub(1)) && t > self.start;
        if run.is_ellipsis() && detached && run.dots == 3 {
            return next;
        }
        // `compounds. . . . The practice`: the period ends the sentence, the ellipsis
        // opens the next one.
        if run.is_ellipsis()
            && run.spaced
            && !detached
            && b.get(t + 1) == Some(&b' ')
            && self.valid_start(next, false)
        {
            self.emit(t + 1, t + 2);
            return run.end;
        }
        // Stray closing quotes and citation markers after the end belong to the sentence.
        let mut sentence_end = close;
        for _ in 0..8 {
            let after = self.stray_quote(next).or_else(|| self.citation(next));
            match after {
                Some(after) => {
                    sentence_end = after;
                    next = self.skip_space(after);
                    if next >= self.end {
                        return self.end;
                    }
                }
                None => break,
            }
        }
        if !self.valid_start(next, run.other) {
            return next;
        }
        if run.is_single_period(t) && !detached {
            match self.word_kind(t) {
                WordKind::Ordinary => {}
                WordKind::Title => return next,
                WordKind::Abbreviation => {
                    let word_start = self.word_start(t);
                    if !self.starter_at(next)
                        || self.short_opener(t)
                        || self.only_openers_between(self.start, word_start)
                    {
                        return next;
                    }
                }
            }
        }
        if quoted && (run.other || run.is_ellipsis()) && self.attribution_at(next) {
            return next;
        }
        self.emit(sentence_end, next);
        next
    }

    /// `world.Today`: a period between a lower-case word and a capitalised one, with no
    /// space, outside URLs and e-mail addresses.
    fn glued_boundary(&mut self, t: usize) -> bool {
        let b = self.bytes;
        let lower_or_digit = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
        if t < self.start + 2
            || !lower_or_digit(b[t - 1])
            || !lower_or_digit(b[t - 2])
            || !b.get(t + 1).is_some_and(u8::is_ascii_uppercase)
            || !b.get(t + 2).is_some_and(u8::is_ascii_lowercase)
        {
            return false;
        }
        let from = self.word_start(t);
        if from == t {
            return false;
        }
        let limit = self.end.min(t + 1 + WORD_WINDOW);
        let ahead = b[t + 1..limit]
            .iter()
            .take_while(|x| !x.is_ascii_whitespace())
            .count();
        self.work.bytes_examined += ahead;
        let url_or_email = |x: &u8| matches!(x, b'/' | b'@' | b':' | b'_' | b'\\');
        !b[from..t].iter().any(|x| url_or_email(x) || *x == b'.')
            && !b[t + 1..t + 1 + ahead].iter().any(url_or_email)
    }

    /// Start of the word that ends at `t`, within [`WORD_WINDOW`] bytes; `t` itself when the
    /// word is longer (such a token is never an abbreviation).
    fn word_start(&mut self, t: usize) -> usize {
        let floor = self.start.max(t.saturating_sub(WORD_WINDOW));
        let b = self.bytes;
        let mut i = t;
        while i > floor && !b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        self.work.bytes_examined += t - i;
        if i == floor && floor > self.start && !b[floor - 1].is_ascii_whitespace() {
            return t;
        }
        // The text around `t` is valid UTF-8 and `i` follows an ASCII byte or a boundary.
        while i < t && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The word before the period at `t`, past its opening quotes and brackets.
    fn word_before(&mut self, t: usize) -> &str {
        let from = self.word_start(t);
        let word = &self.text[from..t];
        word.trim_start_matches(is_opener)
    }

    fn word_kind(&mut self, t: usize) -> WordKind {
        let words = self.words;
        let word = self.word_before(t);
        if word.is_empty() {
            return WordKind::Ordinary;
        }
        if words.titles.contains(word.as_bytes()) {
            return WordKind::Title;
        }
        if words.abbreviations.contains(word.as_bytes()) {
            return WordKind::Abbreviation;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_alphabetic() {
                WordKind::Abbreviation
            } else {
                WordKind::Ordinary
            };
        }
        // Dotted initialisms: `K.C`, `U.S.G`, `Ph.D` (letters in groups of one or two).
        let dotted = word.contains('.')
            && word.split('.').all(|g| {
                (1..=2).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic)
            });
        if dotted {
            WordKind::Abbreviation
        } else {
            WordKind::Ordinary
        }
    }

    /// Whether `from..to` holds nothing but spaces, bullets and opening marks.
    fn only_openers_between(&mut self, from: usize, to: usize) -> bool {
        if to < from || to - from > 16 {
            return false;
        }
        self.work.bytes_examined += to - from;
        self.text.get(from..to).is_some_and(|s| {
            s.chars()
                .all(|c| c.is_whitespace() || is_opener(c) || lists::is_bullet(c))
        })
    }

    /// Whether the current sentence so far (up to the period at `t`) is an item marker.
    fn is_item_marker(&mut self, t: usize) -> bool {
        if t - self.start > 32 {
            return false;
        }
        self.work.bytes_examined += t - self.start;
        let words = self.words;
        self.text
            .get(self.start..t)
            .is_some_and(|content| lists::is_marker_content(content, words))
    }

    /// Whether the character at `next` may open a sentence: a capital or uncased letter, a
    /// digit, an opening quote or a bullet; a bracket too, before a capital, after a period.
    fn valid_start(&self, next: usize, after_question: bool) -> bool {
        let c = self.char_at(next);
        if c.is_alphabetic() {
            return !c.is_lowercase();
        }
        if c.is_ascii_digit() || lists::is_bullet(c) {
            return true;
        }
        match c {
            '"' | '\'' | '“' | '‘' | '«' | '„' | '‚' | '‹' | '¿' | '¡' | '$' | '£' | '€' | '#'
            | '@' => true,
            '(' | '[' => {
                !after_question && self.bytes.get(next + 1).is_some_and(u8::is_ascii_uppercase)
            }
            _ => false,
        }
    }

    /// A quote mark after a sentence end that cannot open the next sentence: a closing-only
    /// mark, or any mark standing alone before a space or the paragraph end.
    fn stray_quote(&self, pos: usize) -> Option<usize> {
        let c = self.char_at(pos);
        if !is_quote(c) {
            return None;
        }
        let after = pos + c.len_utf8();
        let closing_only = matches!(c, '”' | '»' | '›');
        (closing_only || after >= self.end || self.is_space_at(after)).then_some(after)
    }

    /// A citation marker (`[4]`, `[citation needed]`, `[...]`) at `pos`: its end.
    fn citation(&mut self, pos: usize) -> Option<usize> {
        if self.bytes.get(pos) != Some(&b'[') {
            return None;
        }
        let window = &self.bytes[pos + 1..self.end.min(pos + 1 + CITATION_WINDOW)];
        let close = memchr::memchr(b']', window)?;
        self.work.bytes_examined += close;
        let inner = &window[..close];
        let digits = !inner.is_empty()
            && inner
                .iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'-' | b' '));
        let note = inner.first().is_some_and(u8::is_ascii_lowercase)
            && inner
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b' ');
        let omission = inner == b"..." || inner == "…".as_bytes();
        (digits || note || omission).then_some(pos + 1 + close + 1)
    }

    /// The ASCII letters of the word at `pos` (at most 16), if followed by a non-letter.
    fn ascii_word(&self, pos: usize, max: usize) -> Option<&[u8]> {
        let rest = &self.bytes[pos..self.end.min(pos + max + 1)];
        let len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        (len > 0 && len <= max).then(|| &rest[..len])
    }

    /// Whether a usual sentence opener (or an opening quote) stands at `next`.
    fn starter_at(&self, next: usize) -> bool {
        if matches!(self.char_at(next), '"' | '“' | '‘' | '«') {
            return true;
        }
        match self.ascii_word(next, 16) {
            // A capital followed by a period is another initial (`J. A. Smith`).
            Some(word) if word.len() == 1 && self.bytes.get(next + 1) == Some(&b'.') => false,
            Some(word) => self.words.starters.contains(word),
            None => false,
        }
    }

    /// `At 5 a.m. Mr. Smith`: a sentence that so far is a short prepositional phrase cannot
    /// end yet.
    fn short_opener(&mut self, t: usize) -> bool {
        if t - self.start > WORD_WINDOW {
            return false;
        }
        self.work.bytes_examined += t - self.start;
        let Some(head) = self.text.get(self.start..t) else {
            return false;
        };
        let head = head.trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
        if head.split_whitespace().count() > 4 {
            return false;
        }
        let first = head
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let mut lower = [0u8; 16];
        if first.is_empty() || first.len() > lower.len() {
            return false;
        }
        lower[..first.len()].copy_from_slice(first.as_bytes());
        lower[0] = lower[0].to_ascii_lowercase();
        first.as_bytes()[0].is_ascii_uppercase()
            && self.words.continuation.contains(&lower[..first.len()])
    }

    /// `Mom asked`, `I say`, `Betty Smith said`: up to three capitalised words and a speech
    /// verb, right after a quotation.
    fn attribution_at(&mut self, next: usize) -> bool {
        let limit = self.end.min(next + ATTRIBUTION_WINDOW);
        self.work.bytes_examined += limit - next;
        let mut pos = next;
        let mut names = 0;
        while pos < limit {
            let Some(word) = self.ascii_word(pos, 20) else {
                return false;
            };
            if word[0].is_ascii_uppercase() {
                names += 1;
                if names > 3 {
                    return false;
                }
            } else {
                return names > 0 && self.words.speech_verbs.contains(word);
            }
            pos += word.len();
            if self.bytes.get(pos) != Some(&b' ') {
                return false;
            }
            pos += 1;
        }
        false
    }

    /// A colon at `p`: `Image:` after a caption opens the caption's credit line.
    fn colon(&mut self, p: usize) -> usize {
        if !self.is_space_at(p + 1) {
            return p + 1;
        }
        let word_start = self.word_start(p);
        let word = &self.bytes[word_start..p];
        let opens_credit = word_start > self.block_start
            && word.first().is_some_and(u8::is_ascii_uppercase)
            && self.words.credit_labels.contains(word)
            && !self.only_openers_between(self.start, word_start);
        if opens_credit {
            self.emit(word_start, word_start);
        }
        p + 1
    }

    /// Length of the line starting at `pos`, up to [`LINE_WINDOW`] bytes.
    fn line_len_from(&mut self, pos: usize) -> usize {
        let limit = self.end.min(pos + LINE_WINDOW);
        let len = memchr::memchr2(b'\n', b'\r', &self.bytes[pos..limit]).unwrap_or(limit - pos);
        self.work.bytes_examined += len;
        len
    }

    /// A line that opens like a byline (`By Jane Doe`) or a dateline (`ZAGREB —`,
    /// `SAN JOSE, Calif.`): upper-case words that running text does not start with.
    fn opens_news_line(&self, pos: usize) -> bool {
        let rest = &self.bytes[pos..self.end.min(pos + 24)];
        if rest.starts_with(b"By ") && rest.get(3).is_some_and(u8::is_ascii_uppercase) {
            return true;
        }
        let caps = rest.iter().take_while(|b| b.is_ascii_uppercase()).count();
        caps >= 3
            && rest
                .get(caps)
                .is_none_or(|b| matches!(b, b' ' | b',' | b'('))
    }

    /// A line break at `n` inside a paragraph, after a line without a sentence end.
    fn line_break(&mut self, n: usize) -> usize {
        let next = self.skip_space(n);
        if next >= self.end {
            return self.end;
        }
        let floor = self.block_start.max(n.saturating_sub(LINE_WINDOW));
        let b = self.bytes;
        // The line ends before the `\r` of a `\r\n`.
        let line_end = if n > floor && b[n] == b'\n' && b[n - 1] == b'\r' {
            n - 1
        } else {
            n
        };
        let line_start =
            memchr::memrchr2(b'\n', b'\r', &b[floor..line_end]).map_or(floor, |p| floor + p + 1);
        self.work.bytes_examined += n - line_start;
        let long = line_start == floor && floor > self.block_start;
        let raw = &b[line_start..line_end];
        let line = raw.trim_ascii_end();
        let Some(&last) = line.last() else {
            return next;
        };
        let trailing_space = raw.strip_suffix(b"\r").unwrap_or(raw).len() > line.len();
        let word_count = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .count();
        let last_word = line
            .rsplit(|b| b.is_ascii_whitespace())
            .next()
            .unwrap_or(line);
        let soft_end = matches!(last, b',' | b';' | b'-' | b'(' | b'&' | b'/');
        let joined = if lists::line_starts_item(self.text, next) || self.opens_news_line(next) {
            false
        } else if self.char_at(next).is_lowercase() {
            trailing_space || soft_end || long || word_count >= 3
        } else {
            // A long line ending in a lower-case word is wrapped prose, unless the next line
            // is much longer: then it was a sentence-case headline above a paragraph.
            let line_len = n - line_start;
            soft_end
                || self.words.continuation.contains(last_word)
                || ((long || word_count >= 10)
                    && last_word[0].is_ascii_lowercase()
                    && self.line_len_from(next) <= line_len + line_len / 2)
        };
        if !joined {
            self.emit(n, next);
        }
        next
    }
}
