//! The bits of the entity stage's word lists in the shared vocabulary.
//!
//! The name and number rules ask many questions about the same word (is it a month, a
//! number word, a title, an organisation head, a function word...). Every list sets its own
//! bit in the word's entry of the one vocabulary of the token layer
//! ([`crate::tokens::Vocabulary`]), each token is looked up once when the document is
//! tokenized ([`super::tokens::Token::lex`]), and the rules then test bits.

pub use crate::tokens::{Entry, Vocabulary as WordTable};

/// A month name.
pub const MONTH: u32 = 1;
/// A weekday name.
pub const WEEKDAY: u32 = 1 << 1;
/// `today`, `yesterday`: a date by itself.
pub const DAY_WORD: u32 = 1 << 2;
/// `tonight`: a time by itself.
pub const TIME_WORD: u32 = 1 << 3;
/// `week`, `years`: a date after a number or a modifier.
pub const DATE_UNIT: u32 = 1 << 4;
/// `last`, `next`, `this`, `early`.
pub const MODIFIER: u32 = 1 << 5;
/// `summer`, `Christmas`.
pub const SEASON: u32 = 1 << 6;
/// A number word (`two`, `dozen`, `million`).
pub const NUMBER_WORD: u32 = 1 << 7;
/// A unit of measure.
pub const UNIT: u32 = 1 << 8;
/// A currency written before the amount (`$`, `EUR`).
pub const CURRENCY_BEFORE: u32 = 1 << 9;
/// A currency written after the amount (`euros`).
pub const CURRENCY_AFTER: u32 = 1 << 10;
/// `a`, `an`: open `a dozen`, `an hour`-style amounts.
pub const ARTICLE: u32 = 1 << 20;
/// Every bit the numeric layer reads.
pub const NUMERIC: u32 = ((1 << 11) - 1) | ARTICLE;

/// A function word (`The`, `However`).
pub const FUNCTION: u32 = 1 << 11;
/// A function or calendar word: never a name by itself.
pub const NON_NAME: u32 = 1 << 12;
/// A title or role (`President`, `Foreign Minister`).
pub const TITLE: u32 = 1 << 13;
/// The first word of a title (`Foreign` for `Foreign Minister`).
pub const TITLE_FIRST: u32 = 1 << 14;
/// A company suffix (`Inc.`).
pub const ORG_SUFFIX: u32 = 1 << 15;
/// An organisation head word (`Ministry`).
pub const ORG_HEAD: u32 = 1 << 16;
/// A place head word (`River`); its label is in [`Entry::label`].
pub const PLACE_HEAD: u32 = 1 << 17;
/// A connector inside names (`of`, `van der`).
pub const CONNECTOR: u32 = 1 << 18;
/// The first word of a connector of several words (`van` for `van der`).
pub const CONNECTOR_FIRST: u32 = 1 << 19;
/// A verb of speech after a name (`said`).
pub const SPEECH_VERB: u32 = 1 << 21;
/// A verb after a one-word name that suggests a person (`was`, `smiled`).
pub const PERSON_VERB: u32 = 1 << 22;
/// A preposition before a name that suggests a place (`in`, `near`).
pub const PLACE_PREPOSITION: u32 = 1 << 23;
/// A word after a name or its possessive that shows an organisation (`officials`).
pub const ORG_AFTER: u32 = 1 << 24;
/// A word before `of`/`for` and a name that shows an organisation (`members`).
pub const ORG_BEFORE: u32 = 1 << 25;
/// A word after a name's possessive that shows a person (`wife`, `death`).
pub const PERSON_AFTER: u32 = 1 << 26;
/// A noun before `of` and a name that shows a place (`town`, `island`).
pub const PLACE_KIND: u32 = 1 << 27;
/// A sports club's nickname (`Pirates`, `Red Sox`) after a place in a club's name.
pub const TEAM: u32 = 1 << 28;
/// The last word of a club nickname (`Sox` of `Red Sox`, `Pirates`).
pub const TEAM_LAST: u32 = 1 << 30;
/// A lower-case role or relation noun before a person's name (`artist`, `brother`).
pub const PERSON_ROLE: u32 = 1 << 29;
/// The context words read by the document pass's votes and the role rule.
pub const CONTEXT: u32 = ORG_AFTER | ORG_BEFORE | PERSON_AFTER | PLACE_KIND | PERSON_ROLE;
/// Bits always read from the text as written, even in an all-caps sentence.
pub const AS_WRITTEN: u32 = NUMERIC | SPEECH_VERB | PERSON_VERB | PLACE_PREPOSITION | CONTEXT;
/// Bits the name scanner reads from the title-cased text of an all-caps sentence.
pub const NAMES: u32 = !AS_WRITTEN;
