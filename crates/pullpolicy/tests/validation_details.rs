//! The validation details of `kubectl-reading-pipeline.md` §6, as the API server words
//! them (kubernetes `pkg/apis/core/validation/validation.go`), at both sides of every
//! version change: each row is a manifest, a Kubernetes version, the exact `apiError`, and
//! the rule ids of the error findings that mark its causes.

use pullpolicy::{KubeVersion, Options, Report, Severity};

fn explain(text: &str, minor: u8) -> Report {
    let options = Options {
        kubernetes_version: KubeVersion::new(minor).expect("supported"),
        ..Options::default()
    };
    pullpolicy::explain(text, &options)
}

fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}")
}

fn deployment(spec: &str) -> String {
    let spec: String = spec.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{spec}"
    )
}

const APP: &str = "  containers: [{name: app, image: \"nginx:1.27\"}]\n";

/// (Kubernetes minor, manifest, the API server's error, the cause findings' rules in order)
type Row = (u8, String, &'static str, &'static [&'static str]);

fn rows() -> Vec<Row> {
    let mut rows: Vec<Row> = vec![
        // `validateContainers`: no container at all, whatever the init containers.
        (37, pod("  containers: []\n"), r#"Pod "p" is invalid: spec.containers: Required value"#, &["containers-required"]),
        (37, pod("  containers:\n"), r#"Pod "p" is invalid: spec.containers: Required value"#, &["containers-required"]),
        (37, pod("  containers: null\n  initContainers: [{name: i, image: \"busybox:1.36\"}]\n"), r#"Pod "p" is invalid: spec.containers: Required value"#, &["containers-required"]),
        (37, pod("  initContainers: [{name: i, image: \"busybox:1.36\"}]\n"), r#"Pod "p" is invalid: spec.containers: Required value"#, &["containers-required"]),
        (28, deployment("containers: []\n"), r#"Deployment.apps "web" is invalid: spec.template.spec.containers: Required value"#, &["containers-required"]),
        // Without a selector, the selector's errors come first (`ValidateDeploymentSpec`).
        (37, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec: null\n".to_owned(), r#"Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`, spec.template.spec.containers: Required value]"#, &["containers-required", "workload-selector", "workload-selector"]),
        (37, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate: {}\n".to_owned(), r#"CronJob.batch "c" is invalid: spec.jobTemplate.spec.template.spec.containers: Required value"#, &["containers-required"]),
        // A ReplicationController's template is a pointer: without one, the template is
        // required, not its containers.
        (37, "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 1}\n".to_owned(), r#"ReplicationController "rc" is invalid: spec.template: Required value"#, &["containers-required"]),
        (37, "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    spec: {}\n".to_owned(), r#"ReplicationController "rc" is invalid: spec.template.spec.containers: Required value"#, &["containers-required"]),
        // `validateVolumeSource`: the sources in its order; each after the first present
        // one is forbidden (null ones are not present). `cephfs` is `cephFS` in the path,
        // and `downwardAPI` is `downwarAPI` (a typo in the source).
        (37, pod(&format!("{APP}  volumes:\n  - name: v\n    secret: {{secretName: s}}\n    emptyDir: {{}}\n")), r#"Pod "p" is invalid: spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type"#, &["volume-multiple-sources"]),
        (37, pod(&format!("{APP}  volumes:\n  - name: v\n    emptyDir: {{}}\n    hostPath: null\n")), "", &[]),
        (37, pod(&format!("{APP}  volumes:\n  - name: v\n    configMap: {{name: c}}\n    downwardAPI: {{items: []}}\n    cephfs: {{monitors: [m]}}\n")), // cephfs (14th) is first, then downwardAPI (16th), configMap (19th)
        r#"Pod "p" is invalid: [spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type, spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type]"#, &["volume-multiple-sources", "volume-multiple-sources"]),
        // `image` is tested last (from 1.31, when the field exists; before, it is an
        // unknown field, dropped without validation). A forbidden image source is not
        // validated: its empty reference is not in the API server's message (it is still
        // marked: the API server reports it once the other source is gone).
        (30, pod(&format!("{APP}  volumes:\n  - name: v\n    image: {{reference: \"quay.io/x/y:1\"}}\n    emptyDir: {{}}\n")), "", &["strict-decoding", "image-volume-unsupported"]),
        (31, pod(&format!("{APP}  volumes:\n  - name: v\n    image: {{reference: \"quay.io/x/y:1\"}}\n    emptyDir: {{}}\n")), r#"Pod "p" is invalid: spec.volumes[0].image: Forbidden: may not specify more than 1 volume type"#, &["volume-multiple-sources"]),
        (35, pod(&format!("{APP}  volumes:\n  - name: v\n    image: {{reference: \"\"}}\n    emptyDir: {{}}\n")), r#"Pod "p" is invalid: spec.volumes[0].image: Forbidden: may not specify more than 1 volume type"#, &["volume-multiple-sources", "image-required"]),
        // Ephemeral containers: forbidden at a Pod's creation (`ValidatePodCreate`, after
        // everything else) and in any template (`ValidatePodTemplateSpec`); their own
        // checks come first, whitespace after the pull policy (`validateEphemeralContainers`).
        (37, pod(&format!("{APP}  ephemeralContainers: [{{name: d, image: \"busybox:1.36\"}}]\n")), r#"Pod "p" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create"#, &["ephemeral-containers-forbidden"]),
        (37, deployment("containers: [{name: app, image: \"nginx:1.27\"}]\nephemeralContainers: [{name: d, image: \"busybox:1.36\"}]\n"), r#"Deployment.apps "web" is invalid: spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"#, &["ephemeral-containers-forbidden"]),
        (37, "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers: [{name: app, image: \"nginx:1.27\"}]\n    ephemeralContainers: [{name: d, image: \"busybox:1.36\"}]\n".to_owned(), r#"PodTemplate "t" is invalid: template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"#, &["ephemeral-containers-forbidden"]),
        (37, deployment("containers: [{name: app, image: \"nginx:1.27\"}]\nephemeralContainers: [{name: d, image: \" busybox\", imagePullPolicy: always}]\n"), r#"Deployment.apps "web" is invalid: [spec.template.spec.ephemeralContainers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never", spec.template.spec.ephemeralContainers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace, spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template]"#, &["ephemeral-containers-forbidden", "image-whitespace", "invalid-pull-policy"]),
        // The order of `[a, b]`: ValidatePodSpec (volumes, containers, init containers,
        // ephemeral containers), then the Pod's own checks (whitespace of containers and
        // init containers), then ephemeral containers on create.
        (37, pod("  volumes:\n  - name: v\n    emptyDir: {}\n    secret: {secretName: s}\n  containers: [{name: a, image: \" nginx\"}]\n  initContainers: [{name: i, image: \"\"}]\n  ephemeralContainers: [{name: d, imagePullPolicy: never}]\n"), r#"Pod "p" is invalid: [spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type, spec.initContainers[0].image: Required value, spec.ephemeralContainers[0].image: Required value, spec.ephemeralContainers[0].imagePullPolicy: Unsupported value: "never": supported values: "Always", "IfNotPresent", "Never", spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace, spec.ephemeralContainers: Forbidden: cannot be set on create]"#, &["volume-multiple-sources", "ephemeral-containers-forbidden", "image-whitespace", "image-required", "image-required", "invalid-pull-policy"]),
    ];
    // A bad value of a named type (`core.PullPolicy`): Go's `%q` up to 1.33, `json.Marshal`
    // from 1.34 (`<`, `>`, `&` escaped). Helm's missing value is `<no value>`.
    for (minor, quoted) in [(33, r#""<no value>""#), (34, r#""\u003cno value\u003e""#)] {
        let message: &'static str = Box::leak(
            format!(r#"Pod "p" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: {quoted}: supported values: "Always", "IfNotPresent", "Never""#)
                .into_boxed_str(),
        );
        rows.push((
            minor,
            pod("  containers: [{name: app, image: \"nginx:1.27\", imagePullPolicy: \"<no value>\"}]\n"),
            message,
            &["invalid-pull-policy"],
        ));
    }
    for (minor, quoted) in [(33, r#""a&b>""#), (34, r#""a\u0026b\u003e""#)] {
        let message: &'static str = Box::leak(
            format!(r#"Pod "p" is invalid: spec.volumes[0].image.pullPolicy: Unsupported value: {quoted}: supported values: "Always", "IfNotPresent", "Never""#)
                .into_boxed_str(),
        );
        rows.push((
            minor,
            pod(&format!("{APP}  volumes:\n  - name: v\n    image: {{reference: \"quay.io/x/y:1\", pullPolicy: \"a&b>\"}}\n")),
            message,
            &["invalid-pull-policy"],
        ));
    }
    rows.extend(name_rows());
    rows.extend(selector_rows());
    rows
}

/// An apps workload with `spec` lines before its template, and template metadata.
fn workload(kind: &str, spec: &str, metadata: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: w}}\nspec:\n{spec}  template:\n    metadata: {metadata}\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n"
    )
}

/// Selectors (`pullpolicy::selectors`, apps `validation.go`): required and not empty for
/// Deployments, ReplicaSets and StatefulSets, matched by the template's labels; a
/// DaemonSet has only the match and the empty check, in the other order. The bad value
/// is Go's `%#v` up to 1.33 and JSON from 1.34.
fn selector_rows() -> Vec<Row> {
    const MISMATCH: &str = "`selector` does not match template `labels`";
    let labels = "{labels: {app: web, tier: \"a&b\"}}";
    // Labels a selector can name (`&` is not a label value: such a selector does not
    // read, and is not modelled).
    let plain = "{labels: {app: web, tier: front}}";
    vec![
        (33, workload("Deployment", "", labels), leak(format!(r#"Deployment.apps "w" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{{"app":"web", "tier":"a&b"}}: {MISMATCH}]"#)), &["workload-selector", "workload-selector"]),
        (34, workload("Deployment", "", labels), leak(format!(r#"Deployment.apps "w" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {{"app":"web","tier":"a\u0026b"}}: {MISMATCH}]"#)), &["workload-selector", "workload-selector"]),
        (34, workload("ReplicaSet", "  selector: null\n", "{}"), leak(format!(r#"ReplicaSet.apps "w" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: null: {MISMATCH}]"#)), &["workload-selector", "workload-selector"]),
        (33, workload("StatefulSet", "  selector: {}\n", "{labels: {}}"), r#"StatefulSet.apps "w" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset"#, &["workload-selector"]),
        (37, workload("ReplicaSet", "  selector: {matchLabels: {}}\n", labels), r#"ReplicaSet.apps "w" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment"#, &["workload-selector"]),
        // A DaemonSet: no `Required value`; a missing selector matches nothing, an empty
        // one everything.
        (37, workload("DaemonSet", "", labels), leak(format!(r#"DaemonSet.apps "w" is invalid: spec.template.metadata.labels: Invalid value: {{"app":"web","tier":"a\u0026b"}}: {MISMATCH}"#)), &["workload-selector"]),
        (37, workload("DaemonSet", "  selector: {matchExpressions: []}\n", labels), r#"DaemonSet.apps "w" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for daemonset"#, &["workload-selector"]),
        (33, workload("DaemonSet", "  selector: {matchLabels: {app: db}}\n", "{labels: {app: web}}"), leak(format!(r#"DaemonSet.apps "w" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{{"app":"web"}}: {MISMATCH}"#)), &["workload-selector"]),
        // Requirements: `In` needs the label with one of the values, `NotIn` is met
        // without the label, `Exists` and `DoesNotExist` look at the key; a null label
        // value is "".
        (37, workload("Deployment", "  selector:\n    matchLabels: {app: web}\n    matchExpressions:\n    - {key: tier, operator: In, values: [front, x]}\n    - {key: track, operator: NotIn, values: [canary]}\n    - {key: app, operator: Exists}\n    - {key: legacy, operator: DoesNotExist}\n", plain), "", &[]),
        (37, workload("Deployment", "  selector:\n    matchExpressions: [{key: tier, operator: NotIn, values: [front]}]\n", plain), leak(format!(r#"Deployment.apps "w" is invalid: spec.template.metadata.labels: Invalid value: {{"app":"web","tier":"front"}}: {MISMATCH}"#)), &["workload-selector"]),
        (37, workload("Deployment", "  selector:\n    matchExpressions: [{key: tier, operator: In, values: [back]}]\n", plain), leak(format!(r#"Deployment.apps "w" is invalid: spec.template.metadata.labels: Invalid value: {{"app":"web","tier":"front"}}: {MISMATCH}"#)), &["workload-selector"]),
        (37, workload("Deployment", "  selector:\n    matchExpressions: [{key: app, operator: DoesNotExist}]\n", plain), leak(format!(r#"Deployment.apps "w" is invalid: spec.template.metadata.labels: Invalid value: {{"app":"web","tier":"front"}}: {MISMATCH}"#)), &["workload-selector"]),
        (37, workload("Deployment", "  selector: {matchLabels: {app: \"\"}}\n", "{labels: {app: null}}"), "", &[]),
        (37, workload("Deployment", "  selector: {matchLabels: {app: web}}\n", "{labels: {app: Web}}"), leak(format!(r#"Deployment.apps "w" is invalid: spec.template.metadata.labels: Invalid value: {{"app":"Web"}}: {MISMATCH}"#)), &["workload-selector"]),
        // The object's name first, the selector's errors, then the pod template's.
        (37, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web}\nspec:\n  template:\n    spec:\n      containers: []\n".to_owned(), leak(format!(r#"Deployment.apps "Web" is invalid: [metadata.name: Invalid value: "Web": {SUBDOMAIN}, spec.selector: Required value, spec.template.metadata.labels: Invalid value: null: {MISMATCH}, spec.template.spec.containers: Required value]"#)), &["containers-required", "workload-selector", "workload-selector", "invalid-name"]),
    ]
}

/// apimachinery's `IsDNS1123Label` and `IsDNS1123Subdomain` format errors.
const LABEL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Names (`pullpolicy::names`): the object's first (`ValidateObjectMeta`), each
/// container's before its other checks (`validateContainerCommon`), a repeated one after
/// them (`Duplicate value`, each list with its own rule), a CronJob's 52 bytes last.
fn name_rows() -> Vec<Row> {
    let policy =
        r#"Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never""#;
    let long = "a".repeat(254);
    let cron = "c".repeat(53);
    vec![
        (37, pod("  containers: [{image: \"nginx:1.27\"}]\n"), r#"Pod "p" is invalid: spec.containers[0].name: Required value"#, &["invalid-name"]),
        (37, pod("  containers: [{name: null, image: \"nginx:1.27\"}]\n"), r#"Pod "p" is invalid: spec.containers[0].name: Required value"#, &["invalid-name"]),
        (28, pod("  containers: [{name: Web, image: \"nginx:1.27\"}]\n"), leak(format!(r#"Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web": {LABEL}"#)), &["invalid-name"]),
        (37, pod("  containers: [{name: web.v1, image: \"nginx:1.27\"}]\n"), r#"Pod "p" is invalid: spec.containers[0].name: Invalid value: "web.v1": must not contain dots"#, &["invalid-name"]),
        (37, pod(&format!("  containers: [{{name: {}, image: \"nginx:1.27\"}}]\n", "a".repeat(64))), leak(format!(r#"Pod "p" is invalid: spec.containers[0].name: Invalid value: "{}": must be no more than 63 characters"#, "a".repeat(64))), &["invalid-name"]),
        // The name first, then the image, the pull policy; a repeated name after them.
        (37, pod("  containers: [{imagePullPolicy: always}]\n"), leak(format!(r#"Pod "p" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value, spec.containers[0].imagePullPolicy: {policy}]"#)), &["invalid-name", "image-required", "invalid-pull-policy"]),
        (37, pod("  containers: [{name: app, image: \"nginx:1.27\"}, {name: app, imagePullPolicy: always}]\n"), leak(format!(r#"Pod "p" is invalid: [spec.containers[1].image: Required value, spec.containers[1].imagePullPolicy: {policy}, spec.containers[1].name: Duplicate value: "app"]"#)), &["image-required", "invalid-pull-policy", "invalid-name"]),
        // Two regular containers without a name: the empty name repeats.
        (37, pod("  containers: [{image: \"nginx:1.27\"}, {image: \"redis:7\"}]\n"), r#"Pod "p" is invalid: [spec.containers[0].name: Required value, spec.containers[1].name: Required value, spec.containers[1].name: Duplicate value: ""]"#, &["invalid-name", "invalid-name", "invalid-name"]),
        // Init containers: against the regular names and their own non-empty ones.
        (37, pod("  containers: [{name: app, image: \"nginx:1.27\"}]\n  initContainers: [{name: app, image: \"busybox:1.36\"}]\n"), r#"Pod "p" is invalid: spec.initContainers[0].name: Duplicate value: "app""#, &["invalid-name"]),
        (37, pod(&format!("{APP}  initContainers: [{{image: \"busybox:1.36\"}}, {{image: \"busybox:1.36\"}}]\n")), r#"Pod "p" is invalid: [spec.initContainers[0].name: Required value, spec.initContainers[1].name: Required value]"#, &["invalid-name", "invalid-name"]),
        // An init container's empty name repeats a regular container's empty name.
        (37, pod("  containers: [{image: \"nginx:1.27\"}]\n  initContainers: [{image: \"busybox:1.36\"}]\n"), r#"Pod "p" is invalid: [spec.containers[0].name: Required value, spec.initContainers[0].name: Required value, spec.initContainers[0].name: Duplicate value: ""]"#, &["invalid-name", "invalid-name", "invalid-name"]),
        // Ephemeral containers: against every other name.
        (37, deployment("containers: [{name: app, image: \"nginx:1.27\"}]\nephemeralContainers: [{name: app, image: \"busybox:1.36\"}]\n"), r#"Deployment.apps "web" is invalid: [spec.template.spec.ephemeralContainers[0].name: Duplicate value: "app", spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template]"#, &["ephemeral-containers-forbidden", "invalid-name"]),
        // The object's name, before everything else.
        (37, "apiVersion: v1\nkind: Pod\nmetadata: {name: My_App}\nspec:\n  containers: [{name: Web, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"Pod "My_App" is invalid: [metadata.name: Invalid value: "My_App": {SUBDOMAIN}, spec.containers[0].name: Invalid value: "Web": {LABEL}]"#)), &["invalid-name", "invalid-name"]),
        (37, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web.v1}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), "", &[]),
        (37, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": {SUBDOMAIN}"#)), &["invalid-name"]),
        // The other kinds whose names are subdomains.
        (37, "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: T}\ntemplate:\n  spec:\n    containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"PodTemplate "T" is invalid: metadata.name: Invalid value: "T": {SUBDOMAIN}"#)), &["invalid-name"]),
        (37, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d_s}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"DaemonSet.apps "d_s" is invalid: metadata.name: Invalid value: "d_s": {SUBDOMAIN}"#)), &["invalid-name"]),
        (37, "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs-}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"ReplicaSet.apps "rs-" is invalid: metadata.name: Invalid value: "rs-": {SUBDOMAIN}"#)), &["invalid-name"]),
        (37, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: Job1}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"Job.batch "Job1" is invalid: metadata.name: Invalid value: "Job1": {SUBDOMAIN}"#)), &["invalid-name"]),
        // A StatefulSet's name is a DNS label (kubernetes#114172, from 1.27): no dots,
        // at most 63 characters.
        (28, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web.v1}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), r#"StatefulSet.apps "web.v1" is invalid: metadata.name: Invalid value: "web.v1": must not contain dots"#, &["invalid-name"]),
        (37, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: Db}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"StatefulSet.apps "Db" is invalid: metadata.name: Invalid value: "Db": {LABEL}"#)), &["invalid-name"]),
        (37, format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: {}}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n", "s".repeat(64)), leak(format!(r#"StatefulSet.apps "{0}" is invalid: metadata.name: Invalid value: "{0}": must be no more than 63 characters"#, "s".repeat(64))), &["invalid-name"]),
        (37, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db-0}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), "", &[]),
        (34, "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: RC}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(), leak(format!(r#"ReplicationController "RC" is invalid: metadata.name: Invalid value: "RC": {SUBDOMAIN}"#)), &["invalid-name"]),
        // A ReplicationController's name counts bytes from 1.35 (`validate.LongName`).
        (34, format!("apiVersion: v1\nkind: ReplicationController\nmetadata: {{name: {long}}}\nspec:\n  template:\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n"), leak(format!(r#"ReplicationController "{long}" is invalid: metadata.name: Invalid value: "{long}": must be no more than 253 characters"#)), &["invalid-name"]),
        (35, format!("apiVersion: v1\nkind: ReplicationController\nmetadata: {{name: {long}}}\nspec:\n  template:\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n"), leak(format!(r#"ReplicationController "{long}" is invalid: metadata.name: Invalid value: "{long}": must be no more than 253 bytes"#)), &["invalid-name"]),
        // A CronJob's 52 bytes: after every other error.
        (37, format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {cron}}}\nspec:\n  jobTemplate: {{}}\n"), leak(format!(r#"CronJob.batch "{cron}" is invalid: [spec.jobTemplate.spec.template.spec.containers: Required value, metadata.name: Invalid value: "{cron}": must be no more than 52 characters]"#)), &["containers-required", "invalid-name"]),
    ]
}

#[test]
fn a_custom_resources_template_and_a_fragment_are_not_validated() {
    for text in [
        "apiVersion: example.com/v1\nkind: Workload\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers: [{name: Web, image: \"nginx:1.27\"}, {name: Web, image: \"nginx:1.27\"}]\n",
        "containers: [{name: Web, image: \"nginx:1.27\"}, {image: \"redis:7\"}]\n",
    ] {
        let report = explain(text, 37);
        let rules: Vec<&str> = report
            .documents
            .iter()
            .flat_map(|d| {
                d.findings
                    .iter()
                    .chain(d.entries.iter().flat_map(|e| &e.findings))
            })
            .map(|f| f.rule)
            .collect();
        assert!(!rules.is_empty(), "{text}: explained");
        assert!(!rules.contains(&"invalid-name"), "{text}: {rules:?}");
        assert_eq!(report.documents[0].api_error(), None, "{text}");
    }
}

/// The rules of the document's error findings: the object's first, then each entry's.
/// Unknown fields (the strict decoder's, stage 5) and the kubelet's image names are not
/// this file's.
fn error_rules(d: &pullpolicy::Document) -> Vec<&'static str> {
    d.findings
        .iter()
        .chain(d.entries.iter().flat_map(|e| &e.findings))
        .filter(|f| {
            f.severity == Severity::Error
                && !matches!(f.rule, "invalid-image-name" | "unknown-field")
        })
        .map(|f| f.rule)
        .collect()
}

#[test]
fn validation_details() {
    for (minor, text, api_error, causes) in rows() {
        let report = explain(&text, minor);
        let d = &report.documents[0];
        let what = format!("1.{minor}: {text}");
        assert_eq!(
            d.api_error(),
            (!api_error.is_empty()).then_some(api_error),
            "{what}"
        );
        // The refusal's own finding, then its causes at their fields.
        let errors = error_rules(d);
        let mut expected = Vec::new();
        if !api_error.is_empty() {
            expected.push("object-invalid");
        }
        expected.extend_from_slice(causes);
        assert_eq!(errors, expected, "{what}");
        if !api_error.is_empty() {
            assert_eq!(d.findings[0].message, api_error, "{what}");
            assert!(
                d.entries.iter().all(|e| e.policy.effective.is_none()),
                "{what}"
            );
        }
    }
}

#[test]
fn causes_are_marked_where_they_are() {
    let text = pod(
        "  containers: []\n  ephemeralContainers:\n  - {name: d, image: \"busybox:1.36\"}\n  volumes:\n  - name: v\n    emptyDir: {}\n    secret: {secretName: s}\n",
    );
    let report = explain(&text, 37);
    let at = |rule: &str| {
        let f = report.documents[0]
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("no {rule}"));
        (f.position.line, f.position.column)
    };
    assert_eq!(at("object-invalid"), (1, 1));
    assert_eq!(at("containers-required"), (5, 3));
    assert_eq!(at("ephemeral-containers-forbidden"), (6, 3));
    assert_eq!(at("volume-multiple-sources"), (11, 5));
    let f = &report.documents[0].findings[0];
    assert_eq!(
        f.explanation,
        "The API server validates the object and rejects it (422 Invalid; kubectl prints `The <Kind> \"<name>\" is invalid: …`), so it is never created and no policy applies. Each cause is marked at its field."
    );
}

/// Stage 5 (`kubectl-reading-pipeline.md` §5): what the API server cannot decode into a
/// pod spec's lists, in Go's `UnmarshalTypeError` words with the struct and the field
/// path (the spec's own examples first). Each is the object's refusal
/// (`object-not-decodable`, framed `<Kind> in version "<v>" cannot be handled as a
/// <Kind>: …`) and a `wrong-type` error at the place; no entry is read from it.
#[test]
fn lists_the_server_cannot_decode() {
    let rows: Vec<(String, &str, (u32, u32), usize)> = vec![
        // A forgotten `- ` under `containers:`: a mapping.
        (
            pod("  containers:\n    name: app\n    image: nginx\n"),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"#,
            (5, 3),
            0,
        ),
        (
            pod("  containers: [app]\n"),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container"#,
            (5, 16),
            0,
        ),
        (
            pod(&format!(
                "{APP}  initContainers: [7, {{name: i, image: \"busybox:1.36\"}}]\n"
            )),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.initContainers of type v1.Container"#,
            (6, 20),
            2,
        ),
        (
            pod(&format!("{APP}  ephemeralContainers: true\n")),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field PodSpec.spec.ephemeralContainers of type []v1.EphemeralContainer"#,
            (6, 3),
            1,
        ),
        (
            pod(&format!("{APP}  volumes: {{name: v, emptyDir: {{}}}}\n")),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.volumes of type []v1.Volume"#,
            (6, 3),
            1,
        ),
        (
            deployment("containers:\n  name: app\n  image: nginx\n"),
            r#"Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container"#,
            (9, 7),
            0,
        ),
        // In the order of the JSON kubectl sends (sorted keys): `containers` first.
        (
            pod("  volumes: x\n  containers: [[a]]\n"),
            r#"Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field PodSpec.spec.containers of type v1.Container"#,
            (6, 16),
            0,
        ),
    ];
    for (text, api_error, at, entries) in rows {
        let report = explain(&text, 37);
        let d = &report.documents[0];
        assert_eq!(d.api_error(), Some(api_error), "{text}");
        assert_eq!(d.findings[0].rule, "object-not-decodable", "{text}");
        let wrong = d
            .findings
            .iter()
            .find(|f| f.rule == "wrong-type")
            .unwrap_or_else(|| panic!("no wrong-type finding: {text}"));
        assert_eq!(wrong.severity, Severity::Error);
        assert!(api_error.ends_with(&wrong.message.backticked()), "{text}");
        assert_eq!((wrong.position.line, wrong.position.column), at, "{text}");
        assert_eq!(d.entries.len(), entries, "{text}");
        assert!(
            d.entries.iter().all(|e| e.policy.effective.is_none()),
            "{text}"
        );
    }
    // Null decodes into any of them: `containers: null` is only `Required value`.
    let report = explain(&pod("  containers: null\n  volumes: [null]\n"), 37);
    assert!(report.findings().all(|f| f.rule != "wrong-type"));
}

/// Stage 5 beyond the pod spec's lists: every field of the analysed kinds decoded into
/// its Go type (`gotypes`, from the Go sources of k8s.io/api and apimachinery), in
/// Go's words, the first one in the order of the sorted JSON kubectl sends; each value
/// of the wrong type is a `wrong-type` error at its place. kubectl's own rewrites of
/// the object's metadata come first: a namespace that is not a string is replaced,
/// and annotations with a value that is not a string are dropped by `kubectl apply`
/// (`Unstructured.GetAnnotations`), so neither reaches the decoder.
#[test]
fn fields_the_server_cannot_decode() {
    let dep = |spec: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n{spec}")
    };
    const TEMPLATE: &str = "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n";
    let framed = |kind: &str, message: &str| {
        format!(r#"{kind} in version "v1" cannot be handled as a {kind}: {message}"#)
    };
    // (manifest, the decoding error or "" when it decodes, its findings' positions)
    type Row = (String, String, Vec<(u32, u32)>);
    let rows: Vec<Row> = vec![
        (
            dep(&format!("  replicas: \"3\"\n{TEMPLATE}")),
            framed("Deployment", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
            vec![(5, 13)],
        ),
        (
            dep(&format!("  replicas: 1.5\n{TEMPLATE}")),
            framed("Deployment", "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
            vec![(5, 13)],
        ),
        // YAML 1.1's float 3.0 is sent as `3` (json.Marshal of a float64): an int32.
        (dep(&format!("  replicas: 3.0\n{TEMPLATE}")), String::new(), vec![]),
        (
            dep(&format!("  replicas: 3000000000\n{TEMPLATE}")),
            framed("Deployment", "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32"),
            vec![(5, 13)],
        ),
        // The template's labels: a map of strings, in the ObjectMeta's context.
        (
            dep("  template:\n    metadata:\n      labels: {app: web, enabled: true}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n"),
            framed("Deployment", "json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string"),
            vec![(7, 35)],
        ),
        // The first in the sorted JSON: `metadata` before `spec`; both are marked, in
        // the decoder's order.
        (
            format!("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: \"2\"\n{TEMPLATE}metadata:\n  name: web\n  labels:\n    version: 1.0\n"),
            framed("Deployment", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"),
            vec![(13, 14), (4, 13)],
        ),
        // kubectl drops annotations it cannot read as strings, and replaces a namespace
        // that is not a string: neither reaches the decoder.
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: 7\n  annotations: {enabled: true}\nspec:\n  containers: [{name: app, image: \"nginx:1.27\"}]\n".to_owned(),
            String::new(),
            vec![],
        ),
        (
            pod("  containers:\n  - name: app\n    image: \"nginx:1.27\"\n    ports:\n    - containerPort: \"80\"\n"),
            framed("Pod", "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"),
            vec![(9, 22)],
        ),
        (
            pod("  containers:\n  - name: app\n    image: \"nginx:1.27\"\n    env:\n    - {name: PORT, value: 8080}\n    command: [run, 1]\n"),
            framed("Pod", "json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string"),
            vec![(10, 20), (9, 27)],
        ),
        (
            pod("  containers:\n  - name: app\n    image: \"nginx:1.27\"\n    securityContext: privileged\n"),
            framed("Pod", "json: cannot unmarshal string into Go struct field Container.spec.containers.securityContext of type v1.SecurityContext"),
            vec![(8, 22)],
        ),
        (
            pod(&format!("{APP}  hostNetwork: \"true\"\n")),
            framed("Pod", "json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool"),
            vec![(6, 16)],
        ),
        // A list item of the wrong type names the item's type.
        (
            pod(&format!("{APP}  tolerations: [NoSchedule]\n")),
            framed("Pod", "json: cannot unmarshal string into Go struct field PodSpec.spec.tolerations of type v1.Toleration"),
            vec![(6, 17)],
        ),
    ];
    for (text, api_error, at) in rows {
        let report = explain(&text, 37);
        let d = &report.documents[0];
        let wrong: Vec<(u32, u32)> = d
            .findings
            .iter()
            .filter(|f| f.rule == "wrong-type")
            .map(|f| {
                assert_eq!(f.severity, Severity::Error);
                (f.position.line, f.position.column)
            })
            .collect();
        assert_eq!(wrong, at, "{text}");
        if api_error.is_empty() {
            assert_eq!(d.api_error(), None, "{text}");
            continue;
        }
        assert_eq!(d.api_error(), Some(api_error.as_str()), "{text}");
        assert_eq!(d.findings[0].rule, "object-not-decodable", "{text}");
        assert!(
            d.entries.iter().all(|e| e.policy.effective.is_none()),
            "{text}"
        );
    }
}

/// Types with their own decoder (`resource.Quantity`, `intstr.IntOrString`): the error
/// they return ends the decoding, so it is the answer even after a type error met
/// before it; a quantity's error is apimachinery's own text, without a field; an
/// int-or-string's is the standard library's, named by the decoder around it.
#[test]
fn values_their_own_decoders_refuse() {
    const FORMAT: &str = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    let container = |extra: &str| {
        pod(&format!(
            "  containers:\n  - name: app\n    image: \"nginx:1.27\"\n{extra}"
        ))
    };
    let framed =
        |message: &str| format!(r#"Pod in version "v1" cannot be handled as a Pod: {message}"#);
    // (manifest, the decoding error or "" when it decodes, its findings: rule, position)
    type Row = (String, String, Vec<(&'static str, (u32, u32))>);
    let rows: Vec<Row> = vec![
        (
            container("    resources:\n      limits: {cpu: 500m, memory: 512MB}\n"),
            framed(FORMAT),
            vec![("invalid-quantity", (9, 35))],
        ),
        (
            container("    resources:\n      requests: {memory: 1Gb}\n"),
            framed(FORMAT),
            vec![("invalid-quantity", (9, 26))],
        ),
        (
            container("    resources:\n      requests: {cpu: 500mi}\n"),
            framed("unable to parse quantity's suffix"),
            vec![("invalid-quantity", (9, 23))],
        ),
        (
            container("    resources:\n      requests: {memory: Pi}\n"),
            framed("unable to parse numeric part of quantity"),
            vec![("invalid-quantity", (9, 26))],
        ),
        // Spaces around a quantity string are trimmed; numbers, `1.`, `1E` are read.
        (
            container(
                "    resources:\n      limits: {cpu: \" 250m \", memory: 1E, nvidia.com/gpu: 1, ephemeral-storage: 1.}\n",
            ),
            String::new(),
            vec![],
        ),
        (
            pod(&format!(
                "{APP}  volumes:\n  - name: v\n    emptyDir: {{sizeLimit: true}}\n"
            )),
            framed(FORMAT),
            vec![("invalid-quantity", (8, 27))],
        ),
        (
            container("    livenessProbe:\n      httpGet: {path: /, port: true}\n"),
            framed(
                "json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32",
            ),
            vec![("wrong-type", (9, 32))],
        ),
        (
            container("    readinessProbe:\n      tcpSocket: {port: http}\n"),
            String::new(),
            vec![],
        ),
        // The quantity ends the decoding: its error is the answer, ahead of the type
        // error saved before it (`activeDeadlineSeconds`); `hostNetwork`, after it in the
        // sorted JSON, is never decoded, and is still marked (the server refuses it once
        // the quantity is right).
        (
            pod(
                "  activeDeadlineSeconds: \"30\"\n  hostNetwork: \"yes\"\n  containers:\n  - name: app\n    image: \"nginx:1.27\"\n    resources: {limits: {memory: 1GB}}\n",
            ),
            framed(FORMAT),
            vec![
                ("wrong-type", (5, 26)),
                ("invalid-quantity", (10, 34)),
                ("wrong-type", (6, 16)),
            ],
        ),
    ];
    for (text, api_error, at) in rows {
        let report = explain(&text, 37);
        let d = &report.documents[0];
        let found: Vec<(&str, (u32, u32))> = d
            .findings
            .iter()
            .filter(|f| f.rule == "invalid-quantity" || f.rule == "wrong-type")
            .map(|f| {
                assert_eq!(f.severity, Severity::Error);
                (f.rule, (f.position.line, f.position.column))
            })
            .collect();
        assert_eq!(found, at, "{text}");
        if api_error.is_empty() {
            assert_eq!(d.api_error(), None, "{text}");
            continue;
        }
        assert_eq!(d.api_error(), Some(api_error.as_str()), "{text}");
        assert_eq!(d.findings[0].rule, "object-not-decodable", "{text}");
    }
}

/// `kubectl apply` needs every object's name (`applyOneObject`): without one it refuses
/// an object with a `generateName`, and otherwise fails to look the object up
/// (client-go: `resource name may not be empty`); a name that is not a string is none
/// (`Unstructured.GetName`). kubectl goes on with the other objects.
#[test]
fn kubectl_apply_needs_a_name() {
    let spec = "spec:\n  containers: [{name: app, image: \"nginx:1.27\"}]\n";
    let named = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: ok}}\n{spec}");
    // (manifest, kubectl's words or "" when it sends the object, the finding's position)
    let rows: Vec<(String, &str, (u32, u32))> = vec![
        (
            format!("apiVersion: v1\nkind: Pod\n{spec}"),
            "resource name may not be empty",
            (1, 1),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {{app: web}}\n{spec}"),
            "resource name may not be empty",
            (3, 1),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: 5}}\n{spec}"),
            "resource name may not be empty",
            (3, 1),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: \"\"}}\n{spec}"),
            "resource name may not be empty",
            (3, 1),
        ),
        (
            format!(
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec:\n  template:\n    {}",
                spec.replace("\n  ", "\n      ")
            ),
            "from migrate-: cannot use generate name with apply",
            (4, 17),
        ),
        // A custom resource (its CRD decides the rest) and a kind the tool does not
        // analyse are refused alike.
        (
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {labels: {a: b}}\n".to_owned(),
            "resource name may not be empty",
            (3, 1),
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n".to_owned(),
            "resource name may not be empty",
            (1, 1),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: web, generateName: x-}}\n{spec}"),
            "",
            (0, 0),
        ),
        // client-go puts the name in the URL path (`content.IsPathSegmentName`).
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: a/b}}\n{spec}"),
            r#"invalid resource name "a/b": [may not contain '/']"#,
            (3, 18),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: \"50%/x\"}}\n{spec}"),
            r#"invalid resource name "50%/x": [may not contain '/' may not contain '%']"#,
            (3, 18),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: ..}}\n{spec}"),
            "invalid resource name \"..\": [may not be '..']",
            (3, 18),
        ),
        (
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: a.b}}\n{spec}"),
            "",
            (0, 0),
        ),
    ];
    // A custom resource with a built-in kind's name, without a name: refused, and not
    // analysed as the built-in kind.
    let volcano = "apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {generateName: train-}\nspec:\n  minAvailable: 1\n  tasks: [{replicas: 1, template: {spec: {containers: [{name: t, image: \"trainer:1\"}]}}}]\n";
    let report = explain(volcano, 37);
    let d = &report.documents[0];
    assert_eq!(
        d.kubectl_error(),
        Some("from train-: cannot use generate name with apply")
    );
    let rules: Vec<&str> = d.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["name-required"]);
    assert!(d.entries.is_empty());
    for (text, words, at) in rows {
        let stream = format!("{text}---\n{named}");
        let report = explain(&stream, 37);
        let d = &report.documents[0];
        // The named Pod after it is sent all the same.
        assert!(report.documents[1].is_created(), "{text}");
        if words.is_empty() {
            assert!(d.is_created(), "{text}");
            assert!(
                d.findings.iter().all(|f| f.rule != "name-required"),
                "{text}"
            );
            continue;
        }
        assert_eq!(d.kubectl_error(), Some(words), "{text}");
        assert!(!d.is_created(), "{text}");
        let f = &d.findings[0];
        assert_eq!(
            (
                f.rule,
                f.severity,
                f.message.to_plain(),
                (f.position.line, f.position.column)
            ),
            ("name-required", Severity::Error, words.to_owned(), at),
            "{text}"
        );
        assert!(
            d.entries.iter().all(|e| e.policy.effective.is_none()),
            "{text}"
        );
    }
}

/// `kubectl apply` reads an object's annotations as strings only
/// (`Unstructured.GetAnnotations`) and, when it cannot, sends the object with none of
/// them but its own last-applied annotation: a warning at the first value that is not a
/// string (or at `annotations` when it is not a mapping), no refusal. Not for a pod
/// template's annotations, which are sent as written (and refused when not strings).
#[test]
fn kubectl_apply_drops_annotations_it_cannot_read() {
    type Row = (String, Option<(&'static str, (u32, u32))>);
    let rows: Vec<Row> = vec![
        (
            pod_with_meta("  annotations:\n    a: \"1\"\n    prometheus.io/scrape: true\n"),
            Some((
                "kubectl apply drops every annotation of this object: `prometheus.io/scrape` is a boolean, not a string",
                (7, 27),
            )),
        ),
        (
            pod_with_meta("  annotations: [a, b]\n"),
            Some((
                "kubectl apply drops every annotation of this object: `annotations` is a list, not a mapping",
                (5, 3),
            )),
        ),
        (
            pod_with_meta("  annotations: team-a\n"),
            Some((
                "kubectl apply drops every annotation of this object: `annotations` is a string, not a mapping",
                (5, 3),
            )),
        ),
        (
            pod_with_meta("  annotations: {a: \"1\", b: null, c: ~}\n"),
            None,
        ),
        (pod_with_meta("  annotations:\n"), None),
    ];
    for (text, expected) in rows {
        let report = explain(&text, 37);
        let d = &report.documents[0];
        assert_eq!(d.api_error(), None, "{text}");
        let dropped: Vec<_> = d
            .findings
            .iter()
            .filter(|f| f.rule == "annotations-dropped")
            .map(|f| {
                assert_eq!(f.severity, Severity::Warning);
                (f.message.backticked(), (f.position.line, f.position.column))
            })
            .collect();
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(m, at)| (m.to_owned(), at))
            .collect();
        assert_eq!(dropped, expected, "{text}");
    }
    // A template's annotations are sent as they are: the decoder refuses them.
    let report = explain(
        &deployment_with_template_annotations("      annotations: {a: true}\n"),
        37,
    );
    let d = &report.documents[0];
    assert!(d.findings.iter().all(|f| f.rule != "annotations-dropped"));
    assert_eq!(
        d.api_error(),
        Some(
            r#"Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.annotations of type string"#
        )
    );
}

fn pod_with_meta(meta: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n{meta}spec:\n  containers: [{{name: app, image: \"nginx:1.27\"}}]\n"
    )
}

fn deployment_with_template_annotations(meta: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  template:\n    metadata:\n{meta}    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n"
    )
}

/// Strict field validation's list: every unknown key of every struct (nested types
/// included: a `ports` item's `containerport`), in the order of the sorted JSON kubectl
/// sends, depth first; each an `unknown-field` error at its key.
#[test]
fn unknown_fields_in_the_order_the_decoder_meets_them() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  zzz: 1\n  containers:\n  - name: a\n    image: \"nginx:1.27\"\n    bbb: 2\n    aaa: 1\n    ports: [{containerport: 80}]\n  abc: 1\n";
    let report = explain(text, 37);
    let d = &report.documents[0];
    assert_eq!(
        d.strict_error(),
        Some(
            r#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.abc", unknown field "spec.containers[0].aaa", unknown field "spec.containers[0].bbb", unknown field "spec.containers[0].ports[0].containerport", unknown field "spec.zzz""#
        )
    );
    let mut at: Vec<(u32, u32)> = report
        .findings()
        .filter(|f| f.rule == "unknown-field")
        .map(|f| (f.position.line, f.position.column))
        .collect();
    at.sort_unstable();
    assert_eq!(at, [(5, 3), (9, 5), (10, 5), (11, 14), (12, 3)]);
}

/// A field a release had and the Go types no longer have (`PodSpec.workloadRef`, 1.35
/// only) is known in that release: one unknown-field error elsewhere, and no duplicate
/// where both the pod spec's check and the Go types walk report it.
#[test]
fn fields_known_by_release() {
    let text = pod(&format!("{APP}  workloadRef: {{name: w}}\n"));
    for minor in 28..=37 {
        let report = explain(&text, minor);
        let unknown = report
            .findings()
            .filter(|f| f.rule == "unknown-field")
            .count();
        let strict = report.documents[0].strict_error();
        if minor == 35 {
            assert_eq!((unknown, strict), (0, None), "1.{minor}");
        } else {
            assert_eq!(unknown, 1, "1.{minor}");
            assert_eq!(
                strict,
                Some(
                    r#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.workloadRef""#
                ),
                "1.{minor}"
            );
        }
    }
}

#[test]
fn a_statefulset_name_is_explained_as_a_label_and_a_label_is_suggested() {
    let report = explain(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: Web.V1}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.27\"}]\n",
        37,
    );
    let d = &report.documents[0];
    let named: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-name")
        .collect();
    assert_eq!(named.len(), 1);
    assert_eq!(
        named[0].explanation,
        "A StatefulSet's name is an RFC 1123 label: at most 63 of `a-z`, `0-9` and `-`, starting and ending with a letter or a digit. The API server rejects the object (422 Invalid), so it is never created."
    );
    assert_eq!(named[0].fix.as_deref(), Some("name: web-v1"));
    // Not a subdomain either (upper case), so not `must not contain dots`.
    assert_eq!(
        named[0].message,
        leak(format!(
            r#"metadata.name: Invalid value: "Web.V1": {LABEL}"#
        ))
    );
}

/// A StatefulSet with `spec` lines before its template and its template's pod spec
/// lines (kubernetes#131790: its pod template is validated from 1.34).
fn statefulset(spec: &str, pod_spec: &str) -> String {
    let pod_spec: String = pod_spec.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  serviceName: web\n{spec}  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{pod_spec}"
    )
}

/// Up to 1.33 the API server does not validate a StatefulSet's pod spec: the StatefulSet
/// is created, and each Pod its controller makes is validated as a Pod and rejected, with
/// the controller's `FailedCreate` event (`pods-rejected`, an error) and no policy for
/// its entries. From 1.34 the StatefulSet itself is rejected.
#[test]
fn a_statefulset_template_is_validated_from_1_34_and_before_its_pods_are_rejected() {
    let policy =
        r#"Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never""#;
    let three = "containers:\n- {name: app, imagePullPolicy: always}\n- {name: Side, image: \"nginx:1.27\"}\n";
    let three_causes: &[&str] = &["image-required", "invalid-pull-policy", "invalid-name"];
    // (minor, manifest, apiError, the FailedCreate event, the causes' rules in order)
    let rows: Vec<(u8, String, String, String, &[&str])> = vec![
        (
            33,
            statefulset("", three),
            String::new(),
            format!(r#"create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: [spec.containers[0].image: Required value, spec.containers[0].imagePullPolicy: {policy}, spec.containers[1].name: Invalid value: "Side": {LABEL}]"#),
            three_causes,
        ),
        (
            34,
            statefulset("", three),
            format!(r#"StatefulSet.apps "web" is invalid: [spec.template.spec.containers[0].image: Required value, spec.template.spec.containers[0].imagePullPolicy: {policy}, spec.template.spec.containers[1].name: Invalid value: "Side": {LABEL}]"#),
            String::new(),
            three_causes,
        ),
        // The first Pod is named after `spec.ordinals.start`.
        (
            28,
            statefulset("  ordinals: {start: 3}\n", "containers: []\n"),
            String::new(),
            r#"create Pod web-3 in StatefulSet web failed error: Pod "web-3" is invalid: spec.containers: Required value"#.to_owned(),
            &["containers-required"],
        ),
        // Checked as a Pod: ephemeral containers cannot be set on create; whitespace
        // around an image is refused.
        (
            33,
            statefulset("", "containers: [{name: app, image: \" nginx:1.27\"}]\nephemeralContainers: [{name: d, image: \"busybox:1.36\"}]\n"),
            String::new(),
            r#"create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: [spec.containers[0].image: Invalid value: " nginx:1.27": must not have leading or trailing whitespace, spec.ephemeralContainers: Forbidden: cannot be set on create]"#.to_owned(),
            &["ephemeral-containers-forbidden", "image-whitespace"],
        ),
        (
            37,
            statefulset("", "containers: [{name: app, image: \"nginx:1.27\"}]\nephemeralContainers: [{name: d, image: \"busybox:1.36\"}]\n"),
            r#"StatefulSet.apps "web" is invalid: spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"#.to_owned(),
            String::new(),
            &["ephemeral-containers-forbidden"],
        ),
        // A StatefulSet the API server rejects for its own errors makes no Pod: only
        // those errors are its `apiError` (the template's stay errors at their fields).
        (
            33,
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  serviceName: web\n".to_owned(),
            r#"StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"#.to_owned(),
            String::new(),
            &["containers-required", "workload-selector"],
        ),
    ];
    for (minor, text, api_error, event, causes) in rows {
        let report = explain(&text, minor);
        let d = &report.documents[0];
        let what = format!("1.{minor}: {text}");
        assert_eq!(d.api_error().unwrap_or_default(), api_error, "{what}");
        assert_eq!(d.is_created(), api_error.is_empty(), "{what}");
        let errors = error_rules(d);
        let mut expected = Vec::new();
        if !api_error.is_empty() {
            expected.push("object-invalid");
        }
        if !event.is_empty() {
            expected.push("pods-rejected");
        }
        expected.extend_from_slice(causes);
        assert_eq!(errors, expected, "{what}");
        if !event.is_empty() {
            let f = &d.findings[0];
            assert_eq!(f.message, event.as_str(), "{what}");
            assert_eq!((f.position.line, f.position.column), (1, 1), "{what}");
        }
        // No Pod runs either way.
        assert!(
            d.entries.iter().all(|e| e.policy.effective.is_none()),
            "{what}"
        );
    }
}

/// The words of a StatefulSet whose Pods are rejected: the finding's explanation, the
/// causes' own, and each entry's reason.
#[test]
fn a_statefulset_whose_pods_are_rejected_says_so() {
    let report = explain(
        &statefulset(
            "",
            "containers:\n- {name: app, image: \"nginx:1.27\", imagePullPolicy: always}\n- {name: side, image: \"nginx:1.27\"}\n",
        ),
        33,
    );
    let d = &report.documents[0];
    assert_eq!(
        d.findings[0].explanation,
        "Kubernetes 1.33 does not validate a StatefulSet's pod template: the StatefulSet is created, and the API server rejects each Pod its controller makes from it (422 Invalid), so none ever runs. Its controller reports this `FailedCreate` event again and again, and no policy applies. From 1.34 the API server rejects the StatefulSet itself (kubernetes#131790). Each cause is marked at its field."
    );
    let policy = d.entries[0]
        .findings
        .iter()
        .find(|f| f.rule == "invalid-pull-policy")
        .expect("invalid-pull-policy");
    assert_eq!(
        policy.explanation,
        "The API server accepts only \"Always\", \"IfNotPresent\" and \"Never\", spelled exactly so, and \"always\" is not one of them. Kubernetes 1.33 does not validate a StatefulSet's pod template: the StatefulSet is created, and the API server rejects each Pod its controller makes from it (422 Invalid), so none ever runs. Linters that compare case-insensitively, or only check \"is it Always\", miss this."
    );
    assert_eq!(
        d.entries[1].policy.reason,
        "The API server rejects each Pod made from this StatefulSet, so no policy applies (were they accepted: IfNotPresent)."
    );
    let outcome = d.entries[1].outcome.as_ref().expect("an outcome");
    assert_eq!(
        outcome.explanation,
        "The API server rejects this, so it never reaches a node: nothing is pulled and nothing starts."
    );
}
