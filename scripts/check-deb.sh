#!/usr/bin/env bash
# Checks the app's .deb the way a user's system would see it once installed: unpacks it into a
# throwaway root (`dpkg -x`, no root rights, nothing installed) and checks the control fields, the
# binary, the desktop entry (desktop-file-validate), its icon in every hicolor size the Tauri CLI
# makes (`tauri icon`: 32, 64, 128, 256, 512 px), and the name and description in en, de, fr, it,
# which must read as the UI's own (`app.name`, `app.description` in ui/src/i18n/locales/*.json).
#
# Usage: scripts/check-deb.sh PATH.deb   (test.sh calls it right after `npm run tauri build`)
# Exits 1 naming every check that failed.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 PATH.deb" >&2; exit 2; }
deb="$(realpath -e -- "$1" 2>/dev/null)" || { echo "check-deb: no such file: $1" >&2; exit 1; }
cd "$(dirname "$0")/.."

BIN_NAME=integration-desk
ICON_SIZES=(32 64 128 256 512)
LANGS=(en de fr it)

failures=0
ok() { echo "  ok: $*"; }
fail() { echo "  FAILED: $*" >&2; failures=$((failures + 1)); }

# What the UI calls the app in language $1: `app.<$2>` of its locale file.
ui_text() { node -p "require('./ui/src/i18n/locales/$1.json').app.$2"; }

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
echo "check-deb: $deb"

# --- control fields -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null || true; }
arch="$(dpkg --print-architecture)"
[ "$(field Package)" = "$BIN_NAME" ] && ok "Package: $BIN_NAME" ||
  fail "control field Package is '$(field Package)', expected '$BIN_NAME'"
[ "$(field Architecture)" = "$arch" ] && ok "Architecture: $arch" ||
  fail "control field Architecture is '$(field Architecture)', expected this machine's '$arch'"
version="$(node -p "require('./tauri.conf.json').version")"
[ "$(field Version)" = "$version" ] && ok "Version: $version" ||
  fail "control field Version is '$(field Version)', expected '$version' (tauri.conf.json)"
synopsis="$(field Description | head -n1)"
[ "$synopsis" = "$(ui_text en description)" ] && ok "Description: $synopsis" ||
  fail "control field Description starts '$synopsis', expected the UI's app.description '$(ui_text en description)' (bundle.shortDescription in tauri.conf.json)"

dpkg -x "$deb" "$root" || { fail "dpkg -x could not unpack the package"; exit 1; }

# --- the binary ---------------------------------------------------------------------------------
bin="$root/usr/bin/$BIN_NAME"
# `file`'s name for the ELF machine of each Debian architecture the app may be built for.
case "$arch" in
  amd64) machine="x86-64" ;;
  arm64) machine="ARM aarch64" ;;
  i386) machine="Intel 80386" ;;
  armhf) machine="ARM, EABI5" ;;
  riscv64) machine="RISC-V" ;;
  *) machine="" ;;
esac
if [ ! -f "$bin" ]; then
  fail "the binary /usr/bin/$BIN_NAME is missing"
elif [ ! -x "$bin" ]; then
  fail "/usr/bin/$BIN_NAME is not executable (mode $(stat -c %a "$bin"))"
else
  kind="$(file -b "$bin")"
  if [[ "$kind" != ELF* ]]; then
    fail "/usr/bin/$BIN_NAME is not an ELF binary: $kind"
  elif [ -n "$machine" ] && [[ "$kind" != *"$machine"* ]]; then
    fail "/usr/bin/$BIN_NAME is not built for $arch ($machine): $kind"
  else
    ok "/usr/bin/$BIN_NAME: executable, ${kind%%,*} for $arch"
  fi
  missing_libs="$(ldd "$bin" 2>&1 | grep 'not found' || true)"
  [ -z "$missing_libs" ] && ok "every shared library it links resolves on this system" ||
    fail "/usr/bin/$BIN_NAME links libraries this system lacks: $missing_libs"
fi

