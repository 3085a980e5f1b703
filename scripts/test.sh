#!/usr/bin/env bash
# Install inspectkg with its test dependencies (and Java / Chromium / Node.js when missing)
# and the explorer's browser libraries
# in .venv, then run the whole test suite.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
source scripts/venv.sh
pip_install -e ".[test]"
bash scripts/frontend.sh  # the explorer's browser libraries, which the browser tests use
# the vulnerability audit: the advisory service is not reachable from every machine (see scripts/audit.sh)
AUDIT_ALLOW_UNAVAILABLE=1 bash scripts/audit.sh
.venv/bin/python -m pytest "$@"
