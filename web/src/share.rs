//! Share links: the manifest and the non-default scenario in the URL fragment.
//!
//! Two forms are read, one is written:
//!
//! - `#z=<base64url(raw deflate(UTF-8 text))>` — written by "Copy link";
//! - `#yaml=<base64url(UTF-8 text)>` — uncompressed and hand-writable; padding and
//!   the standard alphabet (`+`, `/`) are accepted too.
//!
//! Scenario settings follow as `&name=value` pairs, only when they differ from the
//! defaults, so a link stays short and readable. The fragment never reaches a
//! server, and both forms round-trip the text byte for byte (Unicode, CRLF).
//!
//! The page does not carry the inflater: it reads a `#z=` link with [`decode_with`],
//! the share-link codec (`src/bin/pullpolicy_deferred.rs`, loaded by [`crate::codec`])
//! inflating what [`packed`] returns with [`inflate`]. [`decode`] is both in one call.

use crate::params;
use data_encoding::BASE64URL_NOPAD as B64;
use pullpolicy::Options;
use pullpolicy_view::share::{fragment_deflated, fragment_plain};

/// Links longer than this are flagged: some chat tools and browsers cut them.
pub const WARN_LENGTH: usize = 8_000;

/// The largest text a link may inflate to (a guard against deflate bombs).
pub const MAX_TEXT: usize = crate::MAX_INPUT;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The manifest, byte for byte.
    pub text: String,
    /// The scenario and Kubernetes version.
    pub options: Options,
}

/// Why a fragment could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Not base64url.
    Base64,
    /// Not a deflate stream (or a truncated one).
    Deflate,
    /// Inflates past [`MAX_TEXT`].
    TooLarge,
    /// The bytes are not UTF-8.
    Utf8,
    /// A `#z=` link, and the codec that inflates it did not load.
    Unavailable,
}

impl LinkError {
    /// The error as a number, to cross from the codec module to the page.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The error [`LinkError::code`] gave `code` (an unknown number: [`LinkError::Unavailable`]).
    pub fn from_code(code: u8) -> LinkError {
        [Self::Base64, Self::Deflate, Self::TooLarge, Self::Utf8]
            .into_iter()
            .find(|e| e.code() == code)
            .unwrap_or(Self::Unavailable)
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LinkError::Base64 => {
                "the manifest in the link is not valid base64url (was the link cut short?)"
            }
            LinkError::Deflate => {
                "the compressed manifest in the link is damaged (was the link cut short?)"
            }
            LinkError::TooLarge => "the manifest in the link is larger than the playground accepts",
            LinkError::Utf8 => "the manifest in the link is not UTF-8 text",
            LinkError::Unavailable => {
                "the playground's decompressor did not load (is the network down?)"
            }
        })
    }
}

/// The fragment (without `#`) for `text` and `options`, compressed.
///
/// The playground compresses with its deferred module (`codec::deflate`, the same
/// call, in `web/src/bin/pullpolicy_deferred.rs`) and then calls [`encode_deflated`],
/// so that the compressor is not part of the first load.
pub fn encode(text: &str, options: &Options) -> String {
    encode_deflated(&deflate(text.as_bytes()), options)
}

/// Raw deflate, as share links use it (level 9).
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 9)
}

/// The fragment for a text already compressed with [`deflate`] (the view's builder,
/// `pullpolicy_view::share`, which every edge's links come from).
pub fn encode_deflated(packed: &[u8], options: &Options) -> String {
    fragment_deflated(packed, options)
}

/// The uncompressed form, `yaml=…`, as a person would write it by hand.
pub fn encode_plain(text: &str, options: &Options) -> String {
    fragment_plain(text, options)
}

/// Reads a fragment (with or without `#`). `Ok(None)` when it holds no manifest
/// (an empty fragment, or an in-page anchor).
///
/// # Errors
/// A [`LinkError`] when the fragment names a manifest that cannot be read.
pub fn decode(fragment: &str) -> Result<Option<Shared>, LinkError> {
    decode_with(fragment, inflate)
}

