#!/bin/sh
# Install CSO Desk for the current user, without root: the program into
# ~/.local/lib/csodesk, the `csodesk` command into ~/.local/bin, the menu entry and the icon
# into ~/.local/share.  Run it from the unpacked folder; run it again to update.
# `./install.sh --uninstall` removes the program, never the user's data (their databases
# live in ~/.local/share/CSODesk and stay there).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
program=$HOME/.local/lib/csodesk
bin=$HOME/.local/bin
applications=$data_home/applications
icons=$data_home/icons/hicolor

remove() {
    rm -rf "$program"
    rm -f "$bin/csodesk" "$applications/csodesk.desktop" \
        "$icons/256x256/apps/csodesk.png" "$icons/scalable/apps/csodesk.svg"
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    echo "CSO Desk removed; your data in $data_home/CSODesk is kept."
    exit 0
fi

remove
mkdir -p "$program" "$bin" "$applications" "$icons/256x256/apps" "$icons/scalable/apps"
cp -R "$here/csodesk/." "$program/"
ln -s "$program/csodesk" "$bin/csodesk"
sed "s|^Exec=csodesk|Exec=$program/csodesk|; s|^TryExec=csodesk|TryExec=$program/csodesk|" \
    "$here/csodesk.desktop" >"$applications/csodesk.desktop"
cp "$here/csodesk.png" "$icons/256x256/apps/csodesk.png"
[ -f "$here/csodesk.svg" ] && cp "$here/csodesk.svg" "$icons/scalable/apps/csodesk.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true

echo "CSO Desk installed: find it in your applications menu, or run $bin/csodesk"
if command -v ldconfig >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q 'libpq\.so\.5'; then
    echo "(To work on an office's PostgreSQL server, install its client library: on Debian or"
    echo "Ubuntu, sudo apt install libpq5. Databases in files work without it.)"
fi
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "($bin is not on your PATH: add it to run \`csodesk\` from a terminal.)" ;;
esac
