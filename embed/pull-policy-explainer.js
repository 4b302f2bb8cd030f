// <pull-policy-explainer>: which imagePullPolicy Kubernetes really applies, as verdict
// cards, for blogs and docs that allow scripts but not iframes.
//
//   <script type="module" src="https://example.com/tools/pullpolicy/embed/pull-policy-explainer.js"></script>
//   <pull-policy-explainer kubernetes-version="1.34">
//     <script type="text/yaml">
//     apiVersion: v1
//     kind: Pod
//     ...
//     </script>
//   </pull-policy-explainer>
//
// Attributes (all optional):
//   kubernetes-version  "1.28" … "1.37" (default: the core's default)
//   node-image          absent | present | stale | preloaded   (the node's copy of the image)
//   registry            reachable | unreachable | not-found
//   credentials         public | valid | missing
//   playground          URL of the playground for "Open in the playground"
//                       (default: the folder above this module, i.e. the site's root)
//
// Everything is rendered with createElement and textContent: text from the manifest
// never becomes markup. Links go only to https://kubernetes.io/ and to the playground.
// Warnings and errors carry their related questions from the core's FAQ (the answers
// the playground and `pullpolicy faq` show), folded. Theme it with the CSS custom
// properties listed in STYLE (and embed/README.md); parts: card, badge, finding, faq,
// open.
//
// The manifest in the <script> may write "</script" as "<\/script" and "<!--" as
// "<\!--" (the Hugo shortcode does): the browser would otherwise end the element there.
// Both are turned back before the manifest is read.

import init, { explain, faq } from '../npm/pullpolicy.js';

const KUBERNETES_DOCS = 'https://kubernetes.io/';
const DEFAULT_PLAYGROUND = new URL('../', import.meta.url).href;

// Attribute → [scenario field, share-link parameter]; the playground reads the same names.
const SCENARIO = {
  'node-image': ['nodeImage', 'node'],
  registry: ['registry', 'registry'],
  credentials: ['credentials', 'credentials'],
};

const ROLES = {
  container: 'container',
  initContainer: 'init container',
  sidecar: 'sidecar',
  ephemeralContainer: 'ephemeral container',
  imageVolume: 'image volume',
};

const STYLE = `
:host {
  /* Theme: set any of these on pull-policy-explainer (or an ancestor). */
  --pp-bg: transparent;            /* the widget's background */
  --pp-fg: inherit;                /* its text */
  --pp-muted: color-mix(in srgb, currentColor 65%, transparent);
  --pp-border: color-mix(in srgb, currentColor 22%, transparent);
  --pp-card-bg: color-mix(in srgb, currentColor 4%, transparent);
  --pp-accent: #2563eb;            /* links */
  --pp-always: #b45309;            /* badge: Always */
  --pp-if-not-present: #047857;    /* badge: IfNotPresent */
  --pp-never: #6d28d9;             /* badge: Never */
  --pp-no-policy: #b91c1c;         /* badge: no effective policy (rejected, invalid) */
  --pp-badge-fg: #fff;
  --pp-error: #b91c1c;
  --pp-warning: #b45309;
  --pp-info: #2563eb;
  --pp-radius: 6px;
  --pp-font: inherit;
  --pp-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  display: block;
  font-family: var(--pp-font);
  color: var(--pp-fg);
  background: var(--pp-bg);
  line-height: 1.45;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.pp-doc { margin: 0 0 .75em; }
.pp-doc-title { font-size: .85em; font-weight: 600; color: var(--pp-muted); margin: 0 0 .35em; }
.pp-card { border: 1px solid var(--pp-border); border-radius: var(--pp-radius); background: var(--pp-card-bg); padding: .6em .8em; margin: 0 0 .5em; }
.pp-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3em .6em; }
.pp-role { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--pp-muted); }
.pp-name { font-weight: 600; }
code, .pp-image { font-family: var(--pp-mono); font-size: .9em; overflow-wrap: anywhere; }
.pp-badge { margin-left: auto; border-radius: 999px; padding: .05em .6em; font-size: .85em; font-weight: 600; color: var(--pp-badge-fg); background: var(--pp-no-policy); white-space: nowrap; }
.pp-badge[data-policy="Always"] { background: var(--pp-always); }
.pp-badge[data-policy="IfNotPresent"] { background: var(--pp-if-not-present); }
.pp-badge[data-policy="Never"] { background: var(--pp-never); }
.pp-source { font-size: .8em; color: var(--pp-muted); }
.pp-reason, .pp-outcome, .pp-error-text { margin: .35em 0 0; }
.pp-outcome { color: var(--pp-muted); }
.pp-findings { list-style: none; margin: .4em 0 0; padding: 0; }
.pp-finding { margin: .25em 0 0; padding-left: .6em; border-left: 3px solid var(--pp-info); }
.pp-finding[data-severity="error"] { border-color: var(--pp-error); }
.pp-finding[data-severity="warning"] { border-color: var(--pp-warning); }
.pp-severity { font-size: .8em; font-weight: 600; text-transform: uppercase; margin-right: .4em; }
.pp-links { font-size: .85em; }
.pp-faq { font-size: .9em; margin: .3em 0 0; }
.pp-faq > summary { cursor: pointer; color: var(--pp-accent); }
.pp-faq > p { margin: .4em 0; }
a { color: var(--pp-accent); }
.pp-error-text { color: var(--pp-error); white-space: pre-wrap; }
.pp-status { color: var(--pp-muted); margin: 0; }
.pp-open { display: inline-block; margin-top: .25em; font-size: .9em; }
`;

