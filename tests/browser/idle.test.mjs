// Browser test of what the output says while a large schema is typed into quickly (issue 13): it
// reports itself idle (aria-busy=false) only while the Up SQL it shows is that of the editors'
// texts of that moment, never an older result while the newest request is still on its way (a
// DBA could copy it), and the typing ends with the Up SQL of the final text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { paste } from './launch.mjs';
import { dump } from './bench/dump.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

// 300 tables (~270 KB a side): generated in the background worker (over 48 KB), held whole by
// the textarea (under 512 KB). Every tenth table of After has the column `added`, which the
// typing renames in the first table: each keystroke changes the Up SQL.
const BEFORE = dump(300, false);
const AFTER = dump(300, true);
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ERASED = 4;

const runsOf = (page) => page.evaluate(() => Number(document.querySelector('.ss-output').dataset.generation));
const settled = (page, runs) => page.waitForFunction(
  (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n
    && document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false',
  runs, { timeout: 120_000 });

test('the output is idle only with the Up SQL of the latest text, and ends with the final one', async () => {
  const page = await h.openPlayground();
  await page.waitForFunction(() => window.schemashift, null, { timeout: 30_000 });
  await page.getByLabel('Dialect').selectOption('postgres');
  await paste(page, 'Before', BEFORE);
  let runs = await runsOf(page);
  await paste(page, 'After', AFTER);
  await settled(page, runs);

  // Every frame: when the output says it is idle, the Up SQL shown must name the first table's
  // column as the After text names it at that moment.
  await page.evaluate(() => {
    const out = document.querySelector('.ss-output');
    const label = [...document.querySelectorAll('label.ss-label')].find((l) => l.textContent.trim() === 'After');
    const text = document.getElementById(label.htmlFor);
    window.__idle = { frames: 0, stale: [] };
    const look = () => {
      if (out.getAttribute('aria-busy') === 'false') {
        window.__idle.frames += 1;
        const name = text.value.match(/\n {4}(added\w*) character varying\(40\)/)?.[1];
        const up = document.querySelector('[data-testid=up-sql]')?.textContent ?? '';
        if (!up.includes(`"${name}"`)) {
          const shown = up.match(/"(added\w*)"/)?.[1];
          window.__idle.stale.push(`generation ${out.dataset.generation}: text has ${name}, Up SQL shows ${shown}`);
        }
      }
      window.__idleWatch = requestAnimationFrame(look);
    };
    look();
  });

  const editor = page.getByLabel('After', { exact: true });
  const at = AFTER.indexOf('    added character varying') + '    added'.length;
  await editor.evaluate((t, at) => { t.focus(); t.setSelectionRange(at, at); }, at);
  runs = await runsOf(page);
  // Quickly, with pauses of every length around the worker's time, then a few deletions.
  const pauses = [0, 3, 8, 15, 25, 40, 70];
  for (const [i, ch] of [...TYPED].entries()) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(pauses[i % pauses.length]);
  }
  for (let i = 0; i < ERASED; i++) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(pauses[i % pauses.length]);
  }
  const name = `added${TYPED.slice(0, -ERASED)}`;
  assert.equal(await editor.inputValue(), AFTER.replace('    added character', `    ${name} character`));
  await settled(page, runs);
  // Idle once settled, for a few frames more (no result of an older text arrives late).
  await page.waitForTimeout(500);
  const idle = await page.evaluate(() => {
    cancelAnimationFrame(window.__idleWatch);
    return window.__idle;
  });
  assert.deepEqual(idle.stale, [], 'idle reported with the Up SQL of an older text');
  assert.ok(idle.frames > 0, 'idle frames were seen');
  assert.equal(await page.locator('.ss-output').getAttribute('aria-busy'), 'false');

  // The Up SQL shown is that of the final text, byte for byte (the JS API from scratch).
  const shown = await page.getByTestId('up-sql').textContent();
  const scratch = await page.evaluate(({ before, after }) => window.schemashift.generate({ dialect: 'postgres', before, after }),
    { before: BEFORE, after: AFTER.replace('    added character', `    ${name} character`) });
  assert.equal(shown, scratch.up);
  assert.match(shown, new RegExp(`"${name}"`));
  assert.deepEqual(h.pageErrors, []);
  await page.close();
});
