# Included from the top-level CMakeLists.txt before src/ when
# KOKOA_BUILD_FUZZERS is ON: every library the fuzz targets link gets
# coverage instrumentation, AddressSanitizer and UndefinedBehaviorSanitizer
# (UB is fatal, so it fails a run like a crash). libFuzzer needs clang.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "KOKOA_BUILD_FUZZERS needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
set(KOKOA_SANITIZERS address,undefined)
add_compile_options(-fsanitize=fuzzer-no-link,${KOKOA_SANITIZERS}
  -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_link_options(-fsanitize=${KOKOA_SANITIZERS})
