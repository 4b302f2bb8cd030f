//! `explain` next to its floor, serde_yaml parsing the same text into `Value`s:
//! the seed article's Pod, and generated 1 MB and 10 MB multi-document streams.
//! Run: `cargo bench -p pullpolicy`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use std::hint::black_box;

const SEED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\nspec:\n  containers:\n  - name: my-container\n    image: nginx:1.19\n    imagePullPolicy: IfNotPresent\n";

/// A stream of Deployments with 1–3 containers and varied images and policies.
fn stream(bytes: usize) -> String {
    let images = [
        "nginx",
        "nginx:1.27",
        "registry.example.com:5000/team/app:v2",
        "redis:latest",
        "ghcr.io/org/tool@sha256:1ff6c18fbef2045af6b9c16bf034cc421a29027b800e4f9b68ae9b1cb3e9ae07",
    ];
    let policies = [
        "",
        "    imagePullPolicy: Always\n",
        "    imagePullPolicy: IfNotPresent\n",
        "    imagePullPolicy: Never\n",
    ];
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  labels: {{app: app-{i}}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {{app: app-{i}}}\n  template:\n    metadata:\n      labels: {{app: app-{i}}}\n    spec:\n      containers:\n"
        ));
        for c in 0..=(i % 3) {
            out.push_str(&format!(
                "      - name: c{c}\n        image: {}\n        ports:\n        - containerPort: 8080\n{}",
                images[(i + c) % images.len()],
                policies[(i + c) % policies.len()].replace("    imagePull", "        imagePull")
            ));
        }
        i += 1;
    }
    out
}

fn floor(text: &str) -> usize {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| serde_yaml::Value::deserialize(d).map(|_| 1).unwrap_or(0))
        .sum()
}

fn bench(c: &mut Criterion) {
    // Real input nobody here wrote: Argo CD's HA install stream (CRDs, Deployments, …).
    let argo = include_str!("../../../tests/corpus/argo-cd/manifests_ha_install.yaml");
    let inputs = [
        ("argo-cd-ha-install", argo.to_owned()),
        ("seed-pod", SEED_POD.to_owned()),
        ("1MB", stream(1_000_000)),
        ("10MB", stream(10_000_000)),
    ];
    let options = pullpolicy::Options::default();
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 5_000_000 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("explain", name), |b| {
            b.iter(|| pullpolicy::explain(black_box(text), &options))
        });
        group.bench_function(BenchmarkId::new("serde_yaml-floor", name), |b| {
            b.iter(|| floor(black_box(text)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
