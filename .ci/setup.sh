#!/usr/bin/env bash
# Installs what schemashift's build and tests need, skipping what is already there.
#
#   .ci/setup.sh            everything (engines, browser, wasm toolchain, npm packages)
#   .ci/setup.sh --web      only what building and serving the playground needs
#
# Idempotent: the second run only checks. Debian 12 (root, or a user with sudo). A developer
# machine whose rustup has the wasm32-unknown-unknown target uses it; otherwise Debian's
# rustc-web + rust-web-src build the wasm32 standard library from source (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

want_web_only=false
[ "${1:-}" = "--web" ] && want_web_only=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else say "not root and no sudo: apt packages cannot be installed"; fi
fi

export PATH="$HOME/.cargo/bin:$PATH"

# ---- Rust ----------------------------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  say "no cargo found: install Rust first (https://rustup.rs, or Debian's cargo)"; exit 1
fi

# clippy: `make test` runs it on core (no unwrap/expect/byte slicing of user text).
if ! cargo clippy --version >/dev/null 2>&1; then
  if command -v rustup >/dev/null; then
    say "rustup component add clippy"; rustup component add clippy
  else
    say "cargo clippy is missing: install the clippy that matches your rustc (rustup component add clippy)"; exit 1
  fi
fi
# rustfmt: `make test` checks the workspace is formatted (rustfmt.toml).
if ! cargo fmt --version >/dev/null 2>&1; then
  if command -v rustup >/dev/null; then
    say "rustup component add rustfmt"; rustup component add rustfmt
  else
    say "cargo fmt is missing: install the rustfmt that matches your rustc (rustup component add rustfmt)"; exit 1
  fi
fi

has_rustup_wasm() {
  command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# ---- Debian packages ----------------------------------------------------------------------
pkgs=()
# Node may come from elsewhere than Debian (nvm, NodeSource): any node with npm will do.
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)
if ! has_rustup_wasm; then pkgs+=(rustc-web cargo-web rust-web-src lld-22); fi
if ! $want_web_only; then
  pkgs+=(postgresql mariadb-server mariadb-client sqlite3 chromium chromium-driver)
  # The migration tools the package test runs (tests/tests/tools.rs): Sqitch with its drivers,
  # Java for Liquibase, and slf4j, which Liquibase's bundled sqlite-jdbc needs on its class path.
  pkgs+=(sqitch libdbd-pg-perl libdbd-mysql-perl libdbd-sqlite3-perl openjdk-17-jre-headless libslf4j-java)
  # pt-online-schema-change, which `--osc pt-osc` packages run (tests/tests/osc.rs runs one on MariaDB).
  pkgs+=(percona-toolkit)
  # python3 -m venv (for squawk, below) needs ensurepip, which Debian ships in python3-venv.
  python3 -c 'import ensurepip, venv' 2>/dev/null || pkgs+=(python3 python3-venv)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The Debian service units are not needed: the tests start their own servers in temp dirs.

# ---- cargo tools ----------------------------------------------------------------------------
fast_install=(env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)
if ! trunk --version 2>/dev/null | grep -q "0.21.14"; then
  say "cargo install trunk 0.21.14"
  "${fast_install[@]}" cargo install trunk --version 0.21.14 --locked --quiet
fi

# ---- squawk (the PostgreSQL migration linter our risk notes are cross-checked with) ----------
# Pinned, in a venv under target/ (no system pip needed, nothing outside the repository):
# tests/tests/squawk.rs looks there first.
SQUAWK_VERSION=2.70.0
if ! $want_web_only && ! target/squawk-venv/bin/squawk --version 2>/dev/null | grep -q "$SQUAWK_VERSION"; then
  say "pip install squawk-cli==$SQUAWK_VERSION into target/squawk-venv"
  python3 -m venv target/squawk-venv
  target/squawk-venv/bin/pip install --quiet --disable-pip-version-check "squawk-cli==$SQUAWK_VERSION"
fi

# ---- dbmate and Liquibase (npm, pinned by tests/tools/package-lock.json) ----------------------
# npm's `liquibase` bundles the Liquibase distribution with its JDBC drivers; its lib/ gets
# Debian's slf4j jars (sqlite-jdbc logs through slf4j and fails to load without them).
if ! $want_web_only; then
  tools=tests/tools
  if [ ! -x "$tools/node_modules/.bin/dbmate" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    # `npm install --no-save` with the lock file, not `npm ci`: dbmate ships its binary as one
    # optional package per platform, and the lock npm writes on Linux holds only linux-x64's,
    # which `npm ci` refuses as "out of sync" on a fresh clone; install keeps the locked versions.
    say "npm install in $tools (dbmate, liquibase; versions from the lock file)"
    (cd "$tools" && npm install --no-save --no-audit --no-fund --loglevel=error)
  fi
  lib="$tools/node_modules/liquibase/dist/liquibase/lib"
  for jar in slf4j-api slf4j-nop; do
    [ -e "$lib/$jar.jar" ] || ln -s "/usr/share/java/$jar.jar" "$lib/$jar.jar"
  done
fi

# ---- web toolchain (wasm-bindgen-cli, npm packages) ------------------------------------------
bash .ci/web.sh install

say "ready"
