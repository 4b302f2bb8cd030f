//! `diagnose_each` (the diagnosis handed out part by part, JSON Lists read item by item)
//! gives exactly `diagnose`'s report: over every fixture and sample, and over generated
//! `kind: List` dumps (and their items as JSON and YAML streams) of healthy and failing
//! pods mixed with events, nodes and manifests.

use pullpolicy::KubeVersion;
use pullpolicy::diagnose::{
    DiagnoseOptions, DiagnosisReport, Part, Spread, diagnose, diagnose_by_describe_pieces,
    diagnose_by_items, diagnose_each, diagnose_each_on, reads_by_items,
};
use serde_json::{Value, json};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnose");

/// The report put together from the parts.
fn assembled(text: &str, options: &DiagnoseOptions) -> DiagnosisReport {
    let mut parts = Vec::new();
    let mut report = diagnose_each(text, options, &mut |p| parts.push(p));
    assert!(report.pieces.is_empty() && report.pods.is_empty() && report.diagnoses.is_empty());
    assert!(
        matches!(parts.first(), Some(Part::Pieces(_))),
        "pieces first"
    );
    for p in parts {
        match p {
            Part::Pieces(p) => report.pieces = p,
            Part::Pod(p) => report.pods.push(p),
            Part::Diagnosis(d) => report.diagnoses.push(*d),
        }
    }
    report
}

fn check(name: &str, text: &str) {
    for options in [
        DiagnoseOptions::default(),
        DiagnoseOptions {
            kubernetes_version: Some(KubeVersion::OLDEST),
        },
    ] {
        let whole = diagnose(text, &options);
        let parts = assembled(text, &options);
        assert!(
            parts == whole,
            "{name}: the parts differ from the whole run\n{}\n{}",
            serde_json::to_string_pretty(&parts).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
        // Byte for byte as JSON too.
        assert_eq!(
            serde_json::to_string(&parts).unwrap(),
            serde_json::to_string(&whole).unwrap(),
            "{name}"
        );
    }
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_and_sample() {
    let mut n = 0;
    for dir in [DIR.to_owned(), format!("{DIR}/composed")] {
        for path in files(&dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            check(&path.display().to_string(), &text);
            n += 1;
        }
    }
    assert!(n > 50, "{n}");
}

// ---------------------------------------------------------------------------------------
// Generated Lists.

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const IMAGES: [&str; 6] = [
    "nginx:1.25",
    "nginx:9.9",
    "ghcr.io/acme/api:v2",
    "registry.example.com:5000/team/worker",
    "busybox",
    "redis@sha256:abababababababababababababababababababababababababababababababab",
];

const FAILURES: [(&str, &str); 5] = [
    (
        "ErrImagePull",
        "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve reference \"docker.io/library/nginx:9.9\": docker.io/library/nginx:9.9: not found",
    ),
    (
        "ImagePullBackOff",
        "Back-off pulling image \"IMAGE\": ErrImagePull: failed to pull and unpack image \"IMAGE\": failed to resolve image: unexpected status from HEAD request to https://ghcr.io/v2/acme/api/manifests/v2: 401 Unauthorized",
    ),
    ("ImagePullBackOff", "Back-off pulling image \"IMAGE\""),
    (
        "ErrImageNeverPull",
        "Container image \"IMAGE\" is not present with pull policy of Never",
    ),
    (
        "InvalidImageName",
        "Failed to apply default image tag \"IMAGE\": couldn't parse image name \"IMAGE\": invalid reference format",
    ),
];

fn pod(rng: &mut Rng, i: usize, namespace: &str, failing: bool) -> Value {
    let n = 1 + rng.below(3) as usize;
    let mut containers = Vec::new();
    let mut statuses = Vec::new();
    for c in 0..n {
        let image = rng.pick(&IMAGES);
        let mut spec = json!({"name": format!("c{c}"), "image": image, "env": [{"name": "A", "value": "<b>&</b> é"}]});
        if rng.below(2) == 0 {
            spec["imagePullPolicy"] = json!(rng.pick(&["Always", "IfNotPresent", "Never"]));
        }
        containers.push(spec);
        let digest = if rng.below(3) == 0 { "cd" } else { "ef" };
        let state = if failing && c == 0 {
            let (reason, message) = FAILURES[rng.below(FAILURES.len() as u64) as usize];
            json!({"waiting": {"reason": reason, "message": message.replace("IMAGE", image)}})
        } else if rng.below(5) == 0 {
            json!({"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"}})
        } else {
            json!({"running": {"startedAt": "2026-12-01T10:00:04Z"}})
        };
        let running = state.get("running").is_some();
        statuses.push(json!({
            "name": format!("c{c}"),
            "image": image,
            "imageID": if running { format!("docker.io/library/x@sha256:{}", digest.repeat(32)) } else { String::new() },
            "ready": running,
            "restartCount": 0,
            "state": state,
        }));
    }
    let mut p = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": format!("pod-{i}"), "namespace": namespace, "uid": format!("{i:08x}-0000")},
        "spec": {"containers": containers, "nodeName": format!("node-{}", i % 3)},
        "status": {"phase": if failing { "Pending" } else { "Running" }, "containerStatuses": statuses},
    });
    if rng.below(6) == 0 {
        p["spec"]["initContainers"] =
            json!([{"name": "init", "image": "busybox", "restartPolicy": "Always"}]);
    }
    p
}

