//! `cargo xtask dist`: the release site in `dist/`, and its size table.

use crate::cmd::{self, Result};
use crate::{size, tools};

/// Builds `dist/` and prints the size table.
pub fn run(_args: &[String]) -> Result {
    tools::ensure_site_tools()?;
    build_site()?;
    size::print_table(&cmd::root().join("dist"))
}

/// `trunk build --release`, offline, into `dist/`.
pub fn build_site() -> Result {
    cmd::run(trunk().args(["build", "--release", "--dist", "dist"]))
}

/// Trunk, never touching the network.
pub fn trunk() -> std::process::Command {
    let mut trunk = cmd::command("trunk");
    // Trunk parses NO_COLOR as a boolean: "1" is refused, "true" works.
    trunk.env("TRUNK_OFFLINE", "true").env("NO_COLOR", "true");
    trunk
}
