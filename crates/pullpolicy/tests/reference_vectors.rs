//! Data-driven checks of `pullpolicy::reference` against the spec's vector
//! files (copied unchanged into `tests/fixtures/`).

use pullpolicy::reference::{
    Rules, apply_default_image_tag, defaults_to_always, parse, parse_image_name,
    parse_normalized_named,
};

const REFERENCE_VECTORS: &str = include_str!("fixtures/reference-vectors.tsv");
const DEFAULTING_VECTORS: &str = include_str!("fixtures/k8s-image-defaulting-vectors.tsv");

/// Data rows of a TSV file, fields untrimmed; checks the header and the
/// number of columns of every row.
fn rows<'a>(tsv: &'a str, header: &[&str]) -> Vec<Vec<&'a str>> {
    let mut lines = tsv.split('\n');
    let head: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    assert_eq!(head, header, "unexpected header");
    let mut body: Vec<&str> = lines.collect();
    if body.last() == Some(&"") {
        body.pop();
    }
    body.into_iter()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                header.len(),
                "row {line:?} has the wrong number of fields"
            );
            fields
        })
        .collect()
}

fn opt(field: &str) -> Option<&str> {
    (!field.is_empty()).then_some(field)
}

#[test]
fn reference_vectors() {
    let rows = rows(
        REFERENCE_VECTORS,
        &[
            "input",
            "ok",
            "normalized_full_name",
            "domain",
            "path",
            "tag",
            "digest",
            "error",
        ],
    );
    assert_eq!(rows.len(), 280);
    let mut ok_rows = 0;
    for row in &rows {
        let [input, ok, name, domain, path, tag, digest, error] = row[..] else {
            unreachable!("row width checked by rows()");
        };
        let got = parse_normalized_named(input, Rules::V0_6);
        match ok {
            "1" => {
                ok_rows += 1;
                let r =
                    got.unwrap_or_else(|e| panic!("input {input:?}: expected ok, got error {e}"));
                assert_eq!(r.name(), name, "input {input:?}: name");
                assert_eq!(r.domain(), domain, "input {input:?}: domain");
                assert_eq!(r.path(), path, "input {input:?}: path");
                assert_eq!(r.tag(), opt(tag), "input {input:?}: tag");
                assert_eq!(r.digest(), opt(digest), "input {input:?}: digest");
                assert!(error.is_empty(), "input {input:?}: ok row with an error");
                let mut string = name.to_owned();
                if !tag.is_empty() {
                    string = format!("{string}:{tag}");
                }
                if !digest.is_empty() {
                    string = format!("{string}@{digest}");
                }
                assert_eq!(r.string(), string, "input {input:?}: string");
            }
            "0" => {
                let e = got.expect_err(&format!("input {input:?}: expected error {error:?}"));
                assert_eq!(e.to_string(), error, "input {input:?}: error text");
                assert!(
                    name.is_empty() && domain.is_empty() && path.is_empty(),
                    "input {input:?}: error row with parts"
                );
            }
            other => panic!("input {input:?}: bad ok flag {other:?}"),
        }

        // v0.5.0 (Kubernetes 1.29-1.31) differs only by counting the whole
        // name against the 255 limit.
        let legacy = parse_normalized_named(input, Rules::Legacy).map_err(|e| e.to_string());
        let expected_legacy = if ok == "1" && name.len() > 255 {
            Err("repository name must not be more than 255 characters".to_owned())
        } else {
            got_summary(parse_normalized_named(input, Rules::V0_6))
        };
        assert_eq!(
            legacy.map(|r| r.name()),
            expected_legacy,
            "input {input:?}: Legacy rules"
        );
    }
    assert_eq!(ok_rows, 194);
}

fn got_summary(
    r: Result<pullpolicy::reference::Reference, pullpolicy::reference::ReferenceError>,
) -> Result<String, String> {
    r.map(|r| r.name()).map_err(|e| e.to_string())
}

