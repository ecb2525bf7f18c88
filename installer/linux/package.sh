#!/usr/bin/env bash
# Pack the PyInstaller folder dist/csodesk into what a Linux office downloads:
#   dist/csodesk-<version>-linux-x86_64.tar.gz  the folder, csodesk.desktop, the icon and
#                                               install.sh (per-user, into ~/.local, no root)
#   dist/csodesk_<version>_amd64.deb            the same for `sudo apt install ./…deb`
#                                               (/opt/csodesk, /usr/bin/csodesk, the menu)
# Usage: installer/linux/package.sh [--no-deb] PYTHON   (after PyInstaller; PYTHON reads the
# version from pyproject.toml; --no-deb packs the .tar.gz only, as the installer test does).
set -euo pipefail

deb_wanted=yes
if [ "${1:-}" = "--no-deb" ]; then
    deb_wanted=no
    shift
fi
python=${1:-python3}
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/installer/linux
icons=$root/installer/icons
dist=$root/dist
version=$(cd "$root" && "$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
[ -x "$dist/csodesk/csodesk" ] || { echo "no bundle in $dist/csodesk: run PyInstaller first" >&2; exit 1; }

# The .tar.gz: one folder named after the release.
name=csodesk-$version-linux-x86_64
stage=$dist/$name
rm -rf "$stage" "$dist/$name.tar.gz"
mkdir -p "$stage"
cp -R "$dist/csodesk" "$stage/csodesk"
cp "$here/csodesk.desktop" "$here/install.sh" "$stage/"
cp "$icons/csodesk-256.png" "$stage/csodesk.png"
cp "$icons/csodesk.svg" "$stage/csodesk.svg"
chmod +x "$stage/install.sh"
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
rm -rf "$stage"
echo "$dist/$name.tar.gz"

# The .deb, with Debian's own tools only (dpkg-deb; --root-owner-group needs no fakeroot).
[ "$deb_wanted" = yes ] || exit 0
command -v dpkg-deb >/dev/null 2>&1 || { echo "dpkg-deb not found: no .deb built"; exit 0; }
deb=$dist/deb
rm -rf "$deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" \
    "$deb/usr/share/icons/hicolor/256x256/apps" "$deb/usr/share/icons/hicolor/scalable/apps"
cp -R "$dist/csodesk" "$deb/opt/csodesk"
ln -s /opt/csodesk/csodesk "$deb/usr/bin/csodesk"
cp "$here/csodesk.desktop" "$deb/usr/share/applications/csodesk.desktop"
cp "$icons/csodesk-256.png" "$deb/usr/share/icons/hicolor/256x256/apps/csodesk.png"
cp "$icons/csodesk.svg" "$deb/usr/share/icons/hicolor/scalable/apps/csodesk.svg"
size=$(du -sk "$deb" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/" "$here/deb-control" >"$deb/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$deb" "$dist/csodesk_${version}_amd64.deb" >/dev/null
rm -rf "$deb"
echo "$dist/csodesk_${version}_amd64.deb"
