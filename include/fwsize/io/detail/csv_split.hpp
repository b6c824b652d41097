// csv_split — splits one CSV record (RFC 4180: quoted fields, "" escapes, CRLF or LF) into views
// of the mapped text. Only the first `want` fields are kept; the rest of the record is skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

enum class csv_split_status { ok, unterminated_quote, junk_after_quote };

struct csv_split_result {
    std::size_t fields = 0;     ///< fields seen, counted up to want + 1
    std::uint64_t newlines = 0; ///< line breaks consumed (inside quotes + the terminator)
    csv_split_status status = csv_split_status::ok;
};

/// Splits the record at text[pos...] and moves pos past its line break. A quoted field's view is
/// its raw inside (escaped quotes stay doubled: no column fwsize reads may contain a quote).
inline csv_split_result csv_split_record(std::string_view text, std::size_t& pos, std::string_view* out,
                                         std::size_t want) {
    csv_split_result r;
    const char* p = text.data() + pos;
    const char* const end = text.data() + text.size();
    for (;;) {
        const char* fs;
        const char* fe;
        if (p < end && *p == '"') {
            fs = ++p;
            for (;;) {
                const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                if (!q) {
                    r.status = csv_split_status::unterminated_quote;
                    pos = text.size();
                    return r;
                }
                for (const char* c = p; c < q; ++c) r.newlines += (*c == '\n');
                if (q + 1 < end && q[1] == '"') {
                    p = q + 2;
                    continue;
                }
                fe = q;
                p = q + 1;
                break;
            }
            if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n') ++p;
            if (p < end && *p != ',' && *p != '\n') {
                r.status = csv_split_status::junk_after_quote;
                pos = static_cast<std::size_t>(p - text.data());
                return r;
            }
        } else {
            fs = p;
            while (p < end && *p != ',' && *p != '\n') ++p;
            fe = p;
            if (fe > fs && fe[-1] == '\r' && (p == end || *p == '\n')) --fe;
        }
        if (r.fields < want) out[r.fields] = std::string_view(fs, static_cast<std::size_t>(fe - fs));
        ++r.fields;
        if (p >= end) {
            pos = text.size();
            return r;
        }
        if (*p == '\n') {
            ++r.newlines;
            pos = static_cast<std::size_t>(p + 1 - text.data());
            return r;
        }
        ++p; // the comma
        if (r.fields >= want) {
            // Everything wanted is in hand: jump to the line break unless a quote could hide one.
            const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            const char* stop = nl ? nl : end;
            if (!std::memchr(p, '"', static_cast<std::size_t>(stop - p))) {
                ++r.fields; // at least one more field; exact count past `want` is not needed
                if (nl) ++r.newlines;
                pos = nl ? static_cast<std::size_t>(nl + 1 - text.data()) : text.size();
                return r;
            }
        }
    }
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
