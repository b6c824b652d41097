// pcapng_reader — pcapng files: several sections (each in its own byte order), several interfaces
// with their own link type, if_tsresol and if_tsoffset; enhanced, simple and obsolete packet blocks;
// every other block skipped by its length. Streamed: one block in memory at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <fwsize/input_error.hpp>
#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/detail/file_buffer.hpp>
#include <fwsize/io/detail/frame_pipeline.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

namespace detail {
namespace pcapng_block {
inline constexpr std::uint32_t section_header = 0x0A0D0D0A, interface_description = 1, obsolete_packet = 2,
                               simple_packet = 3, enhanced_packet = 6;
}
inline constexpr std::uint32_t pcapng_byte_order_magic = 0x1A2B3C4D;
inline constexpr std::uint32_t max_block_bytes = 64u << 20;
} // namespace detail

class pcapng_reader {
public:
    explicit pcapng_reader(const std::filesystem::path& path) : name_(path.string()), in_(path), pipeline_(report_) {
        report_.file = name_;
        if (in_.fill(12) < 12 || detail::load_le32(in_.data()) != detail::pcapng_block::section_header)
            throw input_error::at_offset(name_, 0, "a pcapng section header block");
    }

    bool next(packet_record& r) {
        using namespace detail::pcapng_block;
        while (!done_) {
            const std::uint64_t at = in_.offset();
            const std::size_t got = in_.fill(12);
            if (got == 0) return false;
            if (got < 12) return truncated(at, "a complete block header");
            const std::uint8_t* h = in_.data();
            std::uint32_t type = bo_.u32(h);
            if (detail::load_le32(h) == section_header) {
                type = section_header;
                const std::uint32_t bom = detail::load_le32(h + 8);
                if (bom == detail::pcapng_byte_order_magic) bo_.big = false;
                else if (bom == 0x4D3C2B1Au) bo_.big = true;
                else throw input_error::at_offset(name_, at + 8, "the pcapng byte-order magic 1a2b3c4d");
            }
            const std::uint32_t len = bo_.u32(h + 4);
            if (len < 12 || len % 4 != 0 || len > detail::max_block_bytes)
                throw input_error::at_offset(name_, at + 4,
                                             "a block length that is a multiple of 4 between 12 and " +
                                                 std::to_string(detail::max_block_bytes) + ", found " +
                                                 std::to_string(len));
            if (in_.fill(len) < len) return truncated(at, "the block's " + std::to_string(len) + " bytes");
            const std::uint8_t* b = in_.data();
            if (bo_.u32(b + len - 4) != len)
                throw input_error::at_offset(name_, at + len - 4, "the trailing block length " + std::to_string(len));
            const std::uint8_t* body = b + 8;
            const std::uint32_t body_len = len - 12;
            bool produced = false;
            switch (type) {
            case section_header:
                section(at, body, body_len);
                break;
            case interface_description:
                interface(at, body, body_len);
                break;
            case enhanced_packet:
                produced = packet(at, body, body_len, 20, r);
                break;
            case obsolete_packet:
                produced = packet(at, body, body_len, 20, r, true);
                break;
            case simple_packet:
                produced = packet(at, body, body_len, 4, r);
                break;
            default:
                break; // name resolution, statistics, secrets, custom: not packets
            }
            in_.advance(len);
            if (len > detail::file_buffer::default_buffer) in_.shrink();
            if (produced) {
                ++report_.records;
                return true;
            }
        }
        return false;
    }

    [[nodiscard]] const read_report& report() const { return report_; }
    [[nodiscard]] std::size_t interfaces() const { return ifaces_.size(); }

private:
    struct iface {
        std::uint32_t linktype = 0, snaplen = 0;
        std::uint64_t units_per_second = 1'000'000; ///< default if_tsresol: microseconds
        std::int64_t offset_s = 0;
    };

    void section(std::uint64_t at, const std::uint8_t* body, std::uint32_t n) {
        if (n < 16) throw input_error::at_offset(name_, at, "a section header body of at least 16 bytes");
        if (bo_.u16(body + 4) != 1)
            throw input_error::at_offset(name_, at + 12,
                                         "pcapng major version 1, found " + std::to_string(bo_.u16(body + 4)));
        ifaces_.clear(); // interface ids are per section
    }

