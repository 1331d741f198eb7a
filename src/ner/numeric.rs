//! The numeric layer: DATE, TIME, MONEY, PERCENT, QUANTITY and CARDINAL.
//!
//! A left-to-right scanner over a sentence's tokens: a number phrase (`2.7`, `1,200`,
//! `two million`, `about 40`) is read first, then the word after it decides the label
//! (`percent`, a currency, a unit, a month, a time unit); currency symbols, months,
//! weekdays and relative-date words (`last Tuesday`, `in September`, `next year`) start
//! expressions of their own. Word lists are data (`ner_months`, `ner_date_words`,
//! `ner_number_words`, `ner_units`, `ner_currencies`).

use super::tokens::{CAP, DIGIT, NUMBER, PUNCT, Token};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::EntityLabel;

/// A numeric expression in byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumericMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// DATE, TIME, MONEY, PERCENT, QUANTITY or CARDINAL.
    pub label: EntityLabel,
    /// The pattern that fired.
    pub rule: &'static str,
}

use super::words::{
    ARTICLE, CURRENCY_AFTER, CURRENCY_BEFORE, DATE_UNIT, DAY_WORD, MODIFIER, MONTH, NUMBER_WORD,
    NUMERIC, SEASON, TIME_WORD, UNIT, WEEKDAY, WordTable,
};

/// Words before a number that approximate it; they belong to the expression.
const APPROXIMATORS: &[&str] = &[
    "about",
    "roughly",
    "approximately",
    "some",
    "around",
    "nearly",
    "almost",
    "over",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "at least",
    "Approximately",
    "About",
    "Roughly",
    "Some",
    "Around",
    "Nearly",
    "Almost",
    "Over",
    "More than",
];

const TIME_UNITS: &[&str] = &["hour", "hours", "minute", "minutes", "second", "seconds"];
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

fn capitalised(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let first = chars.next()?;
    first
        .is_lowercase()
        .then(|| first.to_uppercase().chain(chars).collect())
}

/// Adds the numeric lists (`ner_months`, `ner_units`, `ner_date_words`,
/// `ner_number_words`, `ner_currencies`) to `table`.
pub fn add_lists(lexicons: &Lexicons, table: &mut WordTable) -> Result<(), Error> {
    for article in ["a", "an", "A", "An"] {
        table.add(article, ARTICLE);
    }
    for month in lexicons.list("ner_months") {
        add(table, month, MONTH, 0, false);
    }
    for unit in lexicons.list("ner_units") {
        add(table, unit, UNIT, 0, false);
    }
    for entry in lexicons.list("ner_date_words") {
        let Some((word, kind)) = entry.rsplit_once('\t') else {
            continue;
        };
        let word = word.trim();
        let kind = match kind.trim() {
            "day" => DAY_WORD,
            "time" => TIME_WORD,
            "weekday" => WEEKDAY,
            "unit" => DATE_UNIT,
            "modifier" => MODIFIER,
            "season" | "holiday" => SEASON,
            other => {
                return Err(Error::lexicon(format!(
                    "ner_date_words: unknown kind `{other}` for `{word}`"
                )));
            }
        };
        // `Today`, `Last week` open sentences.
        let with_capital = matches!(kind, DAY_WORD | TIME_WORD | MODIFIER);
        add(table, word, kind, 0, with_capital);
    }
    for entry in lexicons.list("ner_number_words") {
        let Some((word, value)) = entry.rsplit_once('\t') else {
            continue;
        };
        let value = value
            .trim()
            .parse::<u64>()
            .map_err(|_| Error::lexicon(format!("ner_number_words: bad value for `{word}`")))?;
        add(table, word.trim(), NUMBER_WORD, value, true);
    }
    for entry in lexicons.list("ner_currencies") {
        let Some((form, position)) = entry.rsplit_once('\t') else {
            continue;
        };
        let kind = if position.trim() == "before" {
            CURRENCY_BEFORE
        } else {
            CURRENCY_AFTER
        };
        add(table, form.trim(), kind, 0, false);
    }
    Ok(())
}

fn add(table: &mut WordTable, word: &str, kind: u32, value: u64, with_capital: bool) {
    let capital = if with_capital {
        capitalised(word)
    } else {
        None
    };
    for form in std::iter::once(word.to_string()).chain(capital) {
        let entry = table.add(&form, kind);
        if value > 0 {
            entry.value = value;
        }
    }
}

struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token],
    table: &'a WordTable,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn has(&self, i: usize, kind: u32) -> bool {
        self.tokens.get(i).is_some_and(|t| t.lex & kind != 0)
    }

    /// Value of a number word (0 for other words).
    fn value(&self, i: usize) -> u64 {
        if self.has(i, NUMBER_WORD) {
            self.table.get(self.word(i)).value
        } else {
            0
        }
    }

    fn is_number(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.flags & NUMBER != 0)
    }

    /// True when tokens `i` and `i + 1` touch (no space between).
    fn touching(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn is_scale(&self, i: usize) -> bool {
        self.has(i, NUMBER_WORD) && (self.value(i) >= 100 || self.word(i) == "dozen")
    }

    /// End (exclusive) of a number phrase starting at `i`: digits or number words,
    /// followed by scale words (`2.7 billion`, `two hundred thousand`, `a dozen`).
    fn number_phrase(&self, i: usize) -> Option<usize> {
        let n = self.tokens.len();
        let mut j = i;
        let article = matches!(self.word(j), "a" | "an" | "A" | "An");
        if self.is_number(j) || (article && self.is_scale(j + 1)) {
            j += 1;
        } else if self.has(j, NUMBER_WORD) && self.word(j).len() > 1 {
            j += 1;
            // `twenty-five` is one token; `twenty five` two.
            while j < n && self.has(j, NUMBER_WORD) && (1..100).contains(&self.value(j)) {
                j += 1;
            }
        } else {
            // `2.7bn`, `40m`, `25km` glued forms start with digits.
            let t = self.tokens.get(j)?;
            if t.flags & DIGIT == 0 {
                return None;
            }
            j += 1;
        }
        while j < n && self.is_scale(j) && !self.is_number(j) {
            j += 1;
        }
        Some(j)
    }

    /// An approximator ending right before token `i`: its start token.
    fn approximator_before(&self, i: usize) -> Option<usize> {
        let prev = i.checked_sub(1)?;
        let word = self.word(prev);
        // Two-word approximators end in `than`, `to` or `least`.
        if matches!(word, "than" | "to" | "least") && prev > 0 {
            let span = &self.text[self.tokens[prev - 1].start..self.tokens[prev].end];
            return APPROXIMATORS.contains(&span).then_some(prev - 1);
        }
        APPROXIMATORS.contains(&word).then_some(prev)
    }

    fn is_year(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() == 4
            && self.is_number(i)
            && w.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y))
    }

    fn is_day_number(&self, i: usize) -> bool {
        let w = self.word(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.len() <= 2
            && digits.chars().all(|c| c.is_ascii_digit())
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && (digits.len() == w.len() || matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th"))
    }

    fn is_month(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.flags & CAP != 0) && self.has(i, MONTH)
    }

    /// End of a date that starts with a month at `i`: `Jan. 5`, `Jan. 5, 2024`, `May 2019`.
    fn month_date_end(&self, i: usize) -> usize {
        let mut j = i + 1;
        if self.is_day_number(j) {
            j += 1;
            if self.word(j) == "," && self.is_year(j + 1) {
                j += 2;
            } else if self.is_year(j) {
                j += 1;
            }
        } else if self.is_year(j) {
            j += 1;
        }
        j
    }
}

