//! Every word the command line prints that is not the core's: help, labels, diagnostics.
//! The core's findings and messages (`pullpolicy::Finding`) are printed as they are.

use std::fmt::Display;

/// The command as it was run, for the commands the output suggests.
pub fn program() -> &'static str {
    crate::program::current().command()
}

/// The playground the HTML fragment links to when `--playground-url` is not given.
pub const DEFAULT_PLAYGROUND: &str = "https://pullpolicy.dev/";

/// How standard input is named in output when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

/// How standard input is named in SARIF (a URI reference) when `--stdin-filename` is not given.
pub const STDIN_URI: &str = "stdin";

/// The official schema of SARIF 2.1.0 (OASIS, errata 01), for `$schema`.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// HTML links longer than this are left out (browsers cap URLs at about 2 MB; chat and
/// blog platforms much lower).
pub const MAX_PLAYGROUND_LINK: usize = 100_000;

pub mod help {
    //! `--help` text, and what the manual pages add to it (examples, exit statuses).
    //! `{program}` in an example stands for the command as it was run: `pullpolicy`, or
    //! `kubectl pullpolicy` for the kubectl plugin (`crate::program`).

    use crate::exit;
    use pullpolicy::KubeVersion;

    pub const ABOUT: &str = "Which imagePullPolicy Kubernetes really applies to each container, and what the node does with it";

    /// `pullpolicy --help` and the DESCRIPTION of pullpolicy(1).
    pub fn main_long(program: &str) -> String {
        format!(
            "\
Which imagePullPolicy Kubernetes really applies to each container, init container, sidecar, ephemeral container and image volume, defaulted or written, valid or rejected, with the API server's and the kubelet's exact words; and what the node's image cache does with it, under a scenario (the node's image, the registry, credentials, Kubernetes {} to {}).

`{program} explain` reads manifests and explains them; `{program} faq` answers questions. Installed as kubectl-pullpolicy on PATH, the same binary is the kubectl plugin `kubectl pullpolicy`.",
            KubeVersion::OLDEST,
            KubeVersion::NEWEST
        )
    }

    /// A command line in a help text or manual page, and what it does.
    #[derive(Debug, Clone, Copy)]
    pub struct Example {
        /// The command line; `{program}` stands for the command as it was run.
        pub command: &'static str,
        pub what: &'static str,
    }

    impl Example {
        /// The command line for `program` (`pullpolicy`, `kubectl pullpolicy`).
        pub fn command_for(&self, program: &str) -> String {
            self.command.replace("{program}", program)
        }
    }

    const fn ex(command: &'static str, what: &'static str) -> Example {
        Example { command, what }
    }

    /// An exit status and when it is returned.
    #[derive(Debug, Clone, Copy)]
    pub struct Status {
        pub code: u8,
        pub when: &'static str,
    }

    const fn status(code: u8, when: &'static str) -> Status {
        Status { code, when }
    }

    pub const MAIN_EXAMPLES: &[Example] = &[
        ex("{program} explain deploy.yaml", "a table and findings"),
        ex(
            "helm template app ./chart | {program} explain -",
            "a rendered chart",
        ),
        ex(
            "{program} explain --format sarif k8s/ > pullpolicy.sarif",
            "GitHub code scanning",
        ),
        ex("{program} faq always-redownload", "an answer of the FAQ"),
    ];

    /// The last line of `pullpolicy --help`.
    pub fn main_more(program: &str) -> String {
        format!("Run `{program} explain --help` for every option.")
    }

    pub fn main_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, MAIN_EXAMPLES),
            main_more(program)
        )
    }

    pub const EXPLAIN: &str = "Explain every container, init container, sidecar, ephemeral container and image volume in Kubernetes manifests";

    pub const EXPLAIN_LONG: &str = "\
Explain every container, init container, sidecar, ephemeral container and image volume in Kubernetes manifests: the imagePullPolicy written, the one Kubernetes applies and why, what the node does when the container starts, and findings.

