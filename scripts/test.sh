#!/usr/bin/env bash
# Runs every test: formatting, lints, UI type check/lint/unit tests, then — inside a private D-Bus
# session with a throwaway unlocked gnome-keyring — the Rust tests (the CLI's use the real
# keychain), the bindings drift check, the Tauri-free check of the core crates, and the end-to-end
# tests of the real app window under Xvfb over WebDriver; last, the release build of the .deb and
# its check.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { echo; echo "==> $* ($(date +%T), ${SECONDS}s)"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "UI: type check, lint, unit tests, build"
npm run typecheck
npm run lint
npm test
npm run build # ui/dist is embedded by the app build

step "cargo clippy (whole workspace, all targets)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "architecture: who may depend on whom (docs/architecture.md)"
bash scripts/check-architecture.sh

# A fresh keyring folder: one reused from another run may be locked with another password.
export XDG_DATA_HOME="$(mktemp -d)"
dbus-run-session -- bash scripts/test-in-session.sh

leftovers="$(ps -eo stat=,comm= | awk '$1 !~ /^Z/ && $2 ~ /^(WebKitWebDriver|tauri-driver|integration-des)/' || true)"
if [ -n "$leftovers" ]; then
  echo "processes outlived the test run:" >&2
  echo "$leftovers" >&2
  exit 1
fi

step "release build and .deb (npm run tauri build), then its check (scripts/check-deb.sh)"
# `-- --locked`: the Tauri CLI hands what follows to cargo, which then keeps to Cargo.lock.
npm run tauri build -- -- --locked
target_dir="$(cargo metadata --locked --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')"
deb="$target_dir/release/bundle/deb/Integration Desk_$(node -p 'require("./tauri.conf.json").version')_$(dpkg --print-architecture).deb"
bash scripts/check-deb.sh "$deb"

step "all tests passed"
