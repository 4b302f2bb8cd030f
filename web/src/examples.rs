//! The examples menu: manifests from `web/examples/`.
//!
//! The menu (ids, labels, scenarios) and the first example, which a first visit shows,
//! are part of the page's first load; the other manifests and the menu's hints are not:
//! they come with the FAQ answers in the deferred module, after the first verdict (see
//! [`crate::library`]).

/// One example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id (the file name without `.yaml`).
    pub id: &'static str,
    /// The menu label.
    pub title: &'static str,
    /// Scenario parameters the example needs (the share-link syntax), or "".
    pub scenario: &'static str,
}

/// The manifest of the first example (`web/examples/tour.yaml`).
pub const FIRST: &str = include_str!("../examples/tour.yaml");

/// Builds [`EXAMPLES`] and [`TEXTS`] from one list: `(id, title, hint[, scenario])` for
/// a manifest, `txt (id, title, hint)` for evidence.
macro_rules! examples {
    ($($($txt:ident)? ($id:literal, $title:literal, $hint:literal $(, $scenario:literal)?)),+ $(,)?) => {
        /// Every example, in menu order. The first is what a first visit shows.
        pub const EXAMPLES: &[Example] = &[$(Example {
            id: $id,
            title: $title,
            scenario: examples!(@or $($scenario)?),
        }),+];

        /// Every example's manifest, in menu order (only the deferred module links this).
        pub static TEXTS: &[&str] = &[$(examples!(@text $id $($txt)?)),+];

        /// Every example's line under its label in the menu, in menu order (only the
        /// deferred module links this: the menu shows them once it has loaded).
        pub static HINTS: &[&str] = &[$($hint),+];

        /// Whether each example is evidence of a pull failure (`<id>.txt`: describe
        /// output, events, nodes), which the page diagnoses, rather than a manifest
        /// (`<id>.yaml`); in menu order (tests only).
        #[cfg(test)]
        pub static EVIDENCE: &[bool] = &[$(examples!(@evidence $($txt)?)),+];
    };
    (@text $id:literal txt) => { include_str!(concat!("../examples/", $id, ".txt")) };
    (@text $id:literal) => { include_str!(concat!("../examples/", $id, ".yaml")) };
    (@evidence txt) => { true };
    (@evidence) => { false };
    (@or $scenario:literal) => { $scenario };
    (@or) => { "" };
}

examples! {
    ("tour", "Tour", "three containers, three different policies"),
    ("seed-if-not-present", "Article: IfNotPresent", "the seed article's first Pod"),
    ("seed-always", "Article: Always", "the seed article's second Pod"),
    ("seed-never", "Article: Never", "the seed article's third Pod"),
    ("latest-no-policy", ":latest, no policy", "defaults to Always"),
    ("no-tag", "No tag", "an untagged image is :latest"),
    ("digest-pinned", "Digest-pinned", "defaults to IfNotPresent"),
    ("tag-and-digest", "Tag and digest", ":latest@sha256 still defaults to Always"),
    ("private-registry-port", "Private registry with a port", "the port is not a tag"),
    ("typo-key", "Typo'd key", "imagePullpolicy is dropped or rejected"),
    ("lowercase-always", "\"always\" in lower case", "rejected: values are case-sensitive"),
    ("never-empty-node", "Never on an empty node", "ErrImageNeverPull"),
    ("registry-down", "Always, registry down", "no fallback to the cached image", "node=present&registry=unreachable"),
    ("deployment-init-sidecar", "Deployment: init + sidecar", "init container, native sidecar, app"),
    ("cronjob", "CronJob", "the pod spec four levels down"),
    ("multi-document", "Multi-document stream", "Service, StatefulSet, DaemonSet"),
    ("image-volume", "Image volume", "an OCI image mounted as a volume"),
    txt ("diagnose-not-found", "Diagnose: not found", "kubectl describe, ImagePullBackOff"),
    txt ("diagnose-access-denied", "Diagnose: access denied", "a misspelt Docker Hub name"),
    txt ("diagnose-no-credentials", "Diagnose: no credentials", "anonymous token refused"),
    txt ("diagnose-rate-limited", "Diagnose: rate limit", "Always, and a node with the image"),
    txt ("diagnose-platform", "Diagnose: wrong platform", "an arm64 node"),
    txt ("diagnose-never-pull", "Diagnose: Never, no image", "ErrImageNeverPull"),
}

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
        for ((e, text), _) in EXAMPLES
            .iter()
            .zip(TEXTS)
            .zip(EVIDENCE)
            .filter(|(_, evidence)| !**evidence)
        {
            let options = crate::params::read_query(e.scenario);
            let report = pullpolicy::explain(text, &options);
            assert!(report.syntax_errors.is_empty(), "{}", e.id);
            assert!(report.summary.entries > 0, "{} has no entries", e.id);
        }
    }

    #[test]
    fn every_example_has_its_text_and_the_first_is_first() {
        assert_eq!(TEXTS.len(), EXAMPLES.len());
        assert_eq!(HINTS.len(), EXAMPLES.len());
        assert_eq!(TEXTS[0], FIRST);
        assert_eq!(EXAMPLES[0].id, "tour");
    }

    #[test]
    fn ids_are_unique() {
        for (i, e) in EXAMPLES.iter().enumerate() {
            assert_eq!(by_id(e.id).map(|(j, _)| j), Some(i));
        }
    }
}