Reads files, directories (recursively: *.yaml, *.yml and *.json, in sorted order, skipping hidden files and directories and not following symbolic links to directories) and standard input (`-`, or no PATH when standard input is not a terminal).";

    pub const EXPLAIN_EXAMPLES: &[Example] = &[
        ex("{program} explain deploy.yaml", "a table and findings"),
        ex(
            "helm template app ./chart | {program} explain -",
            "a rendered chart",
        ),
        ex(
            "{program} explain --fail-on warning manifests/",
            "fail CI on warnings too",
        ),
        ex(
            "{program} explain --registry unreachable --node-image present deploy.yaml",
            "what if the registry is down?",
        ),
        ex(
            "{program} explain --format sarif k8s/ > pullpolicy.sarif",
            "GitHub code scanning",
        ),
        ex(
            "{program} explain --format markdown k8s/ > comment.md",
            "a pull-request comment",
        ),
        ex(
            "{program} explain --format html deploy.yaml",
            "a no-JavaScript fragment for a blog",
        ),
    ];

    pub const EXPLAIN_STATUS: &[Status] = &[
        status(exit::OK, "no finding at or above the --fail-on severity"),
        status(
            exit::FINDINGS,
            "findings at or above the --fail-on severity",
        ),
        status(
            exit::UNREADABLE,
            "an input could not be read (missing or unreadable file, binary data, invalid UTF-8, YAML syntax error), or the command line is wrong",
        ),
    ];

    pub fn explain_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, EXPLAIN_EXAMPLES),
            statuses(EXPLAIN_STATUS)
        )
    }

    pub const PATHS: &str = "Files or directories to explain; `-` reads standard input";

    pub const DIAGNOSE: &str = "Diagnose image-pull failures (ErrImagePull, ImagePullBackOff, ErrImageNeverPull and others) from pasted evidence: describe output, Pod objects with status, events, Node objects";

    pub const DIAGNOSE_LONG: &str = "\
Diagnose image-pull failures (ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName and others) from the evidence you have, offline: `kubectl describe pod` output, `kubectl get pod -o yaml|json` (with status), events (`kubectl get events`, `kubectl events`, `-o yaml|json`), Node objects (`status.images`), kubelet and runtime log lines, in any mix. For each failing container: the failure's class, the runtime's message, the pull policy's part, the back-off timeline, whether each pasted node holds the image, and the fix, each at its line and column in the input.

Reads files and standard input (`-`, or no FILE when standard input is not a terminal). A manifest without status is not evidence: `explain` reads it.";

    pub const DIAGNOSE_EXAMPLES: &[Example] = &[
        ex(
            "kubectl describe pod web-0 | {program} diagnose",
            "why web-0 cannot pull its image",
        ),
        ex(
            "kubectl get pods -o yaml > pods.yaml; kubectl get events > events.txt; {program} diagnose pods.yaml events.txt",
            "several kinds of evidence",
        ),
        ex(
            "{program} diagnose --format json describe.txt",
            "the diagnosis as JSON",
        ),
        ex(
            "{program} diagnose --format markdown describe.txt > comment.md",
            "for an issue or a chat message",
        ),
    ];

    pub const DIAGNOSE_STATUS: &[Status] = &[
        status(exit::OK, "no image-pull failure diagnosed"),
        status(exit::FINDINGS, "an image-pull failure was diagnosed"),
        status(
            exit::UNREADABLE,
            "an input could not be read (missing or unreadable file, binary data, invalid UTF-8, YAML or JSON evidence that cannot be read), or the command line is wrong",
        ),
    ];

    pub fn diagnose_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, DIAGNOSE_EXAMPLES),
            statuses(DIAGNOSE_STATUS)
        )
    }

    pub const DIAGNOSE_FILES: &str = "Files holding the evidence; `-` reads standard input";

    pub fn diagnose_kubernetes_version() -> String {
        format!(
            "The cluster's Kubernetes version, when known: it selects the image-reference rules (default: the first pasted node's kubeletVersion, else the newest: {})",
            pullpolicy::KubeVersion::NEWEST
        )
    }

    pub const FAQ: &str = "Answer questions about imagePullPolicy: the FAQ the playground shows, and findings link to";
    pub const FAQ_EXAMPLES: &[Example] = &[
        ex("{program} faq", "the questions, with their ids"),
        ex("{program} faq always-redownload", "one answer"),
        ex(
            "{program} faq --all --format markdown",
            "every answer, as Markdown",
        ),
    ];
    pub const FAQ_STATUS: &[Status] = &[
        status(exit::OK, "printed"),
        status(
            exit::UNREADABLE,
            "no entry has that id, or the command line is wrong",
        ),
    ];

    pub fn faq_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, FAQ_EXAMPLES),
            statuses(FAQ_STATUS)
        )
    }

    pub fn faq_id(program: &str) -> String {
        format!("The entry to print (its id, as `{program} faq` lists them)")
    }
    pub const FAQ_ALL: &str = "Print every entry with its answer";
    pub const FAQ_FORMAT_HUMAN: &str = "Text for a terminal";
    pub const FAQ_FORMAT_JSON: &str =
        "JSON: an entry, or an array of entries ({id, question, answer, links, fromArticle})";
    pub const FAQ_FORMAT_MARKDOWN: &str = "Markdown: a heading per question";

    pub const COMPLETIONS: &str = "Print a shell completion script for pullpolicy";
    pub const COMPLETIONS_LONG: &str = "\
Print a shell completion script for pullpolicy: subcommands, options, their values (formats, scenario states, Kubernetes versions, FAQ ids) and file names.

