//! Byte ranges of the text → the report's positions. The whole run uses the core's
//! [`SourceMap`] (a start per line); a text diagnosed item by item ([`super::stream`])
//! uses [`Sparse`], which keeps a mark every [`Sparse::EVERY`] bytes and counts the bytes
//! after it on demand, so that its memory does not grow with the number of lines (a
//! 300 MB dump has millions). Both give the same positions (tested below).

use crate::source::{At, Mark, Position, SourceMap, saturate};

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
        let mut at = At::START;
        marks.push(at);
        let mut next = Self::EVERY;
        while at.byte < text.len() {
            let to = next.min(text.len());
            at = at.walk(text, to);
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

    fn at(&self, byte: usize) -> At {
        let byte = byte.min(self.text.len());
        let k = self
            .marks
            .partition_point(|m| m.byte <= byte)
            .saturating_sub(1);
        self.marks[k].walk(self.text, byte)
    }

    /// [`SourceMap`]'s `quoted_end`, in bytes: for a quoted scalar starting at `byte`,
    /// the byte just past its closing quote.
    fn quoted_end(&self, byte: usize) -> Option<usize> {
        Some(byte + crate::source::quoted_len(&self.text[byte..])?)
    }
}

impl Locate for Sparse<'_> {
    fn position(&self, from: usize, to: usize) -> Position {
        let start = self.at(from);
        let to = self
            .quoted_end(start.byte)
            .unwrap_or(to)
            .clamp(start.byte, self.text.len());
        let end = start.walk(self.text, to);
        let column = start.chars.min(self.len) - start.line_start + 1;
        Position {
            line: saturate(start.line),
            column: saturate(column),
            offset16: saturate(start.offset16()),
            end16: saturate(end.offset16()),
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
