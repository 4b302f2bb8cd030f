//! Reading the kubelet's texts: its event and waiting messages (PS §4.3, PF §2.1),
//! kubectl's ages (`HumanDuration`, PF §1.1.5), RFC 3339 timestamps, Go-quoted strings.

use super::facts;

/// A time as the evidence gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum When {
    /// An age before the paste was taken: `min ≤ age ≤ max` seconds.
    Ago(u64, u64),
    /// A timestamp: seconds since the Unix epoch, and the text as written.
    At(i64, String),
}

/// kubectl's age (`HumanDuration`, apimachinery `duration.go`), as the interval of
/// seconds it stands for (PF §1.1.5): `14s` = [14, 14], `12m` = [720, 779], `5h` =
/// [18000, 18059] under 8 h, `20h` = [72000, 75599], `3d4h` = [273600, 277199], ….
/// `None` for `<unknown>`, `<invalid>` and anything else.
pub(crate) fn parse_age(token: &str) -> Option<(u64, u64)> {
    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    const YEAR: u64 = 365 * DAY;
    let mut parts: Vec<(u64, u8)> = Vec::new();
    let bytes = token.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i == bytes.len() || i - start > 12 {
            return None;
        }
        let n: u64 = token[start..i].parse().ok()?;
        let unit = bytes[i];
        if !matches!(unit, b'y' | b'd' | b'h' | b'm' | b's') {
            return None;
        }
        // Units in decreasing order, each once.
        let rank = |u: u8| match u {
            b'y' => 0,
            b'd' => 1,
            b'h' => 2,
            b'm' => 3,
            _ => 4,
        };
        if parts.last().is_some_and(|&(_, u)| rank(u) >= rank(unit)) {
            return None;
        }
        parts.push((n, unit));
        i += 1;
    }
    let seconds = parts.iter().try_fold(0u64, |acc, &(n, u)| {
        let scale = match u {
            b'y' => YEAR,
            b'd' => DAY,
            b'h' => HOUR,
            b'm' => MIN,
            _ => 1,
        };
        acc.checked_add(n.checked_mul(scale)?)
    })?;
    let units: Vec<u8> = parts.iter().map(|&(_, u)| u).collect();
    let first = parts.first()?.0;
    let precision = match units.as_slice() {
        [b's'] | [b'm', b's'] => 1,
        [b'm'] if first < 10 => 1,
        [b'm'] | [b'h', b'm'] => MIN,
        [b'h'] if first < 8 => MIN,
        [b'h'] | [b'd', b'h'] => HOUR,
        [b'd'] if first < 8 => HOUR,
        [b'd'] | [b'y', b'd'] => DAY,
        [b'y'] if first < 8 => DAY,
        [b'y'] => YEAR,
        _ => return None,
    };
    Some((seconds, seconds + precision - 1))
}

/// An age cell: `<age>` or `<age> (x<N> over <age>)` (PF §1.1.4). Returns (last seen,
/// count, first seen).
pub(crate) fn parse_age_cell(cell: &str) -> Option<AgeCell> {
    let cell = cell.trim();
    let (last, rest) = match cell.split_once(' ') {
        Some((a, r)) => (a, r.trim()),
        None => (cell, ""),
    };
    let last = parse_age(last);
    if rest.is_empty() {
        return last.map(|l| AgeCell {
            last: Some(l),
            count: None,
            first: None,
        });
    }
    let inner = rest.strip_prefix("(x")?.strip_suffix(')')?;
    let (n, over) = inner.split_once(" over ")?;
    Some(AgeCell {
        last,
        count: n.trim().parse().ok(),
        first: parse_age(over.trim()),
    })
}

/// A parsed age cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AgeCell {
    pub last: Option<(u64, u64)>,
    pub count: Option<u64>,
    pub first: Option<(u64, u64)>,
}

/// RFC 3339 (`2026-03-17T08:45:28Z`, fractions and offsets allowed) → seconds since the
/// Unix epoch. Pure arithmetic (days from the civil date), no clock.
pub(crate) fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let s = b.get(from..from + len)?;
        s.iter().all(u8::is_ascii_digit).then_some(())?;
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (h, mi, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let o = num(i + 1, 2)? * 3600 + num(i + 4, 2)? * 60;
            if sign == b'+' { o } else { -o }
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// A Go `%q` string that starts just after its opening quote: the unquoted text and what
/// follows the closing quote. Escapes `\"` and `\\` are undone; other escapes are kept
/// as written (image names never need them).
pub(crate) fn go_unquote(after_quote: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = after_quote.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &after_quote[i + 1..])),
            '\\' => match chars.next() {
                Some((_, e @ ('"' | '\\'))) => out.push(e),
                Some((_, e)) => {
                    out.push('\\');
                    out.push(e);
                }
                None => return None,
            },
            '\n' => return None,
            c => out.push(c),
        }
    }
    None
}

