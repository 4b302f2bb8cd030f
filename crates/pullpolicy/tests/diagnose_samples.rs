//! The spec's samples S1–S42 (`pull-failures.md` §6), data-driven: each sample is a
//! fixture file copied verbatim from the spec, and `fixtures/diagnose/index.tsv` holds
//! what the spec says its diagnosis is (class, waiting reason, runtime, container, and
//! the runtime's text with the kubelet's wrappers peeled). S39/S40 (node presence) and
//! S41 (a `Pulling` event, no failure) have their own tests below.

use pullpolicy::diagnose::{
    DiagnoseOptions, Diagnosis, DiagnosisReport, FailureClass, PodVerdict, Presence, Runtime,
    diagnose,
};
use pullpolicy::{PullPolicy, Severity};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnose");

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn run(file: &str) -> DiagnosisReport {
    diagnose(&read(file), &DiagnoseOptions::default())
}

/// One row of the index.
#[derive(Debug)]
struct Expected {
    id: String,
    file: String,
    class: Option<String>,
    reason: Option<String>,
    runtime: Option<String>,
    container: Option<String>,
    message: Option<String>,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(o) => panic!("bad escape \\{o}"),
                None => panic!("dangling escape"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn index() -> Vec<Expected> {
    let text = read("index.tsv");
    let mut rows = Vec::new();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("id\tfile\tclass\treason\truntime\tcontainer\tmessage")
    );
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 7, "{line}");
        let opt = |s: &str| (s != "-").then(|| unescape(s));
        rows.push(Expected {
            id: cells[0].to_owned(),
            file: cells[1].to_owned(),
            class: opt(cells[2]),
            reason: opt(cells[3]),
            runtime: opt(cells[4]),
            container: opt(cells[5]),
            message: opt(cells[6]),
        });
    }
    rows
}

