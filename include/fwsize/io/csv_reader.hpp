// csv_reader — the seed CSV schema as a packet_source:
//   id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness
// Columns are found by name (any order, extra columns ignored; id and ip_version optional). Quoted
// fields, CRLF, a UTF-8 BOM and blank lines are accepted. The file is memory-mapped and parsed in
// place: memory does not grow with the file. Rows in their plain form take a one-walk fast path
// (detail/csv_fast_row.hpp); any other row, and every error, goes through the general one. Timestamps
// ("1320279554496.300" ms) become integer nanoseconds by digit arithmetic, exactly.
//
// Bad input raises fwsize::input_error naming the file and the 1-based line: a missing column, a
// non-number, an unknown protocol, a bad address, an empty file, a header without rows, and a
// clock jump (see max_clock_backstep / max_clock_gap below: a spliced file is rejected at the row
// where it jumps, never binned into a years-long series; split it with editcap and pass the parts).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <fwsize/input_error.hpp>
#include <fwsize/io/detail/csv_columns.hpp>
#include <fwsize/io/detail/csv_fast_row.hpp>
#include <fwsize/io/detail/csv_mapped_file.hpp>
#include <fwsize/io/detail/csv_numbers.hpp>
#include <fwsize/io/detail/csv_split.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

/// Clock-jump limits shared by the readers' callers: a row more than max_clock_backstep older than
/// the newest row so far, or more than max_clock_gap after it, means the file was spliced from
/// several captures (or the clock was reset). One hour back absorbs any reordering between
/// interfaces; a 24-hour silence is longer than a working day's capture can honestly contain.
inline constexpr std::chrono::nanoseconds max_clock_backstep = std::chrono::hours(1);
inline constexpr std::chrono::nanoseconds max_clock_gap = std::chrono::hours(24);

/// Which row parser the reader uses. The fast one answers only rows in their plain form and hands
/// every other row to the general one, so both give the same records and errors; general_only is
/// there to prove that (tests) and to measure the difference (benchmarks).
enum class csv_row_parser { fast_first, general_only };

class csv_reader {
public:
    explicit csv_reader(const std::filesystem::path& path, csv_row_parser parser = csv_row_parser::fast_first)
        : map_(path), text_(map_.text()), fast_(parser == csv_row_parser::fast_first) {
        report_.file = path.string();
        read_header();
    }

    /// The next packet record; false at the end. Throws input_error on a bad row.
    bool next(packet_record& r) {
        std::string_view* f = fields_.data();
        for (;;) {
            if (pos_ >= text_.size()) {
                if (report_.records == 0)
                    throw input_error::at_line(report_.file, header_line_, "header only: no data rows follow");
                return false;
            }
            row_line_ = next_line_;
            const char* const at = text_.data() + pos_;
            const char* const end = text_.data() + text_.size();
            if (const char* q =
                    fast_ ? detail::csv_fast_row(at, end, layout_, report_.units_read + 1, r, addresses_) : nullptr) {
                ++next_line_;
                ++report_.units_read;
                ++report_.records;
                pos_ = static_cast<std::size_t>(q - text_.data());
                check_clock(r.timestamp_ns);
                return true;
            }
            const auto s = detail::csv_split_record(text_, pos_, f, cols_.width);
            next_line_ += s.newlines;
            check_split(s);
            if (s.fields == 1 && f[0].empty()) { // a blank line
                report_.skip("blank line");
                continue;
            }
            ++report_.units_read;
            if (s.fields < cols_.width)
                fail("expected at least " + std::to_string(cols_.width) + " fields, found " + std::to_string(s.fields));
            parse_row(f, r);
            ++report_.records;
            return true;
        }
    }

    [[nodiscard]] const read_report& report() const { return report_; }
    /// 1-based line where the last record returned (or the failing one) starts.
    [[nodiscard]] std::uint64_t line() const { return row_line_; }

