#!/usr/bin/env bash
# Set up everything on a fresh machine: a virtual environment in .venv with the
# CPU build of torch (pinned, so no CUDA packages are pulled in), the bundled
# embedding model and the project with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: a bare "torch" requirement resolves to the CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
# This also compiles llama-cpp-python (the embedded model's runtime) from source:
# a few minutes on a small machine, needing only a C/C++ compiler (cmake comes from
# PyPI if missing). Later runs reuse pip's wheel cache and skip the build.
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/studio --help >/dev/null
echo "ready: activate with 'source .venv/bin/activate', or run .venv/bin/studio"
