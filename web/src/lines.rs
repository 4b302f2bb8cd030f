//! Lines of the manifest, in the three coordinate systems the editor meets.
//!
//! - byte offsets into the Rust string (to slice a line for highlighting);
//! - UTF-16 offsets into the *original* text, which is what the core reports
//!   (`offset16` / `end16`);
//! - UTF-16 offsets into the *textarea's* text. A textarea's value normalises
//!   every line break (`\r\n`, lone `\r`) to `\n`, so once a CRLF manifest is in
//!   the editor its offsets drift by one per line; the display offsets undo that.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in YAML and in the textarea.

/// Where each line starts, in all three coordinate systems.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    /// Byte offset of each line's first character.
    starts: Vec<u32>,
    /// Byte offset just past each line's last character (before its line break).
    ends: Vec<u32>,
    /// UTF-16 offset of each line start in the original text.
    starts16: Vec<u32>,
    /// UTF-16 offset of each line start in the textarea's (normalised) text.
    display16: Vec<u32>,
    /// UTF-16 length of each line, line break excluded.
    len16: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text`. Linear; ASCII text takes a fast path.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut index = LineIndex::default();
        let (mut start, mut start16, mut display16) = (0usize, 0u32, 0u32);
        let mut i = 0;
        let ascii = text.is_ascii();
        while i <= bytes.len() {
            let at_end = i == bytes.len();
            let brk = if at_end {
                0
            } else {
                match bytes[i] {
                    b'\n' => 1,
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                    b'\r' => 1,
                    _ => {
                        i += 1;
                        continue;
                    }
                }
            };
            let len16 = if ascii {
                (i - start) as u32
            } else {
                text[start..i].encode_utf16().count() as u32
            };
            index.push(start as u32, i as u32, start16, display16, len16);
            if at_end {
                break;
            }
            start16 += len16 + brk as u32;
            display16 += len16 + 1;
            i += brk;
            start = i;
        }
        index
    }

    fn push(&mut self, start: u32, end: u32, start16: u32, display16: u32, len16: u32) {
        self.starts.push(start);
        self.ends.push(end);
        self.starts16.push(start16);
        self.display16.push(display16);
        self.len16.push(len16);
    }

    /// How many lines (an empty text has one, empty, line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never true: every text has at least one line.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The text of line `line` (0-based), without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        match (self.starts.get(line), self.ends.get(line)) {
            (Some(&s), Some(&e)) => text.get(s as usize..e as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The UTF-16 length of line `line`.
    pub fn len16(&self, line: usize) -> u32 {
        self.len16.get(line).copied().unwrap_or(0)
    }

    /// The 0-based line and UTF-16 column of an original-text UTF-16 offset; a
    /// column past the line's end (its line break) is clamped to the end.
    pub fn locate16(&self, offset16: u32) -> (usize, u32) {
        let line = self.starts16.partition_point(|&s| s <= offset16).max(1) - 1;
        let col = offset16
            .saturating_sub(self.starts16[line])
            .min(self.len16(line));
        (line, col)
    }

    /// The 0-based line and UTF-16 column of a textarea (display) offset.
    pub fn locate_display(&self, display16: u32) -> (usize, u32) {
        if self.display16.is_empty() {
            return (0, 0);
        }
        let line = self.display16.partition_point(|&s| s <= display16).max(1) - 1;
        let col = display16
            .saturating_sub(self.display16[line])
            .min(self.len16(line));
        (line, col)
    }

    /// The textarea offset of an original-text UTF-16 offset.
    pub fn to_display(&self, offset16: u32) -> u32 {
        if self.starts16.is_empty() {
            return 0;
        }
        let (line, col) = self.locate16(offset16);
        self.display_at(line, col)
    }

    /// The textarea offset of line `line`, column `col16` (UTF-16), the column
    /// clamped to the line and a line past the last to the end of the text.
    pub fn display_at(&self, line: usize, col16: u32) -> u32 {
        match self.display16.get(line) {
            Some(&start) => start + col16.min(self.len16(line)),
            None => self
                .display16
                .last()
                .map_or(0, |&start| start + self.len16(self.len() - 1)),
        }
    }

    /// The textarea offset of the start of line `line`.
    pub fn display_start(&self, line: usize) -> u32 {
        self.display16.get(line).copied().unwrap_or(0)
    }
}

/// The byte index in `line` of UTF-16 column `col16` (clamped to the line).
pub fn byte_of_col16(line: &str, col16: u32) -> usize {
    if line.is_ascii() {
        return (col16 as usize).min(line.len());
    }
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= col16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    line.len()
}

/// Merges an edit made in the textarea (whose line breaks are all `\n`) into the
/// original text, so that what the user did not touch keeps its exact bytes and new
/// line breaks follow the original's style (`\r\n` when it has any).
///
/// Without this, a CRLF manifest would silently turn LF at the first keystroke.
pub fn merge_edit(original: &str, edited: String) -> String {
    if !original.contains('\r') {
        return edited;
    }
    let o = original.as_bytes();
    let e = edited.as_bytes();
    // Common prefix, treating an original "\r\n" or lone "\r" as the textarea's "\n".
    let (mut i, mut j) = (0, 0);
    while i < o.len() && j < e.len() {
        if o[i] == b'\r' && e[j] == b'\n' {
            i += if o.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            j += 1;
        } else if o[i] == e[j] && o[i] != b'\r' {
            i += 1;
            j += 1;
        } else {
            break;
        }
    }
    // Common suffix, not crossing the prefix.
    let (mut k, mut l) = (o.len(), e.len());
    while k > i && l > j {
        if e[l - 1] == b'\n' && o[k - 1] == b'\n' && k >= i + 2 && o[k - 2] == b'\r' {
            k -= 2;
            l -= 1;
        } else if (e[l - 1] == b'\n' && o[k - 1] == b'\r')
            || (o[k - 1] == e[l - 1] && o[k - 1] != b'\r')
        {
            // A lone "\r" the textarea shows as "\n", or the same byte.
            k -= 1;
            l -= 1;
        } else {
            break;
        }
    }
    // Byte-wise matching can stop inside a multi-byte character; back off to
    // character boundaries on both sides.
    while !original.is_char_boundary(i) || !edited.is_char_boundary(j) {
        i -= 1;
        j -= 1;
    }
    while !original.is_char_boundary(k) || !edited.is_char_boundary(l) {
        k += 1;
        l += 1;
    }
    let crlf = original.contains("\r\n");
    let mut out = String::with_capacity(original.len() + edited.len().saturating_sub(j));
    out.push_str(&original[..i]);
    let middle = &edited[j..l.max(j)];
    if crlf {
        out.push_str(&middle.replace('\n', "\r\n"));
    } else {
        out.push_str(middle);
    }
    out.push_str(&original[k.max(i)..]);
    out
}

/// The text a textarea shows for `text`: every line break as `\n`.
pub fn normalize_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_every_break() {
        let text = "a\nbc\r\nd\re";
        let ix = LineIndex::new(text);
        assert_eq!(ix.len(), 4);
        let lines: Vec<&str> = (0..ix.len()).map(|i| ix.line(text, i)).collect();
        assert_eq!(lines, ["a", "bc", "d", "e"]);
        assert_eq!(LineIndex::new("").len(), 1);
        assert_eq!(LineIndex::new("x\n").len(), 2);
    }

    #[test]
    fn crlf_offsets_map_to_the_textarea() {
        let text = "ab\r\ncd\r\nef";
        let ix = LineIndex::new(text);
        // "e" is at UTF-16 offset 8 in the original, 6 in the textarea ("ab\ncd\nef").
        assert_eq!(ix.locate16(8), (2, 0));
        assert_eq!(ix.to_display(8), 6);
        assert_eq!(ix.locate_display(6), (2, 0));
        // An offset on the "\r" clamps to the end of its line.
        assert_eq!(ix.to_display(2), 2);
        assert_eq!(ix.to_display(3), 2);
    }

    #[test]
    fn lines_and_columns_map_to_the_textarea() {
        let ix = LineIndex::new("ab\r\ncd\r\nef");
        assert_eq!(ix.display_at(0, 0), 0);
        assert_eq!(ix.display_at(2, 1), 7);
        // A column past its line clamps to the line's end, a line past the last to
        // the end of the text.
        assert_eq!(ix.display_at(1, 9), 5);
        assert_eq!(ix.display_at(3, 0), 8);
        assert_eq!(LineIndex::new("").display_at(5, 5), 0);
        // The same place as the report's offset gives, for every offset.
        for offset16 in 0..10 {
            let (line, col) = ix.locate16(offset16);
            assert_eq!(ix.display_at(line, col), ix.to_display(offset16));
        }
    }

    #[test]
    fn utf16_columns_count_astral_characters_twice() {
        let text = "é🐳x\ny";
        let ix = LineIndex::new(text);
        assert_eq!(ix.len16(0), 4);
        assert_eq!(ix.locate16(5), (1, 0));
        assert_eq!(byte_of_col16("é🐳x", 3), "é🐳".len());
        assert_eq!(byte_of_col16("é🐳x", 99), "é🐳x".len());
    }

    fn check_merge(original: &str, edited_lf: &str, expected: &str) {
        assert_eq!(merge_edit(original, edited_lf.to_owned()), expected);
    }

    #[test]
    fn merge_keeps_crlf() {
        check_merge("a\r\nb\r\n", "a\nbX\n", "a\r\nbX\r\n");
        check_merge("a\r\nb\r\n", "a\nb\nc\n", "a\r\nb\r\nc\r\n");
        check_merge("a\r\nb", "b", "b");
        check_merge("a\r\nb", "", "");
        check_merge("a\nb\r\nc", "a\nb\nc!", "a\nb\r\nc!");
        check_merge("é\r\n🐳\r\n", "é\n🐳🐳\n", "é\r\n🐳🐳\r\n");
        check_merge("x\ry", "x\nyz", "x\ryz");
        check_merge("no breaks", "no breaks!", "no breaks!");
    }

    #[test]
    fn merge_of_an_unchanged_text_is_the_original() {
        for t in ["a\r\nb\r\n", "\r\n\r\n", "x\ry\r\n z", "é\r\n"] {
            assert_eq!(merge_edit(t, normalize_breaks(t).into_owned()), t);
        }
    }
}
