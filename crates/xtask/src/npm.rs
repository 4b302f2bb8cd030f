//! `dist/npm/`: the JS API (`crates/pullpolicy_wasm`) as an npm-ready package.
//!
//! Two modules, each `cargo build --release` for wasm32, `wasm-bindgen --target web`,
//! `wasm-opt -Oz` and a Node.js entry: `pullpolicy` (explain, view, fragment, markdown,
//! faq, isEvidence) and `pullpolicy/diagnose` (`pullpolicy_diagnose.js`, the crate's
//! `diagnose` feature: diagnose, diagnosisView, isEvidence); then `package.json` and a
//! README. The web component (`embed/`) imports
//! `pullpolicy.js` from this folder, so the package is built on every `dist`.
//!
//! `--target web` loads the wasm with `fetch`, which Node.js cannot do for a file, so
//! `package.json` sends Node.js (the `node` export condition; Deno and Bun take it too) to
//! `pullpolicy.node.js`: the same module, with the wasm read from the package's folder and
//! instantiated on import. Browsers and bundlers (the `default` condition) keep
//! `pullpolicy.js`, which has no Node.js import in it.

use crate::cmd::{self, Result};
use std::path::Path;

/// The package's file names (wasm-bindgen's `--out-name`).
pub const NAME: &str = "pullpolicy";

/// The diagnosis module's file names: `pullpolicy/diagnose` (see `diagnose()` in
/// crates/pullpolicy_wasm), a module of its own so that `pullpolicy` stays small.
pub const DIAGNOSE_NAME: &str = "pullpolicy_diagnose";

/// The Node.js entry (`<module>.node.js`) of a module: its functions work as soon as it
/// is imported, and the default export (`init`) still resolves, having nothing left to do.
fn node_entry(name: &str) -> String {
    format!(
        "\
// The Node.js entry of {name}.js (package.json's \"node\" export condition): the module,
// its WebAssembly read from this folder and instantiated on import. `await init()` is not
// needed, and does nothing more.
import {{ readFileSync }} from 'node:fs';
import init, {{ initSync }} from './{name}.js';

initSync({{ module: readFileSync(new URL('./{name}_bg.wasm', import.meta.url)) }});

export * from './{name}.js';
export default init;
"
    )
}

/// What wasm-opt must accept in the module Rust 1.95 emits for wasm32-unknown-unknown.
///
/// Measured on `pullpolicy_bg.wasm` with its `target_features` section stripped:
/// `memory.copy`/`memory.fill` (bulk memory), `i32.extend8_s` (sign-ext), the `externref`
/// table wasm-bindgen uses (reference types) and functions returning `(i32 i32 i32)`
/// (multi-value) all occur; without reference types and multi-value wasm-opt 132 refuses
/// the module. Non-trapping float-to-int and mutable globals are on in the target too.
/// wasm-opt also reads them from the module's `target_features` section; naming them
/// keeps the step working if a tool in between drops that section.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// Builds the package into `out` (emptied first): the explaining module and the
/// diagnosing module.
pub fn build(out: &Path) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    module(
        out,
        NAME,
        &[],
        &[
            "export function explain(yaml: string, options: Partial<Options> | undefined): Report;",
            "export function isEvidence(text: string): boolean;",
            "export interface Report",
            "export default function __wbg_init",
        ],
    )?;
    module(
        out,
        DIAGNOSE_NAME,
        &[
            "--no-default-features",
            "--features",
            "diagnose,console_error_panic_hook",
        ],
        &[
            "export function diagnose(text: string, options: Partial<DiagnoseOptions> | undefined): DiagnosisReport;",
            "export function diagnosisView(text: string, options: Partial<DiagnoseOptions> | undefined): DiagnosisView;",
            "export function isEvidence(text: string): boolean;",
            "export interface DiagnosisReport",
            "export interface DiagnosisView",
            "export default function __wbg_init",
        ],
    )?;
    let workspace = workspace_package()?;
    let package = package_json(&workspace);
    serde_json::from_str::<serde_json::Value>(&package)
        .map_err(|e| format!("dist/npm/package.json is not JSON: {e}"))?;
    write(&out.join("package.json"), &package)?;
    write(&out.join("README.md"), &readme(&workspace.version))
}

