//! The contract on generated streams (proptest): every refusal, at any stage, is an error
//! finding with its own rule id at its position; an object that is never created has no
//! effective policy; a rule id has one severity. (`tests/tests/contract.rs` checks every
//! fixture and the real-world corpus.)

use proptest::prelude::*;
use proptest::test_runner::Config;
use pullpolicy::{KubeVersion, Options, Severity};
use std::collections::BTreeMap;

#[path = "support/contract.rs"]
mod contract;

/// `apiVersion` and `kind` lines: served, removed, wrong group, lower case, custom, absent,
/// malformed.
const TYPES: &[&str] = &[
    "apiVersion: v1\nkind: Pod\n",
    "apiVersion: apps/v1\nkind: Deployment\n",
    "apiVersion: batch/v1\nkind: CronJob\n",
    "apiVersion: batch/v1beta1\nkind: CronJob\n",
    "apiVersion: extensions/v1beta1\nkind: Deployment\n",
    "apiVersion: apps/v1beta2\nkind: DaemonSet\n",
    "apiVersion: v1\nkind: Deployment\n",
    "apiVersion: apps/v1\nkind: deployment\n",
    "apiVersion: v1\nkind: pod\n",
    "apiVersion: apps/v1\nkind: DEPLOYMENT\n",
    "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n",
    "apiVersion: argoproj/v1alpha1\nkind: Rollout\n",
    "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\n",
    "apiVersion: v1\nkind: Service\n",
    "apiVersion: v1\n",
    "kind: Pod\n",
    "",
    "apiVersion: a/b/c\nkind: Pod\n",
    "apiVersion: v1\nkind: \"\"\n",
    "apiVersion: v1\nkind: 5\n",
    "apiVersion: apps/\nkind: StatefulSet\n",
];

/// Pod specs (at two spaces of indentation), valid and refused.
const SPECS: &[&str] = &[
    "  containers: [{name: app, image: \"nginx:1.27\"}]\n",
    "  containers: [{name: app, image: nginx, imagePullPolicy: always}]\n",
    "  containers: []\n  initContainers: [{name: i, image: busybox}]\n",
    "  containers:\n",
    "  containers: [{name: app, image: 5}]\n",
    "  containers: [{name: app, image: \" nginx\"}]\n",
    "  containers: [{name: app, image: nginx, imagePullpolicy: Never}]\n",
    "  containers: [{name: app, image: nginx}]\n  ephemeralContainers: [{name: d, image: busybox}]\n",
    "  containers: [{name: app, image: nginx}]\n  volumes: [{name: v, emptyDir: {}, secret: {secretName: s}}]\n",
    "  containers: [{name: app, image: nginx}]\n  volumes: [{name: v, image: {reference: \"\"}}]\n",
    "  containers: [{name: app, image: nginx, imagePullPolicy: on}]\n",
    "  containers: {}\n",
];

/// Non-object documents and snippets.
const OTHERS: &[&str] = &[
    "",
    "# only a comment\n",
    "hello\n",
    "- name: a\n  image: alpine\n",
    "name: app\nimage: nginx\n",
    "containers: [{name: app, image: nginx}]\n",
    "foo: bar\n",
    "apiVersion: apps/v1\nkind: DeploymentList\nitems: [x]\n",
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items: []\n",
    // What kubectl cannot read: it stops there.
    "kind: [\n",
    "a: *nope\n",
    "{[a]: 1}: b\n",
    "replicas: .inf\n",
];

