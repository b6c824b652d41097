// Where the test data lives. ../shared holds real captures we may not redistribute: tests that need
// it call require_shared(), which skips loudly when it is absent.
#pragma once

#include <filesystem>
#include <iostream>
#include <string>

#include "../catch.hpp"

namespace fwsize::test {

inline std::filesystem::path source_dir() {
    return FWSIZE_TEST_SOURCE_DIR;
}
inline std::filesystem::path shared_dir() {
    return FWSIZE_TEST_SHARED_DIR;
}
inline std::filesystem::path bundled_data() {
    return source_dir() / "examples" / "data";
}

inline bool have_shared() {
    return std::filesystem::exists(shared_dir() / "data" / "workstations");
}

} // namespace fwsize::test

/// Skips the rest of the current test case with a loud message when ../shared is absent.
#define FWSIZE_REQUIRE_SHARED()                                                                                        \
    do {                                                                                                               \
        if (!::fwsize::test::have_shared()) {                                                                          \
            std::cerr << "\n*** SKIPPED (../shared absent: " << ::fwsize::test::shared_dir()                           \
                      << "): " << Catch::getResultCapture().getCurrentTestName() << " ***\n";                          \
            WARN("SKIPPED: ../shared not found at " << ::fwsize::test::shared_dir());                                  \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)
