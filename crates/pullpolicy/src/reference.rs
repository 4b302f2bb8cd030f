//! Image references: `distribution/reference` `ParseNormalizedNamed` as Kubernetes runs it.
//!
//! This is an exact port of
//!
//! * `ParseNormalizedNamed` / `Parse` from `github.com/distribution/reference`
//!   (v0.6.0 for Kubernetes ≥ 1.32, v0.5.0 for 1.29–1.31) and from
//!   `github.com/docker/distribution/reference` v2.8.2 (Kubernetes ≤ 1.28),
//!   with go-digest v1.0.0 digest validation and the sha256/sha384/sha512
//!   algorithms Kubernetes links in ([`parse_normalized_named`]);
//! * Kubernetes' `pkg/util/parsers.ParseImageName` ([`parse_image_name`]);
//! * the kubelet's `applyDefaultImageTag` and the `InspectFailed` message built
//!   from its error ([`apply_default_image_tag`]);
//! * the API server's `imagePullPolicy` defaulting decision
//!   ([`defaults_to_always`]).
//!
//! The regular expressions are implemented by hand (no regex crate): every
//! matcher runs in time linear in the input and never panics, whatever the
//! input (non-ASCII, NUL bytes, megabytes of text). Go's leftmost-first
//! submatch choice is reproduced by construction: the grammar splits uniquely
//! at the first `@`, at the last `:` not followed by a `/`, and (for the
//! domain) at the first `/`, preferring a domain when both readings match.
//! Source of truth: the project spec `kubernetes-pull-semantics.md` §1.2, §3,
//! §4.3 and its vectors (all 280 + 45 rows are asserted by
//! `tests/reference_vectors.rs`).
//!
//! # Library versions ([`Rules`])
//!
//! | Kubernetes | library | [`Rules`] |
//! | --- | --- | --- |
//! | ≥ 1.32 | `distribution/reference` v0.6.0 | [`Rules::V0_6`] |
//! | 1.29–1.31 | `distribution/reference` v0.5.0 | [`Rules::Legacy`] |
//! | ≤ 1.28 | `docker/distribution` v2.8.x (2.8.2 read) | [`Rules::DockerDistribution`] |
//!
//! v0.5.0 differs from v0.6.0 only in the 255-character rule: v0.6.0 limits
//! the repository *path*, older libraries the whole name (domain + `/` +
//! path, including the `docker.io/library/` added by normalization).
//!
//! `docker/distribution` v2.8.2 differs more than the spec's §1.2 says
//! ("same `ParseNormalizedNamed` algorithm"). Its source (the Debian package
//! `golang-github-docker-distribution-dev` 2.8.2+ds1-1, and the copy vendored
//! at `kubernetes/kubernetes`
//! `vendor/github.com/docker/distribution/reference/normalize.go`, commit
//! 15816b382ef2b81bd376fc2492062a8216e0a490) and a differential run against
//! it show three more differences, all modelled by
//! [`Rules::DockerDistribution`]:
//!
//! 1. no bracketed IPv6 hosts (`[::1]:5000/app` → `invalid reference format`);
//! 2. an upper-case first component is *not* a domain (`Foo/bar`,
//!    `LOCALDOMAIN/x`, `MyRegistry/team/app` fail as upper-case repositories);
//! 3. the upper-case message does not name the repository:
//!    `invalid reference format: repository name must be lowercase`.
//!
//! # Verification
//!
//! Besides the spec's vectors, this port was run differentially (outside the
//! repository) against Go: the real `docker/distribution` v2.8.2 package and
//! go-digest v1.0.0, and Go-regexp transliterations of v0.5.0/v0.6.0 that
//! reproduce all 280 spec vectors, on about 700,000 generated and mutated
//! inputs (including `Name()`, `FamiliarName`, `String()` and `strconv.Quote`),
//! with no mismatch.
//!
//! # The `couldn't parse image name` wrapper
//!
//! `ParseImageName` formats its error as
//! `couldn't parse image name "<image>": <err>` (Go `%q`) in every release
//! from **v1.28** on. Evidence (search of public copies, not a read at a
//! release tag): kubernetes/kubernetes PR #116231 ("Using parsers in
//! applyDefaultImageTag and adding error test cases", approved 2023-05-23,
//! i.e. after the v1.27 release and before the v1.28 freeze) made the kubelet's
//! `applyDefaultImageTag` call `parsers.ParseImageName` and changed that
//! function's `fmt.Errorf("couldn't parse image name: %v", err)` (as read in
//! `kubernetes/kubernetes` `pkg/util/parsers/parsers.go` at commit
//! 346ddc52c2ac002882015cdfa6fd7335ff5638fb) to
//! `fmt.Errorf("couldn't parse image name %q: %v", image, err)`. Before it
//! (≤ 1.27) the kubelet wrapped `ParseNormalizedNamed` itself, giving
//! `Failed to apply default image tag "<I>": couldn't parse image reference
//! "<I>": <err>`; such older messages are not produced here. A 2024 report
//! quoting `couldn't parse image name "ACTOKEY:v7.1.1": invalid reference
//! format: repository name must be lowercase` (quoted form *and* the
//! unnamed v2.8 message) matches Kubernetes 1.28 as modelled here.
//!
//! # Known approximations
//!
//! * Go's `strings.ToLower` is followed to the letter for Unicode 15.0.0, the
//!   version of Go's tables from Go 1.21 on (`lowercase.rs`); the first
//!   Kubernetes 1.28 releases, built with Go 1.20, had Unicode 13.0.0's.
//! * Go's `strconv.IsPrint` uses Unicode 15.0.0 too; [`go_quote`] follows it
//!   but for unassigned code points (next point).
//! * [`go_quote`] prints code points in the small unassigned gaps of Unicode
//!   15.0 as they are (Go escapes every unassigned code point); the large
//!   unassigned blocks and the noncharacters are escaped as Go does.