# --- the desktop entry --------------------------------------------------------------------------
mapfile -t desktops < <(find "$root/usr/share/applications" -name '*.desktop' 2>/dev/null)
if [ ${#desktops[@]} -ne 1 ]; then
  fail "expected one desktop entry in /usr/share/applications, found ${#desktops[@]}"
  echo "check-deb: $failures check(s) failed" >&2
  exit 1
fi
desktop="${desktops[0]}"
shown="${desktop#"$root"}"
# desktop-file-validate exits 0 on warnings; a warning is a defect here too (hints are not).
validation="$(desktop-file-validate "$desktop" 2>&1)" && ! grep -qE 'error:|warning:' <<<"$validation" &&
  ok "desktop-file-validate $shown" ||
  fail "desktop-file-validate $shown: $validation"

# The value of key $1 in the [Desktop Entry] group (empty when absent).
entry() {
  awk -v key="$1" '
    /^\[/ { in_entry = ($0 == "[Desktop Entry]"); next }
    in_entry && index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }
  ' "$desktop"
}

exec_line="$(entry Exec)"
exec_bin="${exec_line%% *}"
[ "$exec_bin" = "$BIN_NAME" ] || [ "$exec_bin" = "/usr/bin/$BIN_NAME" ] &&
  ok "Exec=$exec_line starts the packaged binary" ||
  fail "Exec=$exec_line does not start /usr/bin/$BIN_NAME"
# GTK names the window's WM_CLASS after the program, so docks match the window to this entry.
[ "$(entry StartupWMClass)" = "$BIN_NAME" ] && ok "StartupWMClass=$BIN_NAME" ||
  fail "StartupWMClass is '$(entry StartupWMClass)', expected '$BIN_NAME' (the window's WM_CLASS)"
[ -n "$(entry Categories)" ] && ok "Categories=$(entry Categories)" || fail "Categories is missing"
[ "$(entry Terminal)" = "false" ] && ok "Terminal=false" || fail "Terminal is '$(entry Terminal)', expected 'false'"

for lang in "${LANGS[@]}"; do
  suffix=""
  [ "$lang" = en ] || suffix="[$lang]"
  for pair in "Name:name" "Comment:description"; do
    key="${pair%%:*}$suffix"
    want="$(ui_text "$lang" "${pair#*:}")"
    got="$(entry "$key")"
    if [ -z "$got" ]; then
      fail "$key is missing from the desktop entry"
    elif [ "$got" != "$want" ]; then
      fail "$key=$got differs from the UI's app.${pair#*:} in $lang.json: $want"
    else
      ok "$key=$got"
    fi
  done
done

# --- icons --------------------------------------------------------------------------------------
icon="$(entry Icon)"
hicolor="$root/usr/share/icons/hicolor"
if [ -z "$icon" ]; then
  fail "the desktop entry has no Icon"
elif [[ "$icon" == */* ]]; then
  fail "Icon=$icon is a path; a themed icon name lets the desktop pick the size it needs"
else
  for size in "${ICON_SIZES[@]}"; do
    png="$hicolor/${size}x${size}/apps/$icon.png"
    [ -f "$png" ] && ok "Icon=$icon resolves at ${size}x${size}" ||
      fail "Icon=$icon has no ${size}x${size} PNG (/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png)"
  done
fi
# Every PNG must have the pixel size its folder promises: NxN holds N px, NxN@S holds N*S px
# (the icon theme spec's Size and Scale; a wrong one is drawn blurred or at the wrong size).
while IFS= read -r png; do
  folder="${png#"$hicolor/"}"
  folder="${folder%%/*}"
  if [[ "$folder" =~ ^([0-9]+)x([0-9]+)(@([0-9]+))?$ ]]; then
    scale="${BASH_REMATCH[4]:-1}"
    want="$((BASH_REMATCH[1] * scale))x$((BASH_REMATCH[2] * scale))"
    got="$(identify -format '%m %wx%h' "$png" 2>/dev/null || echo unreadable)"
    [ "$got" = "PNG $want" ] && ok "${png#"$root"}: $want" ||
      fail "${png#"$root"} is '$got', but its folder $folder holds PNG $want"
  else
    fail "${png#"$root"} lies in $folder, which is not a hicolor size folder"
  fi
done < <(find "$hicolor" -name '*.png' 2>/dev/null | sort)

if [ "$failures" -gt 0 ]; then
  echo "check-deb: $failures check(s) failed for $deb" >&2
  exit 1
fi
echo "check-deb: all checks passed"
