//! What the readers find, before any diagnosis: pods and their containers, events,
//! nodes, and notes about input that could not be read. Readers only fill this; the
//! analysis (`analyse.rs`) only reads it.

use super::rules::DiagnoseRule;
use super::text::When;
use super::types::{ContainerRole, Encoding, Marker, PieceFormat, StateKind};
use crate::report::PullPolicy;

/// A place in the text: a byte range. Converted to a [`crate::Position`] only for what
/// the report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Loc(pub usize, pub usize);

/// Everything read from the paste.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    pub pieces: Vec<PieceEv>,
    pub pods: Vec<PodEv>,
    pub events: Vec<EventEv>,
    pub nodes: Vec<NodeEv>,
    pub notes: Vec<Note>,
    /// The k9s join was noted (once per paste).
    pub joined_box_noted: bool,
}

/// One piece as read.
#[derive(Debug, Clone)]
pub(crate) struct PieceEv {
    pub format: PieceFormat,
    pub encoding: Encoding,
    /// Byte range in the text.
    pub bytes: (usize, usize),
    pub records: usize,
    pub markers: Vec<Marker>,
}

/// Something about the input itself (unreadable, truncated, routed elsewhere).
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub rule: DiagnoseRule,
    pub at: Loc,
    pub detail: NoteDetail,
}

/// What a [`Note`] says.
#[derive(Debug, Clone)]
pub(crate) enum NoteDetail {
    /// YAML/JSON syntax error, in the reader's words.
    Unreadable(String),
    /// A YAML/JSON object cut short; the lines from here on were read as other formats.
    UnreadableRest,
    /// Lines of an events table that could not be read (how many).
    BadRows(usize),
    /// Lines wrapped by k9s were joined (cannot be exact).
    JoinedBox,
    /// describe output of another kind.
    DescribeOther,
    /// A manifest (kind, name).
    Manifest(Option<String>, Option<String>),
    /// A block of text with nothing recognised.
    Unrecognized,
}

/// A pod.
#[derive(Debug, Clone)]
pub(crate) struct PodEv {
    /// `None` for a status fragment without `metadata`.
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub node: Option<String>,
    pub uid: Option<String>,
    pub phase: Option<String>,
    pub at: Loc,
    pub containers: Vec<ContainerEv>,
    /// Known only because events name it.
    pub from_events: bool,
}

/// A container, init container, ephemeral container or image volume of a pod.
#[derive(Debug, Clone)]
pub(crate) struct ContainerEv {
    /// Empty when a status fragment does not name it.
    pub name: String,
    pub role: ContainerRole,
    pub image: Option<String>,
    pub image_at: Option<Loc>,
    /// `imagePullPolicy` as stored (Pod objects), or describe's image volume
    /// `PullPolicy:`.
    pub policy: Option<PullPolicy>,
    pub state: StateKind,
    pub reason: Option<String>,
    pub reason_at: Option<Loc>,
    pub message: Option<String>,
    pub message_at: Option<Loc>,
    pub image_id: Option<String>,
    pub image_id_at: Option<Loc>,
}

impl ContainerEv {
    pub fn new(name: String, role: ContainerRole) -> ContainerEv {
        ContainerEv {
            name,
            role,
            image: None,
            image_at: None,
            policy: None,
            state: StateKind::Unknown,
            reason: None,
            reason_at: None,
            message: None,
            message_at: None,
            image_id: None,
            image_id_at: None,
        }
    }
}

/// An object an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ObjectRef {
    pub kind: Option<String>,
    pub name: String,
    pub namespace: Option<String>,
}

