# io fuzzing: one libFuzzer target per format (tests/fuzz/fuzz_{pcap,pcapng,csv}.cpp), built with
# clang (libFuzzer + ASan + UBSan) beside the main compiler, and a short smoke run of each in the
# suite seeded from tcpdump's test captures (../shared; else the bundled captures) and the committed
# seed-schema CSVs. The hour-long run: docs/capture-reading.md. Not registered without clang's libFuzzer.
find_program(FWSIZE_FUZZ_CXX NAMES clang++-14 clang++ DOC "clang with libFuzzer, for tests/fuzz")
set(_io_fuzz_ok FALSE)
if(FWSIZE_FUZZ_CXX)
  set(_probe ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe.cpp)
  file(WRITE ${_probe} "#include <cstdint>\n#include <cstddef>\nextern \"C\" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n")
  execute_process(COMMAND ${FWSIZE_FUZZ_CXX} -std=c++20 -fsanitize=fuzzer,address,undefined ${_probe}
                          -o ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe
                  RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc EQUAL 0)
    set(_io_fuzz_ok TRUE)
  endif()
endif()
if(NOT _io_fuzz_ok)
  message(STATUS "io: no clang with libFuzzer (clang-14 + libclang-rt-14-dev): fuzz targets not built")
  return()
endif()

file(GLOB _io_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/fwsize/io/*.hpp
     ${PROJECT_SOURCE_DIR}/include/fwsize/io/detail/*.hpp ${PROJECT_SOURCE_DIR}/tests/fuzz/*.hpp)
set(_seeds ${FWSIZE_SHARED_DIR}/data/robustness/tcpdump-tests)
if(NOT IS_DIRECTORY ${_seeds})
  set(_seeds ${PROJECT_SOURCE_DIR}/examples/data)
endif()
set(_fuzzers)
foreach(fmt pcap pcapng csv)
  set(_bin ${CMAKE_CURRENT_BINARY_DIR}/fuzz_${fmt})
  add_custom_command(OUTPUT ${_bin}
    COMMAND ${FWSIZE_FUZZ_CXX} -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined
            -fno-sanitize-recover=undefined -I${PROJECT_SOURCE_DIR}/include
            ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_${fmt}.cpp -o ${_bin}
    DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_${fmt}.cpp ${_io_headers}
    COMMENT "libFuzzer target fuzz_${fmt} (clang)" VERBATIM)
  list(APPEND _fuzzers ${_bin})
  if(fmt STREQUAL "csv")
    set(_fmt_seeds ${PROJECT_SOURCE_DIR}/tests/data/packets/tcpdump-tests)
  else()
    set(_fmt_seeds ${_seeds})
  endif()
  # New inputs go to a scratch corpus in the build tree; the seed directories are only read.
  set(_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz_work_${fmt})
  add_test(NAME "io: fuzz_${fmt} smoke run (2000 inputs from the seed corpus)"
           COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$1\" && cd \"$1\" && exec \"$0\" -runs=2000 -seed=1 -max_len=65536 -timeout=20 -rss_limit_mb=4096 \"$1\" \"$2\""
                   ${_bin} ${_work} ${_fmt_seeds})
  set_tests_properties("io: fuzz_${fmt} smoke run (2000 inputs from the seed corpus)" PROPERTIES
    LABELS io TIMEOUT 600 FAIL_REGULAR_EXPRESSION "ERROR: libFuzzer|runtime error|AddressSanitizer|LeakSanitizer|without a location")
endforeach()
add_custom_target(io_fuzzers ALL DEPENDS ${_fuzzers})
