//! Names (PERSON, ORG, GPE, LOC, NORP) from runs of capitalised words.
//!
//! A hand-written scanner walks the tokens of a sentence, gathers runs of capitalised words
//! (joined by `of`, `de`, `van` and the like), cuts titles and roles out of them
//! (`Foreign Minister Lena M. Kowalski`), and labels what remains from evidence in a fixed
//! order: company suffixes, head words, the gazetteer, given names, initials, acronyms.
//! A run that has no evidence yet stays unlabelled; the document pass
//! ([`super::document`]) labels it from the full mentions elsewhere in the text, or drops
//! it when its capital letter only marks the start of a sentence.

use super::gazetteer::{self, GazetteerMatch};
use super::tokens::{CAP, INITIAL, LOWER, NAME, POSSESSIVE, PUNCT, QUOTE, Token, UPPER};
use super::words::{
    AS_WRITTEN, CONNECTOR, FUNCTION, NAMES, NON_NAME, ORG_AFTER, ORG_BEFORE, ORG_HEAD, ORG_SUFFIX,
    PERSON_AFTER, PERSON_ROLE, PERSON_VERB, PLACE_HEAD, PLACE_KIND, PLACE_PREPOSITION, SPEECH_VERB,
    TEAM, TEAM_LAST, TITLE, TITLE_FIRST, WordTable,
};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::EntityLabel;

/// A name found in a sentence, labelled or waiting for the document pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameCandidate {
    /// First byte of the name.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Its label when the sentence gave enough evidence.
    pub label: Option<EntityLabel>,
    /// The rule that labelled it (or `ner.unresolved`).
    pub rule: &'static str,
    /// The capital letter may only mark a sentence start or a headline, so an unlabelled
    /// weak candidate is dropped unless the document shows it is a name.
    pub weak: bool,
    /// Number of words in the name.
    pub words: usize,
    /// What the words around this mention say of its kind, weighed over the document.
    pub votes: Votes,
    /// The label is a list guess for a word that is on lists of other kinds too (`Paris`
    /// a city and a given name), which the document's votes may overrule.
    pub overridable: bool,
    /// Index of the sentence holding it.
    pub sentence: usize,
}

/// Adds the lists the name scanner consults (`ner_titles`, `ner_org_suffixes`,
/// `ner_org_heads`, `ner_loc_heads`, `ner_function_words`, `ner_name_connectors`, and the
/// calendar words, which open dates rather than names) to `table`.
pub fn add_lists(lexicons: &Lexicons, table: &mut WordTable) -> Result<(), Error> {
    for title in lexicons.list("ner_titles") {
        table.add(title, TITLE);
        if let Some(first) = title.split(' ').next() {
            table.add(first, TITLE_FIRST);
        }
    }
    for suffix in lexicons.list("ner_org_suffixes") {
        table.add(suffix, ORG_SUFFIX);
    }
    for head in lexicons.list("ner_org_heads") {
        table.add(head, ORG_HEAD);
    }
    for entry in lexicons.list("ner_loc_heads") {
        let Some((word, label)) = entry.rsplit_once('\t') else {
            continue;
        };
        let (word, label) = (word.trim(), label.trim());
        let label = EntityLabel::parse(label).ok_or_else(|| {
            Error::lexicon(format!(
                "ner_loc_heads: unknown label `{label}` for `{word}`"
            ))
        })?;
        table.add(word, PLACE_HEAD).label = Some(label);
    }
    for word in lexicons.list("ner_function_words") {
        table.add(word, FUNCTION | NON_NAME);
    }
    for month in lexicons.list("ner_months") {
        table.add(month, NON_NAME);
    }
    for entry in lexicons.list("ner_date_words") {
        if let Some((word, kind)) = entry.rsplit_once('\t')
            && matches!(kind.trim(), "weekday" | "holiday")
        {
            table.add(word.trim(), NON_NAME);
        }
    }
    for connector in lexicons.list("ner_name_connectors") {
        table.add(connector, CONNECTOR);
    }
    for (list, bit) in [
        ("ner_org_context", ORG_AFTER),
        ("ner_org_context_before", ORG_BEFORE),
        ("ner_person_context", PERSON_AFTER),
        ("ner_place_kinds", PLACE_KIND),
        ("ner_team_names", TEAM),
        ("ner_person_roles", PERSON_ROLE),
    ] {
        for word in lexicons.list(list) {
            table.add(word, bit);
        }
    }
    for team in lexicons.list("ner_team_names") {
        if let Some(last) = team.rsplit(' ').next() {
            table.add(last, TEAM_LAST);
        }
    }
    for (words, bit) in [
        (SPEECH_VERBS, SPEECH_VERB),
        (PERSON_VERBS, PERSON_VERB),
        (PLACE_PREPOSITIONS, PLACE_PREPOSITION),
    ] {
        for word in words {
            table.add(word, bit);
        }
    }
    Ok(())
}

/// Words after a name that show it is a person who speaks.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "explained",
    "replied",
    "argued",
    "noted",
    "stated",
    "claimed",
    "recalled",
    "insisted",
    "warned",
    "tweeted",
    "announced",
];

