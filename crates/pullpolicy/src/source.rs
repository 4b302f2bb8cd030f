//! Positions in the user's text: 1-based line and column, and UTF-16 offsets for
//! browser editors (JavaScript strings count UTF-16 code units).

use serde::Serialize;

/// A place in the source text.
///
/// `line` and `column` are 1-based and count Unicode scalar values (what a terminal
/// shows); `offset16` and `end16` are 0-based UTF-16 code-unit offsets from the start
/// of the text (what `textarea.setSelectionRange` takes), `end16` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// UTF-16 offset of the first character.
    pub offset16: u32,
    /// UTF-16 offset just past the last character.
    pub end16: u32,
}

/// A character position as the YAML reader reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Mark {
    /// Character (Unicode scalar) index from the start of the text.
    pub index: usize,
    /// 1-based line.
    pub line: usize,
    /// 0-based column, in characters.
    pub col: usize,
}

/// Turns character indices into positions. Lines and columns are computed here from the
/// text itself (line breaks `\n`, `\r\n` and a lone `\r`, as YAML has them), not taken
/// from the YAML reader, so every position is consistent with its offset and lies
/// inside the text (the reader's own line counting differs around byte order marks and
/// at the end of a text without a final line break).
#[derive(Debug)]
pub(crate) struct SourceMap<'t> {
    chars: CharIndex<'t>,
    /// Indices of the characters outside the Basic Multilingual Plane (two UTF-16 units).
    astral: Vec<usize>,
    /// The character index at which each line starts (line 1 at 0).
    line_starts: Vec<usize>,
    /// The length of the text in characters.
    len: usize,
}

impl<'t> SourceMap<'t> {
    /// One pass over the bytes (a character starts at every byte that is not a UTF-8
    /// continuation byte; four-byte sequences are the astral characters), eight at a
    /// time where they are ASCII without a line break.
    pub fn new(text: &'t str) -> SourceMap<'t> {
        const STEP: usize = CharIndex::STEP;
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let mut line_starts = vec![0];
        let mut astral = Vec::new();
        let mut checkpoints = Vec::new();
        // Characters before byte `i`.
        let mut index = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(word) = bytes[i..].first_chunk::<8>()
                && plain_word(word)
            {
                let step = index.next_multiple_of(STEP);
                if !ascii && step < index + 8 {
                    checkpoints.push(i + step - index);
                }
                (index, i) = (index + 8, i + 8);
                continue;
            }
            let b = bytes[i];
            i += 1;
            if is_continuation(b) {
                continue;
            }
            if !ascii && index.is_multiple_of(STEP) {
                checkpoints.push(i - 1);
            }
            if b >= 0xF0 {
                astral.push(index);
            }
            index += 1;
            if b == b'\n' || (b == b'\r' && bytes.get(i) != Some(&b'\n')) {
                line_starts.push(index);
            }
        }
        SourceMap {
            chars: CharIndex { text, checkpoints },
            astral,
            line_starts,
            len: index,
        }
    }

    /// Where the mapped text ends, when it starts at `at` of a longer text (a piece of
    /// a long stream, mapped alone): the place the next piece starts from.
    pub fn end_from(&self, at: At) -> At {
        let lines = self.line_starts.len() - 1;
        At {
            byte: at.byte + self.chars.text.len(),
            chars: at.chars + self.len,
            line: at.line + lines,
            line_start: match self.line_starts.last() {
                Some(&start) if lines > 0 => at.chars + start,
                _ => at.line_start,
            },
            astral: at.astral + self.astral.len(),
        }
    }

    /// For byte offset `byte` (a character boundary): the characters and line breaks
    /// before it.
    pub fn before(&self, byte: usize) -> (usize, usize) {
        let index = self.chars.char_of(byte);
        let line = self.line_starts.partition_point(|&s| s <= index);
        (index, line.saturating_sub(1))
    }

    /// The UTF-16 offset of the character at `index`.
    pub fn offset16(&self, index: usize) -> u32 {
        let before = self.astral.partition_point(|&i| i < index);
        saturate(index + before)
    }

