// read_outcome — read one file to its end through a fwsize reader and classify what happened, for
// the sanitizer corpus driver and the libFuzzer targets. Anything but records or an input_error
// that says where (byte offset for captures, line for CSV) is a defect.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <string>

#include <fwsize/input_error.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_writer.hpp>

namespace fwsize::fuzz {

/// Swallows output: rows are formatted (that code runs under the sanitizers too) but not kept.
class null_buffer : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

struct read_outcome {
    std::uint64_t records = 0, frames = 0, skipped = 0, warnings = 0;
    bool input_error = false;
    bool located = false; ///< the input_error names a byte offset (captures) or a line (CSV)
    std::string message;
};

/// Reads every record of `src`, writing each as a seed CSV row to nowhere.
template <class Source>
read_outcome drain(Source& src, bool expect_line) {
    read_outcome o;
    null_buffer nb;
    std::ostream sink(&nb);
    io::packet_record r;
    try {
        while (src.next(r)) {
            io::write_seed_csv_row(sink, r);
            ++o.records;
        }
    } catch (const input_error& e) {
        o.input_error = true;
        o.located = expect_line ? e.where().line.has_value() : e.where().byte_offset.has_value();
        o.message = e.what();
    }
    const auto& rep = src.report();
    o.frames = rep.units_read;
    o.skipped = rep.skipped_total();
    o.warnings = rep.warnings.size();
    return o;
}

/// Opens `path` as its magic number says (constructor errors count as input errors too).
inline read_outcome read_any(const std::filesystem::path& path) {
    bool csv = false;
    try {
        csv = io::detect_capture_format(path) == io::capture_format::csv;
        auto src = io::open_capture(path);
        return drain(src, csv);
    } catch (const input_error& e) {
        read_outcome o;
        o.input_error = true;
        o.located = csv ? e.where().line.has_value() : e.where().byte_offset.has_value();
        o.message = e.what();
        return o;
    }
}

/// The same for one reader type, as each format's fuzz target needs.
template <class Reader>
read_outcome read_with(const std::filesystem::path& path, bool expect_line) {
    try {
        Reader reader(path);
        return drain(reader, expect_line);
    } catch (const input_error& e) {
        read_outcome o;
        o.input_error = true;
        o.located = expect_line ? e.where().line.has_value() : e.where().byte_offset.has_value();
        o.message = e.what();
        return o;
    }
}

} // namespace fwsize::fuzz
