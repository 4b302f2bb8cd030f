//! Which objects a text is about, read line by line without parsing (the text may have a
//! syntax error): the `kind`, `name` and `namespace` values (block or flow style: the
//! objects' and their containers' names) and the `---` between documents, in order.
//! The verdicts of the last text without a syntax error stay on screen, greyed, only
//! while the text in the editor is still about the same objects (issue 20): the same
//! kinds, names, namespaces and container names, in the same documents.

/// The keys read, each preceded by a line break, a space, `{`, `,` or `-`.
const KEYS: [&[u8]; 3] = [b"kind:", b"name:", b"namespace:"];

/// Whether `a` and `b` name the same objects and containers, in the same order.
pub fn same(a: &str, b: &str) -> bool {
    names(a.as_bytes()) == names(b.as_bytes())
}

/// The `---` at the start of lines and the key-value pairs of [`KEYS`], in the order
/// they are written (values without quotes, surrounding blanks or a trailing comment).
/// Bytes, not characters: every byte looked for is ASCII, which UTF-8 never uses inside
/// a character.
fn names(t: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    'bytes: while i < t.len() {
        let before = if i == 0 { b'\n' } else { t[i - 1] };
        if before == b'\n' && t[i..].starts_with(b"---") {
            out.push(&t[i..i + 3]);
        }
        if matches!(before, b'\n' | b'\r' | b' ' | b'\t' | b'{' | b',' | b'-') {
            for key in KEYS {
                if t[i..].starts_with(key) {
                    let start = i + key.len();
                    let mut end = start;
                    while end < t.len() && !matches!(t[end], b'\n' | b'\r' | b',' | b'}' | b'#') {
                        end += 1;
                    }
                    out.push(key);
                    out.push(trim(&t[start..end]));
                    i = end;
                    continue 'bytes;
                }
            }
        }
        i += 1;
    }
    out
}

/// `value` without the blanks and quotes around it.
fn trim(mut value: &[u8]) -> &[u8] {
    let skip = |b: &u8| matches!(b, b' ' | b'\t' | b'"' | b'\'');
    while let Some((first, rest)) = value.split_first()
        && skip(first)
    {
        value = rest;
    }
    while let Some((last, rest)) = value.split_last()
        && skip(last)
    {
        value = rest;
    }
    value
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
            POD.replace("name: web", "name: \"web"),
            POD.replace("name: app", "name: app # the app"),
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
    fn other_keys_ending_in_name_are_not_names() {
        assert!(same("name: é\n", "name: é # ü\n"));
        assert!(same(
            "metadata: {name: a}\n",
            "metadata: {name: a, generateName: b}\nhostname: c\n"
        ));
    }
}
