//! The scenario as `name=value` pairs: in share links (after the manifest) and in
//! the saved state. Only values that differ from the defaults are written; unknown
//! names and unreadable values are ignored, so old links keep working.
//!
//! | name | value |
//! | --- | --- |
//! | `k8s` | `1.28` … `1.37` |
//! | `node` | `absent`, `present`, `stale`, `preloaded` |
//! | `registry` | `reachable`, `unreachable`, `not-found` |
//! | `credentials` | `public`, `valid`, `missing` |
//! | `always-pull-images` | `1` |
//! | `ensure-secret-pulled-images` | `on`, `off` |
//! | `verification` | `NeverVerify`, `NeverVerifyPreloadedImages`, … |
//! | `allowlist` | comma-separated image prefixes (percent-encoded) |
//! | `override` | `image,node,registry,credentials` (image percent-encoded; empty = inherit); repeatable |

use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
};
use std::fmt::Write as _;

/// Appends `&name=value` for every non-default setting.
pub fn write(options: &Options, out: &mut String) {
    let s = &options.scenario;
    let d = Options::default();
    if options.kubernetes_version != d.kubernetes_version {
        let _ = write!(out, "&k8s={}", options.kubernetes_version);
    }
    if s.node_image != d.scenario.node_image {
        let _ = write!(out, "&node={}", s.node_image.as_str());
    }
    if s.registry != d.scenario.registry {
        let _ = write!(out, "&registry={}", s.registry.as_str());
    }
    if s.credentials != d.scenario.credentials {
        let _ = write!(out, "&credentials={}", s.credentials.as_str());
    }
    if s.always_pull_images {
        out.push_str("&always-pull-images=1");
    }
    if let Some(on) = s.ensure_secret_pulled_images {
        let _ = write!(
            out,
            "&ensure-secret-pulled-images={}",
            if on { "on" } else { "off" }
        );
    }
    if s.credential_verification != d.scenario.credential_verification {
        let _ = write!(out, "&verification={}", s.credential_verification.as_str());
    }
    if !s.allowlist.is_empty() {
        out.push_str("&allowlist=");
        for (i, item) in s.allowlist.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            encode_into(item, out);
        }
    }
    // An override with no image matches nothing, and `read` drops it: skip it so
    // that a link reads back as it was written.
    for o in s.overrides.iter().filter(|o| !o.image.is_empty()) {
        out.push_str("&override=");
        encode_into(&o.image, out);
        out.push(',');
        out.push_str(o.node_image.map_or("", NodeImage::as_str));
        out.push(',');
        out.push_str(o.registry.map_or("", Registry::as_str));
        out.push(',');
        out.push_str(o.credentials.map_or("", Credentials::as_str));
    }
}

/// The options named by `pairs` (defaults for the rest). A slice, not an iterator:
/// one copy of this function in the bundle for both callers.
pub fn read(pairs: &[(&str, &str)]) -> Options {
    let mut o = Options::default();
    let s = &mut o.scenario;
    for &(key, value) in pairs {
        match key {
            "k8s" => {
                if let Some(v) = version(&decode(value)) {
                    o.kubernetes_version = v;
                }
            }
            "node" => s.node_image = NodeImage::from_name(value).unwrap_or(s.node_image),
            "registry" => s.registry = Registry::from_name(value).unwrap_or(s.registry),
            "credentials" => s.credentials = Credentials::from_name(value).unwrap_or(s.credentials),
            "always-pull-images" => s.always_pull_images = matches!(value, "1" | "true" | "on"),
            "ensure-secret-pulled-images" => {
                s.ensure_secret_pulled_images = match value {
                    "on" | "1" | "true" => Some(true),
                    "off" | "0" | "false" => Some(false),
                    _ => None,
                }
            }
            "verification" => {
                s.credential_verification =
                    CredentialVerification::from_name(value).unwrap_or(s.credential_verification)
            }
            "allowlist" => {
                s.allowlist = value
                    .split(',')
                    .map(decode)
                    .filter(|v| !v.is_empty())
                    .collect()
            }
            "override" => {
                let mut parts = value.split(',');
                let image = decode(parts.next().unwrap_or(""));
                let o = ImageOverride {
                    image,
                    node_image: parts.next().and_then(NodeImage::from_name),
                    registry: parts.next().and_then(Registry::from_name),
                    credentials: parts.next().and_then(Credentials::from_name),
                };
                // The core applies the first override for an image; keep that one.
                if !o.image.is_empty() && !s.overrides.iter().any(|x| x.image == o.image) {
                    s.overrides.push(o);
                }
            }
            _ => {}
        }
    }
    o
}

