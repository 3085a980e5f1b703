#!/usr/bin/env bash
# Install inspectkg in .venv and run the main job on the bundled example corpus:
# build the store, print its statistics, run one saved query, write a Turtle export.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install() {  # quiet unless it fails
  local log; log=$(mktemp)
  .venv/bin/python -m pip install -q "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
pip_install --upgrade pip
pip_install -e .
export INSPECTKG_STORE=${INSPECTKG_STORE:-./inspectkg-store}
mkdir -p out
.venv/bin/inspectkg build examples/corpus/
.venv/bin/inspectkg stats
.venv/bin/inspectkg query ratings-over-time --param force=kent
.venv/bin/inspectkg export --format turtle --output out/inspectkg.ttl
echo "Turtle export written to out/inspectkg.ttl ($(wc -l < out/inspectkg.ttl) lines)" >&2
