//! The readers and the analysis on composed inputs (`fixtures/diagnose/composed/`, written
//! in kubectl's formats as the spec describes them, PF §1): full describe output, Pod
//! Lists and JSON, events as objects and in every table layout, mixed pastes, capture
//! artefacts, nodes, and the pods without a pull problem.

use pullpolicy::diagnose::{
    ContainerRole, DiagnoseOptions, DiagnosisReport, Encoding, FailureClass, PieceFormat,
    PodVerdict, PolicyEvidence, Presence, PresenceWhy, Runtime, StateKind, diagnose,
};
use pullpolicy::{KubeVersion, Position, PullPolicy};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/diagnose/composed"
);

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn run_text(text: &str) -> DiagnosisReport {
    let r = diagnose(text, &DiagnoseOptions::default());
    assert_positions_inside(text, &r);
    r
}

fn run(files: &[&str]) -> DiagnosisReport {
    let text: Vec<String> = files.iter().map(|f| read(f)).collect();
    run_text(&text.join("\n"))
}

/// The text a position covers.
fn covered(text: &str, p: Position) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[p.offset16 as usize..p.end16 as usize])
}

fn assert_positions_inside(text: &str, r: &DiagnosisReport) {
    let len16 = text.encode_utf16().count() as u32;
    let mut all: Vec<Position> = Vec::new();
    all.extend(r.pieces.iter().map(|p| p.position));
    all.extend(r.pods.iter().map(|p| p.position));
    all.extend(r.nodes.iter().map(|n| n.position));
    all.extend(r.skew.iter().map(|s| s.position));
    for d in &r.diagnoses {
        all.push(d.position);
        all.extend(d.nodes.iter().map(|n| n.position));
    }
    all.extend(r.all_findings().map(|f| f.position));
    for p in all {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        assert!(
            p.offset16 <= p.end16 && p.end16 <= len16,
            "{p:?} outside {len16}"
        );
    }
}

#[test]
fn describe_pod_current_layout() {
    let text = read("describe_current.txt");
    let r = run_text(&text);
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].format, PieceFormat::DescribePod);
    assert_eq!(r.pieces[0].kubectl.at_least.as_deref(), Some("1.35"));
    let pod = &r.pods[0];
    assert_eq!(pod.name.as_deref(), Some("web-7d9f8c6b4-x2kqp"));
    assert_eq!(pod.namespace.as_deref(), Some("shop"));
    assert_eq!(pod.node.as_deref(), Some("worker-1"));
    assert_eq!(pod.phase.as_deref(), Some("Pending"));
    assert_eq!(pod.verdict, PodVerdict::PullProblem);
    let states: Vec<(&str, ContainerRole, StateKind, Option<&str>)> = pod
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.role, c.state, c.reason.as_deref()))
        .collect();
    assert_eq!(
        states,
        [
            (
                "migrate",
                ContainerRole::Init,
                StateKind::Terminated,
                Some("Completed")
            ),
            (
                "web",
                ContainerRole::Container,
                StateKind::Waiting,
                Some("ImagePullBackOff")
            ),
            (
                "metrics",
                ContainerRole::Container,
                StateKind::Running,
                None
            ),
        ]
    );
    assert_eq!(r.diagnoses.len(), 1);
    let d = &r.diagnoses[0];
    assert_eq!(d.container.as_deref(), Some("web"));
    assert_eq!(d.class, FailureClass::NotFound);
    assert_eq!(d.reason, "ImagePullBackOff");
    // The diagnosis points at the waiting reason, the policy finding at the image.
    assert_eq!(covered(&text, d.position), "ImagePullBackOff");
    let policy = d
        .findings
        .iter()
        .find(|f| f.rule == "pull-policy-part")
        .unwrap();
    assert_eq!(covered(&text, policy.position), "nginx:9.9");
    let timeline = d.timeline.as_ref().unwrap();
    assert_eq!(
        (
            timeline.failures,
            timeline.pulls_started,
            timeline.back_off_syncs
        ),
        (4, Some(4), Some(7))
    );
    // The failure event row's message, in the text.
    let t = d
        .findings
        .iter()
        .find(|f| f.rule == "pull-timeline")
        .unwrap();
    assert!(covered(&text, t.position).starts_with("Failed to pull image \"nginx:9.9\""));
    // Other containers' "already present … and can be accessed by the pod" ⇒ the
    // pod's kubelet is ≥ 1.33.
    assert_eq!(d.kubelet.at_least.as_deref(), Some("1.33"));
}

