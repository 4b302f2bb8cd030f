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
    /// Bytes written so far (in the file and the buffer).
    len: u64,
    /// The file was read from since it was last written to.
    moved: bool,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Spill {
    pub fn new() -> Spill {
        Spill {
            buf: Vec::new(),
            file: None,
            empty: true,
            len: 0,
            moved: false,
        }
    }

    /// Bytes written so far: where the next write starts.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// The `len` bytes written from `start` on.
    pub fn read_at(&mut self, start: u64, len: usize, out: &mut Vec<u8>) -> io::Result<()> {
        out.clear();
        match &mut self.file {
            None => {
                let from = usize::try_from(start).map_err(io::Error::other)?;
                let bytes = self
                    .buf
                    .get(from..from + len)
                    .ok_or_else(|| io::Error::other("read past a spill's end"))?;
                out.extend_from_slice(bytes);
            }
            Some((file, _)) => {
                if !self.buf.is_empty() {
                    if self.moved {
                        file.seek(io::SeekFrom::End(0))?;
                    }
                    file.write_all(&self.buf)?;
                    self.buf.clear();
                }
                file.seek(io::SeekFrom::Start(start))?;
                self.moved = true;
                out.resize(len, 0);
                file.read_exact(out)?;
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.empty &= bytes.is_empty();
        self.len += bytes.len() as u64;
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
                if self.moved {
                    file.seek(io::SeekFrom::End(0))?;
                    self.moved = false;
                }
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
                if self.moved {
                    file.seek(io::SeekFrom::End(0))?;
                }
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

    #[test]
    fn records_are_read_back_at_their_offsets() {
        for size in [10usize, 300_000] {
            let mut s = Spill::new();
            let mut at = Vec::new();
            for k in 0..12u8 {
                let record = vec![k; size];
                at.push(s.len());
                s.write(&record).unwrap();
                if k == 7 {
                    // Reading between writes.
                    let mut back = Vec::new();
                    s.read_at(at[3], size, &mut back).unwrap();
                    assert_eq!(back, vec![3; size]);
                }
            }
            let mut back = Vec::new();
            for k in [11u8, 0, 5, 9] {
                s.read_at(at[k as usize], size, &mut back).unwrap();
                assert_eq!(back, vec![k; size]);
            }
        }
    }
}
