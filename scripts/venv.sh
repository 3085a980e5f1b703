# Sourced by the other scripts: make .venv (once) and define pip_install, quiet unless it fails.
# pip_install installs within the tested versions of constraints.txt.  pip is upgraded first
# unless INSPECTKG_PIP_UPGRADE=0 (the pip that ships with Python 3.11 works too).
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install() {
  local log; log=$(mktemp)
  .venv/bin/python -m pip install -q -c constraints.txt "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
if [ "${INSPECTKG_PIP_UPGRADE:-1}" != "0" ]; then
  pip_install --upgrade pip || echo "could not upgrade pip; going on with $(.venv/bin/python -m pip --version)" >&2
fi