#[test]
fn describe_pod_legacy_layout() {
    let r = run(&["describe_legacy.txt"]);
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].format, PieceFormat::DescribePod);
    assert_eq!(r.pods.len(), 1);
    let d = &r.diagnoses[0];
    assert_eq!(d.pod.as_deref(), Some("hello-2533203682-m4q0v"));
    assert_eq!(d.container.as_deref(), Some("web"));
    assert_eq!(d.reason, "ErrImagePull");
    assert_eq!(d.class, FailureClass::Unknown);
    assert_eq!(
        d.message.as_deref(),
        Some("image pull failed for unknown error")
    );
    assert_eq!(d.timeline.as_ref().unwrap().failures, 8);
    assert_eq!(r.pods[0].node.as_deref(), Some("rootfs-dev"));
}

#[test]
fn pods_without_a_pull_problem_say_so() {
    for (file, state) in [
        ("running.txt", "app is running"),
        ("creating.txt", "ContainerCreating"),
        ("crashloop.txt", "CrashLoopBackOff"),
    ] {
        let r = run(&[file]);
        assert!(r.diagnoses.is_empty(), "{file}");
        assert_eq!(r.pods.len(), 1, "{file}");
        assert_eq!(r.pods[0].verdict, PodVerdict::NoPullProblem, "{file}");
        assert!(r.pods[0].message.starts_with("No pull problem: "), "{file}");
        assert!(
            r.pods[0].message.contains(state),
            "{file}: {}",
            r.pods[0].message
        );
        assert_eq!(r.summary.pods_fine, 1);
    }
    // A running pod whose events show earlier failures: they have stopped.
    let r = run(&["running.txt"]);
    assert!(
        r.pods[0]
            .message
            .ends_with("The events show 2 earlier pull failure event(s); they have stopped.")
    );
}

#[test]
fn a_list_of_pods_with_status() {
    let r = run(&["pods_list.yaml"]);
    assert_eq!(r.pieces[0].format, PieceFormat::PodObjects);
    assert_eq!(r.pieces[0].encoding, Encoding::Yaml);
    assert_eq!(r.pieces[0].records, 4);
    let verdicts: Vec<(Option<&str>, PodVerdict)> = r
        .pods
        .iter()
        .map(|p| (p.name.as_deref(), p.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            (Some("web-6f7d8c9b5-a1b2c"), PodVerdict::PullProblem),
            (Some("web-6f7d8c9b5-d3e4f"), PodVerdict::NoPullProblem),
            (Some("web-6f7d8c9b5-g5h6i"), PodVerdict::NoPullProblem),
            (Some("cache-0"), PodVerdict::PullProblem),
        ]
    );
    assert_eq!(r.diagnoses.len(), 2);
    let sidecar = &r.diagnoses[0];
    assert_eq!(sidecar.container.as_deref(), Some("shipper"));
    assert_eq!(sidecar.role, ContainerRole::Sidecar);
    assert_eq!(sidecar.reason, "ImagePullBackOff");
    assert_eq!(sidecar.inner_reason.as_deref(), Some("ErrImagePull"));
    assert_eq!(sidecar.class, FailureClass::RateLimited);
    assert_eq!(sidecar.policy.effective, Some(PullPolicy::Always));
    assert_eq!(sidecar.policy.source, PolicyEvidence::Written);
    assert!(
        sidecar
            .policy
            .note
            .contains("every container start contacts the registry")
    );
    assert_eq!(sidecar.kubelet.at_least.as_deref(), Some("1.32"));
    let never = &r.diagnoses[1];
    assert_eq!(never.class, FailureClass::NeverPull);
    assert_eq!(never.policy.effective, Some(PullPolicy::Never));
    // One tag, two image IDs across pods.
    assert_eq!(r.skew.len(), 1);
    assert_eq!(r.skew[0].image, "nginx:1.27");
    assert_eq!(r.skew[0].variants.len(), 2);
    assert_eq!(r.skew[0].variants[0].nodes, ["worker-2"]);
    assert!(r.findings.iter().any(|f| f.rule == "version-skew"));
}

