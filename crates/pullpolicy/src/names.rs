//! The names the API server validates when it creates an object: the object's own
//! `metadata.name` and its containers' names (issue 15: what `kubectl apply` followed by
//! the API server does). Read in the sources (notes in the doc comments below):
//!
//! - apimachinery `pkg/util/validation/validation.go` (`IsDNS1123Label`,
//!   `IsDNS1123Subdomain`, `MaxLenError`, `RegexError`), byte-identical from v0.28.0 to
//!   v0.37.0-beta.0 and at eed236ce: the length error first, then the format error; a
//!   label that is a valid subdomain has dots (`must not contain dots`, since v0.27.0).
//! - apimachinery `pkg/api/validation/objectmeta.go` `ValidateObjectMetaAccessor`: one
//!   `metadata.name: Invalid value: "<name>": <problem>` per problem, before any other
//!   error of the object (`validatePodMetadataAndSpec`, `ValidateDeployment`, …).
//! - kubernetes `pkg/apis/core/validation/validation.go` (vendored copies pinned at
//!   v1.28.0, v1.29.0, v1.30.0, v1.31.0, v1.32.5, v1.33.3, v1.34.1, v1.35.4):
//!   `validateContainerCommon` checks the name first (`Required value`, or
//!   `ValidateDNS1123Label`); `validateContainers`, `validateInitContainers` and
//!   `validateEphemeralContainers` add `Duplicate value` after a container's other checks,
//!   each list against its own rule (see `Seen`). `ValidateReplicationController` uses
//!   `validate.LongName` in v1.35.4, whose length error counts `bytes`.
//! - apps and batch validation (a 1.34/1.35-era snapshot; the same name functions in the
//!   older copies the index holds): Deployment, ReplicaSet, DaemonSet, Job and CronJob
//!   names are DNS subdomains; `ValidateCronJobCreate` adds `must be no more than 52
//!   characters` after every other error. A StatefulSet's name is a DNS label
//!   (`ValidateStatefulSetName`: `NameIsDNSLabel`, kubernetes#114172, in the changelog
//!   of v1.27.0-alpha.1: so in every release modelled; a subdomain before).
//!
//! Not modelled: a `generateName` beside a `name` (`ValidateObjectMetaAccessor` checks it
//! first, with its last `-` masked), a Job's name through its template's labels, the
//! Indexed Job's hostname check, the names of other kinds and of volumes. Kubernetes 1.36
//! and 1.37's own validation code was not found; it is read as 1.35.4's.

use crate::messages;
use crate::options::KubeVersion;

/// The DNS format apimachinery checks a name against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `IsDNS1123Label`: at most 63 bytes of `[a-z0-9-]`, alphanumeric at both ends.
    Label,
    /// `IsDNS1123Subdomain`: at most 253 bytes, labels joined by dots.
    Subdomain,
}

impl Format {
    /// The most bytes a name of this format has.
    pub(crate) fn max_len(self) -> usize {
        match self {
            Format::Label => 63,
            Format::Subdomain => 253,
        }
    }
}

