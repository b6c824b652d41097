// Sanitizer corpus driver (tests/cmake/io_sanitize.cmake builds it with ASan + UBSan): every file
// under the given directory goes through open_capture and is read to its end. Each must yield
// records or raise an input_error naming where (byte offset / line); anything else — another
// exception, a sanitizer report, a hang — fails. Every capture that reads cleanly is then cut
// short (1 byte, and at 60 %) in a temporary copy: the cut copy must read without error, warn, and
// keep every complete packet (at most the cut one lost).
// Usage: io_sanitize_corpus DIR [EXPECTED_FILE_COUNT]; exit 77 (ctest: skipped) when DIR is absent.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#include "read_outcome.hpp"

namespace fs = std::filesystem;

namespace {
char current[4096] = "";

extern "C" void on_alarm(int) {
    // A file taking 20 s is a hang: say which one (async-signal-safe calls only).
    static const char msg[] = "HANG: reading took over 20 s: ";
    (void)!::write(2, msg, sizeof msg - 1);
    (void)!::write(2, current, std::strlen(current));
    (void)!::write(2, "\n", 1);
    ::_exit(3);
}

void watch(const fs::path& p) {
    const std::string s = p.string();
    const std::size_t n = std::min(s.size(), sizeof current - 1);
    std::copy_n(s.data(), n, current);
    current[n] = '\0';
    ::alarm(20);
}

std::vector<char> bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: io_sanitize_corpus DIR [EXPECTED_FILE_COUNT]\n";
        return 2;
    }
    const fs::path dir = argv[1];
    if (!fs::is_directory(dir)) {
        std::cout << "*** SKIPPED: " << dir << " absent (../shared not beside the checkout) ***\n";
        return 77;
    }
    std::signal(SIGALRM, on_alarm);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());

    const fs::path tmp = fs::temp_directory_path() / ("fwsize-sanitize-" + std::to_string(::getpid()));
    int failures = 0;
    std::uint64_t with_records = 0, with_errors = 0, records = 0, cuts = 0;
    for (const auto& f : files) {
        watch(f);
        const auto o = fwsize::fuzz::read_any(f);
        if (o.input_error && !o.located) {
            std::cout << "FAIL " << f << ": input_error without a byte offset/line: " << o.message << '\n';
            ++failures;
        }
        with_errors += o.input_error;
        with_records += o.records > 0;
        records += o.records;
        if (o.input_error || o.frames == 0 || fwsize::io::detect_capture_format(f) == fwsize::io::capture_format::csv)
            continue;
        // A capture killed mid-write: the same bytes, cut inside a record.
        const auto all = bytes_of(f);
        for (const std::size_t keep : {all.size() - 1, all.size() * 6 / 10}) {
            {
                std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
                out.write(all.data(), static_cast<std::streamsize>(keep));
            }
            watch(f);
            const auto c = fwsize::fuzz::read_any(tmp);
            ++cuts;
            const bool ok = !c.input_error && c.records <= o.records &&
                            (keep != all.size() - 1 ||
                             (c.warnings >= std::max<std::uint64_t>(o.warnings, 1) && c.records + 1 >= o.records));
            if (!ok) {
                std::cout << "FAIL " << f << " cut to " << keep << " of " << all.size() << " bytes: records "
                          << c.records << " of " << o.records << ", warnings " << c.warnings
                          << (c.input_error ? ", error: " + c.message : std::string()) << '\n';
                ++failures;
            }
        }
    }
    ::alarm(0);
    fs::remove(tmp);
    std::cout << files.size() << " files: " << with_records << " gave records (" << records << " in all), "
              << with_errors << " raised a located input_error, " << cuts << " cut copies read; " << failures
              << " failures\n";
    if (argc > 2 && files.size() != std::stoul(argv[2])) {
        std::cout << "FAIL: expected " << argv[2] << " files\n";
        ++failures;
    }
    return failures == 0 ? 0 : 1;
}
