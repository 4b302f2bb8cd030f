//! `kubectl describe pod` output (PF §1.1): the top-level keys, the container blocks
//! (`Init Containers:`, `Containers:`, `Ephemeral Containers:`), image volumes under
//! `Volumes:`, and the `Events:` table.
//!
//! Keys are split from values at the first `:` followed by blanks or the line's end
//! (tabwriter pads at least two spaces after the widest key of a block, so a key never
//! contains `: `). Indentation is 2 spaces per level (`prefixWriter`). kubectl never
//! prints `state.waiting.message` nor `imagePullPolicy` (PF §1.1.3 rules 1–2): the
//! failure text is only in the events.

use super::evidence::{ContainerEv, Evidence, Loc, PodEv};
use super::lines::Line;
use super::table::{self, Owner};
use super::types::{ContainerRole, Marker, StateKind};
use crate::report::PullPolicy;

/// `Key:  value` at the line's start; (key, value, the value's byte offset in the line).
pub(crate) fn key_value(text: &str) -> Option<(&str, &str, usize)> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let after = &text[colon + 1..];
    if key.is_empty()
        || !key.starts_with(|c: char| c.is_ascii_alphabetic())
        || !key.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '(' | ')')
        })
        || !(after.is_empty() || after.starts_with([' ', '\t']))
    {
        return None;
    }
    let value = after.trim();
    let at = if value.is_empty() {
        text.len()
    } else {
        colon + 1 + (after.len() - after.trim_start().len())
    };
    Some((key, value, at))
}

