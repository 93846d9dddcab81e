#!/usr/bin/env bash
# Trunk hook (trunk.toml, post_build): the playground's wasm, split into the main module and the
# chunks its split points load on first use (web/src/lazy.rs, web/BUNDLE.md), written into the
# build ($TRUNK_STAGING_DIR, or the directory given). Trunk's own Rust pipeline cannot split, so
# this runs it: cargo (release, linked with relocations) → wasm-split-cli (main module, chunks,
# __wasm_split.js, their loader) → wasm-bindgen on the main module (keeping the table and
# memory exports the chunks import) → wasm-opt -Oz on every module.
# Run with .ci/web.sh's environment (wasm_env: toolchain, flags; PATH: the pinned tools).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-${TRUNK_STAGING_DIR:?run by trunk, or give the output directory}}
cd "$ROOT"
NAME=schemashift-web
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --offline | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0)).target_directory)')
SPLIT="$TARGET_DIR/wasm-split/release"
log() { printf '[web] %s\n' "$*" >&2; }

# The relocations are what wasm-split reads to cut the module; only the final link needs them
# (`cargo rustc` passes them to the web crate alone, so the dependencies' builds are shared).
log "cargo (wasm32, release)"
# Built for size (opt-level z), but for the core and sqlparser (its tokenizer), whose code is the
# generator's chunk (web/src/engine.rs), not the first load: opt-level 3 (generation per keystroke
# in the browser 58 -> 50 ms at 1,000 tables, web/BUNDLE.md). The release profile itself is for
# the native CLI's speed (Cargo.toml).
cargo rustc --offline --release --config 'profile.release.opt-level="z"' \
  --config 'profile.release.package.schemashift-core.opt-level=3' --config 'profile.release.package.sqlparser.opt-level=3' --target wasm32-unknown-unknown --manifest-path web/Cargo.toml --bin "$NAME" \
  -- -Clink-arg=--emit-relocs
rm -rf "$SPLIT" && mkdir -p "$SPLIT/split" "$SPLIT/bindgen"
log "wasm-split"
wasm-split-cli "$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm" "$SPLIT/split" --target web --out-name "$NAME"
log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$SPLIT/bindgen" --out-name "$NAME" "$SPLIT/split/$NAME.wasm"
cp "$SPLIT/bindgen/$NAME.js" "$OUT/$NAME.js"
cp "$SPLIT/split/__wasm_split.js" "$OUT/__wasm_split.js"
log "wasm-opt -Oz (main module and chunks)"
wasm-opt -Oz "$SPLIT/bindgen/${NAME}_bg.wasm" -o "$OUT/${NAME}_bg.wasm"
for chunk in "$SPLIT"/split/*.wasm; do
  [ "$(basename "$chunk")" = "$NAME.wasm" ] && continue
  wasm-opt -Oz "$chunk" -o "$OUT/$(basename "$chunk")"
done
log "wasm: $(cd "$OUT" && ls -1 ./*.wasm | tr '\n' ' ')"