#[test]
fn defaulting_vectors() {
    let rows = rows(
        DEFAULTING_VECTORS,
        &[
            "image",
            "parse_ok",
            "repo_to_pull",
            "tag",
            "digest",
            "default_imagePullPolicy",
            "kubelet_image_after_default_tag",
            "kubelet_error_message",
            "provenance",
        ],
    );
    assert_eq!(rows.len(), 45);
    for row in &rows {
        let [
            image,
            parse_ok,
            repo,
            tag,
            digest,
            policy,
            kubelet_image,
            kubelet_error,
            _provenance,
        ] = row[..]
        else {
            unreachable!("row width checked by rows()");
        };
        let parsed = parse_image_name(image, Rules::V0_6);
        let kubelet = apply_default_image_tag(image, Rules::V0_6);
        match parse_ok {
            "1" => {
                let p = parsed.unwrap_or_else(|e| panic!("image {image:?}: expected ok, got {e}"));
                assert_eq!(p.repo_to_pull, repo, "image {image:?}: repo_to_pull");
                assert_eq!(p.tag, tag, "image {image:?}: tag");
                assert_eq!(p.digest, digest, "image {image:?}: digest");
                assert_eq!(
                    kubelet,
                    Ok(kubelet_image.to_owned()),
                    "image {image:?}: kubelet image"
                );
                assert!(
                    kubelet_error.is_empty(),
                    "image {image:?}: ok row with an error"
                );
            }
            "0" => {
                let e = parsed.expect_err(&format!("image {image:?}: expected an error"));
                assert!(
                    repo.is_empty() && tag.is_empty() && digest.is_empty(),
                    "image {image:?}: error row with parts"
                );
                assert!(
                    kubelet_image.is_empty(),
                    "image {image:?}: error row with an image"
                );
                assert_eq!(
                    kubelet,
                    Err(kubelet_error.to_owned()),
                    "image {image:?}: kubelet error"
                );
                let expected_prefix = format!("Failed to apply default image tag \"{image}\": ");
                assert_eq!(
                    kubelet_error.strip_prefix(&expected_prefix),
                    Some(e.to_string().as_str()),
                    "image {image:?}: ParseImageName error"
                );
            }
            other => panic!("image {image:?}: bad parse_ok flag {other:?}"),
        }
        let expected_always = match policy {
            "Always" => true,
            "IfNotPresent" => false,
            other => panic!("image {image:?}: bad policy {other:?}"),
        };
        assert_eq!(
            defaults_to_always(image, Rules::V0_6),
            expected_always,
            "image {image:?}: policy"
        );
    }
}

/// Pathological inputs must come back quickly (a hang shows in the suite's
/// timing) and never panic.
#[test]
fn megabyte_inputs_return() {
    const MB: usize = 1 << 20;
    let inputs = [
        "a".repeat(MB),
        "a:".repeat(MB / 2),
        "a/".repeat(MB / 2),
        "[".repeat(MB),
        "a-".repeat(MB / 2) + "a",
        format!("{}/a", "a.".repeat(MB / 2)),
        format!("a@sha256:{}", "f".repeat(MB)),
        "\u{e9}".repeat(MB / 2),
        "\u{212A}".repeat(MB / 3),
    ];
    for input in &inputs {
        for rules in [Rules::V0_6, Rules::Legacy, Rules::DockerDistribution] {
            std::hint::black_box(parse_normalized_named(input, rules).ok());
        }
        std::hint::black_box(parse(input, Rules::V0_6).ok());
        std::hint::black_box(apply_default_image_tag(input, Rules::V0_6).ok());
    }
    assert!(parse_normalized_named(&inputs[0], Rules::V0_6).is_err());
    // Long but valid: neither the domain nor the whole string has a limit.
    let long_domain = format!("{}.com/a", "a".repeat(MB));
    assert!(parse_normalized_named(&long_domain, Rules::V0_6).is_ok());
    assert!(parse_normalized_named(&long_domain, Rules::Legacy).is_err());
    let long_ipv6 = format!("[{}]:1/a", ":".repeat(MB));
    assert!(parse_normalized_named(&long_ipv6, Rules::V0_6).is_ok());
}