/// A document: an object with a pod spec where its kind keeps one, or another document.
fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..TYPES.len(), 0..SPECS.len(), 0..3usize, 0..12usize).prop_map(|(t, s, shape, m)| {
            let spec = SPECS[s];
            let body = match shape {
                0 => format!("spec:\n{spec}"),
                1 => format!(
                    "spec:\n  template:\n    spec:\n{}",
                    spec.lines().map(|l| format!("    {l}\n")).collect::<String>()
                ),
                _ => format!(
                    "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n{}",
                    spec.lines().map(|l| format!("        {l}\n")).collect::<String>()
                ),
            };
            // Mostly named; kubectl apply refuses the others (`name-required`).
            let meta = match m {
                0 => "metadata: {generateName: x-}\n",
                1 => "metadata: {name: 5}\n",
                2 => "",
                _ => "metadata: {name: x}\n",
            };
            format!("{}{meta}{body}", TYPES[t])
        }),
        1 => (0..OTHERS.len()).prop_map(|i| OTHERS[i].to_owned()),
        1 => (prop::collection::vec((0..TYPES.len(), 0..SPECS.len()), 0..3), 0..4usize).prop_map(
            |(items, list)| {
                let head = [
                    "apiVersion: v1\nkind: List\n",
                    "apiVersion: v1\nkind: PodList\n",
                    "apiVersion: apps/v1\nkind: DeploymentList\n",
                    "apiVersion: extensions/v1beta1\nkind: List\n",
                ][list];
                let mut text = format!("{head}items:\n");
                for (t, s) in items {
                    let item: String = format!("{}metadata: {{name: i}}\nspec:\n{}", TYPES[t], SPECS[s])
                        .lines()
                        .enumerate()
                        .map(|(n, l)| if n == 0 { format!("- {l}\n") } else { format!("  {l}\n") })
                        .collect();
                    text.push_str(if item.is_empty() { "- {}\n" } else { &item });
                }
                text
            }
        ),
    ]
}

proptest! {
    #![proptest_config(Config { cases: 400, failure_persistence: None, ..Config::default() })]

    #[test]
    fn every_refusal_is_an_error_finding(
        docs in prop::collection::vec(document(), 1..5),
        minor in 28u8..=37,
        always_pull_images in any::<bool>(),
    ) {
        let text = docs.join("---\n");
        let mut options = Options {
            kubernetes_version: KubeVersion::new(minor).expect("supported"),
            ..Options::default()
        };
        options.scenario.always_pull_images = always_pull_images;
        let report = pullpolicy::explain(&text, &options);
        let mut severities = BTreeMap::new();
        if let Err(e) = contract::check(&report, &text, &mut severities) {
            return Err(TestCaseError::fail(format!("1.{minor}: {e}\n{text}")));
        }
        // Pieces of the stream give the same report (the stream-wide pass is in `assemble`).
        let ranges = pullpolicy::pieces::split(&text, 3, 1);
        let pieces = ranges.into_iter().map(|r| pullpolicy::pieces::explain(&text, r, &options)).collect();
        prop_assert_eq!(pullpolicy::pieces::join(&text, pieces, &options), report);
    }
}

#[test]
fn refusals_of_every_stage_have_their_rule() {
    // One case per refusal rule, all in one report: each rule once, each an error.
    let text = [
        "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: a}\n",
        "apiVersion: apps/v1\nkind: deployment\nmetadata: {name: b}\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec: {containers: [{name: x, image: 5}]}\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec: {containers: [{name: x, image: nginx, imagePullPolicy: always}]}\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: e}\nspec: {containers: [{name: x, image: nginx, pullPolicy: Always}]}\n",
        "apiVersion: apps/v1\nkind: DeploymentList\nitems: [x]\n",
        "apiVersion: v1\nkind: \"\"\n",
        "metadata: {name: f}\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: g}\n",
        "hello\n",
    ]
    .join("---\n");
    let report = pullpolicy::explain(&text, &Options::default());
    let mut severities = BTreeMap::new();
    contract::check(&report, &text, &mut severities).expect("the contract holds");
    let rules: Vec<&str> = report
        .documents
        .iter()
        .flat_map(|d| d.findings.iter())
        .filter(|f| {
            contract::KUBECTL_RULES
                .iter()
                .chain(contract::SERVER_RULES)
                .chain(contract::STRICT_RULES)
                .any(|r| *r == f.rule)
        })
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules,
        [
            "kind-not-served",
            "kind-not-registered",
            "object-not-decodable",
            "object-invalid",
            "strict-decoding",
            "list-invalid",
            "kind-missing",
            "kind-missing",
            "not-sent",
            "not-an-object",
        ]
    );
    for rule in &rules {
        assert_eq!(severities.get(rule), Some(&Severity::Error), "{rule}");
    }
}

