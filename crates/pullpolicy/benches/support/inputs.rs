//! The inputs `benches/explain.rs` and `benches/read.rs` measure, and their floor.

use serde::Deserialize;

pub const SEED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\nspec:\n  containers:\n  - name: my-container\n    image: nginx:1.19\n    imagePullPolicy: IfNotPresent\n";

/// A stream of Deployments with 1–3 containers and varied images and policies.
pub fn stream(bytes: usize) -> String {
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

pub fn floor(text: &str) -> usize {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| serde_yaml::Value::deserialize(d).map(|_| 1).unwrap_or(0))
        .sum()
}
