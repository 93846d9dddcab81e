// The "Verify" action of the playground: run a generated migration on a real database engine
// inside the page, with rows in it, and say, step by step, whether it does what it claims.
//
//   verify({ dialect, before, up, after, down, precheck, validate, validate_down, seed, user_seed })
//     → { engine, engine_version, rows, steps: [{ name, ok, skipped, message }] }
//
// Steps: apply BEFORE; seed rows (`seed`: the rows the core generates for BEFORE, one INSERT per
// table, a refused one costs only its table; `user_seed`: the user's INSERTs); precheck.sql;
// apply up; validate.sql; compare the catalog with AFTER applied to a fresh database; the rows
// of the tables and columns up keeps; apply down; validate_down.sql; the catalog BEFORE left;
// the seeded rows, all back. `rows` is how many rows were seeded (0: a schema-only run). A step
// that cannot run (an earlier one failed) is reported as skipped. Engines: PostgreSQL (PGlite)
// and SQLite (sqlite-wasm), loaded from this site only when the user asks. MySQL/MariaDB have no
// in-browser engine.
import { diffCatalogs, StatementError } from './catalog_diff.js';
import { compareRows, rowCount } from './rows.js';

const ENGINES = {
  postgres: () => import('./postgres.js'),
  sqlite: () => import('./sqlite.js'),
};

/** Run the verification; never throws (an engine that cannot start is a failed first step). */
export async function verify(request) {
  const { dialect, before, up, after, down } = request;
  const load = ENGINES[dialect];
  if (!load) {
    return {
      engine: '',
      engine_version: '',
      rows: 0,
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
      steps.push({ name, ok: !mismatch, skipped: false, message: mismatch || (typeof result === 'object' && result?.note) || 'ok' });
      return result;
    } catch (e) {
      failed = gate;
      steps.push({ name, ok: false, skipped: false, message: errorText(e) });
      return undefined;
    }
  };

  let engine, db, fresh, beforeCatalog;
  let seeded = [];
  let info = { engine: '', version: '' };
  try {
    await step('Start the engine', async () => {
      engine = await load();
      db = await engine.open();
      info = await db.version();
    });
    await step('Apply BEFORE', async () => {
      await db.exec(before);
      beforeCatalog = await db.catalog();
    });
    await step('Seed rows', async () => {
      const refused = (await db.each(request.seed ?? '')).filter((r) => r.error);
      const yours = (await db.each(request.user_seed ?? '')).filter((r) => r.error);
      seeded = await db.tableRows();
      const n = rowCount(seeded);
      const tables = seeded.filter(([, rows]) => rows.length).length;
      if (yours.length) {
        return `Your seed rows do not apply to BEFORE:\n${yours.map((r) => r.error).join('\n')}`;
      }
      const notes = [n ? `${n} row(s) in ${tables} table(s)` : 'no rows: schema only'];
      if (refused.length) {
        notes.push(`generated rows refused (add your own in Seed rows):\n${refused.map((r) => r.error).join('\n')}`);
      }
      return { note: notes.join('; ') };
    }, { gate: false });
    await step('Precheck (precheck.sql on BEFORE with its rows)', async () => {
      const problems = [];
      for (const r of await db.each(request.precheck ?? '')) {
        if (r.error) problems.push(r.error);
        else for (const row of r.rows) if ('failed_check' in row) problems.push(`${row.failed_check} (${row.offending_rows} row(s))`);
      }
      return problems.length ? `The precheck stops this migration:\n${problems.join('\n')}` : undefined;
    }, { gate: false });
    await step('Apply up', () => db.exec(up));
    await step('Validate (validate.sql after up)', () => db.exec(request.validate ?? ''), { gate: false });
    await step('Up gives AFTER (compared with AFTER applied to a fresh database)', async () => {
      fresh = await engine.open();
      try {
        await fresh.exec(after);
      } catch (e) {
        throw new Error(`AFTER itself does not apply: ${errorText(e)}`);
      }
      return diffCatalogs(await db.catalog(), await fresh.catalog(), 'after up', 'AFTER');
    }, { gate: false });
    if (rowCount(seeded)) {
      await step('Up keeps the rows (tables and columns it keeps)', async () => {
        // Columns a history's USING converts change their values on purpose.
        const converted = new Map();
        for (const [schema, table, column] of request.converted ?? []) {
          const key = await db.key(schema, table);
          converted.set(key, (converted.get(key) ?? new Set()).add(column));
        }
        const mismatch = compareRows(seeded, await db.tableRows(), { wantName: 'seeded', gotName: 'after up', keptOnly: true, converted });
        const listed = [...converted].map(([t, cs]) => [...cs].map((c) => `${t}.${c}`).join(', ')).join(', ');
        return mismatch || (listed ? { note: `ok (${listed}: converted by the history's USING, not compared)` } : undefined);
      }, { gate: false });
    }
    await step('Apply down', () => db.exec(down));
    await step('Validate down (validate_down.sql after down)', () => db.exec(request.validate_down ?? ''), { gate: false });
    await step('Down gives BEFORE again', async () => diffCatalogs(await db.catalog(), beforeCatalog, 'after down', 'BEFORE'), {
      gate: false,
    });
    if (rowCount(seeded)) {
      await step('Down gives the seeded rows back', async () =>
        compareRows(seeded, await db.tableRows(), { wantName: 'seeded', gotName: 'after down' }), { gate: false });
    }
  } finally {
    await db?.close().catch(() => {});
    await fresh?.close().catch(() => {});
  }
  return { engine: info.engine, engine_version: info.version, rows: rowCount(seeded), steps };
}

function errorText(e) {
  if (e instanceof StatementError) return e.message;
  if (e && typeof e === 'object') {
    return e.message ?? String(e);
  }
  return String(e);
}
