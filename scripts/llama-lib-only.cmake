# Included by CMake right after llama.cpp's project() (CMAKE_PROJECT_llama.cpp_INCLUDE,
# set by scripts/setup.sh). llama-cpp-python forces llama.cpp's "common" utility
# library on, but loads only libllama and libggml: skipping common roughly halves
# the build. A normal variable takes precedence over option() (policy CMP0077).
set(LLAMA_BUILD_COMMON OFF)