fn event(rng: &mut Rng, pod: &str, namespace: &str, container: &str, image: &str) -> Value {
    let (reason, kind, message) = match rng.below(6) {
        0 => ("Pulling", "Normal", format!("Pulling image \"{image}\"")),
        1 => (
            "Failed",
            "Warning",
            format!(
                "Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/{image}\": failed to resolve reference \"docker.io/library/{image}\": docker.io/library/{image}: not found"
            ),
        ),
        2 => ("Failed", "Warning", "Error: ErrImagePull".to_owned()),
        3 => (
            "BackOff",
            "Normal",
            format!("Back-off pulling image \"{image}\""),
        ),
        4 => ("Failed", "Warning", "Error: ImagePullBackOff".to_owned()),
        _ => (
            "Pulled",
            "Normal",
            format!("Container image \"{image}\" already present on machine"),
        ),
    };
    let mut object = json!({"kind": "Pod", "name": pod, "namespace": namespace});
    if rng.below(3) > 0 {
        object["fieldPath"] = json!(format!("spec.containers{{{container}}}"));
    }
    let count = 1 + rng.below(9);
    json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": format!("{pod}.{}", rng.next()), "namespace": namespace},
        "involvedObject": object,
        "reason": reason,
        "message": message,
        "type": kind,
        "count": count,
        "firstTimestamp": "2026-12-01T10:00:00Z",
        "lastTimestamp": format!("2026-12-01T10:{:02}:00Z", 10 + rng.below(40)),
        "source": {"component": "kubelet", "host": format!("node-{}", rng.below(3))},
    })
}

fn node(rng: &mut Rng, i: usize) -> Value {
    let images: Vec<Value> = (0..1 + rng.below(4))
        .map(|_| {
            let image = rng.pick(&IMAGES);
            json!({"names": [format!("docker.io/library/{image}")], "sizeBytes": 1000 + rng.below(1000)})
        })
        .collect();
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": format!("node-{i}")},
        "status": {
            "nodeInfo": {
                "containerRuntimeVersion": rng.pick(&["containerd://1.7.2", "containerd://2.1.0", "cri-o://1.30.1"]),
                "kubeletVersion": rng.pick(&["v1.31.0", "v1.29.4"]),
                "architecture": "amd64",
                "operatingSystem": "linux",
            },
            "images": images,
            "conditions": [{"type": "DiskPressure", "status": rng.pick(&["False", "True"])}],
        },
    })
}

/// What a generated List holds.
#[derive(Clone, Copy)]
struct Mix {
    pods: usize,
    failing: u64,
    events: usize,
    nodes: usize,
    manifests: bool,
    /// Two pods with one name in one namespace (the whole run merges them).
    twice: bool,
}