/// `1.34`, `v1.34` or `1.34.2`, when supported: what [`KubeVersion::parse`] accepts,
/// without building its error message (whose `{:?}` formatting would cost the bundle
/// about 1 KB gzip for a message the playground never shows).
pub fn version(text: &str) -> Option<KubeVersion> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    match (parts.next(), parts.next()) {
        (Some("1"), Some(minor)) => minor.parse::<u8>().ok().and_then(KubeVersion::new),
        _ => None,
    }
}

/// Reads `a=b&c=d` (no leading `&`).
pub fn read_query(query: &str) -> Options {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    read(&pairs)
}

/// Percent-encodes everything but unreserved characters and `:/@`, which image
/// references are made of and which are safe in a fragment.
pub fn encode_into(text: &str, out: &mut String) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'@')
        {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Undoes percent-encoding; invalid escapes stay as written.
pub fn decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips() {
        for t in [
            "a,b&c=d",
            "é 🐳",
            "registry:5000/x@sha256:00",
            "%zz",
            "100%",
        ] {
            let mut e = String::new();
            encode_into(t, &mut e);
            assert!(!e.contains(['&', ',', '=', ' ']));
            assert_eq!(decode(&e), t);
        }
        assert_eq!(decode("%zz"), "%zz");
    }

    #[test]
    fn unknown_and_bad_values_are_ignored() {
        let o = read_query("node=floating&k8s=2.0&x=y&registry=not-found");
        assert_eq!(o.scenario.node_image, NodeImage::Absent);
        assert_eq!(o.kubernetes_version, KubeVersion::default());
        assert_eq!(o.scenario.registry, Registry::NotFound);
    }

    fn ov(image: &str, node: NodeImage) -> ImageOverride {
        ImageOverride {
            image: image.into(),
            node_image: Some(node),
            ..ImageOverride::default()
        }
    }

    #[test]
    fn overrides_without_an_image_are_not_written() {
        let mut o = Options::default();
        o.scenario.overrides = vec![ov("", NodeImage::Present), ov("nginx", NodeImage::Stale)];
        let mut out = String::new();
        write(&o, &mut out);
        assert_eq!(out, "&override=nginx,stale,,");
        let back = read_query(out.trim_start_matches('&'));
        assert_eq!(back.scenario.overrides, vec![ov("nginx", NodeImage::Stale)]);
    }

    #[test]
    fn the_first_override_for_an_image_wins() {
        // As in the core (kubelet `conditions_for`): the first matching override applies.
        let o = read_query("override=nginx,present,,&override=app,stale,,&override=nginx,stale,,");
        assert_eq!(
            o.scenario.overrides,
            vec![ov("nginx", NodeImage::Present), ov("app", NodeImage::Stale)]
        );
        let mut out = String::new();
        write(&o, &mut out);
        assert_eq!(read_query(out.trim_start_matches('&')), o);
    }

    #[test]
    fn versions_read_like_the_core() {
        for t in [
            "1.34", "v1.28", "1.36.2", " 1.30 ", "1.27", "2.30", "1.x", "", "1", "1.300",
        ] {
            assert_eq!(version(t), KubeVersion::parse(t).ok(), "{t}");
        }
    }

    #[test]
    fn defaults_write_nothing() {
        let mut out = String::new();
        write(&Options::default(), &mut out);
        assert_eq!(out, "");
    }
}