#[test]
fn index_lists_every_sample_once() {
    let ids: Vec<String> = index().into_iter().map(|r| r.id).collect();
    let expected: Vec<String> = (1..=42).map(|n| format!("S{n}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn every_sample_gets_the_spec_diagnosis() {
    let mut failures = Vec::new();
    for row in index() {
        let report = run(&row.file);
        let Some(class) = &row.class else {
            if !report.diagnoses.is_empty() {
                failures.push(format!(
                    "{}: expected no diagnosis, got {:?}",
                    row.id, report.diagnoses[0].class
                ));
            }
            continue;
        };
        if report.diagnoses.len() != 1 {
            failures.push(format!("{}: {} diagnoses", row.id, report.diagnoses.len()));
            continue;
        }
        let d: &Diagnosis = &report.diagnoses[0];
        let mut check = |what: &str, got: Option<&str>, want: Option<&str>| {
            if got != want {
                failures.push(format!(
                    "{} {what}:\n   got {got:?}\n  want {want:?}",
                    row.id
                ));
            }
        };
        check("class", Some(d.class.id()), Some(class));
        check("reason", Some(&d.reason), row.reason.as_deref());
        check("runtime", Some(d.runtime.name.id()), row.runtime.as_deref());
        check(
            "container",
            d.container.as_deref(),
            row.container.as_deref(),
        );
        check("message", d.message.as_deref(), row.message.as_deref());
        // Every diagnosis is an error finding at a place in the text.
        let main = &d.findings[0];
        if main.rule != "pull-failure" || main.severity != Severity::Error {
            failures.push(format!("{}: first finding {}", row.id, main.rule));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sample_details_the_spec_names() {
    // S2: kubectl ≥ 1.35 (field-path prefix), containerd ≥ 2.1 transfer service, two
    // failures 13 s apart, the next attempt 20–35 s after the last.
    let r = run("s02.txt");
    let d = &r.diagnoses[0];
    assert_eq!(d.runtime.band.at_least.as_deref(), Some("2.1"));
    assert_eq!(r.pieces[0].kubectl.at_least.as_deref(), Some("1.35"));
    let t = d.timeline.as_ref().unwrap();
    assert_eq!((t.failures, t.window_seconds), (2, 20));
    assert_eq!(t.span_seconds.map(|s| (s.min, s.max)), Some((13, 13)));
    let next = t.next_attempt_seconds.unwrap();
    assert_eq!((next.min + 17, next.max + 17), (20, 35));
    assert_eq!(d.policy.effective, Some(PullPolicy::IfNotPresent));

    // S4: kubelet ≤ 1.27 (`code = Unknown` kept), untagged ⇒ Always, 85 s ≥ S(4) = 70 s,
    // ErrImagePull stale while the back-off goes on.
    let d = &run("s04.txt").diagnoses[0];
    assert_eq!(d.kubelet.below.as_deref(), Some("1.28"));
    assert_eq!(d.policy.effective, Some(PullPolicy::Always));
    let t = d.timeline.as_ref().unwrap();
    assert_eq!((t.failures, t.minimal_span_seconds), (4, 70));
    assert!(t.failures_lower_bound);

    // S5: an aggregate, the platform part primary, the anonymous part auth.
    let d = &run("s05.txt").diagnoses[0];
    assert_eq!(d.parts.len(), 2);
    assert!(d.parts[0].primary);
    assert_eq!(d.parts[0].class, FailureClass::PlatformMismatch);
    assert!(d.parts[1].class.is_auth());

    // S6: `unexpected status:` without method ⇒ containerd < 1.7.
    let d = &run("s06.txt").diagnoses[0];
    assert_eq!(d.runtime.band.below.as_deref(), Some("1.7"));

    // S8: 5 attempts over ≈ 2.6 min; stale counters.
    let d = &run("s08.txt").diagnoses[0];
    let t = d.timeline.as_ref().unwrap();
    assert_eq!(t.failures, 5);
    assert!(t.failures_lower_bound);

    // S15: combined events, failing ≥ 10 h, ≈ 12 attempts an hour.
    let d = &run("s15.txt").diagnoses[0];
    assert!(d.combined);
    assert_eq!(d.grpc_code.as_deref(), Some("DeadlineExceeded"));
    assert_eq!(d.timeline.as_ref().unwrap().attempts_per_hour, Some(12));
    assert!(d.findings.iter().any(|f| f.rule == "combined-events"));

    // S17: rows sorted by last occurrence; each attempt took ~20 s: longer than S(2).
    let d = &run("s17.txt").diagnoses[0];
    assert_eq!(d.reason, "ErrImagePull");
    assert_eq!(
        d.timeline.as_ref().unwrap().span,
        pullpolicy::diagnose::SpanVerdict::Longer
    );

    // S18: kubectl ≤ 1.19 (`kubelet, kworker2`), node from the source.
    let r = run("s18.txt");
    assert_eq!(r.pieces[0].kubectl.below.as_deref(), Some("1.20"));

    // S22: a progress timeout lowered to 1m0s.
    assert!(
        run("s22.txt").diagnoses[0]
            .findings
            .iter()
            .any(|f| f.rule == "progress-timeout")
    );

    // S24: kubelet ≥ 1.33, no back-off.
    let d = &run("s24.txt").diagnoses[0];
    assert_eq!(d.kubelet.at_least.as_deref(), Some("1.33"));
    assert!(d.timeline.as_ref().unwrap().no_back_off);
    assert_eq!(
        d.image.as_deref(),
        Some("1password/onepassword-operator:1.12.0")
    );

    // S25: the kubelet log shows Always ⇒ kubelet ≤ 1.32.
    let d = &run("s25.txt").diagnoses[0];
    assert_eq!(d.policy.effective, Some(PullPolicy::Always));
    assert_eq!(d.kubelet.below.as_deref(), Some("1.33"));
    assert_eq!(d.pod.as_deref(), Some("hello"));
    assert_eq!(d.namespace.as_deref(), Some("default"));

    // S26, S38: the back-off message carries the last error ⇒ kubelet ≥ 1.32.
    for f in ["s26.txt", "s38.txt"] {
        let d = &run(f).diagnoses[0];
        assert_eq!(d.inner_reason.as_deref(), Some("ErrImagePull"), "{f}");
        assert_eq!(d.kubelet.at_least.as_deref(), Some("1.32"), "{f}");
    }

    // S29: Never, explicit by the reason; S30: no message from describe.
    let d = &run("s29.txt").diagnoses[0];
    assert_eq!(d.policy.effective, Some(PullPolicy::Never));
    let d = &run("s30.txt").diagnoses[0];
    assert_eq!(d.image.as_deref(), Some("producer:1.0"));

    // S31, S32: the kubelet ≤ 1.27 text, the specific hints.
    assert!(
        run("s31.txt").diagnoses[0]
            .findings
            .iter()
            .any(|f| f.rule == "empty-registry-host")
    );
    assert!(
        run("s32.txt").diagnoses[0]
            .findings
            .iter()
            .any(|f| f.rule == "double-tag")
    );

    // S35: each mirror is a part.
    let d = &run("s35.txt").diagnoses[0];
    assert_eq!(
        d.parts.iter().map(|p| p.class).collect::<Vec<_>>(),
        [FailureClass::NotFound, FailureClass::AccessDenied]
    );

    // S36: C1 or C2 on CRI-O: the hint.
    assert!(
        run("s36.txt").diagnoses[0]
            .findings
            .iter()
            .any(|f| f.rule == "manifest-unknown-ambiguity")
    );

    // S37: no cause: ask for the events.
    assert!(
        run("s37.yaml").diagnoses[0]
            .findings
            .iter()
            .any(|f| f.rule == "no-failure-text")
    );

    // S42: the legacy layout.
    let r = run("s42.txt");
    assert!(
        r.pieces[0]
            .markers
            .contains(&pullpolicy::diagnose::Marker::KubectlLegacyLayout)
    );
}

/// S39's node (PF §5.2) as a Node object, and a pod with `image` failing on it.
fn on_node(node_fragment: &str, image: &str, policy: &str) -> DiagnosisReport {
    let indented: String = node_fragment.lines().map(|l| format!("  {l}\n")).collect();
    let text = format!(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n{indented}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: n1\n  containers:\n  - name: c\n    image: \"{image}\"\n    imagePullPolicy: {policy}\nstatus:\n  phase: Pending\n  containerStatuses:\n  - name: c\n    image: \"{image}\"\n    state:\n      waiting:\n        reason: ErrImagePull\n        message: x\n"
    );
    diagnose(&text, &DiagnoseOptions::default())
}

#[test]
fn s39_presence_on_a_containerd_node() {
    let node = read("s39.yaml");
    for (image, want) in [
        ("nginx", Presence::Yes),
        (
            "docker.io/library/nginx@sha256:922c815aa4df050d4df476e92daed4231f466acc8ee90e0e774951b0fd7195a4",
            Presence::Yes,
        ),
        ("nginx:1.25", Presence::No),
        (
            "k8s.gcr.io/pause:3.1@sha256:0123456789012345678901234567890123456789012345678901234567890123",
            Presence::No,
        ),
        ("library/nginx:latest", Presence::Yes),
    ] {
        let r = on_node(&node, image, "IfNotPresent");
        let d = &r.diagnoses[0];
        assert_eq!(d.nodes.len(), 1, "{image}");
        assert_eq!(d.nodes[0].present, want, "{image}");
        assert!(d.nodes[0].pod_node);
        assert_eq!(d.runtime.reported.as_deref(), Some("containerd://1.2.5"));
    }
}

#[test]
fn s40_presence_with_docker_familiar_names() {
    let r = run("s40.yaml");
    assert_eq!(r.nodes.len(), 1);
    assert_eq!(r.nodes[0].images, Some(2));
    assert!(r.diagnoses.is_empty());
    let node = read("s40.yaml");
    // The fragment is `    images:` under a Node's status: dedent it.
    let dedented: String = node
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
        .collect();
    for image in ["deploymenttest:1.0", "docker.io/library/deploymenttest:1.0"] {
        let d = &on_node(&dedented, image, "IfNotPresent").diagnoses[0];
        assert_eq!(d.nodes[0].present, Presence::Yes, "{image}");
    }
}

#[test]
fn s41_a_pulling_event_is_no_failure() {
    let r = run("s41.yaml");
    assert!(r.diagnoses.is_empty());
    assert_eq!(r.pods.len(), 1);
    let p = &r.pods[0];
    assert_eq!(p.name.as_deref(), Some("log-test"));
    assert_eq!(p.namespace.as_deref(), Some("default"));
    assert_eq!(p.node.as_deref(), Some("minikube"));
    assert_eq!(p.verdict, PodVerdict::NoEvidence);
    assert_eq!(
        p.message,
        "No failure in the evidence: a pull is in progress or succeeded."
    );
}

#[test]
fn runtimes_of_the_samples() {
    // Every runtime the spec names is recognised by its texts alone.
    let runtime = |f: &str| run(f).diagnoses[0].runtime.name;
    assert_eq!(runtime("s11.txt"), Runtime::Docker);
    assert_eq!(runtime("s23.txt"), Runtime::CriO);
    assert_eq!(runtime("s13.txt"), Runtime::Containerd);
    assert_eq!(runtime("s33.txt"), Runtime::Unknown);
}
