//! `explain` next to its floor, serde_yaml parsing the same text into `Value`s:
//! the seed article's Pod, and generated 1 MB and 10 MB multi-document streams.
//! Run: `cargo bench -p pullpolicy`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/inputs.rs"]
mod inputs;
use inputs::{SEED_POD, floor, stream};

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
