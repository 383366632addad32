; 政务公开年报助手 — per-user 64-bit installer (no administrator rights).
;
; Built by installer/build.py, which stages the program into a folder and writes
; build/installer/defines.nsh (version, paths, sizes); do not run makensis on this file by
; hand without those defines.  Layout of the installed folder ($INSTDIR, by default
; %LOCALAPPDATA%\Programs\report-desktop):
;   python\              embeddable CPython 3.13 (python313._pth puts ..\lib on the path)
;   lib\                 the program (report_desktop) and its packages (PySide6, docx, ...)
;   samples\             the sample report used by --smoke
;   report-desktop.pyw   the windowed launcher the shortcuts run with python\pythonw.exe
;   report-desktop.ico   the icon
;   uninstall.exe
; The clerk's data is NOT here: it lives in %LOCALAPPDATA%\report-desktop and is never
; touched by the installer or the uninstaller.

Unicode true
Target amd64-unicode
!include "${DEFINES}"

SetCompressor /SOLID ${COMPRESSOR}
!if "${COMPRESSOR}" == "lzma"
  SetCompressorDictSize 32
!endif

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define LAUNCHER "report-desktop.pyw"

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
UninstallCaption "${APP_NAME}卸载"
OutFile "${OUTFILE}"
RequestExecutionLevel user
; An ASCII folder name: Wine (and Windows set to a non-Chinese "language for non-Unicode
; programs") writes a shortcut's ANSI target path as "????" for Chinese folder names.
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ManifestDPIAware true
ManifestSupportedOS Win10
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APP_NAME} ${VERSION}"
SetDateSave on
SetOverwrite on

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "OriginalFilename" "${OUTFILE_NAME}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把${APP_NAME}安装到您的用户文件夹中，不需要管理员权限。$\r$\n$\r$\n适用于 Windows 10/11（64 位）。如果电脑上已安装旧版本，将直接升级，已填写的报告数据不受影响。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "立即运行${APP_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchProgram
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从您的电脑上卸载${APP_NAME}（程序文件、开始菜单和桌面快捷方式）。$\r$\n$\r$\n您的报告数据保存在“$LOCALAPPDATA\${DATA_DIR}”中，卸载时不会删除，重新安装后可继续使用。如确实不再需要，可在卸载后手动删除该文件夹。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; --- shared: refuse to touch files while the program runs -------------------------------
; The bundled python3XY.dll is loaded by every running copy of the program; while it is, Windows
; refuses to delete it.  (Renaming would succeed, so deleting is the test.)
!macro WAIT_UNTIL_CLOSED
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\python\${PY_DLL}"
      ${Break}
    ${EndIf}
    Delete "$INSTDIR\python\${PY_DLL}"
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME}正在运行。$\r$\n请先关闭所有${APP_NAME}窗口，再点击“重试”。" /SD IDCANCEL IDRETRY +2
    Abort "${APP_NAME}正在运行，未做任何修改。"
  ${Loop}
!macroend

; Remove exactly what an install put here (never RMDir /r "$INSTDIR": the folder may have
; been chosen by hand and contain other files).
!macro REMOVE_PROGRAM_FILES
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\samples"
  Delete "$INSTDIR\${LAUNCHER}"
  Delete "$INSTDIR\report-desktop.ico"
!macroend

Function LaunchProgram
  SetOutPath "$INSTDIR"
  Exec '"$INSTDIR\python\pythonw.exe" "$INSTDIR\${LAUNCHER}"'
FunctionEnd

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; Upgrade in place: the old program files go first, so nothing stale survives.
  !insertmacro WAIT_UNTIL_CLOSED
  !insertmacro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\uninstall.exe"

  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  SetOutPath "$INSTDIR"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\python\pythonw.exe" '"$INSTDIR\${LAUNCHER}"' "$INSTDIR\report-desktop.ico" 0 SW_SHOWNORMAL "" "${APP_NAME}：政府信息公开工作年度报告"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\python\pythonw.exe" '"$INSTDIR\${LAUNCHER}"' "$INSTDIR\report-desktop.ico" 0 SW_SHOWNORMAL "" "${APP_NAME}：政府信息公开工作年度报告"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\report-desktop.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${ESTIMATED_SIZE_KB}
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  !insertmacro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; %LOCALAPPDATA%\${DATA_DIR} (reports, backups, logs) is kept on purpose.
SectionEnd
