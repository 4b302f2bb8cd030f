// The pullpolicy site's service worker: the site works offline after the first visit.
//
// `cargo xtask dist` writes dist/sw.js from this template (crates/xtask/src/offline.rs):
// VERSION is a hash of every file of dist/, ASSETS lists the files pages fetch (URLs
// relative to this file). Each version has its own cache, filled completely at install;
// activating a version deletes the caches of the versions before it, so a deploy
// replaces the cache as a whole and pages never mix files of two deploys from the cache.
//
// - the site's files: cache first (they are the ones of this version);
// - navigations: network first, so a new deploy shows at once; offline, the cached page;
// - anything else: not handled (the site requests nothing else).

const VERSION = '__VERSION__';
const ASSETS = ['__ASSETS__'];

// Cache storage is shared by the whole origin: the scope in the name keeps two copies of
// the site under different paths of one host from deleting each other's caches.
const PREFIX = `pullpolicy ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const ASSET_URLS = new Set(ASSETS.map((asset) => new URL(asset, self.location.href).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: from the server, not from the HTTP cache, so the cache holds this deploy.
      await cache.addAll(ASSETS.map((asset) => new Request(asset, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, url));
  } else if (ASSET_URLS.has(url.href)) {
    event.respondWith(cacheFirst(request, url));
  }
});

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  return (await cache.match(url.href)) ?? fetch(request);
}

async function networkFirst(request, url) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const page = url.pathname.endsWith('/') ? new URL('index.html', url) : url;
    const cached = await cache.match(page.href);
    if (cached) return cached;
    throw offline;
  }
}
