#!/usr/bin/env bash
# Runs every test: formatting, lints, Rust tests, UI type check/lint/unit tests, the Tauri-free check
# of the core crates, then the end-to-end test of the real app window (Xvfb + WebDriver) inside a
# private D-Bus session with a throwaway unlocked gnome-keyring.
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
npm run build # ui/dist is embedded by the app build below

step "cargo clippy (whole workspace, all targets)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "Rust tests (the end-to-end crate runs later, under Xvfb)"
cargo test --locked --workspace --exclude idesk-e2e

step "generated TypeScript bindings match the Rust types"
if git rev-parse --git-dir >/dev/null 2>&1; then
  drift="$(git status --porcelain -- ui/src/ipc/bindings)"
  if [ -n "$drift" ]; then
    echo "ui/src/ipc/bindings differs from what the Rust types generate; commit the regenerated files:" >&2
    echo "$drift" >&2
    git --no-pager diff -- ui/src/ipc/bindings >&2
    exit 1
  fi
else
  echo "not a git checkout: drift check skipped" >&2
fi

step "core crates do not depend on Tauri"
for crate in idesk-core idesk-rules idesk-sim idesk-cli; do
  if cargo tree --locked -p "$crate" -e normal,build --prefix none | grep -E '^tauri([-_][a-z-]+)? v' >/dev/null; then
    echo "$crate depends on Tauri:" >&2
    cargo tree -p "$crate" -i tauri >&2 || true
    exit 1
  fi
done
echo "ok: idesk-core, idesk-rules, idesk-sim and idesk-cli are Tauri-free"

step "build the app (debug)"
cargo build --locked -p integration-desk

step "end-to-end: the real app window under Xvfb over WebDriver"
export XDG_DATA_HOME="$(mktemp -d)" # a fresh keyring folder: a reused one may be locked with another password
dbus-run-session -- bash -c '
  set -euo pipefail
  printf "idesk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked -p idesk-e2e -- --test-threads=1
'
leftovers="$(ps -eo stat=,comm= | awk '"'"'$1 !~ /^Z/ && ($2 ~ /^(WebKitWebDriver|tauri-driver|integration-des)/)'"'"' || true)"
if [ -n "$leftovers" ]; then
  echo "processes outlived the end-to-end run:" >&2
  echo "$leftovers" >&2
  exit 1
fi
echo "screenshots: target/e2e-artifacts/"

step "all tests passed"
