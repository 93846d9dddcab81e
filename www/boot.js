// Starts the schemashift playground: loads the WebAssembly module (whose `main` mounts the
// playground into #schemashift-app when the page has one) and exposes the JavaScript API as
// `window.schemashift` ({ generate, mount, version }). An external file rather than an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.
import init, * as schemashift from './schemashift-web.js';

await init({ module_or_path: new URL('./schemashift-web_bg.wasm', import.meta.url) });
window.schemashift = schemashift;
dispatchEvent(new CustomEvent('schemashift:ready'));
