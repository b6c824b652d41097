// The body every libFuzzer target shares: the input becomes a file (a memfd, so no disk I/O)
// that one reader reads to its end. A crash, a sanitizer report, an exception other than
// input_error, or an input_error that does not say where, is a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

#include "read_outcome.hpp"

namespace fwsize::fuzz {

template <class Reader>
int one_input(const std::uint8_t* data, std::size_t size, bool expect_line) {
    static const int fd = ::memfd_create("fwsize-fuzz", 0);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (fd < 0 || ::ftruncate(fd, 0) != 0) std::abort();
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
        if (n <= 0) std::abort();
        done += static_cast<std::size_t>(n);
    }
    const auto o = read_with<Reader>(path, expect_line);
    if (o.input_error && !o.located) {
        std::fprintf(stderr, "input_error without a location: %s\n", o.message.c_str());
        std::abort();
    }
    return 0;
}

} // namespace fwsize::fuzz
