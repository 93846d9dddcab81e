// Prints the sizes of the built playground (no assertion): every file of dist/ raw and gzipped
// (level 9), what the page loads at start (its first load: the page, its CSS, JavaScript and
// the wasm, which the worker takes from the cache) and what it loads only when used (the wasm
// chunks of web/src/lazy.rs and engine.rs (the generator: loaded when an editor is first focused
// or something generates), rules.md, the Verify engines), and the offline single file when
// it was built. `.ci/web.sh build` and `offline` run it; `node .ci/sizes.mjs [DIR]` reprints it
// (DIR: dist/ by default).
import { readdir, readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
const OFFLINE = path.join(ROOT, 'dist-offline', 'schemashift.html');

/** What the page requests before it is usable: index.html and what it and boot.js load. */
const FIRST_LOAD = ['index.html', 'style.css', 'favicon.svg', 'boot.js', 'worker-client.js', 'worker.js', 'schemashift-web.js', '__wasm_split.js', 'schemashift-web_bg.wasm'];

async function files(dir, prefix = '') {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) out.push(...(await files(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

const sizes = async (file) => {
  const bytes = await readFile(file);
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
const fmt = (n) => n.toLocaleString('en-US');
const row = (name, s) => `${fmt(s.raw).padStart(12)} ${fmt(s.gz).padStart(12)}  ${name}`;

const all = (await files(DIST)).filter((f) => !f.startsWith('.stage'));
const table = new Map();
for (const f of all) table.set(f, await sizes(path.join(DIST, f)));
const sum = (names) => names.reduce((t, n) => ({ raw: t.raw + (table.get(n)?.raw ?? 0), gz: t.gz + (table.get(n)?.gz ?? 0) }), { raw: 0, gz: 0 });

const lines = [`${'raw B'.padStart(12)} ${'gzip -9 B'.padStart(12)}  file (dist/)`];
for (const [name, s] of table) lines.push(row(name, s));
const missing = FIRST_LOAD.filter((n) => !table.has(n));
const first = sum(FIRST_LOAD);
lines.push(row(`first load: ${FIRST_LOAD.filter((n) => table.has(n)).join(' + ')}`, first));
lines.push(row('  of which wasm + JS + CSS', sum(FIRST_LOAD.filter((n) => /\.(wasm|js|css)$/.test(n)))));
lines.push(row('on demand: the wasm chunks (split_*.wasm, chunk_*.wasm: loaded on first use)', sum(all.filter((n) => !FIRST_LOAD.includes(n) && n.endsWith('.wasm') && !n.includes('/')))));
// The generator (web/src/engine.rs): its chunk and the shared chunks `__wasm_split.js` lists for
// it (each shared chunk's loader is preceded by a comment naming the split points that use it).
const loader = await readFile(path.join(DIST, '__wasm_split.js'), 'utf8').catch(() => '');
const engine = [...loader.matchAll(/\/\* ([\w, ]+) \*\/\s*const __(chunk_\d+)/g)]
  .filter((m) => m[1].split(', ').includes('engine')).map((m) => `${m[2]}.wasm`);
if (table.has('split_engine.wasm')) {
  lines.push(row(`  of which the generator, on the first generation: ${['split_engine.wasm', ...engine].join(' + ')}`, sum(['split_engine.wasm', ...engine])));
}
lines.push(row('on demand: everything else in dist/ (rules.md, verify/, embed.html)', sum(all.filter((n) => !FIRST_LOAD.includes(n) && !(n.endsWith('.wasm') && !n.includes('/'))))));
if (missing.length) lines.push(`(not in dist/: ${missing.join(', ')})`);
const offline = await stat(OFFLINE).then(() => sizes(OFFLINE), () => null);
if (offline) lines.push(row('dist-offline/schemashift.html (the single file)', offline));
console.log(lines.join('\n'));
