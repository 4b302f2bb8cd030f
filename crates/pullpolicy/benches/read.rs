//! The reader (`pullpolicy::read`: kubectl's stream cutting, go-yaml v2 per document,
//! the tree with positions, the decoder's checks) next to serde_yaml parsing into
//! `Value`s (the CLI's floor), on the inputs of `benches/explain.rs`; and the reader alone on hostile
//! input (a billion-laughs alias bomb, 9,999 and 20,000 levels of nesting).
//! Run: `cargo bench -p pullpolicy --bench read`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/inputs.rs"]
mod inputs;
use inputs::{SEED_POD, floor as serde_yaml_floor, stream};

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