/// [`decode`], with `inflate` reading a `#z=` manifest from its compressed bytes
/// (the page passes what the codec made of [`packed`]); it is called at most once.
///
/// # Errors
/// A [`LinkError`] when the fragment names a manifest that cannot be read.
pub fn decode_with(
    fragment: &str,
    inflate: impl FnOnce(&[u8]) -> Result<String, LinkError>,
) -> Result<Option<Shared>, LinkError> {
    let mut inflate = Some(inflate);
    let mut text = None;
    let mut rest = Vec::new();
    for (key, value) in pairs(fragment) {
        match key {
            "z" if text.is_none() => {
                let packed = unbase64(value)?;
                text = inflate.take().map(|inflate| inflate(&packed)).transpose()?;
            }
            "yaml" if text.is_none() => text = Some(utf8(unbase64(value)?)?),
            _ => rest.push((key, value)),
        }
    }
    Ok(text.map(|text| Shared {
        text,
        options: params::read(&rest),
    }))
}

/// The compressed bytes of the fragment's manifest when it is a `#z=` one whose base64
/// is valid: what [`decode_with`] will ask to inflate. `None`: reading the fragment
/// needs no inflater.
pub fn packed(fragment: &str) -> Option<Vec<u8>> {
    let (key, value) = pairs(fragment).find(|(k, _)| matches!(*k, "z" | "yaml"))?;
    if key == "z" {
        unbase64(value).ok()
    } else {
        None
    }
}

/// The `name=value` pairs of a fragment (with or without `#`).
fn pairs(fragment: &str) -> impl Iterator<Item = (&str, &str)> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

fn unbase64(value: &str) -> Result<Vec<u8>, LinkError> {
    // Lenient: accept the standard alphabet, padding (also as `%3D`, and dropped
    // here) and stray whitespace or line breaks from mail clients. One pass over the
    // bytes.
    let v = value.as_bytes();
    let mut cleaned = Vec::with_capacity(v.len());
    let mut i = 0;
    while let Some(&b) = v.get(i) {
        i += 1;
        match b {
            b'+' => cleaned.push(b'-'),
            b'/' => cleaned.push(b'_'),
            b'%' if v.get(i) == Some(&b'3') && matches!(v.get(i + 1), Some(b'D' | b'd')) => {
                cleaned.push(b'=');
                i += 2;
            }
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {}
            _ => cleaned.push(b),
        }
    }
    while cleaned.last() == Some(&b'=') {
        cleaned.pop();
    }
    B64.decode(&cleaned).map_err(|_| LinkError::Base64)
}

