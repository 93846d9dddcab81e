# The two commands of the README, and the pieces they are made of.
#   make serve   install what is missing, build the wasm, serve the playground on http://127.0.0.1:8080
#   make test    install what is missing, run every test: unit, engine round trips, browser
.PHONY: serve test setup test-rust test-browser build-web offline cli clippy bench-core bench-web calibrate

serve:
	bash .ci/setup.sh --web
	bash .ci/web.sh serve

test: setup clippy test-rust test-browser bench-core

setup:
	bash .ci/setup.sh

# SCHEMASHIFT_REQUIRE_SQUAWK / SCHEMASHIFT_REQUIRE_TOOLS: the squawk cross-check
# (tests/tests/squawk.rs) and the migration tools test (tests/tests/tools.rs) fail instead of
# skipping when squawk / dbmate, Sqitch, Liquibase are missing (setup installs them).
test-rust:
	SCHEMASHIFT_REQUIRE_SQUAWK=1 SCHEMASHIFT_REQUIRE_TOOLS=1 PATH="$$HOME/.cargo/bin:$$PATH" cargo test --workspace --exclude schemashift-web

# core's non-test code may not unwrap, expect or slice a str at a byte offset (lib.rs denies
# them): a panic kills generation in the browser.
# The whole workspace is formatted (rustfmt.toml) and clippy-clean on every target, tests included.
clippy:
	PATH="$$HOME/.cargo/bin:$$PATH" cargo clippy -p schemashift-core --lib --no-deps -- -D warnings
	PATH="$$HOME/.cargo/bin:$$PATH" cargo clippy --workspace --all-targets --no-deps -- -D warnings
	PATH="$$HOME/.cargo/bin:$$PATH" cargo fmt --all --check

test-browser:
	bash .ci/web.sh test
	(cd tests/browser && node bench/timing.mjs) || true

# The core's speed (issue 13): the whole pipeline at 1,000 to 8,000 tables in the dump and
# migration-history forms with each doubling's growth, and the playground's keystroke path
# natively with its CPU time per stage (core/benches/README.md). Printed, not asserted.
bench-core:
	SCALING_SIZES=$${SCALING_SIZES:-1000,2000,4000,8000} SCALING_FORMS=$${SCALING_FORMS:-pg_dump,history,keystroke} \
		PATH="$$HOME/.cargo/bin:$$PATH" cargo bench -p schemashift-core --bench scaling
	PATH="$$HOME/.cargo/bin:$$PATH" cargo bench -p schemashift-core --bench keystroke

# The playground's browser timings (issue 13): paste and keystroke to output, long tasks, tab
# switches and first-load bytes at 1,000 and 10,000 tables. Printed, not asserted.
bench-web:
	bash .ci/web.sh bench

build-web:
	bash .ci/web.sh build

# The playground as one self-contained HTML file: dist-offline/schemashift.html
offline:
	bash .ci/web.sh offline

cli:
	cargo build --release -p schemashift-core --bin schemashift

# The calibration benchmark of the duration estimates (tests/src/calibrate.rs): loads a table
# into PostgreSQL, MariaDB and SQLite and times each operation class against its estimate.
# CALIBRATE_ROWS=1000000 for the factor-of-3 check, CALIBRATE_WRITE=1 to rewrite
# tests/calibration/measured.md (the table the model's constants come from).
calibrate:
	SCHEMASHIFT_CALIBRATE_ROWS=$${CALIBRATE_ROWS:-100000} SCHEMASHIFT_CALIBRATE_WRITE=$${CALIBRATE_WRITE:-0} \
		PATH="$$HOME/.cargo/bin:$$PATH" cargo test -p schemashift-e2e --test calibrate -- --ignored --nocapture
