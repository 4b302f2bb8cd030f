//! How the binary was run: as `pullpolicy`, or by kubectl as the plugin
//! `kubectl-pullpolicy` (`kubectl pullpolicy …`). Usage lines, help, clap's errors and the
//! commands the output suggests (`pullpolicy faq <id>`) name it the way it was run, so
//! that what they suggest can be typed as it is.
//!
//! kubectl runs a plugin by executing the file `kubectl-<name>` it found on `PATH` with
//! that path as `argv[0]` (`execve` on Unix, a child process on Windows; krew installs a
//! link of that name), so the file name of `argv[0]` tells the two apart.

use std::cell::Cell;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::OnceLock;

/// The name the binary was run by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `pullpolicy` (or any other file name).
    Pullpolicy,
    /// `kubectl-pullpolicy`, run by kubectl as `kubectl pullpolicy`.
    KubectlPlugin,
}

impl Program {
    /// The file name kubectl looks for on `PATH` (with `.exe` on Windows).
    pub const PLUGIN_FILE: &'static str = "kubectl-pullpolicy";

    /// The program that `argv[0]` names.
    pub fn from_argv0(argv0: Option<&OsStr>) -> Program {
        let name = argv0
            .and_then(|a| Path::new(a).file_name())
            .and_then(OsStr::to_str)
            .unwrap_or_default();
        let stem = match name.len().checked_sub(4) {
            Some(at) if name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(".exe") => {
                &name[..at]
            }
            _ => name,
        };
        if stem.eq_ignore_ascii_case(Self::PLUGIN_FILE) {
            Program::KubectlPlugin
        } else {
            Program::Pullpolicy
        }
    }

    /// The command as a user types it.
    pub fn command(self) -> &'static str {
        match self {
            Program::Pullpolicy => "pullpolicy",
            Program::KubectlPlugin => "kubectl pullpolicy",
        }
    }
}

static INVOKED: OnceLock<Program> = OnceLock::new();

thread_local! {
    static FORCED: Cell<Option<Program>> = const { Cell::new(None) };
}

/// How this process was run (`argv[0]`), unless [`as_if`] says otherwise on this thread.
pub fn current() -> Program {
    FORCED.get().unwrap_or_else(|| {
        *INVOKED.get_or_init(|| Program::from_argv0(std::env::args_os().next().as_deref()))
    })
}

/// `f()` with [`current`] returning `program` on this thread: the shell completions and
/// the manual pages describe the `pullpolicy` command however they were asked for.
pub fn as_if<T>(program: Program, f: impl FnOnce() -> T) -> T {
    let before = FORCED.replace(Some(program));
    let out = f();
    FORCED.set(before);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_is_told_by_the_file_name_of_argv0() {
        let cases = [
            ("pullpolicy", Program::Pullpolicy),
            ("/usr/local/bin/pullpolicy", Program::Pullpolicy),
            ("target/cli/pullpolicy.exe", Program::Pullpolicy),
            ("kubectl-pullpolicy", Program::KubectlPlugin),
            (
                "/home/me/.krew/bin/kubectl-pullpolicy",
                Program::KubectlPlugin,
            ),
            (
                r"C:\krew\bin\kubectl-pullpolicy.exe",
                Program::KubectlPlugin,
            ),
            ("KUBECTL-PULLPOLICY.EXE", Program::KubectlPlugin),
            ("kubectl-pullpolicy-explain", Program::Pullpolicy),
            ("kubectl", Program::Pullpolicy),
            ("", Program::Pullpolicy),
            ("é.exe", Program::Pullpolicy),
            ("€abc", Program::Pullpolicy),
        ];
        for (argv0, expected) in cases {
            // Backslashes separate directories only on Windows.
            let name = if cfg!(windows) {
                argv0
            } else {
                argv0.rsplit('\\').next().unwrap_or(argv0)
            };
            assert_eq!(
                Program::from_argv0(Some(OsStr::new(name))),
                expected,
                "{argv0}"
            );
        }
        assert_eq!(Program::from_argv0(None), Program::Pullpolicy);
    }

    #[test]
    fn as_if_is_scoped() {
        let before = current();
        let inside = as_if(Program::KubectlPlugin, || {
            (current(), as_if(Program::Pullpolicy, current), current())
        });
        assert_eq!(
            inside,
            (
                Program::KubectlPlugin,
                Program::Pullpolicy,
                Program::KubectlPlugin
            )
        );
        assert_eq!(current(), before);
    }
}
