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

/// Converts character indices to UTF-16 offsets. Only characters outside the Basic
/// Multilingual Plane differ (two UTF-16 units), so only their indices are kept.
#[derive(Debug)]
pub(crate) struct SourceMap {
    astral: Vec<usize>,
}

impl SourceMap {
    pub fn new(text: &str) -> SourceMap {
        let astral = if text.is_ascii() {
            Vec::new()
        } else {
            text.chars()
                .enumerate()
                .filter(|(_, c)| c.len_utf16() == 2)
                .map(|(i, _)| i)
                .collect()
        };
        SourceMap { astral }
    }

    /// The UTF-16 offset of the character at `index`.
    pub fn offset16(&self, index: usize) -> u32 {
        let before = self.astral.partition_point(|&i| i < index);
        saturate(index + before)
    }

    /// The position of a node that starts at `start` and ends at `end`.
    pub fn position(&self, start: Mark, end: Mark) -> Position {
        Position {
            line: saturate(start.line),
            column: saturate(start.col + 1),
            offset16: self.offset16(start.index),
            end16: self.offset16(end.index.max(start.index)),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(index: usize) -> Mark {
        Mark {
            index,
            line: 1,
            col: index,
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
}
