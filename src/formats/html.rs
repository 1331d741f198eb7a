//! HTML: one self-contained page per document for people reviewing claims, and an index
//! page for a run. No network, no external asset: CSS and the few lines of script are
//! inline, so a page can be mailed, archived or opened from a laptop offline.
//!
//! The article is shown as written, with entities underlined and labelled, attribution
//! roles in distinct colours (source orange, cue red, content blue), hedges with a wavy
//! purple underline, and noise lines greyed out. Hovering any role shows the whole triple
//! and its kind (the `title`), and lights up the other roles of the same attribution and its
//! row in the table. Spans nest as elements; where two spans cross, the inner element is
//! closed and reopened, so the DOM stays well formed whatever the input.

use std::fmt::Write as _;

use super::view::{Range, Resolved};
use crate::model::{Annotation, Summary};

const STYLE: &str = r#"
body{font:16px/1.6 Georgia,serif;margin:0;color:#222;background:#fdfdfb}
header{padding:1rem 2rem;background:#283040;color:#fff}
header h1{margin:0;font-size:1.4rem}header a{color:#cfe0ff}
.meta{font:13px sans-serif;opacity:.8}
main{display:flex;flex-wrap:wrap;gap:2rem;padding:1.5rem 2rem}
article{flex:3 1 36rem;white-space:pre-wrap;max-width:48rem}
aside{flex:2 1 22rem;font:14px/1.4 sans-serif}
table{border-collapse:collapse;width:100%;margin-bottom:1.2rem}
td,th{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
.legend{font:13px sans-serif;padding:.6rem 2rem;background:#eef0f4}
.legend span{margin-right:.8rem;padding:0 .3rem}
.ent{border-bottom:3px solid #5b8c5a}
.ent::after{content:attr(data-label);font:9px sans-serif;vertical-align:super;color:#5b8c5a;margin-left:1px}
.ent-PERSON{border-color:#2e7d32}.ent-ORG{border-color:#6d4c41}.ent-GPE,.ent-LOC{border-color:#00838f}
.ent-NORP{border-color:#8e24aa}.ent-DATE,.ent-TIME{border-color:#9e9d24}
.ent-MONEY,.ent-PERCENT,.ent-QUANTITY,.ent-CARDINAL{border-color:#78909c}
.attr-source{background:#f8c08a}
.attr-cue{background:#e15554;color:#fff;font-weight:bold}
.attr-content{background:#cfe3f6}
.hedge{text-decoration:underline wavy #7b3fbf;text-decoration-skip-ink:none;color:#5a2a91}
.noise{color:#999;font-style:italic}
.hl{outline:2px solid #222;outline-offset:1px}
tr.hl{outline:none;background:#fff6c8}
.error{color:#b00020}
"#;

const SCRIPT: &str = r#"
document.addEventListener('mouseover',function(e){var t=e.target.closest('[data-attr]');
document.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl')});
if(t){document.querySelectorAll('[data-attr="'+t.dataset.attr+'"]').forEach(function(x){x.classList.add('hl')})}});
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes article text: like [`escape`] but keeps line breaks as they are.
fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// A highlighted span: where, its opening tag, and how it nests among equals.
struct Mark {
    range: Range,
    rank: u8,
    open: String,
}

fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut short: String = text.chars().take(limit).collect();
    short.push('…');
    short
}

fn marks(doc: &Resolved<'_>) -> Vec<Mark> {
    let mut marks = Vec::new();
    for range in &doc.noise {
        marks.push(Mark {
            range: *range,
            rank: 0,
            open: r#"<span class="noise" title="markup residue">"#.to_string(),
        });
    }
    for a in &doc.attributions {
        let at = a.attribution;
        let text =
            |r: Option<Range>| r.map_or("(none)".to_string(), |r| shorten(doc.view.slice(r), 160));
        let title = format!(
            "{} · {} · {} source\nsource: {}\ncue: {}\ncontent: {}",
            at.id,
            at.kind.as_str(),
            at.source_kind.as_str(),
            text(a.source),
            text(Some(a.cue)),
            text(a.content),
        );
        for (role, range, rank) in [
            ("content", a.content, 1),
            ("source", a.source, 2),
            ("cue", Some(a.cue), 3),
        ] {
            if let Some(range) = range {
                marks.push(Mark {
                    range,
                    rank,
                    open: format!(
                        r#"<span class="attr attr-{role}" data-attr="{}" title="{}">"#,
                        escape(&at.id),
                        escape(&format!("{role} of {title}"))
                    ),
                });
            }
        }
    }
    for (range, entity) in &doc.entities {
        let label = entity.label.as_str();
        marks.push(Mark {
            range: *range,
            rank: 4,
            open: format!(
                r#"<span class="ent ent-{label}" data-label="{label}" title="{label} {}">"#,
                escape(&entity.id)
            ),
        });
    }
    for (range, hedge) in &doc.hedges {
        let kind = hedge.kind.as_str();
        let within = hedge
            .attribution
            .as_deref()
            .map_or(String::new(), |a| format!(" in {a}"));
        marks.push(Mark {
            range: *range,
            rank: 5,
            open: format!(
                r#"<span class="hedge hedge-{kind}" title="{}">"#,
                escape(&format!("hedge {} ({kind}){within}", hedge.id))
            ),
        });
    }
    marks.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end), m.rank));
    marks
}

/// The article text with every mark as a nested `<span>`.
fn highlighted(doc: &Resolved<'_>) -> String {
    let marks = marks(doc);
    let text = doc.view.text;
    let mut out = String::with_capacity(text.len() * 2);
    let mut boundaries: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.range.byte_start, m.range.byte_end])
        .collect();
    boundaries.push(text.len());
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut stack: Vec<usize> = Vec::new();
    let mut next_mark = 0;
    let mut position = 0;
    for boundary in boundaries {
        escape_text(text.get(position..boundary).unwrap_or(""), &mut out);
        position = boundary;
        if let Some(lowest) = stack
            .iter()
            .position(|&m| marks[m].range.byte_end <= boundary)
        {
            let popped: Vec<usize> = stack.drain(lowest..).collect();
            for _ in &popped {
                out.push_str("</span>");
            }
            for m in popped {
                if marks[m].range.byte_end > boundary {
                    out.push_str(&marks[m].open);
                    stack.push(m);
                }
            }
        }
        while next_mark < marks.len() && marks[next_mark].range.byte_start <= boundary {
            out.push_str(&marks[next_mark].open);
            stack.push(next_mark);
            next_mark += 1;
        }
    }
    for _ in stack {
        out.push_str("</span>");
    }
    out
}

fn counts_row(out: &mut String, name: &str, counts: &std::collections::BTreeMap<String, usize>) {
    let list: Vec<String> = counts
        .iter()
        .map(|(k, v)| format!("{} {v}", escape(k)))
        .collect();
    let _ = write!(out, "<tr><th>{name}</th><td>{}</td></tr>", list.join(", "));
}

fn summary_table(summary: &Summary, entities: usize, hedges: usize) -> String {
    let mut out = String::from(r#"<table class="summary"><caption>Summary</caption>"#);
    let _ = write!(
        out,
        "<tr><th>sentences</th><td>{}</td></tr><tr><th>hedged sentences</th><td>{}</td></tr>\
         <tr><th>attributions</th><td>{}</td></tr><tr><th>named source share</th><td>{:.2}</td></tr>\
         <tr><th>entities</th><td>{entities}</td></tr><tr><th>hedges</th><td>{hedges}</td></tr>",
        summary.sentences,
        summary.hedged_sentences,
        summary.attributions,
        summary.named_source_share
    );
    counts_row(&mut out, "by source kind", &summary.by_source_kind);
    counts_row(&mut out, "by type", &summary.by_type);
    counts_row(&mut out, "entities by label", &summary.entities_by_label);
    counts_row(&mut out, "hedges by kind", &summary.hedges_by_kind);
    out.push_str("</table>");
    out
}

/// The page of one document; `index_href` links back to the run's index when there is one.
pub fn page(annotation: &Annotation, index_href: Option<&str>) -> String {
    let doc = Resolved::new(annotation);
    let id = escape(&annotation.id);
    let mut out = String::with_capacity(annotation.text.len() * 3 + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{id} · claimtag</title><style>{STYLE}</style></head><body>\n<header><h1>{id}</h1><div class=\"meta\">"
    );
    let mut meta = Vec::new();
    if let Some(source) = &annotation.source {
        meta.push(escape(source));
    }
    if let Some(href) = index_href {
        meta.push(format!(r#"<a href="{}">index</a>"#, escape(href)));
    }
    out.push_str(&meta.join(" · "));
    out.push_str(
        "</div></header>\n<div class=\"legend\"><span class=\"attr-source\">source</span>\
        <span class=\"attr-cue\">cue</span><span class=\"attr-content\">content</span>\
        <span class=\"ent\" data-label=\"LABEL\">entity</span><span class=\"hedge\">hedge</span>\
        <span class=\"noise\">noise</span></div>\n<main><article class=\"doc\">",
    );
    out.push_str(&highlighted(&doc));
    out.push_str("</article>\n<aside>");
    out.push_str(&summary_table(
        &annotation.summary,
        doc.entities.len(),
        doc.hedges.len(),
    ));
    out.push_str(r#"<table class="attributions"><caption>Attributions</caption><tr><th>id</th><th>type / source kind</th><th>source</th><th>cue</th><th>content</th></tr>"#);
    for a in &doc.attributions {
        let at = a.attribution;
        let text = |r: Option<Range>| {
            r.map_or("—".to_string(), |r| {
                escape(&shorten(doc.view.slice(r), 120))
            })
        };
        let continues = at
            .continues
            .as_deref()
            .map_or(String::new(), |c| format!(" (continues {})", escape(c)));
        let _ = write!(
            out,
            r#"<tr data-attr="{id}"><td>{id}{continues}</td><td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            at.kind.as_str(),
            at.source_kind.as_str(),
            text(a.source),
            text(Some(a.cue)),
            text(a.content),
            id = escape(&at.id),
        );
    }
    out.push_str(r#"</table><table class="hedges"><caption>Hedges</caption><tr><th>id</th><th>kind</th><th>text</th></tr>"#);
    for (range, hedge) in &doc.hedges {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&hedge.id),
            hedge.kind.as_str(),
            escape(doc.view.slice(*range))
        );
    }
    let _ = write!(
        out,
        "</table></aside></main>\n<script>{SCRIPT}</script>\n</body></html>\n"
    );
    out
}

/// One document's line in the index page.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    /// Link to the document's page, relative to the index.
    pub href: Option<String>,
    /// The document id.
    pub id: String,
    /// Its counts, or `None` for a document that could not be annotated.
    pub summary: Option<Summary>,
    /// Why it could not be annotated.
    pub error: Option<String>,
}

impl IndexEntry {
    /// The entry for an annotated document.
    pub fn of(annotation: &Annotation, href: String) -> IndexEntry {
        IndexEntry {
            href: Some(href),
            id: annotation.id.clone(),
            summary: Some(annotation.summary.clone()),
            error: None,
        }
    }
}

/// The index page of a run: one row per document, with its counts and a link to its page.
pub fn index(entries: &[IndexEntry]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>claimtag · {} documents</title>\
         <style>{STYLE}</style></head><body>\n<header><h1>claimtag run</h1><div class=\"meta\">{} documents</div></header>\n<main><table class=\"index\">\
         <tr><th>document</th><th>sentences</th><th>attributions</th><th>named source share</th><th>hedged sentences</th><th>entities</th></tr>",
        entries.len(),
        entries.len()
    );
    for entry in entries {
        let id = escape(&entry.id);
        let name = match &entry.href {
            Some(href) => format!(r#"<a href="{}">{id}</a>"#, escape(href)),
            None => id,
        };
        match (&entry.summary, &entry.error) {
            (Some(s), _) => {
                let entities: usize = s.entities_by_label.values().sum();
                let _ = write!(
                    out,
                    "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{entities}</td></tr>",
                    s.sentences, s.attributions, s.named_source_share, s.hedged_sentences
                );
            }
            (None, error) => {
                let _ = write!(
                    out,
                    r#"<tr><td>{name}</td><td class="error" colspan="5">{}</td></tr>"#,
                    escape(error.as_deref().unwrap_or("not annotated"))
                );
            }
        }
    }
    out.push_str("</table></main></body></html>\n");
    out
}
