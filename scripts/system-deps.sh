#!/usr/bin/env bash
# Install the Debian packages that Qt (offscreen and on X/Xvfb), Graphviz and Korean text need,
# when they are missing and we can (apt-get present, running as root). Elsewhere, say what to do.
set -euo pipefail

packages=(
  # Qt needs these even offscreen
  libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  # and these on a real X display (Xvfb included)
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0
  # Graphviz's dot renders diagrams-package scripts; Noto CJK draws Korean text
  graphviz fonts-noto-cjk
  # a virtual screen for `make run` on a machine without a display, and screenshots
  xvfb xauth
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian system; make sure Qt's libraries, Graphviz and a CJK font are installed" >&2
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
fi
