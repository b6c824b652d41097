// file_buffer against the file's own bytes: random fill/advance/skip/shrink sequences over chunk
// sizes that force every path — the tail moved in front of the next chunk, records larger than a
// chunk gathered in the overflow buffer, the read-ahead thread (files over two chunks) and the
// inline reads (smaller files), and destruction while the reader thread is still running.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <fwsize/io/detail/file_buffer.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"

namespace {
std::vector<std::uint8_t> slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One random walk through the file; returns the number of mismatches (0 when every byte agrees).
int walk(const std::filesystem::path& path, const std::vector<std::uint8_t>& all, std::size_t chunk, unsigned seed,
         bool stop_early) {
    boost::random::mt19937 rng(seed);
    auto pick = [&](std::size_t lo, std::size_t hi) {
        return boost::random::uniform_int_distribution<std::size_t>(lo, hi)(rng);
    };
    fwsize::io::detail::file_buffer fb(path, chunk);
    std::uint64_t off = 0;
    for (;;) {
        const std::size_t kind = pick(0, 9);
        const std::size_t n = pick(1, kind == 0 ? 3 * chunk + 17 : kind == 1 ? 2 * chunk : 300);
        if (kind == 2) {
            const bool ok = fb.skip(n);
            if (ok != (off + n <= all.size())) return 1;
            off = std::min<std::uint64_t>(off + n, all.size());
            if (fb.offset() != off) return 1;
            if (!ok) return 0;
            continue;
        }
        const std::size_t got = fb.fill(n);
        if (got != std::min<std::size_t>(n, all.size() - off)) return 1;
        if (got == 0) return 0;
        if (std::memcmp(fb.data(), all.data() + off, got) != 0) return 1;
        const std::size_t adv = pick(0, got);
        fb.advance(adv);
        off += adv;
        if (kind == 3) fb.shrink();
        if (fb.offset() != off) return 1;
        if (stop_early && off > all.size() / 2) return 0; // the destructor stops the reader thread
    }
}
} // namespace

TEST_CASE("file_buffer returns the file's bytes for any fill/advance/skip sequence and chunk size") {
    const auto big = fwsize::test::bundled_data() / "http-browsing-2011.pcap"; // > 2 chunks: read-ahead thread
    const auto all = slurp(big);
    REQUIRE(all.size() > 1'000'000);
    for (const std::size_t chunk : {std::size_t{4096}, std::size_t{5000}, std::size_t{65536}, std::size_t{1} << 18}) {
        for (unsigned seed = 0; seed < 6; ++seed) {
            INFO("chunk " << chunk << " seed " << seed);
            CHECK(walk(big, all, chunk, seed, seed % 3 == 2) == 0);
        }
    }
}

TEST_CASE("file_buffer reads small and empty files on the calling thread") {
    const auto dir = std::filesystem::temp_directory_path() / "fwsize_file_buffer_test";
    std::filesystem::create_directories(dir);
    const auto src = slurp(fwsize::test::bundled_data() / "vpn-vm.pcap");
    for (const std::size_t size :
         {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{8192}, std::size_t{9000}}) {
        const auto p = dir / ("cut" + std::to_string(size));
        std::ofstream(p, std::ios::binary)
            .write(reinterpret_cast<const char*>(src.data()), static_cast<std::streamsize>(size));
        const std::vector<std::uint8_t> part(src.begin(), src.begin() + static_cast<std::ptrdiff_t>(size));
        for (unsigned seed = 0; seed < 4; ++seed) {
            INFO("size " << size << " seed " << seed);
            CHECK(walk(p, part, 4096, seed, false) == 0);
        }
    }
    std::filesystem::remove_all(dir);
}
