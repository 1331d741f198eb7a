//! CoNLL: one token per line with its BIO entity tag (`Haddad B-PERSON`), a blank line
//! between sentences and a `-DOCSTART- -X- -X- O` line opening each document, the layout of
//! the CoNLL-2003 shared task that NER trainers (spaCy's `convert`, Flair, Hugging Face
//! `datasets`) read. Two columns: token and tag; the tag is always the last column.
//!
//! Only tokens inside sentences are written (noise lines and the whitespace between
//! sentences carry no tag); overlapping entities keep the earlier, longer one.

use super::tokens::tokenize;
use super::view::Resolved;
use crate::model::Annotation;

/// The CoNLL block for one document, ending with a blank line.
pub fn render(annotation: &Annotation) -> String {
    let doc = Resolved::new(annotation);
    let view = &doc.view;
    let entities = doc.flat_entities();
    let mut boundaries = Vec::with_capacity(entities.len() * 2 + doc.sentences.len() * 2);
    for (r, _) in &entities {
        boundaries.extend([r.start, r.end]);
    }
    for r in &doc.sentences {
        boundaries.extend([r.start, r.end]);
    }
    let tokens = tokenize(view, &boundaries);

    let mut out = String::from("-DOCSTART- -X- -X- O\n\n");
    let mut entity = entities.iter().peekable();
    let mut token = tokens.iter().peekable();
    for sentence in &doc.sentences {
        let mut wrote = false;
        while let Some(t) = token.peek() {
            if t.range.start >= sentence.end {
                break;
            }
            let t = *t;
            token.next();
            if t.space || t.range.start < sentence.start {
                continue;
            }
            while entity.peek().is_some_and(|(r, _)| r.end <= t.range.start) {
                entity.next();
            }
            // A token never holds whitespace, but a lone control character would still
            // break the column layout; write it escaped.
            let word = view.slice(t.range);
            if word.chars().any(char::is_control) {
                out.push_str(&word.escape_default().to_string());
            } else {
                out.push_str(word);
            }
            match entity.peek() {
                Some((r, e)) if r.start <= t.range.start => {
                    out.push_str(if r.start == t.range.start {
                        " B-"
                    } else {
                        " I-"
                    });
                    out.push_str(e.label.as_str());
                }
                _ => out.push_str(" O"),
            }
            out.push('\n');
            wrote = true;
        }
        if wrote {
            out.push('\n');
        }
    }
    out
}
