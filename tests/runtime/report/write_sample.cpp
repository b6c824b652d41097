// Writes the sample report (sample_report.hpp) into the directory given: the input of the headless
// Chromium check (tests/cmake/report.cmake) and of docs/report-screenshot.png when no real report
// is at hand.
#include <cstdio>
#include <exception>

#include <fwsize/report/write_report.hpp>

#include "sample_report.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    try {
        fwsize::report::write_report(fwsize::test::sample_report(), argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "write_sample: %s\n", e.what());
        return 1;
    }
    return 0;
}
