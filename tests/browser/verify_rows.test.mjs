// Node-only test of www/verify/rows.js: how Verify compares the seeded rows after up and down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRows, rowCount } from '../../www/verify/rows.js';

const seeded = [
  ['public.users', [{ id: 1, is_admin: true, total: 1.5 }, { id: 2, is_admin: false, total: 2 }]],
  ['public.empty', []],
];

test('down must give every row and column back', () => {
  assert.equal(rowCount(seeded), 2);
  assert.equal(compareRows(seeded, seeded), '');
  const demoted = [['public.users', [{ id: 1, is_admin: false, total: 1.5 }, { id: 2, is_admin: false, total: 2 }]]];
  const text = compareRows(seeded, demoted, { wantName: 'seeded', gotName: 'after down' });
  assert.match(text, /public\.users: 2 seeded row\(s\), 2 after down; 1 seeded row\(s\) not found after down:/);
  assert.match(text, /seeded: \{"id": 1, "is_admin": true, "total": 1.5\}/);
  assert.match(text, /after down: \{"id": 1, "is_admin": false, "total": 1.5\}/);
  assert.match(compareRows(seeded, []), /public\.users: the table is gone, with its 2 seeded row\(s\)/);
  assert.match(compareRows(seeded, [['public.users', [{ id: 1 }, { id: 2 }]]]), /column\(s\) is_admin, total missing/);
});

test('after up only kept tables and columns count; a value that keeps its meaning matches', () => {
  const up = [['public.users', [{ id: '2', total: 2.0, extra: null }, { id: 1, total: 1.5, extra: null }]]];
  assert.equal(compareRows(seeded, up, { keptOnly: true }), '', 'dropped column, added column, int → text');
  assert.equal(compareRows(seeded, [], { keptOnly: true }), '', 'a dropped table is not compared after up');
  assert.match(compareRows(seeded, [['public.users', [{ id: 1, total: 1.5 }]]], { keptOnly: true }), /1 seeded row\(s\) not found/);
});

test("after up a column a history's USING converts is not compared; down still compares it", () => {
  const cents = [['public.users', [{ id: 1, is_admin: true, total: 150 }, { id: 2, is_admin: false, total: 200 }]]];
  const converted = new Map([['public.users', new Set(['total'])]]);
  assert.match(compareRows(seeded, cents, { keptOnly: true }), /2 seeded row\(s\) not found/);
  assert.equal(compareRows(seeded, cents, { keptOnly: true, converted }), '');
  assert.match(compareRows(seeded, cents, { converted }), /not found/, 'down must give the values back');
});