mod gostr;
mod grammar;
mod lowercase;

pub use gostr::go_quote;

use std::fmt;

/// Maximum length in bytes of a repository path (v0.6.0) or of the whole name
/// (older libraries): `NameTotalLengthMax`.
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// The tag `ParseImageName` reports when a reference has neither tag nor digest.
pub const DEFAULT_IMAGE_TAG: &str = "latest";

/// Docker Hub's canonical domain, added by normalization.
const DEFAULT_DOMAIN: &str = "docker.io";
/// Docker Hub's legacy domain, canonicalized to [`DEFAULT_DOMAIN`].
const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
/// Namespace of Docker Hub's official images.
const OFFICIAL_REPO_PREFIX: &str = "library/";

/// Which image-reference library to reproduce; see the module documentation. The
/// release → library table is [`crate::KubeVersion::reference_rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rules {
    /// `github.com/distribution/reference` v0.6.0 (Kubernetes ≥ 1.32): the
    /// 255-character limit applies to the repository path only.
    #[default]
    V0_6,
    /// `github.com/distribution/reference` v0.5.0 (Kubernetes 1.29–1.31): the
    /// 255-character limit applies to the whole name (domain + `/` + path).
    Legacy,
    /// `github.com/docker/distribution/reference` v2.8.x (Kubernetes ≤ 1.28):
    /// whole-name length limit, no bracketed IPv6 hosts, upper-case first
    /// components are not domains, and the upper-case error does not name the
    /// repository. The `ParseImageName` / kubelet message wrappers are those
    /// of 1.28 (releases ≤ 1.27 worded them differently; not modelled).
    DockerDistribution,
}

impl Rules {
    /// Whether the 255 limit applies to the whole name rather than the path.
    fn limits_whole_name(self) -> bool {
        !matches!(self, Rules::V0_6)
    }

    /// Whether `[ipv6]` hosts exist in the grammar.
    fn has_ipv6(self) -> bool {
        !matches!(self, Rules::DockerDistribution)
    }
}

