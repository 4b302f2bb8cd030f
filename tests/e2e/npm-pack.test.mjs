// The npm package as a user gets it (issue 19): `npm pack` of dist/npm, the tarball
// installed (offline) into a fresh project, and imported from Node.js scripts calling
// explain(yaml, options), faq() and version(). Node.js takes the package's "node" entry,
// which instantiates the wasm on import; the web entry (pullpolicy.js) works in Node.js
// too when given the wasm's bytes, as the package's README says. No browser is needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DIST = process.env.PULLPOLICY_DIST ?? path.resolve(import.meta.dirname, '../../dist');
const NPM = path.join(DIST, 'npm');

let work;
let tarball;
let pkg;

/** Runs a command in `cwd`, returns its standard output. */
function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `source` as an ES module in the consumer project; returns what it printed, parsed. */
function node(name, source) {
  const file = path.join(work, 'consumer', name);
  fs.writeFileSync(file, source);
  return JSON.parse(run(process.execPath, [file], path.join(work, 'consumer')));
}

before(() => {
  pkg = JSON.parse(fs.readFileSync(path.join(NPM, 'package.json'), 'utf8'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pullpolicy-npm-'));
  const packed = JSON.parse(run('npm', ['pack', NPM, '--pack-destination', work, '--json'], work));
  assert.equal(packed.length, 1);
  tarball = packed[0];
  const consumer = path.join(work, 'consumer');
  fs.mkdirSync(consumer);
  fs.writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // A tarball without dependencies installs without the registry.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, tarball.filename)], consumer);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('npm pack: the tarball holds the files package.json lists, and they install', () => {
  assert.equal(tarball.name, 'pullpolicy');
  assert.equal(tarball.version, pkg.version);
  const packedFiles = tarball.files.map((f) => f.path).sort();
  assert.deepEqual(packedFiles, [...pkg.files, 'package.json'].sort());
  assert.ok(pkg.files.includes('pullpolicy.node.js'));
  const installed = path.join(work, 'consumer', 'node_modules', 'pullpolicy');
  for (const file of packedFiles) {
    assert.deepEqual(
      fs.readFileSync(path.join(installed, file)),
      fs.readFileSync(path.join(NPM, file)),
      file,
    );
  }
});

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: latest
        image: nginx
      - name: pinned
        image: nginx:1.19
      - name: never
        image: busybox:1.36
        imagePullPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: app
    image: nginx:1.19
    imagePullPolicy: always
`;

// The Kubernetes words (spec: kubernetes-pull-semantics.md §2.1, pull-failures.md).
const UNSUPPORTED =
  'spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"';

test('import from Node.js: explain(yaml, options), faq() and version() give real results', { timeout: 60000 }, () => {
  const out = node(
    'explain.mjs',
    `import init, { explain, faq, version } from 'pullpolicy';
const manifest = ${JSON.stringify(MANIFEST)};
// Works at once: the Node.js entry instantiated the wasm on import.
const report = explain(manifest, { kubernetesVersion: '1.34', scenario: { registry: 'unreachable' } });
// init() is still there for code written for browsers, and changes nothing.
await init();
const again = explain(manifest, { kubernetesVersion: '1.34', scenario: { registry: 'unreachable' } });
const thrown = (options) => {
  try {
    explain('image: nginx', options);
    return null;
  } catch (e) {
    return { error: e instanceof Error, message: e.message };
  }
};
console.log(JSON.stringify({
  report,
  same: JSON.stringify(again) === JSON.stringify(report),
  defaults: explain(manifest, undefined).kubernetesVersion,
  syntax: explain('a: [\\n', undefined).syntaxErrors,
  badVersion: thrown({ kubernetesVersion: '1.2' }),
  badScenario: thrown({ scenario: { registry: 'down' } }),
  faq: faq(),
  version: version(),
}));
`,
  );
  const { report } = out;
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.kubernetesVersion, '1.34');
  assert.ok(out.same);
  assert.match(out.defaults, /^1\.\d+$/);

  const [web, bad] = report.documents;
  assert.deepEqual(
    web.entries.map((e) => [e.name, e.policy.written, e.policy.effective, e.policy.source]),
    [
      ['latest', null, 'Always', 'defaulted'],
      ['pinned', null, 'IfNotPresent', 'defaulted'],
      ['never', 'Never', 'Never', 'explicit'],
    ],
  );
  assert.equal(web.apiError, null);
  assert.equal(
    web.entries[0].policy.reason,
    'Not set, so the API server defaults it to Always because the image has neither tag nor digest, so its tag is taken to be "latest".',
  );
  // The scenario: the registry is down, so the image that must be pulled does not start.
  const latest = web.entries[0].outcome;
  assert.equal(latest.pulls, true);
  assert.equal(latest.started, false);
  assert.equal(latest.waitingReason, 'ImagePullBackOff');
  assert.equal(latest.waiting[0].reason, 'ErrImagePull');
  assert.ok(
    latest.waiting[0].message.startsWith('failed to pull and unpack image "docker.io/library/nginx:latest": '),
    latest.waiting[0].message,
  );

  // The rejected Pod: the API server's words.
  assert.equal(bad.apiError, `Pod "bad" is invalid: ${UNSUPPORTED}`);
  const [rejected] = bad.entries;
  assert.equal(rejected.policy.effective, null);
  assert.equal(rejected.policy.source, 'invalid');
  const invalid = rejected.findings.find((f) => f.rule === 'invalid-pull-policy');
  assert.equal(invalid.severity, 'error');
  assert.equal(invalid.message, UNSUPPORTED);
  // The object's refusal (object-invalid) and its cause at the field.
  assert.equal(report.summary.errors, 2);

  // YAML syntax errors, in kubectl's words (go-yaml's line counts from the document's start,
  // 0-based for parser errors; the position is the file's).
  assert.deepEqual(out.syntax.map((s) => [s.message, s.line, s.column]), [
    ['error converting YAML to JSON: yaml: line 1: did not find expected node content', 2, 1],
  ]);
  // Invalid options throw an Error whose message starts with "options:".
  assert.equal(out.badVersion.error, true);
  assert.match(
    out.badVersion.message,
    /^options: unsupported Kubernetes version "1\.2": supported versions are 1\.\d+ to 1\.\d+$/,
  );
  assert.deepEqual(out.badScenario, {
    error: true,
    message: 'options: unknown variant `down`, expected one of `reachable`, `unreachable`, `not-found`',
  });

  // The FAQ: the playground's entries.
  assert.ok(out.faq.length > 5);
  assert.equal(new Set(out.faq.map((e) => e.id)).size, out.faq.length);
  const always = out.faq.find((e) => e.id === 'why-default-always');
  assert.equal(always.question, 'Why did my image default to Always?');
  for (const e of out.faq) {
    assert.deepEqual(Object.keys(e).sort(), ['answer', 'fromArticle', 'id', 'links', 'question']);
    // Paragraphs.
    assert.ok(e.answer.length > 0 && e.answer.every((p) => typeof p === 'string' && p.length > 0), e.id);
    assert.equal(typeof e.fromArticle, 'boolean');
    for (const link of e.links) assert.match(link, /^https:\/\//, e.id);
  }
  assert.equal(out.version, pkg.version);
});

// A kubelet event from `kubectl describe pod` (pull-failures.md, C1 not-found, containerd).
const FAILED_EVENT =
  '  Warning  Failed  17s (x2 over 30s)  kubelet  Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found\n';

test('pullpolicy/diagnose: a module of its own, imported from Node.js, diagnoses pasted evidence', { timeout: 60000 }, () => {
  assert.ok(pkg.files.includes('pullpolicy_diagnose_bg.wasm'));
  assert.equal(pkg.exports['./diagnose'].node, './pullpolicy_diagnose.node.js');
  const out = node(
    'diagnose.mjs',
    `import { diagnose } from 'pullpolicy/diagnose';
import * as main from 'pullpolicy';
const report = diagnose(${JSON.stringify(FAILED_EVENT)}, undefined);
let bad = null;
try {
  diagnose('x', { kubernetesVersion: '1.2' });
} catch (e) {
  bad = { error: e instanceof Error, message: e.message };
}
console.log(JSON.stringify({ report, bad, mainHasDiagnose: 'diagnose' in main }));
`,
  );
  // The explaining module stays without the diagnosis (the web component loads it).
  assert.equal(out.mainHasDiagnose, false);
  const { report } = out;
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.diagnoses.length, 1);
  const [d] = report.diagnoses;
  assert.equal(d.class, 'not-found');
  assert.equal(d.reason, 'ErrImagePull');
  assert.equal(d.image, 'nginx:9.9');
  // The runtime's words, the kubelet's and gRPC's wrappers peeled.
  assert.equal(
    d.message,
    'failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found',
  );
  assert.equal(report.summary.diagnoses, 1);
  assert.equal(out.bad.error, true);
  assert.match(out.bad.message, /^options: /);
});

test('the web entry (pullpolicy.js) in Node.js, given the bytes of the wasm', { timeout: 60000 }, () => {
  const out = node(
    'web-entry.mjs',
    `import fs from 'node:fs';
import init, { explain } from './node_modules/pullpolicy/pullpolicy.js';
const bytes = fs.readFileSync(new URL('./node_modules/pullpolicy/pullpolicy_bg.wasm', import.meta.url));
await init({ module_or_path: bytes });
const report = explain('image: nginx:1.19\\nimagePullPolicy: Never\\n', { kubernetesVersion: '1.30' });
console.log(JSON.stringify(report));
`,
  );
  assert.equal(out.kubernetesVersion, '1.30');
  const [entry] = out.documents[0].entries;
  assert.deepEqual([entry.policy.written, entry.policy.effective], ['Never', 'Never']);
});