    /// The position of a node that starts at `start` and ends at `end`, clamped to the
    /// text.
    pub fn position(&self, start: Mark, end: Mark) -> Position {
        let from = start.index.min(self.len);
        let to = self
            .quoted_end(from)
            .unwrap_or(end.index)
            .clamp(from, self.len);
        let line = self.line_starts.partition_point(|&s| s <= from);
        let column = from - self.line_starts[line - 1] + 1;
        Position {
            line: saturate(line),
            column: saturate(column),
            offset16: self.offset16(from),
            end16: self.offset16(to),
        }
    }
}

impl SourceMap<'_> {
    /// The mark of byte offset `byte` (a character boundary; clamped to the text):
    /// for the reader's positions (`crate::read`), which are byte offsets.
    #[cfg_attr(not(test), allow(dead_code))] // Used once `explain` reads with `read`.
    pub fn mark_at_byte(&self, byte: usize) -> Mark {
        let byte = byte.min(self.chars.text.len());
        let index = self.chars.char_of(byte);
        let line = self.line_starts.partition_point(|&s| s <= index);
        Mark {
            index,
            line,
            col: index - self.line_starts[line - 1],
        }
    }

    /// The position of the byte range `start..end` (the reader's node spans).
    #[cfg_attr(not(test), allow(dead_code))] // Used once `explain` reads with `read`.
    pub fn position_of_bytes(&self, start: usize, end: usize) -> Position {
        let from = self.mark_at_byte(start);
        let to = self.mark_at_byte(end.max(start));
        Position {
            line: saturate(from.line),
            column: saturate(from.col + 1),
            offset16: self.offset16(from.index),
            end16: self.offset16(to.index),
        }
    }

    /// For a quoted scalar starting at `from`: the index just past its closing quote.
    /// (The YAML reader's span of a quoted scalar runs on over trailing blanks and a
    /// comment.) Escapes are honoured: `\\"` in double quotes, `''` in single quotes.
    fn quoted_end(&self, from: usize) -> Option<usize> {
        let byte = self.chars.byte_of(from);
        let len = quoted_len(&self.chars.text[byte..])?;
        Some(self.chars.char_of(byte + len))
    }
}

/// For text starting with a quoted scalar: its length in bytes, closing quote included
/// (`None` when it does not start with a quote or the quote is not closed). Escapes are
/// honoured: `\"` in double quotes, `''` in single quotes.
pub(crate) fn quoted_len(rest: &str) -> Option<usize> {
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let mut chars = rest.char_indices().skip(1);
    while let Some((b, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && rest[b + 1..].starts_with('\'') {
                    chars.next();
                    continue;
                }
                return Some(b + 1);
            }
            _ => {}
        }
    }
    None
}

/// Character index ⇄ byte offset, in constant time for ASCII text and from a checkpoint
/// every [`CharIndex::STEP`] characters otherwise, so that recovering from many syntax
/// errors stays linear.
#[derive(Debug)]
pub(crate) struct CharIndex<'t> {
    pub text: &'t str,
    /// The byte offset of every STEP-th character; empty for ASCII text.
    checkpoints: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    const STEP: usize = 1024;

    /// The byte offset of character `index` (the text's length past its end).
    pub fn byte_of(&self, index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return index.min(self.text.len());
        }
        let Some(&from) = self.checkpoints.get(index / Self::STEP) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(index % Self::STEP)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// The character index of byte offset `byte` (a character boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        k * Self::STEP + self.text[self.checkpoints[k]..byte].chars().count()
    }
}

/// Where a text stands at a character boundary, counted from its start in one byte
/// pass ([`At::walk`]): what the diagnosis's sparse positions and the List items'
/// positions are made of, counted as [`SourceMap`] counts (line breaks `\n`, `\r\n` and
/// a lone `\r`; a character outside the BMP is two UTF-16 units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    pub byte: usize,
    /// Characters before it.
    pub chars: usize,
    /// Its 1-based line.
    pub line: usize,
    /// The character index its line starts at.
    pub line_start: usize,
    /// Characters outside the BMP before it (two UTF-16 units each).
    pub astral: usize,
}

impl At {
    /// The text's start.
    pub(crate) const START: At = At {
        byte: 0,
        chars: 0,
        line: 1,
        line_start: 0,
        astral: 0,
    };

