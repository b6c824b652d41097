// read_report — what a reader read and what it skipped, by reason. Nothing is dropped uncounted.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fwsize::io {
inline namespace v0 {

struct read_report {
    std::string file;
    std::uint64_t units_read = 0;                 ///< rows (CSV) or frames (captures) seen
    std::uint64_t records = 0;                    ///< packet records yielded
    std::map<std::string, std::uint64_t> skipped; ///< reason -> count
    std::vector<std::string> warnings;            ///< e.g. a truncated last record

    void skip(const std::string& reason, std::uint64_t n = 1) { skipped[reason] += n; }
    [[nodiscard]] std::uint64_t skipped_total() const {
        std::uint64_t n = 0;
        for (const auto& [_, c] : skipped) n += c;
        return n;
    }
};

} // namespace v0
} // namespace fwsize::io
