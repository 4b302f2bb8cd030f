//! A length-prefixed record of fields, for messages between the playground and its
//! analysis worker: each field is its length in bytes (decimal), `:`, then the bytes.
//! Nothing in a field is read as a delimiter, so any text, U+001E, U+001F and markup
//! included, decodes to exactly what was encoded (a property test and the
//! `worker_format` fuzz target check it). [`SafeHtml`] crosses as a field of its own and
//! only this module turns it back into markup.

use crate::html::SafeHtml;

/// A record being written.
#[derive(Debug, Default)]
pub struct Writer {
    buf: String,
}

impl Writer {
    /// An empty record, with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            buf: String::with_capacity(capacity),
        }
    }

    /// Appends a text field.
    pub fn str(&mut self, s: &str) -> &mut Self {
        crate::html::push_decimal(s.len() as u64, &mut self.buf);
        self.buf.push(':');
        self.buf.push_str(s);
        self
    }

    /// Appends a number.
    pub fn num(&mut self, n: u64) -> &mut Self {
        let mut digits = String::new();
        crate::html::push_decimal(n, &mut digits);
        self.str(&digits)
    }

    /// Appends a flag.
    pub fn flag(&mut self, b: bool) -> &mut Self {
        self.str(if b { "1" } else { "0" })
    }

    /// Appends markup.
    pub fn html(&mut self, h: &SafeHtml) -> &mut Self {
        self.str(h.as_str())
    }

    /// The record.
    pub fn finish(self) -> String {
        self.buf
    }
}

/// A record being read; every method gives `None` once the record does not hold what
/// is asked for (and the reader is then of no further use).
#[derive(Debug)]
pub struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// Reads `record`.
    pub fn new(record: &'a str) -> Reader<'a> {
        Reader { rest: record }
    }

    /// The next text field.
    pub fn str(&mut self) -> Option<&'a str> {
        let head = &self.rest.as_bytes()[..self.rest.len().min(21)];
        let colon = head.iter().position(|&b| b == b':')?;
        let digits = &self.rest[..colon];
        // Only what `Writer::str` writes: digits, no leading zero.
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
        {
            return None;
        }
        let len: usize = digits.parse().ok()?;
        let body = self.rest.get(colon + 1..)?;
        let field = body.get(..len)?;
        self.rest = body.get(len..)?;
        Some(field)
    }

    /// The next number.
    pub fn num(&mut self) -> Option<u64> {
        let s = self.str()?;
        // Only what `Writer::num` writes: no sign, no leading zeros.
        if s.starts_with('+') || (s.len() > 1 && s.starts_with('0')) {
            return None;
        }
        s.parse().ok()
    }

    /// The next flag.
    pub fn flag(&mut self) -> Option<bool> {
        match self.str()? {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    }

    /// The next markup field.
    pub fn html(&mut self) -> Option<SafeHtml> {
        self.str().map(SafeHtml::from_wire)
    }

    /// Whether every field was read.
    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone, PartialEq)]
    enum Field {
        Str(String),
        Num(u64),
        Flag(bool),
    }

    fn field() -> impl Strategy<Value = Field> {
        prop_oneof![
            any::<String>().prop_map(Field::Str),
            // Delimiter-like and markup-like text, more often than `any` finds it.
            "[\\u{1e}\\u{1f}\\u{2028}\\u{0}:0-9<>\"'&`a-z]{0,12}".prop_map(Field::Str),
            any::<u64>().prop_map(Field::Num),
            any::<bool>().prop_map(Field::Flag),
        ]
    }

    fn write(fields: &[Field]) -> String {
        let mut w = Writer::with_capacity(16);
        for f in fields {
            match f {
                Field::Str(s) => w.str(s),
                Field::Num(n) => w.num(*n),
                Field::Flag(b) => w.flag(*b),
            };
        }
        w.finish()
    }

    fn read(record: &str, like: &[Field]) -> Option<Vec<Field>> {
        let mut r = Reader::new(record);
        let mut out = Vec::new();
        for f in like {
            out.push(match f {
                Field::Str(_) => Field::Str(r.str()?.to_owned()),
                Field::Num(_) => Field::Num(r.num()?),
                Field::Flag(_) => Field::Flag(r.flag()?),
            });
        }
        r.is_done().then_some(out)
    }

    proptest! {
        #[test]
        fn decodes_to_exactly_what_was_encoded(fields in prop::collection::vec(field(), 0..8)) {
            prop_assert_eq!(read(&write(&fields), &fields), Some(fields));
        }

        #[test]
        fn any_text_is_read_without_panicking(s in any::<String>()) {
            let mut r = Reader::new(&s);
            while r.str().is_some() {}
            let mut r = Reader::new(&s);
            let _ = (r.num(), r.flag(), r.html(), r.is_done());
        }
    }

    #[test]
    fn markup_crosses_as_it_was() {
        let mut h = crate::html::Html::new();
        h.raw("<p>").text("\u{1f}<b>\u{1e}").raw("</p>");
        let h = h.finish();
        let mut w = Writer::with_capacity(0);
        w.str("a\u{1f}b").html(&h).num(0).flag(true);
        let record = w.finish();
        assert_eq!(
            record,
            format!("3:a\u{1f}b{}:{}1:01:1", h.as_str().len(), h.as_str())
        );
        let mut r = Reader::new(&record);
        assert_eq!(r.str(), Some("a\u{1f}b"));
        assert_eq!(r.html(), Some(h));
        assert_eq!(
            (r.num(), r.flag(), r.is_done()),
            (Some(0), Some(true), true)
        );
    }

    #[test]
    fn damaged_records_are_refused() {
        for bad in [
            "",
            "x",
            "3:ab",
            "-1:a",
            "1a",
            "01:a",
            ":a",
            "3:é",
            "99999999999999999999999:a",
        ] {
            let mut r = Reader::new(bad);
            assert_eq!(r.str(), None, "{bad:?}");
        }
        assert_eq!(Reader::new("2:01").num(), None);
        assert_eq!(Reader::new("1:2").flag(), None);
    }
}
