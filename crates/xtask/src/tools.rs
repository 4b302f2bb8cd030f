//! Installs, idempotently, the tools the site and the browser tests need.
//!
//! Facts behind each step (from the team's toolchain notes, verified on Debian 12):
//! - Trunk is pinned to 0.21.14: 0.22 needs a newer rustc than 1.95.
//! - wasm-bindgen-cli must equal the `wasm-bindgen` crate in Cargo.lock, and must be
//!   installed *without* `--locked` (a locked transitive crate is not on the mirror).
//! - wasm-opt comes from npm `binaryen@132`: Debian's binaryen 108 cannot read the wasm
//!   Rust 1.95 emits, and Trunk must not download one (it runs `--offline`).
//! - Chromium and chromedriver come from Debian (`chromium`, `chromium-driver`); no
//!   browser download works on these machines.
//! - The reading tests' Go oracle is built from Debian's Go and Go libraries
//!   ([`crate::oracle`]).

use crate::cmd::{self, Result, command, output};
use std::path::PathBuf;

/// Trunk's pinned version.
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's pinned version (npm package `binaryen`, which ships `wasm-opt`).
pub const BINARYEN_VERSION: &str = "132";

/// What later steps need to know about the installed tools.
#[derive(Debug)]
pub struct Tools {
    /// The chromedriver binary.
    pub chromedriver: PathBuf,
    /// The Chromium binary.
    pub chromium: PathBuf,
}

/// Everything `serve`, `dist` and `test` need.
pub fn ensure_all() -> Result<Tools> {
    ensure_site_tools()?;
    let tools = ensure_browser()?;
    ensure_e2e_packages()?;
    crate::oracle::ensure()?;
    Ok(tools)
}

/// The wasm target, Trunk, wasm-bindgen-cli, wasm-opt and the build's npm packages.
pub fn ensure_site_tools() -> Result {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    ensure_npm_packages("web", "the build's npm packages (terser, for the JS glue)")
}

fn ensure_wasm_target() -> Result {
    let installed = output(command("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|l| l == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    say("the wasm32-unknown-unknown target (to compile the site and the browser tests)");
    cmd::run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result {
    let want = format!("trunk {TRUNK_VERSION}");
    if output(command("trunk").arg("--version")).as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    say(&format!(
        "{want} (builds and serves the site; compiling it takes about 8 minutes on 2 cores)"
    ));
    cmd::run(cmd::cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

fn ensure_wasm_bindgen() -> Result {
    let version = wasm_bindgen_version()?;
    let want = format!("wasm-bindgen {version}");
    let have = output(command("wasm-bindgen").arg("--version"));
    let runner = output(command("wasm-bindgen-test-runner").arg("--version"));
    if have.as_deref() == Some(want.as_str()) && runner.is_some_and(|r| r.ends_with(&version)) {
        return Ok(());
    }
    say(&format!(
        "wasm-bindgen-cli {version} (must equal the wasm-bindgen crate in Cargo.lock; about 3 minutes)"
    ));
    // Not --locked: a transitive crate it locks is not served by the registry here.
    cmd::run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))
}

/// The `wasm-bindgen` version recorded in Cargo.lock.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line != "name = \"wasm-bindgen\"" {
            continue;
        }
        if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_owned())
}

fn ensure_wasm_opt() -> Result {
    let have = output(command("wasm-opt").arg("--version")).unwrap_or_default();
    if have.contains(&format!("version {BINARYEN_VERSION}")) {
        return Ok(());
    }
    say(&format!(
        "wasm-opt from npm binaryen@{BINARYEN_VERSION} (shrinks the wasm; Debian's binaryen is too old)"
    ));
    cmd::run(command("npm").args([
        "install",
        "--global",
        "--no-audit",
        "--no-fund",
        &format!("binaryen@{BINARYEN_VERSION}"),
    ]))
}

/// Chromium and chromedriver (and Hugo, for the shortcode's end-to-end test, and
/// Python's venv, for the pre-commit test's own environment), from Debian's packages
/// when running as root.
pub fn ensure_browser() -> Result<Tools> {
    let hugo = output(command("sh").args(["-c", "command -v hugo"])).is_some();
    // `python3 -m venv` needs ensurepip, which Debian ships in python3-venv.
    let venv = output(command("python3").args(["-c", "import ensurepip"])).is_some();
    if let (Some(tools), true, true) = (find_browser(), hugo, venv) {
        return Ok(tools);
    }
    let root = output(command("id").arg("-u")).as_deref() == Some("0");
    let apt = output(command("sh").args(["-c", "command -v apt-get"])).is_some();
    if !(root && apt) {
        return Err(
            "the browser tests need Chromium, its driver and Hugo, the pre-commit test \
             Python's venv: install the packages `chromium`, `chromium-driver`, `hugo` and \
             `python3-venv` (Debian/Ubuntu: `sudo apt-get install chromium \
             chromium-driver hugo python3-venv`), then run this again"
                .to_owned(),
        );
    }
    say(
        "Chromium, chromedriver, Hugo and Python's venv from Debian (packages chromium, \
         chromium-driver, hugo, python3-venv)",
    );
    cmd::run(command("apt-get").args(["update", "-qq"]))?;
    cmd::run(
        command("apt-get")
            .args([
                "install",
                "-y",
                "-qq",
                "chromium",
                "chromium-driver",
                "hugo",
                "python3-venv",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    find_browser().ok_or_else(|| "apt-get ran but chromium/chromedriver are not on PATH".to_owned())
}

fn find_browser() -> Option<Tools> {
    let which = |name: &str| {
        output(command("sh").args(["-c", &format!("command -v {name}")])).map(PathBuf::from)
    };
    Some(Tools {
        chromedriver: which("chromedriver")?,
        chromium: which("chromium").or_else(|| which("chromium-browser"))?,
    })
}

/// The end-to-end suite's npm packages (playwright-core, axe-core), from its lock file.
pub fn ensure_e2e_packages() -> Result {
    ensure_npm_packages("tests/e2e", "the end-to-end suite's npm packages")
}

/// The npm packages of the folder `dir` (relative to the root), from its lock file;
/// nothing when `node_modules` is newer than the lock.
fn ensure_npm_packages(dir: &str, what: &str) -> Result {
    let path = cmd::root().join(dir);
    let modified = |file: &str| {
        std::fs::metadata(path.join(file))
            .and_then(|m| m.modified())
            .ok()
    };
    let installed = modified("node_modules/.package-lock.json");
    if installed.is_some() && installed >= modified("package-lock.json") {
        return Ok(());
    }
    say(&format!("{what} ({dir}/package-lock.json)"));
    cmd::run(command("npm").args(["ci", "--prefix", dir, "--no-audit", "--no-fund"]))
}

fn say(what: &str) {
    eprintln!("xtask: installing {what}");
}
