#!/usr/bin/env bash
# Installs what inspectkg needs outside Python, when it is missing:
#   Java (the HermiT reasoner run by owlready2), Chromium (browser tests), Node.js and npm
#   (scripts/frontend.sh installs the explorer's browser libraries with them) and the
#   Virtuoso server binaries, virtuoso-t and isql-vt (the remote-store tests start their
#   own server on loopback; the package starts no service).  INSPECTKG_VIRTUOSO_TESTS=0 skips it.
# Uses Debian packages; needs root (as on CI) or sudo.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ "${INSPECTKG_BROWSER_TESTS:-1}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ "${INSPECTKG_VIRTUOSO_TESTS:-1}" = "1" ]; then
  command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || need+=(virtuoso-opensource-7-bin)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages: ${need[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
