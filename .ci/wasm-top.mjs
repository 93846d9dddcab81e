// twiggy's `top -f csv` without twiggy: the shallow size of every function (its body in the code
// section, named from the name section) and data segment of a wasm module, as `Name,ShallowSize`
// rows for `.ci/wasm-crates.mjs` (web/BUNDLE.md). The other sections (types, imports, exports,
// tables, elements) are not listed: totals are a little under twiggy's.
//
//   node .ci/wasm-top.mjs target/wasm-split/release/bindgen/schemashift-web_bg.wasm > top.csv
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node .ci/wasm-top.mjs MODULE.wasm > top.csv');
  process.exit(2);
}
const b = readFileSync(file);
let p = 8;
const leb = () => {
  let r = 0, s = 0, x;
  do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return r;
};
const skipName = () => { const len = leb(); p += len; };
const skipLimits = () => { const flags = b[p++]; leb(); if (flags & 1) leb(); };
const skipConstExpr = () => { while (b[p++] !== 0x0b); };
let importedFunctions = 0;
const bodies = [], names = new Map(), data = [];
while (p < b.length) {
  const id = b[p++];
  const end = leb() + p;
  if (id === 2) { // imports: functions among them shift the indices of the code section's
    for (let n = leb(); n > 0; n--) {
      skipName(); skipName();
      const kind = b[p++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { p++; skipLimits(); }
      else if (kind === 2) skipLimits();
      else if (kind === 3) p += 2;
      else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const size = leb(); bodies.push(size); p += size; }
  } else if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const start = p, kind = leb();
      if (kind === 0) skipConstExpr();
      else if (kind === 2) { leb(); skipConstExpr(); }
      const len = leb();
      p += len;
      data.push(p - start);
    }
  } else if (id === 0) {
    const len = leb(), custom = b.subarray(p, p + len).toString();
    p += len;
    while (custom === 'name' && p < end) {
      const sub = b[p++], subEnd = leb() + p;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) { const index = leb(), l = leb(); names.set(index, b.subarray(p, p + l).toString()); p += l; }
      }
      p = subEnd;
    }
  }
  p = end;
}
const quote = (s) => `"${s.replace(/"/g, '""')}"`;
const rows = ['Name,ShallowSize'];
bodies.forEach((size, i) => rows.push(`${quote(names.get(i + importedFunctions) ?? `code[${i}]`)},${size}`));
data.forEach((size, i) => rows.push(`${quote(`data segment[${i}]`)},${size}`));
console.log(rows.join('\n'));
