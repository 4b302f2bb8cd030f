//! The examples menu: manifests from `web/examples/`, built into the app.

/// One example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id (the file name without `.yaml`).
    pub id: &'static str,
    /// The menu label.
    pub title: &'static str,
    /// One line under the label.
    pub hint: &'static str,
    /// The manifest.
    pub text: &'static str,
    /// Scenario parameters the example needs (the share-link syntax), or "".
    pub scenario: &'static str,
}

macro_rules! example {
    ($id:literal, $title:literal, $hint:literal) => {
        example!($id, $title, $hint, "")
    };
    ($id:literal, $title:literal, $hint:literal, $scenario:literal) => {
        Example {
            id: $id,
            title: $title,
            hint: $hint,
            text: include_str!(concat!("../examples/", $id, ".yaml")),
            scenario: $scenario,
        }
    };
}

/// Every example, in menu order. The first is what a first visit shows.
pub const EXAMPLES: &[Example] = &[
    example!("tour", "Tour", "three containers, three different policies"),
    example!(
        "seed-if-not-present",
        "Article: IfNotPresent",
        "the seed article's first Pod"
    ),
    example!(
        "seed-always",
        "Article: Always",
        "the seed article's second Pod"
    ),
    example!(
        "seed-never",
        "Article: Never",
        "the seed article's third Pod"
    ),
    example!(
        "latest-no-policy",
        ":latest, no policy",
        "defaults to Always"
    ),
    example!("no-tag", "No tag", "an untagged image is :latest"),
    example!("digest-pinned", "Digest-pinned", "defaults to IfNotPresent"),
    example!(
        "tag-and-digest",
        "Tag and digest",
        ":latest@sha256 still defaults to Always"
    ),
    example!(
        "private-registry-port",
        "Private registry with a port",
        "the port is not a tag"
    ),
    example!(
        "typo-key",
        "Typo'd key",
        "imagePullpolicy is dropped or rejected"
    ),
    example!(
        "lowercase-always",
        "\"always\" in lower case",
        "rejected: values are case-sensitive"
    ),
    example!(
        "never-empty-node",
        "Never on an empty node",
        "ErrImageNeverPull"
    ),
    example!(
        "registry-down",
        "Always, registry down",
        "no fallback to the cached image",
        "node=present&registry=unreachable"
    ),
    example!(
        "deployment-init-sidecar",
        "Deployment: init + sidecar",
        "init container, native sidecar, app"
    ),
    example!("cronjob", "CronJob", "the pod spec four levels down"),
    example!(
        "multi-document",
        "Multi-document stream",
        "Service, StatefulSet, DaemonSet"
    ),
    example!(
        "image-volume",
        "Image volume",
        "an OCI image mounted as a volume"
    ),
];

/// The example with this id.
pub fn by_id(id: &str) -> Option<(usize, &'static Example)> {
    EXAMPLES.iter().enumerate().find(|(_, e)| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_has_entries_and_no_syntax_error() {
        assert!(EXAMPLES.len() >= 12);
        for e in EXAMPLES {
            let options = crate::params::read_query(e.scenario);
            let report = pullpolicy::explain(e.text, &options);
            assert!(report.syntax_errors.is_empty(), "{}", e.id);
            assert!(report.summary.entries > 0, "{} has no entries", e.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, e) in EXAMPLES.iter().enumerate() {
            assert_eq!(by_id(e.id).map(|(j, _)| j), Some(i));
        }
    }
}
