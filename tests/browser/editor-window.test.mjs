// Browser tests of the windowed editor (issue 13, web/src/editor_window.rs): above 512 KB the
// textarea holds only the lines around the view, the whole text living in the page. What a user
// does must still act on the whole text: typing far down, scrolling, select-all then copy or
// delete, paste, go-to-line from a diagnostic, undo inside the window. Outputs are asserted
// (the Up SQL, the whole text through the clipboard), never times.
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

// 1,300 tables, ~1.2 MB a side (over the 512 KB threshold; the window code does not depend on
// the size, and 5 MB takes minutes to generate on a loaded test machine): the same schema, so the
// migration starts empty and shows only what is typed.
const TABLES = 1300;
const BIG = dump(TABLES, false);
const LINES = BIG.split('\n');

const runsOf = (page) => page.evaluate(() => Number(document.querySelector('.ss-output').dataset.generation));
const settled = (page, runs) => page.waitForFunction(
  (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n
    && document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false',
  runs, { timeout: 180_000 });
const upSql = async (page) => {
  const copy = page.getByRole('button', { name: 'Copy up SQL' });
  await copy.click();
  // The button says "Copied" once the clipboard write has resolved: read after it, not before.
  await page.waitForFunction((b) => b.textContent.trim() === 'Copied', await copy.elementHandle(), { timeout: 15_000 });
  return page.evaluate(() => navigator.clipboard.readText());
};
/** The whole text of an editor, as Ctrl+A then Ctrl+C copies it. */
async function wholeText(page, label) {
  const editor = page.getByLabel(label, { exact: true });
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  // Collapse to the window's end (here the text's end: the caret stays in view and the window
  // stays, which keeps its undo history).
  await page.keyboard.press('ArrowRight');
  return text;
}
/** The window: [first line (1-based), textarea text], or null for a textarea holding the whole text. */
const windowOf = (page, label) => page.getByLabel(label, { exact: true }).evaluate((t) => {
  const first = t.getAttribute('data-window-first');
  return first === null ? null : [Number(first), t.value];
});

async function open() {
  const page = await h.openPlayground();
  await page.locator('.ss-output').waitFor({ timeout: 30_000 });
  await page.getByLabel('Dialect').selectOption('postgres');
  return page;
}

async function pasteBig(page) {
  await paste(page, 'Before', BIG);
  const runs = await runsOf(page);
  await paste(page, 'After', BIG);
  await settled(page, runs);
}

test('a large text is edited through a window: typing far down, scrolling, copying all', async () => {
  const page = await open();
  await pasteBig(page);
  // The textarea holds a window of whole lines of the text, not the text.
  const [first, shown] = await windowOf(page, 'After');
  assert.ok(shown.length < 400_000, `${shown.length} characters in the textarea`);
  assert.deepEqual(shown.split('\n'), LINES.slice(first - 1, first - 1 + shown.split('\n').length));
  assert.ok(await page.locator('.ss-window-note').first().isVisible());

  // Ctrl+Home, then scroll to the middle: the window follows the view, the gutter numbers it.
  const afterEditor = page.getByLabel('After', { exact: true });
  await afterEditor.focus();
  await page.keyboard.press('Control+Home');
  assert.equal((await windowOf(page, 'After'))[0], 1);
  const area = page.locator('.ss-code-area.ss-windowed').nth(1);
  await area.evaluate((a) => { a.scrollTop = a.scrollHeight / 2; });
  await page.waitForFunction(() => Number(document.querySelectorAll('.ss-textarea')[1].getAttribute('data-window-first')) > 500);
  const [mid, midText] = await windowOf(page, 'After');
  const midLines = midText.split('\n');
  assert.deepEqual(midLines, LINES.slice(mid - 1, mid - 1 + midLines.length));
  const inView = await area.evaluate((a) => Math.floor(a.scrollTop / 19.5));
  assert.ok(mid - 1 <= inView && inView < mid - 1 + midLines.length, `line ${inView} in view, window from ${mid}`);
  const gutterFirst = await page.locator('.ss-gutter').nth(1).evaluate((g) => g.textContent.split('\n')[0]);
  assert.equal(Number(gutterFirst), mid);

  // Type at the very end (Ctrl+End): the Up SQL has the new table, the whole text has it once.
  await afterEditor.focus();
  await page.keyboard.press('Control+End');
  let runs = await runsOf(page);
  await page.keyboard.type('\nCREATE TABLE public.far_down (id integer);');
  await settled(page, runs);
  assert.match(await upSql(page), /far_down/);
  const whole = await wholeText(page, 'After');
  assert.equal(whole, `${BIG}\nCREATE TABLE public.far_down (id integer);`);

  // Undo inside the window takes the typing back (the window has not moved since).
  runs = await runsOf(page);
  await afterEditor.focus();
  for (let i = 0; i < 10 && (await wholeText(page, 'After')) !== BIG; i++) {
    await afterEditor.evaluate((t) => t.setSelectionRange(t.value.length, t.value.length));
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(100);
  }
  assert.equal(await wholeText(page, 'After'), BIG);
  await settled(page, runs);
  await page.close();
});

test('select-all then delete, paste and cut act on the whole text', async () => {
  const page = await open();
  await pasteBig(page);
  const afterEditor = page.getByLabel('After', { exact: true });
  // Select-all + Backspace empties the whole text (not the window): Up SQL drops every table.
  await afterEditor.focus();
  let runs = await runsOf(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await settled(page, runs);
  assert.equal(await windowOf(page, 'After'), null, 'a small text is held whole again');
  assert.equal(await afterEditor.inputValue(), '');
  // The generation counted by `settled` can be one still in flight from the paste (After equal
  // to Before: no Up SQL); the one of the emptied text follows it.
  let drops = await upSql(page);
  for (let i = 0; i < 60 && !drops.includes('DROP TABLE'); i++) {
    await page.waitForTimeout(250);
    drops = await upSql(page);
  }
  assert.match(drops, new RegExp(`DROP TABLE "public"\\."t${TABLES - 1}"`));
  assert.match(drops, /DROP TABLE "public"\."t0"/);

  // Paste the large text into the empty editor: a window around the caret (the end), the whole text pasted.
  await page.evaluate((text) => navigator.clipboard.writeText(text), BIG);
  runs = await runsOf(page);
  await afterEditor.focus();
  await page.keyboard.press('Control+V');
  await settled(page, runs);
  const [first, shown] = await windowOf(page, 'After');
  assert.ok(first > 500 && BIG.endsWith(shown), `window from ${first}`);
  assert.equal(await wholeText(page, 'After'), BIG);
  assert.equal((await upSql(page)).trim().includes('DROP TABLE'), false);

  // Select-all + typing replaces the whole text.
  runs = await runsOf(page);
  await afterEditor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('CREATE TABLE public.t0 (id integer);');
  await settled(page, runs);
  assert.equal(await afterEditor.inputValue(), 'CREATE TABLE public.t0 (id integer);');

  // Cut of the whole text after select-all: the clipboard gets all of it.
  await paste(page, 'After', BIG);
  await afterEditor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+X');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), BIG);
  assert.equal(await afterEditor.inputValue(), '');
  await page.close();
});

test('a diagnostic far down moves the window and the caret to its line', async () => {
  const page = await open();
  const broken = `${BIG}\nCREAT TABLE oops (id integer);\n`;
  await paste(page, 'Before', BIG);
  const runs = await runsOf(page);
  await paste(page, 'After', broken);
  await settled(page, runs);
  const afterEditor = page.getByLabel('After', { exact: true });
  await afterEditor.focus();
  await page.keyboard.press('Control+Home');
  const line = broken.split('\n').length - 1;
  const jumpButton = page.locator('.ss-diag-jump', { hasText: new RegExp(`^${line}:`) }).first();
  await jumpButton.click();
  const [first, shown] = await windowOf(page, 'After');
  const caret = await afterEditor.evaluate((t) => [document.activeElement === t, t.selectionStart]);
  assert.equal(caret[0], true, 'the editor has the focus');
  const caretLine = first + shown.slice(0, caret[1]).split('\n').length - 1;
  assert.equal(caretLine, line);
  const inView = await page.locator('.ss-code-area.ss-windowed').nth(1).evaluate((a) => [a.scrollTop, a.clientHeight]);
  const lineTop = (line - 1) * 19.5;
  assert.ok(inView[0] <= lineTop && lineTop < inView[0] + inView[1], `line ${line} in view ${inView}`);
  await page.close();
});

test('a large paste with multibyte, astral and lone surrogate characters arrives unchanged', async () => {
  // The paste is read into the module by `TextEncoder.encodeInto` in steps (web/src/js_text.rs):
  // one byte a character first, more when it stops short. Lone surrogates become U+FFFD, as
  // wasm-bindgen's own copy made them; everything else is the clipboard's text exactly.
  const page = await open();
  await paste(page, 'Before', BIG);
  await paste(page, 'After', '');
  const head = '-- é € 😀 \uD800 lone high, \uDC00 lone low, ok\n';
  const tail = '-- ß 中文 \uDBFF\uDFFF 😀😀 €\uDC00\n-- end \uD83D';
  const text = `${head}${BIG}${tail}`;
  const runs = await runsOf(page);
  await page.getByLabel('After', { exact: true }).evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.focus();
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await settled(page, runs);
  const whole = await wholeText(page, 'After');
  assert.equal(whole.length, text.length);
  assert.ok(whole === text.toWellFormed(), 'the pasted text, lone surrogates as U+FFFD');
  assert.ok(whole.startsWith('-- é € 😀 \uFFFD lone high, \uFFFD lone low') && whole.endsWith('€\uFFFD\n-- end \uFFFD'));
  await page.close();
});
