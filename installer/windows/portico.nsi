; The Windows installer of the Portico desktop client (NSIS 3, Unicode).
;
; It cannot be built on this project's Linux machines: the payload, portico.exe with its Qt
; DLLs (windeployqt), comes from a Windows build with a Windows Qt toolchain (MSVC or MinGW),
; which the Debian build does not have. makensis itself runs on Linux, so the test
; package_nsis builds this script with a dummy payload to prove it compiles.
;
;   makensis -DPORTICO_VERSION=1.4.0 -DPAYLOAD_DIR=C:\build\portico-deploy ^
;            -DOUTFILE=portico-1.4.0-setup.exe installer\windows\portico.nsi
;
; PAYLOAD_DIR holds portico.exe and everything windeployqt put beside it (Qt DLLs, plugins,
; translations\portico_*.qm). Per-machine install into Program Files (needs elevation), a
; Start-menu entry, an uninstaller registered in "Apps & features". Silent install with /S is
; what the client's updater runs: `portico-1.4.0-setup.exe /S`; it closes a running Portico
; first and starts the new one afterwards when /RESTART is given.

Unicode true
!ifndef PORTICO_VERSION
  !error "define PORTICO_VERSION, e.g. -DPORTICO_VERSION=1.4.0"
!endif
!ifndef PAYLOAD_DIR
  !error "define PAYLOAD_DIR: the folder with portico.exe and its Qt DLLs"
!endif
!ifndef OUTFILE
  !define OUTFILE "portico-${PORTICO_VERSION}-setup.exe"
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

!define PRODUCT "Portico"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Portico"

Name "${PRODUCT} ${PORTICO_VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "Software\${PRODUCT}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show
VIProductVersion "${PORTICO_VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "ProductVersion" "${PORTICO_VERSION}"
VIAddVersionKey "FileVersion" "${PORTICO_VERSION}"
VIAddVersionKey "CompanyName" "Portico"
VIAddVersionKey "LegalCopyright" "Portico"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\portico.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Portico needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Portico" SecMain
  SectionIn RO
  ; A running client holds its files open: ask it to close (the updater has already saved the
  ; outbox; a silent install must not wait for a user).
  nsExec::Exec 'taskkill /IM portico.exe /T'
  Pop $0
  Sleep 1000
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\portico.exe"

  WriteRegStr HKLM "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${PORTICO_VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Portico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\portico.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  ; The updater passes /RESTART so the user is back in Portico after a silent update.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/RESTART" $R1
  ${IfNot} ${Errors}
    Exec '"$INSTDIR\portico.exe"'
  ${EndIf}
SectionEnd

Section "Uninstall"
  nsExec::Exec 'taskkill /IM portico.exe /T'
  Pop $0
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${PRODUCT}"
SectionEnd
