//! The reader (`pullpolicy::read`: kubectl's stream cutting, go-yaml v2 per document,
//! the tree with positions, the decoder's checks) next to saphyr-parser's event loop
//! (what the current core reads with) and serde_yaml parsing into `Value`s (the CLI's
//! floor), on the inputs of `benches/explain.rs`; and the reader alone on hostile
//! input (a billion-laughs alias bomb, 9,999 and 20,000 levels of nesting).
//! Run: `cargo bench -p pullpolicy --bench read`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use std::hint::black_box;

const SEED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\nspec:\n  containers:\n  - name: my-container\n    image: nginx:1.19\n    imagePullPolicy: IfNotPresent\n";

/// The generated stream of `benches/explain.rs` (Deployments with 1–3 containers).
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

fn serde_yaml_floor(text: &str) -> usize {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| serde_yaml::Value::deserialize(d).map(|_| 1).unwrap_or(0))
        .sum()
}

fn saphyr_events(text: &str) -> usize {
    saphyr_parser::Parser::new_from_str(text)
        .map(|e| usize::from(e.is_ok()))
        .sum()
}

fn reader(text: &str) -> usize {
    pullpolicy::read::read(text, pullpolicy::read::ReadOptions::default())
        .map(|item| match item {
            pullpolicy::read::Item::Document(d) => d.doc.map_or(0, |doc| doc.len()),
            pullpolicy::read::Item::Stop(_) => 0,
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let argo = include_str!("../../../tests/corpus/argo-cd/manifests_ha_install.yaml");
    let inputs = [
        ("argo-cd-ha-install", argo.to_owned()),
        ("seed-pod", SEED_POD.to_owned()),
        ("1MB", stream(1_000_000)),
        ("10MB", stream(10_000_000)),
    ];
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(format!("read/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 5_000_000 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("read", name), |b| {
            b.iter(|| reader(black_box(text)))
        });
        group.bench_function(BenchmarkId::new("saphyr-events", name), |b| {
            b.iter(|| saphyr_events(black_box(text)))
        });
        group.bench_function(BenchmarkId::new("serde_yaml-floor", name), |b| {
            b.iter(|| serde_yaml_floor(black_box(text)))
        });
        group.finish();
    }
    // Hostile input: the reader alone (serde_yaml expands the bomb).
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let hostile = [
        ("alias-bomb", bomb),
        ("nesting-20000", "[".repeat(20_000) + &"]".repeat(20_000)),
        ("nesting-9999", "[".repeat(9_999) + &"]".repeat(9_999)),
    ];
    let mut group = c.benchmark_group("read/hostile");
    for (name, text) in &hostile {
        group.bench_function(BenchmarkId::new("read", name), |b| {
            b.iter(|| reader(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
