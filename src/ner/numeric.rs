//! The numeric layer: DATE, TIME, MONEY, PERCENT, QUANTITY and CARDINAL.
//!
//! A left-to-right scanner over a sentence's tokens: a number phrase (`2.7`, `1,200`,
//! `two million`, `about 40`) is read first, then the word after it decides the label
//! (`percent`, a currency, a unit, a month, a time unit); currency symbols, months,
//! weekdays and relative-date words (`last Tuesday`, `in September`, `next year`) start
//! expressions of their own. Word lists are data (`ner_months`, `ner_date_words`,
//! `ner_number_words`, `ner_units`, `ner_currencies`).

use std::collections::{HashMap, HashSet};

use super::tokens::{CAP, DIGIT, NUMBER, PUNCT, Token};
use crate::Error;
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

/// The word lists of the numeric layer, compiled once.
pub struct NumberLists {
    months: HashSet<String>,
    weekdays: HashSet<String>,
    /// `today`, `yesterday`: dates by themselves.
    day_words: HashSet<String>,
    /// `week`, `years`: dates after a number or a modifier.
    date_units: HashSet<String>,
    /// `last`, `next`, `this`, `early`.
    modifiers: HashSet<String>,
    seasons: HashSet<String>,
    /// Number words (`two`, `dozen`) and their values; scales are those >= 100.
    number_words: HashMap<String, u64>,
    units: HashSet<String>,
    currency_before: HashSet<String>,
    currency_after: HashSet<String>,
}

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

impl NumberLists {
    /// Reads the numeric lists.
    pub fn new(lexicons: &Lexicons) -> Result<NumberLists, Error> {
        let mut lists = NumberLists {
            months: lexicons.list("ner_months").iter().cloned().collect(),
            weekdays: HashSet::new(),
            day_words: HashSet::new(),
            date_units: HashSet::new(),
            modifiers: HashSet::new(),
            seasons: HashSet::new(),
            number_words: HashMap::new(),
            units: lexicons.list("ner_units").iter().cloned().collect(),
            currency_before: HashSet::new(),
            currency_after: HashSet::new(),
        };
        for entry in lexicons.list("ner_date_words") {
            let Some((word, kind)) = entry.rsplit_once('\t') else {
                continue;
            };
            let word = word.trim().to_string();
            match kind.trim() {
                "day" | "time" => lists.day_words.insert(word),
                "weekday" => lists.weekdays.insert(word),
                "unit" => lists.date_units.insert(word),
                "modifier" => lists.modifiers.insert(word),
                "season" | "holiday" => lists.seasons.insert(word),
                other => {
                    return Err(Error::config(format!(
                        "ner_date_words: unknown kind `{other}` for `{word}`"
                    )));
                }
            };
        }
        for entry in lexicons.list("ner_number_words") {
            let Some((word, value)) = entry.rsplit_once('\t') else {
                continue;
            };
            let value = value
                .trim()
                .parse::<u64>()
                .map_err(|_| Error::config(format!("ner_number_words: bad value for `{word}`")))?;
            lists.number_words.insert(word.trim().to_string(), value);
        }
        for entry in lexicons.list("ner_currencies") {
            let Some((form, position)) = entry.rsplit_once('\t') else {
                continue;
            };
            let form = form.trim().to_string();
            if position.trim() == "before" {
                lists.currency_before.insert(form);
            } else {
                lists.currency_after.insert(form);
            }
        }
        Ok(lists)
    }

    fn number_word(&self, word: &str) -> Option<u64> {
        self.number_words.get(word).copied().or_else(|| {
            let lower = word.to_ascii_lowercase();
            if word.len() <= 12 && word.chars().next().is_some_and(char::is_uppercase) {
                self.number_words.get(&lower).copied()
            } else {
                None
            }
        })
    }
}

struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lists: &'a NumberLists,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
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

    /// End (exclusive) of a number phrase starting at `i`: digits or number words,
    /// followed by scale words (`2.7 billion`, `two hundred thousand`, `a dozen`).
    fn number_phrase(&self, i: usize) -> Option<usize> {
        let n = self.tokens.len();
        let mut j = i;
        let is_scale =
            |w: &str| self.lists.number_word(w).is_some_and(|v| v >= 100) || w == "dozen";
        let article = matches!(self.word(j), "a" | "an" | "A" | "An");
        if self.is_number(j) || (article && is_scale(self.word(j + 1))) {
            j += 1;
        } else if self.lists.number_word(self.word(j)).is_some() && self.word(j).len() > 1 {
            j += 1;
            // `twenty-five` is one token; `twenty five` two.
            while j < n
                && self
                    .lists
                    .number_word(self.word(j))
                    .is_some_and(|v| v < 100 && v > 0)
            {
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
        while j < n && is_scale(self.word(j)) && !self.is_number(j) {
            j += 1;
        }
        Some(j)
    }

    /// An approximator ending right before token `i`: its start token.
    fn approximator_before(&self, i: usize) -> Option<usize> {
        for a in APPROXIMATORS {
            let words = a.split(' ').count();
            if i < words {
                continue;
            }
            let start = i - words;
            let span = &self.text[self.tokens[start].start..self.tokens[i - 1].end];
            if span == *a {
                return Some(start);
            }
        }
        None
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
        self.tokens.get(i).is_some_and(|t| t.flags & CAP != 0)
            && self.lists.months.contains(self.word(i))
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

/// Appends the numeric expressions of one sentence's tokens to `out`.
pub fn scan_sentence(
    text: &str,
    tokens: &[Token],
    lists: &NumberLists,
    out: &mut Vec<NumericMention>,
) {
    let scan = Scan {
        text,
        tokens,
        lists,
    };
    let n = tokens.len();
    let mut i = 0;
    while i < n {
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
    let word = s.word(i);
    let lists = s.lists;
    // Relative dates: `last week`, `next Tuesday`, `this year`, `earlier this month`.
    if lists.modifiers.contains(word) || lists.modifiers.contains(&word.to_ascii_lowercase()) {
        let mut j = i + 1;
        if lists.modifiers.contains(s.word(j)) {
            j += 1;
        }
        let next = s.word(j);
        if lists.date_units.contains(next) && !next.ends_with('s')
            || lists.weekdays.contains(next)
            || lists.seasons.contains(next)
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
    if lists.day_words.contains(word) || lists.day_words.contains(&word.to_ascii_lowercase()) {
        let label = if word.eq_ignore_ascii_case("tonight") {
            EntityLabel::Time
        } else {
            EntityLabel::Date
        };
        return Some((i, i + 1, label, "ner.date.day-word"));
    }
    if lists.weekdays.contains(word) {
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
    if lists.currency_before.contains(word) {
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
    if lists.currency_after.contains(next) {
        return Some((start, end + 1, EntityLabel::Money, "ner.money.word"));
    }
    if s.is_month(end) && s.is_day_number(i) && end == i + 1 {
        let mut stop = end + 1;
        if s.is_year(stop) {
            stop += 1;
        }
        return Some((i, stop, EntityLabel::Date, "ner.date.day-month"));
    }
    if lists.date_units.contains(next) {
        let mut stop = end + 1;
        if s.word(stop) == "ago" {
            stop += 1;
        }
        return Some((start, stop, EntityLabel::Date, "ner.date.duration"));
    }
    if TIME_UNITS.contains(&next) {
        return Some((start, end + 1, EntityLabel::Time, "ner.time.duration"));
    }
    if lists.units.contains(next) {
        return Some((start, end + 1, EntityLabel::Quantity, "ner.quantity.unit"));
    }
    let t = &s.tokens[i];
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
        if !digits.is_empty() && lists.units.contains(suffix) {
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