/// Appends the numeric expressions of one sentence's tokens to `out`; the tokens carry
/// their list bits ([`Token::lex`]) from `table`.
pub fn scan_sentence(
    text: &str,
    tokens: &[Token],
    table: &WordTable,
    out: &mut Vec<NumericMention>,
) {
    let scan = Scan {
        text,
        tokens,
        table,
    };
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        // Only listed words, articles and digits start an expression: most tokens are
        // passed over here without a call.
        if tokens[i].lex & NUMERIC == 0 && tokens[i].flags & DIGIT == 0 {
            i += 1;
            continue;
        }
        match scan_at(&scan, i) {
            Some((start, end, label, rule)) if end > start => {
                out.push(NumericMention {
                    start: tokens[start].start,
                    end: tokens[end - 1].end,
                    label,
                    rule,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
}

type Found = (usize, usize, EntityLabel, &'static str);

fn scan_at(s: &Scan<'_>, i: usize) -> Option<Found> {
    let t = &s.tokens[i];
    if t.lex & NUMERIC & !ARTICLE == 0
        && t.flags & DIGIT == 0
        && !(t.lex & ARTICLE != 0 && s.is_scale(i + 1))
    {
        // Only listed words and digits start an expression; `a dozen` starts with `a`.
        return None;
    }
    let word = s.word(i);
    // Relative dates: `last week`, `next Tuesday`, `this year`, `earlier this month`.
    if s.has(i, MODIFIER) {
        let mut j = i + 1;
        if s.has(j, MODIFIER) {
            j += 1;
        }
        let next = s.word(j);
        if s.has(j, DATE_UNIT) && !next.ends_with('s')
            || s.has(j, WEEKDAY)
            || s.has(j, SEASON)
            || s.is_month(j)
        {
            let end = if s.is_month(j) {
                s.month_date_end(j)
            } else {
                j + 1
            };
            return Some((i, end, EntityLabel::Date, "ner.date.relative"));
        }
        if DAY_PARTS.contains(&next) && matches!(word, "this" | "last" | "This" | "Last") {
            return Some((i, j + 1, EntityLabel::Time, "ner.time.day-part"));
        }
        return None;
    }
    if s.has(i, DAY_WORD | TIME_WORD) {
        let label = if s.has(i, TIME_WORD) {
            EntityLabel::Time
        } else {
            EntityLabel::Date
        };
        return Some((i, i + 1, label, "ner.date.day-word"));
    }
    if s.has(i, WEEKDAY) {
        let mut end = i + 1;
        if DAY_PARTS.contains(&s.word(end)) {
            return Some((i, end + 1, EntityLabel::Time, "ner.time.day-part"));
        }
        if s.word(end) == "," && s.is_month(end + 1) {
            end = s.month_date_end(end + 1);
        }
        return Some((i, end, EntityLabel::Date, "ner.date.weekday"));
    }
    if s.is_month(i) {
        // `May` and `March` are also words: a month needs a number after it or a date
        // preposition before it.
        let end = s.month_date_end(i);
        let prev = if i > 0 { s.word(i - 1) } else { "" };
        let ambiguous = matches!(
            word,
            "May" | "March" | "Jan" | "Mar" | "Sun" | "Sat" | "Dec"
        );
        if end > i + 1
            || !ambiguous
            || matches!(
                prev,
                "in" | "since" | "until" | "by" | "of" | "from" | "early" | "late" | "mid"
            )
        {
            return Some((i, end, EntityLabel::Date, "ner.date.month"));
        }
        return None;
    }
    // Money with the currency first: `$2.7 billion`, `€40 million`, `US$ 5`.
    if s.has(i, CURRENCY_BEFORE) {
        let mut start = i;
        if i > 0
            && s.touching(i - 1)
            && matches!(s.word(i - 1), "US" | "A" | "C" | "NZ" | "HK" | "S")
        {
            start = i - 1;
        }
        if let Some(end) = s.number_phrase(i + 1) {
            let start = s.approximator_before(start).unwrap_or(start);
            return Some((start, end, EntityLabel::Money, "ner.money.symbol"));
        }
        return None;
    }
    // A number phrase, labelled by what follows it.
    let end = s.number_phrase(i)?;
    let start = s.approximator_before(i).unwrap_or(i);
    let next = s.word(end);
    let next_lower = next.to_ascii_lowercase();
    if next == "%" {
        return Some((start, end + 1, EntityLabel::Percent, "ner.percent.sign"));
    }
    if next_lower == "percent" || next_lower == "pct" {
        let mut stop = end + 1;
        if s.word(stop) == "points" {
            stop += 1;
        }
        return Some((start, stop, EntityLabel::Percent, "ner.percent.word"));
    }
    if next_lower == "per" && s.word(end + 1) == "cent" {
        return Some((start, end + 2, EntityLabel::Percent, "ner.percent.word"));
    }
    if s.has(end, CURRENCY_AFTER) {
        return Some((start, end + 1, EntityLabel::Money, "ner.money.word"));
    }
    if s.is_month(end) && s.is_day_number(i) && end == i + 1 {
        let mut stop = end + 1;
        if s.is_year(stop) {
            stop += 1;
        }
        return Some((i, stop, EntityLabel::Date, "ner.date.day-month"));
    }
    if s.has(end, DATE_UNIT) {
        let mut stop = end + 1;
        if s.word(stop) == "ago" {
            stop += 1;
        }
        return Some((start, stop, EntityLabel::Date, "ner.date.duration"));
    }
    if TIME_UNITS.contains(&next) {
        return Some((start, end + 1, EntityLabel::Time, "ner.time.duration"));
    }
    if s.has(end, UNIT) {
        return Some((start, end + 1, EntityLabel::Quantity, "ner.quantity.unit"));
    }
    // `10:30`, `3:30 p.m.`
    if s.is_number(i) && next == ":" && s.touching(i) && s.is_number(end + 1) && s.touching(end) {
        let mut stop = end + 2;
        if matches!(
            s.word(stop),
            "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m" | "GMT" | "UTC"
        ) {
            stop += 1;
        }
        return Some((i, stop, EntityLabel::Time, "ner.time.clock"));
    }
    if matches!(next, "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m") && s.is_number(i) {
        return Some((i, end + 1, EntityLabel::Time, "ner.time.clock"));
    }
    if end == i + 1 && s.is_year(i) {
        return Some((i, end, EntityLabel::Date, "ner.date.year"));
    }
    let w = s.word(i);
    if end == i + 1 && t.flags & DIGIT != 0 && t.flags & NUMBER == 0 {
        // Glued forms: `1990s` is a decade; `2.7bn`, `40m` amounts; `5km` a quantity.
        if w.len() == 5 && w.ends_with('s') && w[..4].chars().all(|c| c.is_ascii_digit()) {
            return Some((start, end, EntityLabel::Date, "ner.date.decade"));
        }
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &w[digits.len()..];
        if !digits.is_empty() && s.table.get(suffix).bits & UNIT != 0 {
            return Some((start, end, EntityLabel::Quantity, "ner.quantity.unit"));
        }
        return None;
    }
    if t.flags & PUNCT != 0 {
        return None;
    }
    // A lone `one` is more often a pronoun than a number.
    if end == i + 1 && matches!(w, "one" | "One") && !matches!(s.word(end), "of" | "in") {
        return None;
    }
    Some((start, end, EntityLabel::Cardinal, "ner.cardinal"))
}
