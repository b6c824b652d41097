// Text files the tests write: FWSIZE_TEST_BINARY_DIR/<folder>/<name>, replaced on each call.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace fwsize::test {

inline std::filesystem::path write_test_file(const std::string& folder, const std::string& name,
                                             const std::string& text) {
    const auto dir = std::filesystem::path(FWSIZE_TEST_BINARY_DIR) / folder;
    std::filesystem::create_directories(dir);
    const auto p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

} // namespace fwsize::test
