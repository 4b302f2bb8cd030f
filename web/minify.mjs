// The JS glue's minifier (terser, pinned in web/package.json): used by post-build.mjs on
// the playground's glue and by scripts/size_floor.sh on the floor's, so both are measured
// alike. Run as a program, it minifies the files it is given in place.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

/** `code`, an ES module, compressed and with its local names mangled; exports kept. */
export async function minifyModule(code) {
  const out = await minify(code, { module: true, compress: true, mangle: true, format: { comments: false } });
  return out.code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    fs.writeFileSync(file, await minifyModule(fs.readFileSync(file, 'utf8')));
  }
}