/// Verbs after a single-word name that suggest a person acting.
const PERSON_VERBS: &[&str] = &[
    "was", "had", "died", "became", "went", "wanted", "decided", "himself", "herself", "smiled",
    "nodded", "laughed", "looked", "felt", "knew", "thought", "met",
];

/// Prepositions before a name that suggest a place.
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "across", "throughout", "outside"];

/// How a sentence is capitalised: normal prose, or a headline where capitals say little.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// Ordinary prose: capitals mark names (and the first word).
    Prose,
    /// Most words capitalised: a title-case headline.
    TitleCase,
    /// Every word in capitals.
    AllCaps,
}

/// The casing of a sentence from its tokens, and whether it may hold a quoted title (two
/// quote marks and two capitalised words at least; see [`find_quoted_titles`]), counted in
/// the same pass so that most sentences need no search for titles.
pub fn casing(tokens: &[Token]) -> (Casing, bool) {
    let mut upper = 0;
    let mut capital = 0;
    let mut lower = 0;
    let mut quotes = 0;
    for t in tokens {
        if t.flags & PUNCT != 0 {
            quotes += usize::from(t.flags & QUOTE != 0);
            continue;
        }
        if !t.is_word() {
            continue;
        }
        if t.flags & UPPER != 0 {
            upper += 1;
        } else if t.flags & CAP != 0 {
            capital += 1;
        } else if t.flags & LOWER != 0 && t.end - t.start > 3 {
            // Short lower-case words (`of`, `and`, `the`, `de`) stay lower case in
            // title-case headlines.
            lower += 1;
        }
    }
    let letters = upper + capital + lower;
    let casing = if upper >= 3 && lower == 0 && upper * 4 >= letters * 3 {
        Casing::AllCaps
    } else if capital + upper >= 4 && lower * 5 <= capital + upper {
        Casing::TitleCase
    } else {
        Casing::Prose
    };
    (casing, quotes >= 2 && capital + upper >= 2)
}

/// Appends to `out` the token ranges of the quoted titles of a sentence: a stretch between
/// quote marks of at least three words, most of them capitalised, whose lower-case words
/// are all short (`in`, `of`, `to`, `the`), like a headline's. A quoted sentence of prose
/// (`“We will appeal,” she said`) has long lower-case words and is left alone.
pub fn find_quoted_titles(tokens: &[Token], out: &mut Vec<(usize, usize)>) {
    let is_quote = |t: &Token| t.flags & QUOTE != 0;
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !is_quote(t) {
            continue;
        }
        let Some(start) = open.take() else {
            open = Some(i + 1);
            continue;
        };
        let inside = &tokens[start..i];
        let (mut capitalised, mut words, mut long_lower) = (0, 0, 0);
        for w in inside.iter().filter(|w| w.is_word()) {
            words += 1;
            if w.flags & CAP != 0 {
                capitalised += 1;
            } else if w.flags & LOWER != 0 && w.end - w.start > 3 {
                long_lower += 1;
            }
        }
        if words >= 3 && long_lower == 0 && capitalised * 3 >= words * 2 {
            out.push((start, i));
        }
    }
}

/// Everything the scanner needs about one sentence.
pub struct SentenceView<'a> {
    /// The document text.
    pub text: &'a str,
    /// For an all-caps sentence, its text title-cased (same byte length), starting at
    /// byte [`SentenceView::folded_base`] of the document; empty otherwise.
    pub folded: &'a str,
    /// Document offset of the first byte of `folded`.
    pub folded_base: usize,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// Gazetteer matches in the sentence, ordered by start.
    pub matches: &'a [GazetteerMatch],
    /// The sentence's casing.
    pub casing: Casing,
    /// Token ranges of quoted titles in title case inside a prose sentence (`an article
    /// titled “Tech Giants Bring Vital Advantage in Espionage to China”`), whose capitals
    /// say as little as a headline's.
    pub quoted_titles: &'a [(usize, usize)],
    /// The gazetteer, for lookups of forms the automaton cannot see (`U.S.` as `US`).
    pub lookup: &'a gazetteer::Gazetteer,
    /// Index of the sentence.
    pub sentence: usize,
}

impl SentenceView<'_> {
    fn word(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        self.word_of(t)
    }

    fn slice(&self, from: usize, to: usize) -> &str {
        let (start, end) = (self.tokens[from].start, self.tokens[to - 1].end);
        if self.casing == Casing::AllCaps {
            self.folded
                .get(start - self.folded_base..end - self.folded_base)
                .unwrap_or("")
        } else {
            &self.text[start..end]
        }
    }

    /// Word-list bits of the text of tokens `from..to`, read as [`SentenceView::slice`].
    fn slice_bits(&self, lists: &WordTable, from: usize, to: usize) -> u32 {
        let (start, end) = (self.tokens[from].start, self.tokens[to - 1].end);
        if self.casing == Casing::AllCaps {
            let base = self.folded_base;
            lists.bits_at(self.folded.as_bytes(), start - base, end - base)
        } else {
            lists.bits_at(self.text.as_bytes(), start, end)
        }
    }

    /// Lists holding exactly tokens `from..to` (a gazetteer match spanning them).
    fn gazetteer(&self, from: usize, to: usize) -> u32 {
        let start = self.tokens[from].start;
        let end = self.tokens[to - 1].end;
        let i = self.matches.partition_point(|m| m.start < start);
        self.matches[i..]
            .iter()
            .take_while(|m| m.start == start)
            .filter(|m| m.end == end)
            .fold(0, |acc, m| acc | m.flags)
    }
}

