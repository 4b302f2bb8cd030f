//! Every word the command line prints that is not the core's: help, labels, diagnostics.
//! The core's findings and messages (`pullpolicy::Finding`) are printed as they are.

use std::fmt::Display;

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
    //! `--help` text.

    pub const ABOUT: &str = "Which imagePullPolicy Kubernetes really applies to each container, and what the node does with it";

    pub const MAIN_AFTER_HELP: &str = "\
Examples:
  pullpolicy explain deploy.yaml
  helm template app ./chart | pullpolicy explain -
  pullpolicy explain --format sarif manifests/ > pullpolicy.sarif
  pullpolicy faq always-redownload

Run `pullpolicy explain --help` for every option.";

    pub const EXPLAIN: &str = "Explain every container, init container, sidecar, ephemeral container and image volume in Kubernetes manifests";

    pub const EXPLAIN_LONG: &str = "\
Explain every container, init container, sidecar, ephemeral container and image volume in Kubernetes manifests: the imagePullPolicy written, the one Kubernetes applies and why, what the node does when the container starts, and findings.

Reads files, directories (recursively: *.yaml, *.yml and *.json, in sorted order, skipping hidden files and directories and not following symbolic links to directories) and standard input (`-`, or no PATH when standard input is not a terminal).";

    pub const EXPLAIN_AFTER_HELP: &str = "\
Examples:
  pullpolicy explain deploy.yaml                      # a table and findings
  helm template app ./chart | pullpolicy explain -    # a rendered chart
  pullpolicy explain --fail-on warning manifests/     # fail CI on warnings too
  pullpolicy explain --registry unreachable --node-image present deploy.yaml
                                                      # what if the registry is down?
  pullpolicy explain --format sarif k8s/ > pullpolicy.sarif   # GitHub code scanning
  pullpolicy explain --format markdown k8s/ > comment.md      # a pull-request comment
  pullpolicy explain --format html deploy.yaml        # a no-JavaScript fragment for a blog

Exit status:
  0  no finding at or above the --fail-on severity
  1  findings at or above the --fail-on severity
  2  an input could not be read (missing or unreadable file, binary data, invalid UTF-8,
     YAML syntax error), or the command line is wrong";

    pub const PATHS: &str = "Files or directories to explain; `-` reads standard input";

    pub const FAQ: &str = "Answer questions about imagePullPolicy: the FAQ the playground shows, and findings link to";
    pub const FAQ_AFTER_HELP: &str = "\
Examples:
  pullpolicy faq                          # the questions, with their ids
  pullpolicy faq always-redownload        # one answer
  pullpolicy faq --all --format markdown  # every answer, as Markdown

Exit status:
  0  printed
  2  no entry has that id, or the command line is wrong";
    pub const FAQ_ID: &str = "The entry to print (its id, as `pullpolicy faq` lists them)";
    pub const FAQ_ALL: &str = "Print every entry with its answer";
    pub const FAQ_FORMAT_HUMAN: &str = "Text for a terminal";
    pub const FAQ_FORMAT_JSON: &str =
        "JSON: an entry, or an array of entries ({id, question, answer, links, fromArticle})";
    pub const FAQ_FORMAT_MARKDOWN: &str = "Markdown: a heading per question";
    pub const FORMAT: &str = "Output format";
    pub const FORMAT_HUMAN: &str =
        "A table of entries, then findings as `file:line:column: severity[rule]: message`";
    pub const FORMAT_JSON: &str = "One JSON document: the core's report for every input file";
    pub const FORMAT_SARIF: &str = "SARIF 2.1.0, for code scanning";
    pub const FORMAT_MARKDOWN: &str = "GitHub-flavoured Markdown, for pull-request comments";
    pub const FORMAT_HTML: &str =
        "A self-contained HTML fragment (inline styles, no script) with a playground link";
    pub const FAIL_ON: &str = "Exit with status 1 when a finding has this severity or higher";
    pub const COLOR: &str =
        "When to colour the human output (auto: only on a terminal, and never with NO_COLOR set)";
    pub const STDIN_FILENAME: &str = "The name to show for standard input";
    pub const JOBS: &str = "Threads to explain with [default: the number of CPUs]; large streams are cut at `---` lines and analysed in parallel, with the same result";
    pub const PLAYGROUND_URL: &str = "The playground the HTML output links to, the manifest in the fragment as #yaml=<base64url of its UTF-8 text>; the Markdown output links related questions to its FAQ (#faq-<id>)";
    pub const NODE_IMAGE: &str = "What the node holds for each image";
    pub const REGISTRY: &str = "What the registry does when asked for each image";
    pub const CREDENTIALS: &str =
        "Whether each image needs credentials, and whether the pod has working ones";
    pub const ALWAYS_PULL_IMAGES: &str = "The AlwaysPullImages admission plugin is enabled";
    pub const KUBERNETES_VERSION: &str = "The Kubernetes version whose rules apply (1.28 to 1.36)";
    pub const CREDENTIAL_VERIFICATION: &str =
        "The kubelet's imagePullCredentialsVerificationPolicy";
    pub const ENSURE_SECRET_PULLED_IMAGES: &str =
        "The KubeletEnsureSecretPulledImages feature gate [default: the version's default]";
    pub const ALLOWLIST: &str =
        "An entry of the kubelet's preloadedImagesVerificationAllowlist (repeatable)";
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
/// The line under the list.
pub const FAQ_LIST_HINT: &str = "`pullpolicy faq ID` prints an answer; `--all` prints them all.";
/// Marks the seed article's questions in the list.
pub const FAQ_FROM_ARTICLE: &str = "(from the article)";
/// Over an answer's links.
pub const FAQ_READ_MORE: &str = "Read more:";

/// An id `pullpolicy faq` does not know.
pub fn unknown_faq(id: &str) -> String {
    format!("no FAQ entry has the id {id:?}; `pullpolicy faq` lists them")
}
