//! The hostile inputs of issue 8, timed: each must end with a report or a clear
//! message, and these figures are the limits README.md ("Limits") quotes. Run:
//! `cargo bench -p pullpolicy --bench limits`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: 'nginx:1.27'}\n";

fn inputs() -> Vec<(&'static str, String)> {
    let deployments = {
        let one = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers:\n      - name: app\n        image: registry.example.com:5000/team/app:v2\n        imagePullPolicy: IfNotPresent\n        resources: {requests: {cpu: 100m, memory: 64Mi}}\n";
        one.repeat(11_000_000 / one.len() + 1)
    };
    let laughs = {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        s
    };
    vec![
        ("11MB-stream", deployments),
        (
            "100k-documents",
            format!("{}{POD}", "---\na: 1\n".repeat(100_000)),
        ),
        ("billion-laughs", laughs),
        (
            "20k-flow-nesting",
            format!("a: {}{}\n", "[".repeat(20_000), "]".repeat(20_000)),
        ),
        // Compact block sequences: `- - - … x` (20,000 levels on one line).
        ("20k-block-nesting", format!("{}x\n", "- ".repeat(20_000))),
        (
            "1MB-image",
            POD.replace("'nginx:1.27'", &"a".repeat(1 << 20)),
        ),
        // An explicit key (an implicit one is limited to 1,024 characters).
        (
            "1MB-key",
            POD.replace(
                "  - {name: app, image: 'nginx:1.27'}\n",
                &format!(
                    "  - name: app\n    image: nginx\n    ? {}\n    : 1\n",
                    "k".repeat(1 << 20)
                ),
            ),
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let options = pullpolicy::Options::default();
    let mut group = c.benchmark_group("limits");
    group.sample_size(10);
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("explain", name), |b| {
            b.iter(|| pullpolicy::explain(black_box(&text), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
