//! The routing of a paste (issue #18): a manifest is explained, evidence of a pull
//! failure is diagnosed.
//!
//! This detector runs in the page's first load at every analysis, so it is a few
//! substring tests, not a reader: it says "maybe evidence" for a text holding
//! - `kubectl describe` output: a line starting with `Name:`, `Containers:` or `Events:`
//!   (Kubernetes' own keys are lower camel case, describe's are capitalised), or the
//!   describe events header (`Type … Reason … Message`);
//! - an events table (`LAST SEEN`, of `kubectl get events` and `kubectl events`);
//! - an Event or Node object or list (`kind: Event`, `"kind": "NodeList"`, … — not
//!   `NodePool` or other kinds that begin alike);
//! - the kubelet's and the runtimes' failure texts or waiting reasons (`ErrImagePull`,
//!   `Failed to pull image`, `rpc error: code`, …), which a Pod object carries in its
//!   status only when it has a pull problem.
//!
//! A Pod object with a status and no pull problem holds none of these: it is a manifest,
//! and is explained. A Pod object whose status shows a pull failure is diagnosed: the
//! diagnosis includes the pull policy's part (what the user came for). The diagnosis
//! (the deferred module) has the last word: when it recognises no evidence in the text
//! (a manifest whose comment mentions `ErrImagePull`), the page explains it after all
//! (see [`crate::diagnosis`]).

/// Failure texts and waiting reasons of the kubelet and the runtimes (pull-failures.md
/// §1–§3): any one makes the text evidence.
const MARKERS: [&str; 17] = [
    "ErrImagePull",
    "ImagePullBackOff",
    "ErrImageNeverPull",
    "InvalidImageName",
    "ImageInspectError",
    "RegistryUnavailable",
    "SignatureValidationFailed",
    "Failed to pull image",
    "Back-off pulling image",
    "Failed to inspect image",
    "Failed to apply default image tag",
    "failed to pull and unpack",
    "rpc error: code",
    "Error response from daemon",
    "failed to do request",
    // A Node's status (`status.nodeInfo`, `status.images[].sizeBytes`), pasted alone
    // or in an object.
    "nodeInfo",
    "sizeBytes",
];

/// The kinds whose objects are evidence.
const KINDS: [&str; 4] = ["Event", "EventList", "Node", "NodeList"];

/// Whether `text` may be evidence of a pull failure rather than a manifest.
pub fn is_evidence(text: &str) -> bool {
    if MARKERS.iter().any(|m| text.contains(m)) || text.contains("LAST SEEN") {
        return true;
    }
    for line in text.lines() {
        if ["Name:", "Containers:", "Events:"]
            .iter()
            .any(|k| line.starts_with(k))
        {
            return true;
        }
        let t = line.trim_start();
        if t.starts_with("Type ") && t.contains(" Reason ") && t.contains(" Message") {
            return true;
        }
    }
    // `kind` followed by `:` and an evidence kind, in YAML or JSON quoting.
    let mut rest = text;
    while let Some(at) = rest.find("kind") {
        rest = &rest[at + 4..];
        let value = rest.trim_start_matches(['"', '\'']).trim_start();
        let Some(value) = value.strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start_matches([' ', '"', '\'']);
        let end = value
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(value.len());
        if KINDS.contains(&&value[..end]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &str = "../crates/pullpolicy/tests/fixtures/diagnose";

    /// Every spec sample (S1–S42) and every composed fixture of the core's diagnosis is
    /// evidence, but a manifest without status; the core agrees where it can tell.
    #[test]
    fn every_sample_is_evidence_and_manifests_are_not() {
        let mut n = 0;
        let mut wrong = Vec::new();
        for dir in [SAMPLES.to_owned(), format!("{SAMPLES}/composed")] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() || name.ends_with(".tsv") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let manifest = name == "manifest.yaml";
                if is_evidence(&text) == manifest {
                    wrong.push(name);
                }
                n += 1;
            }
        }
        assert!(n >= 55, "{n}");
        assert_eq!(wrong, Vec::<String>::new());
    }

    #[test]
    fn the_examples_route_by_their_kind() {
        // A manifest whose comment names a waiting reason is evidence here, and handed
        // back by the diagnosis, which recognises no evidence in it.
        for (e, text) in crate::examples::EXAMPLES
            .iter()
            .zip(crate::examples::TEXTS)
        {
            let diagnosed = is_evidence(text)
                && !crate::diagnosis::run(&crate::diagnosis::tests::job(text))
                    .verdicts
                    .as_str()
                    .is_empty();
            assert_eq!(diagnosed, e.evidence, "{}", e.id);
        }
    }

    #[test]
    fn manifests_and_healthy_pods_are_explained() {
        for text in [
            "",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n",
            // Kinds that begin like an evidence kind.
            "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: default}\n",
            "{\"kind\": \"NodeClaim\", \"apiVersion\": \"karpenter.sh/v1\"}",
            "kind: Eventing\n",
            // A Pod object with a status and no pull problem.
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1.27\"}\nstatus:\n  phase: Running\n  containerStatuses:\n  - name: a\n    image: nginx:1.27\n    state: {running: {startedAt: \"2026-01-01T00:00:00Z\"}}\n",
            // Lower-case keys are Kubernetes', not describe's.
            "name: x\ncontainers: []\nevents: []\n",
        ] {
            assert!(!is_evidence(text), "{text}");
        }
    }

    #[test]
    fn evidence_in_every_form() {
        for text in [
            "Name:         web\nNamespace:    default\n",
            "Events:\n  Type    Reason   Age  From     Message\n",
            "  Type     Reason     Age   From     Message\n  ----     ------\n",
            "LAST SEEN   TYPE      REASON    OBJECT    MESSAGE\n",
            "kind: Node\nmetadata: {name: n}\n",
            "- kind: Event\n",
            "{\"kind\":\"NodeList\",\"items\":[]}",
            "{\n  \"kind\": \"EventList\"\n}",
            "kind: 'Event'\n",
            "status:\n  containerStatuses:\n  - state: {waiting: {reason: ErrImageNeverPull}}\n",
            "x509: certificate signed by unknown authority; rpc error: code = Unknown",
        ] {
            assert!(is_evidence(text), "{text}");
        }
    }
}
