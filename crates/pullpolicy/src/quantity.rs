//! Whether the API server can read a resource quantity (`500m`, `1Gi`, `1e3`), and
//! which error it answers with when it cannot.
//!
//! Read in k8s.io/apimachinery at eed236ce (the Go types' commit, `scripts/data/
//! go-types.tsv`): `pkg/api/resource/quantity.go` (`Quantity.UnmarshalJSON`,
//! `ParseQuantity`, `parseQuantityString`) and `suffix.go` (`quantitySuffixer`). Only
//! the outcome is modelled, not the value:
//!
//! - `UnmarshalJSON` gets the JSON text kubectl sends for the value, drops the quotes of
//!   a string (its escapes stay as written), trims white space (`strings.TrimSpace`,
//!   Unicode's) and parses the rest; `null` is no quantity and no error.
//! - `parseQuantityString` scans an optional sign, digits, an optional `.` and digits,
//!   then a suffix: letters of `eEinumkKMGTP`, an optional sign, digits. Anything else
//!   before the end is [`QuantityError::FormatWrong`], as is the empty text.
//! - The suffix must be one of `n u m "" k M G T P E`, `Ki Mi Gi Ti Pi Ei`, or `e`/`E`
//!   and an integer `strconv.ParseInt` reads (converted to `int32`, wrapping):
//!   otherwise [`QuantityError::Suffix`].
//! - A number without a single digit (`.`, `-`, or nothing before the suffix) is zero
//!   on the fast path; the slow path (`inf.Dec.SetString`), taken when the scale drops
//!   below nano or a binary suffix leaves no precision (`Pi`, `Ei`), cannot read it:
//!   [`QuantityError::Numeric`]. Every other number the scanner accepts is read (one
//!   with more digits than the fast path's precision goes to the slow path, which reads
//!   it). Not modelled: how long the slow path takes (`1e-1000000000` asks `inf.Dec` for
//!   a power of ten of a billion digits).
//!
//! The error is returned by the decoder as it is (it is not a type error; reading spec
//! §5), and it ends the decoding: see `gotypes`.

/// Why `ParseQuantity` refuses a text: its three errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuantityError {
    /// `ErrFormatWrong`.
    FormatWrong,
    /// `ErrNumeric`.
    Numeric,
    /// `ErrSuffix`.
    Suffix,
}

impl QuantityError {
    /// The error's text, as apimachinery writes it.
    pub(crate) fn message(self) -> &'static str {
        match self {
            QuantityError::FormatWrong => {
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            }
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        }
    }
}

/// What `Quantity.UnmarshalJSON` answers for a JSON string whose value is `s` (kubectl's
/// encoder escapes only characters a quantity cannot hold, so the string's own
/// characters decide; the white space trimmed is what the encoder leaves unescaped).
pub(crate) fn string_error(s: &str) -> Option<QuantityError> {
    parse_error(s.trim_matches(is_raw_space))
}

/// What `ParseQuantity` answers for `s`: `None` when it reads it.
pub(crate) fn parse_error(s: &str) -> Option<QuantityError> {
    if s.is_empty() {
        return Some(QuantityError::FormatWrong);
    }
    if s == "0" {
        return None;
    }
    let b = s.as_bytes();
    let end = b.len();
    let digits_from = |mut pos: usize| {
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        pos
    };
    // The number: a sign, digits, then `.` and digits.
    let mut pos = usize::from(matches!(b[0], b'-' | b'+'));
    let start = pos;
    pos = digits_from(pos);
    let mut digits = pos - start;
    if pos < end && b[pos] == b'.' {
        let from = pos + 1;
        pos = digits_from(from);
        digits += pos - from;
    }
    // The suffix: letters, a sign, digits, up to the end.
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    if digits_from(pos) < end {
        return Some(QuantityError::FormatWrong);
    }
    let Some((binary, exponent)) = interpret(&s[suffix_start..]) else {
        return Some(QuantityError::Suffix);
    };
    // Without a digit, only the fast path reads the number (as zero): its precision,
    // with `num` "0" and no `denom`, is `15 - 1 - int32(float32(exponent)*3/10) - 1` for a
    // binary suffix and 17 for a decimal one, whose scale must stay at nano or above.
    let fast = if binary {
        13 - i64::from(exponent) * 3 / 10 >= 0
    } else {
        exponent >= -9
    };
    (digits == 0 && !fast).then_some(QuantityError::Numeric)
}

/// `quantitySuffixer.interpret`: a binary suffix and its power of two, or a decimal
/// one and its power of ten; `None` for a suffix it does not know.
fn interpret(suffix: &str) -> Option<(bool, i32)> {
    let decimal = |e| Some((false, e));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => Some((true, 10)),
        "Mi" => Some((true, 20)),
        "Gi" => Some((true, 30)),
        "Ti" => Some((true, 40)),
        "Pi" => Some((true, 50)),
        "Ei" => Some((true, 60)),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E']).filter(|r| !r.is_empty())?;
            // strconv.ParseInt(rest, 10, 64), then int32(…): Go's conversion wraps.
            #[allow(clippy::cast_possible_truncation)]
            // (Rust's `i64` parse reads what `ParseInt(s, 10, 64)` reads: a sign, digits.)
            rest.parse::<i64>().ok().map(|n| (false, n as i32))
        }
    }
}

/// White space `strings.TrimSpace` trims (`unicode.IsSpace`) that Go's JSON encoder
/// writes as itself (tabs, line ends and the other control characters, U+2028 and
/// U+2029 are written as escapes, which are not trimmed).
fn is_raw_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tests/fixtures/read/quantities.tsv`: apimachinery's own test tables
    /// (`quantity_test.go`: `TestQuantityParse`, `TestParseQuantityString`, the JSON
    /// cases) and the cases read off the code above, each with the answer expected of
    /// `ParseQuantity` (`parse`) or of `UnmarshalJSON` given a JSON string (`string`).
    #[test]
    fn quantities_as_apimachinery_reads_them() {
        let vectors = include_str!("../tests/fixtures/read/quantities.tsv");
        let mut n = 0;
        for line in vectors
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let [how, input, want] = cols[..] else {
                panic!("three columns: {line}");
            };
            let input: String = serde_json::from_str(input).expect(line);
            let got = match how {
                "parse" => parse_error(&input),
                "string" => string_error(&input),
                other => panic!("{other}"),
            };
            let want = match want {
                "ok" => None,
                "format" => Some(QuantityError::FormatWrong),
                "suffix" => Some(QuantityError::Suffix),
                "numeric" => Some(QuantityError::Numeric),
                other => panic!("{other}"),
            };
            assert_eq!(got, want, "{how} {input:?}");
            n += 1;
        }
        assert!(n > 150, "{n}");
    }

    #[test]
    fn the_messages_are_apimachinerys() {
        assert_eq!(
            QuantityError::Suffix.message(),
            "unable to parse quantity's suffix"
        );
        assert!(
            QuantityError::FormatWrong
                .message()
                .ends_with("[-+]?[0-9]*)$'")
        );
    }
}
