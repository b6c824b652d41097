// Test helpers: build frames and capture files byte by byte, so reader tests need no fixtures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace fwsize::test {

using bytes = std::vector<std::uint8_t>;

inline void put16(bytes& b, std::uint16_t v, bool big = true) {
    if (big) b.insert(b.end(), {std::uint8_t(v >> 8), std::uint8_t(v)});
    else b.insert(b.end(), {std::uint8_t(v), std::uint8_t(v >> 8)});
}
inline void put32(bytes& b, std::uint32_t v, bool big = true) {
    if (big) {
        put16(b, std::uint16_t(v >> 16), true);
        put16(b, std::uint16_t(v), true);
    } else {
        put16(b, std::uint16_t(v), false);
        put16(b, std::uint16_t(v >> 16), false);
    }
}
inline void append(bytes& b, const bytes& more) {
    b.insert(b.end(), more.begin(), more.end());
}

struct tcp_seg {
    std::uint16_t sport = 40000, dport = 443;
    std::uint32_t seq = 1000;
    std::uint8_t flags = 0x02;
    std::uint32_t payload = 0;
};

inline bytes tcp_header(const tcp_seg& s) {
    bytes b;
    put16(b, s.sport);
    put16(b, s.dport);
    put32(b, s.seq);
    put32(b, 0);
    b.push_back(5 << 4);
    b.push_back(s.flags);
    put16(b, 65535);
    put16(b, 0);
    put16(b, 0);
    b.insert(b.end(), s.payload, std::uint8_t{0xAB});
    return b;
}
inline bytes udp_header(std::uint16_t sport, std::uint16_t dport, std::uint32_t payload = 4) {
    bytes b;
    put16(b, sport);
    put16(b, dport);
    put16(b, std::uint16_t(8 + payload));
    put16(b, 0);
    b.insert(b.end(), payload, std::uint8_t{0x11});
    return b;
}
/// IPv4 header around `l4`; `frag` is the raw flags/offset field.
inline bytes ipv4(std::uint8_t proto, const bytes& l4, std::uint8_t last_src = 10, std::uint8_t last_dst = 20,
                  std::uint16_t id = 1, std::uint16_t frag = 0, int option_words = 0) {
    bytes b;
    b.push_back(std::uint8_t(0x40 | (5 + option_words)));
    b.push_back(0);
    put16(b, std::uint16_t(20 + 4 * option_words + l4.size()));
    put16(b, id);
    put16(b, frag);
    b.push_back(64);
    b.push_back(proto);
    put16(b, 0);
    b.insert(b.end(), {192, 168, 1, last_src, 93, 184, 216, last_dst});
    for (int i = 0; i < option_words; ++i) b.insert(b.end(), {1, 1, 1, 1}); // NOPs
    append(b, l4);
    return b;
}
/// IPv6 header (src 2001:db8::a, dst 2001:db8::b) around pre-built extension headers + `l4`.
inline bytes ipv6(std::uint8_t next, const bytes& rest) {
    bytes b{0x60, 0, 0, 0};
    put16(b, std::uint16_t(rest.size()));
    b.push_back(next);
    b.push_back(64);
    bytes src(16, 0), dst(16, 0);
    src[0] = dst[0] = 0x20;
    src[1] = dst[1] = 0x01;
    src[2] = dst[2] = 0x0d;
    src[3] = dst[3] = 0xb8;
    src[15] = 0x0a;
    dst[15] = 0x0b;
    append(b, src);
    append(b, dst);
    append(b, rest);
    return b;
}
inline bytes ethernet(const bytes& payload, std::uint16_t type = 0x0800,
                      std::initializer_list<std::uint16_t> tags = {}) {
    bytes b{0x02, 0, 0, 0, 0, 0xBB, 0x02, 0, 0, 0, 0, 0xAA};
    for (auto t : tags) {
        put16(b, t);
        put16(b, 7);
    }
    put16(b, type);
    append(b, payload);
    return b;
}

struct frame {
    std::uint32_t sec = 1700000000, frac = 0;
    bytes data;
    std::uint32_t caplen_cut = 0; ///< if nonzero, record only this many bytes (snaplen)
};

inline bytes pcap_file(std::uint32_t linktype, const std::vector<frame>& frames, bool big = false, bool nano = false) {
    bytes b;
    put32(b, nano ? 0xA1B23C4D : 0xA1B2C3D4, big);
    put16(b, 2, big);
    put16(b, 4, big);
    put32(b, 0, big);
    put32(b, 0, big);
    put32(b, 65535, big);
    put32(b, linktype, big);
    for (const auto& f : frames) {
        const std::uint32_t cap = f.caplen_cut ? f.caplen_cut : std::uint32_t(f.data.size());
        put32(b, f.sec, big);
        put32(b, f.frac, big);
        put32(b, cap, big);
        put32(b, std::uint32_t(f.data.size()), big);
        b.insert(b.end(), f.data.begin(), f.data.begin() + cap);
    }
    return b;
}

inline std::filesystem::path write_temp(const std::string& name, const bytes& b) {
    const auto dir = std::filesystem::temp_directory_path() / "fwsize-io-tests";
    std::filesystem::create_directories(dir);
    const auto p = dir / name;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
    return p;
}

} // namespace fwsize::test
