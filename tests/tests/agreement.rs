//! The span-aware reader and serde_yaml agree: for every fixture and every file of the
//! real-world corpus that serde_yaml can read, the image and policy strings the report
//! shows are the values serde_yaml finds at the entry's path, and the report's UTF-16
//! positions point at those values in the text.

use pullpolicy::{DocumentStatus, Options, Report};
use serde::Deserialize;
use serde_yaml::Value;
use std::path::Path;

/// `spec.template.spec.containers[0]` → the value there.
fn at_path<'v>(mut v: &'v Value, path: &str) -> Option<&'v Value> {
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !key.is_empty() {
            v = v.get(key)?;
        }
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

/// The text starting at a UTF-16 offset.
fn text_at(text: &str, offset16: u32) -> &str {
    let mut units = 0u32;
    for (byte, c) in text.char_indices() {
        if units >= offset16 {
            return &text[byte..];
        }
        units += c.len_utf16() as u32;
    }
    ""
}

fn check_value(
    file: &Path,
    text: &str,
    value: Option<&Value>,
    shown: Option<&str>,
    offset16: u32,
    what: &str,
) -> usize {
    let Some(Value::String(expected)) = value else {
        return 0;
    };
    assert_eq!(shown, Some(expected.as_str()), "{}: {what}", file.display());
    let there = text_at(text, offset16);
    let unquoted = there.strip_prefix(['"', '\'']).unwrap_or(there);
    if !expected.contains(['\\', '\n', '\'']) {
        assert!(
            unquoted.starts_with(expected.as_str()),
            "{}: {what} position points at {:?}, not {expected:?}",
            file.display(),
            &there[..there.len().min(40)]
        );
    }
    1
}

#[test]
fn serde_yaml_and_the_span_reader_agree() {
    let mut checked = 0;
    for file in pullpolicy_tests::inputs() {
        let text = std::fs::read_to_string(&file).unwrap();
        let docs: Result<Vec<Value>, _> = serde_yaml::Deserializer::from_str(&text)
            .map(Value::deserialize)
            .collect();
        let Ok(docs) = docs else { continue };
        let report: Report = pullpolicy::explain(&text, &Options::default());
        // Documents are kubectl's chunks (`---` lines only; `---` right after a `---` line
        // starts the next chunk); serde_yaml counts YAML documents. Compared where the
        // two count alike (the Go oracle, `crates/pullpolicy/tests/read_oracle.rs`, is
        // the reference for everything the reader decodes).
        let chunks = report
            .documents
            .iter()
            .map(|d| d.index + 1)
            .max()
            .unwrap_or(0);
        if chunks != docs.len() {
            eprintln!(
                "{}: {chunks} chunks, {} YAML documents",
                file.display(),
                docs.len()
            );
            continue;
        }
        for d in &report.documents {
            if d.status != DocumentStatus::Analysed {
                continue;
            }
            let mut root = &docs[d.index];
            if let Some(item) = d.item {
                root = &root["items"][item];
            }
            for e in &d.entries {
                let entry = at_path(root, &e.path).expect("the entry's path exists");
                let (image_key, policy_key, holder) = if e.role == pullpolicy::Role::ImageVolume {
                    ("reference", "pullPolicy", entry.get("image"))
                } else {
                    ("image", "imagePullPolicy", Some(entry))
                };
                let holder = holder.expect("image volume source");
                checked += check_value(
                    &file,
                    &text,
                    holder.get(image_key),
                    e.image.raw.as_deref(),
                    e.image.position.offset16,
                    "image",
                );
                checked += check_value(
                    &file,
                    &text,
                    holder.get(policy_key),
                    e.policy.written.as_deref(),
                    e.policy.position.offset16,
                    "imagePullPolicy",
                );
            }
        }
    }
    assert!(checked > 250, "only {checked} values compared");
}

#[test]
fn corpus_figures_match_its_readme() {
    // The corpus README: 363 files; 6 do not parse (templates); 203 container / init /
    // ephemeral / image-volume entries in built-in workload kinds across 147 files.
    // Five of the six are templates with `{{…}}` keys, which Kubernetes cannot convert to
    // JSON either; the sixth is a JSON file indented with a tab, which a YAML 1.1 reader
    // rejects but kubectl reads as JSON, so it counts as readable here.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let paths: Vec<_> = pullpolicy_tests::inputs()
        .into_iter()
        .filter(|p| p.starts_with(&corpus))
        .collect();
    assert_eq!(paths.len(), 363);
    let (mut unreadable, mut entries, mut with_entries) = (0, 0, 0);
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let report = pullpolicy::explain(&text, &Options::default());
        unreadable += usize::from(!report.syntax_errors.is_empty());
        let n: usize = report
            .documents
            .iter()
            .filter(|d| d.status == DocumentStatus::Analysed)
            .map(|d| d.entries.len())
            .sum();
        entries += n;
        with_entries += usize::from(n > 0);
    }
    assert_eq!(
        (paths.len(), unreadable, entries, with_entries),
        (363, 5, 203, 147)
    );
}
