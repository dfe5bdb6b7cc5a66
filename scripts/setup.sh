#!/usr/bin/env bash
# Set up everything on a fresh machine: a virtual environment in .venv with the
# CPU build of torch (pinned, so no CUDA packages are pulled in), the bundled
# embedding model, a portable llama.cpp and the project with its test tools.
# Ends by running `studio doctor`. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: a bare "torch" requirement resolves to the CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"

# llama.cpp (the embedded model's runtime) is compiled from source by
# llama-cpp-python. Never with the build machine's own CPU flags: a native build
# made on one CPU segfaults on another (it did on Intel AVX-512 machines). A fixed
# AVX2/FMA/F16C baseline runs on every x86-64 CPU of the last ten years; llama.cpp's
# runtime CPU-variant dispatch (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS) compiles
# the CPU backend fifteen times and llama-cpp-python 0.3.36 neither installs nor
# loads the variants (numbers in docs/BENCHMARKS.md). Only the library is built:
# no examples, tests, server, tools or common. STUDIO_LLAMA_CMAKE_ARGS overrides the flags.
JOBS=$(nproc 2>/dev/null || echo 2)
LLAMA_FLAGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_BMI2=OFF"
case "$(uname -m)" in
  x86_64|amd64) ;;
  *) LLAMA_FLAGS="-DGGML_NATIVE=OFF" ;;
esac
# llama-cpp-python forces llama.cpp's "common" library on; it loads only libllama and
# libggml, so an include file switches common off again (about half the build).
INCLUDE_DIR=$(mktemp -d)
trap 'rm -rf "$INCLUDE_DIR"' EXIT
cp scripts/llama-lib-only.cmake "$INCLUDE_DIR/"
LLAMA_FLAGS="${STUDIO_LLAMA_CMAKE_ARGS:-$LLAMA_FLAGS} -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DLLAVA_BUILD=OFF -DCMAKE_PROJECT_llama.cpp_INCLUDE=$INCLUDE_DIR/llama-lib-only.cmake"
if ! .venv/bin/python - <<'PY' 2>/dev/null
import importlib.metadata as m, pathlib, sys
sys.exit(0 if m.version("llama-cpp-python") == "0.3.36" and pathlib.Path(".venv/.llama-portable").exists() else 1)
PY
then
  CMAKE_ARGS="$LLAMA_FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="$JOBS" FORCE_CMAKE=1 \
    .venv/bin/python -m pip install --quiet --no-cache-dir --force-reinstall --no-deps "llama-cpp-python==0.3.36"
  echo "$LLAMA_FLAGS" > .venv/.llama-portable
fi
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/studio --help >/dev/null
# Check every runtime piece in a child process; a failing piece is reported, not fatal.
.venv/bin/studio doctor || echo "set-up finished, but 'studio doctor' reported a problem (see above)"
echo "ready: activate with 'source .venv/bin/activate', or run .venv/bin/studio"
