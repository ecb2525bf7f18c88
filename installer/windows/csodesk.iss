; Inno Setup 6 script of CSO Desk's Windows installer: a per-user install (no administrator
; rights) of the PyInstaller folder dist\csodesk, with a start-menu shortcut, an optional
; desktop shortcut, and the installer's texts in English, Albanian and Serbian (Cyrillic and
; Latin).  Build it on Windows after PyInstaller (installer\README.md):
;
;   installer\windows\fetch-languages.ps1
;   ISCC /DAppVersion=0.1.0 installer\windows\csodesk.iss
;
; /DAppVersion is required: the build passes the version it read from pyproject.toml, the
; one place it is written.  /DAppName (default "CSO Desk") and /DBundleDir (default
; ..\..\dist\csodesk, relative to this file) may be passed too.  The installer is written
; to dist\csodesk-<version>-windows-x64-setup.exe.
;
; (Saved as UTF-8 with a byte-order mark, which every Inno Setup 6 reads as UTF-8; the
; Albanian messages need Inno Setup 6.4 or later.)

#ifndef AppVersion
  #error Pass the version from pyproject.toml: ISCC /DAppVersion=X.Y.Z installer\windows\csodesk.iss
#endif
#ifndef AppName
  #define AppName "CSO Desk"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\csodesk"
#endif
#define AppExe "csodesk.exe"

[Setup]
; The AppId ties upgrades and the uninstaller to earlier installs: never change it.
AppId={{6C1E9A4B-3F0D-4E8A-9B52-C5D7A2E41F63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CSO Desk developers
; Per user, without administrator rights: {autopf} is then {userpf}, that is
; %LOCALAPPDATA%\Programs, and {autoprograms} and {autodesktop} the user's own start menu
; and desktop.  No dialog offers an install for all users.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=csodesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\csodesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Setup asks a running CSO Desk to close before replacing its files.
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
; Albanian and Serbian are Inno Setup's unofficial translations, fetched into languages\
; by fetch-languages.ps1 (origin and licence: languages\README.md).
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "sq"; MessagesFile: "languages\Albanian.isl"
Name: "sr"; MessagesFile: "languages\SerbianCyrillic.isl"
Name: "sr_Latn"; MessagesFile: "languages\SerbianLatin.isl"

[CustomMessages]
en.AppComment=Projects, grants, activities, results and donor reports of civil-society organisations
sq.AppComment=Projektet, grantet, aktivitetet, rezultatet dhe raportet për donatorët e organizatave të shoqërisë civile
sr.AppComment=Пројекти, грантови, активности, резултати и извештаји за донаторе организација цивилног друштва
sr_Latn.AppComment=Projekti, grantovi, aktivnosti, rezultati i izveštaji za donatore organizacija civilnog društva
en.ShortcutsGroup=Shortcuts:
sq.ShortcutsGroup=Shkurtoret:
sr.ShortcutsGroup=Пречице:
sr_Latn.ShortcutsGroup=Prečice:
en.DesktopShortcut=Put a CSO Desk shortcut on the &desktop
sq.DesktopShortcut=Vendos një shkurtore të CSO Desk në &tryezë
sr.DesktopShortcut=Постави пречицу за CSO Desk на &радну површину
sr_Latn.DesktopShortcut=Postavi prečicu za CSO Desk na &radnu površinu
en.StartApp=Start CSO Desk now
sq.StartApp=Hap CSO Desk tani
sr.StartApp=Покрени CSO Desk сада
sr_Latn.StartApp=Pokreni CSO Desk sada
en.DataKept=Your CSO Desk databases and backups are kept in %1. Remove that folder yourself if you no longer need them.
sq.DataKept=Bazat e të dhënave dhe kopjet rezervë të CSO Desk mbeten në %1. Fshijeni vetë atë dosje nëse nuk ju duhen më.
sr.DataKept=Ваше базе података и резервне копије програма CSO Desk остају у %1. Сами обришите ту фасциклу ако вам више нису потребне.
sr_Latn.DataKept=Vaše baze podataka i rezervne kopije programa CSO Desk ostaju u %1. Sami obrišite tu fasciklu ako vam više nisu potrebne.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: csodesk.exe (windowed), csodesk-cli.exe (its console twin,
; for --self-test and the commands) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program's own folder (files a later version may have left there).  NEVER the
; user's data: the databases, their automatic backups and the settings live in the user's
; data folder, %LOCALAPPDATA%\CSODesk (platformdirs' user_data_path("CSODesk"),
; desktop/store/location.py), and Qt's settings in the user's registry; the uninstaller
; touches neither, so reinstalling finds everything as it was.
Type: filesandordirs; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  { Say where the kept data are, once the program is removed (not in silent uninstalls). }
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\CSODesk');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
