// Trunk's post-build hook (Trunk.toml): release builds only, on the playground's own JS
// glue and wasm in Trunk's staging folder, then their integrity hashes in index.html.
//
// 1. Short import and export names (about 5 KB gzip of the first load). wasm-bindgen
//    names each import `__wbg_<name>_<16 hex digits>`, once in the wasm's import section
//    and once as a key of the glue's imports object; the hex digits hardly compress. Each
//    becomes `a`, `b`, … `ba`, … in both files. So do the exports (`__wbindgen_malloc`,
//    closure shims with hashes), as `$a`, `$b`, …, wherever the glue names them (as
//    `wasm.<name>`, and JS functions named as the shims they call). The build fails if an
//    import is not exactly once in the glue or a new name is already there, so the two
//    files always agree.
// 2. The glue is minified with terser (web/minify.mjs; installed by `cargo xtask` from
//    web/package.json): Trunk's own minifier gives up on wasm-bindgen's `export default`
//    and leaves the glue as indented, commented source. Compressed and with its local
//    names mangled, it measured 1.1 KB gzip smaller than with only its indentation and
//    comments taken out (5.4 -> 4.3 KB); export names and object keys (the imports
//    above) are kept.
//
// The analysis worker runs the same glue and wasm, so it sees the same names. The
// deferred module (pullpolicy_deferred) is not part of the first load: its glue is only
// minified (no integrity hash names it).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minifyModule } from './minify.mjs';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
const index = path.join(dir, 'index.html');
let html = fs.readFileSync(index, 'utf8');
const sri = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');

const glues = fs.readdirSync(dir).filter((n) => /^pullpolicy_web-[0-9a-f]+\.js$/.test(n));
if (glues.length !== 1) throw new Error(`expected one pullpolicy_web glue, found ${glues}`);
const glueFile = path.join(dir, glues[0]);
const wasmFile = glueFile.replace(/\.js$/, '_bg.wasm');
const glueBefore = fs.readFileSync(glueFile);
const wasmBefore = fs.readFileSync(wasmFile);

const { wasm, renames, exports } = renameImportsAndExports(wasmBefore);
let glue = glueBefore.toString('utf8');
for (const [from, to] of renames) {
  const key = `${from}:`;
  const count = glue.split(key).length - 1;
  if (count !== 1) throw new Error(`${glues[0]}: the import ${from} is there ${count} times, not once`);
  glue = glue.replace(key, `${to}:`);
}
for (const [from, to] of exports) {
  const word = (name) => new RegExp(`(?<![\\w$])${name.replace('$', '\\$')}(?![\\w$])`, 'g');
  if (word(to).test(glue)) throw new Error(`${glues[0]}: ${to} is already a name there`);
  glue = glue.replace(word(from), to);
}
const glueAfter = Buffer.from(await minifyModule(glue));
const deferred = path.join(dir, 'pullpolicy_deferred.js');
fs.writeFileSync(deferred, await minifyModule(fs.readFileSync(deferred, 'utf8')));

for (const [file, before, after] of [[glueFile, glueBefore, glueAfter], [wasmFile, wasmBefore, wasm]]) {
  fs.writeFileSync(file, after);
  if (!html.includes(sri(before))) throw new Error(`index.html has no integrity hash of ${path.basename(file)}`);
  html = html.split(sri(before)).join(sri(after));
}
html = loaderWithFailureMessage(html);
fs.writeFileSync(index, html);

/**
 * 3. Trunk's inline loader (`import init … from './glue.js'; await init(…)`) leaves the
 *    page on "Loading the pullpolicy playground…" for ever when the glue or the wasm
 *    cannot be loaded (a 404 after a partial upload, a blocked request), the reason only
 *    in the console; in the `?embed` iframe as well. It becomes a dynamic import inside
 *    `try`, whose failure is worded in that paragraph (issue 20). The CSP hash of the
 *    new script is computed afterwards (crates/xtask/src/csp.rs).
 */
function loaderWithFailureMessage(html) {
  const loader =
    /import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);\s*window\.wasmBindings = bindings;\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);/;
  const m = html.match(loader);
  if (!m) throw new Error("index.html: Trunk's module loader is not the one post-build.mjs rewrites");
  const [, glue, wasm] = m;
  return html.replace(
    loader,
    `try{const b=await import('${glue}');await b.default({module_or_path:'${wasm}'})}catch(e){` +
      `const p=document.querySelector('.loading');` +
      `if(p){p.setAttribute('role','alert');p.textContent='The playground could not be loaded ('+(e&&e.message||e)+'). Reload the page; if this stays, the site is missing some of its files.'}}`,
  );
}

/** The module with every `__wbg_…` import and every export renamed, and the renames. */
function renameImportsAndExports(bytes) {
  const renames = new Map();
  const exports = new Map();
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = uleb(bytes, at + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    // The import section: a vector of (module, name, description); the export section:
    // a vector of (name, kind, index).
    let [count, p] = uleb(bytes, start);
    const out = [leb(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        let module, name;
        [module, p] = string(bytes, p);
        [name, p] = string(bytes, p);
        const description = bytes.subarray(p, (p = skipDescription(bytes, p)));
        if (name.startsWith('__wbg_')) {
          if (!renames.has(name)) renames.set(name, shortName(renames.size));
          name = renames.get(name);
        }
        out.push(encodeString(module), encodeString(name), description);
      } else {
        let name;
        [name, p] = string(bytes, p);
        const description = bytes.subarray(p, (p = uleb(bytes, p + 1)[1]));
        exports.set(name, '$' + shortName(exports.size));
        out.push(encodeString(exports.get(name)), description);
      }
    }
    if (p !== end) throw new Error(`section ${id} did not parse to its end`);
    const payload = Buffer.concat(out);
    parts.push(Buffer.from([id]), leb(payload.length), payload);
    at = end;
  }
  return { wasm: Buffer.concat(parts), renames, exports };
}

function encodeString(text) {
  const bytes = Buffer.from(text);
  return Buffer.concat([leb(bytes.length), bytes]);
}

/** The end of an import description at `p`: function, table, memory, global or tag. */
function skipDescription(bytes, p) {
  const kind = bytes[p];
  const limits = (q) => {
    const flags = bytes[q];
    let [, r] = uleb(bytes, q + 1);
    if (flags & 1) [, r] = uleb(bytes, r);
    return r;
  };
  switch (kind) {
    case 0: return uleb(bytes, p + 1)[1]; // type index
    case 1: return limits(p + 2); // reference type, limits
    case 2: return limits(p + 1);
    case 3: return p + 3; // value type, mutability
    case 4: return uleb(bytes, p + 2)[1]; // attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

function uleb(bytes, p) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[p++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, p];
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

function string(bytes, p) {
  const [length, start] = uleb(bytes, p);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

/** `a`…`z`, `A`…`Z`, then `ba`, `bb`, …: valid object keys (reserved words are, too). */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % 52] + name;
    i = Math.floor(i / 52);
  } while (i > 0);
  return name;
}
