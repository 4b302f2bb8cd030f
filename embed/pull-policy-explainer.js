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
//   readonly            the manifest is shown but cannot be edited
//
// The manifest stays on the page: the component shows it in an editable <textarea>,
// with the verdicts below it; editing it re-explains (the element's own text is left
// as it was). The manifest may also be given in a <pre> child instead of the <script>:
// a <pre> shows the YAML where JavaScript does not run (the Hugo shortcode writes one),
// and the component replaces it once it runs.
//
// It renders the view of the npm API (`view()`: the same document model, worded once,
// that the playground and the CLI render): structured text (plain, code, typed links),
// built with createElement and textContent only, so text from the manifest never
// becomes markup. Links go only to https://kubernetes.io/ and to the playground. A
// rejection (the API server's, or kubectl apply's) is always an error notice. Warnings
// and errors carry their related questions from the core's FAQ (the answers the
// playground and `pullpolicy faq` show), folded. Theme it with the CSS custom
// properties listed in STYLE (and embed/README.md); parts: card, badge, finding, faq,
// open.
//
// Evidence of a pull failure instead of a manifest — `kubectl describe pod` output, a
// Pod's status, events, Node objects — is diagnosed rather than explained: the npm API's
// `isEvidence()` (the playground's detector) tells, and only then the component loads
// the diagnosis module (`pullpolicy/diagnose`, much larger; pages that only explain never
// fetch it) and renders its `diagnosisView()`: per failing container the class, the
// kubelet's reason, the runtime's message, the policy's part, the back-off timeline, the
// nodes, the fix and the related questions; "No image-pull failure" when there is none.
// A text the diagnosis finds no evidence in is explained after all. Same DOM rules.
//
// The manifest in the <script> may write "</script" as "<\/script" and "<!--" as
// "<\!--" (the Hugo shortcode does): the browser would otherwise end the element there.
// Both are turned back before the manifest is read.

import init, { explain, view, fragment, isEvidence } from '../npm/pullpolicy.js';

const KUBERNETES_DOCS = 'https://kubernetes.io/';
const DEFAULT_PLAYGROUND = new URL('../', import.meta.url).href;

// Attribute → scenario field (the share link's parameters come from the npm API's
// `fragment()`, which writes what the playground reads).
const SCENARIO = {
  'node-image': 'nodeImage',
  registry: 'registry',
  credentials: 'credentials',
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
.pp-rejection { margin: .35em 0 0; padding-left: .6em; border-left: 3px solid var(--pp-error); }
.pp-rejection > p { margin: 0; }
.pp-status { color: var(--pp-muted); margin: 0; }
.pp-open { display: inline-block; margin-top: .25em; font-size: .9em; }
.pp-editor { margin: 0 0 .6em; }
.pp-editor > label { display: block; font-size: .8em; color: var(--pp-muted); margin: 0 0 .2em; }
.pp-yaml { display: block; width: 100%; resize: vertical; margin: 0; padding: .5em .6em; font-family: var(--pp-mono); font-size: .85em; line-height: 1.45; tab-size: 2; color: inherit; background: var(--pp-card-bg); border: 1px solid var(--pp-border); border-radius: var(--pp-radius); white-space: pre; overflow: auto; }
.pp-facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em .8em; margin: .4em 0 0; }
.pp-facts > dt { color: var(--pp-muted); font-size: .85em; }
.pp-facts > dd { margin: 0; min-width: 0; }
.pp-message { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--pp-mono); font-size: .85em; color: var(--pp-error); }
.pp-nodes, .pp-pods { margin: 0; padding-left: 1.1em; }
.pp-diagnosis { border-left: 3px solid var(--pp-error); }
.pp-yaml:focus-visible { outline: 2px solid var(--pp-accent); outline-offset: 1px; }
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

// Where the WebAssembly comes from (the npm package's, beside this module's folder).
const WASM_URL = new URL('../npm/pullpolicy_bg.wasm', import.meta.url);

let ready;
/** Loads the WebAssembly once; a failure is worded for the reader (what could not be
 *  loaded, from where, and the likely reason) and tried again at the next render. */
const loadWasm = () =>
  (ready ??= init({ module_or_path: WASM_URL }).catch((error) => {
    ready = undefined;
    throw new Error(loadFailure(WASM_URL, error));
  }));

// The diagnosis module: imported, and its WebAssembly fetched, only for evidence.
const DIAGNOSE_JS_URL = new URL('../npm/pullpolicy_diagnose.js', import.meta.url);
const DIAGNOSE_WASM_URL = new URL('../npm/pullpolicy_diagnose_bg.wasm', import.meta.url);

