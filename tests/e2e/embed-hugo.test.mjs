// The Hugo shortcode (embed/hugo/layouts/shortcodes/pullpolicy.html): a post using it
// builds with Hugo, the output is what the shortcode promises, and the page renders the
// verdicts in Chromium with the manifest intact. Needs `hugo` on PATH (Debian: apt-get
// install hugo); skipped without it.
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

// The article's first example, and a name with everything that could end the element.
const POST = `---
title: ImagePullPolicy
---

Here is an example of a Kubernetes Pod specification that includes an ImagePullPolicy:

{{< pullpolicy version="1.34" >}}
apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - name: my-container
    image: nginx:1.19
    imagePullPolicy: IfNotPresent
  - name: "</SCRIPT><script>window.__pwned=1</script><!-- & -->"
    image: nginx
{{< /pullpolicy >}}

And with no parameters:

{{< pullpolicy >}}
image: busybox
{{< /pullpolicy >}}
`;

let root;
let site;
let server;
let browser;
before(async () => {
  if (!hugo) return;
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'pullpolicy-hugo-'));
  fs.mkdirSync(path.join(site, 'content/posts'), { recursive: true });
  fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  fs.writeFileSync(
    path.join(site, 'hugo.toml'),
    `baseURL = "http://127.0.0.1/"\ntitle = "blog"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n` +
      `[params]\n  pullpolicyBase = "${PREFIX}"\n`,
  );
  fs.writeFileSync(
    path.join(site, 'layouts/_default/single.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>' +
      '<link rel="icon" href="data:,"></head><body>{{ .Content }}</body></html>\n',
  );
  fs.writeFileSync(path.join(site, 'layouts/_default/list.html'), '<!doctype html><title>list</title>\n');
  fs.writeFileSync(path.join(site, 'content/posts/imagepullpolicy.md'), POST);
  // The shortcode used as the README says: embed/hugo as a theme component.
  execFileSync('hugo', ['--quiet', '--themesDir', EMBED, '--theme', 'hugo', '-d', path.join(site, 'public')], {
    cwd: site,
  });
  // The blog and the tool on one host: the post under the site's sub-path.
  root = copyOfDist();
  fs.cpSync(path.join(site, 'public/posts/imagepullpolicy'), path.join(root, 'blog'), { recursive: true });
  server = await serve({ root, prefix: PREFIX });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [root, site]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the shortcode writes the element, the escaped manifest and the module', { skip: !hugo && 'no hugo on PATH' }, () => {
  const html = fs.readFileSync(path.join(root, 'blog/index.html'), 'utf8');
  assert.ok(
    html.includes(`<pull-policy-explainer playground="${PREFIX}" kubernetes-version="1.34">
<script type="text/yaml">
apiVersion: v1
kind: Pod
`),
    html,
  );
  // Then the status paragraph, shown until the component runs (embed-load.test.mjs).
  assert.ok(html.includes(`  - name: "<\\/SCRIPT><script>window.__pwned=1<\\/script><\\!-- & -->"\n    image: nginx\n</script>\n<p data-pullpolicy-status="`));
  assert.ok(html.includes(`<pull-policy-explainer playground="${PREFIX}">\n<script type="text/yaml">\nimage: busybox\n</script>`));
  assert.equal(html.split(`<script type="module" src="${PREFIX}embed/pull-policy-explainer.js" onerror="`).length, 3);
});

test('a post with the shortcode shows the verdicts', { skip: !hugo && 'no hugo on PATH', timeout: 60000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}blog/`);
  await page.waitForFunction(
    () => [...document.querySelectorAll('pull-policy-explainer')].every((e) => e.shadowRoot?.querySelector('.pp-body')),
    null,
    { timeout: 30000 },
  );
  const widgets = await page.evaluate(() =>
    [...document.querySelectorAll('pull-policy-explainer')].map((e) => ({
      cards: [...e.shadowRoot.querySelectorAll('[data-effective-policy]')].map((c) => [
        c.querySelector('.pp-name').textContent,
        c.dataset.effectivePolicy,
      ]),
      version: e.report.kubernetesVersion,
    })),
  );
  assert.deepEqual(widgets[0].cards, [
    ['my-container', 'IfNotPresent'],
    ['</SCRIPT><script>window.__pwned=1</script><!-- & -->', 'Always'],
  ]);
  assert.equal(widgets[0].version, '1.34');
  assert.equal(widgets[1].cards.length, 1, 'the bare fragment has one container');
  assert.equal(widgets[1].cards[0][1], 'Always');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});