#[test]
fn a_node_list_at_the_cap_makes_presence_maybe() {
    let r = run(&["pods_list.yaml", "node_capped.yaml"]);
    assert_eq!(r.nodes.len(), 1);
    assert!(r.nodes[0].images_at_cap);
    assert_eq!(r.nodes[0].runtime, Runtime::Containerd);
    let d = &r.diagnoses[0];
    assert_eq!(d.nodes[0].node, "worker-1");
    assert!(d.nodes[0].pod_node);
    assert_eq!(d.nodes[0].present, Presence::Maybe);
    assert_eq!(d.nodes[0].why, PresenceWhy::ListAtCap);
    // The node's runtime and kubelet versions bound the bands; containerd 1.7 is in
    // the fetcher's band (≤ 2.1).
    assert_eq!(d.runtime.reported.as_deref(), Some("containerd://1.7.27"));
    assert_eq!(d.runtime.band.at_least.as_deref(), Some("1.7"));
    assert_eq!(d.kubelet.at_least.as_deref(), Some("1.32"));
    assert_eq!(d.kubelet.below.as_deref(), Some("1.33"));
    assert!(!d.kubelet.conflicting);
    // cache-0 runs on worker-3, which was not pasted.
    assert!(!r.diagnoses[1].nodes[0].pod_node);
}

#[test]
fn pod_json_with_its_node() {
    let r = run(&["pod.json", "node_arm.json"]);
    assert_eq!(r.pieces.len(), 2);
    assert!(r.pieces.iter().all(|p| p.encoding == Encoding::Json));
    let d = &r.diagnoses[0];
    assert_eq!(d.class, FailureClass::PlatformMismatch);
    assert_eq!(d.policy.source, PolicyEvidence::Written);
    assert_eq!(d.runtime.reported.as_deref(), Some("containerd://2.1.3"));
    assert_eq!(d.kubelet.at_least.as_deref(), Some("1.34"));
    assert_eq!(d.kubelet.below.as_deref(), Some("1.35"));
    let arch = d
        .findings
        .iter()
        .find(|f| f.rule == "node-architecture")
        .unwrap();
    assert_eq!(
        arch.message,
        "Node worker-arm-1 is linux/arm64: the image has no variant for it."
    );
    assert!(d.fix.contains("The pod's node is arm64."));
    assert_eq!(d.nodes[0].present, Presence::No);
    // The image volume pulled fine: it is listed, not diagnosed.
    let pod = &r.pods[0];
    assert!(
        pod.containers
            .iter()
            .any(|c| c.role == ContainerRole::ImageVolume && c.name == "models")
    );
}

#[test]
fn events_as_objects() {
    let r = run(&["events.yaml"]);
    assert_eq!(r.pieces[0].format, PieceFormat::EventObjects);
    let d = &r.diagnoses[0];
    assert_eq!(d.pod.as_deref(), Some("app-59d7c6b8f-k2l3m"));
    assert_eq!(d.namespace.as_deref(), Some("team-a"));
    assert_eq!(d.container.as_deref(), Some("app"));
    assert_eq!(d.class, FailureClass::AccessDenied);
    assert_eq!(
        d.kubelet.at_least.as_deref(),
        Some("1.28"),
        "reportingComponent: kubelet"
    );
    let t = d.timeline.as_ref().unwrap();
    assert_eq!(t.failures, 3);
    assert_eq!(
        t.first_failure.as_ref().unwrap().at.as_deref(),
        Some("2026-03-17T09:00:03Z")
    );
    assert_eq!(t.span_seconds.map(|s| s.min), Some(31));
    assert_eq!(r.pods[0].node.as_deref(), Some("worker-7"));
}