/// One event (a table row, an Event object, a describe row), or one message found in
/// free text.
#[derive(Debug, Clone)]
pub(crate) struct EventEv {
    /// The pod a describe output listed it under (index into [`Evidence::pods`]).
    pub pod: Option<usize>,
    pub object: Option<ObjectRef>,
    pub field_path: Option<String>,
    /// `Normal` or `Warning`.
    pub kind: Option<String>,
    pub reason: Option<String>,
    /// The message, trimmed, kubectl's field-path prefix taken off.
    pub message: String,
    pub at: Loc,
    pub count: Option<u64>,
    pub last: Option<When>,
    pub first: Option<When>,
    /// The node of the kubelet that sent it (`source.host`, `kubelet, <node>`).
    pub host: Option<String>,
    /// Free text naming the waiting reason next to the message (`Waiting: X (`,
    /// `X: Failed to …`).
    pub reason_hint: Option<String>,
    /// A kubelet log line naming the policy (`ImagePullPolicy:Always`).
    pub policy_hint: Option<PullPolicy>,
    /// Kubelet version markers of the event's form (reporting component).
    pub markers: Vec<Marker>,
    /// A containerd log line: `cancel pulling image <ref> because of no progress in <d>`.
    pub progress_timeout: Option<(String, String)>,
}

impl EventEv {
    pub fn new(message: String, at: Loc) -> EventEv {
        EventEv {
            pod: None,
            object: None,
            field_path: None,
            kind: None,
            reason: None,
            message,
            at,
            count: None,
            last: None,
            first: None,
            host: None,
            reason_hint: None,
            policy_hint: None,
            markers: Vec::new(),
            progress_timeout: None,
        }
    }
}

/// A node.
#[derive(Debug, Clone)]
pub(crate) struct NodeEv {
    pub name: String,
    pub at: Loc,
    pub runtime_version: Option<String>,
    pub kubelet_version: Option<String>,
    pub architecture: Option<String>,
    pub operating_system: Option<String>,
    /// `status.images`, when the object has the field.
    pub images: Option<Vec<NodeImageEv>>,
    pub images_at: Option<Loc>,
    pub disk_pressure: Option<bool>,
}

/// One `status.images[]` entry.
#[derive(Debug, Clone)]
pub(crate) struct NodeImageEv {
    pub names: Vec<(String, Loc)>,
    pub size: u64,
}

/// The container a field path names: `spec.containers{web}` → (Container, `web`);
/// `spec.containers[2]` → (Container, `[2]`) (PF §1.3.2).
pub(crate) fn parse_field_path(path: &str) -> Option<(ContainerRole, String)> {
    let path = path.trim();
    for (prefix, role) in [
        ("spec.containers", ContainerRole::Container),
        ("spec.initContainers", ContainerRole::Init),
        ("spec.ephemeralContainers", ContainerRole::Ephemeral),
    ] {
        if let Some(rest) = path.strip_prefix(prefix) {
            if let Some(name) = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                return Some((role, name.to_owned()));
            }
            if rest.starts_with('[') && rest.ends_with(']') {
                return Some((role, rest.to_owned()));
            }
        }
    }
    None
}

/// kubectl ≥ 1.35's describe prefix: `spec.containers{web}: <message>` → (path, message).
pub(crate) fn split_field_path_prefix(message: &str) -> Option<(&str, &str)> {
    if !message.starts_with("spec.") {
        return None;
    }
    let end = message.find("}: ").map(|i| i + 1).or_else(|| {
        message
            .find("]: ")
            .map(|i| i + 1)
            .filter(|_| message.contains('['))
    })?;
    let path = &message[..end];
    parse_field_path(path)?;
    Some((path, &message[end + 2..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths() {
        assert_eq!(
            parse_field_path("spec.containers{web}"),
            Some((ContainerRole::Container, "web".into()))
        );
        assert_eq!(
            parse_field_path("spec.initContainers{i}"),
            Some((ContainerRole::Init, "i".into()))
        );
        assert_eq!(
            parse_field_path("spec.containers[2]"),
            Some((ContainerRole::Container, "[2]".into()))
        );
        assert_eq!(parse_field_path("spec.volumes{x}"), None);
        assert_eq!(
            split_field_path_prefix("spec.containers{nginx}: Pulling image \"nginx:9.9\""),
            Some(("spec.containers{nginx}", "Pulling image \"nginx:9.9\""))
        );
        assert_eq!(split_field_path_prefix("Pulling image"), None);
    }
}
