#!/usr/bin/env bash
# Installs what building, running and testing Integration Desk needs and is missing:
# Debian/Ubuntu packages (WebKitGTK, Xvfb, WebKitWebDriver, D-Bus, gnome-keyring, desktop-file-utils)
# and npm packages.
# Crates are fetched by cargo itself. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # build: Tauri on Linux
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev file
  # run without a desktop, end-to-end tests, screenshots
  xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick
  # the Secret Service client library (keyring crate) at build time
  libdbus-1-dev
  # keychain: the Secret Service (gnome-keyring) and its command-line client
  gnome-keyring libsecret-tools
  # the .deb check (scripts/check-deb.sh): desktop-file-validate
  desktop-file-utils
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} system packages: ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

need() { command -v "$1" >/dev/null || { echo "setup: '$1' is missing. $2" >&2; exit 1; }; }
need cargo "Install the Rust toolchain (https://rustup.rs), then run this again."
need node "Install Node.js 20.19 or newer (with npm), then run this again."
need npm "Install npm (it comes with Node.js), then run this again."

# `npm install`, not `npm ci`: npm 11 rejects its own lockfile in `ci` (optional platform packages);
# `install` keeps the committed lockfile unchanged.
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
