# Fetch Inno Setup's unofficial Albanian and Serbian messages into installer\windows\languages\
# (csodesk.iss reads them from there).  Origin and licence: languages\README.md.
# Run from the repository root:  powershell -ExecutionPolicy Bypass -File installer\windows\fetch-languages.ps1
$ErrorActionPreference = "Stop"
$base = "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial"
$target = Join-Path $PSScriptRoot "languages"
foreach ($name in "Albanian.isl", "SerbianCyrillic.isl", "SerbianLatin.isl") {
    # The files are in their code page (1252, 1251, 1250), not UTF-8: saved byte for byte.
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$name" -OutFile (Join-Path $target $name)
    Write-Output "installer\windows\languages\$name"
}
