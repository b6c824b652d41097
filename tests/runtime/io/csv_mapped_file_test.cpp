// csv_mapped_file::release drops page-table entries only: the text reads back the same afterwards,
// whatever range was released (the chunked extraction releases a chunk while its neighbours are
// still read, up to 16 bytes past their ends).
#include <fwsize/io/detail/csv_mapped_file.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "../../catch.hpp"

TEST_CASE("csv_mapped_file: released ranges read back unchanged") {
    const auto path = std::filesystem::temp_directory_path() / "fwsize_csv_mapped_file_test.csv";
    std::mt19937 g(5);
    std::string text(5 * 4096 + 123, '\0');
    for (auto& c : text) c = static_cast<char>('a' + g() % 26);
    std::ofstream(path, std::ios::binary) << text;
    {
        fwsize::io::detail::csv_mapped_file map(path);
        REQUIRE(map.text() == text);
        const std::size_t cuts[][2] = {
            {0, text.size()}, {1, 4095},    {100, 3 * 4096 + 7}, {4096, 8192}, {text.size() - 1, text.size()},
            {0, 0},           {9000, 20000}};
        for (const auto& c : cuts) {
            map.release(c[0], c[1]);
            INFO(c[0] << ".." << c[1]);
            REQUIRE(map.text() == text);
        }
        map.release(10, text.size() + 4096); // past the end: ignored
        CHECK(map.text() == text);
    }
    std::filesystem::remove(path);
}
