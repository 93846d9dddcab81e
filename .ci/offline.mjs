// Build the playground as ONE self-contained HTML file for a team wiki or a laptop without
// network: dist-offline/schemashift.html, made from a release build in dist/ (`.ci/web.sh
// offline` builds it first). Inlined: style.css, the favicon (data: URI), the wasm-bindgen glue
// and the start-up code in one module script, the wasm as base64, decoded at start, and the
// risk rules' documentation (rules.md) as a string the wasm asks for when it is first shown. Its
// Content-Security-Policy allows that one script and that one style sheet by their hashes and no connection at all
// (connect-src 'none'), so the page can make no request. Left out: the generation worker
// (browsers do not start module workers from file://; generation runs on the page) and the
// Verify engines (16 MB of PGlite do not belong in a wiki page; the Verify panel says so).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'dist-offline');

const read = (name, enc = 'utf8') => readFile(path.join(DIST, name), enc);
const [html, css, glue, wasm, icon, rules] = await Promise.all([
  read('index.html'),
  read(await cssName()),
  read('schemashift-web.js'),
  read('schemashift-web_bg.wasm', null),
  read('favicon.svg').catch(() => ''),
  read('rules.md'),
]);

/** Trunk names the stylesheet style-<hash>.css (filehash is off: style.css). */
async function cssName() {
  const index = await read('index.html');
  const m = /<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+\.css)"/.exec(index) ?? /href="\/?([^"]+\.css)"/.exec(index);
  if (!m) throw new Error('dist/index.html links no stylesheet');
  return m[1];
}

if (/^\s*import\s/m.test(glue)) {
  throw new Error('schemashift-web.js imports other modules (wasm-bindgen snippets): inline them too');
}
// The JS API object, as boot.js sets it: every function the glue exports.
const exported = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const init = /^export default (\w+);/m.exec(glue)?.[1] ?? /export \{[^}]*\b(\w+) as default\b/.exec(glue)?.[1];
if (!init) throw new Error('no default export (the init function) in schemashift-web.js');

const script = `${glue.replace(/^export default \w+;\s*$/m, '').replace(/^export \{[^}]*\};?\s*$/gm, '').replace(/^export (function|class|const|let) /gm, '$1 ')}
// Start-up (the offline counterpart of boot.js): the wasm is inlined as base64; the risk
// rules' documentation (rules.md) is a string, rendered only when the "Risk rules" view opens.
const rulesMarkdown = ${JSON.stringify(rules).replace(/<\//g, '<\\/')};
window.schemashiftDocs = { rules: async () => rulesMarkdown };
const wasmBase64 = ${JSON.stringify(wasm.toString('base64'))};
const wasmBytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
await ${init}({ module_or_path: wasmBytes });
window.schemashift = { ${exported.filter((n) => !n.startsWith('__')).map((n) => (n === '_package' ? 'package: _package' : n)).join(', ')} };
dispatchEvent(new CustomEvent('schemashift:ready'));
`;
if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('an inlined file contains a closing tag');
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const csp = `default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'`;

let page = html
  .replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, `<meta http-equiv="Content-Security-Policy" content="${csp}" />`)
  .replace(/<link[^>]*rel="(?:modulepreload|preload)"[^>]*>/g, '')
  .replace(/<link[^>]*rel="stylesheet"[^>]*>/g, '')
  .replace(/<link[^>]*rel="icon"[^>]*>/g, '')
  .replace(/<script[^>]*src="[^"]*boot\.js"[^>]*><\/script>/g, '');
if (page.includes('boot.js') || !page.includes('Content-Security-Policy')) {
  throw new Error('dist/index.html does not look as expected (boot.js / CSP)');
}
const iconLink = icon ? `<link rel="icon" href="data:image/svg+xml;base64,${Buffer.from(icon).toString('base64')}" />` : '';
const head = `${iconLink}\n<style>${css}</style>\n`;
const body = `<script type="module">${script}</script>\n`;
page = page.replace('</head>', `${head}</head>`).replace('</body>', `${body}</body>`);

await mkdir(OUT, { recursive: true });
await writeFile(path.join(OUT, 'schemashift.html'), page);
console.error(`[web] dist-offline/schemashift.html: ${Buffer.byteLength(page)} bytes (wasm ${wasm.length} bytes inlined as base64)`);
