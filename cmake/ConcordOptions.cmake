# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings and sanitizers as INTERFACE targets (cpp-best-practices' cmake_template): every
# Concord target links them, no global edits of CMAKE_CXX_FLAGS.
option(CONCORD_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(CONCORD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(CONCORD_TSAN "Build with ThreadSanitizer (the tsan preset; not together with CONCORD_SANITIZE)" OFF)
if(CONCORD_SANITIZE AND CONCORD_TSAN)
  message(FATAL_ERROR "CONCORD_SANITIZE (ASan) and CONCORD_TSAN cannot be combined")
endif()

# -Wnull-dereference is left out: it acts only when optimising, so never in the -Werror dev
# build, and in GCC 12's -O3 release build it reported paths inside libstdc++ and Qt headers
# (streambuf, QHash iterators) that the code never takes: noise for everyone who builds.
add_library(concord_warnings INTERFACE)
target_compile_options(concord_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  # Issue #16 §5: narrowing and sign changes, overrides said as such, format strings checked.
  -Wconversion -Wsign-conversion -Wsuggest-override -Wformat=2
  # GCC only (clang, which builds the fuzz targets, does not know them).
  $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wduplicated-branches -Wlogical-op>
  # GCC 12 at -O2+ flags every "literal" + std::string as an overlapping memcpy (GCC bug 105651).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  $<$<BOOL:${CONCORD_WARNINGS_AS_ERRORS}>:-Werror>)

add_library(concord_sanitizers INTERFACE)
if(CONCORD_SANITIZE)
  target_compile_options(concord_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(concord_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(CONCORD_TSAN)
  target_compile_options(concord_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(concord_sanitizers INTERFACE -fsanitize=thread)
endif()

# Fuzzing builds instrument every first-party target for coverage (the harnesses add
# -fsanitize=fuzzer themselves).
if(CONCORD_FUZZ)
  target_compile_options(concord_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()

# One function so every first-party target gets the same flags.
function(concord_target_defaults target)
  target_link_libraries(${target} PRIVATE concord_warnings concord_sanitizers)
endfunction()
