//! The command line, parsed by clap (derive). Names of the scenario flags are fixed by
//! the node-simulation issue.
//!
//! The usage lines and help name the command as it was run (`pullpolicy`, or
//! `kubectl pullpolicy` for the kubectl plugin: [`program`]), which is read when the
//! clap command is built.

use crate::program;
use crate::text::{self, help};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use pullpolicy::{CredentialVerification, Credentials, KubeVersion, NodeImage, Options, Registry};
use std::ffi::OsStr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pullpolicy",
    bin_name = name(),
    version,
    about = help::ABOUT,
    long_about = help::main_long(name()),
    after_help = help::main_after_help(name()),
    arg_required_else_help = true,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The command as it was run.
fn name() -> &'static str {
    program::current().command()
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = help::EXPLAIN, long_about = help::EXPLAIN_LONG,
              after_help = help::explain_after_help(name()))]
    Explain(ExplainArgs),
    #[command(about = help::DIAGNOSE, long_about = help::DIAGNOSE_LONG,
              after_help = help::diagnose_after_help(name()))]
    Diagnose(DiagnoseArgs),
    #[command(about = help::FAQ, after_help = help::faq_after_help(name()))]
    Faq(FaqArgs),
    #[command(about = help::COMPLETIONS, long_about = help::COMPLETIONS_LONG,
              after_help = help::completions_after_help(name()))]
    Completions(CompletionsArgs),
    #[command(about = help::MAN, long_about = help::MAN_LONG,
              after_help = help::man_after_help(name()))]
    Man(ManArgs),
}

/// `pullpolicy completions`: a shell completion script.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_name = "SHELL", value_enum, help = help::SHELL)]
    pub shell: clap_complete::Shell,
}

/// `pullpolicy man`: the manual pages.
#[derive(Debug, Args)]
pub struct ManArgs {
    #[arg(value_name = "COMMAND", value_parser = subcommand_names(), help = help::MAN_COMMAND)]
    pub command: Option<String>,

    #[arg(long, value_name = "DIR", conflicts_with = "command", value_hint = ValueHint::DirPath,
          help = help::MAN_DIR)]
    pub dir: Option<PathBuf>,
}

/// The subcommands that have a manual page of their own.
pub const SUBCOMMANDS: [&str; 5] = ["explain", "diagnose", "faq", "completions", "man"];

fn subcommand_names() -> PossibleValuesParser {
    PossibleValuesParser::new(SUBCOMMANDS)
}

/// `pullpolicy faq`: the core's FAQ & guidance.
#[derive(Debug, Args)]
pub struct FaqArgs {
    #[arg(value_name = "ID", value_parser = FaqIds, hide_possible_values = true,
          help = help::faq_id(name()))]
    pub id: Option<String>,

    #[arg(long, conflicts_with = "id", help = help::FAQ_ALL)]
    pub all: bool,

    #[arg(long, short = 'f', value_enum, default_value_t = FaqFormat::Human, help = help::FORMAT)]
    pub format: FaqFormat,

    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", help = help::COLOR)]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FaqFormat {
    #[value(help = help::FAQ_FORMAT_HUMAN)]
    Human,
    #[value(help = help::FAQ_FORMAT_JSON)]
    Json,
    #[value(help = help::FAQ_FORMAT_MARKDOWN)]
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[arg(value_name = "PATH|-", value_hint = ValueHint::AnyPath, help = help::PATHS)]
    pub paths: Vec<PathBuf>,

    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human, help = help::FORMAT)]
    pub format: Format,

    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY", help = help::FAIL_ON)]
    pub fail_on: FailOn,

    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", help = help::COLOR)]
    pub color: ColorWhen,

    #[arg(long, value_name = "NAME", help = help::STDIN_FILENAME)]
    pub stdin_filename: Option<String>,

    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..),
          help = help::JOBS)]
    pub jobs: Option<u16>,

    #[arg(long, value_name = "URL", default_value = text::DEFAULT_PLAYGROUND,
          value_parser = parse_playground_url, value_hint = ValueHint::Url,
          help = help::PLAYGROUND_URL)]
    pub playground_url: String,

    #[command(flatten, next_help_heading = "Scenario")]
    pub scenario: ScenarioArgs,
}

