// Unit test (node, no browser) of www/verify/split.js: how the Verify action cuts a script into
// the statements it sends one by one to the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { split } from '../../www/verify/split.js';

const sqls = (text, dialect) => split(text, { dialect }).map((s) => s.sql);

test('semicolons inside quotes, dollar quotes and comments do not end a statement', () => {
  assert.deepEqual(sqls("CREATE TABLE a (x text default 'a;b'); -- c;\nSELECT 1;"), ["CREATE TABLE a (x text default 'a;b');", 'SELECT 1;']);
  assert.deepEqual(sqls('DO $$ BEGIN PERFORM 1; END $$;\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;'), [
    'DO $$ BEGIN PERFORM 1; END $$;',
    'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
  ]);
  assert.deepEqual(sqls("\\restrict abc\nSELECT E'it\\'s;';\n/* a /* b; */ c; */ SELECT 2"), ["SELECT E'it\\'s;';", 'SELECT 2']);
  assert.deepEqual(sqls('CREATE TABLE "x;y" (a int); SELECT 1 -- no semicolon'), ['CREATE TABLE "x;y" (a int);', 'SELECT 1 -- no semicolon']);
});

test('SQLite trigger bodies stay whole; BEGIN/COMMIT are statements of their own', () => {
  assert.deepEqual(sqls('CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; DELETE FROM b; END;\nCREATE TABLE [x;y] (a);', 'sqlite'), [
    'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; DELETE FROM b; END;',
    'CREATE TABLE [x;y] (a);',
  ]);
  assert.deepEqual(sqls('BEGIN; CREATE TABLE a (b int); COMMIT;', 'sqlite'), ['BEGIN;', 'CREATE TABLE a (b int);', 'COMMIT;']);
});

test('each statement knows the line it starts on', () => {
  assert.deepEqual(split('-- header\n\nSELECT 1;\n  SELECT\n2;').map((s) => s.line), [3, 4]);
});
