// Split a SQL script into statements, the way psql and the sqlite3 shell send them: at `;`
// outside quotes ('...', E'...', "...", `...`, [...]), dollar quotes ($tag$...$tag$), comments
// (-- and nested /* */) and, for SQLite, trigger bodies (BEGIN ... END). Lines that start with a
// backslash (psql meta-commands such as \connect or \restrict in dumps) are left out.
//
//   split(script, { dialect }) → [{ sql, line }]   (line: 1-based line where the statement starts)
export function split(script, { dialect = 'postgres' } = {}) {
  const out = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let depth = 0; // SQLite: BEGIN ... END nesting inside CREATE TRIGGER
  let words = []; // leading words of the current statement (to spot CREATE TRIGGER)
  let i = 0;
  const n = script.length;
  const push = (end) => {
    const sql = script.slice(start, end).trim();
    if (sql && !/^;*$/.test(sql)) out.push({ sql, line: startLine });
  };
  let empty = true; // nothing but whitespace and comments since `start`
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') {
      if (c === '\n') line++;
      i++;
      continue;
    }
    if (c === '\\' && empty && dialect === 'postgres') {
      while (i < n && script[i] !== '\n') i++;
      start = i;
      continue;
    }
    if (c === '-' && next === '-') {
      while (i < n && script[i] !== '\n') i++;
      if (empty) start = i;
      continue;
    }
    if (c === '/' && next === '*') {
      let nest = 0;
      do {
        if (script[i] === '/' && script[i + 1] === '*') (nest++, (i += 2));
        else if (script[i] === '*' && script[i + 1] === '/') (nest--, (i += 2));
        else (script[i] === '\n' && line++, i++);
      } while (i < n && nest > 0);
      if (empty) start = i;
      continue;
    }
    if (empty) {
      empty = false;
      start = i;
      startLine = line;
    }
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      if (c === '[' && dialect === 'postgres') {
        i++;
        continue;
      }
      const close = c === '[' ? ']' : c;
      const escapes = c === "'" && /[eE]$/.test(script.slice(Math.max(0, i - 1), i)) && !/\w/.test(script[i - 2] ?? '');
      i++;
      while (i < n) {
        if (script[i] === '\n') line++;
        if (escapes && script[i] === '\\') {
          i += 2;
          continue;
        }
        if (script[i] === close) {
          if (script[i + 1] === close && close !== ']') {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && dialect === 'postgres' && !/\w/.test(script[i - 1] ?? '')) {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        const stop = end < 0 ? n : end + tag[0].length;
        for (let k = i; k < stop; k++) if (script[k] === '\n') line++;
        i = stop;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c) && !/\w/.test(script[i - 1] ?? '')) {
      const word = /^\w+/.exec(script.slice(i, i + 64))[0].toLowerCase();
      if (words.length < 4) words.push(word);
      if (dialect === 'sqlite' && words[0] === 'create' && words.includes('trigger')) {
        if (word === 'begin' || word === 'case') depth++;
        else if (word === 'end' && depth > 0) depth--;
      }
      i += word.length;
      continue;
    }
    if (c === ';' && depth === 0) {
      push(i + 1);
      start = i + 1;
      empty = true;
      words = [];
      i++;
      continue;
    }
    i++;
  }
  if (!empty) push(n);
  return out;
}
