// Embedding and static hosting (issue 6): dist/ under a sub-path with every other host
// unreachable, the Content-Security-Policy with zero violations, the
// <pull-policy-explainer> web component (and hostile manifests), the npm package.
// The service worker has its own file: embed-offline.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, copyOfDist, DIST } from './harness.mjs';

const PREFIX = '/tools/pullpolicy/';

/** The `<meta>` Content-Security-Policy of `dir/index.html`. */
function cspMeta(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
}

const CLEAN_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - name: latest
    image: nginx
  - name: pinned
    image: nginx:1.19
  - name: never
    image: nginx:1.19
    imagePullPolicy: Never
`;

// Markup in every place a manifest's text is shown. In the page, "</script" is written
// "<\/script" (as the Hugo shortcode writes it), which the component turns back.
const HOSTILE_MANIFEST = String.raw`apiVersion: v1
kind: Pod
metadata:
  name: "<script>window.__pwned=1<\/script>"
spec:
  initContainers:
  - name: '<\/script><script>window.__pwned=1<\/script>'
    image: busybox:1.36
  containers:
  - name: "<img src=x onerror=window.__pwned=1>"
    image: nginx
  - name: '"><svg onload=window.__pwned=1>'
    image: '"><svg onload=window.__pwned=1>'
    imagePullPolicy: IfNotPresent
  - name: "javascript:alert(1)"
    image: "javascript:alert(1)"
    imagePullPolicy: Never
`;
// In start order (issue 20): the init container, then the containers.
const HOSTILE_NAMES = [
  '</script><script>window.__pwned=1</script>',
  '<img src=x onerror=window.__pwned=1>',
  '"><svg onload=window.__pwned=1>',
  'javascript:alert(1)',
];

// The manifests are indented as an author nests them in HTML; the component dedents.
const indent = (text) => text.replace(/^(?=.)/gm, '      ');
const COMPONENT_PAGE = (meta) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${meta}
    <title>pull-policy-explainer test page</title>
    <link rel="icon" href="data:," />
    <script type="module" src="./pull-policy-explainer.js"></script>
  </head>
  <body>
    <pull-policy-explainer id="clean" kubernetes-version="1.34">
      <script type="text/yaml">
${indent(CLEAN_MANIFEST)}      </script>
    </pull-policy-explainer>
    <pull-policy-explainer id="hostile" playground="javascript:alert(1)">
      <script type="text/yaml">
${indent(HOSTILE_MANIFEST)}      </script>
    </pull-policy-explainer>
  </body>
</html>
`;

let root;
let server;
let browser;
before(async () => {
  // A private copy: other builds may rewrite dist/ while this runs, and the component's
  // test page is added to it.
  root = copyOfDist();
  fs.writeFileSync(path.join(root, 'embed/component-test.html'), COMPONENT_PAGE(cspMeta(root)));
  server = await serve({ root, prefix: PREFIX });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh context whose pages record CSP violations, page errors and requests. */
async function newPage({ route } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      true,
    );
  });
  if (route) await context.route('**/*', route);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  return { context, page, errors, requests };
}

/** The playground renders: `main` now; the verdict cards once the playground has them. */
async function playgroundRenders(page) {
  await page.waitForSelector('main', { timeout: 30000 });
  const cards = await page
    .waitForSelector('[data-effective-policy]', { timeout: 5000 })
    .then(() => true, () => false);
  if (!cards) console.log('# the playground shows no [data-effective-policy] yet (checked `main` only)');
}

async function demoExplains(page) {
  await page.waitForSelector('#explain:not([disabled])', { timeout: 30000 });
  await page.fill('#yaml', CLEAN_MANIFEST);
  await page.click('#explain');
  await page.waitForFunction(() => document.getElementById('out').textContent.startsWith('{'));
  return JSON.parse(await page.textContent('#out'));
}

async function componentsRendered(page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('pull-policy-explainer')].every((e) =>
        e.shadowRoot?.querySelector('.pp-body'),
      ),
    null,
    { timeout: 30000 },
  );
}

