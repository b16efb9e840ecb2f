; Inno Setup script of WhitePhone's Windows installer (packaging/windows/README.md).
; Build (on Windows, after `pyinstaller packaging\pyinstaller\whitephone.spec` and
; `python packaging\make_icons.py`), from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\whitephone.iss
; Output: dist\WhitePhone-Setup-<version>.exe
; Installs per user by default (no administrator needed; the dialog offers "all users"), and
; registers tel:, sip:, sips: and callto: links (the same keys as url-schemes.reg) so that a
; clicked link runs `whitephone.exe call "<link>"`; Windows then lists WhitePhone under
; Settings > Apps > Default apps > "Choose defaults by link type".

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "WhitePhone"
#define AppExe "whitephone.exe"
#define Root "..\.."

[Setup]
AppId={{6C1B7C4E-2F0B-4A57-9B3E-57E6A0F1C2D7}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The WhitePhone developers
AppComments=Softphone with a built-in CRM for small businesses
LicenseFile={#Root}\LICENSE
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=WhitePhone-Setup-{#AppVersion}
SetupIconFile={#Root}\build\icons\whitephone.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "pl"; MessagesFile: "compiler:Languages\Polish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "urlhandlers"; Description: "Open tel:, sip: and callto: links with WhitePhone"; GroupDescription: "Links:"

[Files]
; the PyInstaller one-folder bundle (never stripped or UPX-packed: see the spec)
Source: "{#Root}\dist\whitephone\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA: HKCU for a per-user install, HKLM for all users. One block per scheme.
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueData: "URL:Telephone call"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\tel\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" call ""%1"""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueData: "URL:SIP call"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sip\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" call ""%1"""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sips"; ValueType: string; ValueData: "URL:Secure SIP call"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sips"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sips\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\sips\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" call ""%1"""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueData: "URL:Callto link"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\callto\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: urlhandlers
Root: HKA; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" call ""%1"""; Tasks: urlhandlers
; "Default apps": WhitePhone's capabilities and its URL class
Root: HKA; Subkey: "Software\Classes\WhitePhone.Url"; ValueType: string; ValueData: "WhitePhone link"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\WhitePhone.Url\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\WhitePhone.Url\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" call ""%1"""
Root: HKA; Subkey: "Software\WhitePhone\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\WhitePhone\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Softphone and CRM"
Root: HKA; Subkey: "Software\WhitePhone\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "WhitePhone.Url"
Root: HKA; Subkey: "Software\WhitePhone\Capabilities\URLAssociations"; ValueType: string; ValueName: "sip"; ValueData: "WhitePhone.Url"
Root: HKA; Subkey: "Software\WhitePhone\Capabilities\URLAssociations"; ValueType: string; ValueName: "sips"; ValueData: "WhitePhone.Url"
Root: HKA; Subkey: "Software\WhitePhone\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "WhitePhone.Url"
Root: HKA; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "WhitePhone"; ValueData: "Software\WhitePhone\Capabilities"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; the running app holds its files: ask it to quit first (it ends its calls cleanly)
Filename: "{sys}\taskkill.exe"; Parameters: "/IM {#AppExe}"; Flags: runhidden; RunOnceId: "StopWhitePhone"
