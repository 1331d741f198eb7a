//! List items: bullets, item markers (`1.`, `2.)`, `b)`, `Figure 3.`) and inline lists.
//!
//! A list item is a sentence of its own even without final punctuation, and the period of
//! its marker is not a sentence end. An inline list (`1) The first item 2) The second item`)
//! has no punctuation between items at all, so its boundaries come from the numbering: an
//! item marker found at the start of a paragraph is followed, marker by marker, by the next
//! number or letter of the same style.

use memchr::memmem;

use super::words::Words;

/// Characters that open a list item wherever they stand after a space.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '‣' | '◦' | '▪' | '●' | '■')
}

/// Whether `content` (the text of a sentence before its first period) is only an item
/// marker: a number (`2`, `2.1`), a letter, a roman numeral or a label with a number
/// (`Figure 3`), possibly behind bullets or an opening parenthesis.
pub(crate) fn is_marker_content(content: &str, words: &Words) -> bool {
    let marker = content.trim_start_matches(|c: char| {
        c.is_whitespace() || is_bullet(c) || matches!(c, '-' | '*' | '(')
    });
    if marker.is_empty() || marker.len() > 24 {
        return false;
    }
    if is_number(marker) {
        return true;
    }
    let mut chars = marker.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if marker.len() <= 4 && marker.bytes().all(|b| b"ivxIVX".contains(&b)) {
        let lower = marker.bytes().all(|b| b.is_ascii_lowercase());
        let upper = marker.bytes().all(|b| b.is_ascii_uppercase());
        return lower || upper;
    }
    match marker.rsplit_once(' ') {
        Some((label, number)) => {
            let label = label.trim_end_matches('.');
            words.list_labels.contains(label.as_bytes()) && is_number(number)
        }
        None => false,
    }
}

/// `12`, `2.1`, `3.4.1`: digits, with dots between groups.
fn is_number(s: &str) -> bool {
    s.len() <= 8
        && s.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !s.ends_with('.')
        && !s.contains("..")
}

/// Whether the line starting at `pos` opens with a list item marker: a bullet, `-`/`*`
/// and a space, or a number or letter closed by `.` or `)` and a space.
pub(crate) fn line_starts_item(text: &str, pos: usize) -> bool {
    let rest = &text.as_bytes()[pos..];
    if let Some(c) = text[pos..].chars().next()
        && is_bullet(c)
    {
        return true;
    }
    if rest.len() >= 2 && matches!(rest[0], b'-' | b'*') && rest[1] == b' ' {
        return true;
    }
    parse_marker(rest).is_some()
}

/// The style of an item marker, so that the next marker of the same list can be searched.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Marker {
    /// The number, or the letter's code for a lower-case letter list.
    value: u32,
    /// Lower-case letters (`a.`) rather than numbers (`1.`).
    letter: bool,
    /// What closes the marker: `.`, `)` or `.)`.
    close: &'static [u8],
}

/// An item marker at the start of `bytes`, followed by a space.
fn parse_marker(bytes: &[u8]) -> Option<Marker> {
    let digits = bytes
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let (value, letter, rest) = if (1..=3).contains(&digits) {
        let value = bytes[..digits]
            .iter()
            .fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
        (value, false, &bytes[digits..])
    } else if digits == 0 && bytes.first().is_some_and(u8::is_ascii_lowercase) {
        (u32::from(bytes[0]), true, &bytes[1..])
    } else {
        return None;
    };
    let close: &'static [u8] = [&b".)"[..], b")", b"."]
        .into_iter()
        .find(|c| rest.starts_with(c))?;
    (rest.get(close.len()) == Some(&b' ')).then_some(Marker {
        value,
        letter,
        close,
    })
}

/// Positions where the items of an inline list start, for a paragraph `bytes[start..end]`
/// that opens with an item marker: each is the next marker of the same style after a space.
/// Every search resumes where the last one stopped, so the cost is one pass at most.
pub(crate) fn inline_item_starts(bytes: &[u8], start: usize, end: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let Some(mut marker) = parse_marker(&bytes[start..end]) else {
        return starts;
    };
    let mut pos = start + 1;
    let mut needle = Vec::with_capacity(8);
    loop {
        marker.value += 1;
        if marker.letter && marker.value > u32::from(b'z') {
            break;
        }
        needle.clear();
        needle.push(b' ');
        if marker.letter {
            needle.push(marker.value as u8);
        } else {
            needle.extend_from_slice(marker.value.to_string().as_bytes());
        }
        needle.extend_from_slice(marker.close);
        needle.push(b' ');
        match memmem::find(&bytes[pos..end], &needle) {
            Some(found) => {
                let item = pos + found + 1;
                starts.push(item);
                pos = item + 1;
            }
            None => break,
        }
    }
    starts
}
