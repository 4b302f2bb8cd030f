//! Is the pod's image on a node? From the node's `status.images` (PF §5.3, an
//! **Inference** on the runtimes' verified lookups).
//!
//! The key is the image as the kubelet asks for it: normalized, `:latest` when it has
//! neither tag nor digest, the tag dropped when a digest is given (containerd's
//! `ParseDockerRef`). Every listed name is normalized the same way (Docker's familiar
//! `nginx:1.25` becomes `docker.io/library/nginx:1.25`); `<none>` placeholders, bare IDs
//! and unparsable names are skipped. Reuses the core's `distribution/reference` port.

use super::evidence::{Loc, NodeEv};
use super::facts;
use super::types::{Presence, PresenceWhy, Runtime};
use crate::reference::{self, Rules};

/// An image's lookup key: `name@digest` or `name:tag` (`latest` by default).
pub(crate) fn image_key(image: &str, rules: Rules) -> Option<(String, String)> {
    let r = reference::parse_normalized_named(image, rules).ok()?;
    let name = r.name();
    let key = match (r.digest(), r.tag()) {
        (Some(d), _) => format!("{name}@{d}"),
        (None, Some(t)) => format!("{name}:{t}"),
        (None, None) => format!("{name}:{}", reference::DEFAULT_IMAGE_TAG),
    };
    Some((key, name))
}

/// Whether the image names no registry (CRI-O resolves such short names through
/// `registries.conf`).
fn is_short(image: &str, rules: Rules) -> bool {
    reference::parse_normalized_named(image, rules)
        .is_ok_and(|r| !image.starts_with(&format!("{}/", r.domain())))
}

/// The verdict for one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub present: Presence,
    pub why: PresenceWhy,
    pub matched: Option<String>,
    pub at: Loc,
}

