#!/usr/bin/env bash
# Install inspectkg in .venv and run the main job on the bundled example corpus:
# build the store, print its statistics, run one saved query, write a Turtle export.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
pip_install -e .
bash scripts/frontend.sh  # the explorer's browser libraries (YASGUI, Cytoscape.js), from package-lock.json
export INSPECTKG_STORE=${INSPECTKG_STORE:-./inspectkg-store}
mkdir -p out
.venv/bin/inspectkg build examples/corpus/
.venv/bin/inspectkg stats
.venv/bin/inspectkg query ratings-over-time --param force=kent
.venv/bin/inspectkg export --format turtle --output out/inspectkg.ttl
echo "Turtle export written to out/inspectkg.ttl ($(wc -l < out/inspectkg.ttl) lines)" >&2
