//! Classifying a failure text (PF §3.2): peel the kubelet's wrappers (gRPC status,
//! aggregate brackets, CRI error prefixes), read the runtime and its version markers off
//! the runtime's own wrappers, and match the classes in the spec's precedence.

use super::facts::{self, RUNTIME_TEXTS};
use super::text::go_unquote;
use super::types::{FailureClass, Marker, Part, Wrapper};

/// A classified failure text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Classified {
    pub class: Option<FailureClass>,
    /// The runtime's text, the kubelet's wrappers peeled (for an aggregate: the primary
    /// part's).
    pub message: String,
    /// The innermost cause: the runtime's wrappers peeled too.
    pub cause: String,
    pub grpc_code: Option<String>,
    pub wrappers: Vec<Wrapper>,
    pub parts: Vec<Part>,
    pub markers: Vec<Marker>,
    /// The image as the runtime names it.
    pub runtime_ref: Option<String>,
    /// `RegistryUnavailable` or `SignatureValidationFailed` led the CRI error.
    pub cri_reason: Option<&'static str>,
}

/// Classifies `text`, a CRI error as the kubelet shows it (after `Failed to pull image
/// "<I>": `, `Failed to inspect image "…": `, or as a waiting message). `pull` tells
/// whether it came from `PullImage` (whose `Unknown` code the kubelet strips from 1.28
/// on; `ImageStatus` errors keep it, PF §2.2).
pub(crate) fn classify(text: &str, pull: bool, cri: Option<&'static str>) -> Classified {
    let mut c = Classified {
        cri_reason: cri,
        ..Classified::default()
    };
    let mut t = text.trim();
    // Several credentials: `[a, b]` (PF §2.2 rule 5); a missing `]` is a truncation
    // (PF S6).
    if let Some(inner) = t.strip_prefix('[') {
        c.wrappers.push(Wrapper::Aggregate);
        let inner = inner.strip_suffix(']').unwrap_or(inner);
        let parts = split_aggregate(inner);
        if parts.len() > 1 {
            let classified: Vec<Classified> =
                parts.iter().map(|p| classify(p, pull, None)).collect();
            let primary = classified
                .iter()
                .position(|p| !p.class.is_some_and(FailureClass::is_auth))
                .unwrap_or(0);
            for (i, p) in classified.iter().enumerate() {
                c.parts.push(Part {
                    class: p.class.unwrap_or(FailureClass::Unknown),
                    message: p.message.clone(),
                    primary: i == primary,
                });
                for m in &p.markers {
                    push_marker(&mut c.markers, *m);
                }
            }
            let p = &classified[primary];
            c.class = p.class;
            c.message = p.message.clone();
            c.cause = p.cause.clone();
            c.grpc_code = p.grpc_code.clone();
            c.wrappers.extend(p.wrappers.iter().copied());
            c.runtime_ref = p.runtime_ref.clone();
            return c;
        }
        t = parts.first().copied().unwrap_or(inner);
    }
    // The gRPC status and the CRI error prefixes.
    loop {
        if let Some(rest) = strip_ws(t, facts::RPC_ERROR)
            && let Some((code, desc)) = split_ws(rest, facts::RPC_DESC)
            && facts::is_grpc_code(code)
        {
            if c.grpc_code.is_none() {
                c.grpc_code = Some(code.to_owned());
            }
            if pull && (code == "Unknown" || code == "2") {
                push_marker(&mut c.markers, Marker::KubeletUnknownCodeKept);
            }
            c.wrappers.push(Wrapper::Grpc);
            t = desc;
            continue;
        }
        let mut cri = false;
        for (prefix, wrapper) in [
            (facts::REGISTRY_UNAVAILABLE, Wrapper::RegistryUnavailable),
            (
                facts::SIGNATURE_VALIDATION_FAILED,
                Wrapper::SignatureValidationFailed,
            ),
        ] {
            if let Some(rest) = t.strip_prefix(prefix)
                && (rest.is_empty() || rest.starts_with(':'))
            {
                c.wrappers.push(wrapper);
                c.cri_reason = Some(prefix);
                t = rest.strip_prefix(':').unwrap_or(rest).trim_start();
                cri = true;
            }
        }
        if !cri {
            break;
        }
    }
    c.message = t.to_owned();
    let normalized = normalize(t);
    runtime_markers(t, &normalized, c.cri_reason, &mut c.markers);
    c.runtime_ref = runtime_ref(t);
    c.cause = peel_runtime(t, &mut c.wrappers).to_owned();
    // CRI-O's mirrors (PF S35): each location's error is a part.
    let mirrors = mirror_parts(t);
    c.class = Some(class_of(&normalized, c.cri_reason, c.grpc_code.as_deref()));
    if mirrors.len() > 1 {
        let mut primary_set = false;
        for m in mirrors {
            let class = class_of(&normalize(m), None, None);
            let primary = !primary_set && Some(class) == c.class;
            primary_set |= primary;
            c.parts.push(Part {
                class,
                message: m.to_owned(),
                primary,
            });
        }
    }
    c
}

