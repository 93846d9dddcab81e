// Where a keystroke's time goes (issue 13): a Chrome DevTools Protocol trace of one action on the
// page (playwright-core's CDP session, `Tracing` domain), split into what the page's main thread
// and the generation worker did from the keydown to the frame after the Up SQL was updated.
//
// The page marks its own parts with the User Timing API (`performance.measure`, names starting
// `ss:`: reading the editor's text, the splice and message to the worker, drawing the outputs,
// painting the editors; see web/src/timing.rs); the browser's own events give the rest
// (input event dispatch, style, layout, paint, garbage collection, the worker's run).

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'blink', 'toplevel',
].join(',');

/** Start tracing the page; `stop()` resolves to the trace events. */
export async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return {
    stop: async () => {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      return events;
    },
  };
}

/** The threads of the renderer that ran the page: main and the generation worker. */
function threads(events) {
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  }
  // The page's main thread is the renderer thread that dispatched the keydown (or ran the
  // page's measures); the worker is a dedicated worker thread of the same renderer.
  const keydown = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    ?? events.find((e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('ss:'));
  const main = keydown ? key(keydown) : [...names].find(([, n]) => n === 'CrRendererMain')?.[0];
  const pid = main?.split(':')[0];
  const worker = [...names].find(([k, n]) => k.startsWith(`${pid}:`) && /DedicatedWorker/i.test(n))?.[0];
  return { main, worker };
}

const key = (e) => `${e.pid}:${e.tid}`;

/** Complete events (`X`, or `B`/`E` pairs) of one thread, in time order, as {name, ts, dur, args}. */
function spans(events, thread) {
  const out = [];
  const open = [];
  for (const e of events.filter((e) => key(e) === thread).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') out.push({ name: e.name, ts: e.ts, dur: e.dur ?? 0, args: e.args });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.findLastIndex((o) => o.name === e.name);
      if (b >= 0) out.push({ name: e.name, ts: open[b].ts, dur: e.ts - open[b].ts, args: open[b].args });
      if (b >= 0) open.splice(b, 1);
    }
  }
  return out;
}

/** User timing measures (async `b`/`e` pairs by id) of the page: name → total ms. */
function measures(events, from, to) {
  const begin = new Map();
  const total = new Map();
  for (const e of events.filter((e) => e.cat?.includes('blink.user_timing')).sort((a, b) => a.ts - b.ts)) {
    const name = String(e.name);
    if (!name.startsWith('ss:')) continue;
    const id = `${name}:${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') begin.set(id, e.ts);
    else if (e.ph === 'e' && begin.has(id)) {
      const ts = begin.get(id);
      begin.delete(id);
      if (ts >= from && ts <= to) total.set(name, (total.get(name) ?? 0) + (e.ts - ts) / 1000);
    }
  }
  return total;
}

/** Sum the time of the named browser events inside [from, to] µs, not counting nested ones twice. */
function sumOf(list, names, from, to) {
  let total = 0;
  let end = -Infinity;
  for (const s of list) {
    if (!names.has(s.name) || s.ts < from || s.ts > to) continue;
    if (s.ts >= end) {
      total += s.dur;
      end = s.ts + s.dur;
    } else if (s.ts + s.dur > end) {
      total += s.ts + s.dur - end;
      end = s.ts + s.dur;
    }
  }
  return total / 1000;
}

const BROWSER_PARTS = [
  ['editing the text (TypingCommand)', ['TypingCommand::InsertText', 'TypingCommand::DeleteKeyPressed', 'Editor::HandleKeyboardEvent']],
  ['style and layout forced by scripts', ['Blink.ForcedStyleAndLayout.UpdateTime']],
  ['style', ['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation']],
  ['layout', ['Layout']],
  ['paint and composite', ['Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit', 'PaintImage', 'RasterTask']],
  ['garbage collection', ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'V8.GCIncrementalMarking']],
];

/**
 * The breakdown of `events` between `from` and `to` (performance.now() ms of the page, which the
 * trace's clock shares: both are monotonic microseconds since the same origin only roughly, so
 * the window is taken from the page's own `ss:keystroke` measure when there is one).
 */
export function breakdown(events) {
  const { main, worker } = threads(events);
  const mainSpans = main ? spans(events, main) : [];
  // The window: from the keydown's dispatch to the end of the last `ss:` measure (the frame after
  // the outputs were drawn), on the trace's own clock.
  const keydown = mainSpans.find((s) => s.name === 'EventDispatch' && s.args?.data?.type === 'keydown');
  const all = events.filter((e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('ss:'));
  const from = keydown?.ts ?? Math.min(...mainSpans.map((s) => s.ts));
  const to = Math.max(from, ...all.map((e) => e.ts), ...mainSpans.filter((s) => s.name === 'Paint').map((s) => s.ts + s.dur));
  const rows = [];
  rows.push(['keydown → last frame', (to - from) / 1000]);
  // Input events: the handlers of keydown, keypress, beforeinput, textInput, input (the page's
  // handler reads the text; its own measures split it further).
  const dispatch = mainSpans.filter((s) => s.name === 'EventDispatch' && s.ts >= from && s.ts <= to);
  const byType = new Map();
  for (const s of dispatch) byType.set(s.args?.data?.type, (byType.get(s.args?.data?.type) ?? 0) + s.dur / 1000);
  for (const [type, t] of byType) rows.push([`main: ${type} event`, t]);
  for (const [name, t] of measures(events, from, to)) rows.push([`main: ${name.slice(3)}`, t]);
  for (const [label, names] of BROWSER_PARTS) rows.push([`main: ${label}`, sumOf(mainSpans, new Set(names), from, to)]);
  const tasks = mainSpans.filter((s) => (s.name === 'RunTask' || s.name === 'ThreadControllerImpl::RunTask') && s.ts >= from && s.ts <= to);
  rows.push(['main: busy (all tasks)', sumOf(tasks, new Set(['RunTask', 'ThreadControllerImpl::RunTask']), from, to)]);
  rows.push(['main: longest task', Math.max(0, ...tasks.map((t) => t.dur / 1000))]);
  if (worker) {
    const w = spans(events, worker);
    rows.push(['worker: busy (all tasks)', sumOf(w, new Set(['RunTask', 'ThreadControllerImpl::RunTask']), from, to)]);
    rows.push(['worker: garbage collection', sumOf(w, new Set(BROWSER_PARTS.find(([l]) => l === 'garbage collection')[1]), from, to)]);
  }
  return rows;
}

/** `rows` as aligned lines. */
export function format(rows, indent = '  ') {
  return rows.map(([label, t]) => `${indent}${label.padEnd(36)} ${Number.isFinite(t) ? t.toFixed(1).padStart(8) : '     n/a'} ms`).join('\n');
}
