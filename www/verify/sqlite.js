// SQLite for the "Verify" action: the official sqlite-wasm build (verify/vendor/sqlite/, copied
// by vendor.mjs), an in-memory database per run. The catalog is read from the pragmas
// (table_list, table_xinfo, index_list, index_xinfo, foreign_key_list) and, for what only the
// stored SQL says (CHECK constraints, partial-index predicates, views, triggers), from the
// stored text in a normal form: comments dropped, identifiers unquoted and lower-cased,
// whitespace collapsed. Automatic indexes (sqlite_autoindex_*) are keyed by their columns, since
// their numbered names depend on declaration order.
import sqlite3InitModule from './vendor/sqlite/sqlite3.mjs';
import { snapshot, StatementError } from './catalog_diff.js';
import { split } from './split.js';

let sqlite3;

/** A fresh, empty database: { version(), exec(script), each(script), tableRows(), key(schema, name), catalog(), close() }. */
export async function open() {
  sqlite3 ??= sqlite3InitModule({ print: () => {}, printErr: () => {} });
  const lib = await sqlite3;
  const db = new lib.oo1.DB(':memory:', 'c');
  db.exec('PRAGMA foreign_keys = ON');
  const rows = (sql, bind) => db.selectArrays(sql, bind);
  return {
    version: async () => ({ engine: `sqlite-wasm (SQLite ${lib.version.libVersion})`, version: lib.version.libVersion }),
    each: async (script) =>
      split(script, { dialect: 'sqlite' }).map(({ sql, line }) => {
        try {
          const got = [];
          db.exec({ sql, rowMode: 'object', resultRows: got });
          return { line, sql, error: '', rows: got };
        } catch (e) {
          return { line, sql, error: new StatementError({ message: clean(e) }, sql, line).message, rows: [] };
        }
      }),
    // A table's key in tableRows().
    key: async (_schema, name) => ident(name),
    tableRows: async () =>
      rows(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).map(([name]) => [
        ident(name),
        db.selectObjects(`SELECT * FROM "${String(name).replace(/"/g, '""')}" LIMIT ${ROW_LIMIT}`),
      ]),
    exec: async (script) => {
      for (const { sql, line } of split(script, { dialect: 'sqlite' })) {
        try {
          db.exec(sql);
        } catch (e) {
          throw new StatementError({ message: clean(e) }, sql, line);
        }
      }
    },
    catalog: async () => snapshot(catalogRows(rows)),
    close: async () => db.close(),
  };
}

// The rows Verify compares, at most this many per table.
const ROW_LIMIT = 1000;

/** An engine error without sqlite-wasm's prefix. */
const clean = (e) => String(e?.message ?? e).replace(/^SQLITE_\w+: sqlite3 result code \d+: /, '');

function catalogRows(rows) {
  const out = [];
  const objects = rows(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`);
  const kinds = new Map(rows(`SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'`).map((r) => [r[0], r]));
  for (const [type, name, table, sql] of objects) {
    const key = ident(name);
    if (type === 'table') {
      const [, , wr, strict] = kinds.get(name) ?? [];
      out.push([`table ${key}`, `${wr ? 'without rowid ' : ''}${strict ? 'strict ' : ''}checks [${checks(sql).join(', ')}]`]);
      for (const [, col, ctype, notnull, dflt, pk, hidden] of rows('SELECT * FROM pragma_table_xinfo(?)', [name])) {
        const parts = [String(ctype).toLowerCase() || '(no type)'];
        if (notnull) parts.push('not null');
        if (dflt !== null) parts.push(`default ${normalize(String(dflt))}`);
        if (pk) parts.push(`primary key #${pk}`);
        if (hidden) parts.push(hidden === 1 ? 'hidden' : 'generated');
        out.push([`column ${key}.${ident(col)}`, parts.join(' ')]);
      }
      for (const [, index, unique, origin, partial] of rows('SELECT * FROM pragma_index_list(?)', [name])) {
        const cols = rows('SELECT name, desc, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno', [index])
          .map(([c, desc, coll]) => `${c === null ? '<expr>' : ident(c)}${desc ? ' desc' : ''}${coll && coll !== 'BINARY' ? ` collate ${coll.toLowerCase()}` : ''}`)
          .join(', ');
        const auto = index.startsWith('sqlite_autoindex_');
        const idxKey = auto ? `${origin === 'pk' ? 'primary key' : 'unique'} ${key}(${cols})` : `index ${ident(index)}`;
        out.push([idxKey, `on ${key}(${cols})${unique ? ' unique' : ''} origin=${origin}${partial ? ' partial' : ''}`]);
      }
      const fks = new Map();
      for (const [id, , parent, from, to, onUpdate, onDelete, match] of rows('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [name])) {
        const fk = fks.get(id) ?? { parent, from: [], to: [], rest: `on update ${onUpdate} on delete ${onDelete} match ${match}`.toLowerCase() };
        fk.from.push(ident(from));
        fk.to.push(to === null ? '<primary key>' : ident(to));
        fks.set(id, fk);
      }
      for (const fk of fks.values()) {
        out.push([`foreign key ${key}(${fk.from.join(', ')})`, `references ${ident(fk.parent)}(${fk.to.join(', ')}) ${fk.rest}`]);
      }
    } else if (type === 'index') {
      // Key columns come from the pragmas above; the text adds expressions and WHERE.
      out.push([`index text ${key}`, normalize(sql)]);
    } else {
      out.push([`${type} ${key}`, `on ${ident(table)}: ${normalize(sql)}`]);
    }
  }
  return out;
}

/** An identifier as SQLite compares it: ASCII case-insensitively. */
const ident = (name) => {
  const lower = String(name).toLowerCase();
  return /^[a-z_][a-z0-9_]*$/.test(lower) ? lower : `"${lower.replace(/"/g, '""')}"`;
};

/** Tokens of SQL in normal form (see the top of this file). */
function tokens(sql) {
  const out = [];
  const re = /\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?|[A-Za-z_$][\w$]*|\d[\w.]*|<=|>=|<>|!=|==|\|\||<<|>>|[\s\S]/g;
  for (const [t] of sql.matchAll(re)) {
    if (/^\s|^--|^\/\*/.test(t)) continue;
    if (t[0] === "'" || /^\d/.test(t)) out.push(t);
    else if (t[0] === '"' || t[0] === '`') out.push(ident(t.slice(1, -1).replaceAll(t[0] + t[0], t[0])));
    else if (t[0] === '[') out.push(ident(t.slice(1, -1)));
    else if (/^[A-Za-z_$]/.test(t)) out.push(ident(t));
    else out.push(t);
  }
  return out;
}

function normalize(sql) {
  const t = tokens(sql);
  while (t[t.length - 1] === ';') t.pop();
  const ine = t.slice(0, 6).join(' ').indexOf('if not exists');
  if (t[0] === 'create' && ine >= 0) {
    const at = t.findIndex((w, i) => w === 'if' && t[i + 1] === 'not' && t[i + 2] === 'exists');
    t.splice(at, 3);
  }
  return t.join(' ');
}

/** The CHECK constraints of a CREATE TABLE, each `[constraint name] check (expr)`, sorted. */
function checks(sql) {
  const t = tokens(sql);
  const found = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 'check' || t[i + 1] !== '(') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < t.length; j++) {
      if (t[j] === '(') depth++;
      else if (t[j] === ')' && --depth === 0) break;
    }
    const name = t[i - 2] === 'constraint' ? `constraint ${t[i - 1]} ` : '';
    found.push(name + t.slice(i, j + 1).join(' '));
  }
  return found.sort();
}
