//! `cargo xtask serve`: the release site on 127.0.0.1, rebuilt on change.

use crate::cmd::{self, Result};
use crate::{dist, flag_value, tools};

/// Installs what is missing, builds the release site and serves it (Trunk watches the
/// sources and rebuilds on change).
pub fn run(args: &[String]) -> Result {
    let port = flag_value(args, "--port").unwrap_or("8080");
    port.parse::<u16>()
        .map_err(|_| format!("--port takes a port number, not {port:?}"))?;
    tools::ensure_site_tools()?;
    println!("pullpolicy: serving the release build at http://127.0.0.1:{port}/ (Ctrl+C stops)");
    cmd::run(dist::trunk().args([
        "serve",
        "--release",
        "--no-autoreload",
        "--address",
        "127.0.0.1",
        "--port",
        port,
    ]))
}