/// Appends the name candidates of one sentence to `out`.
pub fn scan_sentence(view: &SentenceView<'_>, lists: &WordTable, out: &mut Vec<NameCandidate>) {
    let tokens = view.tokens;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        if !is_name_word(view, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < n && joins_run(view, j) {
                j += 1;
                continue;
            }
            if let Some(after) = connector_end(view, lists, j)
                && after < n
                && is_name_word(view, after)
            {
                j = after + 1;
                continue;
            }
            // `Procter & Gamble`, `Ministry of Trade and Industry`: kept together only if
            // the whole is an organisation (decided in split_run).
            if j + 1 < n && is_and(view, j) && is_name_word(view, j + 1) {
                j += 2;
                continue;
            }
            break;
        }
        split_run(view, lists, i, j, out);
        i = j;
    }
}

/// `and` or `&` between two capitalised words.
fn is_and(view: &SentenceView<'_>, i: usize) -> bool {
    matches!(view.tokens[i].text(view.text), "and" | "&")
}

/// True for a word that may start a name.
fn is_name_word(view: &SentenceView<'_>, i: usize) -> bool {
    view.tokens[i].flags & NAME != 0
}

/// Sets [`NAME`] on the capitalised words of `tokens` that may be part of a name.
/// `folded` is the title-cased sentence for an all-caps sentence starting at document
/// byte `base`, or empty; the name rules read an all-caps sentence's words title-cased, so
/// their list bits are then taken from `folded` (the numeric bits stay as written).
pub fn mark_name_words(
    text: &str,
    folded: &str,
    base: usize,
    tokens: &mut [Token],
    lists: &WordTable,
) {
    if !folded.is_empty() {
        for t in tokens.iter_mut() {
            let bits = lists.bits_at(folded.as_bytes(), t.start - base, t.end - base);
            t.lex = (t.lex & AS_WRITTEN) | (bits & NAMES);
        }
    }
    for t in tokens.iter_mut() {
        if !t.is_word() || t.flags & CAP == 0 || t.lex & NON_NAME != 0 {
            continue;
        }
        let word = if folded.is_empty() {
            &text[t.start..t.end]
        } else {
            folded.get(t.start - base..t.end - base).unwrap_or("")
        };
        if !is_contraction(word, lists) {
            t.flags |= NAME;
        }
    }
}

/// `I'm`, `Don't`, `They're`: a pronoun or verb with a clitic, never a name.
fn is_contraction(word: &str, lists: &WordTable) -> bool {
    // A byte test first: few words hold an apostrophe (`’` starts with 0xE2).
    if !word.bytes().any(|b| b == b'\'' || b == 0xE2) {
        return false;
    }
    let Some((stem, clitic)) = word.split_once(['\'', '’']) else {
        return false;
    };
    matches!(clitic, "m" | "ve" | "ll" | "d" | "re" | "t" | "s")
        || lists.get(stem).bits & FUNCTION != 0
}

/// True for a word that continues the run ending at `j - 1`.
fn joins_run(view: &SentenceView<'_>, j: usize) -> bool {
    let t = &view.tokens[j];
    if !t.is_word() || t.flags & CAP == 0 {
        return false;
    }
    // Spaces only between the words of a name: a line break or a gap ends it.
    let gap = &view.text[view.tokens[j - 1].end..t.start];
    if gap != " " {
        return false;
    }
    if t.flags & NAME == 0 {
        // `Theresa May`, `Prince Will`: a name word after a given name.
        let flags = view.lookup.lookup(view.word(j));
        let prev = gazetteer_word(view, j - 1);
        return flags & gazetteer::SURNAME != 0 && prev & gazetteer::GIVEN != 0;
    }
    true
}

fn gazetteer_word(view: &SentenceView<'_>, i: usize) -> u32 {
    view.gazetteer(i, i + 1)
}

/// If a connector (`of`, `of the`, `van der`) starts at token `j`, the index after it.
fn connector_end(view: &SentenceView<'_>, lists: &WordTable, j: usize) -> Option<usize> {
    let n = view.tokens.len();
    if j >= n || j == 0 {
        return None;
    }
    let mut best = None;
    for len in 1..=2 {
        let end = j + len;
        if end > n {
            break;
        }
        if view.tokens[j..end].iter().any(|t| t.flags & LOWER == 0) {
            break;
        }
        // Only single spaces inside: `of the`, not `of\nthe`.
        let between = &view.text.as_bytes()[view.tokens[j - 1].end..view.tokens[end - 1].end];
        if between.contains(&b'\n') {
            break;
        }
        let connector = if len == 1 {
            view.tokens[j].lex & CONNECTOR != 0
        } else {
            view.slice_bits(lists, j, end) & CONNECTOR != 0
        };
        if connector {
            best = Some(end);
        }
    }
    best
}

