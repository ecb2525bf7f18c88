#!/usr/bin/env bash
# The Debian packages CSO Desk needs beyond Python: Qt's runtime libraries (offscreen and
# X11), a font, GNU gettext for checking catalogs, and poppler for reading PDFs back.
# Installs only what is missing, and only when it can (as root with apt-get); otherwise it
# names what is missing and leaves the decision to the user.
set -euo pipefail

packages=(
    libegl1 libgl1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 fonts-dejavu-core
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
    gettext poppler-utils
)

command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "CSO Desk needs these system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
fi
