//! `diagnose` timings: a pasted describe output (the playground's budget is 300 ms in
//! the browser), a 1,000-pod List with status, a 10,000-line events table, and two
//! larger inputs (a 10 MB describe output, 1 MB and 10 MB events tables) whose
//! throughput shows that reading is linear. Run: `cargo bench -p pullpolicy --bench
//! diagnose`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pullpolicy::diagnose::{DiagnoseOptions, diagnose};
use std::hint::black_box;

const DESCRIBE: &str = include_str!("../tests/fixtures/diagnose/composed/describe_current.txt");

const ROW: &str = "  Warning  Failed     13s (x2 over 29s)  kubelet            spec.containers{app}: Failed to pull image \"a:1\": failed to pull and unpack image \"docker.io/library/a:1\": failed to resolve image: docker.io/library/a:1: not found\n";

/// A `kubectl get pods -o yaml` List: a quarter of the pods failing to pull, the rest
/// running (one tag, two image IDs: skew).
fn pod_list(pods: usize) -> String {
    let mut s = String::from("apiVersion: v1\nitems:\n");
    for i in 0..pods {
        let status = if i % 4 == 0 {
            "      state:\n        waiting:\n          message: 'rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/acme/api:2.1\": failed to resolve image: docker.io/acme/api:2.1: not found'\n          reason: ErrImagePull\n"
        } else {
            "      state:\n        running:\n          startedAt: \"2026-03-17T08:45:29Z\"\n"
        };
        let id = if i % 2 == 0 { "0" } else { "1" };
        s.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: api-{i:05}\n    namespace: shop\n  spec:\n    containers:\n    - image: acme/api:2.1\n      imagePullPolicy: IfNotPresent\n      name: api\n    nodeName: worker-{}\n  status:\n    containerStatuses:\n    - image: docker.io/acme/api:2.1\n      imageID: docker.io/acme/api@sha256:{}\n      name: api\n{status}    phase: Pending\n",
            i % 20,
            id.repeat(64)
        ));
    }
    s.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    s
}

/// `kubectl get events -A` with `lines` rows over `lines / 4` pods.
fn events_table(lines: usize) -> String {
    let mut s =
        String::from("NAMESPACE   LAST SEEN   TYPE      REASON    OBJECT            MESSAGE\n");
    for i in 0..lines / 4 {
        s.push_str(&format!("ns          4m7s        Warning   Failed    pod/p-{i:05}   Failed to pull image \"r/p{i}:1\": failed to pull and unpack image \"docker.io/r/p{i}:1\": failed to resolve image: docker.io/r/p{i}:1: not found\n"));
        s.push_str(&format!(
            "ns          4m7s        Warning   Failed    pod/p-{i:05}   Error: ErrImagePull\n"
        ));
        s.push_str(&format!("ns          6s          Normal    BackOff   pod/p-{i:05}   Back-off pulling image \"r/p{i}:1\"\n"));
        s.push_str(&format!(
            "ns          6s          Warning   Failed    pod/p-{i:05}   Error: ImagePullBackOff\n"
        ));
    }
    s
}

/// One describe output of about `bytes`, its events table of repeated failure rows.
fn big_describe(bytes: usize) -> String {
    let mut s = String::from(
        "Name:             big\nNamespace:        default\nNode:             n1/10.0.0.1\nStatus:           Pending\nContainers:\n  app:\n    Image:          a:1\n    State:          Waiting\n      Reason:       ImagePullBackOff\nEvents:\n  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n",
    );
    while s.len() < bytes {
        s.push_str(ROW);
    }
    s
}

fn bench(c: &mut Criterion) {
    let options = DiagnoseOptions::default();
    let mut group = c.benchmark_group("diagnose");
    let inputs = [
        ("describe", DESCRIBE.to_owned()),
        ("1000-pod-list", pod_list(1000)),
        ("10000-line-events-table", events_table(10_000)),
    ];
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("diagnose", name), |b| {
            b.iter(|| diagnose(black_box(text), &options));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("diagnose-limits");
    group.sample_size(10);
    let inputs = [
        ("1MB-events-table", events_table(8_800)),
        ("10MB-events-table", events_table(88_000)),
        ("10MB-describe", big_describe(10_000_000)),
    ];
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("diagnose", name), |b| {
            b.iter(|| diagnose(black_box(text), &options));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
