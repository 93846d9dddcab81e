// PostgreSQL for the "Verify" action: PGlite (Postgres compiled to WebAssembly, in memory),
// served from this site (verify/vendor/pglite/, copied by vendor.mjs). Scripts run through
// `exec` (the simple query protocol), one statement at a time as psql sends them, so DO blocks,
// explicit BEGIN/COMMIT and statements that refuse a transaction block (CREATE INDEX
// CONCURRENTLY, ALTER TYPE ... ADD VALUE before PG 12...) run as they would on a server.
import { PGlite } from './vendor/pglite/index.js';
import { snapshot, StatementError } from './catalog_diff.js';
import { split } from './split.js';

const VENDOR = new URL('./vendor/pglite/', import.meta.url);
let artifacts;
let template;

/** The engine's files, fetched and compiled once per page and shared by every database. */
function load() {
  const compile = async (name) => WebAssembly.compile(await (await fetch(new URL(name, VENDOR))).arrayBuffer());
  artifacts ??= Promise.all([
    compile('pglite.wasm'),
    compile('initdb.wasm'),
    fetch(new URL('pglite.data', VENDOR)).then((r) => r.blob()),
  ]).then(([pgliteWasmModule, initdbWasmModule, fsBundle]) => ({ pgliteWasmModule, initdbWasmModule, fsBundle }));
  return artifacts;
}

/** A new cluster: the first one runs initdb (seconds); its empty data directory is kept, so
 * every later database starts from a copy of it (a fraction of that). */
async function cluster() {
  const options = await load();
  if (template) return PGlite.create({ ...options, loadDataDir: await template });
  const pg = await PGlite.create(options);
  template = pg.dumpDataDir('none');
  await template;
  return pg;
}

/** A fresh, empty database: { version(), exec(script), each(script), tableRows(), key(schema, name), catalog(), close() }. */
export async function open() {
  const pg = await cluster();
  const rows = async (sql) => (await pg.query(sql, [], { rowMode: 'array' })).rows;
  return {
    exec: (script) => execScript(pg, script),
    each: (script) => eachStatement(pg, script),
    tableRows: async () => {
      const out = [];
      for (const [key] of await rows(TABLES)) {
        const got = await rows(`SELECT row_to_json(t)::text FROM ${key} t LIMIT ${ROW_LIMIT}`);
        out.push([key, got.map(([json]) => JSON.parse(json))]);
      }
      return out;
    },
    // A table's key in tableRows().
    key: async (schema, name) => (await pg.query("SELECT quote_ident($1) || '.' || quote_ident($2)", [schema, name], { rowMode: 'array' })).rows[0][0],
    version: async () => {
      const v = (await rows('SHOW server_version'))[0][0];
      return { engine: `PGlite (PostgreSQL ${v})`, version: v };
    },
    catalog: async () => {
      const all = [];
      for (const sql of QUERIES) all.push(...(await rows(sql)));
      return snapshot(all);
    },
    close: () => pg.close(),
  };
}

/** Run a script one statement at a time, as psql does (a multi-statement query would be one
 * implicit transaction, which CREATE INDEX CONCURRENTLY and friends refuse). */
async function execScript(pg, script) {
  for (const { sql, line } of split(script, { dialect: 'postgres' })) {
    try {
      await pg.exec(sql);
    } catch (e) {
      throw new StatementError(e, sql, line);
    }
  }
}

/** Run each statement on its own, never stopping: [{ line, sql, error, rows }] (rows: objects
 * of the statement's last result). Precheck and seed scripts report every problem this way. */
async function eachStatement(pg, script) {
  const out = [];
  for (const { sql, line } of split(script, { dialect: 'postgres' })) {
    try {
      const results = await pg.exec(sql);
      out.push({ line, sql, error: '', rows: results.at(-1)?.rows ?? [] });
    } catch (e) {
      out.push({ line, sql, error: new StatementError(e, sql, line).message, rows: [] });
    }
  }
  return out;
}

// The rows Verify compares, at most this many per table.
const ROW_LIMIT = 1000;

