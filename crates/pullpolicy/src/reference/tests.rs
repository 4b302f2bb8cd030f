use super::*;

const ALL_RULES: [Rules; 3] = [Rules::V0_6, Rules::Legacy, Rules::DockerDistribution];
const NEW_RULES: [Rules; 2] = [Rules::V0_6, Rules::Legacy];

const HEX64: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Expected outcome: `Ok((domain, path, tag, digest))` or `Err(error text)`.
type Expect<'a> = Result<(&'a str, &'a str, Option<&'a str>, Option<&'a str>), &'a str>;

#[track_caller]
fn check(input: &str, rules: &[Rules], expected: Expect<'_>) {
    for &r in rules {
        let got = parse_normalized_named(input, r);
        match (&got, expected) {
            (Ok(reference), Ok((domain, path, tag, digest))) => {
                assert_eq!(
                    (
                        reference.domain(),
                        reference.path(),
                        reference.tag(),
                        reference.digest()
                    ),
                    (domain, path, tag, digest),
                    "input {input:?} under {r:?}"
                );
            }
            (Err(err), Err(text)) => {
                assert_eq!(err.to_string(), text, "input {input:?} under {r:?}");
            }
            _ => panic!("input {input:?} under {r:?}: got {got:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn docker_domain_table() {
    // Spec §3.5, one row per case.
    check(
        "ubuntu",
        &ALL_RULES,
        Ok(("docker.io", "library/ubuntu", None, None)),
    );
    check(
        "ubuntu:22.04",
        &ALL_RULES,
        Ok(("docker.io", "library/ubuntu", Some("22.04"), None)),
    );
    check(
        "localhost",
        &ALL_RULES,
        Ok(("docker.io", "library/localhost", None, None)),
    );
    check(
        "localhost:5000",
        &ALL_RULES,
        Ok(("docker.io", "library/localhost", Some("5000"), None)),
    );
    check(
        "example.com:8080",
        &ALL_RULES,
        Ok(("docker.io", "library/example.com", Some("8080"), None)),
    );
    check(
        "localhost/app",
        &ALL_RULES,
        Ok(("localhost", "app", None, None)),
    );
    check(
        "index.docker.io/nginx",
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", None, None)),
    );
    check(
        "index.docker.io/a/b",
        &ALL_RULES,
        Ok(("docker.io", "a/b", None, None)),
    );
    check(
        "docker.io/foo",
        &ALL_RULES,
        Ok(("docker.io", "library/foo", None, None)),
    );
    check(
        "docker.io/a/b",
        &ALL_RULES,
        Ok(("docker.io", "a/b", None, None)),
    );
    check(
        "example.com/app",
        &ALL_RULES,
        Ok(("example.com", "app", None, None)),
    );
    check(
        "example:5000/app",
        &ALL_RULES,
        Ok(("example:5000", "app", None, None)),
    );
    check("Foo/bar", &NEW_RULES, Ok(("Foo", "bar", None, None)));
    check(
        "LOCALDOMAIN/x",
        &NEW_RULES,
        Ok(("LOCALDOMAIN", "x", None, None)),
    );
    check(
        "docker/docker",
        &ALL_RULES,
        Ok(("docker.io", "docker/docker", None, None)),
    );
    check(
        "test_com/foo",
        &ALL_RULES,
        Ok(("docker.io", "test_com/foo", None, None)),
    );
}

#[test]
fn invalid_domains_are_reread_as_paths() {
    check(
        "my_registry.com/app",
        &ALL_RULES,
        Ok(("", "my_registry.com/app", None, None)),
    );
    let r = parse_normalized_named("my_registry.com/app", Rules::V0_6).unwrap();
    assert_eq!(r.name(), "my_registry.com/app");
    assert_eq!(r.familiar_name(), "my_registry.com/app");
    check(
        "foo_bar.com:8080/app",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check(
        "do__cker:8080/docker",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check(
        "foo_bar.com:8080",
        &ALL_RULES,
        Ok(("docker.io", "library/foo_bar.com", Some("8080"), None)),
    );
    check(
        "-docker.io/docker/docker",
        &ALL_RULES,
        Err("invalid reference format"),
    );
}

#[test]
fn upper_case() {
    check(
        "MyRegistry/team/app",
        &NEW_RULES,
        Ok(("MyRegistry", "team/app", None, None)),
    );
    check(
        "Nginx",
        &NEW_RULES,
        Err("invalid reference format: repository name (library/Nginx) must be lowercase"),
    );
    check(
        "docker.io/docker/Docker",
        &NEW_RULES,
        Err("invalid reference format: repository name (docker/Docker) must be lowercase"),
    );
    check(
        "Foo/FarB",
        &NEW_RULES,
        Err("invalid reference format: repository name (FarB) must be lowercase"),
    );
    // Upper case in tags and domains is fine.
    check(
        "lowercase:Uppercase",
        &ALL_RULES,
        Ok(("docker.io", "library/lowercase", Some("Uppercase"), None)),
    );
    check(
        "Asdf.com/foo/bar",
        &ALL_RULES,
        Ok(("Asdf.com", "foo/bar", None, None)),
    );
    // docker/distribution v2.8.2: no upper-case domains, unnamed message.
    let unnamed = "invalid reference format: repository name must be lowercase";
    for input in [
        "Nginx",
        "MyRegistry/team/app",
        "Foo/bar",
        "LOCALDOMAIN/x",
        "docker/Docker",
    ] {
        check(input, &[Rules::DockerDistribution], Err(unnamed));
    }
    // Parse's own upper-case error: only reachable when lower-casing fixes a
    // character the remote-name check does not see (KELVIN SIGN in a tag).
    check(
        "foo:\u{212A}",
        &ALL_RULES,
        Err("repository name must be lowercase"),
    );
    check(
        "foo:\u{130}x",
        &ALL_RULES,
        Err("repository name must be lowercase"),
    );
    check("foo:\u{e9}", &ALL_RULES, Err("invalid reference format"));
    // Non-ASCII upper case in the remote name is caught by the remote check.
    check(
        "caf\u{c9}",
        &NEW_RULES,
        Err("invalid reference format: repository name (library/caf\u{c9}) must be lowercase"),
    );
    assert_eq!(
        parse("Docker.io/Library/Foo", Rules::V0_6).unwrap_err(),
        ReferenceError::NameContainsUppercase
    );
}

#[test]
fn error_precedence() {
    // Identifier check comes first (even though it is also lower case hex).
    check(
        HEX64,
        &ALL_RULES,
        Err(&format!(
            "invalid repository name ({HEX64}), cannot specify 64-byte hexadecimal strings"
        )),
    );
    // 63 / 65 hex digits are ordinary names.
    check(
        &HEX64[..63],
        &ALL_RULES,
        Ok((
            "docker.io",
            &format!("library/{}", &HEX64[..63]),
            None,
            None,
        )),
    );
    // Upper case beats a format error later in the string.
    check(
        "Nginx:",
        &NEW_RULES,
        Err("invalid reference format: repository name (library/Nginx) must be lowercase"),
    );
    // The remote name ends at the first ':' ...
    check(
        "nginx:Tag@sha256:abc",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    // ... and otherwise includes the '@' part.
    check(
        &format!("nginx@Sha256:{HEX64}"),
        &NEW_RULES,
        Err("invalid reference format: repository name (library/nginx@Sha256) must be lowercase"),
    );
    check(
        "nginx@sha256:ABC",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    // Length is checked before the digest.
    let long = format!("{}@md5:{}", "a".repeat(300), "0".repeat(32));
    check(
        &long,
        &ALL_RULES,
        Err("repository name must not be more than 255 characters"),
    );
    // Format errors beat length errors.
    let long_bad = format!("{}:", "a".repeat(300));
    check(&long_bad, &ALL_RULES, Err("invalid reference format"));
    check("", &ALL_RULES, Err("invalid reference format"));
    assert_eq!(
        parse("", Rules::V0_6).unwrap_err().to_string(),
        "repository name must have at least one component"
    );
}

#[test]
fn digests() {
    // Spec §3.6.
    let sha256 = format!("sha256:{HEX64}");
    check(
        &format!("nginx@{sha256}"),
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", None, Some(&sha256))),
    );
    let sha384 = format!("sha384:{}", "a".repeat(96));
    check(
        &format!("nginx@{sha384}"),
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", None, Some(&sha384))),
    );
    let sha512 = format!("sha512:{}", "f".repeat(128));
    check(
        &format!("nginx@{sha512}"),
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", None, Some(&sha512))),
    );
    check(
        &format!("nginx:latest@{sha256}"),
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", Some("latest"), Some(&sha256))),
    );
    check(
        &format!("nginx@sha256:{}", "f".repeat(32)),
        &ALL_RULES,
        Err("invalid checksum digest length"),
    );
    check(
        &format!("nginx@sha512:{HEX64}"),
        &ALL_RULES,
        Err("invalid checksum digest length"),
    );
    check(
        &format!("nginx@sha256:{}", HEX64.to_uppercase()),
        &ALL_RULES,
        Err("invalid checksum digest format"),
    );
    check(
        &format!("nginx@md5:{}", "a".repeat(32)),
        &ALL_RULES,
        Err("unsupported digest algorithm"),
    );
    check(
        &format!("nginx@sha3+x.y_z-w:{}", "a".repeat(32)),
        &ALL_RULES,
        Err("unsupported digest algorithm"),
    );
    check(
        &format!("nginx:1@SHA256:{HEX64}"),
        &ALL_RULES,
        Err("invalid checksum digest format"),
    );
    check(
        &format!("nginx:1@Md5:{}", "a".repeat(32)),
        &ALL_RULES,
        Err("invalid checksum digest format"),
    );
    // Without a tag the remote name runs up to the digest's ':'.
    check(
        &format!("nginx@SHA256:{HEX64}"),
        &NEW_RULES,
        Err("invalid reference format: repository name (library/nginx@SHA256) must be lowercase"),
    );
    check(
        "nginx@sha256:abc",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check("nginx@", &ALL_RULES, Err("invalid reference format"));
    check(
        &format!("nginx@@{sha256}"),
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check(
        &format!("nginx@{sha256}@{sha256}"),
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check(
        &format!("nginx@1sha:{}", "a".repeat(32)),
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check(
        &format!("nginx@sha--256:{}", "a".repeat(32)),
        &ALL_RULES,
        Err("invalid reference format"),
    );
}

#[test]
fn ipv6() {
    check(
        "[::1]:5000/app",
        &NEW_RULES,
        Ok(("[::1]:5000", "app", None, None)),
    );
    check(
        "[2001:db8::1]/repo:tag",
        &NEW_RULES,
        Ok(("[2001:db8::1]", "repo", Some("tag"), None)),
    );
    check(
        "[FC00::1]:5000/app",
        &NEW_RULES,
        Ok(("[FC00::1]:5000", "app", None, None)),
    );
    for bad in [
        "[fc00::1]:5000",
        "[fc00::1]",
        "[fe80::1%eth0]:5000/app",
        "[2001:db8:3:4::192.0.2.33]:5000/debian",
        "[]:5000/app",
        "[::1]5000/app",
        "[::1]::5000/app",
        "[::1:5000/app",
        "fc00::1:5000/debian",
    ] {
        check(bad, &ALL_RULES, Err("invalid reference format"));
    }
    check(
        "[::1]:5000/app",
        &[Rules::DockerDistribution],
        Err("invalid reference format"),
    );
}

#[test]
fn ports_and_ipv4() {
    check(
        "192.168.1.1:750050/x",
        &ALL_RULES,
        Ok(("192.168.1.1:750050", "x", None, None)),
    );
    check(
        "192.168.1.1",
        &ALL_RULES,
        Ok(("docker.io", "library/192.168.1.1", None, None)),
    );
    check(
        "foo.com:http/bar",
        &ALL_RULES,
        Err("invalid reference format"),
    );
    check("foo.com:/bar", &ALL_RULES, Err("invalid reference format"));
    check("a:1:2/b", &ALL_RULES, Err("invalid reference format"));
}

#[test]
fn length_rule() {
    // Path exactly 255 bytes under a custom domain: fine everywhere except
    // where the whole name counts.
    let path255 = "a".repeat(255);
    let input = format!("example.com/{path255}");
    check(
        &input,
        &[Rules::V0_6],
        Ok(("example.com", &path255, None, None)),
    );
    check(
        &input,
        &[Rules::Legacy, Rules::DockerDistribution],
        Err("repository name must not be more than 255 characters"),
    );
    check(
        &format!("example.com/{path255}a"),
        &ALL_RULES,
        Err("repository name must not be more than 255 characters"),
    );
    // Whole name exactly 255 bytes: fine everywhere.
    let path243 = "b".repeat(243);
    check(
        &format!("example.com/{path243}"),
        &ALL_RULES,
        Ok(("example.com", &path243, None, None)),
    );
    check(
        &format!("example.com/{path243}b"),
        &[Rules::V0_6],
        Ok(("example.com", &format!("{path243}b"), None, None)),
    );
    check(
        &format!("example.com/{path243}b"),
        &[Rules::Legacy],
        Err("repository name must not be more than 255 characters"),
    );
    // Single component: the added "library/" counts; 247 fits, 248 does not.
    let a247 = "c".repeat(247);
    check(
        &a247,
        &[Rules::V0_6],
        Ok(("docker.io", &format!("library/{a247}"), None, None)),
    );
    check(
        &format!("{a247}c"),
        &[Rules::V0_6],
        Err("repository name must not be more than 255 characters"),
    );
    // Whole-name rules count "docker.io/library/" (18 bytes): 237 fits.
    let a237 = "d".repeat(237);
    check(
        &a237,
        &ALL_RULES,
        Ok(("docker.io", &format!("library/{a237}"), None, None)),
    );
    check(
        &format!("{a237}d"),
        &[Rules::Legacy, Rules::DockerDistribution],
        Err("repository name must not be more than 255 characters"),
    );
    // Tag length 128 is the maximum.
    let tag128 = format!("x{}", "y".repeat(127));
    check(
        &format!("nginx:{tag128}"),
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", Some(&tag128), None)),
    );
    check(
        &format!("nginx:{tag128}y"),
        &ALL_RULES,
        Err("invalid reference format"),
    );
}

#[test]
fn path_components() {
    for ok in [
        "a-b/c",
        "a--b/c",
        "a__b/c",
        "c/a.b",
        "a_b/c",
        "docker---rules/docker",
    ] {
        check(ok, &ALL_RULES, Ok(("docker.io", ok, None, None)));
    }
    for bad in [
        "a-.b", "a___b/c", "c/a..b", "c/a_.b", "a-/b", "-a/b", "a/b-", "a//b", "a/", "/a", "_a/b",
    ] {
        check(bad, &ALL_RULES, Err("invalid reference format"));
    }
}

#[test]
fn tags() {
    check(
        "nginx:_x",
        &ALL_RULES,
        Ok(("docker.io", "library/nginx", Some("_x"), None)),
    );
    check("nginx:.x", &ALL_RULES, Err("invalid reference format"));
    check("nginx:-x", &ALL_RULES, Err("invalid reference format"));
    check("nginx:a:b", &ALL_RULES, Err("invalid reference format"));
    check("nginx:", &ALL_RULES, Err("invalid reference format"));
    check("nginx:a/b", &ALL_RULES, Err("invalid reference format"));
    check(
        "host:5000/nginx:1.25-alpine",
        &ALL_RULES,
        Ok(("host:5000", "nginx", Some("1.25-alpine"), None)),
    );
}

#[test]
fn reference_accessors() {
    let r = parse_normalized_named(&format!("nginx:1.25@sha256:{HEX64}"), Rules::V0_6).unwrap();
    assert_eq!(r.name(), "docker.io/library/nginx");
    assert_eq!(r.familiar_name(), "nginx");
    assert_eq!(
        r.string(),
        format!("docker.io/library/nginx:1.25@sha256:{HEX64}")
    );
    assert_eq!(r.to_string(), r.string());
    let r = parse_normalized_named("library/a/b", Rules::V0_6).unwrap();
    assert_eq!(r.familiar_name(), "library/a/b");
    let r = parse_normalized_named("docker.io/user/app:v1", Rules::V0_6).unwrap();
    assert_eq!(r.familiar_name(), "user/app");
    assert_eq!(r.string(), "docker.io/user/app:v1");
    let r = parse_normalized_named("quay.io/library/x", Rules::V0_6).unwrap();
    assert_eq!(r.familiar_name(), "quay.io/library/x");
    // Plain Parse does not normalize.
    let r = parse("foo/bar", Rules::V0_6).unwrap();
    assert_eq!((r.domain(), r.path()), ("foo", "bar"));
    let r = parse("foo", Rules::V0_6).unwrap();
    assert_eq!((r.domain(), r.path()), ("", "foo"));
}

#[test]
fn image_name_and_kubelet() {
    let parsed = parse_image_name("busybox", Rules::V0_6).unwrap();
    assert_eq!(
        parsed,
        ImageName {
            repo_to_pull: "docker.io/library/busybox".into(),
            tag: "latest".into(),
            digest: String::new()
        }
    );
    assert_eq!(
        apply_default_image_tag("busybox", Rules::V0_6).unwrap(),
        "busybox:latest"
    );
    assert_eq!(
        apply_default_image_tag("busybox:latest", Rules::V0_6).unwrap(),
        "busybox:latest"
    );
    assert_eq!(
        apply_default_image_tag("busybox:1", Rules::V0_6).unwrap(),
        "busybox:1"
    );
    let digested = format!("busybox@sha256:{HEX64}");
    assert_eq!(
        apply_default_image_tag(&digested, Rules::V0_6).unwrap(),
        digested
    );
    assert!(defaults_to_always("busybox", Rules::V0_6));
    assert!(defaults_to_always(
        &format!("busybox:latest@sha256:{HEX64}"),
        Rules::V0_6
    ));
    assert!(!defaults_to_always("busybox:LATEST", Rules::V0_6));
    assert!(!defaults_to_always(&digested, Rules::V0_6));
    assert!(!defaults_to_always("Busybox", Rules::V0_6));

    assert_eq!(
        apply_default_image_tag("ACTOKEY", Rules::V0_6).unwrap_err(),
        "Failed to apply default image tag \"ACTOKEY\": couldn't parse image name \"ACTOKEY\": invalid reference format: repository name (library/ACTOKEY) must be lowercase"
    );
    assert_eq!(
        apply_default_image_tag("ACTOKEY:v7.1.1", Rules::DockerDistribution).unwrap_err(),
        "Failed to apply default image tag \"ACTOKEY:v7.1.1\": couldn't parse image name \"ACTOKEY:v7.1.1\": invalid reference format: repository name must be lowercase"
    );
    assert_eq!(
        parse_image_name("a\tb\"c\u{a0}", Rules::V0_6)
            .unwrap_err()
            .to_string(),
        "couldn't parse image name \"a\\tb\\\"c\\u00a0\": invalid reference format"
    );
}

#[test]
fn go_quoting() {
    assert_eq!(go_quote(""), "\"\"");
    assert_eq!(go_quote(" nginx"), "\" nginx\"");
    assert_eq!(
        go_quote("a\0b\u{7f}\u{a0}\u{200b}\u{feff}\u{1F600}\u{e9}\t\"\\\u{E0001}\u{E000}"),
        "\"a\\x00b\\x7f\\u00a0\\u200b\\ufeff\u{1F600}\u{e9}\\t\\\"\\\\\\U000e0001\\ue000\""
    );
    assert_eq!(
        go_quote("\u{7}\u{8}\u{c}\n\r\u{b}\u{1b}"),
        "\"\\a\\b\\f\\n\\r\\v\\x1b\""
    );
    assert_eq!(
        go_quote("\u{85}\u{2028}\u{3000}\u{ad}"),
        "\"\\u0085\\u2028\\u3000\\u00ad\""
    );
}

#[test]
fn odd_inputs_do_not_panic() {
    for input in [
        "\0",
        "\u{0}/\u{0}",
        "é",
        "é/é",
        "a/é:é@é",
        "@",
        ":",
        "/",
        "[",
        "]",
        "[]",
        "[:]",
        "::",
        "@@",
        ":@",
        "a@b:c",
        "\u{10FFFF}",
        "a:\u{212A}/b",
        "İ",
        "\u{130}/x",
        "a/b:c/d@e:f",
    ] {
        for r in ALL_RULES {
            let _ = parse_normalized_named(input, r);
            let _ = parse(input, r);
            let _ = apply_default_image_tag(input, r);
        }
    }
}

/// The non-ASCII code points whose simple lower-case mapping is not themselves
/// in Unicode 15.0.0 (`scripts/gen_unicode_lowercase.sh`).
fn unicode_15_lowercase() -> Vec<u32> {
    include_str!("../../tests/fixtures/unicode-15.0.0-lowercase.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| u32::from_str_radix(l, 16).unwrap())
        .collect()
}

/// The runs in `lowercase.rs` are Unicode 15.0.0's, code point for code point; on
/// a mismatch the test prints the runs the data gives.
#[test]
fn lowercase_runs_are_unicode_15() {
    let changed = unicode_15_lowercase();
    assert_eq!(changed.len(), 1407);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < changed.len() {
        let run_end = |step| {
            let mut j = i;
            while changed.get(j + 1) == Some(&(changed[j] + step)) {
                j += 1;
            }
            j
        };
        let (by_one, by_two) = (run_end(1), run_end(2));
        let (end, step) = if by_one >= by_two {
            (by_one, 1)
        } else {
            (by_two, 2)
        };
        runs.push((changed[i], u8::try_from(end - i + 1).unwrap(), step));
        i = end + 1;
    }
    let table: String = runs
        .iter()
        .map(|(first, count, step)| format!("    (0x{first:04X}, {count}, {step}),\n"))
        .collect();
    assert!(
        lowercase::RUNS == runs.as_slice(),
        "lowercase.rs needs these runs:\n{table}"
    );
    let mismatched: Vec<u32> = (0x80..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|&c| lowercase::changes(c) != changed.binary_search(&u32::from(c)).is_ok())
        .map(u32::from)
        .collect();
    assert_eq!(
        mismatched,
        Vec::<u32>::new(),
        "lowercase::changes disagrees with the data"
    );
}

/// Go's `strings.ToLower` leaves the capitals Unicode added after 15.0.0 as they
/// are (Rust's `char::to_lowercase` does not), so Kubernetes reads an image
/// name holding one as malformed, not as upper case; the capitals of 15.0.0 and
/// before are upper case.
#[test]
fn capitals_newer_than_unicode_15_are_not_upper_case_for_go() {
    // U+1C89 CYRILLIC CAPITAL LETTER TJE (16.0), U+A7CB LATIN CAPITAL LETTER
    // RAMS HORN (16.0), U+10D50 GARAY CAPITAL LETTER A (16.0), U+16EA0 BERIA
    // ERFE CAPITAL LETTER ARKAB (17.0).
    for c in ['\u{1C89}', '\u{A7CB}', '\u{10D50}', '\u{16EA0}'] {
        assert!(c.to_lowercase().ne([c]), "{c:?} is cased in Rust's Unicode");
        assert!(!gostr::has_upper(&c.to_string()), "{c:?}");
        check(
            &format!("caf{c}"),
            &ALL_RULES,
            Err("invalid reference format"),
        );
    }
    // U+0410 CYRILLIC CAPITAL LETTER A (1.1), U+2C2F GLAGOLITIC CAPITAL LETTER
    // CAUDATE CHRIVI (14.0), U+A7D0 LATIN CAPITAL LETTER CLOSED INSULAR G (14.0).
    for c in ['\u{410}', '\u{2C2F}', '\u{A7D0}'] {
        assert!(gostr::has_upper(&c.to_string()), "{c:?}");
        check(
            &format!("caf{c}"),
            &NEW_RULES,
            Err(&format!(
                "invalid reference format: repository name (library/caf{c}) must be lowercase"
            )),
        );
    }
}