/// Longest title starting at token `from` and ending before `to`, as its end index.
fn title_at(view: &SentenceView<'_>, lists: &WordTable, from: usize, to: usize) -> Option<usize> {
    // Most words open no title: one lookup of the first word settles them.
    if from >= to || view.tokens[from].lex & TITLE_FIRST == 0 {
        return None;
    }
    (from + 1..=(from + 4).min(to)).rev().find(|&end| {
        let bits = if end == from + 1 {
            view.tokens[from].lex
        } else {
            view.slice_bits(lists, from, end)
        };
        bits & TITLE != 0
    })
}

/// Whether the token opens a sentence, a quotation or a clause after a colon, where a
/// capital letter says nothing about a name.
fn opens_clause(view: &SentenceView<'_>, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let prev = &view.tokens[i - 1];
    if prev.flags & PUNCT == 0 {
        return false;
    }
    let p = view.text[prev.start..prev.end]
        .chars()
        .next()
        .unwrap_or(' ');
    if matches!(p, '"' | '“' | '‘' | '(' | '[') {
        // An opening mark: itself at the start or after a non-word.
        return i == 1 || !view.tokens[i - 2].is_word() || p == '“' || p == '‘';
    }
    matches!(p, ':' | '—' | '–' | '-' | '•' | '*' | '>' | '|' | '/')
}

/// Cuts a run `from..to` at titles and labels its parts.
fn split_run(
    view: &SentenceView<'_>,
    lists: &WordTable,
    from: usize,
    to: usize,
    out: &mut Vec<NameCandidate>,
) {
    if let Some(c) = (from + 1..to).find(|&k| view.tokens[k].flags & LOWER != 0) {
        let after = connector_end(view, lists, c).unwrap_or(c + 1);
        // `Shares of Northwind Shipping Ltd.`: an ordinary sentence-opening word before
        // a connector is not part of the name.
        if c == from + 1
            && opens_clause(view, from)
            && view.gazetteer(from, c) == 0
            && view.tokens[from].lex & (ORG_HEAD | PLACE_HEAD | TITLE) == 0
        {
            split_run(view, lists, after, to, out);
            return;
        }
        // `Lena Novak of Harbour Safety Commission`: a person's name ends before `of`.
        if matches!(view.word(c), "of" | "for") {
            let (label, rule) = classify(view, lists, from, c, false);
            if label == Some(EntityLabel::Person)
                && matches!(rule, "ner.person.given-name" | "ner.person.initials")
            {
                label_run(view, lists, from, c, None, out);
                split_run(view, lists, after, to, out);
                return;
            }
            // `Wu Chi-wai of the Democratic Party`, `Fellow of the Royal Society`: what
            // precedes `of` has no head word to govern it, and what follows is a whole
            // organisation by itself, so the two are separate names (unlike `Bank of
            // England`, `University of Chicago`, where the head comes first).
            let headless = view.tokens[from..c]
                .iter()
                .all(|t| t.lex & (ORG_HEAD | PLACE_HEAD | ORG_SUFFIX) == 0)
                && view.gazetteer(from, c) == 0;
            if headless && after < to {
                let (label, rule) = classify(view, lists, after, to, false);
                if label == Some(EntityLabel::Org)
                    && matches!(
                        rule,
                        "ner.org.suffix" | "ner.org.head" | "ner.gazetteer.organisation"
                    )
                {
                    label_run(view, lists, from, c, None, out);
                    split_run(view, lists, after, to, out);
                    return;
                }
            }
        }
    }
    if let Some(k) = (from + 1..to).find(|&k| is_and(view, k)) {
        // `and` joins two names unless the whole is one organisation.
        let (label, rule) = classify(view, lists, from, to, false);
        let one_org = label == Some(EntityLabel::Org)
            && matches!(
                rule,
                "ner.org.suffix"
                    | "ner.org.head"
                    | "ner.org.head-of"
                    | "ner.gazetteer.organisation"
            );
        // `Democratic Party and Tanya Chan`, `New York Times and ABC News`: a left part
        // that is a whole organisation by itself is not the start of a longer one
        // (`Department of Housing and Urban Renewal` is).
        let left_whole = view.tokens[k - 1].lex & (ORG_HEAD | ORG_SUFFIX) != 0
            || view.gazetteer(from, k) & gazetteer::ORG != 0;
        if !one_org || left_whole {
            split_run(view, lists, from, k, out);
            split_run(view, lists, k + 1, to, out);
            return;
        }
    }
    // A run that is a whole gazetteer name or ends in an organisation or place word is
    // one name, even when it opens with a title word (`General Motors`, `King Street`).
    let whole = view.gazetteer(from, to);
    let closed = whole & (gazetteer::ORG | gazetteer::PLACE) != 0
        || (to - from >= 2 && view.tokens[to - 1].lex & (ORG_SUFFIX | ORG_HEAD | PLACE_HEAD) != 0);
    if !closed {
        // Title anywhere in the run with a name after it: what precedes is its own
        // entity (`Chinese` in `Chinese President Xi Jinping`), what follows a person.
        let mut k = from;
        while k < to {
            if let Some(mut title_end) = title_at(view, lists, k, to) {
                // Chained titles: `Deputy Prime Minister`, `Former Senator`.
                while let Some(next) = title_at(view, lists, title_end, to) {
                    title_end = next;
                }
                if k > from {
                    label_run(view, lists, from, k, None, out);
                }
                if title_end >= to {
                    return;
                }
                if view.tokens[title_end].flags & LOWER != 0 {
                    // `President of the United States`: the title governs a place or an
                    // organisation, not a person's name.
                    let after = connector_end(view, lists, title_end).unwrap_or(title_end + 1);
                    if after < to {
                        split_run(view, lists, after, to, out);
                    }
                    return;
                }
                label_run(view, lists, title_end, to, Some("ner.person.title"), out);
                return;
            }
            k += 1;
        }
    }
    label_run(view, lists, from, to, None, out);
}

