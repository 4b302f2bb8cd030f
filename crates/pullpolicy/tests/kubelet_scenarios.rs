//! The node simulation, scenario by scenario: every policy × node state × registry
//! state, credentials and KEP-2535 policies, AlwaysPullImages, versions 1.28–1.37 and
//! invalid references. Each row asserts the outcome fields and the exact event
//! sequence (type, reason, message) of the project spec
//! (`kubernetes-pull-semantics.md` §4, §5, §6, §9).

use pullpolicy::kubelet::{self, Outcome};
use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
    Report, Scenario,
};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------
// Inputs.

const I: &str = "nginx:1.25";
const FULL: &str = "docker.io/library/nginx:1.25";

fn version(minor: u8) -> KubeVersion {
    KubeVersion::new(minor).expect("supported version")
}

/// A YAML single-quoted scalar.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A Pod with one container `app`.
fn pod(image: &str, policy: Option<&str>) -> String {
    let mut yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: {}\n",
        quoted(image)
    );
    if let Some(p) = policy {
        yaml.push_str(&format!("    imagePullPolicy: {p}\n"));
    }
    yaml
}

fn scenario(node: NodeImage, registry: Registry, credentials: Credentials) -> Scenario {
    Scenario {
        node_image: node,
        registry,
        credentials,
        ..Scenario::default()
    }
}

fn explain(yaml: &str, minor: u8, scenario: Scenario) -> Report {
    pullpolicy::explain(
        yaml,
        &Options {
            kubernetes_version: version(minor),
            scenario,
        },
    )
}

fn outcome_of(report: &Report, index: usize) -> Outcome {
    report.documents[0].entries[index]
        .outcome
        .clone()
        .expect("every entry has an outcome")
}

// ---------------------------------------------------------------------------------------
// Expected events, worded as the spec gives them.

type Ev = (&'static str, &'static str, String);

fn pulling(i: &str) -> Ev {
    ("Normal", "Pulling", format!("Pulling image \"{i}\""))
}

fn pulled(i: &str) -> Ev {
    (
        "Normal",
        "Pulled",
        format!(
            "Successfully pulled image \"{i}\" in <pull time> (<total time> including waiting). Image size: <bytes> bytes."
        ),
    )
}

fn present(i: &str) -> Ev {
    (
        "Normal",
        "Pulled",
        format!("Container image \"{i}\" already present on machine"),
    )
}

fn accessible(i: &str) -> Ev {
    (
        "Normal",
        "Pulled",
        format!(
            "Container image \"{i}\" already present on machine and can be accessed by the pod"
        ),
    )
}

fn error(reason: &str) -> Ev {
    ("Warning", "Failed", format!("Error: {reason}"))
}

fn back_off(i: &str) -> Ev {
    (
        "Normal",
        "BackOff",
        format!("Back-off pulling image \"{i}\""),
    )
}

fn not_found_error(full: &str) -> String {
    format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
    )
}

fn unreachable_error(full: &str, url: &str, port: &str) -> String {
    format!(
        "failed to pull and unpack image \"{full}\": failed to resolve image: failed to do request: Head \"{url}\": dial tcp <registry IP>:{port}: connect: connection refused"
    )
}

const AUTH: &str = "<registry error: authorization failed>";

fn ok(i: &str) -> Vec<Ev> {
    vec![pulling(i), pulled(i)]
}

fn fail(i: &str, cri: &str) -> Vec<Ev> {
    vec![
        pulling(i),
        (
            "Warning",
            "Failed",
            format!("Failed to pull image \"{i}\": {cri}"),
        ),
        error("ErrImagePull"),
        back_off(i),
        error("ImagePullBackOff"),
    ]
}

fn fail_nf(i: &str, full: &str) -> Vec<Ev> {
    fail(i, &not_found_error(full))
}

fn fail_unreachable() -> Vec<Ev> {
    fail(
        I,
        &unreachable_error(
            FULL,
            "https://registry-1.docker.io/v2/library/nginx/manifests/1.25",
            "443",
        ),
    )
}

fn fail_auth(i: &str) -> Vec<Ev> {
    fail(i, AUTH)
}

fn never(i: &str) -> Vec<Ev> {
    vec![
        (
            "Warning",
            "ErrImageNeverPull",
            format!("Container image \"{i}\" is not present with pull policy of Never"),
        ),
        error("ErrImageNeverPull"),
    ]
}

fn invalid(message: &str) -> Vec<Ev> {
    vec![
        ("Warning", "InspectFailed", message.to_owned()),
        error("InvalidImageName"),
    ]
}

// ---------------------------------------------------------------------------------------
// Expected fields: (pulls, downloads, started, waitingReason, runs).

