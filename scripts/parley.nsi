; The Windows installer of Parley (make windows). Installs parley.exe and
; parley-cli.exe for all users under Program Files\Parley, a Start menu
; entry and an uninstaller registered in Apps & features. The uninstaller
; removes the programs, never the analyst's project file or preferences
; (Fyne keeps them in %APPDATA%\fyne\org.parley.desktop).
; 64-bit only: "Target amd64-unicode" (NSIS's 32-bit default installs
; nothing into the 64-bit Program Files under wine64 and is 32-bit on
; Windows).
Unicode true
Target amd64-unicode
!include "MUI2.nsh"
!include "x64.nsh"

Name "${NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${NAME}"
InstallDirRegKey HKLM "Software\${NAME}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\${NAME}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"

Section "Install"
  SetRegView 64
  SetOutPath "$INSTDIR"
  File "${SRC}\parley.exe"
  File "${SRC}\parley-cli.exe"
  SetOutPath "$INSTDIR\licences"
  File "${SRC}\licences\*.txt"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  SetShellVarContext all
  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\parley.exe"
  WriteRegStr HKLM "Software\${NAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINST}" "DisplayName" "${NAME}"
  WriteRegStr HKLM "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST}" "DisplayIcon" "$INSTDIR\parley.exe"
  WriteRegStr HKLM "${UNINST}" "Publisher" "${NAME}"
  WriteRegStr HKLM "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINST}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetRegView 64
  SetShellVarContext all
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$INSTDIR\parley.exe"
  Delete "$INSTDIR\parley-cli.exe"
  Delete "$INSTDIR\licences\*.txt"
  RMDir "$INSTDIR\licences"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST}"
  DeleteRegKey HKLM "Software\${NAME}"
SectionEnd
