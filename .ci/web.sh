#!/usr/bin/env bash
# The web playground's build, serve and browser test (www/ by Trunk; the web/ crate's wasm by
# .ci/wasm-build.sh, a Trunk hook: split into the main module and lazy chunks).
#
#   .ci/web.sh install   install what the web build needs and is missing (idempotent)
#   .ci/web.sh build     release build of the playground into dist/
#   .ci/web.sh serve     build and serve the playground on http://127.0.0.1:8080 (trunk serve)
#   .ci/web.sh offline   build, then the single self-contained file dist-offline/schemashift.html
#                        (wasm, JS and CSS inlined; works opened from file:// with no network)
#   .ci/web.sh test      the web crate's unit tests, then build (and the offline file) and run
#                        the browser tests (they serve dist/ on a free port)
#   .ci/web.sh bench     build, then print the browser timings (tests/browser/bench/timing.mjs:
#                        paste and keystroke to output, long tasks, tab switches, first-load
#                        bytes, at 1,000 and 10,000 tables); figures, not assertions
#
# Assumed present (the machine setup installs them): node + npm, Debian `chromium`, and either
# a rustup toolchain with the wasm32-unknown-unknown target, or Debian's `rustc-web`,
# `cargo-web`, `rust-web-src` (wasm32 std built from source) and `lld-22`. This script
# installs the rest: trunk, wasm-bindgen-cli and wasm-split-cli (cargo install, pinned), wasm-opt (npm
# binaryen, in www/) and playwright-core (npm, in tests/browser/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

TRUNK_VERSION=0.21.14
# wasm-split-cli (crate wasm_split_cli_support): cuts the wasm at the split points of
# web/src/lazy.rs (.ci/wasm-build.sh); its runtime side is the `wasm_split_helpers` crate.
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must be exactly the version of the `wasm-bindgen` crate pinned in web/Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' web/Cargo.toml)
export PATH="$HOME/.cargo/bin:$ROOT/www/node_modules/.bin:$PATH"

log() { printf '[web] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# `has_version TOOL TEXT`: TOOL is on PATH and `TOOL --version` mentions TEXT.
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

# cargo install a pinned tool quickly (no LTO); fall back to fresh resolution when the
# tool's lock file names a crate version the registry no longer serves. More arguments go to
# cargo install (--features).
cargo_install() {
  local crate=$1 version=$2
  shift 2
  log "installing $crate $version (cargo install, a few minutes once)"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  cargo install "$crate" --version "$version" --locked "$@" || cargo install "$crate" --version "$version" "$@"
}

# npm ci in DIR when its node_modules is missing or older than its lock file.
npm_install() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install() {
  command -v npm >/dev/null 2>&1 || die "npm is missing (apt-get install nodejs npm)"
  has_version trunk "trunk $TRUNK_VERSION" || cargo_install trunk "$TRUNK_VERSION"
  [ -n "$WASM_BINDGEN_VERSION" ] || die "web/Cargo.toml must pin wasm-bindgen with ="
  has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" || cargo_install wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
  # wasm-split-cli has no --version: cargo's list of installed crates says which one it is.
  { command -v wasm-split-cli >/dev/null 2>&1 && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; } \
    || cargo_install wasm_split_cli_support "$WASM_SPLIT_VERSION" --features build-binary
  npm_install www
  npm_install tests/browser
}

# Choose how to compile for wasm32: rustup's target when installed, else Debian's rustc with
# std built from source (see DEVELOPERS.md).
wasm_env() {
  # leptos's type-erased views (`--cfg erase_components`, leptos 0.8): each component and
  # `view!` renders through an erased view instead of one monomorphised type per nesting of
  # elements, so the UI's generic code is compiled once (web/BUNDLE.md). Same behaviour.
  local flags="--cfg erase_components"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
  if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "toolchain: rustup with the wasm32-unknown-unknown target"
    return
  fi
  local rustc=${SCHEMASHIFT_WASM_RUSTC:-/usr/bin/rustc}
  [ -x "$rustc" ] || die "no wasm32 toolchain: run 'rustup target add wasm32-unknown-unknown', or apt-get install rustc-web cargo-web rust-web-src lld-22 (see DEVELOPERS.md)"
  local sysroot
  sysroot=$("$rustc" --print sysroot)
  [ -d "$sysroot/lib/rustlib/src/rust/library" ] || die "$rustc has no std sources: apt-get install rust-web-src"
  log "toolchain: $("$rustc" --version) building std for wasm32 from source"
  export RUSTC="$rustc" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # std is built here anyway, so it can be built to abort at once on a panic: no panic
  # messages, locations or formatting reach the wasm (a panic traps either way: the core
  # never panics on input, see ARCHITECTURE.md). Set SCHEMASHIFT_WASM_PANIC_MESSAGES=1 to keep
  # them while debugging.
  if [ -z "${SCHEMASHIFT_WASM_PANIC_MESSAGES:-}" ]; then
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags -Zunstable-options -Cpanic=immediate-abort"
  fi
  if ! command -v rust-lld >/dev/null 2>&1; then
    local lld
    lld=$(command -v wasm-ld-22 || command -v wasm-ld || true)
    [ -n "$lld" ] || die "no wasm linker: apt-get install lld-22"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld"
  fi
}

# The sizes of what was built: every file raw and gzipped, the first load, the offline file
# (.ci/sizes.mjs; printed, never asserted).
report_size() {
  ls dist/*.wasm >/dev/null 2>&1 || die "no .wasm in dist/"
  node .ci/sizes.mjs
}

# Download the crates the wasm build needs (std's own too, when built from source), so that
# trunk and cargo can then run offline.
# Every platform's too: the wasm build still asks for some crates its target does not use
# (event-listener's `parking`), and a new machine has not fetched them for a native build first.
fetch() {
  cargo fetch --target wasm32-unknown-unknown --manifest-path web/Cargo.toml
  cargo fetch --manifest-path web/Cargo.toml
}

build() {
  install
  wasm_env
  local start=$SECONDS
  fetch
  trunk --config trunk.toml build --offline --release
  log "built dist/ in $((SECONDS - start)) s"
  report_size
}

serve() {
  install
  wasm_env
  fetch
  log "serving the playground on http://127.0.0.1:8080 (Ctrl+C stops)"
  exec trunk --config trunk.toml serve --offline --release --no-autoreload --address 127.0.0.1 --port 8080
}

# The single-file playground, from the release build in dist/.
offline_file() {
  node .ci/offline.mjs
  report_size
}

test_browser() {
  log "unit tests of the web crate (native)"
  cargo test -p schemashift-web --quiet
  build
  offline_file
  command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] \
    || die "chromium is missing (apt-get install chromium)"
  local start=$SECONDS
  (cd tests/browser && node --test --test-reporter=spec)
  log "browser tests took $((SECONDS - start)) s"
}

# The browser timings of the built playground (printed; nothing is asserted).
bench() {
  build
  (cd tests/browser && node bench/timing.mjs)
}

case "${1:-}" in
  install) install ;;
  bench) bench ;;
  build) build ;;
  serve) serve ;;
  offline) build && offline_file ;;
  test) test_browser ;;
  *) echo "usage: $0 install|build|serve|offline|test|bench" >&2; exit 2 ;;
esac