    // For readers of the same text in parallel (flow/extract_file.hpp): the mapped text, the
    // offset where the next row starts (after the header, before any next()), the column layout.
    [[nodiscard]] std::string_view text() const { return text_; }
    [[nodiscard]] std::size_t position() const { return pos_; }
    [[nodiscard]] const detail::csv_fast_layout& fast_layout() const { return layout_; }
    /// The text's pages in [begin, end) will not be read again soon (they stay readable).
    void release_text(std::size_t begin, std::size_t end) const { map_.release(begin, end); }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        throw input_error::at_line(report_.file, row_line_, problem);
    }

    void check_split(const detail::csv_split_result& s) const {
        if (s.status == detail::csv_split_status::unterminated_quote) fail("a quoted field never ends");
        if (s.status == detail::csv_split_status::junk_after_quote)
            fail("text after a closing quote (expected ',' or end of line)");
    }

    void read_header() {
        if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
        // Leading blank lines are tolerated; the first non-blank line is the header.
        while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
            if (text_[pos_] == '\n') ++next_line_;
            ++pos_;
        }
        if (pos_ >= text_.size()) throw input_error::at_line(report_.file, 1, "empty file: expected a header row");
        header_line_ = row_line_ = next_line_;
        std::vector<std::string_view> names(256);
        const auto s = detail::csv_split_record(text_, pos_, names.data(), names.size());
        next_line_ += s.newlines;
        check_split(s);
        names.resize(std::min(s.fields, names.size()));
        if (auto missing = detail::csv_columns::locate(names, cols_))
            fail("missing column '" + *missing +
                 "' in the header (expected id,timestamp,protocol,ip_version,"
                 "src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness)");
        fields_.resize(cols_.width);
        layout_ = detail::csv_fast_layout(cols_);
    }

    std::string_view col(const std::string_view* f, detail::csv_column c) const { return f[cols_.at[c]]; }

    void parse_row(const std::string_view* f, packet_record& r) {
        using namespace detail;
        r = packet_record{};
        if (cols_.at[col_id] != csv_no_column) {
            auto id = csv_parse_uint(col(f, col_id), UINT64_MAX);
            if (!id) fail("id: expected a frame number, found '" + std::string(col(f, col_id)) + "'");
            r.id = *id;
        } else {
            r.id = report_.units_read;
        }
        const auto ts = csv_parse_fixed(col(f, col_timestamp), 6);
        if (!ts)
            fail("timestamp: expected milliseconds since the epoch, found '" + std::string(col(f, col_timestamp)) +
                 "'");
        r.timestamp_ns = *ts;
        check_clock(r.timestamp_ns);

        const auto proto = col(f, col_protocol);
        if (proto == "tcp" || proto == "TCP") r.proto = transport::tcp;
        else if (proto == "udp" || proto == "UDP") r.proto = transport::udp;
        else fail("protocol: expected tcp or udp, found '" + std::string(proto) + "'");

        const auto src = csv_parse_ip(col(f, col_src_ip));
        if (!src) fail("src_ip: expected an IPv4 or IPv6 address, found '" + std::string(col(f, col_src_ip)) + "'");
        const auto dst = csv_parse_ip(col(f, col_dst_ip));
        if (!dst) fail("dst_ip: expected an IPv4 or IPv6 address, found '" + std::string(col(f, col_dst_ip)) + "'");
        if (src->family != dst->family) fail("src_ip and dst_ip are of different IP versions");
        r.src = *src;
        r.dst = *dst;
        if (cols_.at[col_ip_version] != csv_no_column) {
            const auto v = col(f, col_ip_version);
            const bool ok = (v == "4" && src->is_v4()) || (v == "6" && src->is_v6());
            if (!ok) fail("ip_version: expected 4 or 6 matching the addresses, found '" + std::string(v) + "'");
        }
        const auto sp = csv_parse_uint(col(f, col_src_port), 65535);
        if (!sp) fail("src_port: expected a port 0..65535, found '" + std::string(col(f, col_src_port)) + "'");
        const auto dp = csv_parse_uint(col(f, col_dst_port), 65535);
        if (!dp) fail("dst_port: expected a port 0..65535, found '" + std::string(col(f, col_dst_port)) + "'");
        r.src_port = static_cast<std::uint16_t>(*sp);
        r.dst_port = static_cast<std::uint16_t>(*dp);

        if (r.is_tcp()) {
            const auto c = csv_parse_uint(col(f, col_tcp_completeness), 63);
            if (!c)
                fail("tcp_completeness: expected a bit set 0..63, found '" + std::string(col(f, col_tcp_completeness)) +
                     "'");
            r.tcp_completeness = static_cast<std::int16_t>(*c);
            const auto rel = csv_parse_fixed(col(f, col_tcp_time_relative), 9);
            if (!rel)
                fail("tcp_time_relative: expected seconds, found '" + std::string(col(f, col_tcp_time_relative)) + "'");
            r.tcp_time_relative_ns = *rel;
        }
        // UDP rows leave the tcp_ fields empty; anything there is ignored, as tshark never fills it.
    }

    void check_clock(std::int64_t t) {
        if (have_time_) {
            if (t < newest_ns_ - max_clock_backstep.count())
                fail("clock jumps back " + std::to_string((newest_ns_ - t) / 1'000'000'000) +
                     " s: the file looks spliced from several captures; split it (e.g. editcap) and pass the parts");
            if (t > newest_ns_ + max_clock_gap.count())
                fail("clock jumps forward " + std::to_string((t - newest_ns_) / 1'000'000'000) +
                     " s: the file looks spliced from several captures; split it (e.g. editcap) and pass the parts");
        }
        if (!have_time_ || t > newest_ns_) newest_ns_ = t;
        have_time_ = true;
    }

    detail::csv_mapped_file map_;
    std::string_view text_;
    bool fast_ = true;
    std::size_t pos_ = 0;
    std::uint64_t next_line_ = 1, row_line_ = 1, header_line_ = 1;
    detail::csv_columns cols_{};
    detail::csv_fast_layout layout_;
    detail::ip_text_cache addresses_;
    read_report report_;
    std::vector<std::string_view> fields_;
    bool have_time_ = false;
    std::int64_t newest_ns_ = 0;
};

} // namespace v0
} // namespace fwsize::io