let sheet;
function styles(root) {
  // A constructed stylesheet, shared by every instance (and not an inline <style>, so
  // pages with a strict style-src need nothing extra); <style> where unsupported.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h('style', {}, STYLE));
  }
}

let ready;
const loadWasm = () => (ready ??= init());

/** An element with attributes and children (strings become text nodes, never markup). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** A link, only to the Kubernetes docs. */
function docsLink(href) {
  if (typeof href !== 'string' || !href.startsWith(KUBERNETES_DOCS)) return null;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, href.slice('https://'.length));
}

/** base64url (no padding) of the UTF-8 bytes of `text`, as the playground's `#yaml=` reads it. */
export function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The manifest written in a <script type="text/yaml">, with the escapes undone. */
export function unescapeManifest(text) {
  return text.replace(/<\\\/(script)/gi, '</$1').replace(/<\\!--/g, '<!--');
}

/** Removes the indentation every non-blank line shares (the element's own nesting). */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^[ \t]*/)[0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n') + '\n';
}

function outcomeSummary(outcome) {
  if (!outcome) return null;
  if (!outcome.reachesNode) return 'Does not reach a node.';
  if (outcome.blockedBy) return `Not reached: ${outcome.blockedBy} fails first.`;
  const start = outcome.started
    ? 'Starts'
    : `Does not start${outcome.waitingReason ? ` (${outcome.waitingReason})` : ''}`;
  const pull = outcome.pulls ? 'the kubelet pulls the image' : 'no pull';
  return `On the node: ${start}; ${pull}.`;
}

/** The Kubernetes docs among `hrefs`, as a row of links (null if none). */
function linksRow(hrefs) {
  const links = hrefs.map(docsLink).filter(Boolean);
  return links.length ? h('div', { class: 'pp-links' }, links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null;
}

/** The core's FAQ entries by id, once the module has loaded. */
let faqEntries;
const faqEntry = (id) => (faqEntries ??= new Map(faq().map((e) => [e.id, e]))).get(id);

/** FAQ text: `inline code` in backticks becomes <code>, the rest text. */
const codeText = (text) => text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));

/** A related FAQ entry, folded: the question, then the answer and its links. */
function faqDetails(entry) {
  return h(
    'details',
    { class: 'pp-faq', part: 'faq', 'data-faq': entry.id },
    h('summary', {}, codeText(entry.question)),
    entry.answer.map((p) => h('p', {}, codeText(p))),
    linksRow(entry.links),
  );
}

function findingItem(finding) {
  const related = finding.severity === 'info' ? [] : (finding.faq ?? []).map(faqEntry).filter(Boolean);
  return h(
    'li',
    { class: 'pp-finding', part: 'finding', 'data-rule': finding.rule, 'data-severity': finding.severity },
    h('span', { class: 'pp-severity' }, finding.severity),
    finding.message,
    linksRow(finding.links ?? []),
    related.map(faqDetails),
  );
}

function entryCard(entry) {
  const policy = entry.policy.effective ?? 'none';
  const badge = entry.policy.effective ?? 'no policy';
  return h(
    'article',
    { class: 'pp-card', part: 'card', 'data-container-path': entry.path, 'data-effective-policy': policy },
    h(
      'div',
      { class: 'pp-head' },
      h('span', { class: 'pp-role' }, ROLES[entry.role] ?? entry.role),
      h('span', { class: 'pp-name' }, entry.name ?? entry.path),
      h('code', { class: 'pp-image' }, entry.image.raw ?? '(no image)'),
      h('span', { class: 'pp-badge', part: 'badge', 'data-policy': policy }, badge),
      h('span', { class: 'pp-source' }, entry.policy.source),
    ),
    h('p', { class: 'pp-reason' }, entry.policy.reason),
    entry.outcome ? h('p', { class: 'pp-outcome' }, outcomeSummary(entry.outcome)) : null,
    entry.findings.length ? h('ul', { class: 'pp-findings' }, entry.findings.map(findingItem)) : null,
  );
}

