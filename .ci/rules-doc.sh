#!/usr/bin/env bash
# Trunk hook (trunk.toml): writes rules.md, the risk rules' documentation page, into the build
# ($TRUNK_STAGING_DIR, or the directory given): `schemashift rules`, from the rules themselves
# (risk::rules::docs_markdown, their one home). The playground's wasm leaves the text out and
# fetches this file when the "Risk rules" view is first opened (web/src/rules_view.rs); the
# offline file carries it as a string (.ci/offline.mjs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-${TRUNK_STAGING_DIR:?run by trunk, or give the output directory}}
cd "$ROOT"
# A native build of the CLI: none of the wasm build's settings (.ci/web.sh wasm_env) apply.
env -u RUSTC -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER \
  -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -u CARGO_BUILD_TARGET \
  cargo run --quiet -p schemashift-core --bin schemashift -- rules >"$OUT/rules.md.tmp"
mv "$OUT/rules.md.tmp" "$OUT/rules.md"
echo "[web] rules.md: $(wc -c <"$OUT/rules.md") bytes" >&2