/// `t` without `prefix`, where each space of `prefix` matches a run of whitespace in
/// `t` (a line break of a wrapped paste, PF S10).
pub(crate) fn strip_ws<'t>(t: &'t str, prefix: &str) -> Option<&'t str> {
    let mut rest = t;
    for c in prefix.chars() {
        if c == ' ' {
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return None;
            }
            rest = trimmed;
        } else {
            rest = rest.strip_prefix(c)?;
        }
    }
    Some(rest)
}

/// `t` split around the first `sep`, spaces of `sep` matching whitespace runs.
fn split_ws<'t>(t: &'t str, sep: &str) -> Option<(&'t str, &'t str)> {
    let first = sep.trim_start().chars().next()?;
    let mut from = 0;
    while let Some(i) = t[from..].find(first) {
        let at = from + i;
        // Back up over the whitespace `sep` starts with.
        let start = if sep.starts_with(' ') {
            let before = t[..at].trim_end();
            if before.len() == at {
                from = at + first.len_utf8();
                continue;
            }
            before.len()
        } else {
            at
        };
        if let Some(rest) = strip_ws(&t[start..], sep) {
            return Some((&t[..start], rest));
        }
        from = at + first.len_utf8();
    }
    None
}

fn push_marker(markers: &mut Vec<Marker>, m: Marker) {
    if !markers.contains(&m) {
        markers.push(m);
    }
}

/// Splits an aggregate's inside at `, ` followed by a known error start (PF §2.2 rule
/// 5, **Inference**).
fn split_aggregate(inner: &str) -> Vec<&str> {
    const STARTS: [&str; 8] = [
        "rpc error:",
        "failed to pull and unpack image",
        "unable to pull image",
        "initializing source",
        "Error response from daemon",
        "RegistryUnavailable:",
        "SignatureValidationFailed:",
        "pull QPS exceeded",
    ];
    let mut parts = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(i) = inner[search..].find(", ") {
        let at = search + i;
        let next = &inner[at + 2..];
        if STARTS.iter().any(|s| next.starts_with(s)) {
            parts.push(&inner[from..at]);
            from = at + 2;
        }
        search = at + 2;
    }
    parts.push(&inner[from..]);
    parts
}

/// The bracketed locations of containers/image's `(Mirrors also failed: [<loc>: <err>]
/// …): <primary>: <err>` (c-image `docker_image_src.go:124`), and the primary's error
/// after the list when present.
fn mirror_parts(t: &str) -> Vec<&str> {
    let Some(i) = t.find("(Mirrors also failed:") else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let mut rest = &t[i..];
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        parts.push(after[..close].trim());
        rest = &after[close + 1..];
        if rest.trim_start().starts_with(')') {
            break;
        }
    }
    if let Some(primary) = rest.trim_start().strip_prefix("):") {
        let primary = primary.trim();
        if !primary.is_empty() {
            parts.push(primary);
        }
    }
    parts
}

