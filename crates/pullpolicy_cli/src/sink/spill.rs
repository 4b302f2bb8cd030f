//! Bytes kept for the end of a run: in memory while small, then in a temporary file
//! (removed as soon as it is open where the system allows, else when dropped).

use std::fs;
use std::io::{self, Cursor, Read, Seek, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Kept in memory up to this many bytes.
const IN_MEMORY: usize = 1 << 20;

#[derive(Debug)]
pub struct Spill {
    buf: Vec<u8>,
    file: Option<(fs::File, PathBuf)>,
    empty: bool,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Spill {
    pub fn new() -> Spill {
        Spill {
            buf: Vec::new(),
            file: None,
            empty: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.empty &= bytes.is_empty();
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= IN_MEMORY {
            if self.file.is_none() {
                let path = std::env::temp_dir().join(format!(
                    "pullpolicy-{}-{}.tmp",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                ));
                let file = fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create_new(true)
                    .open(&path)?;
                // Gone from the directory now where the system allows it (Unix).
                let _ = fs::remove_file(&path);
                self.file = Some((file, path));
            }
            if let Some((file, _)) = &mut self.file {
                file.write_all(&self.buf)?;
            }
            self.buf.clear();
        }
        Ok(())
    }

    /// Everything written, from the start.
    pub fn reader(&mut self) -> io::Result<Box<dyn Read + '_>> {
        match &mut self.file {
            None => Ok(Box::new(Cursor::new(&self.buf))),
            Some((file, _)) => {
                file.write_all(&self.buf)?;
                self.buf.clear();
                file.rewind()?;
                Ok(Box::new(io::BufReader::with_capacity(1 << 16, file)))
            }
        }
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Some((_, path)) = self.file.take() {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_spills_come_back_whole() {
        let mut s = Spill::new();
        assert!(s.is_empty());
        let chunk: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        for _ in 0..3 {
            s.write(&chunk).unwrap();
        }
        assert!(s.file.is_some());
        let mut back = Vec::new();
        s.reader().unwrap().read_to_end(&mut back).unwrap();
        assert_eq!(back.len(), 3 << 20);
        assert!(back.chunks(1 << 20).all(|c| c == chunk));
    }
}
