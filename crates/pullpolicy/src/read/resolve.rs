//! What go-yaml v2.4.0 makes of a scalar when it decodes into `interface{}`
//! (`resolve.go`, `decode.go` `scalar`): YAML 1.1 resolution, tags, `!!binary`.
//!
//! Written after reading `resolve`: the first byte picks a hint (sign, digit, one of
//! `yYnNtTfFoO~`, `.`; any other byte makes a string), a table holds the bools,
//! nulls, infinities and NaNs; numbers go through Go's `strconv`: `ParseInt(s, 0,
//! 64)` (so `0x1F`, `0o17`, `0b101` and `017` (octal) are integers, `_` dropped
//! first), then `ParseUint`, then a float regular expression and `ParseFloat` (so
//! `08` is the float 8, `1e400` overflows and stays a string). Timestamps resolve,
//! but decoding into `interface{}` keeps their text, so they are strings. Only the
//! tags "", `!!str`, `!!bool`, `!!int`, `!!float`, `!!null`, `!!timestamp` are
//! resolved; a value that does not fit its tag is `cannot decode !!str `x` as a
//! !!int`; `!!binary` is base64-decoded (Go's `StdEncoding`: padding required, line
//! breaks ignored); any other tag keeps the text.

/// A scalar's value, as go-yaml decodes it into `interface{}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `nil`.
    Null,
    /// `bool`.
    Bool(bool),
    /// `int` (64-bit).
    Int(i64),
    /// `uint64`: integers above `i64::MAX`.
    Uint(u64),
    /// `float64`.
    Float(f64),
    /// A string: the scalar's text.
    Str,
    /// A `!!binary` string: the decoded bytes (not necessarily UTF-8).
    Binary(Vec<u8>),
    /// A JSON number (JSON streams), as written.
    Number,
}

pub(crate) const STR: &str = "tag:yaml.org,2002:str";
pub(crate) const BOOL: &str = "tag:yaml.org,2002:bool";
pub(crate) const INT: &str = "tag:yaml.org,2002:int";
pub(crate) const FLOAT: &str = "tag:yaml.org,2002:float";
pub(crate) const NULL: &str = "tag:yaml.org,2002:null";
pub(crate) const TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
pub(crate) const BINARY: &str = "tag:yaml.org,2002:binary";
pub(crate) const MERGE: &str = "tag:yaml.org,2002:merge";

/// go-yaml's `shortTag`: `!!x` for `tag:yaml.org,2002:x`.
pub(crate) fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_owned(),
    }
}

/// The value of a scalar with go-yaml's `tag` (empty: none) and `implicit` flag
/// (plain and untagged, or tagged `!`), or the decoder's error text (without the
/// `yaml: ` prefix).
pub(crate) fn scalar_value(tag: &str, implicit: bool, text: &str) -> Result<Value, String> {
    if tag.is_empty() && !implicit {
        return Ok(Value::Str);
    }
    let (rtag, value) = resolve(tag, text);
    if rtag == BINARY {
        return match base64_decode(text) {
            Some(bytes) => Ok(Value::Binary(bytes)),
            None => Err("!!binary value contains invalid base64 data".to_owned()),
        };
    }
    // The deferred check of `resolve`.
    let value = if tag.is_empty() || tag == rtag || tag == STR || tag == BINARY {
        value
    } else if tag == FLOAT && rtag == INT {
        match value {
            Value::Int(i) => Value::Float(i as f64),
            Value::Uint(_) => {
                return Err(format!(
                    "cannot decode {} `{text}` as a {}",
                    short_tag(rtag),
                    short_tag(tag)
                ));
            }
            other => other,
        }
    } else {
        return Err(format!(
            "cannot decode {} `{text}` as a {}",
            short_tag(rtag),
            short_tag(tag)
        ));
    };
    Ok(value)
}

fn resolvable(tag: &str) -> bool {
    matches!(tag, "" | STR | BOOL | INT | FLOAT | NULL | TIMESTAMP)
}

