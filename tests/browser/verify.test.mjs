// Browser test of the Verify action: the generated migration runs on PGlite (PostgreSQL) and
// sqlite-wasm (SQLite) inside the page, loaded from the site itself when the button is pressed.
// Checks: every step ok on a PostgreSQL and a SQLite migration with seeded rows; a NOT NULL
// column without default fails with rows (precheck and up) and a down that re-adds a column
// with its default fails the row comparison; without rows the run says "schema only"; the
// engine's version is shown beside the target; results clear when the inputs change; an
// engine error and a catalog mismatch are shown as failures; MySQL says there is no engine; no
// request leaves the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { launch, setInputs, DIST, ARTIFACTS } from './launch.mjs';
import { startServer } from './serve.mjs';

let server, baseUrl, browser;

before(async () => {
  ({ server, url: baseUrl } = await startServer(DIST));
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

let shared;
/** The page the tests share: PGlite then starts once (its first database runs initdb). */
async function open() {
  if (!shared) {
    shared = await browser.context.newPage();
    await shared.goto(baseUrl);
  }
  return shared;
}

/** Press Verify and wait for its summary; returns { summary, steps: [{ ok, text }] }. */
async function verify(page) {
  const section = page.locator('.ss-verify');
  const done = Number(await section.getAttribute('data-verified'));
  await page.getByRole('button', { name: /^Verify/ }).click();
  const status = page.getByTestId('verify-status');
  await page.waitForFunction((n) => Number(document.querySelector('.ss-verify')?.dataset.verified) > n, done, { timeout: 90_000 });
  const steps = await page.getByTestId('verify-steps').locator('li').evaluateAll((lis) =>
    lis.map((li) => ({ ok: li.dataset.ok === 'true', text: li.textContent })));
  const engine = await page.getByTestId('verify-engine').textContent();
  return { summary: await status.textContent(), steps, engine };
}

/** The step whose name starts with `name`. */
const stepNamed = (steps, name) => steps.find((s) => s.text.replace(/^(ok|error|skipped)\s*/, '').startsWith(name));

const PG_BEFORE = `CREATE TYPE status AS ENUM ('new', 'paid');
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, name text);
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL, total numeric(10,2));`;
const PG_AFTER = `CREATE TYPE status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, name varchar(200), created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), total numeric(12,2), status status NOT NULL DEFAULT 'new');
CREATE INDEX orders_user_id_idx ON orders (user_id);`;

test('Verify runs a PostgreSQL migration on PGlite: every step ok, all from this site', async () => {
  const page = await open();
  await setInputs(page, { dialect: 'postgres', before: PG_BEFORE, after: PG_AFTER });
  const requestsBefore = browser.requests.length;
  const start = Date.now();
  const { summary, steps, engine } = await verify(page);
  const ms = Date.now() - start;
  await page.screenshot({ path: path.join(ARTIFACTS, 'verify-postgres.png'), fullPage: true });
  assert.match(summary, /^All 12 steps ok with \d+ seeded rows\./, `${summary}\n${JSON.stringify(steps, null, 1)}`);
  assert.match(engine, /^Engine: PGlite \(PostgreSQL (\d+)[.\d]*\) — target PostgreSQL 15: differences possible\.$/, engine);
  const loaded = browser.requests.slice(requestsBefore);
  assert.ok(loaded.some((u) => u.endsWith('/verify/vendor/pglite/pglite.wasm')), 'PGlite is loaded when asked');
  assert.ok(loaded.every((u) => u.startsWith(baseUrl)), `requests outside the site: ${loaded.filter((u) => !u.startsWith(baseUrl))}`);
  console.log(`# PostgreSQL verify took ${ms} ms (engine load included)`);
});

test('Verify with seeded rows fails a NOT NULL column without default, passes a safe one, says "schema only" without rows, clears on change', async () => {
  const page = await open();
  const before = 'CREATE TABLE users (id integer PRIMARY KEY, name text);';
  await setInputs(page, { dialect: 'postgres', before, after: 'CREATE TABLE users (id integer PRIMARY KEY, name text, full_name text NOT NULL);' });
  let r = await verify(page);
  assert.match(r.summary, /steps failed with 3 seeded rows\./, r.summary);
  assert.match(stepNamed(r.steps, 'Precheck').text, /new NOT NULL column full_name \(no default\) cannot fill/);
  assert.match(stepNamed(r.steps, 'Apply up').text, /full_name.*contains null values/s);

  // The same change without rows: green, but labelled schema only.
  await page.getByLabel('Seed generated rows').uncheck();
  assert.equal(await page.getByTestId('verify-steps').count(), 0, 'an option change clears the result');
  r = await verify(page);
  assert.match(r.summary, /^All \d+ steps ok — schema only/, r.summary);
  await page.getByLabel('Seed generated rows').check();

  // A safe change with rows: every step ok, and the rows are compared both ways.
  await setInputs(page, { dialect: 'postgres', before, after: 'CREATE TABLE users (id integer PRIMARY KEY, name text, nickname text);' });
  r = await verify(page);
  assert.match(r.summary, /^All 12 steps ok with 3 seeded rows\./, `${r.summary}\n${JSON.stringify(r.steps, null, 1)}`);
  assert.ok(stepNamed(r.steps, 'Down gives the seeded rows back')?.ok);

  // Down that re-adds a dropped column with its default loses the values: the rows say so.
  await setInputs(page, {
    dialect: 'postgres',
    before: 'CREATE TABLE users (id integer PRIMARY KEY, is_admin boolean NOT NULL DEFAULT false);',
    after: 'CREATE TABLE users (id integer PRIMARY KEY);',
  });
  await page.getByRole('button', { name: /^Verify/ }).waitFor();
  await page.getByText('Seed rows (your INSERTs into BEFORE)').click();
  await page.getByLabel('Seed rows').fill('INSERT INTO users (id, is_admin) VALUES (1, true);');
  r = await verify(page);
  const back = stepNamed(r.steps, 'Down gives the seeded rows back');
  assert.equal(back.ok, false, JSON.stringify(r.steps, null, 1));
  assert.match(back.text, /"is_admin": true/);

  // Changing the inputs clears the result (no stale list).
  await setInputs(page, { dialect: 'postgres', before, after: before });
  assert.equal(await page.getByTestId('verify-steps').count(), 0);
  assert.doesNotMatch(await page.getByTestId('verify-status').textContent(), /steps (ok|failed)/);
  await page.getByLabel('Seed rows').fill('');
});

test("Verify: a history's USING conversion changes values on purpose; up's row check says so, down's still compares", async () => {
  const page = await open();
  const before = 'CREATE TABLE orders (id integer PRIMARY KEY, amount numeric(10,2));';
  await setInputs(page, {
    dialect: 'postgres',
    before,
    after: `${before}\nALTER TABLE orders ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;`,
  });
  await page.getByRole('button', { name: /^Verify/ }).waitFor();
  if (!(await page.getByLabel('Seed rows').isVisible())) await page.getByText('Seed rows (your INSERTs into BEFORE)').click();
  await page.getByLabel('Seed rows').fill('INSERT INTO orders (id, amount) VALUES (1, 12.34), (2, NULL);');
  const r = await verify(page);
  const up = stepNamed(r.steps, 'Up keeps the rows');
  assert.ok(up?.ok, JSON.stringify(r.steps, null, 1));
  assert.match(up.text, /public\.orders\.amount: converted by the history's USING, not compared/);
  // Down casts back plainly (1234 → 1234.00): the values do not come back, and Verify says so.
  const back = stepNamed(r.steps, 'Down gives the seeded rows back');
  assert.equal(back.ok, false, JSON.stringify(r.steps, null, 1));
  await page.getByLabel('Seed rows').fill('');
});

test('Verify shows the engine error of a failing step and a catalog mismatch', async () => {
  const page = await open();
  // BEFORE uses a type no database has: the engine refuses it at the first step.
  await setInputs(page, {
    dialect: 'postgres',
    before: 'CREATE TABLE t (id integer PRIMARY KEY, a no_such_type);',
    after: 'CREATE TABLE t (id integer PRIMARY KEY, a no_such_type, b text);',
  });
  const start = Date.now();
  const { summary, steps } = await verify(page);
  console.log(`# PostgreSQL verify (engine loaded) took ${Date.now() - start} ms`);
  assert.match(summary, /^1 of \d+ steps failed/, summary);
  assert.equal(steps[1].ok, false);
  assert.match(steps[1].text, /Apply BEFORE.*type "no_such_type" does not exist/s);
  assert.match(steps.at(-1).text, /skipped/);

  // A migration that does not produce AFTER (as if the up script had been edited): the
  // comparison step names the difference; down still runs and is compared with BEFORE.
  const report = await page.evaluate(() => window.schemashiftEngines.verify({
    dialect: 'postgres',
    before: 'CREATE TABLE t (id integer PRIMARY KEY);',
    up: 'ALTER TABLE t ADD COLUMN b bigint;',
    after: 'CREATE TABLE t (id integer PRIMARY KEY, b integer);',
    down: 'ALTER TABLE t DROP COLUMN b;',
  }));
  const byName = Object.fromEntries(report.steps.map((s) => [s.name.split(' (')[0], s]));
  assert.equal(byName['Apply up'].ok, true);
  assert.equal(byName['Up gives AFTER'].ok, false);
  assert.match(byName['Up gives AFTER'].message, /differs column public\.t\.b:\n\s+after up: bigint\n\s+AFTER: integer/);
  assert.equal(byName['Down gives BEFORE again'].ok, true);
});

test('Verify runs a SQLite table rebuild on sqlite-wasm; MySQL says there is no engine', async () => {
  const page = await open();
  await setInputs(page, {
    dialect: 'sqlite',
    before: `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER, price REAL);
CREATE INDEX books_title ON books (title);`,
    after: `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER REFERENCES authors (id), price NUMERIC CHECK (price >= 0));
CREATE INDEX books_title ON books (title);`,
  });
  const start = Date.now();
  const { summary, steps, engine } = await verify(page);
  console.log(`# SQLite verify took ${Date.now() - start} ms (engine load included)`);
  assert.match(summary, /^All 12 steps ok with \d+ seeded rows\./, `${summary}\n${JSON.stringify(steps, null, 1)}`);
  assert.match(engine, /^Engine: sqlite-wasm \(SQLite 3\.\d+/, engine);
  assert.ok(browser.requests.some((u) => u.endsWith('/verify/vendor/sqlite/sqlite3.wasm')));

  await page.getByLabel('Dialect').selectOption('mysql');
  await page.getByTestId('verify-status').filter({ hasText: 'no MySQL or MariaDB engine runs in a browser' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Verify/ }).isDisabled(), true);
  assert.deepEqual(browser.errors, []);
  await page.close();
});
