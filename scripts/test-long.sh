#!/usr/bin/env bash
# The long bad-input cases (tests marked slow in tests/trials/test_bad_inputs.py):
# 2 MB of prose on one line and 1.2 million characters where every sentence is
# a rating, quote or finding.  Each build is bounded (RLIMIT_AS 2 GB, 120 s);
# both are expected failures (xfail, strict) until the extractor bugs named in
# docs/reliability.md are fixed.  Also the clean install: a wheel in a fresh venv outside
# the checkout builds the example corpus (~2 minutes), and grlc (installed in its own venv,
# or INSPECTKG_GRLC_PYTHON) runs our queries against inspectkg serve.  Both stay out of the normal
# suite: measured together on the shared 2-core machine (load ~17) they took 1,719 s (clean install
# 1,222 s, grlc's venv and served store 397 s of set-up, 104 s of CPU in all), far past the
# ~90 s a test may take there.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
INSPECTKG_SLOW=1 .venv/bin/python -m pytest -m slow tests/trials/test_bad_inputs.py tests/trials/test_clean_install.py tests/server/test_grlc.py tests/extraction/test_extract_speed_shapes.py "$@"
