#!/usr/bin/env bash
# Measurement (not a test): the size floor of the playground's first load. A throw-away
# yew app that only explains a textarea's text with the core and lists, for every entry,
# its path, effective policy, reason, node outcome (explanation and events) and findings
# (message, explanation, fix), plus syntax errors: the least any page that shows the
# core's verdicts must carry. It is built like the playground (the workspace's release
# profile, wasm-bindgen, the same wasm-opt passes as index.html, the glue minified by
# web/minify.mjs as the playground's is) and its wasm and JS glue are measured gzipped (-9),
# as `cargo xtask dist` measures the first load. The playground's short import and
# export names (web/post-build.mjs, step 1) are not applied here.
#
#   scripts/size_floor.sh        # needs the tools `cargo xtask dist` installs
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
# The workspace's resolved versions, so that yew, wasm-bindgen and the rest are the
# playground's own.
cp "$root/Cargo.lock" "$work/"
cat >"$work/Cargo.toml" <<EOF
[package]
name = "floor"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
pullpolicy = { path = "$root/crates/pullpolicy", default-features = false }
yew = { version = "0.23", features = ["csr"] }
wasm-bindgen = "=0.2.130"
web-sys = { version = "0.3", features = ["HtmlTextAreaElement"] }

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
strip = "debuginfo"
EOF
cat >"$work/src/main.rs" <<'EOF'
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let text = use_state(|| String::from("kind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n"));
    let report = pullpolicy::explain(&text, &pullpolicy::Options::default());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
        })
    };
    let entries = report.documents.iter().flat_map(|d| d.entries.iter());
    html! {
        <main>
            <textarea value={(*text).clone()} {oninput} />
            <ul>
                { for entries.map(|e| html! {
                    <li>
                        { &e.path } { " " } { format!("{:?}", e.policy.effective) } { " " } { e.policy.reason.clone() }
                        { " " }
                        { e.outcome.as_ref().map(|o| format!("{} {:?}", o.explanation,
                            o.events.iter().map(|ev| ev.message.clone()).collect::<Vec<_>>())).unwrap_or_default() }
                        <ul>{ for e.findings.iter().map(|f| html! {
                            <li>{ &f.message } { &f.explanation } { f.fix.clone().unwrap_or_default() }</li>
                        }) }</ul>
                    </li>
                }) }
                { for report.syntax_errors.iter().map(|s| html! { <li>{ &s.message }</li> }) }
            </ul>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
EOF
(cd "$work" && cargo build --quiet --offline --release --target wasm32-unknown-unknown)
wasm-bindgen --target web --out-dir "$work/out" "$work/target/wasm32-unknown-unknown/release/floor.wasm"
wasm-opt --low-memory-unused --converge --strip-producers --strip-target-features --flatten --rereloop -Oz -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
  --enable-multivalue --enable-mutable-globals "$work/out/floor_bg.wasm" -o "$work/out/floor_bg.wasm"
node "$root/web/minify.mjs" "$work/out/floor.js"
gz() { gzip -9 -c "$1" | wc -c; }
wasm=$(gz "$work/out/floor_bg.wasm")
glue=$(gz "$work/out/floor.js")
awk -v w="$wasm" -v g="$glue" 'BEGIN {
  printf "size floor (yew + the core, verdicts as plain lists): wasm %.1f KB gzip, JS glue %.1f KB, together %.1f KB\n", w / 1000, g / 1000, (w + g) / 1000
}'
