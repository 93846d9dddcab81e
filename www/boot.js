// Starts the schemashift playground: loads the WebAssembly module (whose `main` mounts the
// playground into #schemashift-app when the page has one) and exposes the JavaScript API as
// `window.schemashift` ({ generate, mount, version }). An external file rather than an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.
//
// It also offers the page two helpers the wasm app looks for:
// - `window.schemashiftEngines.verify(request)`: the Verify action (verify/verify.js and its
//   database engine are imported only when first called);
// - `window.schemashiftWorker.generate(request)`: generation in a module worker (worker.js), so
//   large inputs do not freeze the page; absent where module workers cannot start.
import init, * as schemashift from './schemashift-web.js';
import { startWorker } from './worker-client.js';

window.schemashiftEngines = {
  verify: async (request) => (await import('./verify/verify.js')).verify(request),
};
window.schemashiftWorker = startWorker(new URL('./worker.js', import.meta.url));

await init({ module_or_path: new URL('./schemashift-web_bg.wasm', import.meta.url) });
window.schemashift = schemashift;
dispatchEvent(new CustomEvent('schemashift:ready'));