/// The text of a `#z=` manifest, from its compressed bytes (the codec's half of
/// [`decode_with`]).
///
/// # Errors
/// [`LinkError::Deflate`], [`LinkError::TooLarge`] or [`LinkError::Utf8`].
pub fn inflate(bytes: &[u8]) -> Result<String, LinkError> {
    match miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_TEXT) {
        Ok(v) => utf8(v),
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            Err(LinkError::TooLarge)
        }
        Err(_) => Err(LinkError::Deflate),
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String, LinkError> {
    if bytes.len() > MAX_TEXT {
        return Err(LinkError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| LinkError::Utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::{Credentials, ImageOverride, KubeVersion, NodeImage, Registry};

    fn round_trip(text: &str, options: &Options) {
        for fragment in [encode(text, options), encode_plain(text, options)] {
            let got = decode(&fragment).unwrap().unwrap();
            assert_eq!(got.text.as_bytes(), text.as_bytes(), "{fragment}");
            assert_eq!(&got.options, options, "{fragment}");
        }
    }

    #[test]
    fn texts_round_trip_byte_exactly() {
        let d = Options::default();
        round_trip("", &d);
        round_trip("image: nginx\n", &d);
        round_trip("a: b\r\nc: d\r\n", &d);
        round_trip("name: café # ünïcödé 🐳\r\nx: \"\\u00e9\"\rlone-cr\n", &d);
        round_trip(
            &"- image: registry.example:5000/team/app:1.0\n".repeat(500),
            &d,
        );
    }

    #[test]
    fn defaults_stay_out_of_the_link() {
        assert_eq!(encode_plain("x", &Options::default()), "yaml=eA");
        assert!(!encode("x", &Options::default()).contains('&'));
    }

    #[test]
    fn scenario_round_trips() {
        let mut o = Options {
            kubernetes_version: KubeVersion::new(31).unwrap(),
            ..Options::default()
        };
        o.scenario.node_image = NodeImage::Stale;
        o.scenario.registry = Registry::Unreachable;
        o.scenario.credentials = Credentials::Missing;
        o.scenario.always_pull_images = true;
        o.scenario.ensure_secret_pulled_images = Some(false);
        o.scenario.credential_verification = pullpolicy::CredentialVerification::AlwaysVerify;
        o.scenario.allowlist = vec!["registry.k8s.io/pause".into(), "a,b&c=d".into()];
        o.scenario.overrides = vec![ImageOverride {
            image: "my.registry:5000/app@sha256:abc & more".into(),
            node_image: Some(NodeImage::Present),
            registry: None,
            credentials: Some(Credentials::Valid),
        }];
        round_trip("image: x", &o);
    }

    #[test]
    fn hand_written_links_are_accepted() {
        // "image: nginx" in standard base64, padded, with the padding percent-encoded.
        let got = decode("#yaml=aW1hZ2U6IG5naW54Cg%3D%3D&k8s=1.30")
            .unwrap()
            .unwrap();
        assert_eq!(got.text, "image: nginx\n");
        assert_eq!(
            decode("yaml=aW1hZ2U6IG5naW54Cg==").unwrap().unwrap().text,
            "image: nginx\n"
        );
        assert_eq!(got.options.kubernetes_version.minor(), 30);
        assert_eq!(
            decode("yaml=aW1hZ2U6IG5naW54").unwrap().unwrap().text,
            "image: nginx"
        );
        // "é?" → standard alphabet uses '/', base64url uses '_'.
        let std = decode("yaml=w6k/").unwrap().unwrap();
        let url = decode("yaml=w6k_").unwrap().unwrap();
        assert_eq!(std.text, "é?");
        assert_eq!(url.text, "é?");
    }

    #[test]
    fn other_fragments_hold_no_manifest() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#faq-registry-down"), Ok(None));
        assert_eq!(decode("#k8s=1.30"), Ok(None));
    }

    #[test]
    fn the_page_reads_a_z_link_in_two_halves() {
        // What the page does: `packed` → the codec's `inflate` → `decode_with`.
        let o = Options {
            kubernetes_version: KubeVersion::new(30).unwrap(),
            ..Options::default()
        };
        let link = encode("image: nginx\r\n", &o);
        let bytes = packed(&format!("#{link}")).unwrap();
        let text = inflate(&bytes);
        assert_eq!(decode_with(&link, |_| text), decode(&link));
        assert_eq!(
            decode_with(&link, |_| Err(LinkError::Unavailable)),
            Err(LinkError::Unavailable)
        );
        // Nothing to inflate: no manifest, `#yaml=`, a `z` after `yaml`, bad base64.
        for fragment in ["", "#faq-x", "k8s=1.30", "yaml=eA&z=eA", "z=%%%"] {
            assert_eq!(packed(fragment), None, "{fragment}");
        }
        let plain = encode_plain("x", &o);
        assert_eq!(
            decode_with(&plain, |_| unreachable!("not a #z= link")),
            decode(&plain)
        );
    }

    #[test]
    fn errors_cross_the_module_boundary_as_numbers() {
        for e in [
            LinkError::Base64,
            LinkError::Deflate,
            LinkError::TooLarge,
            LinkError::Utf8,
            LinkError::Unavailable,
        ] {
            assert_eq!(LinkError::from_code(e.code()), e);
        }
        assert_eq!(LinkError::from_code(200), LinkError::Unavailable);
    }

    #[test]
    fn damaged_links_are_errors() {
        assert_eq!(decode("#yaml=%%%"), Err(LinkError::Base64));
        // Padding only at the end; trailing bits must be zero.
        assert_eq!(decode("#yaml=e=A"), Err(LinkError::Base64));
        assert_eq!(decode("#yaml=eB"), Err(LinkError::Base64));
        assert_eq!(decode("#yaml=eA=").unwrap().unwrap().text, "x");
        assert_eq!(decode("#z=AAAA"), Err(LinkError::Deflate));
        assert_eq!(decode("#yaml=_w"), Err(LinkError::Utf8));
        let full = encode(&"image: nginx\n".repeat(50), &Options::default());
        assert!(decode(&full[..full.len() - 6]).is_err());
        // A deflate bomb: 3 MB of zeros compresses to a few KB.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; MAX_TEXT + 10], 9);
        let link = format!("z={}", B64.encode(&bomb));
        assert_eq!(decode(&link), Err(LinkError::TooLarge));
    }
}