The script completes the `pullpolicy` command; kubectl completes the names of its plugins itself.";
    pub const SHELL: &str = "The shell to complete in";
    pub const COMPLETIONS_EXAMPLES: &[Example] = &[
        ex(
            "{program} completions bash > ~/.local/share/bash-completion/completions/pullpolicy",
            "bash (with bash-completion)",
        ),
        ex(
            "{program} completions zsh > ~/.zfunc/_pullpolicy",
            "zsh (with fpath+=~/.zfunc before compinit in ~/.zshrc)",
        ),
        ex(
            "{program} completions fish > ~/.config/fish/completions/pullpolicy.fish",
            "fish",
        ),
        ex("{program} completions powershell >> $PROFILE", "PowerShell"),
        ex(
            "{program} completions elvish >> ~/.config/elvish/rc.elv",
            "elvish",
        ),
    ];

    pub const MAN: &str = "Print the manual page, or write every page to a directory";
    pub const MAN_LONG: &str = "\
Print the manual page pullpolicy(1) in roff, or the page of one subcommand: pullpolicy-explain(1), pullpolicy-diagnose(1), pullpolicy-faq(1), pullpolicy-completions(1), pullpolicy-man(1). With --dir, write every page into a directory, a file each (pullpolicy.1, pullpolicy-explain.1 and so on).";
    pub const MAN_COMMAND: &str = "The subcommand whose page to print";
    pub const MAN_DIR: &str =
        "Write every page into this directory (created if missing) and list the files written";
    pub const MAN_EXAMPLES: &[Example] = &[
        ex("{program} man | man -l -", "read the manual"),
        ex(
            "{program} man --dir /usr/local/share/man/man1",
            "install every page",
        ),
        ex("{program} man explain > pullpolicy-explain.1", "one page"),
    ];

    /// `completions` and `man`.
    pub const WRITE_STATUS: &[Status] = &[
        status(exit::OK, "written"),
        status(
            exit::UNREADABLE,
            "the output could not be written, or the command line is wrong",
        ),
    ];

    pub fn completions_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, COMPLETIONS_EXAMPLES),
            statuses(WRITE_STATUS)
        )
    }

    pub fn man_after_help(program: &str) -> String {
        format!(
            "{}\n\n{}",
            examples(program, MAN_EXAMPLES),
            statuses(WRITE_STATUS)
        )
    }

    /// Commands up to this long get their comment on the same line, aligned.
    const SAME_LINE: usize = 58;
    /// Help lines are wrapped at this width.
    const WIDTH: usize = 88;

    /// `Examples:` and the commands, their comments aligned (`# …`) after the longest
    /// command that is not too long; a longer one has its comment on the next line.
    pub fn examples(program: &str, examples: &[Example]) -> String {
        let commands: Vec<String> = examples.iter().map(|e| e.command_for(program)).collect();
        let column = commands
            .iter()
            .map(|c| c.chars().count())
            .filter(|&n| n <= SAME_LINE)
            .max()
            .unwrap_or(0);
        let mut out = String::from("Examples:");
        for (command, example) in commands.iter().zip(examples) {
            let n = command.chars().count();
            out.push_str("\n  ");
            out.push_str(command);
            if n > column {
                out.push('\n');
                out.push_str(&" ".repeat(2 + column));
            } else {
                out.push_str(&" ".repeat(column - n));
            }
            out.push_str("  # ");
            out.push_str(example.what);
        }
        out
    }

    /// `Exit status:` and the statuses, wrapped.
    pub fn statuses(statuses: &[Status]) -> String {
        let mut out = String::from("Exit status:");
        for s in statuses {
            let mut line = format!("\n  {}  ", s.code);
            let indent = line.len() - 1;
            let mut width = indent;
            for (i, word) in s.when.split(' ').enumerate() {
                if i > 0 && width + 1 + word.len() > WIDTH {
                    line.push('\n');
                    line.push_str(&" ".repeat(indent));
                    width = indent;
                } else if i > 0 {
                    line.push(' ');
                    width += 1;
                }
                line.push_str(word);
                width += word.len();
            }
            out.push_str(&line);
        }
        out
    }

    pub const FORMAT: &str = "Output format";
    pub const FORMAT_HUMAN: &str =
        "A table of entries, then findings as `file:line:column: severity[rule]: message`";
    pub const FORMAT_JSON: &str = "One JSON document: the core's report for every input file";
    pub const FORMAT_JSONL: &str = "JSON Lines: explain writes an object per document (per List item) as soon as it is explained and each file's summary after its documents, diagnose an object per file; the run's summary last";
    pub const FORMAT_SARIF: &str = "SARIF 2.1.0, for code scanning";
    pub const FORMAT_MARKDOWN: &str = "GitHub-flavoured Markdown, for pull-request comments";
    pub const FORMAT_HTML: &str =
        "A self-contained HTML fragment (inline styles, no script) with a playground link";
    pub const FAIL_ON: &str = "Exit with status 1 when a finding has this severity or higher";
    pub const COLOR: &str =
        "When to colour the human output (auto: only on a terminal, and never with NO_COLOR set)";
    pub const STDIN_FILENAME: &str = "The name to show for standard input";
    pub const JOBS: &str = "Threads to explain with [default: the number of CPUs]; large streams are cut at `---` lines, and JSON Lists into their items, and analysed in parallel, with the same result";
    pub const DIAGNOSE_JOBS: &str = "Threads to diagnose with [default: the number of CPUs]; a JSON or YAML List is cut into its items, and pods no event names are diagnosed in parallel, with the same result";
    pub const PLAYGROUND_URL: &str = "The playground the HTML output links to, the manifest in the fragment as #yaml=<base64url of its UTF-8 text>; the Markdown output links related questions to its FAQ (#faq-<id>)";
    pub const NODE_IMAGE: &str = "What the node holds for each image";
    pub const REGISTRY: &str = "What the registry does when asked for each image";
    pub const CREDENTIALS: &str =
        "Whether each image needs credentials, and whether the pod has working ones";
    pub const ALWAYS_PULL_IMAGES: &str = "The AlwaysPullImages admission plugin is enabled";

    /// The versions from the core's table (`KubeVersion::OLDEST` to `NEWEST`).
    pub fn kubernetes_version() -> String {
        format!(
            "The Kubernetes version whose rules apply ({} to {})",
            KubeVersion::OLDEST,
            KubeVersion::NEWEST
        )
    }
    pub const CREDENTIAL_VERIFICATION: &str =
        "The kubelet's imagePullCredentialsVerificationPolicy";
    pub const ENSURE_SECRET_PULLED_IMAGES: &str =
        "The KubeletEnsureSecretPulledImages feature gate [default: the version's default]";
    pub const ALLOWLIST: &str =
        "An entry of the kubelet's preloadedImagesVerificationAllowlist (repeatable)";

    // The manual pages.

    /// The manual's name in each page's header.
    pub const MANUAL: &str = "User Commands";
    pub const SEE_ALSO: &str = "SEE ALSO";
    pub const EXAMPLES: &str = "EXAMPLES";
    pub const EXIT_STATUS: &str = "EXIT STATUS";
    /// Under SEE ALSO, after the other pages.
    pub fn see_also_links(playground: &str) -> [String; 2] {
        [
            format!("The playground: {playground}"),
            format!(
                "The source, the issues and the JSON contract: {}",
                env!("CARGO_PKG_REPOSITORY")
            ),
        ]
    }
}

