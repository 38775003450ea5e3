#!/bin/sh
# make windows: cross-builds dist/parley.exe (GUI, no console window) and
# dist/parley-cli.exe for Windows amd64 with the icon and FyneApp.toml's
# name, version and ID in their resources, then packages them as
# dist/parley-VERSION-windows-amd64.zip and an NSIS installer
# dist/parley-VERSION-setup.exe. Needs gcc-mingw-w64-x86-64 (windres, the
# linker and the Windows headers), clang, imagemagick, zip and nsis.
# go-sqlite3 compiles its bundled SQLite (no libsqlite3 tag: there is no
# system SQLite to link on Windows).
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
toml() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" FyneApp.toml | head -1; }
NAME=$(toml Name); VERSION=$(toml Version); BUILD=$(toml Build); ID=$(toml ID)
IFS=. read -r V1 V2 V3 <<EOV
$VERSION
EOV
OUT=dist; TMP=$OUT/build
mkdir -p "$TMP"

# The icon at the sizes Explorer asks for, and the resources: icon,
# version information and a manifest (per-monitor DPI aware, so Windows does
# not blur the window at 150 %; common controls 6 for the file dialogs).
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$TMP/parley.ico"
cat >"$TMP/parley.manifest" <<EOM
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="$ID" version="$V1.$V2.$V3.$BUILD"/>
  <dependency><dependentAssembly>
    <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0"
      processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
  </dependentAssembly></dependency>
  <application xmlns="urn:schemas-microsoft-com:asm.v3"><windowsSettings>
    <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
    <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">permonitorv2</dpiAwareness>
  </windowsSettings></application>
</assembly>
EOM
rc() { # rc FILE DESCRIPTION ORIGINALNAME
	cat >"$1" <<EOR
#include <winver.h>
1 ICON "parley.ico"
1 24 "parley.manifest"
1 VERSIONINFO
FILEVERSION $V1,$V2,$V3,$BUILD
PRODUCTVERSION $V1,$V2,$V3,$BUILD
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "$ID"
      VALUE "FileDescription", "$2"
      VALUE "FileVersion", "$VERSION.$BUILD"
      VALUE "InternalName", "$3"
      VALUE "OriginalFilename", "$3"
      VALUE "ProductName", "$NAME"
      VALUE "ProductVersion", "$VERSION"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
EOR
}
rc "$TMP/app.rc" "$NAME: negotiation forecasting workbench" parley.exe
rc "$TMP/cli.rc" "$NAME command line" parley-cli.exe
(cd "$TMP" && x86_64-w64-mingw32-windres -O coff -i app.rc -o app.syso && x86_64-w64-mingw32-windres -O coff -i cli.rc -o cli.syso)

# The .syso files are linked in only for GOOS=windows; they are removed
# again so the tree stays as checked out.
trap 'rm -f "$ROOT/rsrc_windows_amd64.syso" "$ROOT/cmd/parley-cli/rsrc_windows_amd64.syso"' EXIT
cp "$TMP/app.syso" rsrc_windows_amd64.syso
cp "$TMP/cli.syso" cmd/parley-cli/rsrc_windows_amd64.syso

export GOOS=windows GOARCH=amd64 CGO_ENABLED=1 GOFLAGS= CC="$ROOT/scripts/mingw-clang"
GO=${GO:-go}
t0=$(date +%s)
$GO build -ldflags "-H=windowsgui -s -w" -o "$OUT/parley.exe" .
t1=$(date +%s)
$GO build -ldflags "-s -w" -o "$OUT/parley-cli.exe" ./cmd/parley-cli
t2=$(date +%s)
echo "built $OUT/parley.exe in $((t1 - t0)) s, $OUT/parley-cli.exe in $((t2 - t1)) s"

# The zip: both programs and the fonts' licences.
PKG=parley-$VERSION-windows-amd64
rm -rf "$TMP/$PKG" "$OUT/$PKG.zip"
mkdir -p "$TMP/$PKG/licences"
cp "$OUT/parley.exe" "$OUT/parley-cli.exe" "$TMP/$PKG/"
cp assets/fonts/OFL.txt assets/fonts/LICENSE-Apache-2.0.txt "$TMP/$PKG/licences/"
(cd "$TMP" && zip -qr9 "$ROOT/$OUT/$PKG.zip" "$PKG")

# The installer.
makensis -V2 -DVERSION="$VERSION" -DBUILD="$BUILD" -DNAME="$NAME" -DSRC="$ROOT/$TMP/$PKG" \
	-DICON="$ROOT/$TMP/parley.ico" -DOUTFILE="$ROOT/$OUT/parley-$VERSION-setup.exe" scripts/parley.nsi
ls -l "$OUT/parley.exe" "$OUT/parley-cli.exe" "$OUT/$PKG.zip" "$OUT/parley-$VERSION-setup.exe"