/// Labels the name made of tokens `from..to`; `title_rule` is set when a title precedes it.
fn label_run(
    view: &SentenceView<'_>,
    lists: &WordTable,
    from: usize,
    to: usize,
    title_rule: Option<&'static str>,
    out: &mut Vec<NameCandidate>,
) {
    if from >= to {
        return;
    }
    let words = to - from;
    let in_quoted_title = view
        .quoted_titles
        .iter()
        .any(|&(start, end)| (start..end).contains(&from));
    let weak = view.casing != Casing::Prose
        || in_quoted_title
        || (opens_clause(view, from) && title_rule.is_none());
    let (label, rule) = match title_rule {
        Some(rule) => {
            // A title before a company or place is a role inside its name
            // (`President Hotel`): trust head words over the title.
            let (label, head_rule) = classify(view, lists, from, to, weak);
            match label {
                Some(EntityLabel::Org) if head_rule.starts_with("ner.org.") => (label, head_rule),
                _ => (Some(EntityLabel::Person), rule),
            }
        }
        None => classify(view, lists, from, to, weak),
    };
    if title_rule.is_none() && words >= 2 {
        // `Ann Chiang of DAB`: a person's name does not continue through `of`.
        if (label.is_none() || rule == "ner.person.given-name")
            && let Some(c) = (from + 1..to).find(|&k| matches!(view.word(k), "of" | "for" | "on"))
        {
            let after = connector_end(view, lists, c).unwrap_or(c + 1);
            label_run(view, lists, from, c, None, out);
            label_run(view, lists, after, to, None, out);
            return;
        }
        // `Together Bernoulli`, `Mathematician Hermann Weyl`: a sentence-opening word
        // glued to a name is not part of it.
        if label.is_none()
            && opens_clause(view, from)
            && view.casing == Casing::Prose
            && view.gazetteer(from, from + 1) == 0
            && view.tokens[from + 1].flags & CAP != 0
        {
            label_run(view, lists, from + 1, to, None, out);
            return;
        }
    }
    let (label, rule) = match label {
        None if words == 1 && acronym_defined(view, from, out).is_some() => {
            (acronym_defined(view, from, out), "ner.acronym.defined")
        }
        None if words <= 4 && after_person_role(view, from) => {
            (Some(EntityLabel::Person), "ner.person.role")
        }
        _ => (label, rule),
    };
    let overridable = words == 1 && label.is_some() && rule.starts_with("ner.gazetteer.") && {
        let lists = view.gazetteer(from, to);
        // A country or a state is never anything else in news text.
        let settled = lists & (gazetteer::COUNTRY | gazetteer::REGION) != 0;
        let kinds = [
            gazetteer::PERSON_PART,
            gazetteer::GPE,
            gazetteer::ORG,
            gazetteer::LOCATION,
        ];
        !settled
            && (kinds.iter().filter(|&&k| lists & k != 0).count() >= 2
                || rule == "ner.gazetteer.person-name")
    };
    // Only unlabelled names and overridable guesses read the votes: a labelled mention
    // passes its label to unlabelled ones of the same name before any vote counts.
    let votes = if label.is_none() || overridable {
        context_votes(view, from, to, words)
    } else {
        Votes::default()
    };
    out.push(NameCandidate {
        start: view.tokens[from].start,
        end: view.tokens[to - 1].end,
        label,
        rule,
        weak,
        words,
        votes,
        overridable,
        sentence: view.sentence,
    });
}

/// `the artist Kazimir Malevich`, `his brother Dean`: a lower-case role or relation noun
/// right before the name, which is not in capitals (`the player NBA` is no person).
fn after_person_role(view: &SentenceView<'_>, from: usize) -> bool {
    from > 0
        && view.tokens[from - 1].lex & PERSON_ROLE != 0
        && view.tokens[from - 1].flags & LOWER != 0
        && view.tokens[from].flags & UPPER == 0
        && view.text[view.tokens[from - 1].end..view.tokens[from].start] == *" "
}