fn list(seed: u64, mix: Mix) -> String {
    let mut rng = Rng(seed);
    let mut items = Vec::new();
    let mut names = Vec::new();
    for i in 0..mix.pods {
        let ns = format!("ns-{}", i % 4);
        let failing = rng.below(100) < mix.failing;
        let p = pod(&mut rng, i, &ns, failing);
        names.push((
            format!("pod-{i}"),
            ns,
            p["spec"]["containers"][0]["image"]
                .as_str()
                .unwrap()
                .to_owned(),
        ));
        items.push(p);
        if mix.manifests && i % 7 == 3 {
            items.push(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": format!("d{i}")}, "spec": {}}));
            items.push(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": format!("bare{i}")}, "spec": {"containers": [{"name": "a", "image": "nginx"}]}}));
        }
    }
    if mix.twice && !names.is_empty() {
        let again = pod(&mut rng, 0, &names[0].1, true);
        items.push(again);
    }
    let mut events = Vec::new();
    for _ in 0..mix.events {
        let k = rng.below(names.len().max(1) as u64 + 2) as usize;
        let (name, ns, image) = match names.get(k) {
            Some(n) => n.clone(),
            // Pods only events know.
            None => (
                format!("gone-{k}"),
                "ns-9".to_owned(),
                "nginx:9.9".to_owned(),
            ),
        };
        events.push(event(&mut rng, &name, &ns, "c0", &image));
    }
    if mix.events > 0 {
        // An event naming no object, and one about a node.
        events.push(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "x"}, "reason": "Failed", "type": "Warning", "message": "Failed to pull image \"busybox:nope\": rpc error: code = NotFound desc = busybox:nope: not found"}));
        events.push(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "y"}, "involvedObject": {"kind": "Node", "name": "node-1"}, "reason": "Rebooted", "type": "Warning", "message": "Node node-1 has been rebooted"}));
    }
    // Events after the pods, or before them, or among them.
    match seed % 3 {
        0 => items.extend(events),
        1 => {
            events.extend(items);
            items = events;
        }
        _ => {
            for (k, e) in events.into_iter().enumerate() {
                let at = (k * 3).min(items.len());
                items.insert(at, e);
            }
        }
    }
    let nodes: Vec<Value> = (0..mix.nodes).map(|i| node(&mut rng, i)).collect();
    if seed.is_multiple_of(2) {
        items.extend(nodes);
    } else {
        for (k, n) in nodes.into_iter().enumerate() {
            items.insert(k.min(items.len()), n);
        }
    }
    let list = json!({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}});
    let mut text = if seed % 4 == 3 {
        serde_json::to_string(&list).unwrap()
    } else {
        serde_json::to_string_pretty(&list).unwrap()
    };
    text.push('\n');
    text
}

#[test]
fn generated_lists() {
    let mixes = [
        // Healthy pods.
        Mix {
            pods: 40,
            failing: 0,
            events: 0,
            nodes: 0,
            manifests: false,
            twice: false,
        },
        // Failing pods.
        Mix {
            pods: 40,
            failing: 100,
            events: 0,
            nodes: 0,
            manifests: false,
            twice: false,
        },
        // Mixed, with nodes.
        Mix {
            pods: 40,
            failing: 30,
            events: 0,
            nodes: 3,
            manifests: true,
            twice: false,
        },
        // Mixed, with events and nodes.
        Mix {
            pods: 30,
            failing: 30,
            events: 25,
            nodes: 3,
            manifests: true,
            twice: false,
        },
        Mix {
            pods: 10,
            failing: 50,
            events: 40,
            nodes: 1,
            manifests: false,
            twice: false,
        },
        // Events only, nodes only, nothing.
        Mix {
            pods: 0,
            failing: 0,
            events: 12,
            nodes: 0,
            manifests: false,
            twice: false,
        },
        Mix {
            pods: 0,
            failing: 0,
            events: 0,
            nodes: 2,
            manifests: false,
            twice: false,
        },
        Mix {
            pods: 0,
            failing: 0,
            events: 0,
            nodes: 0,
            manifests: true,
            twice: false,
        },
        Mix {
            pods: 0,
            failing: 0,
            events: 0,
            nodes: 0,
            manifests: false,
            twice: false,
        },
        // A pod twice: diagnosed whole.
        Mix {
            pods: 8,
            failing: 50,
            events: 4,
            nodes: 1,
            manifests: false,
            twice: true,
        },
    ];
    let mut by_items = 0;
    for (m, mix) in mixes.iter().enumerate() {
        for seed in 0..8u64 {
            let text = list(seed * 31 + m as u64, *mix);
            if reads_by_items(&text) {
                by_items += 1;
            }
            let mut parts = 0;
            let read = diagnose_by_items(&text, &DiagnoseOptions::default(), &mut |_| parts += 1);
            assert_eq!(read.is_some(), !mix.twice, "mix {m} seed {seed}");
            assert!(read.is_some() || parts == 0);
            check(&format!("mix {m} seed {seed}"), &text);
        }
    }
    // Each has the shape read item by item (the pods named twice are then read whole).
    assert_eq!(by_items, mixes.len() * 8);
}

/// A [`Spread`] that does the work out of order: `there` before `here`, and a map's
/// items from the last to the first (the results still in order).
struct Backwards;

