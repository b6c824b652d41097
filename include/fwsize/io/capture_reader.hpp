// capture_reader — open any capture fwsize reads, recognised by its magic number (never its name):
// classic pcap (either byte order, micro/nano), pcapng, otherwise the seed CSV schema.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <variant>

#include <fwsize/input_error.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/packet_source.hpp>
#include <fwsize/io/pcap_reader.hpp>
#include <fwsize/io/pcapng_reader.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

enum class capture_format : std::uint8_t { pcap, pcapng, csv };

inline const char* to_string(capture_format f) {
    switch (f) {
    case capture_format::pcap:
        return "pcap";
    case capture_format::pcapng:
        return "pcapng";
    default:
        return "csv";
    }
}

/// The format the first bytes of `path` announce. Throws input_error for compressed files.
inline capture_format detect_capture_format(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error::in_file(path.string(), "cannot open the file for reading");
    std::array<std::uint8_t, 4> m{};
    in.read(reinterpret_cast<char*>(m.data()), 4);
    if (in.gcount() < 4) return capture_format::csv; // too short for a capture: let the CSV reader say why
    const std::uint32_t le = detail::load_le32(m.data());
    using namespace detail::pcap_magic;
    if (le == micro || le == nano || le == modified || le == micro_swapped || le == nano_swapped ||
        le == modified_swapped)
        return capture_format::pcap;
    if (le == detail::pcapng_block::section_header) return capture_format::pcapng;
    if (m[0] == 0x1F && m[1] == 0x8B)
        throw input_error::at_offset(path.string(), 0, "an uncompressed capture (this one is gzip: gunzip it first)");
    return capture_format::csv;
}

/// Any of the readers behind one movable packet_source.
class any_packet_source {
public:
    using alternatives =
        std::variant<std::unique_ptr<pcap_reader>, std::unique_ptr<pcapng_reader>, std::unique_ptr<csv_reader>>;

    explicit any_packet_source(alternatives a) : a_(std::move(a)) {}

    bool next(packet_record& r) {
        return std::visit([&](auto& p) { return p->next(r); }, a_);
    }
    [[nodiscard]] const read_report& report() const {
        return std::visit([](const auto& p) -> const read_report& { return p->report(); }, a_);
    }
    [[nodiscard]] capture_format format() const { return static_cast<capture_format>(a_.index()); }

private:
    alternatives a_;
};

static_assert(packet_source<any_packet_source>);

/// Opens `path` with the reader its magic number calls for.
inline any_packet_source open_capture(const std::filesystem::path& path) {
    switch (detect_capture_format(path)) {
    case capture_format::pcap:
        return any_packet_source(std::make_unique<pcap_reader>(path));
    case capture_format::pcapng:
        return any_packet_source(std::make_unique<pcapng_reader>(path));
    default:
        return any_packet_source(std::make_unique<csv_reader>(path));
    }
}

} // namespace v0
} // namespace fwsize::io
