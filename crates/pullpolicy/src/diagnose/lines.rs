//! The paste as lines, with the capture tool's artefacts taken off (PF §1.1.6): line
//! breaks (`\n`, `\r\n`, a lone `\r`), k9s' box (`│ ` … ` │`, border lines), Markdown
//! code fences. Each line keeps its byte offset in the text, so every position the
//! diagnosis reports points into what the user pasted.

/// One line of the paste.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'t> {
    /// The line's content, artefacts and line break removed.
    pub text: &'t str,
    /// The byte offset of `text` in the whole input.
    pub start: usize,
    /// The line was inside a k9s box.
    pub boxed: bool,
}

impl<'t> Line<'t> {
    /// The byte offset just past `text`.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Nothing but blanks.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Leading blanks (spaces and tabs), in bytes.
    pub fn indent(&self) -> usize {
        self.text
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count()
    }

    /// The byte range of a sub-slice of `text` in the whole input.
    pub fn span_of(&self, part: &str) -> (usize, usize) {
        let base = self.text.as_ptr() as usize;
        let at = (part.as_ptr() as usize)
            .saturating_sub(base)
            .min(self.text.len());
        (
            self.start + at,
            self.start + at + part.len().min(self.text.len() - at),
        )
    }
}

/// The lines of `text`, in order. Linear in the text.
pub(crate) fn split(text: &str) -> Vec<Line<'_>> {
    iter(text).collect()
}

/// The lines of `text`, one at a time (what [`split`] collects).
pub(crate) fn iter(text: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = text.is_empty();
    // The first `\r` at or after `start` (the text's length: none): a line ends at
    // the first `\n` before it, found by `str::find` (memchr), or at it.
    let find_cr = |from: usize| text[from..].find('\r').map_or(text.len(), |k| from + k);
    let mut cr = find_cr(0);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if cr < start {
            cr = find_cr(start);
        }
        let i = text[start..cr].find('\n').map_or(cr, |k| start + k);
        let line = clean(&text[start..i], start);
        if i == bytes.len() {
            done = true;
            return Some(line);
        }
        // `\r\n` is one break.
        let mut next = i + 1;
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            next += 1;
        }
        start = next;
        if next == bytes.len() {
            done = true;
        }
        Some(line)
    })
}

/// k9s' vertical bar.
const BAR: char = '│';

/// Takes one line's artefacts off.
fn clean(raw: &str, start: usize) -> Line<'_> {
    // Most lines start (after ASCII blanks) with an ASCII character other than a
    // backtick: no fence, box or border (their characters are a backtick or not ASCII).
    let plain = raw
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | 0x0b | 0x0c))
        .is_none_or(|b| b.is_ascii() && b != b'`');
    if plain {
        return Line {
            text: raw,
            start,
            boxed: false,
        };
    }
    // A Markdown code fence separates pieces.
    if raw.trim_start().starts_with("```") {
        return Line {
            text: &raw[raw.len()..],
            start: start + raw.len(),
            boxed: false,
        };
    }
    // k9s: `│ content │`, and border lines made only of box-drawing characters.
    let trimmed = raw.trim_start();
    if trimmed.starts_with(BAR) {
        let lead = raw.len() - trimmed.len() + BAR.len_utf8();
        let mut body = &raw[lead..];
        body = body.strip_prefix(' ').unwrap_or(body);
        let tail = body.trim_end();
        let content = match tail.strip_suffix(BAR) {
            Some(inner) => inner.strip_suffix(' ').unwrap_or(inner),
            None => body,
        };
        let offset = content.as_ptr() as usize - raw.as_ptr() as usize;
        return Line {
            text: content,
            start: start + offset,
            boxed: true,
        };
    }
    // Border lines: box-drawing characters only, or a corner starting a titled border
    // (`┌── Describe(ns/pod) ──┐`).
    if !trimmed.is_empty()
        && (trimmed.chars().all(is_box_drawing) || trimmed.starts_with(['┌', '└', '├', '╭', '╰']))
    {
        return Line {
            text: &raw[raw.len()..],
            start: start + raw.len(),
            boxed: true,
        };
    }
    Line {
        text: raw,
        start,
        boxed: false,
    }
}

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c) || c.is_whitespace()
}

/// The whitespace-separated tokens of `s` with their byte offsets in `s`.
pub(crate) fn tokens(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let skipped = rest.len() - rest.trim_start().len();
        offset += skipped;
        rest = &rest[skipped..];
        if rest.is_empty() {
            return None;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..len];
        let at = offset;
        offset += len;
        rest = &rest[len..];
        Some((at, token))
    })
}

/// The byte offset of character column `col` in `s` (its length past the end).
pub(crate) fn byte_at_col(s: &str, col: usize) -> usize {
    if s.is_ascii() {
        return col.min(s.len());
    }
    s.char_indices().nth(col).map_or(s.len(), |(b, _)| b)
}

/// The character column of byte offset `byte` in `s`.
pub(crate) fn col_of(s: &str, byte: usize) -> usize {
    let byte = byte.min(s.len());
    if s.is_ascii() {
        return byte;
    }
    s.char_indices().take_while(|(b, _)| *b < byte).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_offsets() {
        let text = "a\r\nbb\rc\n\nd";
        let lines = split(text);
        let got: Vec<_> = lines.iter().map(|l| (l.text, l.start)).collect();
        assert_eq!(got, [("a", 0), ("bb", 3), ("c", 6), ("", 8), ("d", 9)]);
        assert!(split("").is_empty());
        assert_eq!(split("x\n").len(), 1);
    }

    #[test]
    fn k9s_boxes_are_stripped() {
        let text = "┌──┐\n│ Normal  Pulling │\n│ ack image │\n└──┘\n";
        let lines = split(text);
        assert_eq!(lines[0].text, "");
        assert_eq!(lines[1].text, "Normal  Pulling");
        assert!(lines[1].boxed);
        assert_eq!(&text[lines[1].start..lines[1].end()], "Normal  Pulling");
        assert_eq!(lines[2].text, "ack image");
    }

    #[test]
    fn fences_are_separators() {
        let lines = split("```\nName:  x\n```yaml\n");
        assert_eq!(lines[0].text, "");
        assert_eq!(lines[1].text, "Name:  x");
        assert_eq!(lines[2].text, "");
    }

    #[test]
    fn token_offsets() {
        let t: Vec<_> = tokens("  a bb\tc ").collect();
        assert_eq!(t, [(2, "a"), (4, "bb"), (7, "c")]);
        assert_eq!(byte_at_col("éab", 1), 2);
        assert_eq!(col_of("éab", 2), 1);
    }
}
