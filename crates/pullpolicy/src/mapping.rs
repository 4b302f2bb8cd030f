//! Stage 4 of kubectl's reading pipeline (`kubectl-reading-pipeline.md` §4): the REST
//! mapper, which turns an object's `apiVersion` + `kind` into a resource before anything
//! is sent, per Kubernetes version.
//!
//! What was read (the commits the spec gives):
//!
//! * client-go v0.36.3 `restmapper/discovery.go` `NewDiscoveryRESTMapper`: for every
//!   group/version discovery lists, one `DefaultRESTMapper` holding, for each resource
//!   that is not a subresource, `AddSpecific(gv.WithKind(strings.ToLower(Kind)))`,
//!   `AddSpecific(gv.WithKind(Kind))` and `Add(gv.WithKind(Kind+"List"))`, then
//!   `Add(gv.WithKind("List"))`; all of them in a `PriorityRESTMapper` over a
//!   `MultiRESTMapper`. Lookups are exact: `kindToPluralResource[gvk]`.
//! * apimachinery v0.36.3 `pkg/api/meta/restmapper.go` `RESTMappings`: an empty version
//!   (`apiVersion: ""`, `"/"` or `"apps/"`) is skipped, and every served version of the
//!   group is tried instead (the group's preferred version wins); `pkg/api/meta/errors.go`
//!   `NoKindMatchError`: `no matches for kind %q in version %q`, the version printed as
//!   `schema.GroupVersion.String()` (`group/version`, or `version` for the core group).
//! * apimachinery `pkg/runtime/schema/group_version.go` `ParseGroupVersion`: `""` and
//!   `"/"` are the empty group/version, no slash is a core-group version, one slash splits
//!   group and version, more is `unexpected GroupVersion string: <text>`.
//! * cli-runtime v0.36.2 @ c97bc2fe537b `pkg/resource/mapper.go`: a document's mapping
//!   error is printed `resource mapping not found for name: %q namespace: %q from %q: %w`
//!   then `\nensure CRDs are installed first` (`infoForData`); a `List` item's is
//!   `unable to recognize %v` (`infoForObject`).
//!
//! The served group/version/kinds per release are the version table's
//! ([`KubeVersion::served_kinds`], generated from the OpenAPI schemas). Custom resources:
//! a CRD's group must contain a dot, so a group without one (core `v1`, `apps`, `batch`,
//! `extensions`, `policy`, …) is never a custom resource, and neither is one of the groups
//! Kubernetes itself defines ([`crate::versions::is_builtin_group`]); any other dotted
//! group is mapped by its CRD, which this tool does not see, so it is assumed installed.

use crate::options::KubeVersion;
use crate::versions::{self, GroupVersion};

/// `schema.ParseGroupVersion`: `(group, version)`, or `None` for the error
/// `unexpected GroupVersion string: <text>` (more than one `/`).
pub(crate) fn parse_group_version(text: &str) -> Option<(&str, &str)> {
    if text.is_empty() || text == "/" {
        return Some(("", ""));
    }
    match text.split_once('/') {
        None => Some(("", text)),
        Some((group, version)) if !version.contains('/') => Some((group, version)),
        Some(_) => None,
    }
}

/// What kubectl's REST mapper makes of `apiVersion` + `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mapping {
    /// A kind the release serves in that group/version: sent to the API server.
    Served,
    /// `List` or `<Kind>List` of a served kind: a list kubectl flattens (its items are
    /// sent one by one).
    List(GroupVersion),
    /// `strings.ToLower` of the served kind `kind`: kubectl maps it and sends it, and the
    /// API server's scheme has no such kind, so decoding fails (never created).
    LowerCase {
        /// Where it is served.
        gv: GroupVersion,
        /// The kind as Kubernetes spells it.
        kind: &'static str,
    },
    /// A custom resource's group: its CRD decides.
    Custom,
    /// `NoKindMatchError`: kubectl does not send it.
    NoMatch,
}