test('dist/ works under a sub-path with every other host unreachable', { timeout: 120000 }, async () => {
  const attempted = [];
  const { context, page, errors, requests } = await newPage({
    route: (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin + '/')) return route.continue();
      attempted.push(url);
      return route.abort('addressunreachable');
    },
  });
  await page.goto(server.url);
  await playgroundRenders(page);
  await page.goto(`${server.url}embed/demo.html`);
  const report = await demoExplains(page);
  assert.equal(report.schemaVersion, 1);
  await page.goto(`${server.url}embed/component-test.html`);
  await componentsRendered(page);
  await context.close();

  assert.deepEqual(attempted, [], 'requests to other hosts');
  assert.deepEqual(errors, []);
  assert.ok(requests.length > 5, `only ${requests.length} requests seen`);
  for (const url of requests) {
    assert.ok(url.startsWith(server.url) || url.startsWith('data:'), `left the sub-path: ${url}`);
  }
  for (const url of server.requests) {
    assert.ok(url.startsWith(PREFIX), `the server was asked for ${url}`);
  }
});

test('every page runs under the Content-Security-Policy with zero violations', { timeout: 120000 }, async () => {
  const meta = cspMeta(DIST);
  const policy = meta.match(/content="([^"]*)"/)[1];
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
  assert.doesNotMatch(policy, /'unsafe-eval'/);
  assert.ok(policy.includes("object-src 'none'") && policy.includes("base-uri 'self'"));
  for (const page of ['index.html', 'embed/demo.html']) {
    const html = fs.readFileSync(path.join(DIST, page), 'utf8');
    assert.equal(html.split('http-equiv="Content-Security-Policy"').length, 2, `one policy in ${page}`);
    assert.ok(html.includes(meta), `${page} carries the same policy`);
    assert.ok(html.indexOf(meta) < html.indexOf('<script'), `the policy precedes the scripts of ${page}`);
  }
  const headers = fs.readFileSync(path.join(DIST, '_headers'), 'utf8');
  assert.ok(headers.includes(`/*\n  Content-Security-Policy: ${policy}\n`), '_headers has the same policy');

  const { context, page, errors } = await newPage();
  const violations = async () => page.evaluate(() => window.__cspViolations);

  await page.goto(server.url);
  await playgroundRenders(page);
  assert.deepEqual(await violations(), [], 'the playground');

  await page.goto(`${server.url}embed/demo.html`);
  await demoExplains(page);
  assert.deepEqual(await violations(), [], 'the demo page');

  await page.goto(`${server.url}embed/component-test.html`);
  await componentsRendered(page);
  assert.deepEqual(await violations(), [], 'the web component');
  assert.deepEqual(errors, []);

  // The policy is enforced: an injected inline script is refused and reported.
  await page.goto(server.url);
  await playgroundRenders(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.match((await violations())[0], /^script-src-elem inline/);
  await context.close();
});

