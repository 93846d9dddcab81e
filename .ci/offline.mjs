// Build the playground as ONE self-contained HTML file for a team wiki or a laptop without
// network: dist-offline/schemashift.html, made from a release build in dist/ (`.ci/web.sh
// offline` builds it first). Inlined: style.css, the favicon (data: URI), the wasm-bindgen glue,
// the chunks' loader and the start-up code in one module script, the wasm as base64, decoded at
// start, the wasm chunks as base64, decoded on first use, and the
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

// The wasm chunks (web/src/lazy.rs, cut by .ci/wasm-build.sh): __wasm_split.js loads them on
// first use. Inlined here as a function scope before the glue, which it imports and which
// imports it; each chunk is carried as base64 and decoded only when its part is first used
// (a Response made on the page: no request).
const splitJs = await read('__wasm_split.js').catch(() => null);
const chunkNames = splitJs ? [...new Set([...splitJs.matchAll(/"\.\/([\w.-]+\.wasm)"/g)].map((m) => m[1]))] : [];
const chunks = Object.fromEntries(await Promise.all(chunkNames.map(async (n) => [n, (await read(n, null)).toString('base64')])));
let split = '';
let glueCode = glue;
if (splitJs) {
  const exportedLoaders = [...splitJs.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
  const body = splitJs
    .replace(/^import \{ initSync \} from "[^"]+";?\s*$/m, '')
    .replace(/fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g, (_, name) => `embeddedChunk(${JSON.stringify(name)})`)
    .replace(/^export const /gm, 'const ');
  if (/import\.meta|^\s*import\s|fetch\(/m.test(body)) throw new Error('__wasm_split.js does not look as expected (imports, fetches)');
  split = `// The wasm chunks, loaded on first use (__wasm_split.js, inlined).
const embeddedChunks = ${JSON.stringify(chunks)};
const embeddedChunk = async (name) => new Response(Uint8Array.from(atob(embeddedChunks[name]), (c) => c.charCodeAt(0)), { headers: { 'Content-Type': 'application/wasm' } });
const wasmSplit = (() => {
${body}
return { ${exportedLoaders.join(', ')} };
})();
`;
  glueCode = glue.replace(/^import \* as (\w+) from ["']\.\/__wasm_split\.js["'];?[ \t]*$/gm, 'const $1 = wasmSplit;');
  if (glueCode === glue) throw new Error('schemashift-web.js does not import __wasm_split.js as expected');
}

if (/^\s*import\s/m.test(glueCode)) {
  throw new Error('schemashift-web.js imports other modules (wasm-bindgen snippets): inline them too');
}
// The JS API object, as boot.js sets it: every function the glue exports.
const exported = [...glueCode.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const init = /^export default (\w+);/m.exec(glueCode)?.[1] ?? /export \{[^}]*\b(\w+) as default\b/.exec(glueCode)?.[1];
if (!init) throw new Error('no default export (the init function) in schemashift-web.js');

const script = `${split}${glueCode.replace(/^export default \w+;\s*$/m, '').replace(/^export \{[^}]*\};?\s*$/gm, '').replace(/^export (function|class|const|let) /gm, '$1 ')}
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
