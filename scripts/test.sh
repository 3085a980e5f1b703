#!/usr/bin/env bash
# Install inspectkg with its test dependencies (and Java / Chromium when missing)
# in .venv, then run the whole test suite.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
bash scripts/system-deps.sh
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install() {  # quiet unless it fails
  local log; log=$(mktemp)
  .venv/bin/python -m pip install -q "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
pip_install --upgrade pip
pip_install -e ".[test]"
.venv/bin/python -m pytest "$@"
