#!/usr/bin/env bash
# Debian packages the Windows-installer build and its Wine test need (run as root or with sudo):
#   nsis                           makensis 3.08 with the amd64-unicode stubs (the build)
#   wine wine64                    Wine 8.0, 64-bit only (the test; 32-bit installers would not run)
#   xvfb                           a display for Wine
#   imagemagick                    `import -window root` screenshots, `identify`
#   gcc-mingw-w64-x86-64-win32     compiles the test-only icuuc.dll/mscms.dll stand-ins
#   bsdutils                       `script`, which gives Python under Wine a terminal
#   fonts-noto-cjk                 Chinese glyphs (Wine renders with the host's fonts)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
start=$(date +%s)
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
    nsis wine wine64 xvfb imagemagick gcc-mingw-w64-x86-64-win32 bsdutils fonts-noto-cjk >/dev/null
echo "installer tools: makensis $(makensis -VERSION), $(wine --version 2>/dev/null), in $(( $(date +%s) - start )) s"
