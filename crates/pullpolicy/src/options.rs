//! What the caller tells the core: the Kubernetes version and the node scenario.
//!
//! Everything environmental is an input here, so [`crate::explain`] stays a pure
//! function of text and options.

use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::versions::KubeVersion;

/// The options of one explanation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The Kubernetes version whose rules apply.
    pub kubernetes_version: KubeVersion,
    /// The node, registry and cluster the containers start on.
    pub scenario: Scenario,
}

/// The node, registry and cluster settings a container starts under.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Scenario {
    /// What the node holds for the image.
    pub node_image: NodeImage,
    /// What the registry does.
    pub registry: Registry,
    /// Whether the image needs credentials and whether the pod has them.
    pub credentials: Credentials,
    /// The AlwaysPullImages admission plugin is enabled.
    pub always_pull_images: bool,
    /// `KubeletEnsureSecretPulledImages`; `None` = the version's default.
    pub ensure_secret_pulled_images: Option<bool>,
    /// The kubelet's `imagePullCredentialsVerificationPolicy`.
    pub credential_verification: CredentialVerification,
    /// The kubelet's `preloadedImagesVerificationAllowlist`.
    pub allowlist: Vec<String>,
    /// Per-image settings that replace the three above for one image string.
    pub overrides: Vec<ImageOverride>,
}

/// Node, registry and credentials for one image (as written in the manifest).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImageOverride {
    /// The image string exactly as written in the manifest.
    pub image: String,
    /// What the node holds.
    pub node_image: Option<NodeImage>,
    /// What the registry does.
    pub registry: Option<Registry>,
    /// Credentials.
    pub credentials: Option<Credentials>,
}

/// What the node's image store holds for the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeImage {
    /// Nothing.
    #[default]
    Absent,
    /// Pulled earlier by the kubelet; the registry still serves the same content.
    Present,
    /// Pulled earlier by the kubelet; the tag has moved in the registry since.
    Stale,
    /// Put there outside the kubelet (baked into the node image, `ctr import`, …).
    Preloaded,
}

/// What the registry does when asked for the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Registry {
    /// Serves the image.
    #[default]
    Reachable,
    /// Cannot be reached (network, DNS, outage).
    Unreachable,
    /// Has no such tag or digest.
    NotFound,
}

/// Whether the image needs credentials, and whether the pod has working ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Credentials {
    /// A public image: no credentials needed.
    #[default]
    Public,
    /// A private image; the pod's pull secrets work.
    Valid,
    /// A private image; the pod has no working secret.
    Missing,
}

/// The kubelet's `imagePullCredentialsVerificationPolicy` (KEP-2535, spec §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CredentialVerification {
    /// Never verify images that are already on the node.
    NeverVerify,
    /// Verify only images the kubelet pulled (the default).
    #[default]
    NeverVerifyPreloadedImages,
    /// Verify images that do not match the allowlist.
    NeverVerifyAllowlistedImages,
    /// Always verify.
    AlwaysVerify,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The value's name as the CLI and the JSON spell it.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),+ }
            }

            /// The value named `text`, as the CLI and the JSON spell it.
            pub fn from_name(text: &str) -> Option<$ty> {
                match text { $($text => Some(<$ty>::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(NodeImage { Absent = "absent", Present = "present", Stale = "stale", Preloaded = "preloaded" });
text_enum!(Registry { Reachable = "reachable", Unreachable = "unreachable", NotFound = "not-found" });
text_enum!(Credentials { Public = "public", Valid = "valid", Missing = "missing" });
text_enum!(CredentialVerification {
    NeverVerify = "NeverVerify",
    NeverVerifyPreloadedImages = "NeverVerifyPreloadedImages",
    NeverVerifyAllowlistedImages = "NeverVerifyAllowlistedImages",
    AlwaysVerify = "AlwaysVerify",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_in_range() {
        assert_eq!(KubeVersion::parse("1.34").map(KubeVersion::minor), Ok(34));
        assert_eq!(
            KubeVersion::parse("v1.28.3").map(KubeVersion::minor),
            Ok(28)
        );
        assert_eq!(KubeVersion::parse("1.37").map(KubeVersion::minor), Ok(37));
        for text in ["1.27", "1.38"] {
            assert_eq!(
                KubeVersion::parse(text),
                Err(format!(
                    "unsupported Kubernetes version \"{text}\": supported versions are 1.28 to 1.37"
                ))
            );
        }
        assert_eq!(KubeVersion::default().to_string(), "1.37");
        assert_eq!(Options::default().kubernetes_version, KubeVersion::NEWEST);
    }

    #[test]
    fn names_round_trip() {
        for v in NodeImage::ALL {
            assert_eq!(NodeImage::from_name(v.as_str()), Some(*v));
        }
        assert_eq!(Registry::from_name("not-found"), Some(Registry::NotFound));
        assert_eq!(
            CredentialVerification::default().as_str(),
            "NeverVerifyPreloadedImages"
        );
    }
}
