# Every C++ source follows the root .clang-format, checked with the clang-format Debian 12 ships
# (14: another version formats some constructs differently, so it is not used). A control run
# on a file known to be misformatted must fail, or the check proves nothing.
find_program(FWSIZE_CLANG_FORMAT NAMES clang-format-14 clang-format)
set(fwsize_format_ok FALSE)
if(FWSIZE_CLANG_FORMAT)
  execute_process(COMMAND ${FWSIZE_CLANG_FORMAT} --version OUTPUT_VARIABLE fwsize_cf_version)
  if(fwsize_cf_version MATCHES "version 14\\.")
    set(fwsize_format_ok TRUE)
  endif()
endif()
if(NOT fwsize_format_ok)
  message(WARNING "package: clang-format 14 not found (apt-get install clang-format): the format check is not registered")
  return()
endif()
set(check ${PROJECT_SOURCE_DIR}/tests/support/check_format.cmake)
add_test(NAME "package: every C++ source follows .clang-format"
  COMMAND ${CMAKE_COMMAND} -DCLANG_FORMAT=${FWSIZE_CLANG_FORMAT} -DROOT=${PROJECT_SOURCE_DIR}
          "-DDIRS=include;examples;tests;benchmarks" -P ${check})
add_test(NAME "package: the format check fails a misformatted file (control)"
  COMMAND ${CMAKE_COMMAND} -DCLANG_FORMAT=${FWSIZE_CLANG_FORMAT} -DROOT=${PROJECT_SOURCE_DIR}
          -DFILES=${PROJECT_SOURCE_DIR}/tests/data/format/misformatted.cpp -P ${check})
set_tests_properties("package: the format check fails a misformatted file (control)" PROPERTIES
  PASS_REGULAR_EXPRESSION "not formatted: .*misformatted.cpp")