/// A successfully parsed, normalized image reference (Go's `reference.Named`,
/// possibly `Tagged` and/or `Digested`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    domain: String,
    path: String,
    tag: Option<String>,
    digest: Option<String>,
}

impl Reference {
    /// `Domain()`: the registry host (and port), e.g. `docker.io`,
    /// `localhost:5000`, `[::1]:5000`. Empty when the first component looked
    /// like a domain but is not a valid one (`my_registry.com/app`).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// `Path()`: the repository path, e.g. `library/nginx`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `Name()`: `domain/path`, or just the path when the domain is empty.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// `Tag()`, when the reference has a tag.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// `Digest().String()`, e.g. `sha256:<64 hex>`, when the reference has one.
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// `FamiliarName`: the name without `docker.io/`, and without `library/`
    /// when that leaves a single path component (`docker.io/library/nginx` →
    /// `nginx`, `docker.io/library/a/b` → `library/a/b`).
    pub fn familiar_name(&self) -> String {
        if self.domain != DEFAULT_DOMAIN {
            return self.name();
        }
        match self.path.strip_prefix(OFFICIAL_REPO_PREFIX) {
            Some(rest) if !rest.contains('/') => rest.to_owned(),
            _ => self.path.clone(),
        }
    }

    /// `String()`: `name[:tag][@digest]`.
    pub fn string(&self) -> String {
        let mut s = self.name();
        if let Some(tag) = &self.tag {
            s.push(':');
            s.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            s.push('@');
            s.push_str(digest);
        }
        s
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.string())
    }
}

/// Why a reference did not parse; `Display` is the exact Go error text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// `ErrReferenceInvalidFormat`: `invalid reference format`.
    InvalidFormat,
    /// `ErrNameContainsUppercase`: `repository name must be lowercase`
    /// (from `Parse`, when only lower-casing the whole string makes it match).
    NameContainsUppercase,
    /// `ErrNameEmpty`: `repository name must have at least one component`
    /// (only [`parse`] of `""`; `ParseNormalizedNamed` never returns it).
    NameEmpty,
    /// `ErrNameTooLong`: `repository name must not be more than 255 characters`.
    NameTooLong,
    /// The input is a 64-hex identifier:
    /// `invalid repository name (<input>), cannot specify 64-byte hexadecimal strings`.
    HexIdentifier(String),
    /// The normalized remote name has upper case:
    /// `invalid reference format: repository name (<remote>) must be lowercase`
    /// (`<remote>` includes an added `library/`).
    RemoteNotLowercase(String),
    /// docker/distribution v2.8.2's form of [`ReferenceError::RemoteNotLowercase`]:
    /// `invalid reference format: repository name must be lowercase`.
    RemoteNotLowercaseUnnamed,
    /// go-digest `ErrDigestInvalidFormat`: `invalid checksum digest format`.
    DigestInvalidFormat,
    /// go-digest `ErrDigestInvalidLength`: `invalid checksum digest length`.
    DigestInvalidLength,
    /// go-digest `ErrDigestUnsupported`: `unsupported digest algorithm`.
    DigestUnsupported,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceError::InvalidFormat => f.write_str("invalid reference format"),
            ReferenceError::NameContainsUppercase => {
                f.write_str("repository name must be lowercase")
            }
            ReferenceError::NameEmpty => {
                f.write_str("repository name must have at least one component")
            }
            ReferenceError::NameTooLong => write!(
                f,
                "repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters"
            ),
            ReferenceError::HexIdentifier(s) => write!(
                f,
                "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
            ),
            ReferenceError::RemoteNotLowercase(remote) => write!(
                f,
                "invalid reference format: repository name ({remote}) must be lowercase"
            ),
            ReferenceError::RemoteNotLowercaseUnnamed => {
                f.write_str("invalid reference format: repository name must be lowercase")
            }
            ReferenceError::DigestInvalidFormat => f.write_str("invalid checksum digest format"),
            ReferenceError::DigestInvalidLength => f.write_str("invalid checksum digest length"),
            ReferenceError::DigestUnsupported => f.write_str("unsupported digest algorithm"),
        }
    }
}