impl Spread for Backwards {
    fn join<A, B: Send>(
        &self,
        here: impl FnOnce() -> A,
        there: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        let b = there();
        (here(), b)
    }

    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
        let mut out: Vec<R> = items.iter().rev().map(f).collect();
        out.reverse();
        out
    }
}

/// The work spread (the CLI's `--jobs`) hands out the same parts in the same order, over
/// Lists longer than a round of pods, with the text around the List that makes the
/// early cut a wrong guess (a command line, blank lines, trailing blanks).
#[test]
fn spread_work_gives_the_same_parts() {
    let mix = Mix {
        pods: 600,
        failing: 30,
        events: 40,
        nodes: 2,
        manifests: true,
        twice: false,
    };
    let parts_of = |text: &str, spread: Option<&Backwards>| {
        let mut parts = Vec::new();
        let options = DiagnoseOptions::default();
        let rest = match spread {
            Some(s) => diagnose_each_on(s, text, &options, &mut |p| parts.push(p)),
            None => diagnose_each(text, &options, &mut |p| parts.push(p)),
        };
        (parts, rest)
    };
    for seed in 0..2u64 {
        let list = list(seed, mix);
        for text in [
            list.clone(),
            format!("$ kubectl get pods -A -o json\n\n{list}"),
            format!("\n  \n{}   \n\n", list.trim_end()),
        ] {
            assert!(reads_by_items(&text), "seed {seed}");
            let (serial, serial_rest) = parts_of(&text, None);
            let (spread, spread_rest) = parts_of(&text, Some(&Backwards));
            assert!(
                serial.len() > mix.pods,
                "seed {seed}: {} parts",
                serial.len()
            );
            assert!(serial == spread, "seed {seed}: the parts differ");
            assert!(serial_rest == spread_rest, "seed {seed}: the rest differs");
        }
    }
    // And the whole run's report, once.
    check("a List of 600 pods", &list(7, mix));
}

#[test]
fn generated_yaml_lists() {
    let mixes = [
        Mix {
            pods: 30,
            failing: 40,
            events: 0,
            nodes: 2,
            manifests: true,
            twice: false,
        },
        Mix {
            pods: 20,
            failing: 40,
            events: 20,
            nodes: 2,
            manifests: false,
            twice: false,
        },
        Mix {
            pods: 0,
            failing: 0,
            events: 6,
            nodes: 0,
            manifests: false,
            twice: false,
        },
        Mix {
            pods: 6,
            failing: 50,
            events: 3,
            nodes: 1,
            manifests: false,
            twice: true,
        },
    ];
    for (m, mix) in mixes.iter().enumerate() {
        for seed in 0..6u64 {
            let json: serde_json::Value =
                serde_json::from_str(&list(seed * 7 + m as u64, *mix)).unwrap();
            let yaml = serde_yaml::to_string(&json).unwrap();
            assert!(reads_by_items(&yaml), "mix {m} seed {seed}:\n{yaml}");
            let read = diagnose_by_items(&yaml, &DiagnoseOptions::default(), &mut |_| {});
            assert_eq!(read.is_some(), !mix.twice, "mix {m} seed {seed}");
            check(&format!("yaml mix {m} seed {seed}"), &yaml);
        }
    }
}