#[test]
fn get_events_wide_and_kubectl_events() {
    let r = run(&["get_events_wide.txt"]);
    assert_eq!(r.pieces[0].format, PieceFormat::GetEventsWide);
    assert_eq!(r.pieces[0].records, 7);
    let d = &r.diagnoses[0];
    assert_eq!(
        (
            d.pod.as_deref(),
            d.namespace.as_deref(),
            d.container.as_deref()
        ),
        (Some("api-5c8f9d7b6-q8w2e"), Some("shop"), Some("api"))
    );
    assert_eq!(d.class, FailureClass::TlsUntrusted);
    assert_eq!(r.pods[0].node.as_deref(), Some("worker-2"));
    // db-0 only shows an image already present.
    assert_eq!(r.pods[1].verdict, PodVerdict::NoEvidence);

    let r = run(&["kubectl_events.txt"]);
    assert_eq!(r.pieces[0].format, PieceFormat::KubectlEvents);
    let d = &r.diagnoses[0];
    assert_eq!(d.pod.as_deref(), Some("batch-28563840-7xk2p"));
    assert_eq!(d.class, FailureClass::NoCredentials);
    assert!(d.fix.contains("ghcr-creds"));
    assert!(d.findings.iter().any(|f| f.rule == "pull-secret-missing"));
}

#[test]
fn a_mixed_paste() {
    let text = read("mixed.txt");
    let r = run_text(&text);
    let formats: Vec<PieceFormat> = r.pieces.iter().map(|p| p.format).collect();
    assert_eq!(
        formats,
        [
            PieceFormat::DescribePod,
            PieceFormat::GetEvents,
            PieceFormat::NodeObjects
        ]
    );
    // One pod: the describe's, with the table's events and the node.
    assert_eq!(r.pods.len(), 1);
    assert_eq!(r.diagnoses.len(), 1);
    let d = &r.diagnoses[0];
    assert_eq!(d.container.as_deref(), Some("worker"));
    assert_eq!(d.reason, "ErrImagePull", "the status wins over the events");
    assert_eq!(d.class, FailureClass::RateLimited);
    assert_eq!(d.policy.effective, Some(PullPolicy::Always));
    assert_eq!(d.policy.source, PolicyEvidence::DefaultIfUnset);
    assert_eq!(d.nodes[0].present, Presence::Yes);
    assert!(d.findings.iter().any(|f| f.rule == "embedded-runtime"));
    assert!(d.timeline.as_ref().unwrap().failures_lower_bound);
    // Every piece starts where its text starts.
    assert!(covered(&text, r.pieces[0].position).starts_with("Name:"));
    assert!(covered(&text, r.pieces[1].position).starts_with("LAST SEEN"));
    assert!(covered(&text, r.pieces[2].position).starts_with("apiVersion: v1"));
}

