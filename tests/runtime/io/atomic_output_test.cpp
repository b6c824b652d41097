// atomic_output_file: the target holds the old content or the new, never part of one; a run that
// does not commit leaves the old target and no temporary behind.
#include <fwsize/io/atomic_output.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../catch.hpp"

namespace {
namespace fs = std::filesystem;

std::string contents(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

fs::path fresh_dir(const std::string& name) {
    const auto dir = fs::temp_directory_path() / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}
} // namespace

TEST_CASE("atomic_output_file: commit creates or replaces the target and leaves no temporary") {
    const auto dir = fresh_dir("fwsize_atomic_output_test_commit");
    const auto target = dir / "out.csv";
    {
        fwsize::io::atomic_output_file f(target);
        f.stream() << "first\n";
        CHECK_FALSE(fs::exists(target)); // nothing at the target before commit
        f.commit();
    }
    CHECK(contents(target) == "first\n");
    {
        fwsize::io::atomic_output_file f(target);
        f.stream() << std::string(1 << 20, 'x');
        CHECK(contents(target) == "first\n"); // the old content until commit
        f.commit();
    }
    CHECK(contents(target) == std::string(1 << 20, 'x'));
    CHECK(names_in(dir) == std::vector<std::string>{"out.csv"});
    fs::remove_all(dir);
}

TEST_CASE("atomic_output_file: no commit, no change; a failing commit keeps the old target") {
    const auto dir = fresh_dir("fwsize_atomic_output_test_fail");
    const auto target = dir / "out.csv";
    std::ofstream(target) << "old\n";
    {
        fwsize::io::atomic_output_file f(target);
        f.stream() << "new\n"; // the run fails before commit
    }
    CHECK(contents(target) == "old\n");
    CHECK(names_in(dir) == std::vector<std::string>{"out.csv"});

    // A directory at the target: rename cannot replace it; it stays, and so does nothing else.
    const auto taken = dir / "taken";
    fs::create_directories(taken / "inside");
    {
        fwsize::io::atomic_output_file f(taken);
        f.stream() << "new\n";
        CHECK_THROWS_AS(f.commit(), fs::filesystem_error);
    }
    CHECK(fs::is_directory(taken / "inside"));
    CHECK(names_in(dir) == std::vector<std::string>{"out.csv", "taken"});
    fs::remove_all(dir);
}