/// `pullpolicy diagnose`: image-pull failures from pasted evidence.
#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    #[arg(value_name = "FILE|-", value_hint = ValueHint::FilePath, help = help::DIAGNOSE_FILES)]
    pub paths: Vec<PathBuf>,

    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human, help = help::FORMAT)]
    pub format: Format,

    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", help = help::COLOR)]
    pub color: ColorWhen,

    #[arg(long, value_name = "NAME", help = help::STDIN_FILENAME)]
    pub stdin_filename: Option<String>,

    #[arg(long, value_name = "VERSION", value_parser = KubeVersions, hide_possible_values = true,
          help = help::diagnose_kubernetes_version())]
    pub kubernetes_version: Option<KubeVersion>,

    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..),
          help = help::DIAGNOSE_JOBS)]
    pub jobs: Option<u16>,
}

/// The node, registry and cluster the containers start on (applied to every image).
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    #[arg(long, value_name = "STATE", default_value_t = NodeImage::default(),
          value_parser = named(NodeImage::ALL, NodeImage::as_str), help = help::NODE_IMAGE)]
    pub node_image: NodeImage,

    #[arg(long, value_name = "STATE", default_value_t = Registry::default(),
          value_parser = named(Registry::ALL, Registry::as_str), help = help::REGISTRY)]
    pub registry: Registry,

    #[arg(long, value_name = "STATE", default_value_t = Credentials::default(),
          value_parser = named(Credentials::ALL, Credentials::as_str), help = help::CREDENTIALS)]
    pub credentials: Credentials,

    #[arg(long, help = help::ALWAYS_PULL_IMAGES)]
    pub always_pull_images: bool,

    #[arg(long, value_name = "VERSION", default_value_t = KubeVersion::default(),
          value_parser = KubeVersions, hide_possible_values = true,
          help = help::kubernetes_version())]
    pub kubernetes_version: KubeVersion,

    #[arg(long, value_name = "POLICY", default_value_t = CredentialVerification::default(),
          value_parser = named(CredentialVerification::ALL, CredentialVerification::as_str),
          help = help::CREDENTIAL_VERIFICATION)]
    pub credential_verification: CredentialVerification,

    #[arg(long, value_name = "BOOL", help = help::ENSURE_SECRET_PULLED_IMAGES)]
    pub ensure_secret_pulled_images: Option<bool>,

    #[arg(long, value_name = "IMAGE", help = help::ALLOWLIST)]
    pub allowlist: Vec<String>,
}

impl ScenarioArgs {
    /// The core's options.
    pub fn options(&self) -> Options {
        let mut options = Options {
            kubernetes_version: self.kubernetes_version,
            ..Options::default()
        };
        let s = &mut options.scenario;
        s.node_image = self.node_image;
        s.registry = self.registry;
        s.credentials = self.credentials;
        s.always_pull_images = self.always_pull_images;
        s.ensure_secret_pulled_images = self.ensure_secret_pulled_images;
        s.credential_verification = self.credential_verification;
        s.allowlist.clone_from(&self.allowlist);
        options
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[value(help = help::FORMAT_HUMAN)]
    Human,
    #[value(help = help::FORMAT_JSON)]
    Json,
    #[value(help = help::FORMAT_JSONL)]
    Jsonl,
    #[value(help = help::FORMAT_SARIF)]
    Sarif,
    #[value(help = help::FORMAT_MARKDOWN)]
    Markdown,
    #[value(help = help::FORMAT_HTML)]
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run.
    pub fn threshold(self) -> Option<pullpolicy::Severity> {
        match self {
            FailOn::Error => Some(pullpolicy::Severity::Error),
            FailOn::Warning => Some(pullpolicy::Severity::Warning),
            FailOn::Info => Some(pullpolicy::Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// A parser for one of the core's named values, listing them in `--help`.
fn named<T>(all: &'static [T], name: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(all.iter().map(|v| name(*v))).try_map(move |text: String| {
        all.iter()
            .copied()
            .find(|v| name(*v) == text)
            .ok_or_else(|| format!("unknown value {text:?}"))
    })
}

/// `KubeVersion::parse` (which also takes `v1.34` and `1.34.2`), offering the supported
/// versions to shell completion.
#[derive(Debug, Clone, Copy)]
struct KubeVersions;

impl TypedValueParser for KubeVersions {
    type Value = KubeVersion;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<KubeVersion, clap::Error> {
        let parse: fn(&str) -> Result<KubeVersion, String> = KubeVersion::parse;
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            KubeVersion::all().map(|v| PossibleValue::new(v.to_string())),
        ))
    }
}

/// Any text (an unknown id is `pullpolicy faq`'s own error), offering the FAQ's ids and
/// questions to shell completion.
#[derive(Debug, Clone, Copy)]
struct FaqIds;

impl TypedValueParser for FaqIds {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            pullpolicy::faq::entries()
                .iter()
                .map(|e| PossibleValue::new(e.id).help(e.question)),
        ))
    }
}

