// What the playground's wasm carries, per crate (web/BUNDLE.md's tables; printed, never asserted).
//
//   twiggy top -f csv target/wasm-split/release/bindgen/schemashift-web_bg.wasm > top.csv
//   (the main module, .ci/wasm-build.sh; the chunk: target/wasm-split/release/split/*.wasm)
//   node .ci/wasm-crates.mjs top.csv
//   (without twiggy: node .ci/wasm-top.mjs MODULE.wasm > top.csv, functions and data only)
//
// Sums twiggy's shallow sizes by the first `crate::` of each item's name (generic code counts
// under the crate of its outer type), the hash suffixes `[0123abcd...]` stripped; Rust's own
// crates (std, core, alloc, hashbrown, dlmalloc) together, and leptos's crates together. The
// function-name section (present in the wasm-bindgen output, dropped by wasm-opt) is left out of
// the total and printed apart.
import { readFile } from 'node:fs/promises';

const RUST = new Set(['std', 'core', 'alloc', 'hashbrown', 'dlmalloc']);
const LEPTOS = new Set(['leptos', 'tachys', 'reactive_graph', 'either_of', 'leptos_dom', 'any_spawner', 'or_poisoned', 'throw_error', 'oco_ref', 'send_wrapper', 'guardian']);

/** The rows of a CSV text (quoted fields with doubled quotes, as twiggy writes them). */
function csvRows(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function crateOf(name) {
  const n = name.replace(/\[[0-9a-f]{16}\]/g, '');
  if (n.startsWith('data segment')) return '.rodata and data';
  const m = /^[<&( ]*(?:mut |dyn )?([A-Za-z_0-9]+)::/.exec(n);
  if (!m) return 'exports, imports, tables';
  if (RUST.has(m[1])) return "Rust's std/core/alloc";
  if (LEPTOS.has(m[1])) return 'leptos stack';
  return m[1];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node .ci/wasm-crates.mjs TWIGGY_TOP.csv');
  process.exit(2);
}
const [header, ...rows] = csvRows(await readFile(file, 'utf8'));
const name = header.indexOf('Name'), size = header.indexOf('ShallowSize');
const sums = new Map();
let total = 0, names = 0;
for (const r of rows) {
  if (r.length <= size) continue;
  const bytes = Number(r[size]);
  if (r[name].includes('function names')) { names += bytes; continue; }
  total += bytes;
  const k = crateOf(r[name]);
  sums.set(k, (sums.get(k) ?? 0) + bytes);
}
const fmt = (n) => n.toLocaleString('en-US').padStart(12);
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${fmt(v)}  ${k}`);
console.log(`${fmt(total)}  code + data, total`);
console.log(`${fmt(names)}  (function-name section, not counted)`);