/// Maps `kind` in `group`/`version` (from [`parse_group_version`]) as kubectl's discovery
/// REST mapper does for `release`'s default API.
pub(crate) fn map(release: KubeVersion, group: &str, version: &str, kind: &str) -> Mapping {
    // The usual case first, without listing the group's kinds: a served kind as written.
    if !version.is_empty() && release.serves(group, version, kind) {
        return Mapping::Served;
    }
    if group.contains('.') && !versions::is_builtin_group(group) {
        return Mapping::Custom;
    }
    // The group's served kinds, and the group/versions tried in priority order: the one
    // written, or (an empty version) every served version of the group.
    let rows: Vec<(GroupVersion, &'static str)> = release
        .served_kinds()
        .filter(|(gv, _)| gv.group == group && (version.is_empty() || gv.version == version))
        .collect();
    let mut tried: Vec<GroupVersion> = Vec::new();
    for (gv, _) in &rows {
        if !tried.contains(gv) {
            tried.push(*gv);
        }
    }
    for gv in tried {
        let kinds = || {
            rows.iter()
                .filter(move |(at, _)| *at == gv)
                .map(|(_, k)| *k)
        };
        if kinds().any(|k| k == kind) {
            return Mapping::Served;
        }
        if kind == "List"
            || kind
                .strip_suffix("List")
                .is_some_and(|item| kinds().any(|k| k == item))
        {
            return Mapping::List(gv);
        }
        if let Some(k) = kinds().find(|k| k.to_ascii_lowercase() == kind) {
            return Mapping::LowerCase { gv, kind: k };
        }
    }
    Mapping::NoMatch
}

/// What the object most likely meant, for the fix: the group/versions serving `kind` in
/// this release (the written group's first), and the kind's spelling when only its case
/// differs from a served kind (`DEPLOYMENT` → `Deployment`).
pub(crate) fn served_instead(
    release: KubeVersion,
    group: &str,
    kind: &str,
) -> Option<(GroupVersion, &'static str)> {
    let matches = |k: &str| k == kind;
    let exact = release
        .served_kinds()
        .filter(|(_, k)| matches(k))
        .min_by_key(|(gv, _)| gv.group != group);
    exact.or_else(|| {
        release
            .served_kinds()
            .filter(|(_, k)| k.eq_ignore_ascii_case(kind))
            .min_by_key(|(gv, _)| gv.group != group)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u8) -> KubeVersion {
        KubeVersion::new(minor).expect("supported")
    }

    #[test]
    fn parse_group_version_follows_apimachinery() {
        assert_eq!(parse_group_version(""), Some(("", "")));
        assert_eq!(parse_group_version("/"), Some(("", "")));
        assert_eq!(parse_group_version("v1"), Some(("", "v1")));
        assert_eq!(parse_group_version("apps/v1"), Some(("apps", "v1")));
        assert_eq!(parse_group_version("apps/"), Some(("apps", "")));
        assert_eq!(parse_group_version("/v1"), Some(("", "v1")));
        assert_eq!(parse_group_version("a/b/c"), None);
    }

    #[test]
    fn kinds_lists_and_lower_case_kinds() {
        let apps = GroupVersion {
            group: "apps",
            version: "v1",
        };
        assert_eq!(map(v(37), "apps", "v1", "Deployment"), Mapping::Served);
        assert_eq!(
            map(v(37), "apps", "v1", "DeploymentList"),
            Mapping::List(apps)
        );
        assert_eq!(map(v(37), "apps", "v1", "List"), Mapping::List(apps));
        assert_eq!(
            map(v(37), "apps", "v1", "deployment"),
            Mapping::LowerCase {
                gv: apps,
                kind: "Deployment"
            }
        );
        assert_eq!(map(v(37), "apps", "v1", "DEPLOYMENT"), Mapping::NoMatch);
        assert_eq!(map(v(37), "apps", "v1", "deploymentList"), Mapping::NoMatch);
        assert_eq!(map(v(37), "apps", "v1", "list"), Mapping::NoMatch);
        // An empty version: any served version of the group.
        assert_eq!(map(v(37), "apps", "", "Deployment"), Mapping::Served);
        assert_eq!(map(v(37), "", "v1", "Deployment"), Mapping::NoMatch);
        assert_eq!(map(v(37), "example.com", "v1", "Anything"), Mapping::Custom);
        assert_eq!(
            map(v(37), "networking.k8s.io", "v1beta1", "Ingress"),
            Mapping::NoMatch
        );
    }
}
