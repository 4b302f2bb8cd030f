//! Inputs: files, directories (walked recursively, sorted) and standard input, read as
//! UTF-8 text.

use crate::text;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where an input's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// One input to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// How output names it: the path as given (or under the directory given), or the
    /// standard-input name.
    pub name: String,
    pub source: Source,
}

/// An input that could not be read, and where in it (1-based), when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub name: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl InputError {
    fn new(name: &str, message: impl Into<String>) -> InputError {
        InputError {
            name: name.to_owned(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// `name:line:column` or `name`.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// What the command line asked for, in order: inputs, or paths that cannot be inputs.
/// Warnings (an empty directory) are returned separately.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: Vec<Result<Input, InputError>>,
    pub warnings: Vec<String>,
}

/// The extensions a directory walk picks up (case-insensitive).
const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Expands the paths: `-` is standard input, a directory is walked, anything else is a
/// file (read whatever its extension).
pub fn plan(paths: &[PathBuf], stdin_name: &str) -> Plan {
    let mut plan = Plan::default();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_seen {
                plan.items
                    .push(Err(InputError::new(stdin_name, text::STDIN_TWICE)));
            } else {
                stdin_seen = true;
                plan.items.push(Ok(Input {
                    name: stdin_name.to_owned(),
                    source: Source::Stdin,
                }));
            }
            continue;
        }
        let name = display(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = plan.items.len();
                walk(path, &name, &mut plan.items);
                if plan.items.len() == before {
                    plan.warnings.push(text::empty_directory(&name));
                }
            }
            Ok(_) => plan.items.push(Ok(Input {
                name,
                source: Source::File(path.clone()),
            })),
            Err(e) => plan.items.push(Err(InputError::new(&name, io_message(&e)))),
        }
    }
    plan
}

/// Appends the YAML and JSON files under `dir`, sorted by name at each level; hidden
/// entries are skipped and symbolic links to directories are not followed.
fn walk(dir: &Path, name: &str, out: &mut Vec<Result<Input, InputError>>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Err(InputError::new(name, io_message(&e))));
            return;
        }
    };
    let mut children: Vec<(std::ffi::OsString, PathBuf)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push((entry.file_name(), entry.path())),
            Err(e) => out.push(Err(InputError::new(name, io_message(&e)))),
        }
    }
    children.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    for (file_name, path) in children {
        if file_name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let child_name = join_name(name, &file_name);
        let Ok(link) = fs::symlink_metadata(&path) else {
            continue;
        };
        if link.is_dir() {
            walk(&path, &child_name, out);
        } else if has_extension(&path) {
            // Regular files and symbolic links to files; a dangling link is reported.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => out.push(Ok(Input {
                    name: child_name,
                    source: Source::File(path),
                })),
                Ok(_) => {}
                Err(e) => out.push(Err(InputError::new(&child_name, io_message(&e)))),
            }
        }
    }
}

fn has_extension(path: &Path) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// The path as the user wrote it, `/`-separated.
fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `dir/child`, without a leading `./` when the directory given was `.`.
fn join_name(dir: &str, child: &OsStr) -> String {
    let child = child.to_string_lossy();
    let dir = dir.trim_end_matches('/');
    if dir == "." {
        child.into_owned()
    } else if dir.is_empty() {
        format!("/{child}")
    } else {
        format!("{dir}/{child}")
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => text::NOT_FOUND.to_owned(),
        io::ErrorKind::PermissionDenied => text::PERMISSION_DENIED.to_owned(),
        io::ErrorKind::IsADirectory => text::NOT_FILE.to_owned(),
        _ => text::cannot_read(e),
    }
}

/// Reads an input's text.
///
/// # Errors
/// The file cannot be read, holds binary data or is not UTF-8.
pub fn read(input: &Input) -> Result<String, InputError> {
    let bytes = match &input.source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::new(&input.name, io_message(&e)))?;
            bytes
        }
        Source::File(path) => {
            fs::read(path).map_err(|e| InputError::new(&input.name, io_message(&e)))?
        }
    };
    decode(&input.name, bytes)
}

/// UTF-8 text, or why not.
///
/// # Errors
/// UTF-16/32 byte-order marks, NUL bytes, invalid UTF-8 (with its position).
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(InputError::new(name, text::UTF32));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::new(name, text::UTF16));
    }
    if bytes.contains(&0) {
        return Err(InputError::new(name, text::BINARY));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let prefix = &bytes[..valid];
        let line_start = prefix
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
        // The prefix is valid UTF-8, so this counts characters.
        let column = String::from_utf8_lossy(&prefix[line_start..])
            .chars()
            .count()
            + 1;
        InputError {
            name: name.to_owned(),
            line: Some(u32::try_from(line).unwrap_or(u32::MAX)),
            column: Some(u32::try_from(column).unwrap_or(u32::MAX)),
            message: text::invalid_utf8(bytes.get(valid).copied().unwrap_or(0)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let e = decode("a.yaml", b"a: 1\nb: \xC3\xA9\xFF\n".to_vec()).err();
        let e = e.as_ref().map(|e| (e.location(), e.message.as_str()));
        assert_eq!(
            e,
            Some((
                "a.yaml:2:5".to_owned(),
                "invalid UTF-8 (byte 0xFF); the file must be UTF-8 text"
            ))
        );
    }

    #[test]
    fn binary_and_utf16_are_refused() {
        assert_eq!(
            decode("b", vec![b'a', 0, b'b']).map_err(|e| e.message),
            Err(text::BINARY.to_owned())
        );
        assert_eq!(
            decode("u", vec![0xFF, 0xFE, b'a', 0]).map_err(|e| e.message),
            Err(text::UTF16.to_owned())
        );
        assert!(decode("t", b"\xEF\xBB\xBFa: 1".to_vec()).is_ok());
    }

    #[test]
    fn names_join_without_dot() {
        assert_eq!(join_name(".", OsStr::new("a.yaml")), "a.yaml");
        assert_eq!(join_name("k8s/", OsStr::new("a.yaml")), "k8s/a.yaml");
        assert_eq!(join_name("k8s", OsStr::new("a.yaml")), "k8s/a.yaml");
    }
}