// Every user object as [key, description], described by the server's own deparsers.
const USER = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
const notExt = (cls, oid) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${cls}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;
const REL = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;
const comment = (expr) => `coalesce(' comment=' || quote_literal(${expr}), '')`;

// The user's tables (partitions are read through their parent), as quoted names.
const TABLES = `SELECT ${REL} FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER} AND ${notExt('pg_class', 'c.oid')} ORDER BY 1`;

const QUERIES = [
  `SELECT 'schema ' || quote_ident(n.nspname), 'schema' || ${comment("obj_description(n.oid, 'pg_namespace')")}
     FROM pg_namespace n WHERE ${USER} AND ${notExt('pg_namespace', 'n.oid')}`,
  `SELECT 'extension ' || quote_ident(e.extname), 'schema=' || quote_ident(n.nspname)
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'`,
  `SELECT 'table ' || ${REL}, 'kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text
       || coalesce(' partition by ' || pg_get_partkeydef(c.oid), '')
       || coalesce(' partition of ' || (SELECT string_agg(i.inhparent::regclass::text, ',') FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid),
                   ' inherits ' || (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid), '')
       || coalesce(' options=' || array_to_string(c.reloptions, ','), '')
       || ' rls=' || c.relrowsecurity || ${comment("obj_description(c.oid, 'pg_class')")}
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'f') AND ${USER} AND ${notExt('pg_class', 'c.oid')}`,
  `SELECT 'column ' || ${REL} || '.' || quote_ident(a.attname), format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || CASE WHEN a.attgenerated = '' THEN coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               ELSE ' generated as ' || pg_get_expr(d.adbin, d.adrelid) END
       || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
       || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END
       || ${comment('col_description(c.oid, a.attnum)')}
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${USER} AND ${notExt('pg_class', 'c.oid')}`,
  `SELECT 'sequence ' || ${REL}, 'type=' || s.seqtypid::regtype || ' start=' || s.seqstart || ' increment=' || s.seqincrement
       || ' min=' || s.seqmin || ' max=' || s.seqmax || ' cycle=' || s.seqcycle
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
     WHERE ${USER} AND ${notExt('pg_class', 'c.oid')}`,
  `SELECT 'constraint ' || ${REL} || '.' || quote_ident(k.conname), k.contype::text || ': ' || pg_get_constraintdef(k.oid, true)
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER} AND ${notExt('pg_class', 'c.oid')}`,
  `SELECT 'index ' || quote_ident(n.nspname) || '.' || quote_ident(ic.relname), pg_get_indexdef(x.indexrelid)
       || CASE WHEN NOT x.indisvalid THEN ' INVALID' ELSE '' END
     FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
     WHERE ${USER} AND ${notExt('pg_class', 'x.indrelid')}`,
  `SELECT 'view ' || ${REL}, 'kind=' || c.relkind::text || ' as ' || pg_get_viewdef(c.oid, true)
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('v', 'm') AND ${USER} AND ${notExt('pg_class', 'c.oid')}`,
  `SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname),
       CASE t.typtype
         WHEN 'e' THEN 'enum ' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
         WHEN 'd' THEN 'domain over ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || t.typdefault, '')
           || coalesce(' ' || (SELECT string_agg(quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, true), ', ' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), '')
         WHEN 'c' THEN 'composite (' || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                        FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
         ELSE 'type ' || t.typtype::text END
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE ${USER} AND ${notExt('pg_type', 't.oid')} AND (t.typtype IN ('e', 'd', 'r')
       OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))`,
  `SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE pg_get_functiondef(p.oid) END
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER} AND ${notExt('pg_proc', 'p.oid')}`,
  `SELECT 'trigger ' || ${REL} || '.' || quote_ident(g.tgname), pg_get_triggerdef(g.oid, true) || ' enabled=' || g.tgenabled::text
     FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT g.tgisinternal AND ${USER}`,
  `SELECT 'policy ' || ${REL} || '.' || quote_ident(p.polname), 'cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive
       || coalesce(' using ' || pg_get_expr(p.polqual, p.polrelid), '') || coalesce(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
     FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER}`,
];
