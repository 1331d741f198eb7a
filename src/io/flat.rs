//! A quicker parse of the common JSONL line: one object whose values are strings, numbers,
//! booleans or null (`{"id": ..., "url": ..., "text": ...}`).
//!
//! serde_json parses a string into a scratch buffer and copies it again into its `String`,
//! and goes through its generic visitor for every value; the text of a news article is
//! most of a line, so that is most of the reading cost. Here each string is unescaped
//! straight into its `String` and the entries are inserted in order into the same
//! [`Map`] serde_json builds (so duplicate keys keep the first position and the last
//! value, as there). Anything else (nesting, a malformed line, an escape that needs
//! judgement such as a lone surrogate) is left to serde_json by returning `None`, so
//! errors and every unusual case keep serde_json's behaviour and messages.

use serde_json::{Map, Value};

use crate::text_scan::next_escape;

/// The object on `line`, when it is flat and well-formed; `None` means "ask serde_json".
pub(crate) fn parse_flat_object(line: &str) -> Option<Map<String, Value>> {
    let mut cursor = Cursor { line, at: 0 };
    let mut map = Map::new();
    cursor.skip_whitespace();
    cursor.expect(b'{')?;
    cursor.skip_whitespace();
    if cursor.eat(b'}') {
        return cursor.at_end().then_some(map);
    }
    loop {
        cursor.skip_whitespace();
        let key = cursor.string()?;
        cursor.skip_whitespace();
        cursor.expect(b':')?;
        cursor.skip_whitespace();
        let value = cursor.value()?;
        map.insert(key, value);
        cursor.skip_whitespace();
        if cursor.eat(b'}') {
            return cursor.at_end().then_some(map);
        }
        cursor.expect(b',')?;
    }
}

struct Cursor<'a> {
    line: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// JSON's whitespace, as serde_json skips it.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Only whitespace is left.
    fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.at == self.line.len()
    }

    /// A scalar value; objects and arrays are left to serde_json (its nesting limit
    /// counts from the top of the line).
    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(Value::String),
            b'{' | b'[' => None,
            _ => {
                let rest = &self.line[self.at..];
                let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
                let value = values.next()?.ok()?;
                self.at += values.byte_offset();
                Some(value)
            }
        }
    }

    /// A string, unescaped. Runs between escapes are copied whole; they start and end
    /// at ASCII bytes, so on char boundaries.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let bytes = self.line.as_bytes();
        let mut special = next_escape(bytes, self.at)?;
        if bytes[special] == b'"' {
            let out = self.line[self.at..special].to_string();
            self.at = special + 1;
            return Some(out);
        }
        // Unescaping only shrinks, so the rest of the line is room enough: the string grows
        // without reallocating, and gives back what it did not use if that is much.
        let mut out = String::with_capacity(self.line.len() - self.at);
        loop {
            out.push_str(&self.line[self.at..special]);
            self.at = special + 1;
            match bytes[special] {
                b'"' => {
                    if out.capacity() > 2 * out.len() + 64 {
                        out.shrink_to_fit();
                    }
                    return Some(out);
                }
                b'\\' => {
                    let escaped = *bytes.get(self.at)?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                // A raw control byte, which JSON does not allow in a string.
                _ => return None,
            }
            special = next_escape(bytes, self.at)?;
        }
    }

    /// The char of `\uXXXX` (after the `\u`), with a surrogate pair taken as one char.
    fn unicode_escape(&mut self) -> Option<char> {
        let unit = self.hex4()?;
        match unit {
            0xD800..=0xDBFF => {
                self.expect(b'\\')?;
                self.expect(b'u')?;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return None;
                }
                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            _ => char::from_u32(unit),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.line.get(self.at..self.at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_json makes of `line`, when it is an object.
    fn serde_object(line: &str) -> Option<Map<String, Value>> {
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        }
    }

    #[test]
    fn flat_objects_parse_as_serde_json_parses_them() {
        let lines = [
            r#"{"id": "a", "url": "u", "date": "2026", "text": "One.\nTwo \"x\" \\ \/ \b\f\r\t \u00e9\u20AC \ud83d\ude00 é😀"}"#,
            r#"  {"text":"t","id":7,"n":-1.5e3,"b":true,"f":false,"z":null}  "#,
            r#"{"a":"1","b":"2","a":"3"}"#,
            "{}",
            " { } ",
            r#"{"":""}"#,
            r#"{"k" : "v" , "m":12}"#,
            r#"{"n":12345678901234567890123}"#,
        ];
        for line in lines {
            let ours = parse_flat_object(line);
            assert!(ours.is_some(), "{line}");
            let ours = serde_json::to_string(&ours).unwrap();
            let theirs = serde_json::to_string(&serde_object(line)).unwrap();
            assert_eq!(ours, theirs, "{line}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde_json() {
        let lines = [
            r#"{"a":{"b":1}}"#,
            r#"{"a":[1]}"#,
            r#"{"a":"\ud83d"}"#,
            r#"{"a":"\ude00"}"#,
            r#"{"a":"\ud83d\u0041"}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":"\u12"}"#,
            "{\"a\":\"tab\there\"}",
            r#"{"a":"1",}"#,
            r#"{"a":"1"} x"#,
            r#"{"a" "1"}"#,
            r#"{"a":tru}"#,
            r#"{"a":1x}"#,
            r#"{"n":1e400}"#,
            r#"{"a":"1""#,
            r#"["a"]"#,
            r#""a""#,
            "",
            "{",
        ];
        for line in lines {
            assert_eq!(parse_flat_object(line), None, "{line}");
        }
    }
}