/// How a length error counts: `util/validation.MaxLenError` says `characters`,
/// apimachinery v0.35's `validate/content.MaxLenError` says `bytes` (both count bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `must be no more than 63 characters`.
    Characters,
    /// `must be no more than 63 bytes`.
    Bytes,
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, the whole text (Go's `$` is the text's end).
fn is_label(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    matches!((b.first(), b.last()), (Some(first), Some(last)) if alnum(first) && alnum(last))
        && b.iter().all(|c| alnum(c) || *c == b'-')
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`.
fn is_subdomain(s: &str) -> bool {
    s.split('.').all(is_label)
}

/// What apimachinery finds wrong with `value` as a `format` name, in its order (the
/// length first): no problem is an empty list.
pub fn problems(format: Format, value: &str, unit: Unit) -> Vec<String> {
    let max = format.max_len();
    let ok = match format {
        Format::Label => is_label(value),
        Format::Subdomain => is_subdomain(value),
    };
    let mut found = Vec::new();
    if value.len() > max {
        found.push(messages::max_len_error(max, unit));
    }
    if !ok {
        found.push(match format {
            Format::Label if is_subdomain(value) => messages::NO_DOTS.to_owned(),
            Format::Label => messages::DNS1123_LABEL.to_owned(),
            Format::Subdomain => messages::DNS1123_SUBDOMAIN.to_owned(),
        });
    }
    found
}

/// A name the API server accepts, made from `value` for a suggestion: lower case, each
/// run of other characters one `-`, none at either end, at most `max` bytes; `None` when
/// nothing is left.
pub(crate) fn suggest(value: &str, max: usize) -> Option<String> {
    let mut out = String::new();
    for c in value.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(max);
    while out.ends_with('-') {
        out.pop();
    }
    // Not a suggestion that loses most of the name (`ünï` would be `n`).
    (!out.is_empty() && out.len() * 2 >= value.len().min(max)).then_some(out)
}

/// How the API server checks an object's `metadata.name` on create, for the built-in
/// kinds whose pod specs the core validates; `None` where it is not modelled.
pub(crate) fn object_name_rule(kind: &str, version: KubeVersion) -> Option<(Format, Unit)> {
    match kind {
        "Pod" | "PodTemplate" | "Deployment" | "ReplicaSet" | "DaemonSet" | "Job" | "CronJob" => {
            Some((Format::Subdomain, Unit::Characters))
        }
        "ReplicationController" if version.long_names_count_bytes() => {
            Some((Format::Subdomain, Unit::Bytes))
        }
        "ReplicationController" => Some((Format::Subdomain, Unit::Characters)),
        "StatefulSet" => Some((Format::Label, Unit::Characters)),
        _ => None,
    }
}

/// `ValidateCronJobCreate`: the CronJob controller appends 11 characters (`-<time>`) to
/// name its Jobs, so a CronJob's name has at most 63 − 11 = 52 bytes.
pub(crate) const CRONJOB_NAME_MAX: usize = 52;

/// The container lists, for the duplicate rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Containers,
    InitContainers,
    EphemeralContainers,
}

/// The container names a pod spec's validation has seen, as its three functions keep
/// them: `validateContainers` remembers every regular name (the empty one too);
/// `validateInitContainers` starts from all the regular names and adds its own non-empty
/// ones; `validateEphemeralContainers` starts from every regular and init name (empty
/// ones too) and adds each of its own. One set holds them all (init containers are
/// compared with regular and init names, which is what it holds while they are read);
/// the empty init name is a flag. (The set's type is `strict`'s: no other instance.)
#[derive(Debug, Default)]
pub(crate) struct Seen<'d> {
    names: std::collections::HashSet<std::borrow::Cow<'d, str>>,
    regular_empty: bool,
    init_empty: bool,
}

impl<'d> Seen<'d> {
    /// Whether `name`, the next container of `list`, repeats one its list's validation
    /// has seen (`Duplicate value`); it is remembered either way.
    pub(crate) fn repeated(&mut self, list: List, name: &'d str) -> bool {
        let mut new = || self.names.insert(std::borrow::Cow::Borrowed(name));
        match list {
            List::Containers => {
                let repeated = !new();
                self.regular_empty |= name.is_empty();
                repeated
            }
            List::InitContainers if name.is_empty() => {
                self.init_empty = true;
                self.regular_empty
            }
            List::InitContainers => !new(),
            List::EphemeralContainers => {
                let repeated = !new();
                repeated || (name.is_empty() && self.init_empty)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_subdomains_as_the_regular_expressions_read() {
        for (value, label, subdomain) in [
            ("web", true, true),
            ("a", true, true),
            ("0", true, true),
            ("123-abc", true, true),
            ("my-name", true, true),
            ("", false, false),
            ("-a", false, false),
            ("a-", false, false),
            ("Web", false, false),
            ("my_app", false, false),
            ("a.b", false, true),
            ("a..b", false, false),
            (".a", false, false),
            ("a.", false, false),
            ("a.-b", false, false),
            ("é", false, false),
            ("a\n", false, false),
            ("a b", false, false),
        ] {
            assert_eq!(is_label(value), label, "{value:?} as a label");
            assert_eq!(is_subdomain(value), subdomain, "{value:?} as a subdomain");
        }
    }

    /// `tests/fixtures/validate/dns-names.tsv`: apimachinery's own good and bad values
    /// (`validation_test.go`), and names of this project's (their exact texts are
    /// compared with the Go oracle: `tests/names_oracle.rs`).
    #[test]
    fn dns_names_as_apimachinerys_tests_read_them() {
        let vectors = include_str!("../tests/fixtures/validate/dns-names.tsv");
        let mut n = 0;
        for line in vectors
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let [format, value, want] = line.split('\t').collect::<Vec<_>>()[..] else {
                panic!("three columns: {line}");
            };
            let value: String = serde_json::from_str(value).expect(line);
            let format = match format {
                "label" => Format::Label,
                "subdomain" => Format::Subdomain,
                other => panic!("{other}"),
            };
            let found = problems(format, &value, Unit::Characters);
            assert_eq!(
                found.is_empty(),
                want == "good",
                "{format:?} {value:?}: {found:?}"
            );
            n += 1;
        }
        assert!(n > 150, "{n}");
    }

    #[test]
    fn problems_come_length_first_in_apimachinery_words() {
        assert!(problems(Format::Label, "web", Unit::Characters).is_empty());
        assert_eq!(
            problems(Format::Label, "a.b", Unit::Characters),
            ["must not contain dots"]
        );
        assert_eq!(
            problems(Format::Label, "Web", Unit::Characters),
            [
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            ]
        );
        assert_eq!(
            problems(Format::Subdomain, "My_App", Unit::Characters),
            [
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            ]
        );
        let long = "a".repeat(64);
        assert_eq!(
            problems(Format::Label, &long, Unit::Characters),
            ["must be no more than 63 characters"]
        );
        let long_dotted = format!("{}.b", "a".repeat(62));
        assert_eq!(
            problems(Format::Label, &long_dotted, Unit::Characters),
            [
                "must be no more than 63 characters",
                "must not contain dots"
            ]
        );
        let too_long = format!("{}_", "a".repeat(253));
        let found = problems(Format::Subdomain, &too_long, Unit::Bytes);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], "must be no more than 253 bytes");
        assert!(found[1].starts_with("a lowercase RFC 1123 subdomain"));
        // Bytes, not characters: 32 two-byte letters are 64 bytes.
        assert_eq!(
            problems(Format::Label, &"é".repeat(32), Unit::Characters)[0],
            "must be no more than 63 characters"
        );
    }

    #[test]
    fn suggestions_are_names_the_api_server_accepts() {
        for (value, max, want) in [
            ("My_App", 63, Some("my-app")),
            ("Web Server!", 63, Some("web-server")),
            ("__x__", 63, None),
            ("a.b", 63, Some("a-b")),
            ("ÄÖÜ", 63, None),
            ("ünï", 63, None),
            ("café-app", 63, Some("caf-app")),
            ("", 63, None),
        ] {
            assert_eq!(suggest(value, max).as_deref(), want, "{value:?}");
        }
        let long = format!("{}-b", "a".repeat(51));
        assert_eq!(suggest(&long, 52).as_deref(), Some("a".repeat(51).as_str()));
        for value in ["My_App", "Web Server!", "x-", &"Z".repeat(300)] {
            let s = suggest(value, 63).unwrap();
            assert!(
                problems(Format::Label, &s, Unit::Characters).is_empty(),
                "{s}"
            );
        }
    }

    #[test]
    fn duplicates_follow_each_lists_own_rule() {
        let mut seen = Seen::default();
        assert!(!seen.repeated(List::Containers, "app"));
        assert!(!seen.repeated(List::Containers, ""));
        assert!(seen.repeated(List::Containers, "app"));
        assert!(seen.repeated(List::Containers, ""));
        // Init containers: against every regular name, and their own non-empty ones.
        assert!(seen.repeated(List::InitContainers, "app"));
        assert!(seen.repeated(List::InitContainers, ""));
        assert!(!seen.repeated(List::InitContainers, "init"));
        assert!(seen.repeated(List::InitContainers, "init"));
        // Ephemeral containers: against everything, and their own.
        assert!(seen.repeated(List::EphemeralContainers, "init"));
        assert!(!seen.repeated(List::EphemeralContainers, "debug"));
        assert!(seen.repeated(List::EphemeralContainers, "debug"));

        // Many names.
        let mut seen = Seen::default();
        let names: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        for name in &names {
            assert!(!seen.repeated(List::Containers, name));
        }
        for name in &names {
            assert!(seen.repeated(List::InitContainers, name));
        }
        assert!(!seen.repeated(List::InitContainers, "init"));
        assert!(seen.repeated(List::EphemeralContainers, "init"));

        // An init container's empty name is not remembered among init containers…
        let mut seen = Seen::default();
        assert!(!seen.repeated(List::Containers, "app"));
        assert!(!seen.repeated(List::InitContainers, ""));
        assert!(!seen.repeated(List::InitContainers, ""));
        // …but ephemeral containers see it.
        assert!(seen.repeated(List::EphemeralContainers, ""));
    }
}
