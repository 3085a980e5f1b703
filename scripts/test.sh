#!/usr/bin/env bash
# Install inspectkg with its test dependencies (and Java / Chromium when missing)
# in .venv, then run the whole test suite.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
bash scripts/system-deps.sh
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]" >/dev/null
.venv/bin/python -m pytest "$@"
