//! Installing pullpolicy the documented ways, the slow packaging checks (each builds the
//! CLI in the `cli` profile): `cargo install --path crates/pullpolicy_cli` into a
//! temporary root, and the repository's pre-commit hooks (`.pre-commit-hooks.yaml`) run by
//! `pre-commit try-repo` from PyPI's pre-commit (pinned, in a venv under the target
//! directory) on a temporary repository with good and bad manifests.
//!
//! They run in CI (`CI` set, as CI services and `.ci/run` do) or with
//! `PULLPOLICY_PACKAGING_TESTS=1`, and otherwise say they were skipped: a first run
//! costs about two minutes (see the crate's README). Both build into one cargo target
//! directory of their own under the target directory, in turn: its dependencies are
//! compiled once and kept between runs, and the test binaries in `target/debug` that
//! other tests run are never rebuilt under them.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

/// PyPI's pre-commit, pinned.
const PRE_COMMIT_VERSION: &str = "4.7.0";

fn enabled(test: &str) -> bool {
    let set =
        |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    let on = set("CI") || set("PULLPOLICY_PACKAGING_TESTS");
    if !on {
        eprintln!(
            "SKIPPED {test}: slow (it builds pullpolicy); runs in CI (CI=true) or with \
             PULLPOLICY_PACKAGING_TESTS=1"
        );
    }
    on
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Kept between runs: the cargo target directory of these tests, the pre-commit venv.
fn kept(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("packaging")
        .join(name)
}

/// A fresh scratch directory.
fn scratch(name: &str) -> PathBuf {
    let dir = kept("scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// One build at a time in the shared target directory: cargo would wait for its lock
/// anyway, but an install copies the binary out after releasing it.
fn cargo_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(PoisonError::into_inner)
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env("CARGO_TARGET_DIR", kept("cargo-target"));
    cmd
}

#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn took(what: &str, since: Instant) {
    eprintln!("{what}: {:.1} s", since.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------------------
// cargo install.

#[test]
fn cargo_install_puts_a_working_pullpolicy_in_the_root() {
    if !enabled("cargo_install_puts_a_working_pullpolicy_in_the_root") {
        return;
    }
    let root = scratch("install-root");
    let crate_dir = workspace().join("crates/pullpolicy_cli");
    let _lock = cargo_lock();
    let started = Instant::now();
    // The command the READMEs give, with a temporary --root.
    let install = run(cargo()
        .args(["install", "--locked", "--profile", "cli", "--path"])
        .arg(&crate_dir)
        .arg("--root")
        .arg(&root));
    took("cargo install", started);
    assert_eq!(install.code, 0, "{install:?}");

    let bin = root.join("bin/pullpolicy");
    let version = run(Command::new(&bin).arg("--version"));
    assert_eq!(
        (version.code, version.stdout.as_str()),
        (
            0,
            format!("pullpolicy {}\n", env!("CARGO_PKG_VERSION")).as_str()
        )
    );
    // It explains as the tested binary does.
    let args = ["explain", "--format", "json", "web.yaml", "invalid.yaml"];
    let data = crate_dir.join("tests/data");
    let installed = run(Command::new(&bin).args(args).current_dir(&data));
    let tested = run(Command::new(env!("CARGO_BIN_EXE_pullpolicy"))
        .args(args)
        .current_dir(&data));
    assert_eq!(installed.code, 1, "{installed:?}");
    assert_eq!(
        (installed.code, &installed.stdout, &installed.stderr),
        (tested.code, &tested.stdout, &tested.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// pre-commit.

/// A venv with PyPI's pre-commit at the pinned version; returns its `pre-commit`.
fn pre_commit() -> PathBuf {
    let venv = kept(&format!("pre-commit-{PRE_COMMIT_VERSION}"));
    let exe = venv.join("bin/pre-commit");
    let wanted = format!("pre-commit {PRE_COMMIT_VERSION}\n");
    if Command::new(&exe)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.stdout == wanted.as_bytes())
    {
        return exe;
    }
    let _ = std::fs::remove_dir_all(&venv);
    let created = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    assert_eq!(
        created.code, 0,
        "python3 -m venv (Debian: apt-get install python3 python3-venv): {created:?}"
    );
    let installed = run(Command::new(venv.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("pre-commit=={PRE_COMMIT_VERSION}")));
    assert_eq!(installed.code, 0, "pip install pre-commit: {installed:?}");
    exe
}

/// Each hook's result in pre-commit's output: its status (`Passed`, from the line
/// `pullpolicy explain......Passed`) and what follows, up to the next hook.
fn hook_results(out: &Out) -> Vec<(&str, &str)> {
    let hook_line = "\npullpolicy explain.";
    let mut results = Vec::new();
    let mut rest = out.stdout.as_str();
    while let Some(at) = rest.find(hook_line) {
        let (line, after) = rest[at + 1..]
            .split_once('\n')
            .unwrap_or((&rest[at + 1..], ""));
        let status = line["pullpolicy explain".len()..].trim_start_matches('.');
        let end = after.find(hook_line).map_or(after.len(), |n| n + 1);
        results.push((status, &after[..end]));
        rest = &after[end.saturating_sub(1)..];
    }
    assert!(!results.is_empty(), "no hook ran: {out:?}");
    results
}

const GOOD: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27.3
        imagePullPolicy: IfNotPresent
";

const BAD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
    image: nginx:1.27.3
    imagePullPolicy: always
";

/// A Helm template, not YAML until rendered.
const TEMPLATE: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers:
  - name: app
    image: {{ .Values.image }}
";

#[test]
fn pre_commit_hooks_pass_good_manifests_and_fail_bad_ones() {
    if !enabled("pre_commit_hooks_pass_good_manifests_and_fail_bad_ones") {
        return;
    }
    let started = Instant::now();
    let pre_commit = pre_commit();
    took("pre-commit venv", started);

    // The user's repository.
    let repo = scratch("pre-commit-repo");
    let files = [
        ("good.yaml", GOOD),
        ("bad.yaml", BAD),
        ("chart/templates/pod.yaml", TEMPLATE),
        ("notes.json", "{\"not\": \"yaml\"}\n"),
    ];
    for (name, text) in files {
        let path = repo.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directory");
        std::fs::write(path, text).expect("written");
    }
    let git = |args: &[&str]| {
        let out = run(Command::new("git").args(args).current_dir(&repo));
        assert_eq!(out.code, 0, "git {args:?}: {out:?}");
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);

    // `pullpolicy-system` runs the pullpolicy on PATH: the tested binary.
    let bin = scratch("pre-commit-path");
    std::fs::hard_link(env!("CARGO_BIN_EXE_pullpolicy"), bin.join("pullpolicy"))
        .or_else(|_| {
            std::fs::copy(env!("CARGO_BIN_EXE_pullpolicy"), bin.join("pullpolicy")).map(drop)
        })
        .expect("pullpolicy on PATH");
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let home = scratch("pre-commit-home");
    // `pre-commit try-repo <this repository> [HOOK] ARGS…` (every hook when HOOK is "").
    let try_repo = |hook: &str, args: &[&str]| {
        let started = Instant::now();
        let out = run(Command::new(&pre_commit)
            .args(["try-repo", "--color", "never"])
            .arg(workspace())
            .args(Some(hook).filter(|h| !h.is_empty()))
            .args(args)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", &home)
            .env("CARGO_TARGET_DIR", kept("cargo-target"))
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE"));
        took(&format!("pre-commit try-repo {hook} {args:?}"), started);
        out
    };
    // What `pullpolicy explain FILE…` prints in the repository.
    let direct = |files: &[&str]| {
        let out = run(Command::new(env!("CARGO_BIN_EXE_pullpolicy"))
            .arg("explain")
            .args(files)
            .current_dir(&repo)
            .env_remove("CLICOLOR_FORCE"));
        (out.code, out.stdout, out.stderr)
    };

    // A good manifest passes (shown with --verbose); only YAML files reach the hook.
    let good = try_repo(
        "pullpolicy-system",
        &["--verbose", "--files", "good.yaml", "notes.json"],
    );
    assert_eq!(good.code, 0, "{good:?}");
    let (code, stdout, stderr) = direct(&["good.yaml"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.ends_with("1 entry in 1 file: 0 errors, 0 warnings, 1 info\n"),
        "{stdout}"
    );
    let results = hook_results(&good);
    assert_eq!(results.len(), 1);
    let (status, output) = results[0];
    assert_eq!(status, "Passed");
    assert!(
        output.starts_with("- hook id: pullpolicy-system\n- duration: "),
        "{output}"
    );
    assert!(
        output.contains(stdout.trim_end()),
        "{output}\n---\n{stdout}"
    );

    // Both hooks (`pullpolicy` builds the CLI from the repository's checkout with cargo)
    // fail a commit with an error finding and an unrendered Helm template, which cannot
    // be read (status 2).
    let _lock = cargo_lock();
    let files = [
        "good.yaml",
        "bad.yaml",
        "chart/templates/pod.yaml",
        "notes.json",
    ];
    let mut args = vec!["--files"];
    args.extend(files);
    let bad = try_repo("", &args);
    assert_eq!(bad.code, 1, "{bad:?}");
    let (code, stdout, stderr) = direct(&files[..3]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("bad.yaml:9:22: error[invalid-pull-policy]: "),
        "{stdout}"
    );
    assert!(
        !stdout
            .lines()
            .any(|l| l.starts_with("good.yaml:") && l.contains(": error")),
        "{stdout}"
    );
    assert!(
        // kubectl's own words: go-yaml cannot use `{{ .Release.Name }}` (a mapping) as a key.
        stderr.starts_with("chart/templates/pod.yaml:4:10: error: error converting YAML to JSON: yaml: invalid map key: "),
        "{stderr}"
    );
    let results = hook_results(&bad);
    assert_eq!(results.len(), 2, "{bad:?}");
    for ((status, output), hook) in results.into_iter().zip(["pullpolicy", "pullpolicy-system"]) {
        assert_eq!(status, "Failed", "{hook}");
        assert!(
            output.starts_with(&format!("- hook id: {hook}\n- exit code: 2\n\n")),
            "{hook}: {output}"
        );
        assert!(
            output.contains(stderr.trim_end()),
            "{hook}: {output}\n---\n{stderr}"
        );
        assert!(
            output.contains(stdout.trim_end()),
            "{hook}: {output}\n---\n{stdout}"
        );
    }
}
