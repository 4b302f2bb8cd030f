// Issue 20: when the embed cannot load, the reader is told so in the element, not left
// with "Loading…" (the reason otherwise only in the console): the Hugo shortcode's
// module from a host without Access-Control-Allow-Origin, or missing (404); the web
// component's WebAssembly missing. Hugo tests are skipped without `hugo` on PATH.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, copyOfDist } from './harness.mjs';

const EMBED = path.resolve(import.meta.dirname, '../../embed');
const PREFIX = '/tools/pullpolicy/';
const hugo = (() => {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();

const POST = `---
title: ImagePullPolicy
---

{{< pullpolicy >}}
apiVersion: v1
kind: Pod
metadata: {name: my-pod}
spec:
  containers:
  - {name: app, image: "nginx:1.19"}
{{< /pullpolicy >}}
`;

/** Builds the post with the shortcode, the pullpolicy site at `base`; the page's folder. */
function buildPost(base) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pullpolicy-hugo-load-'));
  fs.mkdirSync(path.join(site, 'content/posts'), { recursive: true });
  fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  fs.writeFileSync(
    path.join(site, 'hugo.toml'),
    `baseURL = "http://127.0.0.1/"\ntitle = "blog"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n` +
      `[params]\n  pullpolicyBase = "${base}"\n`,
  );
  fs.writeFileSync(
    path.join(site, 'layouts/_default/single.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>' +
      '<link rel="icon" href="data:,"></head><body>{{ .Content }}</body></html>\n',
  );
  fs.writeFileSync(path.join(site, 'layouts/_default/list.html'), '<!doctype html><title>list</title>\n');
  fs.writeFileSync(path.join(site, 'content/posts/imagepullpolicy.md'), POST);
  execFileSync('hugo', ['--quiet', '--themesDir', EMBED, '--theme', 'hugo', '-d', path.join(site, 'public')], { cwd: site });
  return site;
}

let browser;
let tool;
before(async () => {
  browser = await launch();
  // The pullpolicy site on its own origin, which sends no Access-Control-Allow-Origin.
  tool = await serve({ prefix: PREFIX });
});
after(async () => {
  await browser?.close();
  await tool?.close();
});

/** The status paragraph of every explainer on the blog's page, once the module failed. */
async function statusesOf(blogUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(blogUrl);
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-pullpolicy-status]')].every((p) => !p.textContent.startsWith('Loading')),
    null,
    { timeout: 15000 },
  );
  const shown = await page.evaluate(() => ({
    defined: Boolean(customElements.get('pull-policy-explainer')),
    statuses: [...document.querySelectorAll('pull-policy-explainer > [data-pullpolicy-status]')].map((p) => ({
      text: p.textContent,
      visible: p.getBoundingClientRect().height > 0,
    })),
  }));
  await context.close();
  return shown;
}

for (const [name, where] of [
  ['from a host without Access-Control-Allow-Origin', () => tool.url],
  ['missing (404)', () => `${tool.origin}/missing/`],
]) {
  test(`the shortcode says so in the element when its module is ${name}`, { skip: !hugo && 'no hugo on PATH', timeout: 60000 }, async () => {
    // The blog on another origin than the tool (for the 404, the tool's address wrong).
    const base = where();
    const site = buildPost(base);
    const blog = await serve({ root: path.join(site, 'public'), prefix: '/' });
    try {
      const shown = await statusesOf(`${blog.url}posts/imagepullpolicy/`);
      assert.equal(shown.defined, false);
      assert.deepEqual(shown.statuses, [
        {
          text: `The pullpolicy explainer could not be loaded from ${base}embed/pull-policy-explainer.js: the file is missing there, or its site does not allow this page to load it (it must send Access-Control-Allow-Origin).`,
          visible: true,
        },
      ]);
    } finally {
      await blog.close();
      fs.rmSync(site, { recursive: true, force: true });
    }
  });
}

test('the shortcode’s status paragraph is hidden once the component runs', { skip: !hugo && 'no hugo on PATH', timeout: 60000 }, async () => {
  // Blog and tool on one origin: the module loads, its shadow root hides the paragraph.
  const root = copyOfDist();
  const site = buildPost(PREFIX);
  fs.cpSync(path.join(site, 'public/posts/imagepullpolicy'), path.join(root, 'blog'), { recursive: true });
  const server = await serve({ root, prefix: PREFIX });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}blog/`);
    await page.waitForFunction(() => document.querySelector('pull-policy-explainer')?.shadowRoot?.querySelector('[data-effective-policy]'), null, { timeout: 30000 });
    const status = await page.$eval('[data-pullpolicy-status]', (p) => ({ text: p.textContent, height: p.getBoundingClientRect().height }));
    assert.equal(status.height, 0, 'not shown beside the verdicts');
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('the web component says which file it could not load when its WebAssembly is missing', { timeout: 60000 }, async () => {
  const root = copyOfDist();
  fs.rmSync(path.join(root, 'npm/pullpolicy_bg.wasm'));
  fs.writeFileSync(
    path.join(root, 'page.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">' +
      `<script type="module" src="${PREFIX}embed/pull-policy-explainer.js"></script></head><body>` +
      '<pull-policy-explainer><script type="text/yaml">image: nginx</script></pull-policy-explainer></body></html>',
  );
  const server = await serve({ root, prefix: PREFIX });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}page.html`);
    const text = await page.waitForFunction(
      () => document.querySelector('pull-policy-explainer')?.shadowRoot?.querySelector('.pp-error-text')?.textContent,
      null,
      { timeout: 15000 },
    );
    const message = await text.jsonValue();
    assert.ok(
      message.startsWith(`pullpolicy: The explainer could not load ${server.url}npm/pullpolicy_bg.wasm (`),
      message,
    );
    assert.ok(message.endsWith('); check that the whole pullpolicy site (dist/) is published there.'), message);
    assert.equal(await page.evaluate(() => document.querySelector('pull-policy-explainer').shadowRoot.textContent.includes('Loading')), false);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the playground (and its ?embed iframe page) says so when its WebAssembly cannot be loaded', { timeout: 60000 }, async () => {
  const root = copyOfDist();
  const wasm = fs.readdirSync(root).find((n) => /^pullpolicy_web-[0-9a-f]+_bg\.wasm$/.test(n));
  fs.rmSync(path.join(root, wasm));
  const server = await serve({ root, prefix: PREFIX });
  try {
    for (const rest of ['', '?embed']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + rest);
      await page.waitForFunction(() => !document.querySelector('.loading')?.textContent.startsWith('Loading'), null, { timeout: 15000 });
      const shown = await page.$eval('.loading', (p) => ({ text: p.textContent, role: p.getAttribute('role') }));
      assert.match(shown.text, /^The playground could not be loaded \(.+\)\. Reload the page; if this stays, the site is missing some of its files\.$/, rest);
      assert.equal(shown.role, 'alert');
      await context.close();
    }
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