/// `Central Intelligence Agency (CIA)`: an acronym in brackets right after a labelled
/// name takes its label.
fn acronym_defined(
    view: &SentenceView<'_>,
    from: usize,
    out: &[NameCandidate],
) -> Option<EntityLabel> {
    let t = &view.tokens[from];
    if t.flags & UPPER == 0 || from < 2 || view.tokens[from - 1].text(view.text) != "(" {
        return None;
    }
    let previous = out.last()?;
    (previous.end == view.tokens[from - 2].end && previous.sentence == view.sentence)
        .then_some(previous.label)
        .flatten()
}

/// What the words around one mention say of the kind of name it is. The document pass
/// adds up the votes of every mention of a name, so that one clear context (`shares of X`,
/// `X officials`, `X's wife`, `the town of X`) types mentions that have none, and a weak
/// list guess (`Paris` the city) gives way when the whole document says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Votes {
    /// For a person.
    pub person: u16,
    /// For an organisation.
    pub org: u16,
    /// For a place (GPE).
    pub place: u16,
}

impl Votes {
    /// Adds `other` to these votes; saturating, as a document of many megabytes can
    /// repeat one name millions of times.
    pub fn add(&mut self, other: Votes) {
        self.person = self.person.saturating_add(other.person);
        self.org = self.org.saturating_add(other.org);
        self.place = self.place.saturating_add(other.place);
    }

    /// Total weight of the votes.
    pub fn total(&self) -> u32 {
        u32::from(self.person) + u32::from(self.org) + u32::from(self.place)
    }

    /// The votes for `label` (a person, organisation or place label).
    pub fn of(&self, label: EntityLabel) -> u32 {
        u32::from(match label {
            EntityLabel::Person => self.person,
            EntityLabel::Org => self.org,
            EntityLabel::Gpe | EntityLabel::Loc => self.place,
            _ => 0,
        })
    }

    /// The label with the most votes, if any; ties go to the organisation, then the
    /// person: a shared context (`X said`) is the weakest evidence and counts for a person,
    /// while organisation cues are specific.
    pub fn winner(&self) -> Option<EntityLabel> {
        if self.total() == 0 {
            return None;
        }
        Some(if self.org >= self.person && self.org >= self.place {
            EntityLabel::Org
        } else if self.person >= self.place {
            EntityLabel::Person
        } else {
            EntityLabel::Gpe
        })
    }
}

/// The votes of the words around the mention made of tokens `from..to`.
fn context_votes(view: &SentenceView<'_>, from: usize, to: usize, words: usize) -> Votes {
    let mut votes = Votes::default();
    let tokens = view.tokens;
    let text_of = |i: usize| tokens.get(i).map_or("", |t: &Token| t.text(view.text));
    let lex_of = |i: usize| tokens.get(i).map_or(0, |t: &Token| t.lex);
    // An acronym (`USI`, `DAB`) is rarely a person or a place by itself.
    let acronym = words == 1 && tokens[from].flags & UPPER != 0;
    // After the name: `X said`, `X was`, `X officials`, `X's wife`, `X, who`.
    let mut next = to;
    let possessive = tokens.get(next).is_some_and(|t| t.flags & POSSESSIVE != 0);
    if possessive {
        next += 1;
    }
    let next_lex = lex_of(next);
    if !possessive {
        if next_lex & SPEECH_VERB != 0 {
            // `X said in a statement`: an organisation speaks through statements.
            let statement = text_of(next + 1) == "in"
                && matches!(text_of(next + 3), "statement" | "release" | "filing");
            if statement || acronym {
                votes.org += 2;
            } else {
                votes.person += 2;
            }
        } else if words == 1 && !acronym && next_lex & PERSON_VERB != 0 {
            // `Galois was`, `Theodorus had`: a single word as the subject of a past-tense
            // clause is often a person, but only a light vote.
            votes.person += 1;
        }
        if text_of(next) == "," && text_of(next + 1) == "who" {
            votes.person += 2;
        }
    }
    if next_lex & ORG_AFTER != 0 {
        votes.org += 2;
    } else if possessive && next_lex & PERSON_AFTER != 0 {
        votes.person += 2;
    } else if possessive
        && next < tokens.len()
        && view.gazetteer(next, next + 1) & gazetteer::GIVEN != 0
    {
        // `DAB's Ben Chan`, `Demosisto's Nathan Law`: a group's member named after it.
        // Countries do this too (`Britain's Theresa May`), but they are on the lists.
        votes.org += 1;
    }
    // Before the name: `in X`, `members of X`, `the town of X`, `shares of X`.
    if let Some(prev) = from.checked_sub(1) {
        let prev_lex = tokens[prev].lex;
        // `in Hadibo`, unless the name only modifies a noun (`in Petri dishes`) or is one
        // of several authors (`in Carrano & Biewener`); `in Turkana and Marsabit` counts.
        let plain_word = !acronym
            && tokens[from]
                .text(view.text)
                .chars()
                .all(char::is_alphabetic);
        // A lower-case word on no list of any stage is a content word (`dishes`), while
        // the words that follow a place (`while`, `the`, `and`, `was`) are on the
        // clause-word and determiner lists the token layer reads for every stage.
        let modifies = tokens.get(to).is_some_and(|t| {
            t.flags & LOWER != 0 && t.lex == 0 && t.classes == 0 && t.cue == 0 && t.hedge == 0
        }) || text_of(to) == "&";
        if words == 1 && plain_word && prev_lex & PLACE_PREPOSITION != 0 && !modifies {
            votes.place += 1;
        }
        if matches!(text_of(prev), "of" | "for") && prev >= 1 {
            // `the town of X`, `members of the X`: skip one article.
            let mut head = prev - 1;
            if matches!(text_of(head), "the" | "a" | "an") && head >= 1 {
                head -= 1;
            }
            let head_lex = tokens[head].lex;
            if head_lex & ORG_BEFORE != 0 {
                votes.org += 2;
            } else if head_lex & PLACE_KIND != 0 && text_of(prev) == "of" {
                votes.place += 2;
            }
        }
        if acronym && matches!(text_of(prev), "at" | "by" | "joined") {
            votes.org += 1;
        }
    }
    // `Alpine, Arizona`: a place followed by the region or country it is in.
    if !acronym
        && text_of(to) == ","
        && to + 1 < tokens.len()
        && view.gazetteer(to + 1, to + 2) & (gazetteer::COUNTRY | gazetteer::REGION) != 0
    {
        votes.place += 2;
    }
    votes
}

