// Loads the share-link codec (web/src/bin/pullpolicy_deflate.rs) into the page, which
// needs it only to read a #z= link: web/src/codec.rs adds this script then, and gets
// the codec's inflate function (null if it did not load) in a `pullpolicy:codec` event.
import init, { inflate } from './pullpolicy_deflate.js';

init().then(
  () => inflate,
  (e) => {
    console.warn('pullpolicy: the share-link codec did not load', e);
    return null;
  },
).then((detail) => dispatchEvent(new CustomEvent('pullpolicy:codec', { detail })));