#[test]
fn k9s_boxes_are_read_and_the_join_is_reported() {
    let r = run(&["k9s.txt"]);
    let d = &r.diagnoses[0];
    assert_eq!(d.class, FailureClass::AccessDenied);
    assert_eq!(
        d.cause.as_deref(),
        Some(
            "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        )
    );
    assert!(r.findings.iter().any(|f| f.rule == "joined-lines"));
}

#[test]
fn a_manifest_is_not_evidence() {
    let r = run(&["manifest.yaml"]);
    assert_eq!(r.pieces[0].format, PieceFormat::Manifest);
    assert_eq!(r.summary.manifests, 1);
    assert!(r.diagnoses.is_empty() && r.pods.is_empty());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(
        r.findings[0].message,
        "Deployment web is a manifest without status: not evidence of a pull. The policy explainer reads it."
    );
    // The edges route the piece's bytes to `explain`.
    let text = read("manifest.yaml");
    let piece = &text[r.pieces[0].bytes.clone()];
    assert_eq!(
        pullpolicy::explain(piece, &pullpolicy::Options::default())
            .summary
            .entries,
        1
    );
}

#[test]
fn describe_and_yaml_of_one_pod_merge() {
    let describe = read("describe_current.txt");
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-7d9f8c6b4-x2kqp\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: nginx:9.9\n    imagePullPolicy: Always\nstatus:\n  phase: Pending\n";
    let r = run_text(&format!("{describe}\n{yaml}"));
    assert_eq!(r.pods.len(), 1);
    assert_eq!(r.diagnoses.len(), 1);
    let d = &r.diagnoses[0];
    assert_eq!(d.policy.effective, Some(PullPolicy::Always));
    assert_eq!(d.policy.source, PolicyEvidence::Written);
    assert!(
        d.policy
            .note
            .contains("a deleted or moved tag also breaks restarts")
    );
}

#[test]
fn the_kubernetes_version_option_selects_reference_rules() {
    // `[::1]:5000/app` is a valid reference from 1.29 (bracketed IPv6 hosts), not in 1.28.
    let text = "Failed to pull image \"[::1]:5000/app:1\": failed to pull and unpack image \"[::1]:5000/app:1\": failed to resolve reference \"[::1]:5000/app:1\": failed to do request: Head \"https://[::1]:5000/v2/app/manifests/1\": dial tcp [::1]:5000: connect: connection refused\n";
    let new = diagnose(text, &DiagnoseOptions::default());
    assert_eq!(
        new.diagnoses[0].policy.default,
        Some(PullPolicy::IfNotPresent)
    );
    let old = diagnose(
        text,
        &DiagnoseOptions {
            kubernetes_version: KubeVersion::new(28),
        },
    );
    // The API server defaults an unparsable image to IfNotPresent too; presence keys
    // differ, the class does not.
    assert_eq!(old.diagnoses[0].class, FailureClass::Network);
}

#[test]
fn status_fragments_and_single_messages() {
    // A fragment of `containerStatuses` with the ≥ 1.32 back-off message.
    let text = "containerStatuses:\n- name: app\n  image: redis:alpine\n  state:\n    waiting:\n      reason: ImagePullBackOff\n      message: 'Back-off pulling image \"redis:alpine\": ErrImagePull: failed to pull and unpack image \"docker.io/library/redis:alpine\": failed to resolve image: failed to do request: Head \"https://registry-1.docker.io/v2/library/redis/manifests/alpine\": dial tcp 1.2.3.4:443: connect: connection refused'\n";
    let r = run_text(text);
    assert_eq!(r.pieces[0].format, PieceFormat::StatusFragment);
    let d = &r.diagnoses[0];
    assert_eq!(d.container.as_deref(), Some("app"));
    assert_eq!(d.class, FailureClass::Network);
    assert_eq!(d.inner_reason.as_deref(), Some("ErrImagePull"));
    assert_eq!(d.kubelet.at_least.as_deref(), Some("1.32"));
    // The waiting message of RegistryUnavailable (PF §2.1).
    let text = "status:\n  containerStatuses:\n  - name: app\n    image: localhost:7439/x:1\n    state:\n      waiting:\n        reason: RegistryUnavailable\n        message: 'image pull failed for localhost:7439/x:1 because the registry is unavailable: pinging container registry localhost:7439: Get \"http://localhost:7439/v2/\": dial tcp [::1]:7439: connect: connection refused'\n";
    let d = &run_text(text).diagnoses[0];
    assert_eq!(d.reason, "RegistryUnavailable");
    assert_eq!(d.class, FailureClass::Network);
    assert_eq!(d.runtime.name, Runtime::CriO);
    assert_eq!(
        d.message.as_deref(),
        Some(
            "pinging container registry localhost:7439: Get \"http://localhost:7439/v2/\": dial tcp [::1]:7439: connect: connection refused"
        )
    );
}

#[test]
fn two_failing_containers_of_one_pod_are_two_diagnoses() {
    let text = "Events:\n  Type     Reason  Age   From     Message\n  ----     ------  ----  ----     -------\n  Warning  Failed  5s    kubelet  spec.containers{a}: Failed to pull image \"a:1\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/a:1\": failed to resolve image: docker.io/library/a:1: not found\n  Warning  Failed  5s    kubelet  spec.initContainers{b}: Failed to pull image \"b:1\": failed to pull and unpack image \"docker.io/library/b:1\": failed to resolve image: failed to do request: Head \"https://registry-1.docker.io/v2/library/b/manifests/1\": x509: certificate signed by unknown authority\n";
    let r = run_text(text);
    let got: Vec<(Option<&str>, ContainerRole, FailureClass)> = r
        .diagnoses
        .iter()
        .map(|d| (d.container.as_deref(), d.role, d.class))
        .collect();
    assert_eq!(
        got,
        [
            (Some("a"), ContainerRole::Container, FailureClass::NotFound),
            (Some("b"), ContainerRole::Init, FailureClass::TlsUntrusted),
        ]
    );
}

#[test]
fn containers_sharing_an_image_share_its_events() {
    // kubectl < 1.35 shows no field path: the events name only the image, which two
    // containers use; both fail with the same text (one back-off key, PF §1.1.7).
    let text = "Name:         p\nNamespace:    default\nStatus:       Pending\nContainers:\n  a:\n    Image:          r.example.com/x:1\n    State:          Waiting\n      Reason:       ImagePullBackOff\n  b:\n    Image:          r.example.com/x:1\n    State:          Waiting\n      Reason:       ImagePullBackOff\nEvents:\n  Type     Reason  Age               From     Message\n  ----     ------  ----              ----     -------\n  Warning  Failed  9s (x3 over 52s)  kubelet  Failed to pull image \"r.example.com/x:1\": failed to pull and unpack image \"r.example.com/x:1\": failed to resolve image: failed to do request: Head \"https://r.example.com/v2/x/manifests/1\": dial tcp: lookup r.example.com: no such host\n";
    let r = run_text(text);
    let got: Vec<(Option<&str>, FailureClass)> = r
        .diagnoses
        .iter()
        .map(|d| (d.container.as_deref(), d.class))
        .collect();
    assert_eq!(
        got,
        [
            (Some("a"), FailureClass::Dns),
            (Some("b"), FailureClass::Dns)
        ]
    );
}

#[test]
fn events_k8s_io_and_json_event_lists() {
    // `events.k8s.io/v1`: `regarding`, `note`, `deprecatedCount`, `deprecated…Timestamp`.
    let yaml = "apiVersion: events.k8s.io/v1\nkind: Event\nmetadata:\n  name: w.1\n  namespace: default\nregarding:\n  kind: Pod\n  name: w\n  namespace: default\n  fieldPath: spec.containers{app}\nreason: Failed\nnote: 'Failed to pull image \"ghcr.io/a/b:1\": failed to pull and unpack image \"ghcr.io/a/b:1\": failed to resolve image: unexpected status from HEAD request to https://ghcr.io/v2/a/b/manifests/1: 503 Service Unavailable'\ntype: Warning\ndeprecatedCount: 4\ndeprecatedFirstTimestamp: \"2026-03-17T09:00:00Z\"\ndeprecatedLastTimestamp: \"2026-03-17T09:01:20Z\"\nreportingController: kubelet\nreportingInstance: node-9\n";
    let r = run_text(yaml);
    let d = &r.diagnoses[0];
    assert_eq!(
        (d.pod.as_deref(), d.container.as_deref()),
        (Some("w"), Some("app"))
    );
    assert_eq!(d.class, FailureClass::RegistryServerError);
    let t = d.timeline.as_ref().unwrap();
    assert_eq!(t.failures, 4);
    assert_eq!(t.span_seconds.map(|s| s.min), Some(80));
    assert_eq!(r.pods[0].node.as_deref(), Some("node-9"));

    // `kubectl get events -o json`: a List of core/v1 Events.
    let json = r#"{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "count": 2,
            "firstTimestamp": "2026-03-17T09:00:00Z",
            "involvedObject": {"kind": "Pod", "name": "j", "namespace": "ci", "fieldPath": "spec.initContainers{setup}"},
            "kind": "Event",
            "lastTimestamp": "2026-03-17T09:00:12Z",
            "message": "Failed to pull image \"alpine\": short name mode is enforcing, but image name alpine:latest returns ambiguous list",
            "metadata": {"name": "j.1", "namespace": "ci"},
            "reason": "Failed",
            "reportingComponent": "",
            "source": {"component": "kubelet", "host": "crio-1"},
            "type": "Warning"
        }
    ],
    "kind": "List",
    "metadata": {"resourceVersion": ""}
}
"#;
    let r = run_text(json);
    assert_eq!(r.pieces[0].encoding, Encoding::Json);
    assert_eq!(r.pieces[0].format, PieceFormat::EventObjects);
    let d = &r.diagnoses[0];
    assert_eq!(
        (d.container.as_deref(), d.role),
        (Some("setup"), ContainerRole::Init)
    );
    assert_eq!(d.class, FailureClass::ShortName);
    assert_eq!(d.runtime.name, Runtime::CriO);
    // An empty `reportingComponent` on a kubelet event: kubelet ≤ 1.27.
    assert_eq!(d.kubelet.below.as_deref(), Some("1.28"));
    assert_eq!(d.policy.effective, Some(PullPolicy::Always));
}
