#!/usr/bin/env bash
# Builds Integration Desk (release) and opens its window. Without a display, runs it under Xvfb
# and writes a screenshot, so it can be checked on a headless machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
npm run build
cargo build --release -p integration-desk
# On the built-in demo account while nothing else is configured (IDESK_DEMO=0 turns that off).
export IDESK_DEMO="${IDESK_DEMO:-auto}"
app="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/release/integration-desk"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then exec "$app"; fi
  echo "run: no D-Bus session found; starting a private one (the keychain then lasts for this run only)" >&2
  exec dbus-run-session -- "$app"
fi

shots="target/run-artifacts"
mkdir -p "$shots"
echo "run: no display found: starting the app under Xvfb in a private D-Bus session with a throwaway," >&2
echo "run: unlocked keychain (keys saved in this run last for this run only). Stop it with Ctrl-C." >&2
export XDG_DATA_HOME="${XDG_DATA_HOME:-$(mktemp -d)}"
exec dbus-run-session -- bash -c '
  printf "idesk-run-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
    \"$0\" & app=\$!
    trap \"kill \$app 2>/dev/null\" INT TERM
    sleep 8 && import -window root \"$1/window.png\" && echo \"run: screenshot of the window: $1/window.png\" >&2
    wait \$app
  "
' "$app" "$shots"
