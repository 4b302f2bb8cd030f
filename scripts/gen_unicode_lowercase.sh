#!/usr/bin/env bash
# Regenerates crates/pullpolicy/tests/fixtures/unicode-15.0.0-lowercase.txt: the non-ASCII
# code points whose simple lower-case mapping is not themselves in Unicode 15.0.0, the
# Unicode version of Go's `unicode` tables from Go 1.21 on (what `strings.ToLower` uses
# in Kubernetes 1.29 and later). The data comes from npm's @unicode/unicode-15.0.0
# (Simple_Case_Mapping/Lowercase, generated from UnicodeData.txt).
#
#   scripts/gen_unicode_lowercase.sh     # needs node and npm
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/crates/pullpolicy/tests/fixtures/unicode-15.0.0-lowercase.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @unicode/unicode-15.0.0@2.0.7 >/dev/null
tar xzf unicode-unicode-15.0.0-2.0.7.tgz package/Simple_Case_Mapping/Lowercase/code-points.mjs
cat >dump.mjs <<'JS'
import lower from './package/Simple_Case_Mapping/Lowercase/code-points.mjs';
const changed = [...lower.entries()]
  .filter(([from, to]) => from >= 0x80 && from !== to)
  .map(([from]) => from)
  .sort((a, b) => a - b);
console.log('# Unicode 15.0.0: non-ASCII code points whose simple lower-case mapping is not themselves');
console.log('# (npm @unicode/unicode-15.0.0 2.0.7, Simple_Case_Mapping/Lowercase); scripts/gen_unicode_lowercase.sh');
for (const c of changed) console.log(c.toString(16).toUpperCase().padStart(4, '0'));
JS
node dump.mjs >"$out"
echo "$(grep -vc '^#' "$out") code points -> $out"
