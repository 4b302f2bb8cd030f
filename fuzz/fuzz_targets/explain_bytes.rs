//! `explain` on arbitrary bytes (when UTF-8), with the default options, with a
//! non-default scenario, and with that scenario under the oldest Kubernetes version: never
//! panics, every position lies within the text, and the report serializes; the scenario
//! changes outcomes, never how the text is read (the version may: kubectl's reading
//! differs between versions).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
    Scenario,
};
use pullpolicy_fuzz::assert_positions_within;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let default = pullpolicy::explain(text, &Options::default());
    assert_positions_within(text, &default);
    serde_json::to_string(&default).expect("the report serializes");

    let mut scenario = Options {
        kubernetes_version: Options::default().kubernetes_version,
        scenario: Scenario {
            node_image: NodeImage::Stale,
            registry: Registry::Unreachable,
            credentials: Credentials::Missing,
            always_pull_images: true,
            ensure_secret_pulled_images: Some(true),
            credential_verification: CredentialVerification::NeverVerifyAllowlistedImages,
            allowlist: vec!["docker.io/library/*".to_owned(), "*".to_owned()],
            overrides: vec![ImageOverride {
                image: "nginx".to_owned(),
                node_image: Some(NodeImage::Preloaded),
                registry: Some(Registry::NotFound),
                credentials: Some(Credentials::Valid),
            }],
        },
    };
    let other = pullpolicy::explain(text, &scenario);
    assert_positions_within(text, &other);
    serde_json::to_string(&other).expect("the report serializes");
    // The scenario changes outcomes, never what is read.
    assert_eq!(default.documents.len(), other.documents.len());
    assert_eq!(default.syntax_errors, other.syntax_errors);

    scenario.kubernetes_version = KubeVersion::new(28).expect("1.28 is supported");
    let old = pullpolicy::explain(text, &scenario);
    assert_positions_within(text, &old);
    serde_json::to_string(&old).expect("the report serializes");
});
