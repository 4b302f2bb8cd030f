// Registers the service worker that keeps the site working offline (dist/sw.js, written
// by `cargo xtask dist`). An external module, so the Content-Security-Policy needs no
// hash for it; `cargo xtask dist` adds
// <script type="module" src="./sw-register.js"></script> to dist/index.html, and copies
// this file there without its comments and indentation (it is part of the first load).
// Registered after the page has loaded, so that caching the site does not compete with
// the app's own start (it measurably delayed the first verdict).
function register() {
  try {
    if ('serviceWorker' in navigator) {
      // Beside this file, whatever page loads it; the scope is this folder.
      navigator.serviceWorker.register(new URL('./sw.js', import.meta.url)).catch((error) => {
        console.warn('pullpolicy: no offline copy:', error);
      });
    }
  } catch {
    // A sandboxed iframe without allow-same-origin may not touch service workers at all:
    // the page works, only without an offline copy.
  }
}

if (document.readyState === 'complete') {
  register();
} else {
  window.addEventListener('load', register, { once: true });
}
