// cps_table — read extracted per-second tables
// (machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end; ../shared/reference/cps and
// `fwsize extract` write them) into the five count series the models fit.
//
// A protocol a machine never shows (all its tcp_ or all its udp_ columns zero over the whole
// capture) is taken as not captured: that machine is left out of the protocol's series and of
// `new` (= tcp_new + udp_new, which would otherwise be silently under-counted).
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fwsize/input_error.hpp>
#include <fwsize/model/count_data.hpp>

namespace fwsize::model {
inline namespace v0 {

/// The five series in output order.
inline const std::array<std::string, 5>& series_names() {
    static const std::array<std::string, 5> n{"tcp_new", "udp_new", "tcp_end", "udp_end", "new"};
    return n;
}

/// Per machine: its four event columns, second by second.
struct cps_machine {
    std::string id;
    std::array<std::vector<std::uint32_t>, 4> columns; ///< tcp_new, udp_new, tcp_end, udp_end
};

namespace detail {
inline std::vector<std::string_view> split_csv(std::string_view line) {
    std::vector<std::string_view> f;
    std::size_t p = 0;
    while (true) {
        const auto c = line.find(',', p);
        f.push_back(line.substr(p, c == std::string_view::npos ? std::string_view::npos : c - p));
        if (c == std::string_view::npos) break;
        p = c + 1;
    }
    return f;
}
inline std::uint64_t parse_count(std::string_view s, const std::string& file, std::uint64_t line, const char* what) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size())
        throw input_error::at_line(
            file, line, std::string("expected a non-negative integer ") + what + ", got '" + std::string(s) + "'");
    return v;
}
} // namespace detail

/// Reads one table; appends its machines (in order of first appearance) to `out`.
inline void read_cps_table(const std::string& file, std::vector<cps_machine>& out) {
    std::ifstream in(file);
    if (!in) throw input_error::in_file(file, "cannot open the per-second table");
    std::string line;
    std::uint64_t ln = 0;
    if (!std::getline(in, line)) throw input_error::at_line(file, 1, "empty file, expected a header row");
    ++ln;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line != "machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end")
        throw input_error::at_line(
            file, 1, "expected the header machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end");
    std::map<std::string, std::size_t> index;
    while (std::getline(in, line)) {
        ++ln;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto f = detail::split_csv(line);
        if (f.size() != 8)
            throw input_error::at_line(file, ln, "expected 8 comma-separated fields, got " + std::to_string(f.size()));
        const std::string id(f[0]);
        if (id.empty()) throw input_error::at_line(file, ln, "empty machine_id");
        auto it = index.find(id);
        if (it == index.end()) {
            for (const auto& m : out)
                if (m.id == id)
                    throw input_error::at_line(file, ln, "machine_id '" + id + "' already read from another table");
            it = index.emplace(id, out.size()).first;
            out.push_back({id, {}});
        }
        auto& m = out[it->second];
        const auto second = detail::parse_count(f[2], file, ln, "second");
        if (second != m.columns[0].size() + 1)
            throw input_error::at_line(file, ln,
                                       "expected second " + std::to_string(m.columns[0].size() + 1) + " of machine '" +
                                           id + "' (seconds run 1, 2, ... without gaps), got " + std::string(f[2]));
        for (std::size_t c = 0; c < 4; ++c) {
            const auto v = detail::parse_count(f[4 + c], file, ln, "count");
            if (v > UINT32_MAX) throw input_error::at_line(file, ln, "count out of range");
            m.columns[c].push_back(static_cast<std::uint32_t>(v));
        }
    }
    if (index.empty()) throw input_error::in_file(file, "no data rows");
}

/// The five series of a set of machines; which machines each leaves out (protocol not captured)
/// is written into `excluded` when given.
inline std::vector<count_data> make_series(const std::vector<cps_machine>& machines,
                                           std::vector<std::string>* excluded = nullptr) {
    std::vector<count_data> s(5);
    for (std::size_t i = 0; i < 5; ++i) s[i].series = series_names()[i];
    for (const auto& m : machines) {
        const auto any = [&](std::size_t a, std::size_t b) {
            for (std::size_t t = 0; t < m.columns[a].size(); ++t)
                if (m.columns[a][t] || m.columns[b][t]) return true;
            return false;
        };
        const bool tcp = any(0, 2), udp = any(1, 3);
        const auto put = [&](std::size_t series, std::vector<std::uint32_t> c) {
            s[series].machine_ids.push_back(m.id);
            s[series].counts.push_back(std::move(c));
        };
        if (tcp) put(0, m.columns[0]), put(2, m.columns[2]);
        if (udp) put(1, m.columns[1]), put(3, m.columns[3]);
        if (tcp && udp) {
            std::vector<std::uint32_t> n(m.columns[0].size());
            for (std::size_t t = 0; t < n.size(); ++t) n[t] = m.columns[0][t] + m.columns[1][t];
            put(4, std::move(n));
        }
        if (excluded) {
            if (!tcp) excluded->push_back(m.id + ": no TCP captured, left out of tcp_new, tcp_end, new");
            if (!udp) excluded->push_back(m.id + ": no UDP captured, left out of udp_new, udp_end, new");
        }
    }
    return s;
}

} // namespace v0
} // namespace fwsize::model
