// The playground keeps the user's work in localStorage (web/src/persist.rs). Tests share one
// browser profile per file, so each new page starts without the work an earlier test left: a new
// tab's first document clears it; a reload of the same tab (sessionStorage survives) keeps it.
export async function freshWorkPerPage(context) {
  await context.addInitScript(() => {
    try {
      if (!sessionStorage.getItem('schemashift-test-tab')) {
        sessionStorage.setItem('schemashift-test-tab', '1');
        localStorage.removeItem('schemashift-work');
        localStorage.removeItem('schemashift-keep');
      }
    } catch (e) {
      // No storage (an opaque origin): nothing is kept either.
    }
  });
}