/// Whether `node` holds `image` (PF §5.3 step 5; "maybe" at the default cap is this
/// tool's name for the spec's "unknown — list possibly truncated").
///
/// **Inference** decisions: a list longer than 50 shows the cap was raised or removed,
/// and is read as complete; a CRI-O node answers `unknown` for a short name unless a
/// name matches (PF §7 Q8).
pub(crate) fn presence(image: &str, node: &NodeEv, rules: Rules) -> Verdict {
    let at = node.images_at.unwrap_or(node.at);
    let verdict = |present, why, matched, at| Verdict {
        present,
        why,
        matched,
        at,
    };
    let Some((key, repo)) = image_key(image, rules) else {
        return verdict(Presence::Unknown, PresenceWhy::InvalidImage, None, node.at);
    };
    let Some(images) = &node.images else {
        return verdict(Presence::Unknown, PresenceWhy::NoImageList, None, node.at);
    };
    let mut cut = false;
    for img in images {
        let mut same_repo = false;
        for (name, loc) in &img.names {
            if name.contains("<none>") {
                continue;
            }
            if let Some((k, r)) = image_key(name, rules) {
                if k == key {
                    return verdict(
                        Presence::Yes,
                        PresenceWhy::Matched,
                        Some(name.clone()),
                        *loc,
                    );
                }
                same_repo |= r == repo;
            }
        }
        cut |= same_repo && img.names.len() == facts::MAX_NAMES_PER_IMAGE;
    }
    let runtime = node
        .runtime_version
        .as_deref()
        .map_or(Runtime::Unknown, |v| facts::runtime_of_node(v).0);
    if runtime == Runtime::CriO && is_short(image, rules) {
        return verdict(Presence::Unknown, PresenceWhy::CrioShortName, None, at);
    }
    if cut {
        return verdict(Presence::Unknown, PresenceWhy::NamesCut, None, at);
    }
    if images.len() == facts::NODE_STATUS_MAX_IMAGES {
        return verdict(Presence::Maybe, PresenceWhy::ListAtCap, None, at);
    }
    verdict(Presence::No, PresenceWhy::NotListed, None, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::evidence::NodeImageEv;

    fn node(names: &[&[&str]], runtime: &str) -> NodeEv {
        NodeEv {
            name: "n".into(),
            at: Loc(0, 0),
            runtime_version: Some(runtime.into()),
            kubelet_version: None,
            architecture: None,
            operating_system: None,
            images: Some(
                names
                    .iter()
                    .map(|n| NodeImageEv {
                        names: n.iter().map(|s| ((*s).to_owned(), Loc(0, 0))).collect(),
                        size: 1,
                    })
                    .collect(),
            ),
            images_at: None,
            disk_pressure: None,
        }
    }

    #[test]
    fn spec_s39_containerd_node() {
        let n = node(
            &[
                &[
                    "docker.io/library/nginx@sha256:922c815aa4df050d4df476e92daed4231f466acc8ee90e0e774951b0fd7195a4",
                    "docker.io/library/nginx:latest",
                ],
                &[
                    "k8s.gcr.io/pause@sha256:f78411e19d84a252e53bff71a4407a5686c46983a2c2eeed83929b888179acea",
                    "k8s.gcr.io/pause:3.1",
                ],
            ],
            "containerd://1.2.5",
        );
        let r = Rules::V0_6;
        assert_eq!(presence("nginx", &n, r).present, Presence::Yes);
        assert_eq!(
            presence(
                "docker.io/library/nginx@sha256:922c815aa4df050d4df476e92daed4231f466acc8ee90e0e774951b0fd7195a4",
                &n,
                r
            )
            .present,
            Presence::Yes
        );
        assert_eq!(presence("nginx:1.25", &n, r).present, Presence::No);
        let other = "k8s.gcr.io/pause:3.1@sha256:0000000000000000000000000000000000000000000000000000000000000000";
        assert_eq!(presence(other, &n, r).present, Presence::No);
        assert_eq!(
            presence("library/nginx:latest", &n, r).present,
            Presence::Yes
        );
    }

    #[test]
    fn spec_s40_docker_familiar_names() {
        let n = node(
            &[
                &["deploymenttest:1.0"],
                &["gcr.io/google_containers/kube-apiserver-amd64:v1.9.0"],
            ],
            "docker://17.3.2",
        );
        let r = Rules::V0_6;
        assert_eq!(presence("deploymenttest:1.0", &n, r).present, Presence::Yes);
        assert_eq!(
            presence("docker.io/library/deploymenttest:1.0", &n, r).present,
            Presence::Yes
        );
    }

    #[test]
    fn caps_and_cuts() {
        let fifty: Vec<String> = (0..50).map(|i| format!("r/i{i}:1")).collect();
        let refs: Vec<&[&str]> = Vec::new();
        let mut n = node(&refs, "containerd://2.1.0");
        n.images = Some(
            fifty
                .iter()
                .map(|s| NodeImageEv {
                    names: vec![(s.clone(), Loc(0, 0))],
                    size: 1,
                })
                .collect(),
        );
        assert_eq!(
            presence("nginx:1", &n, Rules::V0_6).present,
            Presence::Maybe
        );
        let n = node(
            &[&["a/b@sha256:1", "a/b:1", "a/b:2", "a/b:3", "a/b:4"]],
            "containerd://2.1.0",
        );
        assert_eq!(
            presence("a/b:9", &n, Rules::V0_6).why,
            PresenceWhy::NamesCut
        );
        let n = node(&[&["docker.io/library/alpine:3"]], "cri-o://1.30.0");
        assert_eq!(
            presence("alpine:9", &n, Rules::V0_6).why,
            PresenceWhy::CrioShortName
        );
        assert_eq!(
            presence("Bad", &n, Rules::V0_6).why,
            PresenceWhy::InvalidImage
        );
        let mut n = node(&[], "containerd://2.1.0");
        n.images = None;
        assert_eq!(presence("a", &n, Rules::V0_6).why, PresenceWhy::NoImageList);
    }
}
