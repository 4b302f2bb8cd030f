//! Hand-written, linear-time equivalents of the `distribution/reference`
//! regular expressions (`regexp.go`), plus go-digest's `Digest.Validate`.
//!
//! Every pattern involved is ASCII-only, so the matchers work on bytes: any
//! byte >= 0x80 (part of a non-ASCII character) fails every character class.
//! The reference grammar is unambiguous once split at the right separators
//! (see [`match_reference`]), so no backtracking is needed and RE2's
//! leftmost-first submatch choice is reproduced by construction.

use super::ReferenceError;

/// Maximum length of a tag (`[\w][\w.-]{0,127}`).
const TAG_MAX: usize = 128;
/// Minimum number of hex digits the reference regexp demands of a digest.
const DIGEST_HEX_MIN: usize = 32;

/// The three capture groups of `ReferencePat` when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Matched<'a> {
    /// Group 1, the name (`[domain/]path`).
    pub name: &'a str,
    /// Group 2, the tag (never empty when present).
    pub tag: Option<&'a str>,
    /// Group 3, the digest (never empty when present).
    pub digest: Option<&'a str>,
}

/// `alphanumeric = [a-z0-9]`
fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `\w` in RE2 (ASCII only).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `^[\w][\w.-]{0,127}$`
pub(super) fn is_tag(s: &str) -> bool {
    let b = s.as_bytes();
    match b.split_first() {
        Some((&first, rest)) => {
            b.len() <= TAG_MAX
                && is_word(first)
                && rest.iter().all(|&c| is_word(c) || c == b'.' || c == b'-')
        }
        None => false,
    }
}

/// `^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}$`
pub(super) fn is_digest_pattern(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    // Algorithm: components separated by exactly one of `-_+.`, each starting
    // with a letter; the separators are disjoint from the component alphabet,
    // so the parse is deterministic.
    loop {
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            return false;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match b.get(i) {
            Some(b'-' | b'_' | b'+' | b'.') => i += 1,
            Some(b':') => break,
            _ => return false,
        }
    }
    let hex = &b[i + 1..];
    hex.len() >= DIGEST_HEX_MIN && hex.iter().all(u8::is_ascii_hexdigit)
}

