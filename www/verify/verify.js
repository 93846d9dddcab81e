// The "Verify" action of the playground: run a generated migration on a real database engine
// inside the page and say, step by step, whether it does what it claims.
//
//   verify({ dialect, before, up, after, down }) → { engine, steps: [{ name, ok, message }] }
//
// Steps: apply BEFORE; apply up; compare the catalog with AFTER applied to a fresh database;
// apply down; compare the catalog with the one BEFORE left. A step that cannot run (an earlier
// one failed) is reported as skipped. Engines: PostgreSQL (PGlite) and SQLite (sqlite-wasm),
// loaded from this site only when the user asks. MySQL/MariaDB have no in-browser engine.
import { diffCatalogs, StatementError } from './catalog_diff.js';

const ENGINES = {
  postgres: () => import('./postgres.js'),
  sqlite: () => import('./sqlite.js'),
};

/** Run the verification; never throws (an engine that cannot start is a failed first step). */
export async function verify({ dialect, before, up, after, down }) {
  const load = ENGINES[dialect];
  if (!load) {
    return {
      engine: '',
      steps: [{ name: 'Engine', ok: false, skipped: false, message: 'No MySQL/MariaDB engine runs in a browser: verify this migration against a real server (the package has the scripts).' }],
    };
  }
  const steps = [];
  let failed = false;
  // Run `fn` as a step. A step that returns a string found a mismatch (described by it); one
  // that throws failed, and when it is a `gate` (it changes the database) the rest are skipped.
  const step = async (name, fn, { gate = true } = {}) => {
    if (failed) {
      steps.push({ name, ok: false, skipped: true, message: 'skipped: an earlier step failed' });
      return undefined;
    }
    try {
      const result = await fn();
      const mismatch = typeof result === 'string' ? result : '';
      steps.push({ name, ok: !mismatch, skipped: false, message: mismatch || 'ok' });
      return result;
    } catch (e) {
      failed = gate;
      steps.push({ name, ok: false, skipped: false, message: errorText(e) });
      return undefined;
    }
  };

  let engine, db, fresh, beforeCatalog;
  let name = '';
  try {
    await step('Start the engine', async () => {
      engine = await load();
      db = await engine.open();
      name = await db.version();
    });
    await step('Apply BEFORE', async () => {
      await db.exec(before);
      beforeCatalog = await db.catalog();
    });
    await step('Apply up', () => db.exec(up));
    await step('Up gives AFTER (compared with AFTER applied to a fresh database)', async () => {
      fresh = await engine.open();
      try {
        await fresh.exec(after);
      } catch (e) {
        throw new Error(`AFTER itself does not apply: ${errorText(e)}`);
      }
      return diffCatalogs(await db.catalog(), await fresh.catalog(), 'after up', 'AFTER');
    }, { gate: false });
    await step('Apply down', () => db.exec(down));
    await step('Down gives BEFORE again', async () => diffCatalogs(await db.catalog(), beforeCatalog, 'after down', 'BEFORE'), {
      gate: false,
    });
  } finally {
    await db?.close().catch(() => {});
    await fresh?.close().catch(() => {});
  }
  return { engine: name, steps };
}

function errorText(e) {
  if (e instanceof StatementError) return e.message;
  if (e && typeof e === 'object') {
    return e.message ?? String(e);
  }
  return String(e);
}
