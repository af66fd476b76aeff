; Inno Setup 6 script for the okudesk installer.
;
; build_installer.py runs it after the self-tested PyInstaller build:
;   iscc /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 /DSourceDir=<repo>\dist\okudesk
;        /DOutputDir=<repo>\dist /DRepoRoot=<repo> packaging\okudesk.iss
;
; - installs per user (no administrator rights, the default) or for all users of the
;   laptop (the wizard asks; or /ALLUSERS, /CURRENTUSER on the command line);
; - Start-menu shortcut, and a desktop shortcut (a task, on by default);
; - an update installs over the previous version: the old program files are removed first,
;   so no stale file (e.g. an old migration script) survives;
; - the user's data folder (%LOCALAPPDATA%\PolresOKU\okudesk: database, photos, backups,
;   keys) is never written by the installer and never removed by the uninstaller. okudesk
;   migrates the database at its next start, after a backup into backups\.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=x.y.z (build_installer.py does)
#endif
#ifndef FileVersion
  #define FileVersion AppVersion
#endif
#ifndef RepoRoot
  #define RepoRoot AddBackslash(SourcePath) + ".."
#endif
#ifndef SourceDir
  #define SourceDir RepoRoot + "\dist\okudesk"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif
; Indonesian ships in Inno Setup's "Unofficial" translations, which its installer does not
; install: okudesk keeps its own copy, matching the pinned Inno Setup version (see
; packaging/README-Indonesian.md), and the build fails without it.
#define IndonesianIsl RepoRoot + "\packaging\Indonesian.isl"
#if !FileExists(IndonesianIsl)
  #error packaging\Indonesian.isl is missing: the installer must speak Indonesian
#endif
; The named mutex every okudesk process holds (okudesk/core/folderlock.py, APP_ID): setup
; and uninstall ask to close okudesk while one runs in this Windows session (okudesk creates
; only the session's name; the Global\ one is for a later version: docs/windows.md).
#define AppMutexName "okudesk-PolresOKU"

[Setup]
; AppId identifies okudesk across versions: never change it, or updates install beside
; the old version instead of over it.
AppId={{6F0C2B6E-2F4A-4C1B-9E0D-5B1A0D7C4E21}
AppName=okudesk
AppVersion={#AppVersion}
AppVerName=okudesk {#AppVersion}
AppPublisher=Polres Ogan Komering Ulu
VersionInfoVersion={#FileVersion}
VersionInfoProductName=okudesk
DefaultDirName={autopf}\okudesk
DefaultGroupName=okudesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=okudesk-setup-{#AppVersion}
SetupIconFile={#RepoRoot}\resources\icons\okudesk.ico
UninstallDisplayIcon={app}\okudesk.exe
UninstallDisplayName=okudesk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
AppMutex={#AppMutexName},Global\{#AppMutexName}
#ifdef Sign
; build_installer.py passes /Sokudesk=<signtool command> and /DSign=1 when it signs: the
; uninstaller Inno Setup writes at install time is signed too
SignTool=okudesk
SignedUninstaller=yes
#endif

[Languages]
; Indonesian first: the language when Windows' own is neither
Name: "id"; MessagesFile: "{#IndonesianIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.DataKept=okudesk was removed. Your data (database, photos, backups, keys) was kept in %1. Delete that folder yourself only if you no longer need the data.
id.DataKept=okudesk telah dihapus. Data Anda (basis data, foto, cadangan, kunci) tetap tersimpan di %1. Hapus folder itu sendiri hanya bila datanya tidak diperlukan lagi.
en.DataKeptAllUsers=okudesk was removed. Each Windows user's data (database, photos, backups, keys) was kept in their own folder C:\Users\<name>\AppData\Local\PolresOKU\okudesk. Delete those folders only if the data is no longer needed.
id.DataKeptAllUsers=okudesk telah dihapus. Data setiap pengguna Windows (basis data, foto, cadangan, kunci) tetap tersimpan di folder masing-masing, C:\Users\<nama>\AppData\Local\PolresOKU\okudesk. Hapus folder itu hanya bila datanya tidak diperlukan lagi.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; the previous version's program files (never the data folder, which is elsewhere)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\okudesk"; Filename: "{app}\okudesk.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\okudesk"; Filename: "{app}\okudesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\okudesk.exe"; Description: "{cm:LaunchProgram,okudesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what okudesk itself may leave in its program folder; the data folder stays
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
  begin
    if IsAdminInstallMode() then
      // installed for all users: the local app data folder would be the elevating
      // administrator's, not that of the people who use okudesk
      MsgBox(CustomMessage('DataKeptAllUsers'), mbInformation, MB_OK)
    else
    begin
      DataDir := ExpandConstant('{localappdata}\PolresOKU\okudesk');
      if DirExists(DataDir) then
        MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
    end;
  end;
end;
