//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use crate::cmd::{self, Result};
use crate::{dist, size, tools};
use std::time::Instant;

/// The crates that are compiled to wasm32, tests included. The core is compiled to
/// wasm32 too, as a library: its tests and benches are native (criterion and proptest
/// do not build for wasm32).
const WASM_CRATES: [&str; 2] = ["pullpolicy_wasm", "pullpolicy_web"];

/// Runs every check; stops at the first failure.
pub fn run(_args: &[String]) -> Result {
    let started = Instant::now();
    let tools = step("install what is missing", tools::ensure_all)?;
    step("cargo fmt --check", || {
        cmd::run(cmd::cargo().args(["fmt", "--all", "--check"]))
    })?;
    step("clippy (native)", || {
        cmd::run(cmd::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("clippy (wasm32)", || {
        let wasm = ["clippy", "--target", "wasm32-unknown-unknown", "--quiet"];
        let core = ["-p", "pullpolicy", "--lib", "--", "-D", "warnings"];
        cmd::run(cmd::cargo().args(wasm).args(core))?;
        let mut clippy = cmd::cargo();
        clippy
            .args(wasm)
            .arg("--all-targets")
            .args(["--features", "pullpolicy_wasm/diagnose"]);
        for krate in WASM_CRATES {
            clippy.args(["-p", krate]);
        }
        cmd::run(clippy.args(["--", "-D", "warnings"]))
    })?;
    step("cargo test --workspace", || {
        cmd::run(cmd::cargo().args(["test", "--workspace"]))
    })?;
    step("wasm-bindgen-test in headless Chromium", || {
        cmd::run(
            cmd::cargo()
                .args(["test", "--target", "wasm32-unknown-unknown"])
                .args(["-p", "pullpolicy_wasm", "-p", "pullpolicy_web"])
                // Both npm modules' APIs (see crates/pullpolicy_wasm/Cargo.toml).
                .args(["--features", "pullpolicy_wasm/diagnose"])
                .env("CHROMEDRIVER", &tools.chromedriver)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
        )
    })?;
    step("cargo xtask dist", || {
        dist::build_site()?;
        size::check_budget(size::print_table(&cmd::root().join("dist"))?)
    })?;
    step("end-to-end in headless Chromium", || {
        cmd::run(
            cmd::command("node")
                .args(["--test", "--test-concurrency=1", "tests/e2e/"])
                .env("PULLPOLICY_DIST", cmd::root().join("dist"))
                .env("PULLPOLICY_CHROMIUM", &tools.chromium),
        )
    })?;
    eprintln!(
        "xtask: all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("\n=== {name}");
    let started = Instant::now();
    let out = f().map_err(|e| format!("{name}: {e}"))?;
    eprintln!("=== {name}: ok in {:.1} s", started.elapsed().as_secs_f64());
    Ok(out)
}
