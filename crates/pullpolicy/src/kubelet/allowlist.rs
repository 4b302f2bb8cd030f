//! `preloadedImagesVerificationAllowlist` (KEP-2535, spec §6.2, §6.3): which entries
//! the kubelet accepts, and which images they exempt from credential verification
//! under `NeverVerifyAllowlistedImages`.
//!
//! Entries (`getAllowlistImagePattern`): an image name without tag or digest in
//! normalized form (`docker.io/library/alpine`), or a prefix ending in the full path
//! segment wildcard `/*` (`registry.example.com/team/*`). The spec lists the error
//! messages but not the order of the checks; this module checks spaces, then length,
//! then the wildcard, then the name.
//!
//! Matching (`RequireCredentialVerificationForImage`): an exact entry matches an equal
//! image, a `/*` entry matches an image starting with the entry without its `*`.
//!
//! * Before 1.36 ([`KubeVersion::allowlist_matches_normalized_names`]) the kubelet compared the Pod's **raw** `image` string (`alpine:3.20`),
//!   so exact entries matched only an image written exactly as the entry, without tag
//!   or digest, and prefix entries only an image spelled with the same prefix.
//! * 1.36 fixed the comparison (kubernetes/kubernetes#137629: familiar names such as
//!   `alpine` now match). The spec did not read the new normalization; this module
//!   compares the normalized name without tag or digest (`docker.io/library/alpine`)
//!   — *inference* from the release note.

use crate::reference::{self, Rules};
use crate::versions::KubeVersion;

/// The kubelet's error for an allowlist entry it rejects, exactly as worded in
/// `getAllowlistImagePattern` (spec §6.2); `None` when the entry is accepted.
pub fn entry_error(entry: &str, rules: Rules) -> Option<String> {
    if entry.trim() != entry {
        return Some(format!("leading/trailing spaces are not allowed: {entry}"));
    }
    let (body, wildcard) = match entry.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') => (prefix, true),
        _ => (entry, false),
    };
    if body.is_empty() {
        return Some(format!("the supplied pattern is too short: {entry}"));
    }
    if body.contains('*') {
        return Some(format!(
            "not a valid wildcard pattern, only patterns ending with '/*' are allowed: {entry}"
        ));
    }
    if wildcard {
        return (body == "/").then(|| "at least registry hostname is required".to_owned());
    }
    match reference::parse_normalized_named(body, rules) {
        Err(e) => Some(format!("failed to parse as an image name: {e}")),
        Ok(r) if r.name() != body => Some(format!(
            "neither tag nor digest is accepted in an image reference: {entry}"
        )),
        Ok(_) => None,
    }
}

/// Whether `image` (the raw `image` string of the Pod) matches one of the accepted
/// entries of `allowlist` under `version`'s comparison (see the module docs).
/// Rejected entries match nothing.
pub fn matches(image: &str, allowlist: &[String], version: KubeVersion) -> bool {
    let rules = version.reference_rules();
    let subject = if version.allowlist_matches_normalized_names() {
        match reference::parse_normalized_named(image, rules) {
            Ok(r) => r.name(),
            Err(_) => return false,
        }
    } else {
        image.to_owned()
    };
    allowlist
        .iter()
        .filter(|e| entry_error(e, rules).is_none())
        .any(|e| match e.strip_suffix('*') {
            Some(prefix) => subject.starts_with(prefix),
            None => subject == *e,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u8) -> KubeVersion {
        KubeVersion::new(minor).unwrap_or_default()
    }

    fn list(entries: &[&str]) -> Vec<String> {
        entries.iter().map(|e| (*e).to_owned()).collect()
    }

    #[test]
    fn entry_errors_are_the_kubelets() {
        let r = Rules::V0_6;
        assert_eq!(entry_error("docker.io/library/alpine", r), None);
        assert_eq!(entry_error("registry.example.com/team/*", r), None);
        assert_eq!(entry_error("docker.io/*", r), None);
        assert_eq!(
            entry_error("alpine", r).as_deref(),
            Some("neither tag nor digest is accepted in an image reference: alpine")
        );
        assert_eq!(
            entry_error("docker.io/library/alpine:3.20", r).as_deref(),
            Some(
                "neither tag nor digest is accepted in an image reference: docker.io/library/alpine:3.20"
            )
        );
        assert_eq!(
            entry_error(" docker.io/library/alpine", r).as_deref(),
            Some("leading/trailing spaces are not allowed:  docker.io/library/alpine")
        );
        assert_eq!(
            entry_error("docker.io/library/*alpine", r).as_deref(),
            Some(
                "not a valid wildcard pattern, only patterns ending with '/*' are allowed: docker.io/library/*alpine"
            )
        );
        assert_eq!(
            entry_error("docker.io/lib*", r).as_deref(),
            Some(
                "not a valid wildcard pattern, only patterns ending with '/*' are allowed: docker.io/lib*"
            )
        );
        assert_eq!(
            entry_error("/*", r).as_deref(),
            Some("at least registry hostname is required")
        );
        assert_eq!(
            entry_error("", r).as_deref(),
            Some("the supplied pattern is too short: ")
        );
        assert_eq!(
            entry_error("Docker.io/Library/Alpine", r).as_deref(),
            Some(
                "failed to parse as an image name: invalid reference format: repository name (Library/Alpine) must be lowercase"
            )
        );
        assert_eq!(
            entry_error("registry.example.com/team/app@", r).as_deref(),
            Some("failed to parse as an image name: invalid reference format")
        );
    }

    #[test]
    fn before_the_fix_the_raw_string_is_compared() {
        let exact = list(&["docker.io/library/alpine"]);
        assert!(!matches("alpine:3.20", &exact, v(35)));
        assert!(!matches("alpine", &exact, v(35)));
        assert!(!matches("docker.io/library/alpine:3.20", &exact, v(35)));
        assert!(matches("docker.io/library/alpine", &exact, v(35)));
        let prefix = list(&["docker.io/library/*"]);
        assert!(matches("docker.io/library/alpine:3.20", &prefix, v(34)));
        assert!(!matches("alpine:3.20", &prefix, v(34)));
        let registry = list(&["registry.example.com/team/*"]);
        assert!(matches(
            "registry.example.com/team/app:1.0",
            &registry,
            v(33)
        ));
        assert!(!matches(
            "registry.example.com/teamx/app:1.0",
            &registry,
            v(33)
        ));
    }

    #[test]
    fn from_136_the_normalized_name_is_compared() {
        let exact = list(&["docker.io/library/alpine"]);
        assert!(matches("alpine:3.20", &exact, v(36)));
        assert!(matches("alpine", &exact, v(36)));
        assert!(matches(
            "docker.io/library/alpine@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            &exact,
            v(36)
        ));
        assert!(!matches("alpinex:3.20", &exact, v(36)));
        let prefix = list(&["docker.io/library/*"]);
        assert!(matches("alpine:3.20", &prefix, v(36)));
        assert!(!matches("bitnami/redis:7", &prefix, v(36)));
        assert!(!matches("Alpine", &prefix, v(36)));
        // Unchanged in 1.37 (kubernetes-1.37.md §2.4).
        assert!(matches("alpine:3.20", &exact, v(37)));
        assert!(matches("alpine:3.20", &prefix, v(37)));
    }

    #[test]
    fn rejected_entries_match_nothing() {
        let bad = list(&["alpine", "/*", "docker.io/lib*"]);
        for minor in [33, 35, 36, 37] {
            assert!(!matches("alpine", &bad, v(minor)));
            assert!(!matches("docker.io/library/alpine", &bad, v(minor)));
        }
    }
}
