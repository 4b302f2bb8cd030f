//! Opening a file ("Open file…" or a file dropped on the editor): the bytes become the
//! editor's text, as if pasted, when they are UTF-8 text; otherwise the text stays and
//! a message says why (see [`crate::describe`] for the words).

use crate::describe;

/// Files larger than this (bytes) are refused without being read.
pub const MAX_FILE: u64 = 16_000_000;

/// How far a NUL byte marks a file as binary (as `git` and `grep` look).
const BINARY_PREFIX: usize = 8_192;

/// The text of the file `name`, or the message to show: a NUL byte in the first
/// 8 KB (binary data), or invalid UTF-8 (the first invalid byte and its offset).
///
/// # Errors
/// The message, worded like the CLI's.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    let head = bytes.get(..BINARY_PREFIX).unwrap_or(&bytes);
    if head.contains(&0) {
        return Err(describe::file_binary(name));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(at).copied().unwrap_or(0);
        describe::file_invalid_utf8(name, byte, at)
    })
}

#[cfg(target_arch = "wasm32")]
pub use web::{dropped_files, open};

#[cfg(target_arch = "wasm32")]
mod web {
    use crate::app::Dispatch;
    use crate::describe;
    use crate::state::{Action, Notice, Source, Tone};

    /// Reads `file` and loads it into the editor, or shows why it cannot be.
    pub fn open(file: web_sys::File, dispatch: Dispatch) {
        let name = file.name();
        let size = file.size() as u64;
        if size > super::MAX_FILE {
            dispatch.dispatch(Action::Notify(Notice::new(
                Tone::Error,
                describe::file_too_large(&name, size),
            )));
            return;
        }
        let read = move |buffer: Result<wasm_bindgen::JsValue, _>| {
            let bytes = match buffer {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    dispatch.dispatch(Action::Notify(Notice::new(
                        Tone::Error,
                        describe::file_unreadable(&name),
                    )));
                    return;
                }
            };
            match super::decode(&name, bytes) {
                Ok(text) => {
                    dispatch.dispatch(Action::Load {
                        text,
                        options: None,
                        source: Source::Typed,
                    });
                    dispatch.dispatch(Action::Notify(Notice::new(
                        Tone::Success,
                        describe::file_opened(&name),
                    )));
                }
                Err(message) => {
                    dispatch.dispatch(Action::Notify(Notice::new(Tone::Error, message)))
                }
            }
        };
        crate::browser::when_settled(&file.array_buffer(), Box::new(read));
    }

    /// Whether a drag carries files (a text drag is left to the textarea).
    pub fn dropped_files(e: &web_sys::DragEvent) -> Option<web_sys::FileList> {
        let t = e.data_transfer()?;
        if !t.types().includes(&"Files".into(), 0) {
            return None;
        }
        t.files()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_text_is_kept_byte_for_byte() {
        let text = "a: café 🐳\r\nb: 1\n";
        assert_eq!(
            decode("a.yaml", text.as_bytes().to_vec()).as_deref(),
            Ok(text)
        );
        assert_eq!(decode("empty.yaml", Vec::new()).as_deref(), Ok(""));
    }

    #[test]
    fn invalid_utf8_names_the_byte_and_its_offset() {
        let mut bytes = b"kind: Pod\nmetadata: {name: caf".to_vec();
        let offset = bytes.len();
        bytes.extend(b"\xE9}\n");
        assert_eq!(
            decode("pod.yaml", bytes),
            Err(format!(
                "pod.yaml: invalid UTF-8 (byte 0xE9 at offset {offset}); the file must be UTF-8 text"
            ))
        );
        // A truncated sequence at the very end.
        assert_eq!(
            decode("x.yml", b"a: \xC3".to_vec()),
            Err("x.yml: invalid UTF-8 (byte 0xC3 at offset 3); the file must be UTF-8 text".into())
        );
    }

    #[test]
    fn a_nul_byte_near_the_start_means_binary() {
        assert_eq!(
            decode("img.png", b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
            Err("img.png: binary data (a NUL byte), not a YAML or JSON text".into())
        );
        // Past the first 8 KB a NUL is not looked for; it is valid UTF-8.
        let mut late = vec![b'#'; 9_000];
        late.push(0);
        assert!(decode("late.yaml", late).is_ok());
    }

    #[test]
    fn too_large_files_are_described() {
        assert_eq!(
            describe::file_too_large("big.yaml", 17_000_000),
            "big.yaml: 17,000,000 bytes, too large to open here (the limit is 16 MB); use the command-line tool: pullpolicy explain big.yaml"
        );
    }
}