#[test]
fn every_read_refusal_has_its_rule_and_stops_kubectl() {
    // One input per rule of what kubectl cannot read, each after a Pod kubectl sends and
    // before one it never sends; (version, text, rule, kubectl's words).
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec: {{containers: [{{name: c, image: nginx}}]}}\n"
        )
    };
    let yaml = |bad: &str| format!("{}---\n{bad}---\n{}", pod("a"), pod("b"));
    let cases: Vec<(u8, String, &str, &str)> = vec![
        (
            37,
            format!("{}--- {{}}\n{}", pod("a"), pod("b")),
            "invalid-separator",
            "invalid Yaml document separator: {}",
        ),
        (
            32,
            "{\"kind\": \"Pod\"}\n{\"kind\": }\n".to_owned(),
            "json-syntax",
            "json: offset 26: invalid character '}' looking for beginning of value",
        ),
        (
            37,
            yaml("kind: [\n"),
            "yaml-syntax",
            "error converting YAML to JSON: yaml: line 1: did not find expected node content",
        ),
        (
            37,
            yaml("a: *nope\n"),
            "yaml-alias",
            "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced",
        ),
        (
            37,
            yaml("{[a]: 1}: b\n"),
            "yaml-decode",
            "error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}",
        ),
        (
            37,
            yaml("replicas: .inf\n"),
            "unsupported-value",
            "error converting YAML to JSON: json: unsupported value: +Inf",
        ),
    ];
    for (minor, text, rule, words) in cases {
        let options = Options {
            kubernetes_version: KubeVersion::new(minor).expect("supported"),
            ..Options::default()
        };
        let report = pullpolicy::explain(&text, &options);
        contract::check(&report, &text, &mut BTreeMap::new()).expect("the contract holds");
        assert_eq!(report.syntax_errors.len(), 1, "{text}");
        assert_eq!(report.syntax_errors[0].message, words, "{text}");
        let unreadable: Vec<_> = report
            .documents
            .iter()
            .filter(|d| d.status == pullpolicy::DocumentStatus::Unreadable)
            .collect();
        assert_eq!(unreadable.len(), 1, "{text}");
        assert_eq!(unreadable[0].findings[0].rule, rule, "{text}");
        assert_eq!(unreadable[0].findings[0].severity, Severity::Error);
        assert_eq!(unreadable[0].kubectl_error(), Some(words));
        // The Pod before is sent (unless kubectl was still reading its chunk when it met
        // the separator line: it never decodes it); the one after is never sent.
        let pods: Vec<_> = report
            .documents
            .iter()
            .filter(|d| d.kind.as_deref() == Some("Pod"))
            .collect();
        if rule != "json-syntax" {
            assert_eq!(pods.len(), 2, "{text}");
            assert_eq!(pods[0].is_created(), rule != "invalid-separator", "{text}");
            assert!(!pods[1].is_created(), "{text}");
            assert_eq!(pods[1].findings[0].rule, "not-sent", "{text}");
        }
    }
}

#[test]
fn the_generated_streams_reach_every_refusal() {
    // The generator is not vacuous: sampled as the property test samples it, its streams
    // hold refused and created objects, and a refusal of every rule.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut created, mut refused) = (0, 0);
    for _ in 0..400 {
        let docs = prop::collection::vec(document(), 1..5)
            .new_tree(&mut runner)
            .expect("a value")
            .current();
        let text = docs.join("---\n");
        let report = pullpolicy::explain(&text, &Options::default());
        for d in &report.documents {
            if d.kind.is_some() {
                if d.is_created() {
                    created += 1;
                } else {
                    refused += 1;
                }
            }
            for f in &d.findings {
                *seen.entry(f.rule).or_default() += 1;
            }
        }
    }
    assert!(
        created > 30 && refused > 100,
        "{created} created, {refused} refused"
    );
    for rule in contract::KUBECTL_RULES
        .iter()
        .chain(contract::SERVER_RULES)
        .chain(contract::STRICT_RULES)
    {
        assert!(
            seen.get(rule).is_some_and(|n| *n > 0),
            "{rule} never generated: {seen:?}"
        );
    }
}
