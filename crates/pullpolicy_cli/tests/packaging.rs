//! Where people run the binary: as the kubectl plugin `kubectl pullpolicy` (the binary
//! installed as `kubectl-pullpolicy`), with shell completions and manual pages generated
//! from its clap definition. Expected flags, subcommands, FAQ ids and Kubernetes versions
//! are read from the binary's own help, FAQ and error messages, not written here.
//!
//! The slow packaging checks (`cargo install`, the pre-commit hooks) are in `install.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const SUBCOMMANDS: [&str; 5] = ["explain", "diagnose", "faq", "completions", "man"];
const FIXTURES: [&str; 4] = ["web.yaml", "invalid.yaml", "cronjob.json", "rollout.yaml"];
const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn pullpolicy_exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pullpolicy"))
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("packaging-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// A directory holding the binary under the name kubectl looks for on `PATH`: a hard
/// link (a copy across file systems). A copy written while another test thread starts a
/// process could not be run at once ("Text file busy": the child holds the open file
/// until it executes).
fn plugin_dir(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let plugin = dir.join(format!(
        "kubectl-pullpolicy{}",
        std::env::consts::EXE_SUFFIX
    ));
    if std::fs::hard_link(pullpolicy_exe(), &plugin).is_err() {
        std::fs::copy(pullpolicy_exe(), &plugin).expect("copy the binary");
    }
    (dir, plugin)
}

#[derive(Debug, PartialEq, Eq)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `program args…` from `tests/data`, without colour settings from the environment.
fn run(program: &Path, args: &[&str]) -> Out {
    run_with(Command::new(program).args(args))
}

fn run_with(cmd: &mut Command) -> Out {
    let out = cmd
        .current_dir(data())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    Out {
        code: out.status.code().expect("an exit status"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 output"),
    }
}

fn pullpolicy(args: &[&str]) -> Out {
    run(&pullpolicy_exe(), args)
}

/// Mentions of a subcommand after `pullpolicy ` that kubectl would not run: not
/// preceded by `kubectl `.
fn bare_mentions(text: &str) -> Vec<String> {
    let mut bare = Vec::new();
    for (at, _) in text.match_indices("pullpolicy ") {
        let rest = &text[at + "pullpolicy ".len()..];
        let names_a_subcommand = SUBCOMMANDS.iter().any(|s| rest.starts_with(s));
        if names_a_subcommand && !text[..at].ends_with("kubectl ") {
            let line = text[..at].rsplit('\n').next().unwrap_or_default();
            bare.push(format!("{line}{}", rest.lines().next().unwrap_or_default()));
        }
    }
    bare
}

/// The long options a subcommand's `--help` lists (`--format`, …), `--help` and
/// `--version` left out.
fn long_options(subcommand: &str) -> BTreeSet<String> {
    let help = pullpolicy(&[subcommand, "--help"]);
    assert_eq!(help.code, 0, "{help:?}");
    help.stdout
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix('-').and_then(|l| {
                l.strip_prefix('-')
                    .or_else(|| l.get(1..).and_then(|l| l.strip_prefix(", --")))
            })?;
            let name: String = l
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            (!name.is_empty() && name != "help" && name != "version").then_some(name)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The kubectl plugin.

#[test]
fn the_plugin_says_kubectl_pullpolicy_in_usage_help_and_errors() {
    let (_dir, plugin) = plugin_dir("plugin-help");

    // No subcommand: the help on standard error, status 2 (as `pullpolicy` does).
    let bare = run(&plugin, &[]);
    assert_eq!(bare.code, 2);
    assert!(
        bare.stderr.contains("Usage: kubectl pullpolicy <COMMAND>"),
        "{}",
        bare.stderr
    );

    let main = run(&plugin, &["--help"]);
    assert_eq!(main.code, 0);
    assert!(main.stdout.contains("Usage: kubectl pullpolicy <COMMAND>"));
    assert!(
        main.stdout
            .contains("\n  kubectl pullpolicy explain deploy.yaml "),
        "{}",
        main.stdout
    );
    assert_eq!(bare_mentions(&main.stdout), Vec::<String>::new());
    // The same help as `pullpolicy`, which never says `kubectl pullpolicy <subcommand>`.
    let direct = pullpolicy(&["--help"]);
    assert!(direct.stdout.contains("Usage: pullpolicy <COMMAND>"));
    assert!(
        direct
            .stdout
            .contains("\n  pullpolicy explain deploy.yaml ")
    );

    for sub in SUBCOMMANDS {
        let help = run(&plugin, &[sub, "--help"]);
        assert_eq!(help.code, 0, "{sub}: {help:?}");
        assert!(
            help.stdout
                .contains(&format!("Usage: kubectl pullpolicy {sub} ")),
            "{sub}: {}",
            help.stdout
        );
        assert_eq!(bare_mentions(&help.stdout), Vec::<String>::new(), "{sub}");
        let direct = pullpolicy(&[sub, "--help"]);
        assert!(direct.stdout.contains(&format!("Usage: pullpolicy {sub} ")));
        assert!(!direct.stdout.contains("kubectl pullpolicy "), "{sub}");
        // The same options either way.
        assert_eq!(
            help.stdout.lines().filter(|l| l.contains("  --")).count(),
            direct.stdout.lines().filter(|l| l.contains("  --")).count(),
            "{sub}"
        );
    }

    // clap's errors show the plugin's usage line.
    let wrong = run(&plugin, &["explain", "--bogus", "web.yaml"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong
            .stderr
            .contains("Usage: kubectl pullpolicy explain [OPTIONS] [PATH|-]..."),
        "{}",
        wrong.stderr
    );
    // And the FAQ's own words.
    let unknown = run(&plugin, &["faq", "no-such-entry"]);
    assert_eq!(
        (
            unknown.code,
            unknown.stderr.as_str(),
            unknown.stdout.as_str()
        ),
        (
            2,
            "error: no FAQ entry has the id \"no-such-entry\"; `kubectl pullpolicy faq` lists them\n",
            ""
        )
    );
    let list = run(&plugin, &["faq"]);
    assert_eq!(
        list.stdout.lines().last(),
        Some("`kubectl pullpolicy faq ID` prints an answer; `--all` prints them all.")
    );
    // The version names the tool.
    assert_eq!(
        run(&plugin, &["--version"]).stdout,
        format!("pullpolicy {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_plugin_explains_as_pullpolicy_does() {
    let (_dir, plugin) = plugin_dir("plugin-explain");
    for format in ["json", "sarif", "markdown", "html"] {
        let mut args = vec!["explain", "--format", format];
        args.extend(FIXTURES);
        let direct = pullpolicy(&args);
        assert_eq!(direct.code, 1, "{format}: {}", direct.stderr);
        assert_eq!(run(&plugin, &args), direct, "{format}");
    }
    // The human format points to the FAQ with the command that runs it.
    let mut args = vec!["explain"];
    args.extend(FIXTURES);
    let direct = pullpolicy(&args);
    assert!(direct.stdout.contains("  faq: pullpolicy faq "));
    let expected = Out {
        stdout: direct
            .stdout
            .replace("  faq: pullpolicy faq ", "  faq: kubectl pullpolicy faq "),
        ..direct
    };
    assert_eq!(run(&plugin, &args), expected);
    // Standard input too.
    let manifest = std::fs::read_to_string(data().join("invalid.yaml")).expect("fixture");
    let from_stdin = |program: &Path| {
        use std::io::Write;
        let mut child = Command::new(program)
            .args(["explain", "--format", "json", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(manifest.as_bytes())
            .expect("written");
        let out = child.wait_with_output().expect("runs");
        (out.status.code(), out.stdout)
    };
    let direct = from_stdin(&pullpolicy_exe());
    assert_eq!(direct.0, Some(1));
    assert_eq!(from_stdin(&plugin), direct);
}

/// krew installs the plugin as a symbolic link named `kubectl-pullpolicy`.
#[cfg(unix)]
#[test]
fn a_symbolic_link_named_kubectl_pullpolicy_is_the_plugin() {
    let dir = scratch("plugin-link");
    let link = dir.join("kubectl-pullpolicy");
    std::os::unix::fs::symlink(pullpolicy_exe(), &link).expect("symlink");
    let wrong = run(&link, &["faq", "--bogus"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("Usage: kubectl pullpolicy faq "),
        "{}",
        wrong.stderr
    );
    // Any other name is `pullpolicy`.
    let other = dir.join("pp");
    std::os::unix::fs::symlink(pullpolicy_exe(), &other).expect("symlink");
    let wrong = run(&other, &["faq", "--bogus"]);
    assert!(
        wrong.stderr.contains("Usage: pullpolicy faq "),
        "{}",
        wrong.stderr
    );
}

/// `which kubectl`.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)))
        .find(|p| p.is_file())
}

/// kubectl finds `kubectl-pullpolicy` on `PATH` and runs it for `kubectl pullpolicy …`
/// (no cluster is needed). Skipped, with a message, where kubectl is not installed.
#[test]
fn kubectl_runs_the_plugin_from_path() {
    let Some(kubectl) = find_on_path("kubectl") else {
        eprintln!(
            "SKIPPED kubectl_runs_the_plugin_from_path: no kubectl on PATH \
             (Debian: apt-get install kubernetes-client)"
        );
        return;
    };
    let (dir, plugin) = plugin_dir("plugin-kubectl");
    let path = std::env::join_paths(std::iter::once(dir.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let kubectl_with = |args: &[&str]| {
        run_with(
            Command::new(&kubectl)
                .args(args)
                .env("PATH", &path)
                .env("KUBECONFIG", dir.join("no-kubeconfig")),
        )
    };

    let list = kubectl_with(&["plugin", "list"]);
    assert!(
        list.stdout.contains(&plugin.display().to_string()),
        "kubectl plugin list: {list:?}"
    );
    let args = ["explain", "--format", "json", "web.yaml", "invalid.yaml"];
    let direct = pullpolicy(&args);
    let mut via_kubectl = vec!["pullpolicy"];
    via_kubectl.extend(args);
    assert_eq!(kubectl_with(&via_kubectl), direct);

    let wrong = kubectl_with(&["pullpolicy", "explain", "--bogus"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong
            .stderr
            .contains("Usage: kubectl pullpolicy explain [OPTIONS] [PATH|-]..."),
        "{wrong:?}"
    );
    let help = kubectl_with(&["pullpolicy", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Usage: kubectl pullpolicy <COMMAND>"));
}

// ---------------------------------------------------------------------------------------
// Shell completions.

#[test]
fn completions_name_every_subcommand_and_option() {
    let mut options = BTreeSet::new();
    for sub in SUBCOMMANDS {
        options.extend(long_options(sub));
    }
    // What the help lists, at least these.
    for name in [
        "format",
        "fail-on",
        "kubernetes-version",
        "node-image",
        "all",
        "dir",
    ] {
        assert!(options.contains(name), "{name} in {options:?}");
    }
    for shell in SHELLS {
        let out = pullpolicy(&["completions", shell]);
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{shell}");
        let script = out.stdout;
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: {sub}");
        }
        for name in &options {
            let option = if shell == "fish" {
                format!("-l {name}")
            } else {
                format!("--{name}")
            };
            assert!(script.contains(&option), "{shell}: {option}");
        }
        // For the `pullpolicy` command, however the binary is run.
        assert!(!script.contains("kubectl"), "{shell}");
        let (_dir, plugin) = plugin_dir(&format!("completions-{shell}"));
        assert_eq!(run(&plugin, &["completions", shell]).stdout, script);
    }
    let wrong = pullpolicy(&["completions", "tcsh"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{}",
        wrong.stderr
    );
}

/// The versions `--kubernetes-version` accepts, from its own error message
/// ("supported versions are 1.28 to 1.36").
fn supported_versions() -> Vec<String> {
    let out = pullpolicy(&["explain", "--kubernetes-version", "1.0", "web.yaml"]);
    let range = out
        .stderr
        .split("supported versions are ")
        .nth(1)
        .and_then(|r| {
            r.split_whitespace()
                .collect::<Vec<_>>()
                .get(..3)
                .map(<[_]>::to_vec)
        })
        .unwrap_or_else(|| panic!("no range in {:?}", out.stderr));
    let minor = |v: &str| -> u32 {
        v.trim_end_matches(|c: char| !c.is_ascii_digit())
            .strip_prefix("1.")
            .and_then(|m| m.parse().ok())
            .unwrap_or_else(|| panic!("{v}"))
    };
    assert_eq!(range[1], "to");
    (minor(range[0])..=minor(range[2]))
        .map(|m| format!("1.{m}"))
        .collect()
}

/// Runs bash's completion function for the words typed (the last one being completed)
/// and returns what it offers.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _pullpolicy pullpolicy '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{program}\n{out:?}");
    let mut offered: Vec<String> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim_end().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    offered.sort();
    offered
}

#[test]
fn bash_completes_subcommands_options_versions_and_faq_ids() {
    let dir = scratch("bash-completion");
    let script = dir.join("pullpolicy.bash");
    std::fs::write(&script, pullpolicy(&["completions", "bash"]).stdout).expect("written");
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(syntax.status.success(), "{syntax:?}");

    assert_eq!(bash_complete(&script, &["pullpolicy", "ex"]), ["explain"]);
    assert_eq!(
        bash_complete(&script, &["pullpolicy", "co"]),
        ["completions"]
    );
    assert_eq!(
        bash_complete(&script, &["pullpolicy", "explain", "--reg"]),
        ["--registry"]
    );
    assert_eq!(
        bash_complete(&script, &["pullpolicy", "explain", "--format", ""]),
        ["html", "human", "json", "jsonl", "markdown", "sarif"]
    );
    assert_eq!(
        bash_complete(
            &script,
            &["pullpolicy", "explain", "--kubernetes-version", "1."]
        ),
        supported_versions()
    );
    assert_eq!(
        bash_complete(&script, &["pullpolicy", "completions", "z"]),
        ["zsh"]
    );
    assert_eq!(
        bash_complete(&script, &["pullpolicy", "man", "ex"]),
        ["explain"]
    );
    // Every FAQ id, from `pullpolicy faq --all --format json`.
    let faq: serde_json::Value =
        serde_json::from_str(&pullpolicy(&["faq", "--all", "--format", "json"]).stdout)
            .expect("JSON");
    let ids: Vec<&str> = faq
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| e["id"].as_str().expect("an id"))
        .collect();
    assert!(ids.len() > 5);
    let mut all = bash_complete(&script, &["pullpolicy", "faq", ""]);
    all.retain(|c| !c.starts_with('-'));
    let mut expected: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(all, expected);
    for id in ids {
        let prefix = &id[..id.len() - 1];
        let offered = bash_complete(&script, &["pullpolicy", "faq", prefix]);
        assert!(offered.iter().any(|o| o == id), "{prefix}: {offered:?}");
    }
}

/// The other shells check the syntax of their scripts where they are installed.
#[test]
fn zsh_and_fish_scripts_parse_where_those_shells_exist() {
    let dir = scratch("other-shells");
    for (shell, check) in [("zsh", ["-n"]), ("fish", ["--no-execute"])] {
        let Some(exe) = find_on_path(shell) else {
            eprintln!("SKIPPED the {shell} syntax check: no {shell} on PATH");
            continue;
        };
        let script = dir.join(shell);
        std::fs::write(&script, pullpolicy(&["completions", shell]).stdout).expect("written");
        let out = Command::new(exe)
            .args(check)
            .arg(&script)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}: {out:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Manual pages.

/// An option as roff writes it: `\-\-node\-image`.
fn roff_option(name: &str) -> String {
    format!("\\-\\-{}", name.replace('-', "\\-"))
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let page = pullpolicy(&["man"]);
    assert_eq!((page.code, page.stderr.as_str()), (0, ""));
    let roff = page.stdout;
    assert!(
        roff.starts_with(&format!(
            ".TH PULLPOLICY 1 \"\" \"pullpolicy {}\" \"User Commands\"\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{roff}"
    );
    for section in [
        ".SH NAME\n",
        ".SH SYNOPSIS\n",
        ".SH DESCRIPTION\n",
        ".SH OPTIONS\n",
        ".SH SUBCOMMANDS\n",
        ".SH EXAMPLES\n",
        ".SH \"SEE ALSO\"\n",
        ".SH VERSION\n",
    ] {
        assert!(roff.contains(section), "{section}");
    }
    for sub in SUBCOMMANDS {
        assert!(
            roff.contains(&format!(".TP\npullpolicy\\-{sub}(1)\n")),
            "{sub}"
        );
    }
    // A page per subcommand, with its options, examples and exit statuses.
    for sub in SUBCOMMANDS {
        let page = pullpolicy(&["man", sub]);
        assert_eq!(page.code, 0);
        let roff = page.stdout;
        assert!(
            roff.starts_with(&format!(".TH PULLPOLICY\\-{} 1 ", sub.to_uppercase())),
            "{sub}"
        );
        assert!(
            roff.contains(&format!(".SH SYNOPSIS\n\\fBpullpolicy {sub}\\fR ")),
            "{sub}"
        );
        for name in long_options(sub) {
            assert!(roff.contains(&roff_option(&name)), "{sub}: --{name}");
        }
        assert!(
            roff.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\n"),
            "{sub}"
        );
        assert!(roff.contains(".SH \"SEE ALSO\"\npullpolicy(1)\n"), "{sub}");
    }
    // The plugin prints the same pages.
    let (_dir, plugin) = plugin_dir("man-plugin");
    assert_eq!(run(&plugin, &["man"]).stdout, roff);
    let wrong = pullpolicy(&["man", "nonsense"]);
    assert_eq!(wrong.code, 2);
}

#[test]
fn man_dir_writes_every_page() {
    let dir = scratch("man-dir").join("man1");
    let dir_arg = dir.display().to_string();
    let out = pullpolicy(&["man", "--dir", &dir_arg]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let mut expected = vec![("pullpolicy.1".to_owned(), pullpolicy(&["man"]).stdout)];
    for sub in SUBCOMMANDS {
        expected.push((
            format!("pullpolicy-{sub}.1"),
            pullpolicy(&["man", sub]).stdout,
        ));
    }
    let listed: Vec<String> = out.stdout.lines().map(str::to_owned).collect();
    let paths: Vec<String> = expected
        .iter()
        .map(|(name, _)| dir.join(name).display().to_string())
        .collect();
    assert_eq!(listed, paths);
    for (name, roff) in &expected {
        assert_eq!(
            &std::fs::read_to_string(dir.join(name)).expect("a page"),
            roff,
            "{name}"
        );
    }
    // A file where the directory should be: a message and status 2.
    let file = scratch("man-dir-file").join("file");
    std::fs::write(&file, "").expect("written");
    let file_arg = file.display().to_string();
    let out = pullpolicy(&["man", "--dir", &file_arg]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with(&format!("pullpolicy: cannot write {file_arg}: ")),
        "{}",
        out.stderr
    );
}

/// groff renders every page without a warning (`-ww`), and the text (whitespace
/// collapsed, hyphenation off) has the sections, subcommands and options. Skipped, with a
/// message, where groff is not installed.
#[test]
fn the_man_pages_render_with_groff() {
    let Some(groff) = find_on_path("groff") else {
        eprintln!("SKIPPED the_man_pages_render_with_groff: no groff on PATH (Debian: groff-base)");
        return;
    };
    let dir = scratch("man-render");
    let dir_arg = dir.display().to_string();
    assert_eq!(pullpolicy(&["man", "--dir", &dir_arg]).code, 0);
    let render = |name: &str| {
        let out = Command::new(&groff)
            .args([
                "-man",
                "-Tutf8",
                "-ww",
                "-P",
                "-cbou",
                "-rLL=100n",
                "-rHY=0",
            ])
            .arg(dir.join(name))
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("groff runs");
        assert!(out.status.success(), "{name}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{name}: warnings");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let main = render("pullpolicy.1");
    for text in [
        "PULLPOLICY(1)",
        "User Commands",
        "SYNOPSIS",
        "pullpolicy [-h|--help] [-V|--version] <subcommands>",
        "SUBCOMMANDS",
        "EXAMPLES pullpolicy explain deploy.yaml a table and findings",
        "SEE ALSO",
    ] {
        assert!(main.contains(text), "{text} in\n{main}");
    }
    for sub in SUBCOMMANDS {
        assert!(main.contains(&format!("pullpolicy-{sub}(1)")), "{sub}");
        let page = render(&format!("pullpolicy-{sub}.1"));
        assert!(
            page.contains(&format!("NAME pullpolicy-{sub} - ")),
            "{sub}:\n{page}"
        );
        assert!(page.contains("EXIT STATUS 0 "), "{sub}");
        for name in long_options(sub) {
            assert!(
                page.contains(&format!("--{name}")),
                "{sub}: --{name}\n{page}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The krew manifest template.

/// `@NAME@` placeholders of a template, in order of first appearance.
fn placeholders(template: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('@') {
        let after = &rest[start + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('@') {
            let name = after[..len].to_owned();
            if !found.contains(&name) {
                found.push(name);
            }
            rest = &after[len + 1..];
        } else {
            rest = after;
        }
    }
    found
}

#[test]
fn the_krew_manifest_template_fills_into_a_plugin_manifest() {
    let template =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("krew/pullpolicy.yaml"))
            .expect("the template");
    let names = placeholders(&template);
    assert_eq!(names[0], "VERSION");
    let shas: Vec<&String> = names[1..].iter().collect();
    assert!(shas.iter().all(|n| n.starts_with("SHA256_")), "{names:?}");

    // Filled as the release does (krew/README.md): a version, a digest per archive.
    let mut filled = template.replace("@VERSION@", "1.2.3");
    let mut digests = Vec::new();
    for (i, name) in shas.iter().enumerate() {
        let digest = format!("{:064x}", i + 1);
        filled = filled.replace(&format!("@{name}@"), &digest);
        digests.push(digest);
    }
    assert!(
        placeholders(&filled).is_empty(),
        "left: {:?}",
        placeholders(&filled)
    );

    let manifest: serde_yaml::Value = serde_yaml::from_str(&filled).expect("YAML");
    assert_eq!(
        manifest["apiVersion"],
        "krew.googlecontainertools.github.com/v1alpha2"
    );
    assert_eq!(manifest["kind"], "Plugin");
    let spec = &manifest["spec"];
    assert_eq!(spec["version"], "v1.2.3");
    let short = spec["shortDescription"].as_str().expect("shortDescription");
    assert!(short.len() <= 50, "{short}");
    assert!(
        spec["description"]
            .as_str()
            .is_some_and(|d| d.contains("kubectl pullpolicy explain"))
    );
    let platforms = spec["platforms"].as_sequence().expect("platforms");
    assert_eq!(platforms.len(), shas.len());
    let mut seen = BTreeSet::new();
    for (platform, digest) in platforms.iter().zip(&digests) {
        let labels = &platform["selector"]["matchLabels"];
        let os = labels["os"].as_str().expect("os");
        let arch = labels["arch"].as_str().expect("arch");
        assert!(["linux", "darwin", "windows"].contains(&os), "{os}");
        assert!(["amd64", "arm64"].contains(&arch), "{arch}");
        assert!(seen.insert((os, arch)), "{os}/{arch} twice");
        // Each platform's own digest placeholder, in order.
        assert_eq!(
            platform["sha256"].as_str(),
            Some(digest.as_str()),
            "{os}/{arch}"
        );
        let uri = platform["uri"].as_str().expect("uri");
        let archive = if os == "windows" { ".zip" } else { ".tar.gz" };
        assert!(
            uri.starts_with("https://github.com/pullpolicy/pullpolicy/releases/download/v1.2.3/pullpolicy-v1.2.3-")
                && uri.ends_with(archive),
            "{uri}"
        );
        let bin = platform["bin"].as_str().expect("bin");
        assert_eq!(
            bin,
            if os == "windows" {
                "pullpolicy.exe"
            } else {
                "pullpolicy"
            }
        );
        let files = platform["files"].as_sequence().expect("files");
        assert!(
            files.iter().any(|f| f["from"] == bin),
            "{os}/{arch}: {bin} is copied"
        );
    }

    // krew links the binary as kubectl-<metadata.name>: under that name it is the plugin.
    let name = manifest["metadata"]["name"].as_str().expect("a name");
    let dir = scratch("krew-name");
    let plugin = dir.join(format!("kubectl-{name}{}", std::env::consts::EXE_SUFFIX));
    if std::fs::hard_link(pullpolicy_exe(), &plugin).is_err() {
        std::fs::copy(pullpolicy_exe(), &plugin).expect("copy the binary");
    }
    assert!(
        run(&plugin, &["--help"])
            .stdout
            .contains("Usage: kubectl pullpolicy <COMMAND>")
    );
}
