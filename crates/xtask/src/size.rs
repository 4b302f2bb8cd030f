//! The size table: every file of `dist/` raw, gzip and brotli, and the first load.

use crate::cmd::Result;
use std::io::Write;
use std::path::Path;

struct Row {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// Prints one row per file and the first-load total: `index.html` plus every file it
/// names (the JS glue, the wasm, the CSS), which is what a browser fetches on a first visit.
pub fn print_table(dist: &Path) -> Result {
    let files = crate::dist::files(dist)?;
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let mut rows = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file.path).map_err(|e| format!("dist/{}: {e}", file.name))?;
        let name = file.name;
        rows.push(Row {
            raw: bytes.len(),
            gzip: gzip(&bytes),
            brotli: brotli(&bytes),
            name,
        });
    }
    let first_load: Vec<&Row> = rows
        .iter()
        .filter(|r| r.name == "index.html" || index.contains(&r.name))
        .collect();
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for row in &rows {
        let mark = if first_load.iter().any(|r| r.name == row.name) {
            "*"
        } else {
            " "
        };
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            format!("{mark}{}", row.name),
            kb(row.raw),
            kb(row.gzip),
            kb(row.brotli)
        );
    }
    let sum = |f: fn(&Row) -> usize| first_load.iter().map(|r| f(r)).sum::<usize>();
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "first load (* files)",
        kb(sum(|r| r.raw)),
        kb(sum(|r| r.gzip)),
        kb(sum(|r| r.brotli))
    );
    Ok(())
}

/// The gzip size (best compression) of `bytes`.
pub(crate) fn gzip(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len()
}

/// Bytes as kilobytes with one decimal, as every column of the table shows them.
pub(crate) fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