    /// Moved forward to byte `to` of `text` (or just past it, to the next character
    /// boundary), eight ASCII bytes of one line at a time.
    pub(crate) fn walk(mut self, text: &str, to: usize) -> At {
        let b = text.as_bytes();
        while self.byte < to && self.byte < b.len() {
            if let Some(word) = b[self.byte..to.min(b.len())].first_chunk::<8>()
                && plain_word(word)
            {
                // Eight ASCII characters of one line.
                (self.byte, self.chars) = (self.byte + 8, self.chars + 8);
                continue;
            }
            let c = b[self.byte];
            self.byte += 1;
            if is_continuation(c) {
                // A continuation byte: not a character.
                continue;
            }
            self.chars += 1;
            if c >= 0xF0 {
                self.astral += 1;
            }
            if c == b'\n' || (c == b'\r' && b.get(self.byte) != Some(&b'\n')) {
                self.line += 1;
                self.line_start = self.chars;
            }
        }
        // Finish a character cut at `to`.
        while self.byte < b.len() && is_continuation(b[self.byte]) {
            self.byte += 1;
        }
        self
    }

    /// Its 1-based column, in characters.
    pub(crate) fn column(&self) -> usize {
        self.chars - self.line_start + 1
    }

    /// Its offset in UTF-16 code units.
    pub(crate) fn offset16(&self) -> usize {
        self.chars + self.astral
    }

    /// Moves `p`, a position in a text that starts here (at the start of a line), to
    /// the whole text's (an unset position, line 0, stays).
    pub(crate) fn moved(&self, p: &mut Position) {
        debug_assert_eq!(self.chars, self.line_start, "not the start of a line");
        if p.line == 0 {
            return;
        }
        let offset16 = saturate(self.offset16());
        p.line = p.line.saturating_add(saturate(self.line - 1));
        p.offset16 = p.offset16.saturating_add(offset16);
        p.end16 = p.end16.saturating_add(offset16);
    }
}

