# Sourced by the other scripts: make .venv (once) and define pip_install, quiet unless it fails.
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install() {
  local log; log=$(mktemp)
  .venv/bin/python -m pip install -q "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
pip_install --upgrade pip
