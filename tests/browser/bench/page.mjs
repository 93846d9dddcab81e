// What the browser benches (timing.mjs, tab_trace.mjs) and worker.test.mjs do to the page alike.

/** Record the page's main-thread tasks over 50 ms into `window.__longTasks` ({ start, duration }),
 * from its first script on. */
export function watchLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Paste `before` and `after` into the editors in one task, with a synthetic `paste` event each
 * (a DataTransfer holding the text: the editor's own paste handler, no clipboard read); resolves
 * to the page's time of the first paste. */
export function pasteBoth(page, before, after) {
  return page.evaluate(({ before, after }) => {
    const paste = (label, text) => {
      const id = [...document.querySelectorAll('label.ss-label')].find((l) => l.textContent.trim() === label)?.htmlFor;
      const t = document.getElementById(id);
      t.focus();
      t.select();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    };
    const t0 = performance.now();
    paste('Before', before);
    paste('After', after);
    return t0;
  }, { before, after });
}