/// `^alphanumeric(?:separator alphanumeric)*$` with
/// `separator = (?:[._]|__|[-]+)` (v0.6.0) or `(?:[._]|__|[-]*)`
/// (docker/distribution): both accept the same language.
fn is_path_component(b: &[u8]) -> bool {
    let n = b.len();
    let mut i = 0;
    loop {
        let start = i;
        while i < n && is_lower_alnum(b[i]) {
            i += 1;
        }
        if i == start {
            // Empty component, leading separator, or a separator not
            // followed by an alphanumeric run.
            return false;
        }
        if i == n {
            return true;
        }
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < n && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < n && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `^pathComponent(?:/pathComponent)*$` (the "remote name").
pub(super) fn is_remote_name(s: &str) -> bool {
    s.as_bytes().split(|&c| c == b'/').all(is_path_component)
}

/// `^domainNameComponent(?:\.domainNameComponent)*$` with
/// `domainNameComponent = (?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`.
/// IPv4 addresses are matched by this too.
fn is_domain_name(b: &[u8]) -> bool {
    b.split(|&c| c == b'.')
        .all(|comp| match (comp.first(), comp.last()) {
            (Some(&first), Some(&last)) => {
                first != b'-'
                    && last != b'-'
                    && comp.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
            }
            _ => false,
        })
}

/// `^(?::[0-9]+)?$`
fn is_optional_port(b: &[u8]) -> bool {
    match b.split_first() {
        None => true,
        Some((b':', digits)) => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

/// `^(?:domainName|ipv6address)(?::[0-9]+)?$`; `ipv6address =
/// \[(?:[a-fA-F0-9:]+)\]` exists only when `ipv6` is true
/// (docker/distribution v2.8 had no bracketed hosts).
fn is_domain_and_port(b: &[u8], ipv6: bool) -> bool {
    if ipv6 && b.first() == Some(&b'[') {
        // The bracket content cannot contain `]`, so the host ends at the
        // first `]`.
        let Some(close) = b.iter().position(|&c| c == b']') else {
            return false;
        };
        let inner = &b[1..close];
        return !inner.is_empty()
            && inner.iter().all(|&c| c.is_ascii_hexdigit() || c == b':')
            && is_optional_port(&b[close + 1..]);
    }
    // A domain name has no `:`, so the port (if any) starts at the first `:`.
    let split = b.iter().position(|&c| c == b':').unwrap_or(b.len());
    is_domain_name(&b[..split]) && is_optional_port(&b[split..])
}

/// `anchoredNamePat = ^(?:(domainAndPort)/)?(remoteName)$` with RE2's
/// leftmost-first preference for the optional domain. Returns
/// `Some((domain, path))` when the name matches `namePat` at all; the domain is
/// `""` when only the no-domain alternative matches (e.g. `my_registry.com/app`).
pub(super) fn split_name(name: &str, ipv6: bool) -> Option<(&str, &str)> {
    // `domainAndPort` cannot contain `/`, so the only candidate domain is the
    // text before the first `/`.
    if let Some(slash) = name.find('/') {
        let (domain, path) = (&name[..slash], &name[slash + 1..]);
        if is_domain_and_port(domain.as_bytes(), ipv6) && is_remote_name(path) {
            return Some((domain, path));
        }
    }
    is_remote_name(name).then_some(("", name))
}

/// Full match of `ReferencePat = ^(namePat)(?::(tag))?(?:@(digestPat))?$`.
///
/// The split is unique, which is why no backtracking is needed:
/// * no group but the digest may follow an `@`, and none of them contains
///   one, so the digest is everything after the first `@`;
/// * a tag contains neither `:` nor `/`, and every `:` inside a name belongs
///   to its domain and so is followed by a `/`; hence a tag exists exactly
///   when the text after the last `:` (before the `@`) contains no `/`.
pub(super) fn match_reference(s: &str, ipv6: bool) -> Option<Matched<'_>> {
    let (left, digest) = match s.find('@') {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    if digest.is_some_and(|d| !is_digest_pattern(d)) {
        return None;
    }
    let (name, tag) = match left.rfind(':') {
        Some(colon) if !left[colon + 1..].contains('/') => {
            (&left[..colon], Some(&left[colon + 1..]))
        }
        _ => (left, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) {
        return None;
    }
    split_name(name, ipv6)?;
    Some(Matched { name, tag, digest })
}

/// `^[a-f0-9]{64}$` (`anchoredIdentifierRegexp`).
pub(super) fn is_identifier(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// go-digest v1.0.0 `^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$`
/// (`DigestRegexpAnchored`), used to choose between "unsupported" and
/// "invalid format" for unknown algorithms.
fn is_go_digest_pattern(s: &str) -> bool {
    let Some((alg, encoded)) = s.split_once(':') else {
        return false;
    };
    let alg_ok = alg
        .as_bytes()
        .split(|&c| matches!(c, b'.' | b'+' | b'_' | b'-'))
        .all(|comp| !comp.is_empty() && comp.iter().all(|&c| is_lower_alnum(c)));
    alg_ok
        && !encoded.is_empty()
        && encoded
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'=' | b'_' | b'-'))
}

/// go-digest v1.0.0 `Digest.Validate` with the algorithms Kubernetes links in
/// (`crypto/sha256` and `crypto/sha512`: sha256, sha384, sha512).
pub(super) fn validate_digest(s: &str) -> Result<(), ReferenceError> {
    let colon = match s.find(':') {
        Some(i) if i > 0 && i + 1 < s.len() => i,
        _ => return Err(ReferenceError::DigestInvalidFormat),
    };
    let (alg, encoded) = (&s[..colon], &s[colon + 1..]);
    let hex_len = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ if is_go_digest_pattern(s) => return Err(ReferenceError::DigestUnsupported),
        _ => return Err(ReferenceError::DigestInvalidFormat),
    };
    if encoded.len() != hex_len {
        return Err(ReferenceError::DigestInvalidLength);
    }
    if encoded
        .bytes()
        .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    {
        Ok(())
    } else {
        Err(ReferenceError::DigestInvalidFormat)
    }
}
