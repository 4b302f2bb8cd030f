//! Which objects a text is about, read line by line without parsing (the text may have a
//! syntax error): its lines that hold `kind:` or `name` (`name:`, `namespace:`, in block or
//! flow style: the objects' and their containers' names) and its `---` lines, in order.
//! The verdicts of the last text without a syntax error stay on screen, greyed, only
//! while the text in the editor is still about the same objects (issue 20): the same
//! kinds, names, namespaces and container names, in the same documents. Conservative: a
//! syntax error on such a line (or a comment added to it) counts as another object.

/// Whether `a` and `b` name the same objects and containers, in the same order.
pub fn same(a: &str, b: &str) -> bool {
    names(a) == names(b)
}

/// A hash (FNV-1a, 64 bits) of those lines, each without its indentation, list dashes
/// and trailing blanks. A hash rather than a list of lines, and no parsing of the lines:
/// the page's first load pays for every byte of code.
fn names(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for line in text.split('\n') {
        let separator = line.starts_with("---");
        let line = line.trim_start_matches(['-', ' ']).trim_end();
        if separator || line.contains("name") || line.contains("kind:") {
            for b in line.bytes().chain([b'\n']) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::same;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  - {name: sidecar, image: \"envoy:1\"}\n";

    #[test]
    fn a_syntax_error_elsewhere_keeps_the_objects() {
        for broken in [
            POD.replace("image: nginx:1.27", "image: [nginx:1.27"),
            POD.replace("  - name: app", "   - name: app"),
            POD.replace("name: app", "  name: app"),
            format!("{POD}\n\n"),
            POD.replace("imagePullPolicy", "x") + "  : broken\n",
        ] {
            assert!(same(POD, &broken), "{broken}");
        }
    }

    #[test]
    fn another_object_or_container_is_not_the_same() {
        for other in [
            POD.replace("name: web", "name: api"),
            POD.replace("namespace: shop", "namespace: prod"),
            POD.replace("kind: Pod", "kind: Deployment"),
            POD.replace("name: app", "name: worker"),
            POD.replace("name: sidecar", "name: proxy"),
            format!("{POD}---\n"),
            POD.replace("  - {name: sidecar, image: \"envoy:1\"}\n", ""),
            "image: [busybox\n".to_owned(),
        ] {
            assert!(!same(POD, &other), "{other}");
        }
    }

    #[test]
    fn a_syntax_error_on_a_line_with_a_name_counts_as_another_object() {
        assert!(!same(POD, &POD.replace("name: web", "name: \"web")));
        assert!(!same(POD, &POD.replace("name: app", "name: app # the app")));
        assert!(same("name: é\n", "name: é\n"));
    }
}
