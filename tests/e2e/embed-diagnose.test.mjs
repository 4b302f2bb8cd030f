// <pull-policy-explainer> with evidence of a pull failure (issue #18) instead of a
// manifest: `kubectl describe pod` output, Pods with status, events, Node objects are
// told from a manifest by the npm API's isEvidence() and diagnosed with the diagnosis
// module (npm/pullpolicy_diagnose.js), which the component imports only then: a page
// whose components hold manifests never requests it. The diagnosis is the view's model
// (diagnosisView()), built with createElement/textContent: markup in the evidence (pod,
// container, image, message; U+001F; javascript:) never becomes an element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, copyOfDist } from './harness.mjs';

const PREFIX = '/tools/pullpolicy/';
const FIXTURES = path.resolve(import.meta.dirname, '../../crates/pullpolicy/tests/fixtures/diagnose');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const DESCRIBE = fixture('composed/describe_current.txt');
const MIXED = fixture('composed/mixed.txt');
const PODS = fixture('composed/pods_list.yaml');
const RUNNING = fixture('composed/running.txt');
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - name: app
    image: nginx:1.27
`;
// A manifest whose comment names a waiting reason: the detector says "maybe evidence",
// the diagnosis finds none, the component explains it.
const COMMENTED = `# was stuck in ErrImagePull until the tag was fixed\n${MANIFEST}`;

