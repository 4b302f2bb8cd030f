//! Which non-ASCII characters Go's `strings.ToLower` changes: those whose simple
//! lower-case mapping is not themselves, in the Unicode version of Go's
//! `unicode` tables.
//!
//! Go 1.21 moved those tables to Unicode 15.0.0, and they are still there: the
//! move to 16.0.0 is open (golang/go#73388, whose last word, in January 2026,
//! is that the new scripts block it; #65141, for 15.1.0, is open too).
//! Kubernetes 1.29 and later are built with Go 1.21 or later, so this is the
//! table every Kubernetes release this crate models uses, but the first 1.28
//! releases (Go 1.20, Unicode 13.0.0). Rust's `char::to_lowercase` follows a
//! newer Unicode: it would also lower-case, among others, U+1C89 and the Garay
//! and Beria Erfe capitals (Unicode 16.0 and 17.0), which Go leaves alone, so an
//! image name holding one would get "must be lowercase" where Kubernetes says
//! "invalid reference format". It would also link the standard library's whole
//! case-conversion table (about 11 KB, 5 KB gzip) into every WebAssembly build.
//!
//! The runs below are Unicode 15.0.0's, as `scripts/gen_unicode_lowercase.sh`
//! extracts them into `tests/fixtures/unicode-15.0.0-lowercase.txt`; a unit test
//! (`lowercase_runs_are_unicode_15`) checks the two agree, and prints the runs
//! again if they do not.

/// `(first, count, step)`: the characters `first`, `first + step`, …,
/// `count` of them, in ascending order of `first`.
pub(super) const RUNS: &[(u32, u8, u8)] = &[
    (0x00C0, 23, 1),
    (0x00D8, 7, 1),
    (0x0100, 28, 2),
    (0x0139, 8, 2),
    (0x014A, 24, 2),
    (0x0179, 3, 2),
    (0x0181, 2, 1),
    (0x0184, 2, 2),
    (0x0187, 2, 2),
    (0x018A, 2, 1),
    (0x018E, 4, 1),
    (0x0193, 2, 1),
    (0x0196, 3, 1),
    (0x019C, 2, 1),
    (0x019F, 2, 1),
    (0x01A2, 3, 2),
    (0x01A7, 2, 2),
    (0x01AC, 2, 2),
    (0x01AF, 2, 2),
    (0x01B2, 2, 1),
    (0x01B5, 2, 2),
    (0x01B8, 1, 1),
    (0x01BC, 1, 1),
    (0x01C4, 2, 1),
    (0x01C7, 2, 1),
    (0x01CA, 2, 1),
    (0x01CD, 8, 2),
    (0x01DE, 9, 2),
    (0x01F1, 2, 1),
    (0x01F4, 2, 2),
    (0x01F7, 2, 1),
    (0x01FA, 29, 2),
    (0x023A, 2, 1),
    (0x023D, 2, 1),
    (0x0241, 2, 2),
    (0x0244, 3, 1),
    (0x0248, 4, 2),
    (0x0370, 2, 2),
    (0x0376, 1, 1),
    (0x037F, 1, 1),
    (0x0386, 2, 2),
    (0x0389, 2, 1),
    (0x038C, 2, 2),
    (0x038F, 2, 2),
    (0x0392, 16, 1),
    (0x03A3, 9, 1),
    (0x03CF, 1, 1),
    (0x03D8, 12, 2),
    (0x03F4, 1, 1),
    (0x03F7, 2, 2),
    (0x03FA, 1, 1),
    (0x03FD, 51, 1),
    (0x0460, 17, 2),
    (0x048A, 28, 2),
    (0x04C1, 7, 2),
    (0x04D0, 48, 2),
    (0x0531, 38, 1),
    (0x10A0, 38, 1),
    (0x10C7, 1, 1),
    (0x10CD, 1, 1),
    (0x13A0, 86, 1),
    (0x1C90, 43, 1),
    (0x1CBD, 3, 1),
    (0x1E00, 75, 2),
    (0x1E9E, 49, 2),
    (0x1F08, 8, 1),
    (0x1F18, 6, 1),
    (0x1F28, 8, 1),
    (0x1F38, 8, 1),
    (0x1F48, 6, 1),
    (0x1F59, 4, 2),
    (0x1F68, 8, 1),
    (0x1F88, 8, 1),
    (0x1F98, 8, 1),
    (0x1FA8, 8, 1),
    (0x1FB8, 5, 1),
    (0x1FC8, 5, 1),
    (0x1FD8, 4, 1),
    (0x1FE8, 5, 1),
    (0x1FF8, 5, 1),
    (0x2126, 1, 1),
    (0x212A, 2, 1),
    (0x2132, 1, 1),
    (0x2160, 16, 1),
    (0x2183, 1, 1),
    (0x24B6, 26, 1),
    (0x2C00, 48, 1),
    (0x2C60, 2, 2),
    (0x2C63, 2, 1),
    (0x2C67, 4, 2),
    (0x2C6E, 3, 1),
    (0x2C72, 1, 1),
    (0x2C75, 1, 1),
    (0x2C7E, 3, 1),
    (0x2C82, 49, 2),
    (0x2CEB, 2, 2),
    (0x2CF2, 1, 1),
    (0xA640, 23, 2),
    (0xA680, 14, 2),
    (0xA722, 7, 2),
    (0xA732, 31, 2),
    (0xA779, 3, 2),
    (0xA77E, 5, 2),
    (0xA78B, 2, 2),
    (0xA790, 2, 2),
    (0xA796, 11, 2),
    (0xA7AB, 4, 1),
    (0xA7B0, 5, 1),
    (0xA7B6, 8, 2),
    (0xA7C5, 3, 1),
    (0xA7C9, 1, 1),
    (0xA7D0, 1, 1),
    (0xA7D6, 2, 2),
    (0xA7F5, 1, 1),
    (0xFF21, 26, 1),
    (0x10400, 40, 1),
    (0x104B0, 36, 1),
    (0x10570, 11, 1),
    (0x1057C, 15, 1),
    (0x1058C, 7, 1),
    (0x10594, 2, 1),
    (0x10C80, 51, 1),
    (0x118A0, 32, 1),
    (0x16E40, 32, 1),
    (0x1E900, 34, 1),
];

/// Whether `c` (non-ASCII) lower-cases to something other than itself.
pub(super) fn changes(c: char) -> bool {
    let c = u32::from(c);
    let i = RUNS.partition_point(|&(first, _, _)| first <= c);
    let Some(&(first, count, step)) = i.checked_sub(1).and_then(|i| RUNS.get(i)) else {
        return false;
    };
    let offset = c - first;
    let step = u32::from(step);
    offset % step == 0 && offset / step < u32::from(count)
}