// ---------------------------------------------------------------------------------------
// Diagnostics on standard error.

/// `pullpolicy: internal error: …` from the panic hook.
pub fn internal_error(what: &str, location: &str) -> String {
    format!(
        "pullpolicy: internal error: {what}{location}; please report it at {}/issues",
        env!("CARGO_PKG_REPOSITORY")
    )
}

pub const NOT_FOUND: &str = "no such file or directory";
pub const PERMISSION_DENIED: &str = "permission denied";
pub const BINARY: &str = "binary data (a NUL byte), not a YAML or JSON text";
pub const UTF16: &str = "UTF-16 text; convert the file to UTF-8";
pub const UTF32: &str = "UTF-32 text; convert the file to UTF-8";
pub const STDIN_TWICE: &str = "standard input (`-`) given more than once";
pub const NOT_FILE: &str = "not a regular file or directory";

pub fn cannot_read(err: impl Display) -> String {
    format!("cannot read: {err}")
}

pub fn invalid_utf8(byte: u8) -> String {
    format!("invalid UTF-8 (byte 0x{byte:02X}); the file must be UTF-8 text")
}

pub fn empty_directory(dir: &str) -> String {
    format!("{dir}: warning: no *.yaml, *.yml or *.json files")
}

pub fn cannot_write(err: impl Display) -> String {
    format!("pullpolicy: cannot write the output: {err}")
}