function documentSection(doc, many) {
  const errors = [doc.kubectlError, doc.apiError, doc.strictError].filter(Boolean);
  if (!doc.entries.length && !doc.findings.length && !errors.length) return null;
  const title = [doc.kind, doc.name].filter(Boolean).join(' ');
  return h(
    'section',
    { class: 'pp-doc', 'data-document': doc.index },
    many && title ? h('p', { class: 'pp-doc-title' }, title) : null,
    errors.map((text) => h('p', { class: 'pp-error-text' }, text)),
    doc.findings.length ? h('ul', { class: 'pp-findings' }, doc.findings.map(findingItem)) : null,
    doc.entries.map(entryCard),
  );
}

export class PullPolicyExplainer extends HTMLElement {
  static observedAttributes = ['kubernetes-version', 'node-image', 'registry', 'credentials', 'playground'];

  #root = this.attachShadow({ mode: 'open' });
  #observer = new MutationObserver(() => this.#schedule());
  #pending = false;
  #renders = 0;

  constructor() {
    super();
    styles(this.#root);
  }

  connectedCallback() {
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    // The parser may connect the element before its children exist.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.#schedule(), { once: true });
    }
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer.disconnect();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
  }

  /** The manifest: the text of the first <script type="text/yaml"> child. */
  get manifest() {
    const script = this.querySelector(':scope > script[type="text/yaml"]');
    return script ? dedent(unescapeManifest(script.textContent)) : '';
  }

  /** The last report rendered (the JS API's Report), or null. */
  report = null;

  #options() {
    const options = { scenario: {} };
    const version = this.getAttribute('kubernetes-version');
    if (version) options.kubernetesVersion = version;
    for (const [attribute, [field]] of Object.entries(SCENARIO)) {
      const value = this.getAttribute(attribute);
      if (value) options.scenario[field] = value;
    }
    return options;
  }

  #playgroundLink(manifest) {
    let base;
    try {
      base = new URL(this.getAttribute('playground') ?? DEFAULT_PLAYGROUND, document.baseURI);
    } catch {
      base = new URL(DEFAULT_PLAYGROUND);
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') base = new URL(DEFAULT_PLAYGROUND);
    base.hash = '';
    let fragment = `yaml=${base64url(manifest)}`;
    const version = this.getAttribute('kubernetes-version');
    if (version) fragment += `&k8s=${encodeURIComponent(version)}`;
    for (const [attribute, [, parameter]] of Object.entries(SCENARIO)) {
      const value = this.getAttribute(attribute);
      if (value) fragment += `&${parameter}=${encodeURIComponent(value)}`;
    }
    return `${base.href}#${fragment}`;
  }

  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#render();
    });
  }

  async #render() {
    const id = ++this.#renders;
    const manifest = this.manifest;
    if (!this.#root.querySelector('.pp-body')) {
      this.#show(h('p', { class: 'pp-status', role: 'status' }, 'Loading the explainer…'));
    }
    let content;
    try {
      await loadWasm();
      if (id !== this.#renders) return;
      const report = explain(manifest, this.#options());
      this.report = report;
      const many = report.documents.length > 1;
      content = [
        report.syntaxErrors.map((e) => h('p', { class: 'pp-error-text' }, `line ${e.line}: ${e.message}`)),
        report.documents.map((doc) => documentSection(doc, many)),
        report.summary.entries === 0 && !report.syntaxErrors.length
          ? h('p', { class: 'pp-status' }, 'No containers found in this manifest.')
          : null,
      ];
    } catch (error) {
      if (id !== this.#renders) return;
      this.report = null;
      content = [h('p', { class: 'pp-error-text', role: 'alert' }, `pullpolicy: ${error?.message ?? error}`)];
    }
    this.#show(
      h('div', { class: 'pp-body' }, content),
      h(
        'a',
        { class: 'pp-open', part: 'open', href: this.#playgroundLink(manifest), target: '_blank', rel: 'noopener' },
        'Open in the playground',
      ),
    );
    this.dispatchEvent(new CustomEvent('pullpolicy-rendered', { detail: { report: this.report } }));
  }

  #show(...nodes) {
    // Keep adopted style sheets (or the fallback <style>), replace the rest.
    for (const node of [...this.#root.childNodes]) {
      if (node.nodeName !== 'STYLE') node.remove();
    }
    this.#root.append(...nodes);
  }
}

if (!customElements.get('pull-policy-explainer')) {
  customElements.define('pull-policy-explainer', PullPolicyExplainer);
}