/// A UTF-8 continuation byte (`10xxxxxx`): not the start of a character.
pub(crate) fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Eight bytes that are ASCII and neither `\n` nor `\r`: eight characters of one line.
pub(crate) fn plain_word(word: &[u8; 8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    u64::from_le_bytes(*word) & HIGH == 0 && breakless(word)
}

/// Eight bytes without `\n` or `\r`.
fn breakless(word: &[u8; 8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A zero byte in `x` (exact as a yes or no: Mycroft's test).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let w = u64::from_le_bytes(*word);
    !has_zero(w ^ (ONES * u64::from(b'\n'))) && !has_zero(w ^ (ONES * u64::from(b'\r')))
}

/// A count as a position field: `u32::MAX` past it.
pub(crate) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(index: usize) -> Mark {
        Mark {
            index,
            line: 0,
            col: 0,
        }
    }

    #[test]
    fn ascii_offsets_are_indices() {
        let map = SourceMap::new("image: nginx");
        assert_eq!(map.offset16(7), 7);
    }

    #[test]
    fn astral_characters_count_twice() {
        // "🐳" is one char, two UTF-16 units; "é" is one of each.
        let map = SourceMap::new("é🐳x🐳y");
        assert_eq!(map.offset16(0), 0);
        assert_eq!(map.offset16(1), 1);
        assert_eq!(map.offset16(2), 3);
        assert_eq!(map.offset16(3), 4);
        assert_eq!(map.offset16(4), 6);
        let pos = map.position(mark(2), mark(4));
        assert_eq!((pos.column, pos.offset16, pos.end16), (3, 3, 6));
    }

    #[test]
    fn quoted_spans_end_at_the_closing_quote() {
        let text = "a: \"x\\\"y\" # c\nb: 'it''s' # it's\n";
        let map = SourceMap::new(text);
        // `"x\"y"` is characters 3..9; `'it''s'` on the next line is 17..24.
        let p = map.position(mark(3), mark(14));
        assert_eq!((p.offset16, p.end16), (3, 9));
        let p = map.position(mark(17), mark(33));
        assert_eq!((p.offset16, p.end16), (17, 24));
    }

    #[test]
    fn byte_offsets_convert_to_positions() {
        // "é" is two bytes, one character, one UTF-16 unit; "🐳" four, one, two.
        let text = "a: é\nb: 🐳x\n";
        let map = SourceMap::new(text);
        let x = text.find('x').unwrap_or_default();
        let p = map.position_of_bytes(x, x + 1);
        assert_eq!((p.line, p.column, p.offset16, p.end16), (2, 5, 10, 11));
        let whale = text.find('🐳').unwrap_or_default();
        let p = map.position_of_bytes(whale, x);
        assert_eq!((p.line, p.column, p.offset16, p.end16), (2, 4, 8, 10));
        assert_eq!(map.mark_at_byte(text.len() + 5).index, text.chars().count());
    }

    #[test]
    fn lines_and_columns_come_from_the_text() {
        let map = SourceMap::new("a\r\nb\rc\n\u{feff}d");
        let at = |i| {
            let p = map.position(mark(i), mark(i));
            (p.line, p.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(3), (2, 1)); // after \r\n
        assert_eq!(at(5), (3, 1)); // after a lone \r
        assert_eq!(at(8), (4, 2)); // a byte order mark is a character
        assert_eq!(at(99), (4, 3)); // clamped to the end of the text
    }

    /// Texts of runs of ASCII, line breaks of every kind, two-, three- and four-byte
    /// characters, long enough to cross several checkpoints.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "[a-z ]{0,40}",
            Just("\n".to_owned()),
            Just("\r".to_owned()),
            Just("\r\n".to_owned()),
            Just("é".to_owned()),
            Just("€".to_owned()),
            Just("🐳".to_owned()),
        ];
        proptest::collection::vec(piece, 0..400).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time pass agrees with walking the characters one by one.
        #[test]
        fn the_map_agrees_with_a_character_walk(text in mixed_text()) {
            let map = SourceMap::new(&text);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut line_starts = vec![0];
            let mut astral = Vec::new();
            for (k, &(b, c)) in chars.iter().enumerate() {
                if c.len_utf16() == 2 {
                    astral.push(k);
                }
                if c == '\n' || (c == '\r' && text.as_bytes().get(b + 1) != Some(&b'\n')) {
                    line_starts.push(k + 1);
                }
            }
            proptest::prop_assert_eq!(map.len, chars.len());
            proptest::prop_assert_eq!(&map.line_starts, &line_starts);
            proptest::prop_assert_eq!(&map.astral, &astral);
            for (k, &(b, _)) in chars.iter().enumerate() {
                proptest::prop_assert_eq!(map.chars.byte_of(k), b);
                proptest::prop_assert_eq!(map.chars.char_of(b), k);
            }
            proptest::prop_assert_eq!(map.chars.byte_of(chars.len()), text.len());
        }

        /// A part of a text from the start of a line, mapped alone: its positions moved
        /// to the whole text's ([`At::moved`]) are the whole map's, and it ends where
        /// the whole text ends.
        #[test]
        fn a_part_mapped_alone_agrees_with_the_whole_map(
            text in mixed_text(),
            cut in 0usize..4000,
            spans in proptest::collection::vec((0usize..4000, 0usize..200), 0..20),
        ) {
            let boundary = |b: usize| {
                let mut b = b.min(text.len());
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                b
            };
            // The start of the line `cut` is in (after `\n`, `\r\n` or a lone `\r`).
            let cut = text[..boundary(cut)].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let cut = if text[cut..].starts_with('\n') && text[..cut].ends_with('\r') {
                cut + 1
            } else {
                cut
            };
            let whole = SourceMap::new(&text);
            let at = At::START.walk(&text, cut);
            let part = SourceMap::new(&text[cut..]);
            let end = At::START.walk(&text, text.len());
            proptest::prop_assert_eq!(part.end_from(at), end);
            proptest::prop_assert_eq!(whole.end_from(At::START), end);
            for (start, len) in spans {
                let start = boundary(cut + start % (text.len() - cut + 1));
                let end = boundary(start + len);
                let mut p = part.position_of_bytes(start - cut, end - cut);
                at.moved(&mut p);
                proptest::prop_assert_eq!(p, whole.position_of_bytes(start, end));
            }
        }
    }
}