let diagnosis;
/** Loads the diagnosis module once (worded as loadWasm's failures, tried again later). */
const loadDiagnosis = () =>
  (diagnosis ??= (async () => {
    let url = DIAGNOSE_JS_URL;
    try {
      const module = await import(DIAGNOSE_JS_URL.href);
      url = DIAGNOSE_WASM_URL;
      await module.default({ module_or_path: DIAGNOSE_WASM_URL });
      return module;
    } catch (error) {
      diagnosis = undefined;
      throw new Error(loadFailure(url, error));
    }
  })());

/** The message shown in the element when a file it needs cannot be loaded. */
export function loadFailure(url, error) {
  const crossOrigin = new URL(url, document.baseURI).origin !== location.origin;
  const why = crossOrigin
    ? `its site (${new URL(url).origin}) may not allow this page to load it: it must send Access-Control-Allow-Origin`
    : 'check that the whole pullpolicy site (dist/) is published there';
  return `The explainer could not load ${url} (${error?.message ?? error}); ${why}.`;
}

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
function docsLink(href, label) {
  if (typeof href !== 'string' || !href.startsWith(KUBERNETES_DOCS)) return null;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label ?? href.slice('https://'.length));
}

/** Structured text (the view's spans): text nodes, <code>, and links to typed targets
 *  only (kubernetes.io pages, FAQ entries in the playground). */
