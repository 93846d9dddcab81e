//! JavaScript strings into Rust without wasm-bindgen's glue: for a string it copies into the
//! module (`passStringToWasm0`) the glue runs a JavaScript loop over the characters of an ASCII
//! text, ~100 ms for a 10 MB paste or worker answer. Here `TextEncoder.encodeInto` writes the
//! UTF-8 straight into a Rust buffer, in one call for ASCII. The bytes are the glue's: lone
//! surrogates become U+FFFD.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Encoder;
    /// `{ read, written }`: UTF-16 units read of `source`, bytes written to `destination`.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &Encoder, source: &JsString, destination: &Uint8Array) -> Progress;

    type Progress;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Progress) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Progress) -> f64;
}

thread_local! {
    static ENCODER: Encoder = Encoder::new();
}

/// The string `value` holds, or `None` when it is not a string (as `JsValue::as_string`).
pub fn string_of(value: &JsValue) -> Option<String> {
    value.dyn_ref::<JsString>().map(string)
}

/// `s` as a Rust string.
pub fn string(s: &JsString) -> String {
    let units = s.length() as usize;
    // One byte a unit: enough for ASCII; more is reserved when `encodeInto` stops short.
    let mut bytes: Vec<u8> = Vec::with_capacity(units);
    let mut read = 0;
    let mut rest = s.clone();
    ENCODER.with(|encoder| loop {
        let spare = bytes.capacity() - bytes.len();
        // SAFETY: the view covers the vector's unused capacity and is used at once: nothing
        // allocates in the module (which could grow its memory and detach the view) meanwhile.
        // `encodeInto` writes at most `spare` bytes, all valid UTF-8, and says how many.
        let progress = unsafe {
            let view = Uint8Array::view_mut_raw(bytes.as_mut_ptr().add(bytes.len()), spare);
            encoder.encode_into(&rest, &view)
        };
        let written = (progress.written() as usize).min(spare);
        // SAFETY: `written` bytes past the length were just initialised.
        unsafe { bytes.set_len(bytes.len() + written) };
        read += progress.read() as usize;
        if read >= units {
            break;
        }
        // Never a pair cut in two: `encodeInto` reads whole code points. Three bytes a unit at
        // most (a pair: four bytes for two units).
        rest = s.slice(read as u32, units as u32);
        bytes.reserve(3 * (units - read));
    });
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
