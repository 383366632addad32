#!/usr/bin/env bash
# System packages a fresh Debian/Ubuntu machine lacks: Qt's runtime libraries (offscreen
# and X11), CJK fonts and fontconfig (fc-list tells the Word export which fonts are
# installed), LibreOffice (tests convert .docx/.xlsx to PDF), poppler (PDF text and
# pictures), Xvfb with xauth (screenshots of the real window; xvfb-run for the X11 key
# test) and Chromium (the web page is rendered and read back by the tests).  Used by
# README and .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
    libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
    libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 \
    libxcb-xinerama0 libxcb-xinput0 xvfb xauth fontconfig \
    fonts-noto-cjk fonts-wqy-microhei \
    libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils chromium >/dev/null
