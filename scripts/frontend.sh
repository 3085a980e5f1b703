#!/usr/bin/env bash
# Installs the browser libraries the web explorer serves, YASGUI (SPARQL editor) and
# Cytoscape.js (graph view), at the versions of the committed package-lock.json, and copies
# only their built browser files into src/inspectkg/web/static/vendor/ (not committed; the
# wheel includes them).  Nothing is fetched at run time: the server serves these copies.
# Without npm it says so and stops without failing: the two pages then tell how to install.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/inspectkg/web/static/vendor
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the SPARQL editor and the graph view need it once to install their browser libraries;" \
       "install Node.js and npm (bash scripts/system-deps.sh does), then run bash scripts/frontend.sh" >&2
  exit 0
fi
# --ignore-scripts: no package runs code on this machine; we only copy built files
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
FILES=(
  node_modules/@zazuko/yasgui/build/yasgui.min.js
  node_modules/@zazuko/yasgui/build/yasgui.min.css
  node_modules/cytoscape/dist/cytoscape.min.js
)
rm -rf "$VENDOR.tmp"
mkdir -p "$VENDOR.tmp"
for f in "${FILES[@]}"; do
  [ -f "$f" ] || { echo "scripts/frontend.sh: $f is missing after npm ci; the package layout changed (see package.json)" >&2; exit 1; }
  # the source maps are not shipped, so drop the comment that points to them
  sed '$ s|^//# sourceMappingURL=.*$||' "$f" > "$VENDOR.tmp/$(basename "$f")"
done
cp node_modules/cytoscape/LICENSE "$VENDOR.tmp/cytoscape.LICENSE"
node -e '
  const names = ["@zazuko/yasgui", "cytoscape"];
  for (const n of names) {
    const p = require("./node_modules/" + n + "/package.json");
    console.log(`${p.name} ${p.version} (${p.license})`);
  }' > "$VENDOR.tmp/VERSIONS.txt"
rm -rf "$VENDOR"
mv "$VENDOR.tmp" "$VENDOR"
echo "browser libraries copied to $VENDOR: $(tr '\n' ';' < "$VENDOR/VERSIONS.txt")" >&2
