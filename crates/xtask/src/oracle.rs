//! The Go oracle (`tests/oracle`): kubectl's reading stages over the real Go
//! libraries, which `crates/pullpolicy/tests/read_oracle.rs` and the `read_diff` fuzz
//! target compare the reader with.
//!
//! It is built offline from Debian's packages (Debian 12: Go 1.19, go-yaml 2.4.0,
//! sigs.k8s.io/yaml 1.3.0, sigs.k8s.io/json, golang.org/x/text 0.7.0), in GOPATH mode
//! (`GO111MODULE=off`, `GOPATH=/usr/share/gocode`: where the `-dev` packages put their
//! sources), into `target/oracle/pullpolicy-oracle`.

use crate::cmd::{self, Result, command, output};
use std::path::{Path, PathBuf};

/// Debian's packages the oracle is built from.
pub const PACKAGES: [&str; 5] = [
    "golang-go",
    "golang-gopkg-yaml.v2-dev",
    "golang-k8s-sigs-yaml-dev",
    "golang-k8s-sigs-json-dev",
    "golang-golang-x-text-dev",
];

/// Where the packages put the sources the oracle imports.
const GOPATH: &str = "/usr/share/gocode";
const SOURCES: [&str; 4] = [
    "src/gopkg.in/yaml.v2/decode.go",
    "src/sigs.k8s.io/yaml/yaml.go",
    "src/sigs.k8s.io/json/json.go",
    "src/golang.org/x/text/encoding/unicode/override.go",
];

/// The oracle binary.
pub fn binary() -> PathBuf {
    cmd::root().join("target/oracle/pullpolicy-oracle")
}

/// Installs the packages when missing (as root, with apt) and builds the oracle when
/// its source is newer than the binary.
pub fn ensure() -> Result {
    if !installed() {
        install()?;
    }
    let source = cmd::root().join("tests/oracle");
    let out = binary();
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let newest_source = [
        "main.go",
        "v1/zz_generated.go",
        "v1alpha3/zz_generated.go",
        "types/zz_generated.go",
        "own/own.go",
        "own/names.go",
        "own/values.go",
        "metav1/selector.go",
    ]
    .iter()
    .filter_map(|f| modified(&source.join(f)))
    .max();
    if modified(&out).is_some() && modified(&out) >= newest_source {
        return Ok(());
    }
    eprintln!("xtask: building the Go oracle (tests/oracle → target/oracle/)");
    let cache = cmd::root().join("target/oracle/gocache");
    std::fs::create_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    cmd::run(
        command("go")
            .current_dir(&source)
            .args(["build", "-o"])
            .arg(&out)
            .arg(".")
            .env("GOPATH", GOPATH)
            .env("GO111MODULE", "off")
            .env("GOFLAGS", "")
            .env("GOPROXY", "off")
            .env("GOCACHE", &cache),
    )
}

fn installed() -> bool {
    output(command("sh").args(["-c", "command -v go"])).is_some()
        && SOURCES.iter().all(|s| Path::new(GOPATH).join(s).exists())
}

fn install() -> Result {
    let root = output(command("id").arg("-u")).as_deref() == Some("0");
    let apt = output(command("sh").args(["-c", "command -v apt-get"])).is_some();
    let list = PACKAGES.join(" ");
    if !(root && apt) {
        return Err(format!(
            "the Go oracle of the reading tests needs Go and the Go libraries kubectl reads \
             with: install the Debian packages {list} (`sudo apt-get install {list}`), then \
             run this again"
        ));
    }
    eprintln!("xtask: installing the Go oracle's libraries from Debian ({list})");
    cmd::run(command("apt-get").args(["update", "-qq"]))?;
    cmd::run(
        command("apt-get")
            .args(["install", "-y", "-qq"])
            .args(PACKAGES)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    if installed() {
        Ok(())
    } else {
        Err(format!(
            "apt-get ran but Go or the sources under {GOPATH} are missing"
        ))
    }
}
