//! The routing of a paste (issue #18): a manifest is explained, evidence of a pull
//! failure is diagnosed.
//!
//! The detector is the view's ([`pullpolicy_view::diagnosis::is_evidence`], the one
//! the npm API's `isEvidence` and so the web component use too): a few substring tests
//! in the first load, not a reader. The diagnosis (the worker's module) has the last
//! word: when it recognises no evidence in the text (a manifest whose comment mentions
//! `ErrImagePull`), the page explains it after all (see [`crate::diagnosis`]).

pub use pullpolicy_view::diagnosis::is_evidence;

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
        use crate::examples::{EVIDENCE, EXAMPLES, TEXTS};
        for ((e, text), evidence) in EXAMPLES.iter().zip(TEXTS).zip(EVIDENCE) {
            let diagnosed = is_evidence(text)
                && !crate::diagnosis::run(&crate::diagnosis::tests::job(text))
                    .verdicts
                    .as_str()
                    .is_empty();
            assert_eq!(diagnosed, *evidence, "{}", e.id);
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
            // Lower-case keys are Kubernetes', not describe's; indented ones are a
            // value's.
            "name: x\ncontainers: []\nevents: []\n",
            "spec:\n  initContainers:\n  - name: a\n    image: b\n",
            "data:\n  notes: |\n    Name: x\n",
        ] {
            assert!(!is_evidence(text), "{text}");
        }
    }

    #[test]
    fn evidence_in_every_form() {
        for text in [
            "Name:         web\nNamespace:    default\n",
            "Events:\n  Type  Reason  Age  From  Message\n  Warning  Failed  1s  kubelet  Error: ErrImagePull\n",
            "$ kubectl describe pod web\nName:         web\n",
            "LAST SEEN   TYPE      REASON    OBJECT    MESSAGE\n",
            "kind: Node\nstatus:\n  images:\n  - {names: [nginx], sizeBytes: 1}\n",
            "- kind: Event\n  involvedObject: {kind: Pod, name: p}\n",
            "{\"kind\":\"NodeList\",\"items\":[{\"status\":{\"images\":[{\"names\":[\"a\"],\"sizeBytes\":1}]}}]}",
            "status:\n  containerStatuses:\n  - state: {waiting: {reason: ErrImageNeverPull}}\n",
            "x509: certificate signed by unknown authority; rpc error: code = Unknown",
        ] {
            assert!(is_evidence(text), "{text}");
        }
    }
}