    void interface(std::uint64_t at, const std::uint8_t* body, std::uint32_t n) {
        if (n < 8) throw input_error::at_offset(name_, at, "an interface description body of at least 8 bytes");
        iface f;
        f.linktype = bo_.u16(body);
        f.snaplen = bo_.u32(body + 4);
        for (std::uint32_t o = 8; o + 4 <= n;) {
            const std::uint16_t code = bo_.u16(body + o), olen = bo_.u16(body + o + 2);
            if (code == 0) break;
            if (o + 4 + olen > n) throw input_error::at_offset(name_, at + 8 + o, "an option within its block");
            const std::uint8_t* v = body + o + 4;
            if (code == 9 && olen >= 1) {
                const unsigned e = v[0] & 0x7Fu;
                if ((v[0] & 0x80u) ? e > 63 : e > 19)
                    throw input_error::at_offset(name_, at + 12 + o, "an if_tsresol below 2^-63 or 10^-19");
                f.units_per_second = 1;
                for (unsigned i = 0; i < e; ++i) f.units_per_second *= (v[0] & 0x80u) ? 2 : 10;
            } else if (code == 14 && olen >= 8) {
                f.offset_s = static_cast<std::int64_t>(bo_.u64(v));
            }
            o += 4 + ((olen + 3u) & ~3u);
        }
        ifaces_.push_back(f);
    }

    bool packet(std::uint64_t at, const std::uint8_t* body, std::uint32_t n, std::uint32_t fixed, packet_record& r,
                bool obsolete = false) {
        if (n < fixed)
            throw input_error::at_offset(name_, at,
                                         "a packet block body of at least " + std::to_string(fixed) + " bytes");
        const std::uint32_t id = fixed == 4 ? 0 : obsolete ? bo_.u16(body) : bo_.u32(body);
        if (id >= ifaces_.size())
            throw input_error::at_offset(name_, at + 8,
                                         "an interface id below " + std::to_string(ifaces_.size()) +
                                             " (interfaces described so far), found " + std::to_string(id));
        const iface& f = ifaces_[id];
        std::uint32_t caplen, wire;
        std::int64_t ts_ns = 0;
        bool ts_range = true;
        if (fixed == 4) {
            wire = bo_.u32(body);
            caplen = std::min(wire, n - 4);
            if (f.snaplen != 0 && caplen > f.snaplen) caplen = f.snaplen;
        } else {
            caplen = bo_.u32(body + 12);
            wire = bo_.u32(body + 16);
            if (caplen > n - fixed)
                throw input_error::at_offset(name_, at + 20,
                                             "a captured length within the block (" + std::to_string(n - fixed) +
                                                 " bytes), found " + std::to_string(caplen));
            const std::uint64_t ts = (std::uint64_t{bo_.u32(body + 4)} << 32) | bo_.u32(body + 8);
            // As wiretap: whole seconds, then the remainder scaled in 64-bit arithmetic.
            const std::uint64_t u = f.units_per_second;
            // Constant divisors for the common resolutions (µs, ns): a run-time 64-bit division
            // costs tens of cycles, twice per packet.
            std::uint64_t whole, nsecs_u;
            if (u == 1'000'000) whole = ts / 1'000'000, nsecs_u = (ts % 1'000'000) * 1'000;
            else if (u == 1'000'000'000) whole = ts / 1'000'000'000, nsecs_u = ts % 1'000'000'000;
            else whole = ts / u, nsecs_u = ((ts % u) * 1'000'000'000ull) / u;
            const auto nsecs = static_cast<std::int64_t>(nsecs_u);
            // A (corrupt) time past year 2262 has no int64 nanosecond value: counted, not wrapped.
            std::int64_t secs = 0;
            ts_range = whole <= static_cast<std::uint64_t>(INT64_MAX) &&
                       !__builtin_add_overflow(static_cast<std::int64_t>(whole), f.offset_s, &secs) &&
                       !__builtin_mul_overflow(secs, std::int64_t{1'000'000'000}, &ts_ns) &&
                       !__builtin_add_overflow(ts_ns, nsecs, &ts_ns);
        }
        ++frame_;
        ++report_.units_read;
        if (!ts_range) {
            report_.skip("timestamp outside the int64 nanosecond range (years 1677-2262)");
            return false;
        }
        r.id = frame_;
        r.timestamp_ns = ts_ns;
        return pipeline_.process(f.linktype, body + fixed, caplen, wire, r);
    }

    bool truncated(std::uint64_t at, const std::string& expected) {
        report_.warnings.push_back(name_ + ": byte " + std::to_string(at) + ": last block cut short (expected " +
                                   expected + "); every complete packet before it was read");
        done_ = true;
        return false;
    }

    std::string name_;
    detail::file_buffer in_;
    read_report report_;
    detail::frame_pipeline pipeline_;
    detail::endian_loader bo_;
    std::vector<iface> ifaces_;
    std::uint64_t frame_ = 0;
    bool done_ = false;
};

} // namespace v0
} // namespace fwsize::io