/// Whitespace runs (line breaks of a wrapped or multi-line paste included) as one space.
pub(crate) fn normalize(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for (i, word) in t.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The runtime's own wrappers (PF §3.0), outermost first; the innermost cause.
fn peel_runtime<'t>(mut t: &'t str, wrappers: &mut Vec<Wrapper>) -> &'t str {
    loop {
        let before = t;
        for (prefix, wrapper) in [
            ("failed to pull and unpack image \"", Wrapper::PullAndUnpack),
            ("failed to resolve reference \"", Wrapper::ResolveReference),
        ] {
            if let Some(rest) = strip_ws(t, prefix)
                && let Some((_, after)) = go_unquote(rest)
                && let Some(a) = strip_ws(after, ": ")
            {
                wrappers.push(wrapper);
                t = a;
            }
        }
        for (prefix, wrapper) in [
            ("failed to resolve image: ", Wrapper::ResolveImage),
            ("failed to copy: ", Wrapper::Copy),
            ("httpReadSeeker: failed open: ", Wrapper::Copy),
            (
                "unable to pull image or OCI artifact: pull image err: ",
                Wrapper::CrioPull,
            ),
            (
                "unable to try pulling possible OCI artifact: ",
                Wrapper::CrioPull,
            ),
            ("unable to pull image: ", Wrapper::CrioPull),
            ("Error response from daemon: ", Wrapper::DaemonResponse),
        ] {
            if let Some(rest) = strip_ws(t, prefix) {
                if wrappers.last() != Some(&wrapper) || wrapper != Wrapper::Copy {
                    wrappers.push(wrapper);
                }
                t = rest;
            }
        }
        for prefix in ["initializing source ", "Error initializing source "] {
            if let Some(rest) = strip_ws(t, prefix)
                && let Some((_, after)) = split_ref_colon(rest)
            {
                wrappers.push(Wrapper::InitializingSource);
                t = after;
            }
        }
        // CRI-O 1.34+ adds `; artifact err: …` after the image error: the classifier
        // ignores it (PF §7 Q5).
        if std::ptr::eq(before, t) {
            break;
        }
    }
    match t.find("; artifact err: ") {
        Some(i) if wrappers.contains(&Wrapper::CrioPull) => &t[..i],
        _ => t,
    }
}

/// `<ref>: <rest>` where the reference is the first blank-free token and ends in `:`
/// (containers/image's `initializing source docker://<ref>: …`; the error may follow on
/// the next line, PF S35).
fn split_ref_colon(rest: &str) -> Option<(&str, &str)> {
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = rest[..end].strip_suffix(':')?;
    Some((token, rest[end..].trim_start()))
}

/// The image the runtime names: containerd `failed to pull and unpack image "<ref>"`,
/// containers/image `initializing source docker://<ref>:` and `reading manifest <tag> in
/// <repo>`, Docker `manifest for <ref> not found`.
fn runtime_ref(t: &str) -> Option<String> {
    if let Some(i) = t.find("failed to pull and unpack image \"") {
        return go_unquote(&t[i + "failed to pull and unpack image \"".len()..]).map(|(r, _)| r);
    }
    if let Some(i) = t.find("initializing source docker://") {
        let rest = &t[i + "initializing source docker://".len()..];
        let (reference, _) = split_ref_colon(rest)?;
        return Some(reference.to_owned());
    }
    for prefix in ["Error reading manifest ", "reading manifest "] {
        if let Some(i) = t.find(prefix) {
            let rest = &t[i + prefix.len()..];
            let (tag, rest) = rest.split_once(" in ")?;
            let repo = rest.split(": ").next()?;
            let sep = if tag.contains(':') { "@" } else { ":" };
            return Some(format!("{repo}{sep}{tag}"));
        }
    }
    // CRI-O's short names (PF S23–S25).
    if let Some(i) = t.find("but image name ") {
        let rest = &t[i + "but image name ".len()..];
        if let Some((r, _)) = rest.split_once(" returns ambiguous list") {
            return Some(r.to_owned());
        }
    }
    if let Some(i) = t.find("short-name \"") {
        return go_unquote(&t[i + "short-name \"".len()..]).map(|(r, _)| r);
    }
    if let Some(i) = t.find("manifest for ") {
        let rest = &t[i + "manifest for ".len()..];
        if let Some((r, _)) = rest.split_once(" not found") {
            return Some(r.to_owned());
        }
    }
    None
}