/// One kubelet message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Msg<'m> {
    /// `Pulling image "<I>"` (`legacy`: lower-case `pulling`).
    Pulling { image: String, legacy: bool },
    /// `Successfully pulled image "<I>" …` or `Container image "<I>" already present on
    /// machine[ and can be accessed by the pod]`.
    Pulled {
        image: String,
        present: bool,
        accessible: bool,
    },
    /// `Failed to pull image "<I>": <err>`.
    FailedToPull { image: String, err: &'m str },
    /// `Back-off pulling image "<I>"[: <Reason>: <message>]`.
    BackOff {
        image: String,
        previous: Option<(&'m str, &'m str)>,
    },
    /// `Container image "<I>" is not present with pull policy of Never`.
    NeverPull { image: String },
    /// `Failed to apply default image tag "<I>": <err>`.
    InvalidName { image: String, err: &'m str },
    /// `Failed to inspect image "<ref>": <err>`.
    Inspect { image: String, err: &'m str },
    /// `image pull failed for <I> because the registry is unavailable<rest>` (or the
    /// signature validation failed).
    PullFailedFor {
        image: &'m str,
        signature: bool,
        rest: &'m str,
    },
    /// `Error: <reason>`.
    Error { reason: &'m str },
    /// `Unable to retrieve some image pull secrets (<names>); …`.
    PullSecrets { names: &'m str },
    /// A runtime's (or gRPC) error text on its own.
    Runtime { err: &'m str },
    /// Anything else (`Scheduled`, `Started`, …).
    Other,
}

impl Msg<'_> {
    /// The image the message names (the kubelet's `<I>`).
    pub fn image(&self) -> Option<&str> {
        match self {
            Msg::Pulling { image, .. }
            | Msg::Pulled { image, .. }
            | Msg::FailedToPull { image, .. }
            | Msg::BackOff { image, .. }
            | Msg::NeverPull { image }
            | Msg::InvalidName { image, .. }
            | Msg::Inspect { image, .. } => Some(image),
            Msg::PullFailedFor { image, .. } => Some(image),
            _ => None,
        }
    }

    /// A failure of the image (not `Pulling`, `Pulled`, `Other`).
    pub fn is_failure(&self) -> bool {
        !matches!(self, Msg::Pulling { .. } | Msg::Pulled { .. } | Msg::Other)
    }
}

/// A message with the aggregator's prefix taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed<'m> {
    /// `(combined from similar events): ` was in front.
    pub combined: bool,
    pub msg: Msg<'m>,
}

/// Reads one message (an event's, a waiting message, or a log's text from a kubelet
/// signature on).
pub(crate) fn parse_message(text: &str) -> Parsed<'_> {
    let mut t = text.trim_start();
    let combined = match t.strip_prefix(facts::COMBINED) {
        Some(rest) => {
            t = rest;
            true
        }
        None => false,
    };
    Parsed {
        combined,
        msg: parse_plain(t),
    }
}

fn parse_plain(t: &str) -> Msg<'_> {
    if let Some(rest) = t.strip_prefix(facts::FAILED_TO_PULL)
        && let Some((image, after)) = go_unquote(rest)
    {
        let err = after
            .strip_prefix(": ")
            .unwrap_or(after.trim_start_matches(':'));
        return Msg::FailedToPull { image, err };
    }
    if let Some(rest) = t.strip_prefix(facts::BACK_OFF)
        && let Some((image, after)) = go_unquote(rest)
    {
        let previous = after.strip_prefix(": ").and_then(|p| {
            let (reason, msg) = p.split_once(": ").unwrap_or((p, ""));
            (!reason.is_empty() && !reason.contains(char::is_whitespace)).then_some((reason, msg))
        });
        return Msg::BackOff { image, previous };
    }
    for (prefix, legacy) in [(facts::PULLING, false), (facts::PULLING_LEGACY, true)] {
        if let Some(rest) = t.strip_prefix(prefix)
            && let Some((image, _)) = go_unquote(rest)
        {
            return Msg::Pulling { image, legacy };
        }
    }
    if let Some(rest) = t.strip_prefix(facts::PULLED)
        && let Some((image, _)) = go_unquote(rest)
    {
        return Msg::Pulled {
            image,
            present: false,
            accessible: false,
        };
    }
    if let Some(rest) = t.strip_prefix(facts::CONTAINER_IMAGE)
        && let Some((image, after)) = go_unquote(rest)
    {
        if after.starts_with(facts::NOT_PRESENT_NEVER) {
            return Msg::NeverPull { image };
        }
        if let Some(tail) = after.strip_prefix(facts::ALREADY_PRESENT) {
            return Msg::Pulled {
                image,
                present: true,
                accessible: tail.starts_with(facts::CAN_BE_ACCESSED),
            };
        }
    }
    if let Some(rest) = t.strip_prefix(facts::DEFAULT_TAG)
        && let Some((image, after)) = go_unquote(rest)
    {
        let err = after.strip_prefix(": ").unwrap_or(after);
        return Msg::InvalidName { image, err };
    }
    if let Some(rest) = t.strip_prefix(facts::INSPECT)
        && let Some((image, after)) = go_unquote(rest)
    {
        let err = after.strip_prefix(": ").unwrap_or(after);
        return Msg::Inspect { image, err };
    }
    if let Some(rest) = t.strip_prefix(facts::PULL_FAILED_FOR) {
        for (because, signature) in [
            (facts::BECAUSE_UNAVAILABLE, false),
            (facts::BECAUSE_SIGNATURE, true),
        ] {
            if let Some(i) = rest.find(because) {
                return Msg::PullFailedFor {
                    image: &rest[..i],
                    signature,
                    rest: &rest[i + because.len()..],
                };
            }
        }
    }
    if let Some(rest) = t.strip_prefix(facts::ERROR_EVENT) {
        let reason = rest.trim();
        if !reason.is_empty() {
            return Msg::Error { reason };
        }
    }
    if let Some(rest) = t.strip_prefix(facts::PULL_SECRETS) {
        let names = rest.split_once(')').map_or(rest, |(n, _)| n);
        return Msg::PullSecrets { names };
    }
    // `runtime_start(t) == Some(0)`: the earliest start is at 0 when one starts there.
    if RUNTIME_STARTS.iter().any(|s| t.starts_with(s)) {
        return Msg::Runtime { err: t };
    }
    // A back-off message cut short by the paste (`Back-off pull`, PF S15).
    let cut = t.trim_end();
    if cut.len() >= "Back-off pull".len() && facts::BACK_OFF.starts_with(cut) {
        return Msg::BackOff {
            image: String::new(),
            previous: None,
        };
    }
    Msg::Other
}

/// Where a kubelet message starts in free text: the earliest of the kubelet's own
/// message beginnings (`Failed to pull image "`, `Back-off pulling image "`, …).
pub(crate) fn kubelet_start(text: &str) -> Option<usize> {
    const STARTS: [&str; 10] = [
        facts::COMBINED,
        facts::FAILED_TO_PULL,
        facts::BACK_OFF,
        facts::PULLING,
        facts::PULLED,
        facts::CONTAINER_IMAGE,
        facts::DEFAULT_TAG,
        facts::INSPECT,
        facts::PULL_SECRETS,
        facts::PULLING_LEGACY,
    ];
    let mut best: Option<usize> = None;
    for s in STARTS {
        if let Some(i) = text.find(s) {
            // `pulling image "` inside `Back-off pulling image "` is not a start.
            if s == facts::PULLING_LEGACY && text[..i].ends_with("Back-off ") {
                continue;
            }
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    if let Some(i) = text.find(facts::PULL_FAILED_FOR) {
        let rest = &text[i..];
        if rest.contains(facts::BECAUSE_UNAVAILABLE) || rest.contains(facts::BECAUSE_SIGNATURE) {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    best
}

/// The beginnings of a runtime's error texts (PF §3.0).
const RUNTIME_STARTS: [&str; 20] = [
    facts::RPC_ERROR,
    "failed to pull and unpack image \"",
    "failed to resolve reference \"",
    "failed to resolve image: ",
    "failed to do request: ",
    "Error initializing source ",
    "initializing source ",
    "Error response from daemon: ",
    "pinging container registry ",
    "short name mode is enforcing",
    "short-name \"",
    "unable to pull image",
    "unable to try pulling possible OCI artifact",
    "Error reading manifest ",
    "reading manifest ",
    "failed to register layer",
    facts::PULL_QPS,
    "RegistryUnavailable: ",
    "SignatureValidationFailed: ",
    "toomanyrequests:",
];

/// Where a runtime's error text (or the gRPC status around it) starts in free text,
/// when no kubelet message frames it (PF §3.0 texts; PF S13, S22, S35, S36).
pub(crate) fn runtime_start(text: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for s in RUNTIME_STARTS {
        if let Some(i) = text.find(s) {
            // `reading manifest` inside `Error reading manifest`, `initializing source`
            // inside `Error initializing source`: the longer start wins.
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_intervals() {
        assert_eq!(parse_age("14s"), Some((14, 14)));
        assert_eq!(parse_age("4m10s"), Some((250, 250)));
        assert_eq!(parse_age("3m"), Some((180, 180)));
        assert_eq!(parse_age("10m"), Some((600, 659)));
        assert_eq!(parse_age("2h5m"), Some((7500, 7559)));
        assert_eq!(parse_age("5h"), Some((18000, 18059)));
        assert_eq!(parse_age("20h"), Some((72000, 75599)));
        assert_eq!(parse_age("3d4h"), Some((273_600, 277_199)));
        assert_eq!(parse_age("10d"), Some((864_000, 950_399)));
        assert_eq!(parse_age("9y"), Some((9 * 31_536_000, 10 * 31_536_000 - 1)));
        for bad in [
            "",
            "<unknown>",
            "<invalid>",
            "5",
            "s",
            "1s2m",
            "1x",
            "99999999999999s",
        ] {
            assert_eq!(parse_age(bad), None, "{bad}");
        }
    }

    #[test]
    fn age_cells_with_counts() {
        let c = parse_age_cell("4m10s (x243 over 20h)").unwrap();
        assert_eq!(c.last, Some((250, 250)));
        assert_eq!(c.count, Some(243));
        assert_eq!(c.first, Some((72000, 75599)));
        assert_eq!(parse_age_cell("32s").unwrap().count, None);
        assert_eq!(parse_age_cell("32s (x2"), None);
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_timestamp("2026-03-17T08:45:28Z"), Some(1_773_737_128));
        assert_eq!(
            parse_timestamp("2026-03-17T09:45:28.123456+01:00"),
            Some(1_773_737_128)
        );
        assert_eq!(parse_timestamp("2026-13-17T08:45:28Z"), None);
        assert_eq!(parse_timestamp("null"), None);
        assert_eq!(parse_timestamp("2026-03-17T08:45:28"), None);
    }

    #[test]
    fn kubelet_messages() {
        let p = parse_message("Failed to pull image \"nginx:9.9\": rpc error: x");
        assert_eq!(
            p.msg,
            Msg::FailedToPull {
                image: "nginx:9.9".into(),
                err: "rpc error: x"
            }
        );
        let p = parse_message(
            "(combined from similar events): Back-off pulling image \"a/b\": ErrImagePull: boom: x",
        );
        assert!(p.combined);
        assert_eq!(
            p.msg,
            Msg::BackOff {
                image: "a/b".into(),
                previous: Some(("ErrImagePull", "boom: x"))
            }
        );
        assert_eq!(
            parse_message("Container image \"n:1\" is not present with pull policy of Never").msg,
            Msg::NeverPull {
                image: "n:1".into()
            }
        );
        assert_eq!(
            parse_message("Error: ErrImagePull").msg,
            Msg::Error {
                reason: "ErrImagePull"
            }
        );
        assert_eq!(
            parse_message("image pull failed for a:1 because the registry is unavailable: x").msg,
            Msg::PullFailedFor {
                image: "a:1",
                signature: false,
                rest: ": x"
            }
        );
        assert_eq!(parse_message("Successfully assigned x").msg, Msg::Other);
        assert_eq!(go_unquote(r#"a\"b" rest"#), Some(("a\"b".into(), " rest")));
        assert_eq!(go_unquote("unterminated"), None);
    }

    #[test]
    fn starts_in_free_text() {
        let t = "FATA[0000] pulling image failed: rpc error: code = Unknown desc = x";
        assert_eq!(runtime_start(t), Some(33));
        assert_eq!(kubelet_start(t), None);
        let t = "x Back-off pulling image \"a\"";
        assert_eq!(kubelet_start(t), Some(2));
    }
}
