// csv_fast_layout — what each position of a CSV record holds, from the header: the walk of the
// fast row parsers dispatches on it (csv_row_walk.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <fwsize/io/detail/csv_columns.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

/// What each position of a record holds: a csv_column, or csv_column_count for a column not read.
struct csv_fast_layout {
    std::vector<std::uint8_t> role;
    bool has_version = false;

    explicit csv_fast_layout(const csv_columns& c = {}) : role(c.width, csv_column_count) {
        for (std::size_t k = 0; k < csv_column_count; ++k)
            if (c.at[k] < c.width) role[c.at[k]] = static_cast<std::uint8_t>(k);
        has_version = c.at[col_ip_version] < c.width;
    }
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
