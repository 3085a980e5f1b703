#!/usr/bin/env bash
# The long bad-input cases (tests marked slow in tests/trials/test_bad_inputs.py):
# 2 MB of prose on one line and 1.2 million characters where every sentence is
# a rating, quote or finding.  Each build is bounded (RLIMIT_AS 2 GB, 120 s);
# both are expected failures (xfail, strict) until the extractor bugs named in
# docs/reliability.md are fixed.  (The clean install and grlc's run, once here, are
# in the normal suite now, marked slow: CI runs them.)  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
INSPECTKG_SLOW=1 .venv/bin/python -m pytest -m slow tests/trials/test_bad_inputs.py tests/extraction/test_extract_speed_shapes.py "$@"