/// `pullpolicy man --dir` could not write a page.
pub fn cannot_write_to(path: &std::path::Path, err: impl Display) -> String {
    format!("pullpolicy: cannot write {}: {err}", path.display())
}

pub fn bad_playground_url(url: &str) -> String {
    format!("{url:?} is not an http:// or https:// URL")
}

pub fn progress(done: usize, total: usize, current: &str) -> String {
    format!("pullpolicy: {done}/{total} files… {current}")
}

// ---------------------------------------------------------------------------------------
// `pullpolicy faq`. (What the formats say about a report is worded once, for every edge,
// in `pullpolicy_view::wording`.)

/// `pullpolicy faq`'s heading over the list of questions.
pub const FAQ_LIST_HEADING: &str = "FAQ & guidance (the answers are the playground's):";
/// The line under the list: "`pullpolicy faq ID` prints an answer; `--all` prints them all."
pub const FAQ_LIST_HINT: FaqListHint = FaqListHint;

/// [`FAQ_LIST_HINT`], which names the command as it was run.
#[derive(Debug, Clone, Copy)]
pub struct FaqListHint;

impl Display for FaqListHint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{} faq ID` prints an answer; `--all` prints them all.",
            program()
        )
    }
}
/// Marks the seed article's questions in the list.
pub const FAQ_FROM_ARTICLE: &str = "(from the article)";
/// Over an answer's links.
pub const FAQ_READ_MORE: &str = "Read more:";

/// An id `pullpolicy faq` does not know.
pub fn unknown_faq(id: &str) -> String {
    format!(
        "no FAQ entry has the id {id:?}; `{} faq` lists them",
        program()
    )
}
