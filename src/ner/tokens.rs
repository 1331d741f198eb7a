//! The entity rules read the token layer's tokens ([`crate::tokens`]); this keeps their
//! names where the rules have always found them.

pub use crate::tokens::{
    CAP, DIGIT, INITIAL, LOWER, NAME, NUMBER, POSSESSIVE, PUNCT, QUOTE, Token, Tokenizer, UPPER,
    shape,
};
