#!/usr/bin/env bash
# The part of scripts/test.sh that needs a session bus and an unlocked keychain. Run by test.sh
# inside `dbus-run-session`; not meant to be called on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "==> $* ($(date +%T))"; }

# gnome-keyring needs a non-empty password to create a usable collection.
printf 'idesk-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

step "Rust tests (the end-to-end crate runs last, under Xvfb)"
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
  echo "ok"
else
  echo "not a git checkout: drift check skipped" >&2
fi

step "build the app (debug)"
cargo build --locked -p integration-desk

step "end-to-end: the real app window under Xvfb over WebDriver"
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked -p idesk-e2e -- --test-threads=1
echo "screenshots: target/e2e-artifacts/"
