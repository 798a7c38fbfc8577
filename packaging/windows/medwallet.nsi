; NSIS script of the Medwallet Windows installer (per-machine, with uninstaller).
Unicode true
!include "MUI2.nsh"
Name "Medwallet ${VERSION}"
OutFile "${OUT}"
InstallDir "$PROGRAMFILES64\Medwallet"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Medwallet"
  SetOutPath "$INSTDIR"
  File /r "${SRC}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateDirectory "$SMPROGRAMS\Medwallet"
  CreateShortcut "$SMPROGRAMS\Medwallet\Medwallet.lnk" "$INSTDIR\medwallet.exe"
  CreateShortcut "$SMPROGRAMS\Medwallet\Uninstall Medwallet.lnk" "$INSTDIR\Uninstall.exe"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\Medwallet" "DisplayName" "Medwallet"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\Medwallet" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\Medwallet" "UninstallString" "$INSTDIR\Uninstall.exe"
SectionEnd

Section "Uninstall"
  RMDir /r "$SMPROGRAMS\Medwallet"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\Medwallet"
SectionEnd