impl std::error::Error for ReferenceError {}

/// `reference.Parse(s)`: parse without Docker Hub normalization (`foo/bar`
/// has domain `foo`). Kubernetes does not call this directly; it is what
/// [`parse_normalized_named`] runs on the normalized string.
///
/// # Errors
///
/// The `Parse` errors: [`ReferenceError::NameEmpty`] for `""`,
/// [`ReferenceError::InvalidFormat`] or [`ReferenceError::NameContainsUppercase`]
/// when the grammar does not match, [`ReferenceError::NameTooLong`], then the
/// digest errors.
pub fn parse(s: &str, rules: Rules) -> Result<Reference, ReferenceError> {
    let ipv6 = rules.has_ipv6();
    let Some(m) = grammar::match_reference(s, ipv6) else {
        if s.is_empty() {
            return Err(ReferenceError::NameEmpty);
        }
        // Go re-runs the regexp on `strings.ToLower(s)`; when lower-casing
        // changes nothing the answer is the same "no match".
        let lowered_matches = gostr::ascii_lower_for_match(s)
            .is_some_and(|lower| lower != s && grammar::match_reference(&lower, ipv6).is_some());
        return Err(if lowered_matches {
            ReferenceError::NameContainsUppercase
        } else {
            ReferenceError::InvalidFormat
        });
    };
    if rules.limits_whole_name() && m.name.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    // `match_reference` only succeeds when the name matches, so the split
    // exists; fall back to "no domain" rather than panic.
    let (domain, path) = grammar::split_name(m.name, ipv6).unwrap_or(("", m.name));
    if !rules.limits_whole_name() && path.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    if let Some(digest) = m.digest {
        grammar::validate_digest(digest)?;
    }
    Ok(Reference {
        domain: domain.to_owned(),
        path: path.to_owned(),
        tag: m.tag.map(str::to_owned),
        digest: m.digest.map(str::to_owned),
    })
}

/// `splitDockerDomain`: the domain and the remainder (remote name plus any
/// `:tag` / `@digest`), with Docker Hub normalization applied.
fn split_docker_domain(s: &str, rules: Rules) -> (&str, String) {
    let (domain, remainder) = match s.split_once('/') {
        None => (DEFAULT_DOMAIN, s),
        Some((first, rest)) => {
            let is_domain = first == "localhost"
                || first == LEGACY_DEFAULT_DOMAIN
                || first.contains(['.', ':'])
                || (rules != Rules::DockerDistribution && gostr::has_upper(first));
            if !is_domain {
                (DEFAULT_DOMAIN, s)
            } else if first == LEGACY_DEFAULT_DOMAIN {
                (DEFAULT_DOMAIN, rest)
            } else {
                (first, rest)
            }
        }
    };
    if domain == DEFAULT_DOMAIN && !remainder.contains('/') {
        (domain, format!("{OFFICIAL_REPO_PREFIX}{remainder}"))
    } else {
        (domain, remainder.to_owned())
    }
}

/// `reference.ParseNormalizedNamed(s)`, the parser Kubernetes uses: Docker Hub
/// normalization (`nginx` → `docker.io/library/nginx`), then [`parse`].
///
/// Error precedence: 64-hex identifier, then upper case in the normalized
/// remote name (up to the first `:`), then `Parse`'s errors (format,
/// upper case, length, digest).
///
/// ```
/// use pullpolicy::reference::{Rules, parse_normalized_named};
///
/// let r = parse_normalized_named("nginx:1.25", Rules::V0_6).unwrap();
/// assert_eq!(r.name(), "docker.io/library/nginx");
/// assert_eq!(r.tag(), Some("1.25"));
/// let err = parse_normalized_named("Nginx", Rules::V0_6).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid reference format: repository name (library/Nginx) must be lowercase"
/// );
/// ```
///
/// # Errors
///
/// Any [`ReferenceError`] but [`ReferenceError::NameEmpty`], in the order above.
pub fn parse_normalized_named(s: &str, rules: Rules) -> Result<Reference, ReferenceError> {
    if grammar::is_identifier(s) {
        return Err(ReferenceError::HexIdentifier(s.to_owned()));
    }
    let (domain, remainder) = split_docker_domain(s, rules);
    let remote = remainder.split(':').next().unwrap_or_default();
    if gostr::has_upper(remote) {
        return Err(match rules {
            Rules::DockerDistribution => ReferenceError::RemoteNotLowercaseUnnamed,
            Rules::V0_6 | Rules::Legacy => ReferenceError::RemoteNotLowercase(remote.to_owned()),
        });
    }
    parse(&format!("{domain}/{remainder}"), rules)
}

