#!/usr/bin/env bash
# Audit the installed environment for known vulnerabilities.
#
#   1. offline: every package named in constraints.txt that is installed must
#      meet its floor (pypdf, pdfminer.six, ...);
#   2. pip-audit over the installed environment (the editable inspectkg itself
#      is skipped), against the PyPI advisory service.
#
# Exit codes: 0 clean; 1 a known vulnerability or a version below its floor;
# 2 the advisory service could not be used (unreachable, or packages it could
# not audit) -- set AUDIT_ALLOW_UNAVAILABLE=1 to turn that into a warning, for
# machines without the service (pip-audit itself then says "No known
# vulnerabilities found" although it audited nothing).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
"$PY" -m pip_audit --version >/dev/null 2>&1 || "$PY" -m pip install -q pip-audit >/dev/null || {
  echo "audit: cannot install pip-audit" >&2; exit 2; }

"$PY" - "${AUDIT_CONSTRAINTS:-constraints.txt}" <<'PYEOF' || exit 1
import re, sys
from importlib.metadata import PackageNotFoundError, version
from packaging.version import Version
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([^\s,;]+)", line)
    if not m:
        continue
    name, floor = m.groups()
    try:
        have = version(name)
    except PackageNotFoundError:
        print(f"audit: {name} not installed (floor {floor})")
        continue
    ok = Version(have) >= Version(floor)
    print(f"audit: {name} {have} {'>=' if ok else '<'} {floor}{'' if ok else '  UNSAFE'}")
    bad += not ok
sys.exit(1 if bad else 0)
PYEOF

report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$PY" -m pip_audit --skip-editable --progress-spinner off --format json --output "$report" 2>/dev/null
status=$?
"$PY" - "$report" "$status" "${AUDIT_ALLOW_UNAVAILABLE:-0}" <<'PYEOF'
import json, sys
path, status, allow = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
try:
    deps = json.load(open(path, encoding="utf-8"))["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"audit: pip-audit failed (exit {status}); the advisory service is probably unreachable")
    sys.exit(0 if allow else 2)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if "skip_reason" in d]
for d in vulnerable:
    for v in d["vulns"]:
        fixes = ", ".join(v.get("fix_versions") or []) or "no fix yet"
        print(f"audit: VULNERABLE {d['name']} {d['version']}: {v['id']} {' '.join(v.get('aliases') or [])} (fixed in {fixes})")
audited = len(deps) - len(skipped)
print(f"audit: {audited} of {len(deps)} packages audited, {len(vulnerable)} vulnerable")
if vulnerable or status not in (0, 1):
    sys.exit(1)
if skipped:
    print(f"audit: {len(skipped)} packages could not be audited, e.g. {skipped[0]['name']}: {skipped[0]['skip_reason']}")
    if not allow:
        print("audit: the advisory service is not usable here; AUDIT_ALLOW_UNAVAILABLE=1 makes this a warning")
        sys.exit(2)
    print("audit: WARNING: continuing without a full audit (AUDIT_ALLOW_UNAVAILABLE=1)")
PYEOF