/// `resolve(tag, in)`: the resolved tag and value. Timestamps come back as strings
/// (what decoding into `interface{}` keeps), with the timestamp tag.
fn resolve<'t>(tag: &'t str, text: &str) -> (&'t str, Value) {
    if !resolvable(tag) {
        return (tag, Value::Str);
    }
    let hint = match text.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => 0,
    };
    if hint == 0 || tag == STR || tag == BINARY {
        return (STR, Value::Str);
    }
    if let Some(v) = table(text) {
        return v;
    }
    match hint {
        b'.' if dot_float(text) => {
            let digits: String = text.chars().filter(|&c| c != '_').collect();
            if let Some(f) = parse_float(&digits) {
                return (FLOAT, Value::Float(f));
            }
        }
        b'D' | b'S' => {
            if (tag.is_empty() || tag == TIMESTAMP) && timestamp(text) {
                return (TIMESTAMP, Value::Str);
            }
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            if let Some(i) = parse_int(&plain) {
                return (INT, Value::Int(i));
            }
            if let Some(u) = parse_uint(&plain) {
                return (INT, Value::Uint(u));
            }
            if yaml_style_float(&plain)
                && let Some(f) = parse_float(&plain)
            {
                return (FLOAT, Value::Float(f));
            }
        }
        _ => {}
    }
    (STR, Value::Str)
}

/// `resolveMap`: the spellings of bools, nulls, infinities and NaN (and `<<`, which
/// is only reached for a hint byte, so never).
fn table(text: &str) -> Option<(&'static str, Value)> {
    Some(match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            (BOOL, Value::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            (BOOL, Value::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => (NULL, Value::Null),
        ".nan" | ".NaN" | ".NAN" => (FLOAT, Value::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            (FLOAT, Value::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => (FLOAT, Value::Float(f64::NEG_INFINITY)),
        _ => return None,
    })
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// An exponent part (`e`/`E`, optional sign, digits), or none.
fn exponent_ok(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b'e' | b'E') => {
            let e = &s[1..];
            all_digits(e.strip_prefix(['+', '-']).unwrap_or(e))
        }
        Some(_) => false,
    }
}

/// What Go's `ParseFloat` (`readFloat`) accepts of a decimal number that starts
/// with `.`: digits, an optional exponent, and `_` between digits (`underscoreOK`).
fn dot_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 1;
    let mut digits = false;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        digits |= b[i].is_ascii_digit();
        i += 1;
    }
    if !digits {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len() && underscores_ok(text)
}

/// Go's `underscoreOK` for a decimal number: every `_` between two digits.
fn underscores_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'_'
            || (i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let int_digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &s[int_digits..];
    let rest = if int_digits == 0 {
        let Some(frac) = rest.strip_prefix('.') else {
            return false;
        };
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        &frac[n..]
    } else if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        &frac[n..]
    } else {
        rest
    };
    exponent_ok(rest)
}

/// Go's `ParseFloat(s, 64)` for decimal text: `None` when it overflows (Go returns
/// an error then; underflow to zero is no error).
fn parse_float(s: &str) -> Option<f64> {
    // Not `str::parse`: it links `core`'s large float-parsing tables.
    let f = crate::gofloat::parse_decimal(s)?;
    f.is_finite().then_some(f)
}

/// Go's `ParseUint(s, 0, 64)` without the underscore rule (they are gone already):
/// base from the prefix (`0x`, `0o`, `0b`, `0` for octal).
fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let (radix, digits) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &s[2..]),
            Some(b'o') if b.len() >= 3 => (8, &s[2..]),
            Some(b'x') if b.len() >= 3 => (16, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    let mut n: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix)?;
        n = n.checked_mul(u64::from(radix))?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// Go's `ParseInt(s, 0, 64)`.
fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body)?;
    if neg {
        if u <= i64::MAX as u64 + 1 {
            Some((u as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(u).ok()
    }
}

/// go-yaml's `parseTimestamp`: four digits and `-`, then one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2` parses (Go's `time.Parse`).
fn timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let year_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_digits != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    [Layout::T, Layout::LowerT, Layout::Space, Layout::Date]
        .into_iter()
        .any(|layout| parse_time(s, layout))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    T,
    LowerT,
    Space,
    Date,
}

/// Go's `getnum(s, false)`: one or two digits.
fn getnum(s: &[u8]) -> Option<(u32, &[u8])> {
    let d0 = *s.first().filter(|c| c.is_ascii_digit())?;
    match s.get(1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => Some((u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'), &s[2..])),
        None => Some((u32::from(d0 - b'0'), &s[1..])),
    }
}

fn parse_time(s: &str, layout: Layout) -> bool {
    let b = s.as_bytes();
    let Ok(year) = s[..4].parse::<i64>() else {
        return false;
    };
    let mut v = &b[4..];
    let lit = |v: &mut &[u8], c: u8| -> bool {
        if v.first() == Some(&c) {
            *v = &v[1..];
            true
        } else {
            false
        }
    };
    if !lit(&mut v, b'-') {
        return false;
    }
    let Some((month, rest)) = getnum(v) else {
        return false;
    };
    v = rest;
    if !lit(&mut v, b'-') {
        return false;
    }
    let Some((day, rest)) = getnum(v) else {
        return false;
    };
    v = rest;
    let mut range_ok = (1..=12).contains(&month);
    if layout != Layout::Date {
        match layout {
            Layout::T => {
                if !lit(&mut v, b'T') {
                    return false;
                }
            }
            Layout::LowerT => {
                if !lit(&mut v, b't') {
                    return false;
                }
            }
            _ => {
                // A space in a layout matches one or more spaces.
                if v.first() != Some(&b' ') && !v.is_empty() {
                    return false;
                }
                while v.first() == Some(&b' ') {
                    v = &v[1..];
                }
            }
        }
        let Some((hour, rest)) = getnum(v) else {
            return false;
        };
        v = rest;
        if !lit(&mut v, b':') {
            return false;
        }
        let Some((minute, rest)) = getnum(v) else {
            return false;
        };
        v = rest;
        if !lit(&mut v, b':') {
            return false;
        }
        let Some((second, rest)) = getnum(v) else {
            return false;
        };
        v = rest;
        range_ok &= hour < 24 && minute < 60 && second < 60;
        // `.999999999`: a fraction, if there is one.
        if v.len() >= 2 && matches!(v[0], b'.' | b',') && v[1].is_ascii_digit() {
            let n = 1 + v[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            v = &v[n..];
        }
        if layout != Layout::Space {
            // `Z07:00`.
            if v.first() == Some(&b'Z') {
                v = &v[1..];
            } else {
                if v.len() < 6 || v[3] != b':' {
                    return false;
                }
                let (Some((hh, _)), Some((mm, _))) = (fixed2(&v[1..3]), fixed2(&v[4..6])) else {
                    return false;
                };
                if !matches!(v[0], b'+' | b'-') {
                    return false;
                }
                range_ok &= hh <= 24 && mm <= 60;
                v = &v[6..];
            }
        }
    }
    if !v.is_empty() || !range_ok {
        return false;
    }
    day >= 1 && day <= days_in(month, year)
}

/// Go's `getnum(s, true)` on exactly two bytes.
fn fixed2(s: &[u8]) -> Option<(u32, ())> {
    if s.len() == 2 && s[0].is_ascii_digit() && s[1].is_ascii_digit() {
        Some((u32::from(s[0] - b'0') * 10 + u32::from(s[1] - b'0'), ()))
    } else {
        None
    }
}

fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Go's `base64.StdEncoding.DecodeString`: the standard alphabet, `=` padding
/// required, `\r` and `\n` ignored anywhere, nothing after the padding.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut quad = [0u8; 4];
    let mut n = 0;
    let mut pad = 0;
    for &c in s.as_bytes() {
        if c == b'\r' || c == b'\n' {
            continue;
        }
        if pad > 0 {
            // Only more padding may follow the first `=`, up to the quantum's end.
            if c == b'=' && n < 4 {
                pad += 1;
                n += 1;
                continue;
            }
            return None;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                if n < 2 {
                    return None;
                }
                pad = 1;
                n += 1;
                continue;
            }
            _ => return None,
        };
        quad[n] = v;
        n += 1;
        if n == 4 {
            out.push(quad[0] << 2 | quad[1] >> 4);
            out.push(quad[1] << 4 | quad[2] >> 2);
            out.push(quad[2] << 6 | quad[3]);
            n = 0;
        }
    }
    if pad > 0 {
        if n != 4 {
            return None;
        }
        let data = 4 - pad;
        out.push(quad[0] << 2 | quad[1] >> 4);
        if data == 3 {
            out.push(quad[1] << 4 | quad[2] >> 2);
        }
        return Some(out);
    }
    (n == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Value {
        scalar_value("", true, text).unwrap_or(Value::Str)
    }

    #[test]
    fn yaml11_resolution() {
        assert_eq!(plain("yes"), Value::Bool(true));
        assert_eq!(plain("Off"), Value::Bool(false));
        assert_eq!(plain("oN"), Value::Str);
        assert_eq!(plain("~"), Value::Null);
        assert_eq!(plain(""), Value::Null);
        assert_eq!(plain("0x1F"), Value::Int(31));
        assert_eq!(plain("0o17"), Value::Int(15));
        assert_eq!(plain("017"), Value::Int(15));
        assert_eq!(plain("08"), Value::Float(8.0));
        assert_eq!(plain("0b101"), Value::Int(5));
        assert_eq!(plain("1_000"), Value::Int(1000));
        assert_eq!(plain("+1"), Value::Int(1));
        assert_eq!(plain("18446744073709551615"), Value::Uint(u64::MAX));
        assert_eq!(plain("1e400"), Value::Str);
        assert_eq!(plain(".5"), Value::Float(0.5));
        assert_eq!(plain(".2_7"), Value::Float(0.27), "found by read_diff");
        assert_eq!(plain(".2__7"), Value::Str);
        assert_eq!(plain("._2"), Value::Str);
        assert_eq!(plain(".2_"), Value::Str);
        assert_eq!(plain(".5e1_0"), Value::Float(0.5e10));
        assert_eq!(
            plain("1:20"),
            Value::Str,
            "no sexagesimal numbers in go-yaml v2"
        );
        assert_eq!(plain("2001-12-14"), Value::Str);
        assert!(matches!(plain(".inf"), Value::Float(f) if f.is_infinite()));
        assert_eq!(plain("<<"), Value::Str);
    }

    #[test]
    fn tags() {
        assert_eq!(scalar_value(STR, false, "1"), Ok(Value::Str));
        assert_eq!(scalar_value(FLOAT, false, "1"), Ok(Value::Float(1.0)));
        assert_eq!(
            scalar_value(INT, false, "abc"),
            Err("cannot decode !!str `abc` as a !!int".to_owned())
        );
        assert_eq!(
            scalar_value(TIMESTAMP, false, "2001-13-01"),
            Err("cannot decode !!str `2001-13-01` as a !!timestamp".to_owned())
        );
        assert_eq!(scalar_value(TIMESTAMP, false, "2001-12-01"), Ok(Value::Str));
        assert_eq!(scalar_value("!foo", false, "010"), Ok(Value::Str));
        assert_eq!(
            scalar_value(BINARY, false, "aGVs\nbG8="),
            Ok(Value::Binary(b"hello".to_vec()))
        );
        assert!(scalar_value(BINARY, false, "aGVsbG8").is_err());
    }
}