fn parse_playground_url(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        Ok(url.to_owned())
    } else {
        Err(text::bad_playground_url(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scenario_flags_map_to_options() {
        let cli = Cli::try_parse_from([
            "pullpolicy",
            "explain",
            "--node-image",
            "stale",
            "--registry",
            "not-found",
            "--credentials",
            "missing",
            "--always-pull-images",
            "--kubernetes-version",
            "1.34",
            "--credential-verification",
            "AlwaysVerify",
            "--allowlist",
            "registry.example/*",
        ])
        .map_err(|e| e.to_string());
        let Ok(Cli {
            command: Command::Explain(args),
        }) = cli
        else {
            panic!("{cli:?}");
        };
        let o = args.scenario.options();
        assert_eq!(o.kubernetes_version.minor(), 34);
        assert_eq!(o.scenario.node_image, NodeImage::Stale);
        assert_eq!(o.scenario.registry, Registry::NotFound);
        assert_eq!(o.scenario.credentials, Credentials::Missing);
        assert!(o.scenario.always_pull_images);
        assert_eq!(
            o.scenario.credential_verification,
            CredentialVerification::AlwaysVerify
        );
        assert_eq!(o.scenario.allowlist, ["registry.example/*"]);
    }

    fn parse(args: &[&str]) -> Result<Cli, String> {
        Cli::try_parse_from(args).map_err(|e| e.to_string())
    }

    #[test]
    fn kubernetes_versions_parse_as_the_core_does_and_complete_from_its_table() {
        for (text, minor) in [("1.34", 34), ("v1.30", 30), ("1.29.7", 29)] {
            let Ok(Cli {
                command: Command::Explain(args),
            }) = parse(&["pullpolicy", "explain", "--kubernetes-version", text])
            else {
                panic!("{text}");
            };
            assert_eq!(args.scenario.kubernetes_version.minor(), minor);
        }
        let Err(error) = parse(&["pullpolicy", "explain", "--kubernetes-version", "1.2"]) else {
            panic!("1.2 is not supported");
        };
        let core = KubeVersion::parse("1.2").unwrap_err();
        assert!(error.contains(&core), "{error}");
        let offered: Vec<String> = KubeVersions
            .possible_values()
            .into_iter()
            .flatten()
            .map(|v| v.get_name().to_owned())
            .collect();
        let table: Vec<String> = KubeVersion::all().map(|v| v.to_string()).collect();
        assert_eq!(offered, table);
        assert!(help::kubernetes_version().ends_with(&format!(
            "({} to {})",
            KubeVersion::OLDEST,
            KubeVersion::NEWEST
        )));
    }

    #[test]
    fn faq_ids_complete_from_the_faq_and_any_id_parses() {
        let offered: Vec<String> = FaqIds
            .possible_values()
            .into_iter()
            .flatten()
            .map(|v| v.get_name().to_owned())
            .collect();
        let ids: Vec<&str> = pullpolicy::faq::entries().iter().map(|e| e.id).collect();
        assert_eq!(offered, ids);
        // An unknown id is `pullpolicy faq`'s own error (exit 2 with its message).
        let Ok(Cli {
            command: Command::Faq(args),
        }) = parse(&["pullpolicy", "faq", "no-such-id"])
        else {
            panic!("an unknown id parses");
        };
        assert_eq!(args.id.as_deref(), Some("no-such-id"));
    }

    #[test]
    fn the_command_is_named_as_it_was_run() {
        use clap::CommandFactory;
        for program in [
            program::Program::Pullpolicy,
            program::Program::KubectlPlugin,
        ] {
            let mut cmd = program::as_if(program, Cli::command);
            cmd.build();
            assert_eq!(cmd.get_bin_name(), Some(program.command()));
            let explain = cmd.find_subcommand("explain").expect("explain");
            assert_eq!(
                explain.get_bin_name(),
                Some(format!("{} explain", program.command()).as_str())
            );
            let after = explain.get_after_help().expect("examples").to_string();
            assert!(
                after.contains(&format!("\n  {} explain deploy.yaml ", program.command())),
                "{after}"
            );
        }
    }

    #[test]
    fn playground_urls_must_be_http() {
        assert!(parse_playground_url("https://example.com/p/").is_ok());
        assert!(parse_playground_url("javascript:alert(1)").is_err());
        assert!(parse_playground_url("https://a b").is_err());
    }
}
