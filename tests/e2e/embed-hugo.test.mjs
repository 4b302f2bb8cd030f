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

// The article (the seed's copy in tests/fixtures/), its first `code-highlight` renamed
// `pullpolicy`, as embed/README.md says.
const ARTICLE_SOURCE = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/imagepullpolicy-article.md'), 'utf8');
const FIRST_BLOCK = ARTICLE_SOURCE.indexOf('{{< code-highlight "language-yaml" >}}');
const FIRST_END = ARTICLE_SOURCE.indexOf('{{< /code-highlight >}}', FIRST_BLOCK);
const ARTICLE =
  ARTICLE_SOURCE.slice(0, FIRST_BLOCK) +
  ARTICLE_SOURCE.slice(FIRST_BLOCK, FIRST_END).replace('code-highlight', 'pullpolicy') +
  '{{< /pullpolicy >}}' +
  ARTICLE_SOURCE.slice(FIRST_END + '{{< /code-highlight >}}'.length);
const ARTICLE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - name: my-container
    image: nginx:1.19
    imagePullPolicy: IfNotPresent
`;

// Evidence of a pull failure between the tags: the same element diagnoses it.
const DESCRIBE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../crates/pullpolicy/tests/fixtures/diagnose/composed/describe_current.txt'),
  'utf8',
);
const EVIDENCE_POST = `---
title: Why is my pod stuck?
---

