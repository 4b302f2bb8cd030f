//! Compact JSON, written on as serde_json's pretty printer writes it (two-space
//! indents, `"key": value`, empty arrays and objects as `[]` and `{}`), byte by byte:
//! so that a streamed document can be indented for a terminal without being held.

use std::io::{self, Write};

/// Writes the compact JSON it is given to `out`, indented.
#[derive(Debug)]
pub struct Pretty<W: Write> {
    out: W,
    depth: usize,
    in_string: bool,
    escape: bool,
    /// An opening bracket not yet followed by anything.
    open: Option<u8>,
    buf: Vec<u8>,
}

impl<W: Write> Pretty<W> {
    pub fn new(out: W) -> Pretty<W> {
        Pretty {
            out,
            depth: 0,
            in_string: false,
            escape: false,
            open: None,
            buf: Vec::with_capacity(1 << 16),
        }
    }

    fn newline(&mut self) {
        self.buf.push(b'\n');
        self.buf.extend(std::iter::repeat_n(b' ', 2 * self.depth));
    }
}

impl<W: Write> Write for Pretty<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        for &c in bytes {
            if self.in_string {
                self.buf.push(c);
                if self.escape {
                    self.escape = false;
                } else if c == b'\\' {
                    self.escape = true;
                } else if c == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            if let Some(open) = self.open.take() {
                if (open, c) == (b'{', b'}') || (open, c) == (b'[', b']') {
                    self.buf.push(c);
                    continue;
                }
                self.depth += 1;
                self.newline();
            }
            match c {
                b'{' | b'[' => {
                    self.buf.push(c);
                    self.open = Some(c);
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.newline();
                    self.buf.push(c);
                }
                b',' => {
                    self.buf.push(b',');
                    self.newline();
                }
                b':' => self.buf.extend_from_slice(b": "),
                b'"' => {
                    self.in_string = true;
                    self.buf.push(c);
                }
                _ => self.buf.push(c),
            }
        }
        if self.buf.len() >= 1 << 16 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_serde_json_pretty() {
        let value = serde_json::json!({
            "a": [], "b": {}, "c": [1, {"d": "x\"y\\\\", "e": [[], [{}]]}],
            "f:": "{[,:]}", "g": null, "h": -1.5e10, "i": "\u{e9}\n"
        });
        let mut out = Pretty::new(Vec::new());
        serde_json::to_writer(&mut out, &value).unwrap();
        out.write_all(b"\n").unwrap();
        out.flush().unwrap();
        let mut expected = serde_json::to_vec_pretty(&value).unwrap();
        expected.push(b'\n');
        assert_eq!(
            String::from_utf8(out.out).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
