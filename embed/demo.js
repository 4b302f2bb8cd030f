// The demo page's script: the JS API used directly (no inline script: the page runs
// under the site's Content-Security-Policy).
import init, { explain, version } from '../npm/pullpolicy.js';

const yaml = document.getElementById('yaml');
const select = document.getElementById('version');
const button = document.getElementById('explain');
const status = document.getElementById('status');
const out = document.getElementById('out');

function run() {
  const options = select.value ? { kubernetesVersion: select.value } : undefined;
  try {
    const report = explain(yaml.value, options);
    out.textContent = JSON.stringify(report, null, 2);
    const s = report.summary;
    status.textContent = `${s.entries} entries: ${s.errors} errors, ${s.warnings} warnings`;
  } catch (error) {
    out.textContent = String(error?.message ?? error);
    status.textContent = 'error';
  }
}

try {
  await init();
  status.textContent = `pullpolicy ${version()} ready`;
  button.disabled = false;
  button.addEventListener('click', run);
} catch (error) {
  status.textContent = `The wasm did not load: ${error?.message ?? error}`;
}
