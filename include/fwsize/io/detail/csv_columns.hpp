// csv_columns — which position holds each column of the seed schema, found by NAME in the header
// row (any order; extra columns ignored; `id` and `ip_version` optional).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

enum csv_column : std::size_t {
    col_id,
    col_timestamp,
    col_protocol,
    col_ip_version,
    col_src_ip,
    col_dst_ip,
    col_src_port,
    col_dst_port,
    col_tcp_time_relative,
    col_tcp_completeness,
    csv_column_count
};

inline constexpr std::array<std::string_view, csv_column_count> csv_column_names{
    "id",     "timestamp", "protocol", "ip_version",        "src_ip",
    "dst_ip", "src_port",  "dst_port", "tcp_time_relative", "tcp_completeness"};

inline constexpr std::array<bool, csv_column_count> csv_column_required{false, true, true, false, true,
                                                                        true,  true, true, true,  true};

inline constexpr std::size_t csv_no_column = static_cast<std::size_t>(-1);

struct csv_columns {
    std::array<std::size_t, csv_column_count> at{}; ///< position in the record, or csv_no_column
    std::size_t width = 0;                          ///< 1 + the largest position read

    /// Maps header names to positions; returns the first required name that is missing, if any.
    static std::optional<std::string> locate(const std::vector<std::string_view>& header, csv_columns& c) {
        c.at.fill(csv_no_column);
        for (std::size_t i = 0; i < header.size(); ++i) {
            std::string_view name = header[i];
            while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
            while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
            for (std::size_t k = 0; k < csv_column_count; ++k)
                if (name == csv_column_names[k] && c.at[k] == csv_no_column) c.at[k] = i;
        }
        c.width = 0;
        for (std::size_t k = 0; k < csv_column_count; ++k) {
            if (c.at[k] == csv_no_column) {
                if (csv_column_required[k]) return std::string(csv_column_names[k]);
                continue;
            }
            if (c.at[k] + 1 > c.width) c.width = c.at[k] + 1;
        }
        return std::nullopt;
    }
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
