# The CSV hot path under sanitizers: the fast row parser, the address parsers and their cache read up to a
# '\n' sentinel with no bounds checks (ASan+UBSan over the generated and mutated rows), and
# read_ahead hands batches between two threads (ThreadSanitizer). Not registered when the
# compiler cannot build with the sanitizer.
include(CheckCXXSourceCompiles)

function(fwsize_sanitized_io_test name sanitizers)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=${sanitizers}")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=${sanitizers}")
  string(MAKE_C_IDENTIFIER "FWSIZE_HAVE_${sanitizers}" have)
  check_cxx_source_compiles("int main() { return 0; }" ${have})
  if(NOT ${have})
    message(STATUS "io: no -fsanitize=${sanitizers}: ${name} not registered")
    return()
  endif()
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE fwsize::fwsize fwsize_warnings Catch2::Catch2WithMain)
  target_compile_definitions(${name} PRIVATE
    FWSIZE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}" FWSIZE_TEST_SHARED_DIR="${FWSIZE_SHARED_DIR}"
    FWSIZE_TEST_BINARY_DIR="${CMAKE_CURRENT_BINARY_DIR}")
  target_compile_options(${name} PRIVATE -fsanitize=${sanitizers} -fno-sanitize-recover=all -O1 -g)
  target_link_options(${name} PRIVATE -fsanitize=${sanitizers})
  add_test(NAME "io: ${name}" COMMAND ${name})
  set_tests_properties("io: ${name}" PROPERTIES LABELS io TIMEOUT 300
    FAIL_REGULAR_EXPRESSION "runtime error|AddressSanitizer|ThreadSanitizer")
endfunction()

fwsize_sanitized_io_test(io_csv_hot_path_asan "address,undefined"
  ${PROJECT_SOURCE_DIR}/tests/runtime/io/csv_fast_row_test.cpp
  ${PROJECT_SOURCE_DIR}/tests/runtime/io/ip_text_test.cpp
  ${PROJECT_SOURCE_DIR}/tests/runtime/io/ip_text_cache_test.cpp)
fwsize_sanitized_io_test(io_read_ahead_tsan "thread"
  ${PROJECT_SOURCE_DIR}/tests/runtime/io/read_ahead_test.cpp)
