//! The playground's share links (`pullpolicy_web::share`): `decode` never panics on
//! any fragment and bounds what it inflates; a decoded manifest is explained with its
//! options; and `encode`/`encode_plain` round-trip any text and options exactly.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
    Scenario,
};
use pullpolicy_fuzz::assert_positions_within;
use pullpolicy_web::share;

#[derive(Debug, Arbitrary)]
struct Settings {
    minor: u8,
    node: u8,
    registry: u8,
    credentials: u8,
    always: bool,
    ensure: Option<bool>,
    verification: u8,
    allowlist: Vec<String>,
    overrides: Vec<(String, Option<u8>, Option<u8>, Option<u8>)>,
}

#[derive(Debug, Arbitrary)]
enum Input {
    /// Whatever follows `#` in a pasted link.
    Fragment(String),
    /// A manifest and settings to share and read back.
    RoundTrip {
        text: String,
        settings: Settings,
        plain: bool,
    },
}

fn pick<T: Copy>(all: &[T], i: u8) -> T {
    all[usize::from(i) % all.len()]
}

fn options(s: &Settings) -> Options {
    Options {
        kubernetes_version: pick(&KubeVersion::all().collect::<Vec<_>>(), s.minor),
        scenario: Scenario {
            node_image: pick(NodeImage::ALL, s.node),
            registry: pick(Registry::ALL, s.registry),
            credentials: pick(Credentials::ALL, s.credentials),
            always_pull_images: s.always,
            ensure_secret_pulled_images: s.ensure,
            credential_verification: pick(CredentialVerification::ALL, s.verification),
            // Empty entries mean nothing and are not written.
            allowlist: s
                .allowlist
                .iter()
                .filter(|a| !a.is_empty())
                .cloned()
                .collect(),
            // An override of the image "" is written but not read back (reported to the
            // playground's owner); it names no image a manifest can hold usefully.
            overrides: s
                .overrides
                .iter()
                .enumerate()
                // Two overrides of one image: the core applies the first, a link keeps
                // the last (reported to the playground's owner); keep the first only.
                .filter(|(i, (image, ..))| {
                    !image.is_empty() && !s.overrides[..*i].iter().any(|(other, ..)| other == image)
                })
                .map(|(_, o)| o)
                .map(|(image, n, r, c)| ImageOverride {
                    image: image.clone(),
                    node_image: n.map(|i| pick(NodeImage::ALL, i)),
                    registry: r.map(|i| pick(Registry::ALL, i)),
                    credentials: c.map(|i| pick(Credentials::ALL, i)),
                })
                .collect(),
        },
    }
}

fuzz_target!(|input: Input| {
    match input {
        Input::Fragment(fragment) => {
            if let Ok(Some(shared)) = share::decode(&fragment) {
                assert!(shared.text.len() <= share::MAX_TEXT);
                let report = pullpolicy::explain(&shared.text, &shared.options);
                assert_positions_within(&shared.text, &report);
                // What was read is shared again as it was.
                let again = share::decode(&share::encode(&shared.text, &shared.options));
                assert_eq!(again, Ok(Some(shared)));
            }
        }
        Input::RoundTrip {
            text,
            settings,
            plain,
        } => {
            let options = options(&settings);
            let link = if plain {
                share::encode_plain(&text, &options)
            } else {
                share::encode(&text, &options)
            };
            let shared = share::decode(&format!("#{link}"));
            assert_eq!(
                shared,
                Ok(Some(share::Shared { text, options })),
                "link {link:?}"
            );
        }
    }
});
