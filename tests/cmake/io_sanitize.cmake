# io robustness: every file of tcpdump's test captures (../shared) through the readers under
# AddressSanitizer + UndefinedBehaviorSanitizer, in one process (tests/fuzz/sanitize_corpus.cpp).
# Skipped loudly (exit 77) when ../shared is absent; not registered when the compiler cannot sanitize.
include(CheckCXXSourceCompiles)
set(_io_san_flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=address,undefined")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=address,undefined")
check_cxx_source_compiles("int main() { return 0; }" FWSIZE_HAVE_ASAN_UBSAN)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(FWSIZE_HAVE_ASAN_UBSAN)
  add_executable(io_sanitize_corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/sanitize_corpus.cpp)
  target_link_libraries(io_sanitize_corpus PRIVATE fwsize::fwsize fwsize_warnings)
  # -O1: sanitizers at full strength without the Release build's -O3 hiding anything.
  target_compile_options(io_sanitize_corpus PRIVATE ${_io_san_flags} -O1 -g)
  target_link_options(io_sanitize_corpus PRIVATE -fsanitize=address,undefined)
  set(_io_san_test "io: all 830 tcpdump test captures read under ASan+UBSan, cut copies keep complete packets")
  add_test(NAME "${_io_san_test}"
           COMMAND io_sanitize_corpus ${FWSIZE_SHARED_DIR}/data/robustness/tcpdump-tests 831)
  set_tests_properties("${_io_san_test}" PROPERTIES
    LABELS io SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
    FAIL_REGULAR_EXPRESSION "runtime error|AddressSanitizer|LeakSanitizer|HANG")
else()
  message(STATUS "io: the compiler cannot build with -fsanitize=address,undefined: sanitizer corpus test not registered")
endif()