/// One wasm-bindgen module of the package: `cargo build` with `features`,
/// `wasm-bindgen --out-name name`, `wasm-opt -Oz`, its Node.js entry; `declarations`
/// must be in its `.d.ts`.
fn module(out: &Path, name: &str, features: &[&str], declarations: &[&str]) -> Result {
    let root = cmd::root();
    cmd::run(
        cmd::cargo()
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["--package", "pullpolicy_wasm"])
            .args(features),
    )?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/pullpolicy_wasm.wasm");
    cmd::run(
        cmd::command("wasm-bindgen")
            .args(["--target", "web", "--out-name", name, "--out-dir"])
            .arg(out)
            .arg(&wasm),
    )?;
    let bg = out.join(format!("{name}_bg.wasm"));
    cmd::run(
        cmd::command("wasm-opt")
            .arg("-Oz")
            .args(WASM_FEATURES)
            .arg(&bg)
            .arg("-o")
            .arg(&bg),
    )?;
    let dts = std::fs::read_to_string(out.join(format!("{name}.d.ts")))
        .map_err(|e| format!("wasm-bindgen wrote no {name}.d.ts: {e}"))?;
    for declaration in declarations {
        if !dts.contains(declaration) {
            return Err(format!(
                "dist/npm/{name}.d.ts lacks `{declaration}`: did the JS API change?"
            ));
        }
    }
    let js = std::fs::read_to_string(out.join(format!("{name}.js")))
        .map_err(|e| format!("wasm-bindgen wrote no {name}.js: {e}"))?;
    for export in ["export { initSync, __wbg_init as default }"] {
        if !js.contains(export) {
            return Err(format!(
                "dist/npm/{name}.js lacks `{export}`, which {name}.node.js uses: did wasm-bindgen change?"
            ));
        }
    }
    write(&out.join(format!("{name}.node.js")), &node_entry(name))
}

/// What `[workspace.package]` in the root Cargo.toml says.
#[derive(Debug)]
struct Workspace {
    version: String,
    license: String,
    repository: String,
}

fn workspace_package() -> Result<Workspace> {
    let toml = std::fs::read_to_string(cmd::root().join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let section = toml
        .split("\n[")
        .find(|s| s.starts_with("workspace.package]"))
        .ok_or("Cargo.toml has no [workspace.package]")?;
    let value = |key: &str| {
        section
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
            })
            .ok_or_else(|| format!("[workspace.package] in Cargo.toml has no {key}"))
    };
    Ok(Workspace {
        version: value("version")?,
        license: value("license")?,
        repository: value("repository")?,
    })
}

fn package_json(ws: &Workspace) -> String {
    // Written out (not a serde_json map) to keep npm's usual key order.
    let q = |s: &str| serde_json::to_string(s).expect("a string serializes");
    format!(
        r#"{{
  "name": "{NAME}",
  "version": {version},
  "description": "Which imagePullPolicy Kubernetes really applies to each container, and what the node does with it: the pullpolicy core compiled to WebAssembly",
  "keywords": ["kubernetes", "imagePullPolicy", "wasm", "yaml", "lint"],
  "license": {license},
  "repository": {{ "type": "git", "url": {repository} }},
  "type": "module",
  "main": "./{NAME}.js",
  "module": "./{NAME}.js",
  "types": "./{NAME}.d.ts",
  "exports": {{
    ".": {{ "types": "./{NAME}.d.ts", "node": "./{NAME}.node.js", "default": "./{NAME}.js" }},
    "./diagnose": {{ "types": "./{DIAGNOSE_NAME}.d.ts", "node": "./{DIAGNOSE_NAME}.node.js", "default": "./{DIAGNOSE_NAME}.js" }},
    "./{NAME}_bg.wasm": "./{NAME}_bg.wasm",
    "./{DIAGNOSE_NAME}_bg.wasm": "./{DIAGNOSE_NAME}_bg.wasm",
    "./package.json": "./package.json"
  }},
  "files": ["{NAME}.js", "{NAME}.node.js", "{NAME}.d.ts", "{NAME}_bg.wasm", "{NAME}_bg.wasm.d.ts", "{DIAGNOSE_NAME}.js", "{DIAGNOSE_NAME}.node.js", "{DIAGNOSE_NAME}.d.ts", "{DIAGNOSE_NAME}_bg.wasm", "{DIAGNOSE_NAME}_bg.wasm.d.ts", "README.md"],
  "sideEffects": false
}}
"#,
        version = q(&ws.version),
        license = q(&ws.license),
        repository = q(&format!("git+{}.git", ws.repository)),
    )
}