{{< pullpolicy >}}
${DESCRIBE}{{< /pullpolicy >}}
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
  // The article itself, its first Pod spec explained by renaming its shortcode (the
  // blog's own shortcodes stubbed: code-highlight as a code block, faq as nothing).
  fs.mkdirSync(path.join(site, 'layouts/shortcodes'), { recursive: true });
  fs.writeFileSync(path.join(site, 'layouts/shortcodes/code-highlight.html'), '<pre><code class="{{ .Get 0 }}">{{ .Inner }}</code></pre>\n');
  fs.writeFileSync(path.join(site, 'layouts/shortcodes/faq.html'), '\n');
  fs.writeFileSync(path.join(site, 'content/posts/article.md'), ARTICLE);
  fs.writeFileSync(path.join(site, 'content/posts/evidence.md'), EVIDENCE_POST);
  // The shortcode used as the README says: embed/hugo as a theme component.
  execFileSync('hugo', ['--quiet', '--themesDir', EMBED, '--theme', 'hugo', '-d', path.join(site, 'public')], {
    cwd: site,
  });
  // The blog and the tool on one host: the post under the site's sub-path.
  root = copyOfDist();
  fs.cpSync(path.join(site, 'public/posts/imagepullpolicy'), path.join(root, 'blog'), { recursive: true });
  fs.cpSync(path.join(site, 'public/posts/kubernetes-imagepullpolicy'), path.join(root, 'article'), { recursive: true });
  fs.cpSync(path.join(site, 'public/posts/evidence'), path.join(root, 'evidence'), { recursive: true });
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
  // The manifest as a code block (HTML-escaped), which shows without JavaScript.
  assert.ok(
    html.includes(`<pull-policy-explainer playground="${PREFIX}" kubernetes-version="1.34">
<pre data-pullpolicy-yaml><code class="language-yaml">apiVersion: v1
kind: Pod
`),
    html,
  );
  // Then the status paragraph, shown until the component runs (embed-load.test.mjs).
  assert.ok(html.includes(`  - name: &#34;&lt;/SCRIPT&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;!-- &amp; --&gt;&#34;\n    image: nginx\n</code></pre>\n<p data-pullpolicy-status="`), html);
  assert.ok(html.includes(`<pull-policy-explainer playground="${PREFIX}">\n<pre data-pullpolicy-yaml><code class="language-yaml">image: busybox\n</code></pre>`));
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
  // The second container's name (the payload) is not an RFC 1123 label: the API server
  // refuses the Pod, so neither container gets a policy.
  assert.deepEqual(widgets[0].cards, [
    ['my-container', 'invalid'],
    ['</SCRIPT><script>window.__pwned=1</script><!-- & -->', 'invalid'],
  ]);
  assert.equal(widgets[0].version, '1.34');
  assert.equal(widgets[1].cards.length, 1, 'the bare fragment has one container');
  assert.equal(widgets[1].cards[0][1], 'Always');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The manifest in the text area, as written: the hostile name is text.
  const shown = await page.evaluate(() => document.querySelector('pull-policy-explainer').shadowRoot.querySelector('textarea').value);
  assert.ok(shown.includes('  - name: "</SCRIPT><script>window.__pwned=1</script><!-- & -->"\n'), shown);
  assert.equal(await page.evaluate(() => document.querySelector('pull-policy-explainer').shadowRoot.querySelectorAll('script').length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** axe-core over the widget, its shadow DOM included (the test blog's own page has no
 *  landmarks: not the widget's to fix). */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js') });
  }
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run({ include: [['pull-policy-explainer']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} (${v.nodes[0].failureSummary})`);
  });
}

test("the article with its shortcode renamed keeps its Pod spec on the page, editable, the verdict below it", { skip: !hugo && 'no hugo on PATH', timeout: 60000 }, async () => {
  const html = fs.readFileSync(path.join(root, 'article/index.html'), 'utf8');
  assert.equal(html.split('<pull-policy-explainer').length, 2, 'one widget: the first block');
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}article/`);
  const widget = page.locator('pull-policy-explainer');
  const yaml = widget.locator('textarea.pp-yaml');
  await widget.locator('[data-effective-policy]').first().waitFor({ timeout: 30000 });
  // The Pod spec, exactly as written, visible and labelled; the verdict below it.
  assert.equal(await yaml.inputValue(), ARTICLE_POD);
  assert.equal(await yaml.isVisible(), true);
  assert.equal(await yaml.isEditable(), true);
  const box = await yaml.boundingBox();
  const card = widget.locator('[data-effective-policy]').first();
  assert.ok((await card.boundingBox()).y >= box.y + box.height, 'the card is below the YAML');
  assert.ok(box.height >= 9 * 14, `every line shows (${box.height} px)`);
  assert.equal(await card.getAttribute('data-effective-policy'), 'IfNotPresent');
  // The article's other blocks stay code blocks.
  assert.equal(await page.locator(':not(pull-policy-explainer) > pre > code.language-yaml').count(), 2);
  assert.deepEqual(await axeViolations(page), [], 'the widget as loaded');
  // Editing in place explains again (the element's own text is left as written).
  await yaml.fill(ARTICLE_POD.replace('IfNotPresent', 'Never'));
  await page.waitForFunction(
    () => document.querySelector('pull-policy-explainer').shadowRoot.querySelector('[data-effective-policy]')?.dataset.effectivePolicy === 'Never',
    null,
    { timeout: 10000 },
  );
  await yaml.fill(ARTICLE_POD.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: [oops'));
  await page.waitForFunction(
    () => document.querySelector('pull-policy-explainer').shadowRoot.querySelector('[data-rule="yaml-syntax"]'),
    null,
    { timeout: 10000 },
  );
  assert.equal(await yaml.inputValue(), ARTICLE_POD.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: [oops'), 'the text is kept');
  assert.deepEqual(await axeViolations(page), [], 'after edits, with a syntax error');
  assert.equal(await page.evaluate(() => document.querySelector('pull-policy-explainer > pre').textContent), ARTICLE_POD);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a post with describe output in the shortcode shows its diagnosis', { skip: !hugo && 'no hugo on PATH', timeout: 60000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}evidence/`);
  const widget = page.locator('pull-policy-explainer');
  await widget.locator('article.pp-diagnosis').first().waitFor({ timeout: 30000 });
  const card = widget.locator('article.pp-diagnosis');
  assert.deepEqual([await card.getAttribute('data-class'), await card.getAttribute('data-reason')], ['not-found', 'ImagePullBackOff']);
  assert.equal(await widget.locator('textarea.pp-yaml').inputValue(), DESCRIBE.replace(/\s+$/, '') + '\n');
  assert.deepEqual(await axeViolations(page), [], 'the diagnosis');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript, the article shows the Pod spec as a code block', { skip: !hugo && 'no hugo on PATH' }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}article/`);
  const pre = page.locator('pull-policy-explainer > pre');
  assert.equal(await pre.isVisible(), true);
  assert.equal((await pre.innerText()).trimEnd(), ARTICLE_POD.trimEnd());
  const box = await pre.boundingBox();
  assert.ok(box.height >= 9 * 14, `every line shows (${box.height} px)`);
  await context.close();
});