type Fields = (bool, &'static str, bool, Option<&'static str>, &'static str);

const PULL_ALL: Fields = (true, "all", true, None, "registry-current");
const PULL_NONE: Fields = (true, "none", true, None, "registry-current");
const PULL_LAYERS: Fields = (true, "changed-layers", true, None, "registry-current");
const FAIL: Fields = (true, "none", false, Some("ImagePullBackOff"), "none");
const CACHED: Fields = (false, "none", true, None, "cached");
const CACHED_STALE: Fields = (false, "none", true, None, "cached-stale");
const NEVER: Fields = (false, "none", false, Some("ErrImageNeverPull"), "none");
const INVALID: Fields = (false, "none", false, Some("InvalidImageName"), "none");

struct Case {
    name: &'static str,
    minor: u8,
    image: &'static str,
    policy: Option<&'static str>,
    scenario: Scenario,
    fields: Fields,
    events: Vec<Ev>,
}

fn case(
    name: &'static str,
    minor: u8,
    image: &'static str,
    policy: Option<&'static str>,
    scenario: Scenario,
    fields: Fields,
    events: Vec<Ev>,
) -> Case {
    Case {
        name,
        minor,
        image,
        policy,
        scenario,
        fields,
        events,
    }
}

fn with(f: impl FnOnce(&mut Scenario), mut s: Scenario) -> Scenario {
    f(&mut s);
    s
}

fn verify(policy: CredentialVerification, s: Scenario) -> Scenario {
    with(|s| s.credential_verification = policy, s)
}

/// `NeverVerifyAllowlistedImages` with a one-entry allowlist.
fn allowlisted(entry: &str, s: Scenario) -> Scenario {
    with(
        |s| {
            s.credential_verification = CredentialVerification::NeverVerifyAllowlistedImages;
            s.allowlist = vec![entry.to_owned()];
        },
        s,
    )
}

/// `KubeletEnsureSecretPulledImages` set by hand.
fn gate(on: Option<bool>, s: Scenario) -> Scenario {
    with(|s| s.ensure_secret_pulled_images = on, s)
}

/// The AlwaysPullImages admission plugin on.
fn api(s: Scenario) -> Scenario {
    with(|s| s.always_pull_images = true, s)
}

use Credentials::{Missing, Public, Valid};
use NodeImage::{Absent, Preloaded, Present, Stale};
use Registry::{NotFound, Reachable, Unreachable};

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let ifnp = Some("IfNotPresent");
    let always = Some("Always");
    let never_p = Some("Never");
    let s = scenario;
    vec![
        // ----- Every policy × node state × registry state (1.36, public image). -----
        case("IfNotPresent absent reachable", 36, I, ifnp, s(Absent, Reachable, Public), PULL_ALL, ok(I)),
        case("IfNotPresent absent unreachable", 36, I, ifnp, s(Absent, Unreachable, Public), FAIL, fail_unreachable()),
        case("IfNotPresent absent not-found", 36, I, ifnp, s(Absent, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("IfNotPresent present reachable", 36, I, ifnp, s(Present, Reachable, Public), CACHED, vec![accessible(I)]),
        case("IfNotPresent present unreachable", 36, I, ifnp, s(Present, Unreachable, Public), CACHED, vec![accessible(I)]),
        case("IfNotPresent present not-found", 36, I, ifnp, s(Present, NotFound, Public), CACHED, vec![accessible(I)]),
        case("IfNotPresent stale reachable", 36, I, ifnp, s(Stale, Reachable, Public), CACHED_STALE, vec![accessible(I)]),
        case("IfNotPresent stale unreachable", 36, I, ifnp, s(Stale, Unreachable, Public), CACHED_STALE, vec![accessible(I)]),
        case("IfNotPresent stale not-found", 36, I, ifnp, s(Stale, NotFound, Public), CACHED_STALE, vec![accessible(I)]),
        case("IfNotPresent preloaded reachable", 36, I, ifnp, s(Preloaded, Reachable, Public), CACHED, vec![accessible(I)]),
        case("IfNotPresent preloaded unreachable", 36, I, ifnp, s(Preloaded, Unreachable, Public), CACHED, vec![accessible(I)]),
        case("IfNotPresent preloaded not-found", 36, I, ifnp, s(Preloaded, NotFound, Public), CACHED, vec![accessible(I)]),
        case("Always absent reachable", 36, I, always, s(Absent, Reachable, Public), PULL_ALL, ok(I)),
        case("Always absent unreachable", 36, I, always, s(Absent, Unreachable, Public), FAIL, fail_unreachable()),
        case("Always absent not-found", 36, I, always, s(Absent, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("Always present reachable", 36, I, always, s(Present, Reachable, Public), PULL_NONE, ok(I)),
        case("Always present unreachable: no fallback to the cache", 36, I, always, s(Present, Unreachable, Public), FAIL, fail_unreachable()),
        case("Always present not-found", 36, I, always, s(Present, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("Always stale reachable", 36, I, always, s(Stale, Reachable, Public), PULL_LAYERS, ok(I)),
        case("Always stale unreachable", 36, I, always, s(Stale, Unreachable, Public), FAIL, fail_unreachable()),
        case("Always stale not-found", 36, I, always, s(Stale, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("Always preloaded reachable", 36, I, always, s(Preloaded, Reachable, Public), PULL_NONE, ok(I)),
        case("Always preloaded unreachable", 36, I, always, s(Preloaded, Unreachable, Public), FAIL, fail_unreachable()),
        case("Always preloaded not-found", 36, I, always, s(Preloaded, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("Never absent reachable", 36, I, never_p, s(Absent, Reachable, Public), NEVER, never(I)),
        case("Never absent unreachable", 36, I, never_p, s(Absent, Unreachable, Public), NEVER, never(I)),
        case("Never absent not-found", 36, I, never_p, s(Absent, NotFound, Public), NEVER, never(I)),
        case("Never present reachable", 36, I, never_p, s(Present, Reachable, Public), CACHED, vec![accessible(I)]),
        case("Never present unreachable", 36, I, never_p, s(Present, Unreachable, Public), CACHED, vec![accessible(I)]),
        case("Never present not-found", 36, I, never_p, s(Present, NotFound, Public), CACHED, vec![accessible(I)]),
        case("Never stale reachable", 36, I, never_p, s(Stale, Reachable, Public), CACHED_STALE, vec![accessible(I)]),
        case("Never stale unreachable", 36, I, never_p, s(Stale, Unreachable, Public), CACHED_STALE, vec![accessible(I)]),
        case("Never stale not-found", 36, I, never_p, s(Stale, NotFound, Public), CACHED_STALE, vec![accessible(I)]),
        case("Never preloaded reachable", 36, I, never_p, s(Preloaded, Reachable, Public), CACHED, vec![accessible(I)]),
        case("Never preloaded unreachable", 36, I, never_p, s(Preloaded, Unreachable, Public), CACHED, vec![accessible(I)]),
        case("Never preloaded not-found", 36, I, never_p, s(Preloaded, NotFound, Public), CACHED, vec![accessible(I)]),
        // ----- Credentials, KEP-2535 on by default (1.36, NeverVerifyPreloadedImages). -----
        case("IfNotPresent present valid: the secret matches", 36, I, ifnp, s(Present, Reachable, Valid), CACHED, vec![accessible(I)]),
        case("IfNotPresent present missing: re-pull, refused", 36, I, ifnp, s(Present, Reachable, Missing), FAIL, fail_auth(I)),
        case("IfNotPresent present missing, registry unreachable", 36, I, ifnp, s(Present, Unreachable, Missing), FAIL, fail_unreachable()),
        case("IfNotPresent stale missing: re-pull, refused", 36, I, ifnp, s(Stale, Reachable, Missing), FAIL, fail_auth(I)),
        case("IfNotPresent stale valid: old content", 36, I, ifnp, s(Stale, Reachable, Valid), CACHED_STALE, vec![accessible(I)]),
        case("IfNotPresent preloaded missing: not verified", 36, I, ifnp, s(Preloaded, Reachable, Missing), CACHED, vec![accessible(I)]),
        case("IfNotPresent absent missing", 36, I, ifnp, s(Absent, Reachable, Missing), FAIL, fail_auth(I)),
        case("IfNotPresent absent valid", 36, I, ifnp, s(Absent, Reachable, Valid), PULL_ALL, ok(I)),
        case("Never present missing: not revealed", 36, I, never_p, s(Present, Reachable, Missing), NEVER, never(I)),
        case("Never present valid", 36, I, never_p, s(Present, Reachable, Valid), CACHED, vec![accessible(I)]),
        case("Always absent missing", 36, I, always, s(Absent, Reachable, Missing), FAIL, fail_auth(I)),
        case("Always present missing", 36, I, always, s(Present, Reachable, Missing), FAIL, fail_auth(I)),
        case("Always present valid", 36, I, always, s(Present, Reachable, Valid), PULL_NONE, ok(I)),
        case("unreachable before missing credentials", 36, I, always, s(Absent, Unreachable, Missing), FAIL, fail_unreachable()),
        case("missing credentials before not-found", 36, I, always, s(Absent, NotFound, Missing), FAIL, fail_auth(I)),
        // ----- Credential verification policies. -----
        case("AlwaysVerify preloaded IfNotPresent: no records, re-pull", 36, I, ifnp, verify(CredentialVerification::AlwaysVerify, s(Preloaded, Reachable, Public)), PULL_NONE, ok(I)),
        case("AlwaysVerify preloaded Never: ErrImageNeverPull", 36, I, never_p, verify(CredentialVerification::AlwaysVerify, s(Preloaded, Reachable, Public)), NEVER, never(I)),
        case("AlwaysVerify present public: accessible to all pods", 36, I, ifnp, verify(CredentialVerification::AlwaysVerify, s(Present, Reachable, Public)), CACHED, vec![accessible(I)]),
        case("AlwaysVerify stale valid: secret matches", 36, I, ifnp, verify(CredentialVerification::AlwaysVerify, s(Stale, Reachable, Valid)), CACHED_STALE, vec![accessible(I)]),
        case("NeverVerify present missing: not verified", 36, I, ifnp, verify(CredentialVerification::NeverVerify, s(Present, Reachable, Missing)), CACHED, vec![accessible(I)]),
        case("allowlisted exact entry, 1.36 (fixed matching)", 36, I, ifnp, allowlisted("docker.io/library/nginx", s(Preloaded, Reachable, Missing)), CACHED, vec![accessible(I)]),
        case("allowlisted exact entry, 1.35 (raw string compared)", 35, I, ifnp, allowlisted("docker.io/library/nginx", s(Preloaded, Reachable, Missing)), FAIL, fail_auth(I)),
        case("allowlist prefix entry spelled like the image, 1.35", 35, "docker.io/library/nginx:1.25", ifnp, allowlisted("docker.io/library/*", s(Preloaded, Reachable, Missing)), CACHED, vec![accessible("docker.io/library/nginx:1.25")]),
        case("not allowlisted, kubelet-pulled, missing", 36, I, ifnp, allowlisted("registry.example.com/*", s(Present, Reachable, Missing)), FAIL, fail_auth(I)),
        // ----- Versions. -----
        case("1.34: gate off by default, any pod uses the copy", 34, I, ifnp, s(Present, Reachable, Missing), CACHED, vec![present(I)]),
        case("1.34: gate enabled by hand", 34, I, ifnp, gate(Some(true), s(Present, Reachable, Missing)), FAIL, fail_auth(I)),
        case("1.34: gate enabled, public image", 34, I, ifnp, gate(Some(true), s(Present, Reachable, Public)), CACHED, vec![accessible(I)]),
        case("1.34 Never absent", 34, I, never_p, s(Absent, Reachable, Public), NEVER, never(I)),
        case("1.34 Always present reachable", 34, I, always, s(Present, Reachable, Public), PULL_NONE, ok(I)),
        case("1.34 IfNotPresent absent unreachable", 34, I, ifnp, s(Absent, Unreachable, Public), FAIL, fail_unreachable()),
        case("1.35: gate on by default", 35, I, ifnp, s(Present, Reachable, Public), CACHED, vec![accessible(I)]),
        case("1.36: gate turned off", 36, I, ifnp, gate(Some(false), s(Present, Reachable, Missing)), CACHED, vec![present(I)]),
        case("1.32 IfNotPresent present", 32, I, ifnp, s(Present, Reachable, Public), CACHED, vec![present(I)]),
        case("1.32 IfNotPresent present missing: no check", 32, I, ifnp, s(Present, Reachable, Missing), CACHED, vec![present(I)]),
        case("1.32: the gate does not exist", 32, I, ifnp, gate(Some(true), s(Present, Reachable, Missing)), CACHED, vec![present(I)]),
        case("1.32 Always present (presence checked, pulled anyway)", 32, I, always, s(Present, Reachable, Public), PULL_NONE, ok(I)),
        case("1.32 Always absent unreachable", 32, I, always, s(Absent, Unreachable, Public), FAIL, fail_unreachable()),
        case("1.32 Never absent", 32, I, never_p, s(Absent, Reachable, Public), NEVER, never(I)),
        case("1.32 Never stale", 32, I, never_p, s(Stale, Reachable, Public), CACHED_STALE, vec![present(I)]),
        case("1.31 IfNotPresent absent not-found", 31, I, ifnp, s(Absent, NotFound, Public), FAIL, fail_nf(I, FULL)),
        case("1.29: no image size in the Pulled event", 29, I, ifnp, s(Absent, Reachable, Public), PULL_ALL, vec![ pulling(I), ("Normal", "Pulled", format!("Successfully pulled image \"{I}\" in <pull time> (<total time> including waiting)" )), ]),
        case("1.30: image size in the Pulled event", 30, I, ifnp, s(Absent, Reachable, Public), PULL_ALL, ok(I)),
        // ----- AlwaysPullImages. -----
        case("AlwaysPullImages: IfNotPresent becomes Always", 36, I, ifnp, api(s(Present, Reachable, Valid)), PULL_NONE, ok(I)),
        case("AlwaysPullImages: missing credentials are caught", 36, I, ifnp, api(s(Present, Reachable, Missing)), FAIL, fail_auth(I)),
        case("AlwaysPullImages: the registry is in the start path", 36, I, ifnp, api(s(Present, Unreachable, Public)), FAIL, fail_unreachable()),
        case("AlwaysPullImages: Never becomes Always", 36, I, never_p, api(s(Absent, Reachable, Public)), PULL_ALL, ok(I)),
        case("AlwaysPullImages on 1.32, stale", 32, I, ifnp, api(s(Stale, Reachable, Public)), PULL_LAYERS, ok(I)),
        // ----- Image forms. -----
        case("no tag: defaulted Always, :latest resolved", 36, "busybox", None, s(Absent, NotFound, Public), FAIL, fail_nf("busybox", "docker.io/library/busybox:latest")),
        case("registry with a port, unreachable", 36, "registry.example.com:5000/team/app:2.0", always, s(Absent, Unreachable, Public), FAIL, fail("registry.example.com:5000/team/app:2.0", &unreachable_error("registry.example.com:5000/team/app:2.0", "https://registry.example.com:5000/v2/team/app/manifests/2.0", "5000"))),
        case("digest, stale is the same content", 36, DIGEST_IMAGE, ifnp, s(Stale, Reachable, Public), CACHED, vec![accessible(DIGEST_IMAGE)]),
        case("tag and digest, not found: only the digest is pulled", 36, TAG_DIGEST_IMAGE, always, s(Absent, NotFound, Public), FAIL, fail_nf(TAG_DIGEST_IMAGE, DIGEST_FULL)),
        // ----- Invalid references: InvalidImageName whatever the policy. -----
        case("upper case", 36, "Nginx", ifnp, s(Absent, Reachable, Public), INVALID, invalid("Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase")),
        case("upper case, observed in the wild", 34, "ACTOKEY", always, s(Present, Unreachable, Missing), INVALID, invalid("Failed to apply default image tag \"ACTOKEY\": couldn't parse image name \"ACTOKEY\": invalid reference format: repository name (library/ACTOKEY) must be lowercase")),
        case("empty tag", 32, "nginx:", never_p, s(Absent, Reachable, Public), INVALID, invalid("Failed to apply default image tag \"nginx:\": couldn't parse image name \"nginx:\": invalid reference format")),
        case("short digest", 36, "nginx@sha256:abc", always, s(Absent, Reachable, Public), INVALID, invalid("Failed to apply default image tag \"nginx@sha256:abc\": couldn't parse image name \"nginx@sha256:abc\": invalid reference format")),
        case("unsupported digest algorithm", 36, "nginx@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ifnp, s(Absent, Reachable, Public), INVALID, invalid("Failed to apply default image tag \"nginx@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": couldn't parse image name \"nginx@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": unsupported digest algorithm")),
        case("scheme in the name", 36, "ko://github.com/tektoncd/operator/cmd/kubernetes/webhook", ifnp, s(Absent, Reachable, Public), INVALID, invalid("Failed to apply default image tag \"ko://github.com/tektoncd/operator/cmd/kubernetes/webhook\": couldn't parse image name \"ko://github.com/tektoncd/operator/cmd/kubernetes/webhook\": invalid reference format")),
    ]
}

const DIGEST_IMAGE: &str =
    "nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const TAG_DIGEST_IMAGE: &str =
    "nginx:1.25@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const DIGEST_FULL: &str = "docker.io/library/nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn events_of(o: &Outcome) -> Vec<(String, String, String)> {
    o.events
        .iter()
        .map(|e| {
            let v = serde_json::to_value(e).expect("serializes");
            (
                v["type"].as_str().unwrap_or_default().to_owned(),
                e.reason.to_owned(),
                e.message.clone(),
            )
        })
        .collect()
}

fn str_of<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("serializes")
}

#[test]
fn scenario_table() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} scenarios", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let report = explain(&pod(c.image, c.policy), c.minor, c.scenario.clone());
        let o = outcome_of(&report, 0);
        let (pulls, downloads, started, waiting, runs) = c.fields;
        let got_fields = (
            o.pulls,
            str_of(&o.downloads),
            o.started,
            str_of(&o.waiting_reason),
            str_of(&o.runs),
        );
        let want_fields = (
            pulls,
            json!(downloads),
            started,
            json!(waiting),
            json!(runs),
        );
        if got_fields != want_fields {
            failures.push(format!(
                "{}: fields {got_fields:?} != {want_fields:?}",
                c.name
            ));
        }
        let want_events: Vec<(String, String, String)> = c
            .events
            .iter()
            .map(|(t, r, m)| ((*t).to_owned(), (*r).to_owned(), m.clone()))
            .collect();
        if events_of(&o) != want_events {
            failures.push(format!(
                "{}: events\n  got  {:#?}\n  want {want_events:#?}",
                c.name,
                events_of(&o)
            ));
        }
        // Invariants of every scenario.
        assert!(o.reaches_node, "{}", c.name);
        assert_eq!(o.contacts_registry, o.pulls, "{}", c.name);
        assert_eq!(
            o.backoff.is_some(),
            o.waiting_reason == Some(kubelet::WaitingReason::ImagePullBackOff),
            "{}",
            c.name
        );
        if let Some(b) = &o.backoff {
            assert_eq!(b.delays, [10, 20, 40, 80, 160, 300, 300], "{}", c.name);
            assert_eq!((b.max_seconds, b.reset_after_seconds), (300, 600));
        }
        assert_eq!(
            o.waiting.last().map(|w| w.reason),
            o.waiting_reason,
            "{}",
            c.name
        );
        assert!(
            o.events
                .iter()
                .all(|e| e.field_path.as_deref() == Some("spec.containers{app}")),
            "{}",
            c.name
        );
        assert!(!o.explanation.is_empty(), "{}", c.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Waiting messages and versions.

fn waiting(o: &Outcome) -> Vec<(String, String)> {
    o.waiting
        .iter()
        .map(|w| (w.reason.as_str().to_owned(), w.message.clone()))
        .collect()
}

#[test]
fn backoff_message_repeats_the_error_from_132() {
    let cri = not_found_error(FULL);
    for (minor, backoff_message) in [
        (31, format!("Back-off pulling image \"{I}\"")),
        (
            32,
            format!("Back-off pulling image \"{I}\": ErrImagePull: {cri}"),
        ),
        (
            36,
            format!("Back-off pulling image \"{I}\": ErrImagePull: {cri}"),
        ),
    ] {
        let r = explain(&pod(I, None), minor, scenario(Absent, NotFound, Public));
        let o = outcome_of(&r, 0);
        assert_eq!(
            waiting(&o),
            [
                ("ErrImagePull".to_owned(), cri.clone()),
                ("ImagePullBackOff".to_owned(), backoff_message)
            ],
            "1.{minor}"
        );
    }
}

#[test]
fn observed_redis_backoff_message() {
    // Spec §4.5: the observed message, IP elided there and a placeholder here.
    let r = explain(
        &pod("redis:alpine", Some("Always")),
        36,
        scenario(Present, Unreachable, Public),
    );
    let o = outcome_of(&r, 0);
    assert_eq!(
        o.waiting[1].message,
        "Back-off pulling image \"redis:alpine\": ErrImagePull: failed to pull and unpack image \"docker.io/library/redis:alpine\": failed to resolve image: failed to do request: Head \"https://registry-1.docker.io/v2/library/redis/manifests/alpine\": dial tcp <registry IP>:443: connect: connection refused"
    );
}

#[test]
fn never_and_invalid_waiting_messages() {
    let r = explain(&pod(I, Some("Never")), 36, Scenario::default());
    assert_eq!(
        waiting(&outcome_of(&r, 0)),
        [(
            "ErrImageNeverPull".to_owned(),
            format!("Container image \"{I}\" is not present with pull policy of Never")
        )]
    );
    let r = explain(&pod("Nginx", None), 28, Scenario::default());
    let o = outcome_of(&r, 0);
    // docker/distribution (1.28) does not name the repository.
    let message = "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name must be lowercase";
    assert_eq!(
        waiting(&o),
        [("InvalidImageName".to_owned(), message.to_owned())]
    );
    assert_eq!(events_of(&o)[0].2, message);
    assert!(o.nodes.is_empty());
}

#[test]
fn placeholders_are_listed() {
    assert_eq!(
        kubelet::PLACEHOLDERS,
        [
            "<pull time>",
            "<total time>",
            "<bytes>",
            "<registry IP>",
            "<registry error: authorization failed>"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Credential check details.

#[test]
fn credential_check_is_reported() {
    let r = explain(
        &pod(I, Some("IfNotPresent")),
        36,
        scenario(Present, Reachable, Missing),
    );
    let o = outcome_of(&r, 0);
    assert_eq!(
        str_of(&o.credential_check),
        json!({
            "policy": "NeverVerifyPreloadedImages",
            "pulledByKubelet": true,
            "allowlisted": null,
            "allowlistErrors": [],
            "verificationRequired": true,
            "result": "must-authenticate"
        })
    );
    let r = explain(
        &pod(I, None),
        36,
        with(
            |s| {
                s.credential_verification = CredentialVerification::NeverVerifyAllowlistedImages;
                s.allowlist = vec!["nginx".to_owned(), "docker.io/library/*".to_owned()];
            },
            scenario(Preloaded, Reachable, Public),
        ),
    );
    let o = outcome_of(&r, 0);
    assert_eq!(
        str_of(&o.credential_check),
        json!({
            "policy": "NeverVerifyAllowlistedImages",
            "pulledByKubelet": false,
            "allowlisted": true,
            "allowlistErrors": ["neither tag nor digest is accepted in an image reference: nginx"],
            "verificationRequired": false,
            "result": "not-required"
        })
    );
    // Always: no check; gate off: no check.
    let r = explain(
        &pod(I, Some("Always")),
        36,
        scenario(Present, Reachable, Public),
    );
    assert_eq!(outcome_of(&r, 0).credential_check, None);
    let r = explain(&pod(I, None), 34, scenario(Present, Reachable, Public));
    assert_eq!(outcome_of(&r, 0).credential_check, None);
}

// ---------------------------------------------------------------------------------------
// AlwaysPullImages.

#[test]
fn always_pull_images_effect_and_validation() {
    let on = |s: Scenario| api(s);
    let r = explain(&pod(I, None), 36, on(Scenario::default()));
    assert_eq!(
        str_of(&outcome_of(&r, 0).always_pull_images),
        json!({"rewritten": true, "from": "IfNotPresent"})
    );
    let r = explain(&pod("nginx", None), 36, on(Scenario::default()));
    assert_eq!(
        str_of(&outcome_of(&r, 0).always_pull_images),
        json!({"rewritten": true, "from": "Always"})
    );
    let r = explain(&pod(I, Some("Never")), 36, on(Scenario::default()));
    assert_eq!(
        str_of(&outcome_of(&r, 0).always_pull_images),
        json!({"rewritten": true, "from": "Never"})
    );
    let r = explain(&pod(I, None), 36, Scenario::default());
    assert_eq!(outcome_of(&r, 0).always_pull_images, None);

    // Ephemeral containers are not rewritten (a fragment: a Pod create forbids them).
    let fragment = "containers:\n- name: app\n  image: nginx:1.25\nephemeralContainers:\n- name: debug\n  image: busybox:1.36\n";
    let r = explain(fragment, 36, on(Scenario::default()));
    let debug = outcome_of(&r, 1);
    assert_eq!(
        str_of(&debug.always_pull_images),
        json!({"rewritten": false, "from": null})
    );
    assert_eq!(debug.start_order, None);
    assert_eq!(
        events_of(&debug),
        [
            (
                "Normal".to_owned(),
                "Pulling".to_owned(),
                "Pulling image \"busybox:1.36\"".to_owned()
            ),
            pulled("busybox:1.36").into_owned(),
        ]
    );
    assert_eq!(
        debug.events[0].field_path.as_deref(),
        Some("spec.ephemeralContainers{debug}")
    );

    assert_eq!(
        kubelet::always_pull_images_validation(
            "web",
            &[("spec.containers[0].imagePullPolicy", "IfNotPresent")]
        )
        .as_deref(),
        Some(
            "pods \"web\" is forbidden: spec.containers[0].imagePullPolicy: Unsupported value: \"IfNotPresent\": supported values: \"Always\""
        )
    );
    assert_eq!(
        kubelet::always_pull_images_validation(
            "123",
            &[
                ("spec.initContainers[0].imagePullPolicy", ""),
                ("spec.initContainers[1].imagePullPolicy", "Never"),
                ("spec.volumes[2].image.pullPolicy", "IfNotPresent"),
            ]
        )
        .as_deref(),
        Some(
            "[pods \"123\" is forbidden: spec.initContainers[0].imagePullPolicy: Unsupported value: \"\": supported values: \"Always\", pods \"123\" is forbidden: spec.initContainers[1].imagePullPolicy: Unsupported value: \"Never\": supported values: \"Always\", pods \"123\" is forbidden: spec.volumes[2].image.pullPolicy: Unsupported value: \"IfNotPresent\": supported values: \"Always\"]"
        )
    );
    assert_eq!(kubelet::always_pull_images_validation("web", &[]), None);
}

trait IntoOwned {
    fn into_owned(self) -> (String, String, String);
}

impl IntoOwned for Ev {
    fn into_owned(self) -> (String, String, String) {
        (self.0.to_owned(), self.1.to_owned(), self.2)
    }
}

// ---------------------------------------------------------------------------------------
// Pods with several entries: order, blocking, the node changing within a Pod.

const INIT_POD: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - name: migrate
        image: registry.example.com/team/migrate:1.0
      - name: proxy
        image: envoyproxy/envoy:v1.30.0
        restartPolicy: Always
      containers:
      - name: app
        image: nginx:1.25
      - name: metrics
        image: nginx:1.25
";

#[test]
fn init_container_failure_blocks_the_pod() {
    let s = Scenario {
        overrides: vec![ImageOverride {
            image: "registry.example.com/team/migrate:1.0".to_owned(),
            credentials: Some(Missing),
            ..ImageOverride::default()
        }],
        ..Scenario::default()
    };
    let r = explain(INIT_POD, 36, s);
    let entries = &r.documents[0].entries;
    let by_path = |p: &str| {
        entries
            .iter()
            .find(|e| e.path == p)
            .and_then(|e| e.outcome.clone())
            .expect("entry")
    };
    let migrate = by_path("spec.template.spec.initContainers[0]");
    assert_eq!(migrate.start_order, Some(1));
    assert_eq!(migrate.blocked_by, None);
    assert_eq!(
        events_of(&migrate),
        fail_auth("registry.example.com/team/migrate:1.0")
            .into_iter()
            .map(IntoOwned::into_owned)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        migrate.events[0].field_path.as_deref(),
        Some("spec.initContainers{migrate}")
    );
    for (path, order) in [
        ("spec.template.spec.initContainers[1]", 2),
        ("spec.template.spec.containers[0]", 3),
        ("spec.template.spec.containers[1]", 4),
    ] {
        let o = by_path(path);
        assert_eq!(o.start_order, Some(order), "{path}");
        assert_eq!(
            o.blocked_by.as_deref(),
            Some("spec.template.spec.initContainers[0]"),
            "{path}"
        );
        assert!(o.reaches_node && !o.pulls && !o.started && o.events.is_empty());
        assert_eq!(o.waiting_reason, None);
        assert_eq!(str_of(&o.runs), json!("none"));
    }
}

#[test]
fn same_image_twice_in_one_pod() {
    // The first container pulls; the second finds the image present (per reference
    // string, pulled by the kubelet: accessible).
    let r = explain(INIT_POD, 36, Scenario::default());
    let entries = &r.documents[0].entries;
    let metrics = entries[1].outcome.clone().expect("outcome");
    assert_eq!(entries[1].path, "spec.template.spec.containers[1]");
    assert_eq!(
        metrics.conditions.pulled_earlier_by.as_deref(),
        Some("spec.template.spec.containers[0]")
    );
    assert_eq!(str_of(&metrics.conditions.node_image), json!("present"));
    assert_eq!(events_of(&metrics), [accessible(I).into_owned()]);
    assert_eq!(
        metrics.events[0].field_path.as_deref(),
        Some("spec.containers{metrics}")
    );
    let proxy = entries[3].outcome.clone().expect("outcome");
    assert_eq!(
        proxy.events[0].field_path.as_deref(),
        Some("spec.initContainers{proxy}")
    );

    // A failed pull puts the image string in back-off for the whole Pod.
    let r = explain(INIT_POD, 32, scenario(Absent, NotFound, Public));
    let entries = &r.documents[0].entries;
    let migrate = entries[2].outcome.clone().expect("outcome");
    assert_eq!(
        events_of(&migrate),
        fail_nf(
            "registry.example.com/team/migrate:1.0",
            "registry.example.com/team/migrate:1.0"
        )
        .into_iter()
        .map(IntoOwned::into_owned)
        .collect::<Vec<_>>()
    );
    let app_pod = "containers:\n- name: a\n  image: nginx:1.25\n- name: b\n  image: nginx:1.25\n";
    let r = explain(app_pod, 32, scenario(Absent, NotFound, Public));
    let b = outcome_of(&r, 1);
    assert!(!b.pulls && !b.started);
    assert_eq!(
        events_of(&b),
        [
            back_off(I).into_owned(),
            error("ImagePullBackOff").into_owned()
        ]
    );
    assert_eq!(
        waiting(&b),
        [(
            "ImagePullBackOff".to_owned(),
            format!(
                "Back-off pulling image \"{I}\": ErrImagePull: {}",
                not_found_error(FULL)
            )
        )]
    );
    assert!(b.backoff.is_some());
    // Regular containers do not block each other.
    assert_eq!(b.blocked_by, None);
}

const VOLUME_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  volumes:
  - name: models
    image:
      reference: registry.example.com/models:v2
  containers:
  - name: app
    image: nginx:1.25
";

#[test]
fn image_volume_is_pulled_first_and_blocks() {
    let r = explain(VOLUME_POD, 36, Scenario::default());
    let volume = outcome_of(&r, 0);
    assert_eq!(r.documents[0].entries[0].path, "spec.volumes[0]");
    assert_eq!(volume.start_order, Some(1));
    assert_eq!(
        events_of(&volume),
        ok("registry.example.com/models:v2")
            .into_iter()
            .map(IntoOwned::into_owned)
            .collect::<Vec<_>>()
    );
    assert!(volume.events.iter().all(|e| e.field_path.is_none()));
    let app = outcome_of(&r, 1);
    assert_eq!(app.start_order, Some(2));
    assert!(app.started);

    let s = Scenario {
        overrides: vec![ImageOverride {
            image: "registry.example.com/models:v2".to_owned(),
            registry: Some(NotFound),
            ..ImageOverride::default()
        }],
        ..Scenario::default()
    };
    let r = explain(VOLUME_POD, 36, s);
    let volume = outcome_of(&r, 0);
    // No `Error: …` events: those come from starting a container.
    assert_eq!(
        events_of(&volume),
        [
            pulling("registry.example.com/models:v2").into_owned(),
            (
                "Warning".to_owned(),
                "Failed".to_owned(),
                format!(
                    "Failed to pull image \"registry.example.com/models:v2\": {}",
                    not_found_error("registry.example.com/models:v2")
                )
            ),
            back_off("registry.example.com/models:v2").into_owned(),
        ]
    );
    assert_eq!(str_of(&volume.waiting_reason), json!("ImagePullBackOff"));
    let app = outcome_of(&r, 1);
    assert_eq!(app.blocked_by.as_deref(), Some("spec.volumes[0]"));
    assert!(!app.started && !app.pulls);

    // 1.34: the ImageVolume gate is off by default.
    let r = explain(VOLUME_POD, 34, Scenario::default());
    let volume = outcome_of(&r, 0);
    assert!(!volume.reaches_node && !volume.pulls && volume.events.is_empty());
    assert_eq!(volume.start_order, None);
    let app = outcome_of(&r, 1);
    assert_eq!(app.start_order, Some(1));
    assert!(app.started);
}

/// kubernetes-1.37.md TV4 (kubernetes#138655): the first start of a Pod with an image
/// volume is the same in 1.36 and 1.37; what differs is what follows, which the explanation
/// says: up to 1.36 the kubelet repeats the volume's image step (and its events, and for
/// `Always` its pull) at every sync, from 1.37 only when a container has to start.
#[test]
fn image_volume_steps_after_the_first_start_by_release() {
    let always = VOLUME_POD.replace(
        "reference: registry.example.com/models:v2",
        "reference: registry.example.com/models:v2\n      pullPolicy: Always",
    );
    for (yaml, node) in [
        (VOLUME_POD, Present),
        (always.as_str(), Present),
        (VOLUME_POD, Absent),
    ] {
        let s = scenario(node, Reachable, Public);
        let old = outcome_of(&explain(yaml, 36, s.clone()), 0);
        let new = outcome_of(&explain(yaml, 37, s), 0);
        assert_eq!(events_of(&old), events_of(&new));
        assert_eq!((old.pulls, old.started), (new.pulls, new.started));
        assert!(
            old.explanation.contains(
                "Kubernetes 1.36 repeats the check at every sync of the Pod, so its events keep coming while the Pod runs"
            ),
            "{}",
            old.explanation
        );
        assert!(
            new.explanation.contains(
                "The kubelet repeats the check only when it starts a container, not while the Pod runs (before 1.37: at every sync)."
            ),
            "{}",
            new.explanation
        );
        assert!(!new.explanation.contains("events keep coming"));
    }
    // The steady-state "already present" event of #138644 is the first-start event here.
    let present = outcome_of(
        &explain(VOLUME_POD, 36, scenario(Present, Reachable, Public)),
        0,
    );
    assert_eq!(
        events_of(&present),
        [accessible("registry.example.com/models:v2").into_owned()]
    );
    assert!(present.events.iter().all(|e| e.field_path.is_none()));
    // With Always, 1.36 says each repeat is a registry request.
    let old = outcome_of(&explain(&always, 36, Scenario::default()), 0).explanation;
    assert!(
        old.contains("and with Always each repeat asks the registry again"),
        "{old}"
    );
    let plain = outcome_of(&explain(VOLUME_POD, 36, Scenario::default()), 0).explanation;
    assert!(!plain.contains("asks the registry again"), "{plain}");
}

/// kubernetes-1.37.md: no change to the kubelet's pull path, events, back-off or
/// credential checks from 1.36 to 1.37 (§2.4, Inference from "no change found"): every
/// 1.36 row of the scenario table gives the same outcome in 1.37, explanation included
/// (where it names the release it explains).
#[test]
fn scenario_rows_of_136_are_unchanged_in_137() {
    let mut compared = 0;
    for c in cases().iter().filter(|c| c.minor == 36) {
        let old = outcome_of(&explain(&pod(c.image, c.policy), 36, c.scenario.clone()), 0);
        let new = outcome_of(&explain(&pod(c.image, c.policy), 37, c.scenario.clone()), 0);
        let new = str_of(&new)
            .to_string()
            .replace("Kubernetes 1.37", "Kubernetes 1.36");
        assert_eq!(str_of(&old).to_string(), new, "{}", c.name);
        compared += 1;
    }
    assert!(compared >= 40, "{compared}");
}

#[test]
fn rejected_objects_never_reach_a_node() {
    let r = explain(&pod(I, Some("ifnotpresent")), 36, Scenario::default());
    let o = outcome_of(&r, 0);
    assert!(!o.reaches_node && !o.pulls && !o.started && !o.contacts_registry);
    assert!(o.events.is_empty() && o.nodes.is_empty());
    assert_eq!(o.start_order, None);
    assert_eq!(
        o.explanation,
        "The API server rejects this, so it never reaches a node: nothing is pulled and nothing starts."
    );
    // An empty image in a fragment: a Pod with it would be rejected.
    let r = explain(
        "containers:\n- name: app\n  image: ''\n",
        36,
        Scenario::default(),
    );
    assert!(!outcome_of(&r, 0).reaches_node);
}

#[test]
fn overrides_apply_per_image_string() {
    let yaml = "containers:\n- name: a\n  image: nginx:1.25\n- name: b\n  image: redis:7\n";
    let s = Scenario {
        node_image: Present,
        overrides: vec![ImageOverride {
            image: "redis:7".to_owned(),
            node_image: Some(Absent),
            registry: Some(Unreachable),
            credentials: None,
        }],
        ..Scenario::default()
    };
    let r = explain(yaml, 36, s.clone());
    let a = outcome_of(&r, 0);
    let b = outcome_of(&r, 1);
    assert!(a.started && !a.pulls);
    assert!(!b.started && b.pulls);
    assert_eq!(
        kubelet::conditions_for(&s, "redis:7"),
        (Absent, Unreachable, Public)
    );
    assert_eq!(
        kubelet::conditions_for(&s, "redis"),
        (Present, Reachable, Public)
    );
}

// ---------------------------------------------------------------------------------------
// Version skew.

fn skew(o: &Outcome) -> Vec<(String, String, bool)> {
    o.nodes
        .iter()
        .map(|n| {
            (
                n.node.to_owned(),
                str_of(&n.runs).as_str().unwrap_or_default().to_owned(),
                n.pulls,
            )
        })
        .collect()
}

fn row(node: &str, runs: &str, pulls: bool) -> (String, String, bool) {
    (node.to_owned(), runs.to_owned(), pulls)
}

#[test]
fn version_skew_after_a_rollout() {
    let r = explain(&pod(I, None), 36, Scenario::default());
    assert_eq!(
        skew(&outcome_of(&r, 0)),
        [
            row("A", "cached-stale", false),
            row("B", "registry-current", true),
            row("C", "cached", false)
        ]
    );
    let r = explain(&pod("nginx:latest", None), 36, Scenario::default());
    let o = outcome_of(&r, 0);
    assert_eq!(
        skew(&o),
        [
            row("A", "registry-current", true),
            row("B", "registry-current", true),
            row("C", "registry-current", true)
        ]
    );
    assert_eq!(
        o.nodes[0].summary,
        "Node A holds the tag's old content: runs the registry's current content."
    );
    let r = explain(&pod(I, Some("Never")), 36, Scenario::default());
    let o = outcome_of(&r, 0);
    assert_eq!(
        skew(&o),
        [
            row("A", "cached-stale", false),
            row("B", "none", false),
            row("C", "cached", false)
        ]
    );
    assert_eq!(
        o.nodes[1].summary,
        "Node B holds nothing: does not start (ErrImageNeverPull)."
    );
    // A digest cannot move: no skew view.
    let r = explain(&pod(DIGEST_IMAGE, None), 36, Scenario::default());
    assert!(outcome_of(&r, 0).nodes.is_empty());
    // The function itself.
    let entry = &r.documents[0].entries[0];
    assert!(kubelet::version_skew(entry, &Options::default()).is_empty());
}

// ---------------------------------------------------------------------------------------
// JSON shape.

#[test]
fn outcome_json_shape() {
    let r = explain(
        &pod(I, Some("Always")),
        36,
        scenario(Absent, NotFound, Public),
    );
    let v = serde_json::to_value(&r.documents[0].entries[0]).expect("serializes");
    let o = &v["outcome"];
    let keys: Vec<&str> = o
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "reachesNode",
        "conditions",
        "startOrder",
        "blockedBy",
        "pulls",
        "contactsRegistry",
        "downloads",
        "started",
        "runs",
        "waitingReason",
        "waiting",
        "events",
        "backoff",
        "credentialCheck",
        "alwaysPullImages",
        "nodes",
        "explanation",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
    assert_eq!(
        o["conditions"],
        json!({"nodeImage": "absent", "registry": "not-found", "credentials": "public", "pulledEarlierBy": null})
    );
    assert_eq!(
        o["events"][0],
        json!({"type": "Normal", "reason": "Pulling", "message": "Pulling image \"nginx:1.25\"", "fieldPath": "spec.containers{app}"})
    );
    assert_eq!(
        o["backoff"]["delays"],
        json!([10, 20, 40, 80, 160, 300, 300])
    );
    assert_eq!(o["waitingReason"], json!("ImagePullBackOff"));
}

// ---------------------------------------------------------------------------------------
// Golden explanations.

fn explanation(yaml: &str, minor: u8, s: Scenario, index: usize) -> String {
    outcome_of(&explain(yaml, minor, s), index).explanation
}

#[test]
fn golden_explanations() {
    let s = scenario;
    let snapshots = [
        (
            "if_not_present_absent",
            explanation(&pod(I, None), 36, s(Absent, Reachable, Public), 0),
        ),
        (
            "if_not_present_stale",
            explanation(&pod(I, None), 36, s(Stale, Reachable, Public), 0),
        ),
        (
            "always_stale",
            explanation(&pod(I, Some("Always")), 36, s(Stale, Reachable, Public), 0),
        ),
        (
            "always_present_unreachable",
            explanation(
                &pod(I, Some("Always")),
                36,
                s(Present, Unreachable, Public),
                0,
            ),
        ),
        (
            "never_absent",
            explanation(&pod(I, Some("Never")), 36, s(Absent, Reachable, Public), 0),
        ),
        (
            "never_present_missing_136",
            explanation(
                &pod(I, Some("Never")),
                36,
                s(Present, Reachable, Missing),
                0,
            ),
        ),
        (
            "if_not_present_present_missing_134",
            explanation(&pod(I, None), 34, s(Present, Reachable, Missing), 0),
        ),
        (
            "if_not_present_present_missing_136",
            explanation(&pod(I, None), 36, s(Present, Reachable, Missing), 0),
        ),
        (
            "always_pull_images_missing",
            explanation(
                &pod(I, None),
                36,
                with(
                    |s| s.always_pull_images = true,
                    s(Present, Reachable, Missing),
                ),
                0,
            ),
        ),
        (
            "always_verify_preloaded",
            explanation(
                &pod(I, None),
                36,
                with(
                    |s| s.credential_verification = CredentialVerification::AlwaysVerify,
                    s(Preloaded, Reachable, Public),
                ),
                0,
            ),
        ),
        (
            "invalid_name",
            explanation(&pod("Nginx", None), 36, s(Absent, Reachable, Public), 0),
        ),
        (
            "always_absent_not_found_131",
            explanation(&pod(I, Some("Always")), 31, s(Absent, NotFound, Public), 0),
        ),
        (
            "init_container_blocked",
            explanation(
                INIT_POD,
                36,
                with(|s| s.registry = Unreachable, s(Absent, Reachable, Public)),
                0,
            ),
        ),
        (
            "image_volume",
            explanation(VOLUME_POD, 36, s(Absent, Reachable, Public), 0),
        ),
        (
            "image_volume_137",
            explanation(VOLUME_POD, 37, s(Absent, Reachable, Public), 0),
        ),
    ];
    let volume_missing = Scenario {
        overrides: vec![ImageOverride {
            image: "registry.example.com/models:v2".to_owned(),
            registry: Some(NotFound),
            ..ImageOverride::default()
        }],
        ..Scenario::default()
    };
    let ephemeral = "containers:\n- name: app\n  image: nginx:1.25\nephemeralContainers:\n- name: debug\n  image: busybox:1.36\n";
    let more = [
        (
            "image_volume_not_found",
            explanation(VOLUME_POD, 36, volume_missing.clone(), 0),
        ),
        (
            "blocked_by_image_volume",
            explanation(VOLUME_POD, 36, volume_missing, 1),
        ),
        (
            "ephemeral_always_pull_images",
            explanation(ephemeral, 36, api(Scenario::default()), 1),
        ),
        (
            "sidecar_present_gate_off_valid",
            explanation(
                INIT_POD,
                36,
                gate(Some(false), scenario(Present, Reachable, Valid)),
                3,
            ),
        ),
    ];
    for (name, text) in snapshots.into_iter().chain(more) {
        insta::assert_snapshot!(name, text);
    }
}