/// Label and rule for tokens `from..to` from the evidence inside them.
fn classify(
    view: &SentenceView<'_>,
    lists: &WordTable,
    from: usize,
    to: usize,
    weak: bool,
) -> (Option<EntityLabel>, &'static str) {
    let words = to - from;
    let first = view.word(from);
    let last = view.word(to - 1);
    let mut whole = view.gazetteer(from, to);
    if whole == 0 && words == 1 && first.contains('.') {
        // `U.S.` is listed as `US`, `U.K.` as `UK`.
        whole = view.lookup.lookup(&first.replace('.', ""));
    }
    if whole == 0
        && view.casing != Casing::AllCaps
        && view.tokens[from..to].iter().all(|t| t.flags & UPPER != 0)
    {
        // Datelines: `SANTIAGO, Chile`, `SAN JOSE, Calif.`.
        let mut title_cased = String::new();
        super::title_case(view.slice(from, to), &mut title_cased);
        whole = view.lookup.lookup(&title_cased) & !gazetteer::ORG;
    }
    let (first_lex, last_lex) = (view.tokens[from].lex, view.tokens[to - 1].lex);
    if words >= 2 && last_lex & ORG_SUFFIX != 0 {
        return (Some(EntityLabel::Org), "ner.org.suffix");
    }
    if whole & gazetteer::DEMONYM != 0 && words == 1 {
        // `Australian`, `Hindu` are also newspaper names; the adjective is far more common.
        return (Some(EntityLabel::Norp), "ner.gazetteer.demonym");
    }
    if whole & gazetteer::ORG != 0 && (whole & gazetteer::AMBIGUOUS_ORG == 0 || !weak) {
        return (Some(EntityLabel::Org), "ner.gazetteer.organisation");
    }
    if whole & gazetteer::GPE != 0 && (whole & gazetteer::AMBIGUOUS_CITY == 0 || !weak || words > 1)
    {
        return (Some(EntityLabel::Gpe), "ner.gazetteer.gpe");
    }
    if whole & gazetteer::LOCATION != 0 {
        return (Some(EntityLabel::Loc), "ner.gazetteer.location");
    }
    if whole & gazetteer::DEMONYM != 0 {
        return (Some(EntityLabel::Norp), "ner.gazetteer.demonym");
    }
    if words >= 2 && is_team(view, lists, from, to) {
        return (Some(EntityLabel::Org), "ner.org.team");
    }
    if words >= 2 && last_lex & ORG_HEAD != 0 {
        return (Some(EntityLabel::Org), "ner.org.head");
    }
    // `Center for Advanced Study`, `Centre for Social Evolution`: a place head governing
    // `for` names the body that works there.
    if words >= 3 && first_lex & PLACE_HEAD != 0 && view.tokens[from + 1].text(view.text) == "for" {
        return (Some(EntityLabel::Org), "ner.org.head-for");
    }
    if words >= 2
        && last_lex & PLACE_HEAD != 0
        && let Some(label) = lists.get(last).label
    {
        return (Some(label), "ner.place.head");
    }
    let of_follows = words >= 3 && view.tokens[from + 1].flags & LOWER != 0;
    if of_follows && first_lex & ORG_HEAD != 0 {
        return (Some(EntityLabel::Org), "ner.org.head-of");
    }
    if words >= 2 {
        if first_lex & PLACE_HEAD != 0
            && let Some(label) = lists.get(first).label
            && (of_follows
                || matches!(
                    first,
                    "Mount" | "Mt." | "Lake" | "Fort" | "Cape" | "Port" | "Isle"
                ))
        {
            return (Some(label), "ner.place.head");
        }
        if words == 2 && is_romanised_given_name(view.word(to - 1)) && {
            let family = view.word(from);
            family.len() <= 5
                && view.tokens[from].flags & UPPER == 0
                && family.chars().all(|c| c.is_ascii_alphabetic())
        } {
            return (Some(EntityLabel::Person), "ner.person.romanised");
        }
        if view.tokens[from..to].iter().any(|t| t.flags & INITIAL != 0)
            && view.tokens[to - 1].flags & INITIAL == 0
        {
            return (Some(EntityLabel::Person), "ner.person.initials");
        }
        let first_flags = gazetteer_word(view, from);
        let last_flags = gazetteer_word(view, to - 1);
        let first_is_given = first_flags & gazetteer::GIVEN != 0
            && first_flags & (gazetteer::COUNTRY | gazetteer::ORG) == 0;
        if first_is_given
            && (first_flags & gazetteer::AMBIGUOUS_GIVEN == 0
                || last_flags & gazetteer::SURNAME != 0
                || !weak)
            && words <= 4
        {
            return (Some(EntityLabel::Person), "ner.person.given-name");
        }
        if last_flags & gazetteer::SURNAME != 0
            && last_flags & gazetteer::AMBIGUOUS_SURNAME == 0
            && last_flags & gazetteer::PLACE == 0
            && words <= 3
        {
            return (Some(EntityLabel::Person), "ner.person.surname");
        }
        if view.tokens[from..to].iter().any(|t| t.lex & ORG_HEAD != 0) {
            return (Some(EntityLabel::Org), "ner.org.head-inside");
        }
    } else {
        let t = &view.tokens[from];
        if whole & gazetteer::PERSON_PART != 0 {
            let ambiguous =
                whole & (gazetteer::AMBIGUOUS_GIVEN | gazetteer::AMBIGUOUS_SURNAME) != 0;
            if !weak && !ambiguous {
                return (Some(EntityLabel::Person), "ner.gazetteer.person-name");
            }
            if !weak || !ambiguous {
                return (None, "ner.gazetteer.person-name");
            }
        }
        // `the University`, `the Court`: a capitalised head word standing for a named
        // organisation mentioned before.
        let after_the = !weak && from > 0 && view.tokens[from - 1].text(view.text) == "the";
        if after_the && first_lex & ORG_HEAD != 0 {
            return (Some(EntityLabel::Org), "ner.org.head-alone");
        }
        if after_the
            && first_lex & PLACE_HEAD != 0
            && let Some(label) = lists.get(first).label
        {
            return (Some(label), "ner.place.head-alone");
        }
        let _ = t;
    }
    (None, "ner.unresolved")
}

