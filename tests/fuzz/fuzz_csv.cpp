// libFuzzer target: csv_reader on arbitrary bytes (tests/cmake/io_fuzz.cmake; docs/capture-reading.md).
#include <fwsize/io/csv_reader.hpp>

#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fwsize::fuzz::one_input<fwsize::io::csv_reader>(data, size, true);
}