/// A List's items as streams, read value by value or document by document, with the
/// whole run's report: a JSON stream of one compact object per line
/// (`jq -c '.items[]'`), and a YAML stream (`---` between documents, also before the
/// first, or `...` before each `---`), and indented JSON objects one after another
/// (`jq '.items[]'`: several pieces, each an item). A YAML stream with a List among its
/// documents is diagnosed whole.
#[test]
fn generated_streams() {
    let mixes = [
        Mix {
            pods: 24,
            failing: 40,
            events: 10,
            nodes: 2,
            manifests: true,
            twice: false,
        },
        Mix {
            pods: 12,
            failing: 60,
            events: 0,
            nodes: 1,
            manifests: false,
            twice: false,
        },
        Mix {
            pods: 6,
            failing: 50,
            events: 3,
            nodes: 1,
            manifests: false,
            twice: true,
        },
    ];
    let mut streams = 0;
    for (m, mix) in mixes.iter().enumerate() {
        for seed in 0..5u64 {
            let list: Value = serde_json::from_str(&list(seed * 5 + m as u64, *mix)).unwrap();
            let items = list["items"].as_array().unwrap();
            if items.len() < 2 {
                continue;
            }
            let compact: String = items.iter().map(|i| format!("{i}\n")).collect();
            let documents: Vec<String> = items
                .iter()
                .map(|i| serde_yaml::to_string(i).unwrap())
                .collect();
            for (how, text) in [
                ("json", compact),
                ("---", documents.join("---\n")),
                ("--- first", format!("---\n{}", documents.join("---\n"))),
                ("...", documents.join("...\n---\n")),
            ] {
                let name = format!("{how} mix {m} seed {seed}");
                assert!(reads_by_items(&text), "{name}");
                let read = diagnose_by_items(&text, &DiagnoseOptions::default(), &mut |_| {});
                assert_eq!(read.is_some(), !mix.twice, "{name}");
                check(&name, &text);
                streams += 1;
            }
            let indented: String = items
                .iter()
                .map(|i| serde_json::to_string_pretty(i).unwrap() + "\n")
                .collect();
            let name = format!("indented mix {m} seed {seed}");
            assert!(reads_by_items(&indented), "{name}");
            let read = diagnose_by_items(&indented, &DiagnoseOptions::default(), &mut |_| {});
            assert_eq!(read.is_some(), !mix.twice, "{name}");
            check(&name, &indented);
            // A blank line between them: the same pieces, each an item.
            let spaced = indented.replace("}\n{", "}\n\n{");
            assert!(reads_by_items(&spaced), "{name}");
            check(&format!("{name}, spaced"), &spaced);
            // A command line between two: whole (the stream's values would take it in).
            let command = indented.replacen("}\n{", "}\n$ kubectl get pods -o json\n{", 1);
            assert!(!reads_by_items(&command), "{name}");
            check(&format!("{name}, a command"), &command);
            streams += 1;
        }
    }
    assert!(streams >= 50, "{streams}");
    // A document that is itself a List of pods: diagnosed whole.
    let list: Value = serde_json::from_str(&list(1, mixes[0])).unwrap();
    let text = format!(
        "{}---\n{}",
        serde_yaml::to_string(&list["items"][0]).unwrap(),
        serde_yaml::to_string(&list).unwrap()
    );
    assert!(diagnose_by_items(&text, &DiagnoseOptions::default(), &mut |_| {}).is_none());
    check("a List in a stream", &text);
}

#[test]
fn what_is_read_item_by_item() {
    let pod = |name: &str| {
        format!(
            "{{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {{\"name\": \"{name}\"}}, \"status\": {{\"phase\": \"Running\"}}}}"
        )
    };
    let one = format!(
        "{{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {}\n  ]\n}}\n",
        pod("a")
    );
    assert!(reads_by_items(&one));
    // A command line before it and blank lines around it change nothing.
    assert!(reads_by_items(&format!(
        "$ kubectl get pods -o json\n\n{one}\n\n"
    )));
    // Another piece after it: whole.
    let two = format!("{one}Events:\n  Type    Reason  Age  From  Message\n");
    assert!(!reads_by_items(&two));
    check("two", &two);
    // A YAML List as kubectl writes it: item by item too; a single object: whole.
    assert!(reads_by_items("apiVersion: v1\nkind: List\nitems: []\n"));
    assert!(!reads_by_items(
        "apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n"
    ));
    assert!(!reads_by_items(&pod("a")));
    // A line the whole run reads as a command ends the piece: whole.
    let cut = one
        .replace("\"Running\"", "\"x $ kubectl get pods\"")
        .replace("\"phase\": ", "\n  \"phase\":\n");
    assert!(!reads_by_items(&cut));
    check("cut", &cut);
    // Indented objects one after another: a piece each, read item by item, each piece
    // with its own format (a custom resource and a ConfigMap are manifests).
    let pretty =
        |t: &str| serde_json::to_string_pretty(&serde_json::from_str::<Value>(t).unwrap()).unwrap();
    let objects = [
        pretty(&pod("a")),
        pretty("{\"apiVersion\": \"example.com/v1\", \"kind\": \"Thing\", \"spec\": {}}"),
        pretty(
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}",
        ),
        pretty(&pod("b")),
    ]
    .join("\n");
    assert!(reads_by_items(&objects));
    let report = diagnose(&objects, &DiagnoseOptions::default());
    assert_eq!(report.pieces.len(), 4);
    assert_eq!(
        report
            .pieces
            .iter()
            .map(|p| format!("{:?}", p.format))
            .collect::<Vec<_>>(),
        ["PodObjects", "Manifest", "Manifest", "PodObjects"]
    );
    check("objects", &objects);
    // An elided line: whole.
    let elided = one.replace("  ]\n", "  ...\n  ]\n");
    assert!(!reads_by_items(&elided));
    check("elided", &elided);
}