test('<pull-policy-explainer> renders verdict cards in its shadow DOM', { timeout: 60000 }, async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${server.url}embed/component-test.html`);
  await componentsRendered(page);
  const clean = await page.evaluate(() => {
    const root = document.getElementById('clean').shadowRoot;
    return {
      cards: [...root.querySelectorAll('[data-container-path]')].map((c) => [
        c.dataset.containerPath,
        c.dataset.effectivePolicy,
        c.querySelector('.pp-badge').textContent,
      ]),
      rules: [...root.querySelectorAll('[data-rule]')].map((f) => f.dataset.rule),
      faq: [...root.querySelectorAll('[data-rule="latest-tag"] details.pp-faq')].map((d) => [
        d.dataset.faq,
        d.querySelector('summary').textContent,
        d.querySelector('p').textContent.slice(0, 44),
        d.querySelector('p code')?.textContent,
      ]),
      infoFaq: root.querySelectorAll('[data-severity="info"] details.pp-faq').length,
      outcome: root.querySelector('.pp-outcome')?.textContent,
      open: root.querySelector('a.pp-open').href,
      lightDom: document.getElementById('clean').children.length,
    };
  });
  assert.deepEqual(clean.cards, [
    ['spec.containers[0]', 'Always', 'Always'],
    ['spec.containers[1]', 'IfNotPresent', 'IfNotPresent'],
    ['spec.containers[2]', 'Never', 'Never'],
  ]);
  assert.ok(clean.rules.includes('latest-tag'), `rules: ${clean.rules}`);
  // A warning carries its related questions from the core's FAQ, folded; notes do not.
  assert.deepEqual(clean.faq, [
    ['why-default-always', 'Why did my image default to Always?', 'Because the imagePullPolicy field was empty ', 'imagePullPolicy'],
    ['mutable-tags-diverge', 'Why do different nodes run different code for the same tag?', 'Because with IfNotPresent each node decides ', 'IfNotPresent'],
  ]);
  assert.equal(clean.infoFaq, 0);
  assert.equal(clean.outcome, 'pulls; starts');
  assert.equal(clean.lightDom, 1, 'the manifest stays the only light-DOM child');

  // "Open in the playground": the playground (the folder above embed/) with the manifest.
  const open = new URL(clean.open);
  assert.equal(open.origin + open.pathname, server.url);
  const params = new URLSearchParams(open.hash.slice(1));
  assert.equal(Buffer.from(params.get('yaml'), 'base64url').toString('utf8'), CLEAN_MANIFEST);
  assert.equal(params.get('k8s'), '1.34');

  // Theming: a custom property set on the page reaches the badge in the shadow DOM.
  const always = await page.evaluate(() => {
    document.getElementById('clean').style.setProperty('--pp-always', 'rgb(1, 2, 3)');
    const badge = document.getElementById('clean').shadowRoot.querySelector('.pp-badge[data-policy="Always"]');
    return getComputedStyle(badge).backgroundColor;
  });
  assert.equal(always, 'rgb(1, 2, 3)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('markup in a manifest shows as text and never runs', { timeout: 60000 }, async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${server.url}embed/component-test.html`);
  await componentsRendered(page);
  await page.waitForTimeout(500); // time for an onerror/onload to fire, were there one
  const hostile = await page.evaluate(() => {
    const root = document.getElementById('hostile').shadowRoot;
    return {
      pwned: window.__pwned,
      names: [...root.querySelectorAll('.pp-name')].map((n) => n.textContent),
      images: [...root.querySelectorAll('.pp-image')].map((n) => n.textContent),
      elements: root.querySelectorAll('img, svg, script, iframe, object, embed').length,
      links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: root.textContent,
    };
  });
  assert.equal(hostile.pwned, undefined);
  assert.equal(hostile.elements, 0);
  assert.deepEqual(hostile.names, HOSTILE_NAMES);
  assert.deepEqual(hostile.images, ['busybox:1.36', 'nginx', '"><svg onload=window.__pwned=1>', 'javascript:alert(1)']);
  // The playground attribute said javascript:alert(1): the default playground is used.
  const [open, ...docs] = [hostile.links.at(-1), ...hostile.links.slice(0, -1)];
  assert.ok(open.startsWith(`${server.url}#yaml=`), open);
  for (const href of docs) assert.ok(href.startsWith('https://kubernetes.io/'), href);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the npm package: package.json, TypeScript declarations, a page using the JS API', { timeout: 60000 }, async () => {
  const npm = path.join(DIST, 'npm');
  const pkg = JSON.parse(fs.readFileSync(path.join(npm, 'package.json'), 'utf8'));
  const cargo = fs.readFileSync(path.join(import.meta.dirname, '../../Cargo.toml'), 'utf8');
  const version = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
  assert.equal(pkg.name, 'pullpolicy');
  assert.equal(pkg.version, version);
  assert.equal(pkg.type, 'module');
  for (const file of [pkg.main, pkg.types, 'pullpolicy_bg.wasm', 'README.md']) {
    assert.ok(fs.existsSync(path.join(npm, file)), `npm/${file}`);
  }
  const dts = fs.readFileSync(path.join(npm, pkg.types), 'utf8');
  assert.ok(dts.includes('export function explain(yaml: string, options: Partial<Options> | undefined): Report;'));
  assert.ok(dts.includes('export function faq(): FaqEntry[];'));
  assert.ok(dts.includes('export function version(): string;'));
  assert.ok(dts.includes('export default function __wbg_init'));
  assert.match(dts, /export interface Report \{\s*schemaVersion: 1;/);

  const { context, page, errors } = await newPage();
  await page.goto(`${server.url}embed/demo.html`);
  const report = await demoExplains(page);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.documents[0].entries[0].policy.effective, 'Always');
  // The same module, imported by URL from another page.
  const api = await page.evaluate(async () => {
    const m = await import(new URL('../npm/pullpolicy.js', location.href).href);
    await m.default();
    const r = m.explain('image: nginx:1.19\nimagePullPolicy: Never\n', { kubernetesVersion: '1.30' });
    let bad;
    try {
      m.explain('image: nginx', { kubernetesVersion: 'one' });
    } catch (e) {
      bad = e.message;
    }
    return { schema: r.schemaVersion, k8s: r.kubernetesVersion, faq: m.faq().length, version: m.version(), bad };
  });
  assert.equal(api.schema, 1);
  assert.equal(api.k8s, '1.30');
  assert.ok(api.faq > 0);
  assert.equal(api.version, version);
  assert.match(api.bad, /^options: /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the component shows its manifest in an editable text area above the cards; edits explain again; readonly', { timeout: 60000 }, async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${server.url}embed/component-test.html`);
  await componentsRendered(page);
  const area = page.locator('#clean textarea.pp-yaml');
  assert.equal(await area.inputValue(), CLEAN_MANIFEST, 'dedented, exactly the manifest');
  assert.equal(await page.locator('#clean label[for="pp-yaml"]').isVisible(), true);
  const policies = () => page.evaluate(() =>
    [...document.getElementById('clean').shadowRoot.querySelectorAll('[data-effective-policy]')].map((c) => c.dataset.effectivePolicy).join());
  // Typing explains again, after a short pause, and the text area keeps focus and text.
  await area.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('  - name: more\n    image: busybox:1\n    imagePullPolicy: Always\n');
  await page.waitForFunction(() =>
    document.getElementById('clean').shadowRoot.querySelectorAll('[data-effective-policy]').length === 4, null, { timeout: 10000 });
  assert.equal(await policies(), 'Always,IfNotPresent,Never,Always');
  assert.equal(await page.evaluate(() => document.getElementById('clean').shadowRoot.activeElement?.className), 'pp-yaml');
  // "Open in the playground" carries the edited manifest; the element's own text is unchanged.
  const open = new URL(await page.evaluate(() => document.getElementById('clean').shadowRoot.querySelector('a.pp-open').href));
  assert.match(Buffer.from(new URLSearchParams(open.hash.slice(1)).get('yaml'), 'base64url').toString('utf8'), /name: more/);
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('#clean > script').textContent), /name: more/);
  // A script changing the element's manifest replaces the reader's edits.
  await page.evaluate(() => (document.querySelector('#clean > script').textContent = 'image: nginx:1.19\n'));
  await page.waitForFunction(() => document.getElementById('clean').shadowRoot.querySelector('textarea').value === 'image: nginx:1.19\n');
  await page.waitForFunction(() =>
    document.getElementById('clean').shadowRoot.querySelectorAll('[data-effective-policy]').length === 1, null, { timeout: 10000 });
  // readonly: shown, not editable.
  await page.evaluate(() => document.getElementById('clean').setAttribute('readonly', ''));
  await page.waitForFunction(() => document.getElementById('clean').shadowRoot.querySelector('textarea').readOnly);
  assert.equal(await area.isEditable(), false);
  assert.deepEqual(errors, []);
  await context.close();
});