function spans(text, playground) {
  return (text ?? []).map((span) => {
    if ('code' in span) return h('code', {}, span.code);
    if ('link' in span) {
      if (span.docs) return docsLink(span.docs, span.link) ?? span.link;
      if (span.faq && playground) return h('a', { href: `${playground}#faq-${encodeURIComponent(span.faq)}`, target: '_blank', rel: 'noopener' }, span.link);
      return span.link;
    }
    return span.plain ?? '';
  });
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

/** The Kubernetes docs among `targets`, as a row of links (null if none). */
function linksRow(targets) {
  const links = targets.map((t) => docsLink(t.docs)).filter(Boolean);
  return links.length ? h('div', { class: 'pp-links' }, links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null;
}

/** A related FAQ entry, folded: the question, then the answer and its links. */
function faqDetails(entry) {
  return h(
    'details',
    { class: 'pp-faq', part: 'faq', 'data-faq': entry.id },
    h('summary', {}, spans(entry.question)),
    entry.answer.map((p) => h('p', {}, spans(p))),
    linksRow(entry.links),
  );
}

function findingItem(finding, faqs) {
  const related = finding.severity === 'info' ? [] : finding.faq.map((id) => faqs.get(id)).filter(Boolean);
  return h(
    'li',
    { class: 'pp-finding', part: 'finding', 'data-rule': finding.rule, 'data-severity': finding.severity },
    h('span', { class: 'pp-severity' }, finding.severity),
    spans(finding.message),
    linksRow(finding.links),
    related.map(faqDetails),
  );
}

function entryCard(card, faqs) {
  const policy = card.policy;
  return h(
    'article',
    { class: 'pp-card', part: 'card', 'data-container-path': card.path, 'data-effective-policy': policy.key },
    h(
      'div',
      { class: 'pp-head' },
      h('span', { class: 'pp-role' }, card.role),
      h('span', { class: 'pp-name' }, card.name),
      h('code', { class: 'pp-image' }, card.image.shown),
      h('span', { class: 'pp-badge', part: 'badge', 'data-policy': policy.key }, policy.badge),
      h('span', { class: 'pp-source' }, policy.source),
    ),
    h('p', { class: 'pp-reason' }, spans(policy.reason)),
    h('p', { class: 'pp-outcome' }, card.outcome),
    card.findings.length ? h('ul', { class: 'pp-findings' }, card.findings.map((f) => findingItem(f, faqs))) : null,
  );
}

function documentSection(section, many, faqs) {
  return h(
    'section',
    { class: 'pp-doc', 'data-document': section.index },
    many && section.object ? h('p', { class: 'pp-doc-title' }, section.object) : null,
    // Always an error notice: the object is not created.
    section.rejections.map((r) =>
      h('div', { class: 'pp-rejection', role: 'note', 'data-severity': 'error' },
        h('p', { class: 'pp-severity' }, r.heading),
        h('p', { class: 'pp-error-text' }, r.text)),
    ),
    section.findings.length ? h('ul', { class: 'pp-findings' }, section.findings.map((f) => findingItem(f, faqs))) : null,
    // Cards in start order, with the order explained (the view's words).
    section.orderNote ? h('p', { class: 'pp-status pp-order' }, section.orderNote) : null,
    section.cards.map((c) => entryCard(c, faqs)),
  );
}

/** One fact of a diagnosis: its label, then its value (nodes, text). */
function fact(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** A failing container's diagnosis (the view's DiagnosisCard). */
function diagnosisCard(card, labels, faqs, playground) {
  const related = card.faq.map((id) => faqs.get(id)).filter(Boolean);
  return h(
    'article',
    { class: 'pp-card pp-diagnosis', part: 'card diagnosis', 'data-class': card.class, 'data-reason': card.reason },
    h('p', { class: 'pp-name pp-heading' }, card.heading),
    h(
      'dl',
      { class: 'pp-facts' },
      card.image !== null ? fact(labels.image, h('code', { class: 'pp-image' }, card.image)) : null,
      fact(labels.class, h('code', { class: 'pp-class' }, card.class), ' ', card.classTitle),
      fact(labels.reason, h('code', { class: 'pp-reason-code' }, card.reason)),
      card.message !== null ? fact(labels.message, h('pre', { class: 'pp-message' }, card.message)) : null,
      card.policy.length ? fact(labels.policy, h('span', { class: 'pp-policy' }, spans(card.policy, playground))) : null,
      card.timeline ? fact(labels.timeline, h('span', { class: 'pp-timeline' }, spans(card.timeline, playground))) : null,
      card.nodes.length
        ? fact(labels.nodes, h('ul', { class: 'pp-nodes' }, card.nodes.map((n) =>
          h('li', { 'data-node': n.node, 'data-present': n.present }, spans(n.text, playground)))))
        : null,
      fact(labels.fix, h('span', { class: 'pp-fix' }, spans(card.fix, playground))),
    ),
    h('p', { class: 'pp-outcome' }, spans(card.explanation, playground)),
    linksRow(card.links),
    related.map(faqDetails),
    // Its findings (their related questions are the card's, above).
    card.findings.length ? h('ul', { class: 'pp-findings' }, card.findings.map((f) => findingItem(f, new Map()))) : null,
  );
}

/** The diagnosis of pasted evidence (the view's DiagnosisView). */
function diagnosisSection(v, playground) {
  const faqs = new Map(v.faq.map((e) => [e.id, e]));
  return h(
    'section',
    { class: 'pp-doc pp-diagnosis-report', 'data-diagnoses': v.diagnoses.length },
    h('p', { class: 'pp-doc-title' }, v.title),
    h('p', { class: 'pp-status pp-note' }, v.note),
    h('p', { class: 'pp-status pp-summary' }, v.summary),
    v.diagnoses.map((card) => diagnosisCard(card, v.labels, faqs, playground)),
    v.findings.length ? h('ul', { class: 'pp-findings' }, v.findings.map((f) => findingItem(f, faqs))) : null,
    v.pods.length ? h('ul', { class: 'pp-pods' }, v.pods.map((p) => h('li', { class: 'pp-pod', 'data-verdict': p.verdict }, p.message))) : null,
    v.none !== null ? h('p', { class: 'pp-status pp-none' }, v.none) : null,
  );
}

export class PullPolicyExplainer extends HTMLElement {
  static observedAttributes = ['kubernetes-version', 'node-image', 'registry', 'credentials', 'playground', 'readonly'];

  #root = this.attachShadow({ mode: 'open' });
  // The element's own text changed (a script rewrote it): it replaces the reader's edits.
  #observer = new MutationObserver(() => {
    this.#text = null;
    this.#schedule();
  });
  #pending = false;
  #renders = 0;
  /** The reader's edited text (null: the element's). */
  #text = null;
  #editor = null;
  #typing = 0;

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

  /** The manifest, visible and editable (read-only with the `readonly` attribute). */
  #editorFor(text, evidence) {
    if (!this.#editor) {
      const area = h('textarea', {
        class: 'pp-yaml',
        id: 'pp-yaml',
        spellcheck: 'false',
        autocapitalize: 'off',
        autocomplete: 'off',
        wrap: 'off',
      });
      area.addEventListener('input', () => {
        this.#text = area.value;
        clearTimeout(this.#typing);
        this.#typing = setTimeout(() => this.#render(), 150);
      });
      this.#editor = h('div', { class: 'pp-editor', part: 'editor' }, h('label', { for: 'pp-yaml' }, 'Manifest (edit it to see the verdicts change)'), area);
    }
    const area = this.#editor.lastChild;
    if (area.value !== text) area.value = text;
    area.readOnly = this.hasAttribute('readonly');
    area.previousSibling.textContent = area.readOnly ? 'Manifest' : 'Manifest (edit it to see the verdicts change)';
    if (evidence) area.previousSibling.textContent = area.readOnly ? 'Evidence' : 'Evidence (edit it to see the diagnosis change)';
    area.rows = Math.min(Math.max(text.split('\n').length, 3), 30);
    return this.#editor;
  }

  /** The manifest written in the element: the text of its first <script type="text/yaml">
   *  child, else of its first <pre> child (shown where JavaScript does not run). */
  get source() {
    const script = this.querySelector(':scope > script[type="text/yaml"]');
    if (script) return dedent(unescapeManifest(script.textContent));
    const pre = this.querySelector(':scope > pre');
    return pre ? dedent(pre.textContent) : '';
  }

  /** The manifest explained: the element's, as the reader has edited it. */
  get manifest() {
    return this.#text ?? this.source;
  }

  /** The last view rendered (the JS API's View), or null. */
  view = null;
  /** The last diagnosis rendered (the diagnosis module's DiagnosisView), or null. */
  diagnosis = null;
  #explained = null;
  #reportOf = null;

  /** The last report rendered (the JS API's Report, made when first asked for), or null. */
  get report() {
    if (!this.#explained) return null;
    if (!this.#reportOf) {
      const { manifest, options } = this.#explained;
      this.#reportOf = explain(manifest, options);
    }
    return this.#reportOf;
  }

  #options() {
    const options = { scenario: {} };
    const version = this.getAttribute('kubernetes-version');
    if (version) options.kubernetesVersion = version;
    for (const [attribute, field] of Object.entries(SCENARIO)) {
      const value = this.getAttribute(attribute);
      if (value) options.scenario[field] = value;
    }
    return options;
  }

  #playgroundBase() {
    let base;
    try {
      base = new URL(this.getAttribute('playground') ?? DEFAULT_PLAYGROUND, document.baseURI);
    } catch {
      base = new URL(DEFAULT_PLAYGROUND);
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') base = new URL(DEFAULT_PLAYGROUND);
    base.hash = '';
    return base.href;
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
    let editor = this.#editorFor(manifest, false);
    if (!this.#root.querySelector('.pp-body')) {
      this.#show(editor, h('p', { class: 'pp-status', role: 'status' }, 'Loading the explainer…'));
    }
    let content;
    let link = null;
    const playground = this.#playgroundBase();
    try {
      await loadWasm();
      if (id !== this.#renders) return;
      const options = this.#options();
      let d = null;
      if (isEvidence(manifest)) {
        const module = await loadDiagnosis();
        if (id !== this.#renders) return;
        const version = this.getAttribute('kubernetes-version');
        d = module.diagnosisView(manifest, version ? { kubernetesVersion: version } : undefined);
        // No evidence in it after all (a manifest whose comment names ErrImagePull).
        if (!d.evidence) d = null;
      }
      link = `${playground}#${fragment(manifest, options)}`;
      if (d) {
        this.view = null;
        this.diagnosis = d;
        this.#explained = null;
        editor = this.#editorFor(manifest, true);
        content = [diagnosisSection(d, playground)];
      } else {
        const v = view(manifest, options);
        this.view = v;
        this.diagnosis = null;
        this.#explained = { manifest, options };
        this.#reportOf = null;
        const faqs = new Map(v.faq.map((e) => [e.id, e]));
        const many = v.sections.length > 1;
        content = [
          v.sections.map((section) => documentSection(section, many, faqs)),
          v.counts.entries === 0 && !v.counts.syntaxErrors
            ? h('p', { class: 'pp-status' }, 'No containers found in this manifest.')
            : null,
        ];
      }
    } catch (error) {
      if (id !== this.#renders) return;
      this.view = null;
      this.diagnosis = null;
      this.#explained = null;
      content = [h('p', { class: 'pp-error-text', role: 'alert' }, `pullpolicy: ${error?.message ?? error}`)];
    }
    this.#show(
      editor,
      h('div', { class: 'pp-body' }, content),
      link
        ? h('a', { class: 'pp-open', part: 'open', href: link, target: '_blank', rel: 'noopener' }, 'Open in the playground')
        : null,
    );
    const element = this;
    this.dispatchEvent(new CustomEvent('pullpolicy-rendered', {
      detail: {
        view: this.view,
        diagnosis: this.diagnosis,
        get report() {
          return element.report;
        },
      },
    }));
  }

  #show(...nodes) {
    // Keep adopted style sheets (or the fallback <style>) and the editor (its focus,
    // selection and scroll), replace the rest.
    for (const node of [...this.#root.childNodes]) {
      if (node.nodeName !== 'STYLE' && node !== this.#editor) node.remove();
    }
    if (this.#editor && this.#editor.parentNode !== this.#root) this.#root.append(this.#editor);
    this.#root.append(...nodes.filter((n) => n && n !== this.#editor));
  }
}

if (!customElements.get('pull-policy-explainer')) {
  customElements.define('pull-policy-explainer', PullPolicyExplainer);
}
