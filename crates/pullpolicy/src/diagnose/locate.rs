//! Byte ranges of the text → the report's positions. The whole run uses the core's
//! [`SourceMap`] (a start per line); a text diagnosed item by item ([`super::stream`])
//! uses [`Sparse`], which keeps a mark every [`Sparse::EVERY`] bytes and counts the bytes
//! after it on demand, so that its memory does not grow with the number of lines (a
//! 300 MB dump has millions). Both give the same positions (tested below).

use crate::source::{Mark, Position, SourceMap, is_continuation, plain_word};

/// What a diagnosis needs of positions.
pub(crate) trait Locate {
    /// The position of the text from byte `from` to byte `to` (as
    /// [`SourceMap::position`] of their characters: clamped to the text, a quoted
    /// scalar ending at its closing quote).
    fn position(&self, from: usize, to: usize) -> Position;
}

impl Locate for SourceMap<'_> {
    fn position(&self, from: usize, to: usize) -> Position {
        let mark = |byte: usize| Mark {
            index: self.before(byte).0,
            line: 0,
            col: 0,
        };
        SourceMap::position(self, mark(from), mark(to))
    }
}

/// Where the text stands at a character boundary.
#[derive(Debug, Clone, Copy)]
struct At {
    byte: usize,
    /// Characters before it.
    chars: usize,
    /// Its 1-based line.
    line: usize,
    /// The character index its line starts at.
    line_start: usize,
    /// Characters outside the BMP before it (two UTF-16 units each).
    astral: usize,
}

/// Positions from a mark every [`Sparse::EVERY`] bytes.
pub(crate) struct Sparse<'t> {
    text: &'t str,
    marks: Vec<At>,
    /// Characters in the text.
    len: usize,
}

impl<'t> Sparse<'t> {
    const EVERY: usize = 1024;

    pub(crate) fn new(text: &'t str) -> Sparse<'t> {
        let mut marks = Vec::with_capacity(text.len() / Self::EVERY + 1);
        let mut at = At {
            byte: 0,
            chars: 0,
            line: 1,
            line_start: 0,
            astral: 0,
        };
        marks.push(at);
        let mut next = Self::EVERY;
        while at.byte < text.len() {
            let to = next.min(text.len());
            at = Self::walk(text, at, to);
            // A mark only at a character boundary.
            if at.byte >= next {
                marks.push(at);
                next = at.byte + Self::EVERY;
            }
        }
        Sparse {
            text,
            marks,
            len: at.chars,
        }
    }

    /// `at` moved forward to byte `to` (or just past it, to the next character
    /// boundary).
    fn walk(text: &str, mut at: At, to: usize) -> At {
        let b = text.as_bytes();
        while at.byte < to && at.byte < b.len() {
            if let Some(word) = b[at.byte..to.min(b.len())].first_chunk::<8>()
                && plain_word(word)
            {
                // Eight ASCII characters of one line.
                (at.byte, at.chars) = (at.byte + 8, at.chars + 8);
                continue;
            }
            let c = b[at.byte];
            at.byte += 1;
            if is_continuation(c) {
                // A continuation byte: not a character.
                continue;
            }
            at.chars += 1;
            if c >= 0xF0 {
                at.astral += 1;
            }
            if c == b'\n' || (c == b'\r' && b.get(at.byte) != Some(&b'\n')) {
                at.line += 1;
                at.line_start = at.chars;
            }
        }
        // Finish a character cut at `to`.
        while at.byte < b.len() && is_continuation(b[at.byte]) {
            at.byte += 1;
        }
        at
    }

    fn at(&self, byte: usize) -> At {
        let byte = byte.min(self.text.len());
        let k = self
            .marks
            .partition_point(|m| m.byte <= byte)
            .saturating_sub(1);
        Self::walk(self.text, self.marks[k], byte)
    }

    /// [`SourceMap`]'s `quoted_end`, in bytes: for a quoted scalar starting at `byte`,
    /// the byte just past its closing quote.
    fn quoted_end(&self, byte: usize) -> Option<usize> {
        Some(byte + crate::source::quoted_len(&self.text[byte..])?)
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Locate for Sparse<'_> {
    fn position(&self, from: usize, to: usize) -> Position {
        let start = self.at(from);
        let to = self
            .quoted_end(start.byte)
            .unwrap_or(to)
            .clamp(start.byte, self.text.len());
        let end = Self::walk(self.text, start, to);
        let column = start.chars.min(self.len) - start.line_start + 1;
        Position {
            line: saturate(start.line),
            column: saturate(column),
            offset16: saturate(start.chars + start.astral),
            end16: saturate(end.chars + end.astral),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_positions_are_the_source_maps() {
        let pieces = [
            "a",
            "\n",
            "\r\n",
            "\r",
            "é",
            "🐳",
            "\"q\\\"x\"",
            "'it''s'",
            " ",
            "{\"k\": \"v\"}",
            "\t",
            "ß\r",
            "€",
        ];
        let mut seed = 7u64;
        for round in 0..60 {
            let mut text = String::new();
            let n = if round < 50 { 40 } else { 6000 };
            for _ in 0..n {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let whole = SourceMap::new(&text);
            let sparse = Sparse::new(&text);
            let bounds: Vec<usize> = (0..=text.len() + 2)
                .filter(|&b| b > text.len() || text.is_char_boundary(b))
                .collect();
            for (k, &from) in bounds
                .iter()
                .enumerate()
                .step_by(if n > 100 { 37 } else { 1 })
            {
                for &to in [from, from + 1, bounds[(k + 5).min(bounds.len() - 1)], 0]
                    .iter()
                    .filter(|&&t| t > text.len() || text.is_char_boundary(t))
                {
                    let from_c = from.min(text.len());
                    assert_eq!(
                        Locate::position(&sparse, from_c, to.min(text.len())),
                        Locate::position(&whole, from_c, to.min(text.len())),
                        "{text:?} {from} {to}"
                    );
                }
            }
        }
    }
}