const PAGE = (body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>pull-policy-explainer diagnosis test page</title>
    <link rel="icon" href="data:," />
    <script type="module" src="./pull-policy-explainer.js"></script>
  </head>
  <body>
${body}
  </body>
</html>
`;
// The texts are set by the test (textContent of a <script type="text/yaml"> child), so
// that any character reaches the component as written.
const EMPTY = PAGE('');

let root;
let server;
let browser;
before(async () => {
  root = copyOfDist();
  fs.writeFileSync(path.join(root, 'embed/diagnose-test.html'), EMPTY);
  server = await serve({ root, prefix: PREFIX });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A page with one component per `texts` entry (`id` → text), rendered. */
async function page(texts, attributes = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(`${server.url}embed/diagnose-test.html`);
  await page.evaluate(
    ({ texts, attributes }) => {
      for (const [id, text] of Object.entries(texts)) {
        const element = document.createElement('pull-policy-explainer');
        element.id = id;
        for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
        const script = document.createElement('script');
        script.type = 'text/yaml';
        script.textContent = text;
        element.append(script);
        document.body.append(element);
      }
    },
    { texts, attributes },
  );
  await page.waitForFunction(
    () => [...document.querySelectorAll('pull-policy-explainer')].every((e) => e.shadowRoot?.querySelector('.pp-body')),
    null,
    { timeout: 30000 },
  );
  return { context, page, errors, requests, dialogs };
}

/** What component `id` shows of a diagnosis. */
function read(page, id) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const root = element.shadowRoot;
    const text = (e) => e?.textContent ?? null;
    return {
      title: text(root.querySelector('.pp-diagnosis-report > .pp-doc-title')),
      summary: text(root.querySelector('.pp-summary')),
      none: text(root.querySelector('.pp-none')),
      label: text(root.querySelector('.pp-editor > label')),
      cards: [...root.querySelectorAll('article.pp-diagnosis')].map((c) => ({
        class: c.dataset.class,
        reason: c.dataset.reason,
        heading: text(c.querySelector('.pp-heading')),
        facts: [...c.querySelectorAll('.pp-facts > dt')].map((dt) => dt.textContent),
        image: text(c.querySelector('.pp-image')),
        message: text(c.querySelector('.pp-message')),
        policy: text(c.querySelector('.pp-policy')),
        timeline: text(c.querySelector('.pp-timeline')),
        nodes: [...c.querySelectorAll('.pp-nodes > li')].map((li) => [li.dataset.node, li.dataset.present]),
        fix: text(c.querySelector('.pp-fix')),
        faq: [...c.querySelectorAll(':scope > details.pp-faq')].map((d) => [d.dataset.faq, d.querySelectorAll('p').length > 0]),
        rules: [...c.querySelectorAll('[data-rule]')].map((f) => f.dataset.rule),
      })),
      pods: [...root.querySelectorAll('.pp-pod')].map((p) => p.textContent),
      explained: root.querySelectorAll('[data-effective-policy]').length,
      open: root.querySelector('a.pp-open')?.getAttribute('href') ?? null,
      property: element.diagnosis ? element.diagnosis.diagnoses.length : null,
      view: element.view !== null,
    };
  }, id);
}

test('the component diagnoses a describe output, Pod objects, nodes; explains manifests', { timeout: 90000 }, async () => {
  const { context, page: p, errors, requests } = await page({
    describe: DESCRIBE,
    pods: PODS,
    mixed: MIXED,
    running: RUNNING,
    commented: COMMENTED,
  });
  const describe = await read(p, 'describe');
  assert.equal(describe.title, 'Diagnosis');
  assert.equal(describe.label, 'Evidence (edit it to see the diagnosis change)');
  assert.match(describe.summary, /^1 input: 1 pull failure \(1 pod with a pull problem, 0 without\); 1 error, /);
  assert.equal(describe.cards.length, 1);
  const [d] = describe.cards;
  assert.equal(d.class, 'not-found');
  assert.equal(d.reason, 'ImagePullBackOff');
  assert.equal(d.heading, 'pod shop/web-7d9f8c6b4-x2kqp, container web: ImagePullBackOff (not-found: the tag or digest does not exist in the registry)');
  assert.deepEqual(d.facts, ['image', 'class', 'reason', 'message', 'policy', 'back-off', 'fix']);
  assert.equal(d.image, 'nginx:9.9');
  assert.equal(d.message, 'failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found');
  assert.match(d.timeline, /^4 failed pull\(s\) over 106 s; back-off window now 80 s/);
  assert.equal(d.fix, "Use a tag or digest that exists in that repository (check the registry's tag list), or push the missing tag.");
  // The related questions, with their answers, folded.
  assert.deepEqual(d.faq, [['errimagepull-vs-imagepullbackoff', true], ['image-pull-backoff', true]]);
  assert.ok(d.rules.includes('pull-failure'), `${d.rules}`);
  assert.equal(describe.property, 1);
  assert.equal(describe.view, false);
  assert.equal(describe.explained, 0);
  // "Open in the playground" carries the evidence; the playground diagnoses it.
  assert.ok(describe.open.startsWith(`${server.url}#yaml=`), describe.open);

  const pods = await read(p, 'pods');
  assert.deepEqual(pods.cards.map((c) => [c.class, c.reason]), [['rate-limited', 'ImagePullBackOff'], ['never-pull', 'ErrImageNeverPull']]);
  assert.deepEqual(pods.pods, ['No pull problem: web is running.', 'No pull problem: web is waiting (CrashLoopBackOff: the image was pulled; the container itself keeps failing).']);
  assert.match(pods.cards[0].policy, /^The container's imagePullPolicy is Always\./);

  const mixed = await read(p, 'mixed');
  assert.deepEqual(mixed.cards.map((c) => c.nodes), [[['worker-2', 'yes']]]);
  assert.ok(mixed.cards[0].facts.includes('nodes'));

  const running = await read(p, 'running');
  assert.deepEqual(running.cards, []);
  assert.equal(running.none, 'No image-pull failure in this input.');

  // No evidence after all: explained as the manifest it is.
  const commented = await read(p, 'commented');
  assert.equal(commented.title, null);
  assert.equal(commented.explained, 1);
  assert.equal(commented.view, true);
  assert.equal(commented.property, null);

  // The diagnosis module was loaded, once.
  const diagnose = requests.filter((u) => u.includes('/npm/pullpolicy_diagnose'));
  assert.deepEqual(diagnose.map((u) => new URL(u).pathname).sort(), [
    `${PREFIX}npm/pullpolicy_diagnose.js`,
    `${PREFIX}npm/pullpolicy_diagnose_bg.wasm`,
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page with only manifests never requests the diagnosis module; an edit to evidence loads it', { timeout: 60000 }, async () => {
  const { context, page: p, errors, requests } = await page({ one: MANIFEST, two: COMMENTED.replace('ErrImagePull', 'trouble') });
  assert.equal((await read(p, 'one')).explained, 1);
  assert.ok(requests.some((u) => u.endsWith('/npm/pullpolicy_bg.wasm')), 'the explaining module is loaded');
  assert.deepEqual(requests.filter((u) => u.includes('pullpolicy_diagnose')), [], 'the diagnosis module is not requested');
  // The reader pastes evidence into the text area: now it is loaded, and diagnoses.
  await p.evaluate((text) => {
    const area = document.getElementById('one').shadowRoot.querySelector('textarea');
    area.value = text;
    area.dispatchEvent(new Event('input'));
  }, DESCRIBE);
  await p.waitForFunction(() => document.getElementById('one').shadowRoot.querySelector('article.pp-diagnosis'), null, { timeout: 30000 });
  assert.equal((await read(p, 'one')).cards[0].class, 'not-found');
  assert.ok(requests.some((u) => u.endsWith('/npm/pullpolicy_diagnose_bg.wasm')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('without the diagnosis module, evidence says which file could not be loaded; manifests explain', { timeout: 60000 }, async () => {
  const copy = copyOfDist(root);
  for (const f of fs.readdirSync(path.join(copy, 'npm')).filter((f) => f.startsWith('pullpolicy_diagnose'))) {
    fs.rmSync(path.join(copy, 'npm', f));
  }
  const other = await serve({ root: copy, prefix: PREFIX });
  const context = await browser.newContext();
  try {
    const p = await context.newPage();
    await p.goto(`${other.url}embed/diagnose-test.html`);
    await p.evaluate(({ describe, manifest }) => {
      for (const [id, text] of [['describe', describe], ['manifest', manifest]]) {
        const element = document.createElement('pull-policy-explainer');
        element.id = id;
        const script = document.createElement('script');
        script.type = 'text/yaml';
        script.textContent = text;
        element.append(script);
        document.body.append(element);
      }
    }, { describe: DESCRIBE, manifest: MANIFEST });
    await p.waitForFunction(() => [...document.querySelectorAll('pull-policy-explainer')].every((e) => e.shadowRoot?.querySelector('.pp-body')), null, { timeout: 30000 });
    const alert = await p.evaluate(() => document.getElementById('describe').shadowRoot.querySelector('.pp-error-text[role="alert"]')?.textContent);
    assert.ok(alert.startsWith(`pullpolicy: The explainer could not load ${other.url}npm/pullpolicy_diagnose.js (`), alert);
    assert.equal(await p.evaluate(() => document.getElementById('describe').shadowRoot.querySelector('textarea').value), DESCRIBE.replace(/\s+$/, '') + '\n');
    assert.equal(await p.evaluate(() => document.getElementById('manifest').shadowRoot.querySelectorAll('[data-effective-policy]').length), 1);
  } finally {
    await context.close();
    await other.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// Injection: every payload of tests/data/injection.json as the pod, the container, the
// image and in the runtime's message of a describe output.

const CORPUS = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../data/injection.json'), 'utf8'));
// Describe fields are single lines: line breaks would end them.
const oneLine = (s) => s.replace(/[\r\n]/g, ' ');
const evidence = (payload) => {
  const t = oneLine(payload);
  return `Name:             ${t}
Namespace:        default
Status:           Pending
Containers:
  ${t}:
    Image:          ${t}
    State:          Waiting
      Reason:       ErrImagePull
Events:
  Type     Reason     Age                From     Message
  ----     ------     ----               ----     -------
  Warning  Failed     17s (x2 over 30s)  kubelet  spec.containers{${t}}: Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found ${t}
  Warning  Failed     17s (x2 over 30s)  kubelet  spec.containers{${t}}: Error: ErrImagePull
`;
};

test('markup in evidence (pod, container, image, message; U+001F, javascript:) renders no live element', { timeout: 120000 }, async () => {
  const texts = Object.fromEntries(CORPUS.payloads.map(({ id, text }) => [`p-${id}`, evidence(text)]));
  const { context, page: p, errors, dialogs } = await page(texts);
  const shown = await p.evaluate((ids) => {
    const out = {};
    for (const id of ids) {
      const root = document.getElementById(id).shadowRoot;
      const all = [...root.querySelectorAll('*')];
      out[id] = {
        active: all
          .filter((e) => /^(script|img|svg|iframe|frame|object|embed|style|math|base|form|video|audio|link|input|button)$/i.test(e.localName))
          .map((e) => e.outerHTML.slice(0, 120)),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style').map((a) => `${e.localName} ${a.name}`)),
        links: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
        cls: root.querySelector('article.pp-diagnosis')?.dataset.class ?? null,
        message: root.querySelector('.pp-message')?.textContent ?? null,
        heading: root.querySelector('.pp-heading')?.textContent ?? null,
        text: root.querySelector('.pp-body').textContent,
      };
    }
    return out;
  }, Object.keys(texts));
  for (const { id, text } of CORPUS.payloads) {
    const s = shown[`p-${id}`];
    assert.deepEqual(s.active, [], `${id}: elements`);
    assert.deepEqual(s.handlers, [], `${id}: attributes`);
    assert.equal(s.cls, 'not-found', id);
    for (const href of s.links) {
      assert.ok(
        href.startsWith('https://kubernetes.io/') || href.startsWith(`${server.url}#`),
        `${id}: link ${href}`,
      );
    }
    // The payload shows as text (the core trims the line's spaces).
    const literal = oneLine(text).trim();
    assert.ok(s.message.includes(literal), `${id}: message ${JSON.stringify(s.message)}`);
  }
  // U+001F and the other separators reach the page as characters, not as structure.
  assert.ok(shown['p-unit-separator-tail'].message.includes('x\u001f\u001f\u001f<style>'));
  assert.equal(await p.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
