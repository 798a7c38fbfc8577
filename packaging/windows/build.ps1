# Build the Windows installer: freeze with PyInstaller, then wrap with NSIS.
param([string]$Profile = "")
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
$env:SOURCE_DATE_EPOCH = (git -C $root log -1 --format=%ct)
$env:PYTHONHASHSEED = "0"
if ($Profile) { $env:MWPACK_PROFILE = (Resolve-Path $Profile) }
& "$root\.venv\Scripts\python.exe" -m PyInstaller --noconfirm --distpath "$root\dist\win" "$root\packaging\medwallet.spec"
Copy-Item "$root\dist\win\medwallet\medwallet.exe" "$root\dist\win\medwallet\medwallet-node.exe"
$version = & "$root\.venv\Scripts\python.exe" -c "import wallet; print(wallet.__version__)"
makensis /DVERSION=$version /DSRC="$root\dist\win\medwallet" /DOUT="$root\dist\medwallet-$version-setup.exe" "$PSScriptRoot\medwallet.nsi"
Get-FileHash "$root\dist\medwallet-$version-setup.exe" -Algorithm SHA256 | Format-List