fn readme(version: &str) -> String {
    format!(
        r#"# pullpolicy {version}

Which `imagePullPolicy` Kubernetes really applies to each container — defaulted or
written, valid or rejected, with the API server's and the kubelet's exact words — and
what the node's image cache does with it. The Rust core of
[pullpolicy](https://github.com/pullpolicy/pullpolicy), compiled to WebAssembly
(`wasm-bindgen --target web`, `wasm-opt -Oz`). No dependencies, no network access.

```js
import init, {{ explain, faq, isEvidence, version }} from 'pullpolicy';

await init(); // in a browser: fetches pullpolicy_bg.wasm next to pullpolicy.js
const report = explain(yamlText, {{ kubernetesVersion: '1.34', scenario: {{ registry: 'unreachable' }} }});
for (const doc of report.documents) {{
  for (const entry of doc.entries) {{
    console.log(entry.path, entry.policy.effective, entry.policy.reason);
  }}
}}
if (isEvidence(pastedText)) {{
  // Only where evidence is: pullpolicy_diagnose_bg.wasm.
  const {{ default: initDiagnose, diagnose }} = await import('pullpolicy/diagnose');
  await initDiagnose();
  for (const d of diagnose(pastedText).diagnoses) {{
    console.log(d.pod, d.container, d.reason, d.class, d.fix);
  }}
}}
```

- `init(moduleOrPath?)` (default export) loads the wasm once; call and await it before the
  rest. In a browser without a bundler, import `./pullpolicy.js` by URL; the wasm is
  fetched relative to it. In Node.js (and Deno, Bun) `import {{ explain }} from 'pullpolicy'`
  gets `pullpolicy.node.js`, which reads and instantiates the wasm on import: `init()` is
  not needed there (and does nothing more). Importing `pullpolicy.js` itself in Node.js,
  pass the bytes: `await init({{ module_or_path: fs.readFileSync(…/pullpolicy_bg.wasm) }})`.
- `explain(yaml, options)` returns the report as a plain object (`schemaVersion: 1`):
  `documents[].entries[]` with `path`, `name`, `role`, `image`, `policy {{ written,
  effective, source, reason }}`, the node `outcome` and `findings[]`; document-level
  `findings`, `apiError`, `strictError`, `kubectlError`; `syntaxErrors[]`; a `summary`. `options` may be
  `undefined` or a partial `Options` (`kubernetesVersion`: `"1.28"` … `"1.37"`;
  `scenario`: `nodeImage`, `registry`, `credentials`, `alwaysPullImages`, …). Invalid
  options throw an `Error` whose message starts with `options:`.
- `diagnose(text, options)`, from `pullpolicy/diagnose` (`pullpolicy_diagnose.js`, a
  module of its own with its own `init`, so that pages that only explain do not load
  it), diagnoses image-pull failures (`ErrImagePull`,
  `ImagePullBackOff`, `ErrImageNeverPull`, …) in pasted evidence — `kubectl describe pod`
  output, Pod objects with status, events, Node objects, logs, in any mix — and returns
  the diagnosis as a plain object (`schemaVersion: 1`, the CLI's `pullpolicy diagnose
  --format json` report): `diagnoses[]` (one per failing container: `pod`, `container`,
  `image`, `reason`, `class` such as `not-found` or `rate-limited`, `message` with the
  kubelet's wrappers peeled, `runtime`, `policy`, `timeline`, `nodes[].present`, `fix`,
  `findings[]` at their positions), `pods[]` with a verdict each, `pieces[]`, `skew[]`,
  `nodes[]`, `findings[]`, `summary`. `options` may be `undefined` or
  `{{ kubernetesVersion }}`.
- `diagnosisView(text, options)`, also from `pullpolicy/diagnose`, is the same diagnosis
  as the playground and the `<pull-policy-explainer>` component show it (the
  presentation layer's model, worded once): `evidence` (false when the text holds none:
  explain it instead), `title`, `note`, `summary`, `labels`, `diagnoses[]` (per failing
  container: `heading`, `pod`, `container`, `image`, `reason`, `class`, `classTitle`,
  `explanation`, `message` — the runtime's text, to show verbatim — `policy`,
  `timeline`, `nodes[]` with `present`, `fix`, `faq` ids, `links`, `findings[]`),
  `findings[]`, `pods[]` without a pull problem, `none`, and `faq[]` with the answers.
  Prose is structured text (`{{ plain }}`, `{{ code }}`, `{{ link, docs | faq }}` spans): build
  the DOM with `textContent`, never `innerHTML`.
- `isEvidence(text)`, in both modules, tells evidence (describe output, Pod status,
  events, Node objects) from a manifest with the playground's few substring tests, so
  that a page imports `pullpolicy/diagnose` only when it needs it.
- `faq()` returns the FAQ & guidance entries; `version()` the core's version.

The TypeScript declarations (`pullpolicy.d.ts`, `pullpolicy_diagnose.d.ts`) describe
every field of the reports.

A page that uses this package needs `'wasm-unsafe-eval'` in its Content-Security-Policy's
`script-src`, and `connect-src` must allow the wasm's URL.

License: MIT OR Apache-2.0.
"#
    )
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_json_names_the_generated_files() {
        let ws = workspace_package().unwrap();
        let text = package_json(&ws);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["name"], "pullpolicy");
        assert_eq!(json["version"], ws.version.as_str());
        assert_eq!(json["type"], "module");
        assert_eq!(json["main"], "./pullpolicy.js");
        assert_eq!(json["types"], "./pullpolicy.d.ts");
        // Node.js gets the entry that reads the wasm from disk; the rest the web one.
        let conditions = &json["exports"]["."];
        assert_eq!(conditions["node"], "./pullpolicy.node.js");
        assert_eq!(conditions["default"], "./pullpolicy.js");
        // Conditions match in the order written: types first, default last.
        assert!(text.contains(
            r#"".": { "types": "./pullpolicy.d.ts", "node": "./pullpolicy.node.js", "default": "./pullpolicy.js" }"#
        ));
        assert!(
            json["files"]
                .as_array()
                .unwrap()
                .contains(&"pullpolicy.node.js".into())
        );
        assert!(text.starts_with("{\n  \"name\": \"pullpolicy\",\n  \"version\": "));
    }
}