/// The runtime and version markers of a text (PF §3.0, §2.3).
pub(crate) fn runtime_markers(
    raw: &str,
    normalized: &str,
    cri_reason: Option<&str>,
    markers: &mut Vec<Marker>,
) {
    for rt in RUNTIME_TEXTS {
        if normalized.contains(rt.needle) {
            push_marker(markers, rt.marker);
        }
    }
    if let Some(i) = normalized.find("unexpected status: ") {
        let after = &normalized[i + "unexpected status: ".len()..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            push_marker(markers, Marker::ContainerdStatusNoMethod);
        }
    }
    if normalized.contains("unable to pull image: ") {
        push_marker(markers, Marker::CrioUnablePull136);
    }
    if let Some(i) = raw.find("unexpected status from GET request to")
        && raw[i..].contains('\n')
    {
        push_marker(markers, Marker::ContainerdFetcherJoinedBody);
    }
    match cri_reason {
        Some(facts::SIGNATURE_VALIDATION_FAILED) => push_marker(markers, Marker::CrioErrorPrefix),
        Some(_) if normalized.contains("pinging container registry") => {
            push_marker(markers, Marker::CrioErrorPrefix);
        }
        _ => {}
    }
}

fn any(t: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| t.contains(n))
}

/// The class of one (whitespace-normalized) text, in the precedence of PF §3.2 step 3:
/// C17 → C15 → C14 → C11 → C12 → C5 → C6 → C7 → C8 → C9 → C10 → C3 → C4 → C2 → C13 →
/// C1 → C18 → unknown. Token-endpoint failures are split (an **Inference** decision):
/// `failed to fetch oauth token` with 401/403 (credentials sent and refused) and
/// `invalid username/password` are C3 `bad-credentials`; `failed to fetch anonymous
/// token` with 401 (no credential was sent at all) is C16 `no-credentials`, with 403 it
/// is C4 `forbidden` (PF S7).
pub(crate) fn class_of(t: &str, cri_reason: Option<&str>, grpc: Option<&str>) -> FailureClass {
    use FailureClass as C;
    let server_error = any(
        t,
        &[
            "500 Internal Server Error",
            "502 Bad Gateway",
            "503 Service Unavailable",
            "504 Gateway Timeout",
        ],
    );
    if t.contains(facts::PULL_QPS) {
        return C::KubeletLocal;
    }
    if cri_reason == Some(facts::SIGNATURE_VALIDATION_FAILED)
        || any(
            t,
            &[
                "Source image rejected",
                "image verifier ",
                "blocking pull of ",
                "signature validation failed",
            ],
        )
    {
        return C::SignatureRejected;
    }
    if any(
        t,
        &[
            "short name mode is enforcing",
            "did not resolve to an alias",
            "no registries configured while trying to pull an unqualified image",
            "returns ambiguous list",
        ],
    ) {
        return C::ShortName;
    }
    if any(
        t,
        &[
            "no match for platform in manifest",
            "no image found in manifest list for architecture",
            "no image found in image index for",
            "no matching manifest for ",
        ],
    ) {
        return C::PlatformMismatch;
    }
    if any(
        t,
        &[
            "no space left on device",
            "failed to extract layer",
            "failed to register layer",
            "failed to unpack image on snapshotter",
            "mount callback failed",
            "archive/tar: invalid tar header",
            "failed to get reader from content store",
            "Error processing tar file",
        ],
    ) {
        return C::DiskFull;
    }
    if any(
        t,
        &[
            "toomanyrequests",
            "TOOMANYREQUESTS",
            "429 Too Many Requests",
            "too many requests to registry",
            "pull rate limit",
        ],
    ) {
        return C::RateLimited;
    }
    if any(
        t,
        &[
            "x509: ",
            "tls: failed to verify certificate",
            "certificate signed by unknown authority",
        ],
    ) {
        return C::TlsUntrusted;
    }
    if t.contains("server gave HTTP response to HTTPS client") {
        return C::HttpRegistry;
    }
    if any(
        t,
        &[
            "dial tcp: lookup ",
            "no such host",
            "server misbehaving",
            "Temporary failure in name resolution",
        ],
    ) || (t.contains("lookup ") && t.contains(":53"))
    {
        return C::Dns;
    }
    if any(
        t,
        &[
            "i/o timeout",
            "connection timed out",
            "connection refused",
            "no route to host",
            "network is unreachable",
            "connection reset by peer",
            "TLS handshake timeout",
            "Client.Timeout exceeded",
            "request canceled while waiting for connection",
            "unexpected EOF",
        ],
    ) || (cri_reason == Some(facts::REGISTRY_UNAVAILABLE) && !server_error)
    {
        return C::Network;
    }
    if any(
        t,
        &[
            "context canceled",
            "context deadline exceeded",
            "because of no progress",
        ],
    ) || matches!(grpc, Some("Canceled" | "DeadlineExceeded"))
    {
        return C::PullCancelled;
    }
    let unauthorized = t.contains("401 Unauthorized") || t.contains("401 ");
    let forbidden = t.contains("403 Forbidden");
    if t.contains("failed to fetch oauth token") && (unauthorized || forbidden) {
        return C::BadCredentials;
    }
    if t.contains("failed to fetch anonymous token") {
        if forbidden {
            return C::Forbidden;
        }
        if unauthorized {
            return C::NoCredentials;
        }
    }
    if any(
        t,
        &[
            "unable to retrieve auth token",
            "invalid username/password",
            "unexpected status: 401",
        ],
    ) {
        return C::BadCredentials;
    }
    if forbidden {
        return C::Forbidden;
    }
    if any(
        t,
        &[
            "pull access denied",
            "requested access to the resource is denied",
            "insufficient_scope",
            "authorization failed",
            "no basic auth credentials",
            "authentication required",
            "401 Unauthorized",
            "denied: ",
            "unauthorized: ",
        ],
    ) {
        return C::AccessDenied;
    }
    if any(
        t,
        &[
            "schema 1 image manifests are no longer supported",
            "no longer supported since containerd v2.0",
        ],
    ) || (t.contains("rejecting ") && t.contains(" byte manifest for "))
    {
        return C::UnsupportedContent;
    }
    if any(
        t,
        &[
            "manifest unknown",
            "name unknown",
            "repository name not known to registry",
            "404 Not Found",
            "404 page not found",
            "unknown: Not Found",
        ],
    ) || t.ends_with(": not found")
        || t.contains(": not found:")
        || (t.contains("content at ") && t.contains("not found"))
        || (t.contains("manifest for ") && t.contains(" not found"))
        || grpc == Some("NotFound")
    {
        return C::NotFound;
    }
    if server_error {
        return C::RegistryServerError;
    }
    C::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregates_split_at_known_starts() {
        let t = "[rpc error: code = NotFound desc = failed to pull and unpack image \"a\": no match for platform in manifest: not found, failed to pull and unpack image \"a\": failed to resolve reference \"a\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://a/oauth2/token?scope=x, y: 401 Unauthorized]";
        let c = classify(t, true, None);
        assert_eq!(c.class, Some(FailureClass::PlatformMismatch));
        assert_eq!(c.parts.len(), 2);
        assert_eq!(c.parts[1].class, FailureClass::NoCredentials);
        assert!(c.parts[0].primary && !c.parts[1].primary);
        assert_eq!(c.grpc_code.as_deref(), Some("NotFound"));
    }

    #[test]
    fn wrappers_peel_in_order() {
        let c = classify(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/busybox777:latest\": failed to resolve reference \"docker.io/library/busybox777:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
            true,
            None,
        );
        assert_eq!(c.class, Some(FailureClass::AccessDenied));
        assert_eq!(
            c.wrappers,
            [
                Wrapper::Grpc,
                Wrapper::PullAndUnpack,
                Wrapper::ResolveReference
            ]
        );
        assert!(c.cause.starts_with("pull access denied"));
        assert_eq!(
            c.runtime_ref.as_deref(),
            Some("docker.io/library/busybox777:latest")
        );
        assert!(c.markers.contains(&Marker::KubeletUnknownCodeKept));
        assert!(c.markers.contains(&Marker::ContainerdResolveReference));
    }

    #[test]
    fn precedence() {
        use FailureClass as C;
        for (t, class) in [
            (
                "dial tcp: lookup r on 127.0.0.53:53: read udp: i/o timeout",
                C::Dns,
            ),
            ("net/http: TLS handshake timeout", C::Network),
            (
                "x509: certificate signed by unknown authority",
                C::TlsUntrusted,
            ),
            (
                "no match for platform in manifest: not found",
                C::PlatformMismatch,
            ),
            (
                "failed to fetch oauth token: unexpected status: 401 Unauthorized",
                C::BadCredentials,
            ),
            (
                "failed to fetch anonymous token: unexpected status: 403 Forbidden",
                C::Forbidden,
            ),
            ("docker.io/library/nginx:9.9: not found", C::NotFound),
            ("image pull failed for unknown error", C::Unknown),
            (
                "unexpected status from HEAD request to https://r/v2/x/manifests/1: 503 Service Unavailable",
                C::RegistryServerError,
            ),
        ] {
            assert_eq!(class_of(t, None, None), class, "{t}");
        }
        assert_eq!(class_of("x", Some("RegistryUnavailable"), None), C::Network);
        assert_eq!(class_of("x", None, Some("Canceled")), C::PullCancelled);
    }

    #[test]
    fn wrapped_lines_peel() {
        let c = classify(
            "rpc error: code = Unknown\ndesc = failed to pull and unpack image \"d/b:latest\": failed to copy: httpReadSeeker: failed open:\nunexpected status code https://r/x:\n429 Too Many Requests",
            true,
            None,
        );
        assert_eq!(c.grpc_code.as_deref(), Some("Unknown"));
        assert!(c.message.starts_with("failed to pull and unpack image"));
        assert_eq!(
            c.cause,
            "unexpected status code https://r/x:\n429 Too Many Requests"
        );
        assert_eq!(c.class, Some(FailureClass::RateLimited));
        assert_eq!(split_ws("a\n desc = b", " desc = "), Some(("a", "b")));
        assert_eq!(strip_ws("x\ny", "x y"), Some(""));
    }

    #[test]
    fn mirrors() {
        let t = "initializing source docker://gke-nvidia-installer:fixed:\n(Mirrors also failed: \n [mirror.gcr.io/library/gke-nvidia-installer:fixed: manifest unknown]\n [registry-1.docker.io/library/gke-nvidia-installer:fixed: requested access to the resource is denied])";
        let c = classify(t, true, None);
        assert_eq!(c.class, Some(FailureClass::AccessDenied));
        assert_eq!(c.parts.len(), 2);
        assert_eq!(c.parts[0].class, FailureClass::NotFound);
        assert!(c.parts[1].primary);
        assert_eq!(c.runtime_ref.as_deref(), Some("gke-nvidia-installer:fixed"));
    }
}