/// `Kwok-hung`, `Wai-ching`, `Shin-Wook`: a two-syllable given name romanised from
/// Chinese or Korean, written with a hyphen after a short family name (`Leung Kwok-hung`,
/// `Kim Shin-Wook`); each syllable is two to five letters.
fn is_romanised_given_name(word: &str) -> bool {
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    let syllable =
        |s: &str| (2..=5).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    syllable(first)
        && syllable(second)
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && first[1..].chars().all(|c| c.is_ascii_lowercase())
        && second[1..].chars().all(|c| c.is_ascii_lowercase())
}

/// `Pittsburgh Pirates`, `Boston Red Sox`, `Manchester United`: a place on the lists
/// followed by a club nickname of one or two words.
fn is_team(view: &SentenceView<'_>, lists: &WordTable, from: usize, to: usize) -> bool {
    // Most runs do not end in a nickname's last word: one bit settles them.
    if view.tokens[to - 1].lex & TEAM_LAST == 0 {
        return false;
    }
    (1..=2).any(|len| {
        to > from + len
            && view.slice_bits(lists, to - len, to) & TEAM != 0
            && view.gazetteer(from, to - len) & gazetteer::GPE != 0
    })
}

impl SentenceView<'_> {
    fn word_of(&self, t: &Token) -> &str {
        if self.casing == Casing::AllCaps {
            self.folded
                .get(t.start - self.folded_base..t.end - self.folded_base)
                .unwrap_or("")
        } else {
            &self.text[t.start..t.end]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_pick_a_winner_and_saturate() {
        let v = |person, org, place| Votes { person, org, place };
        let cases = [
            (v(0, 0, 0), None),
            (v(1, 0, 0), Some(EntityLabel::Person)),
            (v(1, 1, 0), Some(EntityLabel::Org)),
            (v(1, 0, 1), Some(EntityLabel::Person)),
            (v(0, 0, 2), Some(EntityLabel::Gpe)),
            (v(2, 3, 4), Some(EntityLabel::Gpe)),
        ];
        for (votes, winner) in cases {
            assert_eq!(votes.winner(), winner, "{votes:?}");
        }
        let mut many = v(u16::MAX, 0, 0);
        many.add(v(5, 1, 0));
        assert_eq!((many.person, many.org, many.total()), (u16::MAX, 1, 65_536));
    }
}
