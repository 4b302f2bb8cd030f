//! The messages about opened files (worded like the CLI's). What the page says about a
//! report is worded once, for every edge, in `pullpolicy_view::wording`.

/// A file that is not UTF-8: the first invalid byte and its offset (as the CLI says it,
/// plus the offset).
pub fn file_invalid_utf8(name: &str, byte: u8, offset: usize) -> String {
    format!(
        "{name}: invalid UTF-8 (byte 0x{byte:02X} at offset {offset}); the file must be UTF-8 text"
    )
}

/// A file with a NUL byte near its start (the CLI's words).
pub fn file_binary(name: &str) -> String {
    format!("{name}: binary data (a NUL byte), not a YAML or JSON text")
}

/// A file past [`crate::open::MAX_FILE`], refused before it is read.
pub fn file_too_large(name: &str, bytes: u64) -> String {
    format!(
        "{name}: {} bytes, too large to open here (the limit is 16 MB); use the command-line tool: pullpolicy explain {name}",
        pullpolicy_view::wording::group(usize::try_from(bytes).unwrap_or(usize::MAX))
    )
}

/// The browser could not read a file.
pub fn file_unreadable(name: &str) -> String {
    format!("{name}: the browser could not read this file")
}

/// A file opened into the editor.
pub fn file_opened(name: &str) -> String {
    format!("Opened {name}.")
}
