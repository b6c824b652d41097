// pcap_reader — classic libpcap files: both byte orders, micro- and nanosecond timestamps, the
// Kuznetsov "modified" variant; streamed through a fixed buffer, so any file size works.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <fwsize/input_error.hpp>
#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/detail/file_buffer.hpp>
#include <fwsize/io/detail/frame_pipeline.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

namespace detail {
/// Classic pcap magic numbers as read little-endian from the first four bytes.
namespace pcap_magic {
inline constexpr std::uint32_t micro = 0xA1B2C3D4, nano = 0xA1B23C4D, modified = 0xA1B2CD34;
inline constexpr std::uint32_t micro_swapped = 0xD4C3B2A1, nano_swapped = 0x4D3CB2A1, modified_swapped = 0x34CDB2A1;
} // namespace pcap_magic

/// Largest record we believe: far above any real snaplen (tshark allows 256 KiB for most links).
inline constexpr std::uint32_t max_record_bytes = 64u << 20;
} // namespace detail

class pcap_reader {
public:
    explicit pcap_reader(const std::filesystem::path& path) : name_(path.string()), in_(path), pipeline_(report_) {
        report_.file = name_;
        if (in_.fill(24) < 24) throw input_error::at_offset(name_, 0, "a 24-byte pcap file header");
        const std::uint8_t* h = in_.data();
        const std::uint32_t magic = detail::load_le32(h);
        using namespace detail::pcap_magic;
        switch (magic) {
        case micro:
            break;
        case nano:
            nano_ = true;
            break;
        case modified:
            header_bytes_ = 24;
            break;
        case micro_swapped:
            bo_.big = true;
            break;
        case nano_swapped:
            bo_.big = true, nano_ = true;
            break;
        case modified_swapped:
            bo_.big = true, header_bytes_ = 24;
            break;
        default:
            throw input_error::at_offset(name_, 0, "a pcap magic number (a1b2c3d4 or a1b23c4d)");
        }
        if (bo_.u16(h + 4) != 2)
            throw input_error::at_offset(name_, 4, "pcap major version 2, found " + std::to_string(bo_.u16(h + 4)));
        snaplen_ = bo_.u32(h + 16);
        // Bits 26-31 carry FCS information (pcap-linktype(7)); the link type is the low 26.
        linktype_ = bo_.u32(h + 20) & 0x03FFFFFFu;
        in_.advance(24);
    }

    /// Next TCP/UDP record; false at the end. Skipped frames are counted in report().
    bool next(packet_record& r) {
        if (done_) return false;
        for (;;) {
            const std::uint64_t at = in_.offset();
            const std::size_t got = in_.fill(header_bytes_);
            if (got == 0) return false;
            if (got < header_bytes_) return truncated(at, "a complete record header");
            const std::uint8_t* h = in_.data();
            const std::uint32_t sec = bo_.u32(h), frac = bo_.u32(h + 4);
            const std::uint32_t caplen = bo_.u32(h + 8), wire = bo_.u32(h + 12);
            if (caplen > detail::max_record_bytes)
                throw input_error::at_offset(name_, at + 8,
                                             "a record length of at most " + std::to_string(detail::max_record_bytes) +
                                                 " bytes, found " + std::to_string(caplen));
            const std::size_t need = header_bytes_ + caplen;
            if (in_.fill(need) < need) return truncated(at, "the record's " + std::to_string(caplen) + " bytes");
            ++frame_;
            ++report_.units_read;
            r.id = frame_;
            // As wiretap: ts_sec unsigned, the fraction scaled to ns in 32 bits (an invalid
            // microsecond field wraps exactly as tshark shows it) and not normalised.
            const std::uint32_t frac_ns = nano_ ? frac : frac * 1000u;
            r.timestamp_ns = static_cast<std::int64_t>(sec) * 1'000'000'000 + frac_ns;
            const bool ok = pipeline_.process(linktype_, in_.data() + header_bytes_, caplen, wire, r);
            in_.advance(need);
            if (caplen > detail::file_buffer::default_buffer) in_.shrink();
            if (ok) {
                ++report_.records;
                return true;
            }
        }
    }

    [[nodiscard]] const read_report& report() const { return report_; }
    [[nodiscard]] std::uint32_t linktype() const { return linktype_; }
    [[nodiscard]] std::uint32_t snaplen() const { return snaplen_; }
    [[nodiscard]] bool nanosecond() const { return nano_; }

private:
    bool truncated(std::uint64_t at, const std::string& expected) {
        report_.warnings.push_back(name_ + ": byte " + std::to_string(at) + ": last record cut short (expected " +
                                   expected + "); every complete packet before it was read");
        done_ = true;
        return false;
    }

    std::string name_;
    detail::file_buffer in_;
    read_report report_;
    detail::frame_pipeline pipeline_;
    detail::endian_loader bo_;
    bool nano_ = false, done_ = false;
    std::size_t header_bytes_ = 16;
    std::uint32_t snaplen_ = 0, linktype_ = 0;
    std::uint64_t frame_ = 0;
};

} // namespace v0
} // namespace fwsize::io