/// `kubectl describe pods` output of many pods (the composed describe fixtures, each pod
/// renamed), read a pod at a time, with the whole run's report; with blank and command
/// lines between pods, CRLF line breaks, and a window of lines smaller than a pod (debug
/// builds). Two pods with one name, or a piece of another kind, make the text whole.
#[test]
fn generated_describe_dumps() {
    let sources: Vec<(String, String)> = [
        ("describe_current", "web-7d9f8c6b4-x2kqp"),
        ("describe_legacy", "hello-2533203682-m4q0v"),
        ("creating", "creating-pod"),
        ("crashloop", "crashloop-pod"),
        ("running", "running-pod"),
    ]
    .iter()
    .map(|(file, name)| {
        let text = std::fs::read_to_string(format!("{DIR}/composed/{file}.txt")).unwrap();
        assert!(text.starts_with("Name:") && text.contains(name), "{file}");
        (text, (*name).to_owned())
    })
    .collect();
    // A pod whose pull problem only its status shows (no events), and one whose only
    // evidence is a pod-level event (a late group): the whole run's diagnoses come as
    // every pod's event diagnoses, then status ones, then late ones.
    let current = &sources[0].0;
    let status_only = current[..current.find("Events:").unwrap()].to_owned()
        + "Events:                      <none>\n";
    let late = "Name:         late-pod\nNamespace:    default\nContainers:\n  app:\n    Image:          nginx:9.9\nEvents:\n  Type     Reason  Age  From     Message\n  ----     ------  ---  ----     -------\n  Warning  Failed  1m   kubelet  Error: ErrImagePull\n";
    let mut sources = sources;
    sources.push((
        status_only.replace("web-7d9f8c6b4-x2kqp", "status-pod"),
        "status-pod".to_owned(),
    ));
    sources.push((late.to_owned(), "late-pod".to_owned()));
    let mut dumps = 0;
    for seed in 0..16u64 {
        let mut rng = Rng(seed);
        let mut text = String::new();
        let pods = 3 + rng.below(12) as usize;
        for i in 0..pods {
            let (source, name) = &sources[rng.below(sources.len() as u64) as usize];
            if i > 0 {
                text.push_str(
                    ["\n", "", "\n\n", "$ kubectl describe pod x\n"][rng.below(4) as usize],
                );
            }
            text.push_str(&source.replace(name.as_str(), &format!("{name}-{seed}-{i}")));
        }
        if seed % 3 == 2 {
            text = text.replace('\n', "\r\n");
        }
        let name = format!("describe dump {seed} ({pods} pods)");
        let read = diagnose_by_describe_pieces(&text, &DiagnoseOptions::default(), &mut |_| {});
        assert!(read.is_some(), "{name}");
        check(&name, &text);
        dumps += 1;
        // Blank lines past a window first: the same.
        let spaced = format!("{}{text}", "\n".repeat(30));
        assert!(
            diagnose_by_describe_pieces(&spaced, &DiagnoseOptions::default(), &mut |_| {})
                .is_some()
        );
        check(&format!("{name}, after blank lines"), &spaced);
        // A pod twice: whole.
        let (source, _) = &sources[0];
        let twice = format!("{text}\n{source}\n{source}");
        assert!(
            diagnose_by_describe_pieces(&twice, &DiagnoseOptions::default(), &mut |_| {}).is_none()
        );
        check(&format!("{name}, a pod twice"), &twice);
        // An events table after it: whole.
        let table = std::fs::read_to_string(format!("{DIR}/composed/get_events_wide.txt")).unwrap();
        let mixed = format!("{text}\n{table}");
        assert!(
            diagnose_by_describe_pieces(&mixed, &DiagnoseOptions::default(), &mut |_| {}).is_none()
        );
        check(&format!("{name}, then a table"), &mixed);
        // An events table first: whole.
        let first = format!("{table}\n{text}");
        assert!(
            diagnose_by_describe_pieces(&first, &DiagnoseOptions::default(), &mut |_| {}).is_none()
        );
        check(&format!("{name}, after a table"), &first);
    }
    assert_eq!(dumps, 16);
    // One pod: whole (nothing to gain).
    assert!(
        diagnose_by_describe_pieces(&sources[0].0, &DiagnoseOptions::default(), &mut |_| {})
            .is_none()
    );
}
