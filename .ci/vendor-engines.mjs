// Trunk post-build hook (trunk.toml): copies the two in-browser database engines that the
// "Verify" action loads into the build, as local assets (the page fetches nothing from elsewhere):
//   verify/vendor/pglite/  @electric-sql/pglite: its ES module and the chunks it imports,
//                          pglite.wasm, initdb.wasm, pglite.data (the Postgres file system)
//   verify/vendor/sqlite/  @sqlite.org/sqlite-wasm: sqlite3.mjs and sqlite3.wasm
// Only what the browser loads is copied: not pglite's extension tarballs, Node builds, source
// maps or type files. The modules come from www/node_modules (npm ci, see .ci/web.sh install).
//
// Run by Trunk with TRUNK_STAGING_DIR set; `node .ci/vendor-engines.mjs DIR` copies into DIR.
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../www/', import.meta.url));
const PGLITE = path.join(WWW, 'node_modules/@electric-sql/pglite/dist');
const SQLITE = path.join(WWW, 'node_modules/@sqlite.org/sqlite-wasm/sqlite-wasm/jswasm');

/** `entry` and every module it imports statically (`from"./x.js"`), relative to `dir`. */
async function moduleGraph(dir, entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*["'](\.\/[^"']+)["']/g)) queue.push(path.normalize(m[1]));
  }
  return [...seen];
}

async function copy(fromDir, files, toDir) {
  await mkdir(toDir, { recursive: true });
  let bytes = 0;
  for (const f of files) {
    await copyFile(path.join(fromDir, f), path.join(toDir, f));
    bytes += (await stat(path.join(toDir, f))).size;
  }
  return bytes;
}

const out = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!out) {
  console.error('usage: node .ci/vendor-engines.mjs DIST_DIR (or run by trunk with TRUNK_STAGING_DIR)');
  process.exit(2);
}
try {
  const pgFiles = [...(await moduleGraph(PGLITE, 'index.js')), 'pglite.wasm', 'initdb.wasm', 'pglite.data'];
  const pg = await copy(PGLITE, pgFiles, path.join(out, 'verify/vendor/pglite'));
  const lite = await copy(SQLITE, ['sqlite3.mjs', 'sqlite3.wasm'], path.join(out, 'verify/vendor/sqlite'));
  console.error(`[web] verify engines copied: pglite ${pgFiles.length} files ${pg} bytes, sqlite-wasm 2 files ${lite} bytes`);
} catch (e) {
  console.error(`[web] cannot copy the verify engines (run .ci/web.sh install): ${e.message}`);
  process.exit(1);
}