/// Whether a line starts a describe output: `Name:` at column 0 with a value after
/// blanks (tabwriter's padding).
pub(crate) fn is_start(line: &Line<'_>) -> bool {
    line.text
        .strip_prefix("Name:")
        .is_some_and(|rest| rest.starts_with([' ', '\t']) && !rest.trim().is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Top,
    Containers(ContainerRole),
    Volumes,
    Other,
}

/// Whether `lines[i]` starts a fragment of describe output without its `Name:` line: a
/// container section whose first container follows (PF S30).
pub(crate) fn is_section_start(lines: &[Line<'_>], i: usize) -> bool {
    let line = &lines[i];
    matches!(
        line.text.trim_end(),
        "Containers:" | "Init Containers:" | "Ephemeral Containers:"
    ) && lines.get(i + 1).is_some_and(|next| {
        let t = next.text.trim();
        next.indent() == 2 && t.ends_with(':') && !t.contains(' ')
    })
}

/// Reads one describe output starting at `lines[from]` (its `Name:` line, or a container
/// section of a fragment). Returns the line after it, whether it described a pod (it had
/// a `Containers:` section), and how many event rows it held.
pub(crate) fn read(
    lines: &[Line<'_>],
    from: usize,
    stop: &dyn Fn(&Line<'_>) -> bool,
    ev: &mut Evidence,
    markers: &mut Vec<Marker>,
) -> (usize, bool, usize) {
    let first = &lines[from];
    let named = is_start(first);
    let (_, name, at) = key_value(first.text).unwrap_or(("Name", "", 0));
    let pod_index = ev.pods.len();
    ev.pods.push(PodEv {
        name: named.then(|| name.to_owned()),
        namespace: None,
        node: None,
        uid: None,
        phase: None,
        at: Loc(first.start + at, first.start + at + name.len()),
        containers: Vec::new(),
        from_events: false,
    });
    let mut section = Section::Top;
    let mut is_pod = false;
    let mut rows = 0;
    // The open container (index in the pod), and whether `Reason:` lines belong to its
    // `State:` (not `Last State:`).
    let mut container: Option<usize> = None;
    let mut in_state = false;
    let mut i = if named { from + 1 } else { from };
    while i < lines.len() {
        let line = &lines[i];
        if (i > from && is_start(line)) || stop(line) {
            break;
        }
        if line.is_blank() {
            // Blank lines do not occur inside describe output; one before more describe
            // keys or indented lines is skipped, anything else ends it.
            let next = lines[i..].iter().position(|l| !l.is_blank()).map(|k| i + k);
            match next {
                Some(n)
                    if lines[n].indent() > 0
                        || key_value(lines[n].text).is_some_and(|(k, _, _)| is_known_key(k)) =>
                {
                    i = n;
                    continue;
                }
                _ => break,
            }
        }
        let indent = line.indent();
        if indent == 0 {
            let Some((key, value, _)) = key_value(line.text) else {
                // Old layouts print sentences such as `No volumes.` between keys: skip one
                // when a describe key follows, else the output has ended.
                let next = lines.get(i + 1).and_then(|l| key_value(l.text));
                if next.is_some_and(|(k, _, _)| is_known_key(k)) {
                    i += 1;
                    continue;
                }
                break;
            };
            container = None;
            in_state = false;
            section = match key {
                "Namespace" => {
                    ev.pods[pod_index].namespace = Some(value.to_owned()).filter(|v| !v.is_empty());
                    Section::Top
                }
                "Node" => {
                    let node = value.split('/').next().unwrap_or(value);
                    ev.pods[pod_index].node =
                        Some(node.to_owned()).filter(|n| !n.is_empty() && n != "<none>");
                    Section::Top
                }
                "Status" => {
                    let phase = value.split_whitespace().next().unwrap_or(value);
                    ev.pods[pod_index].phase = Some(phase.to_owned()).filter(|p| !p.is_empty());
                    Section::Top
                }
                "Init Containers" => Section::Containers(ContainerRole::Init),
                "Containers" => {
                    is_pod = true;
                    Section::Containers(ContainerRole::Container)
                }
                "Ephemeral Containers" => Section::Containers(ContainerRole::Ephemeral),
                "Volumes" => Section::Volumes,
                "Events" => {
                    if value.is_empty() {
                        let header_at = i + 1;
                        let header = lines.get(header_at).and_then(table::header);
                        let start = if header.is_some() {
                            header_at + 1
                        } else {
                            header_at
                        };
                        let read = table::read_rows(
                            lines,
                            start,
                            header.as_ref(),
                            Some(Owner { pod: pod_index }),
                            &|l| is_start(l) || stop(l),
                            ev,
                            markers,
                        );
                        rows += read.rows;
                        i = read.next;
                        continue;
                    }
                    Section::Other
                }
                _ => Section::Other,
            };
            i += 1;
            continue;
        }
        match section {
            Section::Containers(role) => {
                let t = line.text.trim();
                if indent == 2 && t.ends_with(':') && !t.contains(' ') {
                    let name = &t[..t.len() - 1];
                    let pod = &mut ev.pods[pod_index];
                    pod.containers.push(ContainerEv::new(name.to_owned(), role));
                    container = Some(pod.containers.len() - 1);
                    in_state = false;
                } else if let Some(c) = container {
                    let body = &line.text[indent..];
                    if let Some((key, value, vat)) = key_value(body) {
                        let loc = Loc(
                            line.start + indent + vat,
                            line.start + indent + vat + value.len(),
                        );
                        let cont = &mut ev.pods[pod_index].containers[c];
                        match (indent, key) {
                            (4, "Image") => {
                                cont.image = Some(value.to_owned()).filter(|v| !v.is_empty());
                                cont.image_at = Some(loc);
                            }
                            (4, "Image ID") => {
                                cont.image_id = Some(value.to_owned()).filter(|v| !v.is_empty());
                                cont.image_id_at = Some(loc);
                            }
                            (4, "State") => {
                                in_state = true;
                                cont.state = match value {
                                    "Waiting" => StateKind::Waiting,
                                    "Running" => StateKind::Running,
                                    "Terminated" => StateKind::Terminated,
                                    _ => StateKind::Unknown,
                                };
                                cont.reason_at = Some(loc);
                            }
                            (6, "Reason") if in_state => {
                                cont.reason = Some(value.to_owned()).filter(|v| !v.is_empty());
                                cont.reason_at = Some(loc);
                            }
                            (6, _) => {}
                            _ => in_state = false,
                        }
                    }
                }
            }
            Section::Volumes => read_volume_line(line, indent, ev, pod_index, &mut container),
            Section::Top | Section::Other => {}
        }
        i += 1;
    }
    // Volumes that are not image volumes were opened as `Unknown`.
    ev.pods[pod_index]
        .containers
        .retain(|c| c.role != ContainerRole::Unknown);
    (i, is_pod, rows)
}

/// Image volumes (KEP-4639) under `Volumes:` (PF §1.1.3): `Type: Image (…)`,
/// `Reference:`, `PullPolicy:`.
fn read_volume_line(
    line: &Line<'_>,
    indent: usize,
    ev: &mut Evidence,
    pod: usize,
    open: &mut Option<usize>,
) {
    let t = line.text.trim();
    if indent == 2 && t.ends_with(':') && !t.contains(' ') {
        // A volume starts; it becomes an entry only if its type is Image.
        *open = None;
        let name = &t[..t.len() - 1];
        let p = &mut ev.pods[pod];
        p.containers
            .push(ContainerEv::new(name.to_owned(), ContainerRole::Unknown));
        *open = Some(p.containers.len() - 1);
        return;
    }
    let Some(c) = *open else { return };
    let body = &line.text[indent..];
    let Some((key, value, vat)) = key_value(body) else {
        return;
    };
    let loc = Loc(
        line.start + indent + vat,
        line.start + indent + vat + value.len(),
    );
    let cont = &mut ev.pods[pod].containers[c];
    match key {
        "Type" if value.starts_with("Image") => cont.role = ContainerRole::ImageVolume,
        "Reference" => {
            cont.image = Some(value.to_owned()).filter(|v| !v.is_empty());
            cont.image_at = Some(loc);
        }
        "PullPolicy" => cont.policy = PullPolicy::from_exact(value),
        _ => {}
    }
}

/// Top-level keys of describe pod output (PF §1.1.2), used to tell a blank line inside
/// the output from one after it.
fn is_known_key(key: &str) -> bool {
    const KEYS: [&str; 31] = [
        "Name",
        "Namespace",
        "Priority",
        "Priority Class Name",
        "Runtime Class Name",
        "Service Account",
        "Node",
        "Start Time",
        "Labels",
        "Annotations",
        "Status",
        "Reason",
        "Message",
        "SeccompProfile",
        "IP",
        "IPs",
        "Controlled By",
        "NominatedNodeName",
        "Init Containers",
        "Containers",
        "Ephemeral Containers",
        "Readiness Gates",
        "Conditions",
        "Volumes",
        "QoS Class",
        "Node-Selectors",
        "Tolerations",
        "Events",
        "Termination Grace Period",
        // Old layouts (kubectl ≈ 1.5).
        "QoS Tier",
        "Controllers",
    ];
    KEYS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values() {
        assert_eq!(key_value("Name:         web"), Some(("Name", "web", 14)));
        assert_eq!(key_value("Container ID:"), Some(("Container ID", "", 13)));
        assert_eq!(
            key_value("Events:          <none>"),
            Some(("Events", "<none>", 17))
        );
        assert_eq!(
            key_value("failed to do request: x"),
            Some(("failed to do request", "x", 22))
        );
        assert_eq!(key_value("https://x"), None);
        assert_eq!(key_value("  x: y"), None);
    }
}
