//! Links to the playground, built in one place: the percent-encoder, base64url, the
//! scenario as `name=value` parameters, and the share fragment (`#yaml=…`, `#z=…`).
//! The CLI's HTML fragment, the playground's share links, the embed page's "Open in the
//! playground" and the web component's link all come from here.
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
//!
//! Only values that differ from the defaults are written; unknown names and unreadable
//! values are ignored when read, so old links keep working.

use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
};

/// Which bytes the percent-encoder keeps as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// RFC 3986's unreserved characters only.
    Unreserved,
    /// Unreserved characters and `:/@` (what image references are made of; safe in a
    /// fragment's parameter value).
    Image,
    /// Unreserved characters and `/` (a relative path).
    Path,
}

impl Keep {
    fn keeps(self, b: u8) -> bool {
        b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || match self {
                Keep::Unreserved => false,
                Keep::Image => matches!(b, b':' | b'/' | b'@'),
                Keep::Path => b == b'/',
            }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes `text` into `out`, keeping what `keep` keeps.
pub fn percent_encode_into(text: &str, keep: Keep, out: &mut String) {
    for b in text.bytes() {
        if keep.keeps(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Undoes percent-encoding; invalid escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| hex(*c)),
                b.get(i + 2).and_then(|c| hex(*c)),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// base64url without padding (RFC 4648 §5), appended to `out`.
pub fn base64url_into(bytes: &[u8], out: &mut String) {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
}

/// Appends `&name=value` for every setting that differs from the defaults.
pub fn write_params(options: &Options, out: &mut String) {
    let s = &options.scenario;
    let d = Options::default();
    let mut pair = |name: &str, value: &str| {
        out.push('&');
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    };
    if options.kubernetes_version != d.kubernetes_version {
        pair("k8s", &options.kubernetes_version.to_string());
    }
    if s.node_image != d.scenario.node_image {
        pair("node", s.node_image.as_str());
    }
    if s.registry != d.scenario.registry {
        pair("registry", s.registry.as_str());
    }
    if s.credentials != d.scenario.credentials {
        pair("credentials", s.credentials.as_str());
    }
    if s.always_pull_images {
        pair("always-pull-images", "1");
    }
    if let Some(on) = s.ensure_secret_pulled_images {
        pair("ensure-secret-pulled-images", if on { "on" } else { "off" });
    }
    if s.credential_verification != d.scenario.credential_verification {
        pair("verification", s.credential_verification.as_str());
    }
    if !s.allowlist.is_empty() {
        out.push_str("&allowlist=");
        for (i, item) in s.allowlist.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            percent_encode_into(item, Keep::Image, out);
        }
    }
    // An override with no image matches nothing, and `read_params` drops it: skip it so
    // that a link reads back as it was written.
    for o in s.overrides.iter().filter(|o| !o.image.is_empty()) {
        out.push_str("&override=");
        percent_encode_into(&o.image, Keep::Image, out);
        out.push(',');
        out.push_str(o.node_image.map_or("", NodeImage::as_str));
        out.push(',');
        out.push_str(o.registry.map_or("", Registry::as_str));
        out.push(',');
        out.push_str(o.credentials.map_or("", Credentials::as_str));
    }
}

/// The options named by `pairs` (defaults for the rest).
pub fn read_params(pairs: &[(&str, &str)]) -> Options {
    let mut o = Options::default();
    let s = &mut o.scenario;
    for &(key, value) in pairs {
        match key {
            "k8s" => {
                if let Some(v) = version(&percent_decode(value)) {
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
                    .map(percent_decode)
                    .filter(|v| !v.is_empty())
                    .collect()
            }
            "override" => {
                let mut parts = value.split(',');
                let image = percent_decode(parts.next().unwrap_or(""));
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

/// Reads `a=b&c=d` (no leading `&`).
pub fn read_query(query: &str) -> Options {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    read_params(&pairs)
}

/// `1.34`, `v1.34` or `1.34.2`, when supported: what [`KubeVersion::parse`] accepts,
/// without building its error message.
pub fn version(text: &str) -> Option<KubeVersion> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    match (parts.next(), parts.next()) {
        (Some("1"), Some(minor)) => minor.parse::<u8>().ok().and_then(KubeVersion::new),
        _ => None,
    }
}

/// The uncompressed share fragment, without `#`: `yaml=<base64url(UTF-8 text)>` and the
/// scenario's parameters.
pub fn fragment_plain(text: &str, options: &Options) -> String {
    let mut out = String::with_capacity(text.len() * 4 / 3 + 16);
    out.push_str("yaml=");
    base64url_into(text.as_bytes(), &mut out);
    write_params(options, &mut out);
    out
}

/// The compressed share fragment for a text already deflated (raw deflate), without
/// `#`: `z=<base64url>` and the scenario's parameters.
pub fn fragment_deflated(packed: &[u8], options: &Options) -> String {
    let mut out = String::with_capacity(packed.len() * 4 / 3 + 64);
    out.push_str("z=");
    base64url_into(packed, &mut out);
    write_params(options, &mut out);
    out
}

/// The playground's address, without a fragment: an `http://` or `https://` URL whose
/// characters are all safe in an attribute and a Markdown link (any other byte is
/// percent-encoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundBase(String);

impl PlaygroundBase {
    /// The base of `url` (its fragment dropped), if it is an `http(s)://` URL.
    pub fn parse(url: &str) -> Option<PlaygroundBase> {
        let url = url.split('#').next().unwrap_or(url);
        let scheme = url.as_bytes().iter().take(8).map(u8::to_ascii_lowercase);
        if !(scheme.clone().eq(*b"https://") || scheme.take(7).eq(*b"http://")) {
            return None;
        }
        let mut out = String::with_capacity(url.len());
        for b in url.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~:/?[]@!$&*+,;=%".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
        Some(PlaygroundBase(out))
    }

    /// The playground's own page: links are in-page (`#faq-<id>`).
    pub fn this_page() -> PlaygroundBase {
        PlaygroundBase(String::new())
    }

    /// The URL (empty for [`PlaygroundBase::this_page`]).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The playground with `fragment` (one this module built).
    fn with(&self, fragment: &str) -> PlaygroundUrl {
        PlaygroundUrl(format!("{}#{fragment}", self.0))
    }

    /// A link that opens `text` under `options` (`#yaml=`).
    pub fn manifest(&self, text: &str, options: &Options) -> PlaygroundUrl {
        self.with(&fragment_plain(text, options))
    }

    /// A link with a compressed manifest (`#z=`, `packed` being raw deflate).
    pub fn deflated(&self, packed: &[u8], options: &Options) -> PlaygroundUrl {
        self.with(&fragment_deflated(packed, options))
    }
}

/// A URL of the playground made by this module: the only playground address that may
/// become a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundUrl(String);

impl PlaygroundUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fragment, without `#`.
    pub fn fragment(&self) -> &str {
        self.0.split_once('#').map_or("", |(_, f)| f)
    }
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
            percent_encode_into(t, Keep::Image, &mut e);
            assert!(!e.contains(['&', ',', '=', ' ']));
            assert_eq!(percent_decode(&e), t);
        }
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        let mut e = String::new();
        percent_encode_into("k8s/my app.yaml", Keep::Path, &mut e);
        assert_eq!(e, "k8s/my%20app.yaml");
    }

    #[test]
    fn base64url_is_rfc_4648() {
        for (bytes, b64) in [
            (&b""[..], ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
            (b"a: ~?>", "YTogfj8-"),
            (&[0xff, 0xfe, 0xfd][..], "__79"),
        ] {
            let mut out = String::new();
            base64url_into(bytes, &mut out);
            assert_eq!(out, b64);
        }
    }

    #[test]
    fn unknown_and_bad_values_are_ignored() {
        let o = read_query("node=floating&k8s=2.0&x=y&registry=not-found");
        assert_eq!(o.scenario.node_image, NodeImage::Absent);
        assert_eq!(o.kubernetes_version, KubeVersion::default());
        assert_eq!(o.scenario.registry, Registry::NotFound);
    }

    #[test]
    fn the_first_override_for_an_image_wins_and_empty_images_are_not_written() {
        let o = read_query("override=nginx,present,,&override=app,stale,,&override=nginx,stale,,");
        assert_eq!(o.scenario.overrides.len(), 2);
        assert_eq!(o.scenario.overrides[0].node_image, Some(NodeImage::Present));
        let mut out = String::new();
        write_params(&o, &mut out);
        assert_eq!(read_query(out.trim_start_matches('&')), o);
        let mut with_empty = o.clone();
        with_empty.scenario.overrides.push(ImageOverride::default());
        let mut again = String::new();
        write_params(&with_empty, &mut again);
        assert_eq!(again, out);
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
    fn links_carry_base64url_and_the_settings() {
        let base = PlaygroundBase::parse("https://p.example/#old").unwrap();
        assert_eq!(
            base.manifest("a: ~?>", &Options::default()).as_str(),
            "https://p.example/#yaml=YTogfj8-"
        );
        let mut o = Options::default();
        o.scenario.registry = Registry::Unreachable;
        o.scenario.allowlist = vec!["r.example/a b".to_owned()];
        let link = PlaygroundBase::parse("https://p.example/")
            .unwrap()
            .manifest("x", &o);
        assert_eq!(
            link.as_str(),
            "https://p.example/#yaml=eA&registry=unreachable&allowlist=r.example/a%20b"
        );
        assert_eq!(
            link.fragment(),
            "yaml=eA&registry=unreachable&allowlist=r.example/a%20b"
        );
        assert_eq!(
            PlaygroundBase::this_page()
                .manifest("x", &Options::default())
                .as_str(),
            "#yaml=eA"
        );
    }

    #[test]
    fn only_http_bases_and_only_safe_characters() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//p.example/",
            "p.example",
        ] {
            assert_eq!(PlaygroundBase::parse(bad), None, "{bad}");
        }
        let odd = PlaygroundBase::parse("HTTPS://p.example/a b/\"x\"<y>(z)'`|\\").unwrap();
        assert_eq!(
            odd.as_str(),
            "HTTPS://p.example/a%20b/%22x%22%3Cy%3E%28z%29%27%60%7C%5C"
        );
    }
}