/// The result of Kubernetes' `parsers.ParseImageName`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageName {
    /// The normalized name (`Name()`), e.g. `docker.io/library/nginx`.
    pub repo_to_pull: String,
    /// The tag; `latest` when the image has neither tag nor digest, `""` when
    /// it has only a digest.
    pub tag: String,
    /// The digest string, or `""`.
    pub digest: String,
}

/// `ParseImageName`'s error: `couldn't parse image name "<image>": <err>`,
/// the image quoted as Go's `%q` does (every release from 1.28 on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseImageNameError {
    /// The image string as given.
    pub image: String,
    /// The underlying `ParseNormalizedNamed` error.
    pub source: ReferenceError,
}

impl fmt::Display for ParseImageNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "couldn't parse image name {}: {}",
            go_quote(&self.image),
            self.source
        )
    }
}

impl std::error::Error for ParseImageNameError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Kubernetes `parsers.ParseImageName`: (repoToPull, tag, digest), tag
/// `latest` when neither tag nor digest.
///
/// # Errors
///
/// [`parse_normalized_named`]'s error, wrapped with the image.
pub fn parse_image_name(image: &str, rules: Rules) -> Result<ImageName, ParseImageNameError> {
    let named = parse_normalized_named(image, rules).map_err(|source| ParseImageNameError {
        image: image.to_owned(),
        source,
    })?;
    let mut tag = named.tag().unwrap_or_default().to_owned();
    let digest = named.digest().unwrap_or_default().to_owned();
    if tag.is_empty() && digest.is_empty() {
        tag = DEFAULT_IMAGE_TAG.to_owned();
    }
    Ok(ImageName {
        repo_to_pull: named.name(),
        tag,
        digest,
    })
}

/// The kubelet's `applyDefaultImageTag`: Ok(the string sent to the runtime) or
/// Err(message) where message is exactly
/// `Failed to apply default image tag "<I>": couldn't parse image name "<I>": <err>`
/// (the `InspectFailed` event and `InvalidImageName` waiting message).
///
/// On success the image is returned unnormalized, with `:<tag>` appended when
/// there is no digest and the image does not already end in `:<tag>`
/// (`busybox` → `busybox:latest`).
///
/// # Errors
///
/// The message above whenever [`parse_image_name`] fails.
pub fn apply_default_image_tag(image: &str, rules: Rules) -> Result<String, String> {
    match parse_image_name(image, rules) {
        Err(err) => Err(format!(
            "Failed to apply default image tag {}: {err}",
            go_quote(image)
        )),
        Ok(parsed) => {
            let suffix = format!(":{}", parsed.tag);
            if parsed.digest.is_empty() && !parsed.tag.is_empty() && !image.ends_with(&suffix) {
                Ok(format!("{image}{suffix}"))
            } else {
                Ok(image.to_owned())
            }
        }
    }
}

/// The API server's defaulting decision (`SetDefaults_Container`): true
/// (`Always`) when the parsed tag is exactly `latest`; parse errors → false
/// (`IfNotPresent`).
pub fn defaults_to_always(image: &str, rules: Rules) -> bool {
    parse_image_name(image, rules).is_ok_and(|parsed| parsed.tag == DEFAULT_IMAGE_TAG)
}

#[cfg(test)]
mod tests;
