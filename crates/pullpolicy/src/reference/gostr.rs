//! The two pieces of Go's string library whose exact behaviour shows in
//! Kubernetes' output: `strings.ToLower` (as used by the upper-case checks)
//! and `strconv.Quote` (what `fmt`'s `%q` prints).

/// `strings.ToLower(s) != s` in Go: some character has a (simple) lower-case
/// mapping other than itself.
///
/// The non-ASCII answer comes from a table of Unicode 15.0.0's mappings, the
/// version of Go's tables ([`super::lowercase`]).
pub(super) fn has_upper(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| b.is_ascii_uppercase());
    }
    s.chars()
        .any(|c| c.is_ascii_uppercase() || (!c.is_ascii() && super::lowercase::changes(c)))
}

/// Go's `strings.ToLower(s)` when the result can possibly match an ASCII-only
/// regular expression, `None` otherwise.
///
/// The only non-ASCII characters whose Go lower-case mapping is ASCII are
/// U+0130 (`İ` → `i`) and U+212A (KELVIN SIGN → `k`); any other non-ASCII
/// character stays non-ASCII after lower-casing, so the lowered string cannot
/// match and `None` is returned.
pub(super) fn ascii_lower_for_match(s: &str) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\u{130}' => 'i',
            '\u{212A}' => 'k',
            c if c.is_ascii() => c,
            _ => return None,
        });
    }
    Some(out)
}

/// Go's `strconv.Quote(s)`, i.e. what `fmt.Sprintf("%q", s)` prints for a
/// string: double quotes, `\"` and `\\`, `\a \b \f \n \r \t \v`, `\xNN` for
/// other ASCII control bytes, printable characters as they are, and
/// `\uNNNN` / `\UNNNNNNNN` for non-printable non-ASCII characters.
///
/// Go's `strconv.IsPrint` for non-ASCII characters is "letter, mark, number,
/// punctuation or symbol" (Unicode 15.0 in the Go versions Kubernetes builds
/// with). This port treats control (Cc), format (Cf), separator (Z*) and
/// private-use (Co) characters as non-printable exactly, and so the
/// noncharacters and the large unassigned blocks (U+323B0–U+DFFFF and most of
/// plane 14); smaller unassigned gaps inside assigned blocks are printed as
/// they are here, where Go would escape them (no general-category table is
/// carried, to keep the crate small).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    // Characters printed as they are are copied in runs.
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let escaped: Option<std::borrow::Cow<'static, str>> = match c {
            '"' => Some("\\\"".into()),
            '\\' => Some("\\\\".into()),
            ' '..='~' => None,
            '\u{7}' => Some("\\a".into()),
            '\u{8}' => Some("\\b".into()),
            '\u{c}' => Some("\\f".into()),
            '\n' => Some("\\n".into()),
            '\r' => Some("\\r".into()),
            '\t' => Some("\\t".into()),
            '\u{b}' => Some("\\v".into()),
            '\0'..='\u{1f}' | '\u{7f}' => Some(format!("\\x{:02x}", u32::from(c)).into()),
            c if go_is_print(c) => None,
            c if u32::from(c) < 0x1_0000 => Some(format!("\\u{:04x}", u32::from(c)).into()),
            c => Some(format!("\\U{:08x}", u32::from(c)).into()),
        };
        if let Some(escaped) = escaped {
            out.push_str(&s[run_start..i]);
            out.push_str(&escaped);
            run_start = i + c.len_utf8();
        }
    }
    out.push_str(&s[run_start..]);
    out.push('"');
    out
}

/// Go's `strconv.IsPrint` for a non-ASCII character (see [`go_quote`]).
fn go_is_print(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || is_format(c)
        || is_private_use(c)
        || is_unassigned_coarse(c))
}

/// The large blocks of code points that are unassigned (Cn) in Unicode 15.0,
/// and the noncharacters; smaller gaps are not tracked (see [`go_quote`]).
fn is_unassigned_coarse(c: char) -> bool {
    let c = u32::from(c);
    (c & 0xFFFE) == 0xFFFE
        || matches!(
            c,
            0xFDD0..=0xFDEF
                | 0x3_23B0..=0xD_FFFF
                | 0xE_0000
                | 0xE_0002..=0xE_001F
                | 0xE_0080..=0xE_00FF
                | 0xE_01F0..=0xE_FFFF
        )
}

/// General category Cf (format), Unicode 15.0.
fn is_format(c: char) -> bool {
    const CF: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let c = u32::from(c);
    CF.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// General category Co (private use).
fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}
