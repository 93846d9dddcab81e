//! The page's own parts of a keystroke, as User Timing measures (`performance.measure`, names
//! `ss:...`): the timing script's trace (`tests/browser/bench/trace.mjs`) splits a keystroke with
//! them beside the browser's own events. The marks are cleared at once (the trace has them), so
//! typing for hours keeps no entries.

/// Run `f`, measured as `ss:{name}` on the page's timeline.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    // Native unit tests have no page (web-sys would panic there).
    if !cfg!(target_arch = "wasm32") {
        return f();
    }
    let performance = web_sys::window().and_then(|w| w.performance());
    let Some(performance) = performance else { return f() };
    let start = format!("ss:{name}:start");
    let _ = performance.mark(&start);
    let out = f();
    let measure = format!("ss:{name}");
    let _ = performance.measure_with_start_mark(&measure, &start);
    performance.clear_marks_with_mark_name(&start);
    performance.clear_measures_with_measure_name(&measure);
    out
}
